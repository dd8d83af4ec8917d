"""Every response of the tuning-job operations and of the reads and stops of their training
jobs, in every state a job can be in, walked through botocore's own output shapes
(sagemaker-api.md §1.4, §2, §4); the checker itself is tested in
test_conformance_shape_checker.py.

One emulator on the manual clock runs a set of tuning jobs chosen to reach every state:

* conf-complete  the blog request with plenty of capacity -> Completed; one of its children is
                 stopped directly with StopTrainingJob (training Stopping/Stopped)
* conf-ice       the blog request on two instance types at capacity 0 -> children wait in
                 Starting with the ICE message, fail with CapacityError; the tuning job Failed
* conf-stop      the blog request, StopHyperParameterTuningJob while running -> Stopping, Stopped
* conf-grid, conf-hyperband, conf-bayesian-full, conf-multi, conf-warm: the other request forms
  (tuning_request_forms.py: Grid + ResourceConfig, Hyperband + StrategyConfig, Bayesian with
  every optional member, TrainingJobDefinitions, WarmStartConfig) so that their echoes are
  walked as well

The clock moves in 10 s steps through the training phases (Starting, Downloading, Training,
Uploading), then in 300 s steps to the end. After every step the test lists and describes
everything through a boto3 client whose raw responses are recorded (botocore's after-call
event exposes the bytes), and then walks each raw body against the output shape of its
operation: every required member present, no member the model does not know (the walk stops
at the first one), JSON types exact (integer vs number vs string vs boolean), timestamps JSON
numbers of epoch seconds with at most 3 decimals, enum values legal, string lengths and
patterns, list and map sizes, no nulls.
"""

import unittest

import botocore.exceptions

from emulator_process import EmulatorTestCase
from model_conformance import (
    IMPLEMENTED_OPERATIONS, ConformanceError, RawCapture, ShapeChecker, check_error_body,
    error_of, service_model, strict_json)
from sagemaker_requests import CAPACITY_ERROR, ICE_STATUS_MESSAGE, blog_tuning_request
from tuning_request_forms import variety_requests, warm_start_request
from tuning_run import TERMINAL_TRAINING, TERMINAL_TUNING, list_training_jobs_by_pages

DRY_TYPES = ("ml.c5.xlarge", "ml.c5.2xlarge")
FINE_STEP_S = 10
FINE_UNTIL_S = 1500
COARSE_STEP_S = 300
MAX_COARSE_STEPS = 300
STOP_CHILD_AT_S = 200
STOP_TUNING_AT_S = 300

REQUIRED_TUNING_STATUSES = {"InProgress", "Completed", "Failed", "Stopping", "Stopped"}
REQUIRED_TRAINING_STATES = {
    ("InProgress", "Starting"), ("InProgress", "Downloading"), ("InProgress", "Training"),
    ("InProgress", "Uploading"), ("Completed", "Completed"), ("Failed", "Failed"),
    ("Stopping", "Stopping"), ("Stopped", "Stopped"),
}


class ConformanceFlowTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        cls.capture = RawCapture(cls.client)
        cls.tuning_names = []
        cls.creation_errors = {}
        cls.described = {}            # training job -> (status, secondary, last modified)
        cls.expected_errors = []      # (label, operation, expected code, exchange index)
        cls.stopped_child = None
        cls.snapshots = 0
        with emu.showing_log_on_error():
            cls.drive()

    # ---- driving ------------------------------------------------------------------------
    @classmethod
    def create(cls, request, tolerant=False):
        name = request["HyperParameterTuningJobName"]
        try:
            cls.client.create_hyper_parameter_tuning_job(**request)
        except botocore.exceptions.ClientError as err:
            if not tolerant:
                raise
            cls.creation_errors[name] = error_of(err)
            return
        cls.tuning_names.append(name)

    @classmethod
    def drive(cls):
        emu = cls.emu
        emu.set_capacity([{"instanceType": t, "capacity": 0} for t in DRY_TYPES])
        cls.create(blog_tuning_request("conf-complete"))
        ice = blog_tuning_request("conf-ice")
        ice["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"]["InstanceConfigs"] = [
            {"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in DRY_TYPES]
        cls.create(ice)
        cls.create(blog_tuning_request("conf-stop"))
        for request in variety_requests().values():
            cls.create(request, tolerant=True)
        cls.snapshot()

        elapsed = 0
        warm_created = False
        while elapsed < FINE_UNTIL_S:
            emu.advance(FINE_STEP_S)
            elapsed += FINE_STEP_S
            cls.snapshot()
            if elapsed == STOP_CHILD_AT_S:
                cls.stop_one_child("conf-complete")
                cls.snapshot()
            if elapsed == STOP_TUNING_AT_S:
                cls.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="conf-stop")
                cls.snapshot()
            if not warm_created and cls.tuning_status("conf-complete") in TERMINAL_TUNING:
                cls.create(warm_start_request("conf-complete"), tolerant=True)
                warm_created = True
        for _ in range(MAX_COARSE_STEPS):
            if cls.everything_terminal():
                break
            emu.advance(COARSE_STEP_S)
            cls.snapshot()
            if not warm_created and cls.tuning_status("conf-complete") in TERMINAL_TUNING:
                cls.create(warm_start_request("conf-complete"), tolerant=True)
                warm_created = True
        cls.snapshot(full=True)
        cls.provoke_errors()

    @classmethod
    def tuning_status(cls, name):
        return cls.client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=name)["HyperParameterTuningJobStatus"]

    @classmethod
    def everything_terminal(cls):
        for name in cls.tuning_names:
            if cls.tuning_status(name) not in TERMINAL_TUNING:
                return False
        return all(state[0] in TERMINAL_TRAINING for state in cls.described.values())

    @classmethod
    def stop_one_child(cls, tuning_name):
        summaries = cls.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=tuning_name, MaxResults=100,
            StatusEquals="InProgress")["TrainingJobSummaries"]
        for summary in summaries:
            name = summary["TrainingJobName"]
            if cls.client.describe_training_job(TrainingJobName=name)["SecondaryStatus"] == "Training":
                cls.client.stop_training_job(TrainingJobName=name)
                cls.stopped_child = name
                return
        raise AssertionError("no child of %s in Training at %d s to stop: %r"
                             % (tuning_name, STOP_CHILD_AT_S, summaries))

    @classmethod
    def snapshot(cls, full=False):
        """Lists and describes everything (raw bodies recorded by the capture)."""
        cls.snapshots += 1
        client = cls.client
        every_tenth = full or cls.snapshots % 10 == 1
        # ListHyperParameterTuningJobs: by pages of 3, and with filters now and then
        token = None
        while True:
            kwargs = {"MaxResults": 3}
            if token:
                kwargs["NextToken"] = token
            token = client.list_hyper_parameter_tuning_jobs(**kwargs).get("NextToken")
            if not token:
                break
        if every_tenth:
            client.list_hyper_parameter_tuning_jobs(SortBy="CreationTime", SortOrder="Descending",
                                                    NameContains="conf", MaxResults=100)
            client.list_hyper_parameter_tuning_jobs(StatusEquals="InProgress", SortBy="Status")
        for name in cls.tuning_names:
            client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
            client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=name, MaxResults=100)
            if every_tenth:
                client.list_training_jobs_for_hyper_parameter_tuning_job(
                    HyperParameterTuningJobName=name, SortBy="FinalObjectiveMetricValue",
                    SortOrder="Descending", MaxResults=2)
                client.list_training_jobs_for_hyper_parameter_tuning_job(
                    HyperParameterTuningJobName=name, StatusEquals="Failed", SortBy="CreationTime")
        # ListTrainingJobs by pages of 100; describe every job whose state moved
        summaries, _ = list_training_jobs_by_pages(client, page_size=100)
        if every_tenth:
            client.list_training_jobs(StatusEquals="InProgress", SortBy="Name", MaxResults=5)
            client.list_training_jobs(NameContains="conf-complete", SortOrder="Descending")
        for s in summaries:
            state = (s["TrainingJobStatus"], s.get("SecondaryStatus"), s.get("LastModifiedTime"))
            if full or cls.described.get(s["TrainingJobName"]) != state:
                client.describe_training_job(TrainingJobName=s["TrainingJobName"])
                cls.described[s["TrainingJobName"]] = state

    @classmethod
    def provoke_errors(cls):
        client = cls.client
        completed_child = next(n for n, st in cls.described.items()
                               if st[0] == "Completed" and n.startswith("conf-complete-"))
        calls = [
            ("describe a missing tuning job", "describe_hyper_parameter_tuning_job",
             {"HyperParameterTuningJobName": "conf-missing"}, "ResourceNotFound"),
            ("stop a missing tuning job", "stop_hyper_parameter_tuning_job",
             {"HyperParameterTuningJobName": "conf-missing"}, "ResourceNotFound"),
            ("stop a completed tuning job", "stop_hyper_parameter_tuning_job",
             {"HyperParameterTuningJobName": "conf-complete"}, "ValidationException"),
            ("list children of a missing tuning job",
             "list_training_jobs_for_hyper_parameter_tuning_job",
             {"HyperParameterTuningJobName": "conf-missing"}, "ResourceNotFound"),
            ("describe a missing training job", "describe_training_job",
             {"TrainingJobName": "conf-missing-001-00000000"}, "ValidationException"),
            ("stop a missing training job", "stop_training_job",
             {"TrainingJobName": "conf-missing-001-00000000"}, "ResourceNotFound"),
            ("stop a completed training job", "stop_training_job",
             {"TrainingJobName": completed_child}, "ValidationException"),
            ("create a tuning job under a used name", "create_hyper_parameter_tuning_job",
             blog_tuning_request("CONF-COMPLETE"), "ResourceInUse"),
        ]
        for label, method, kwargs, code in calls:
            index = len(cls.capture.exchanges)
            try:
                getattr(client, method)(**kwargs)
            except botocore.exceptions.ClientError:
                pass
            cls.expected_errors.append((label, method, code, index))

    # ---- helpers ------------------------------------------------------------------------
    def ok_exchanges(self, operation=None):
        return [e for e in self.capture.exchanges
                if e.status == 200 and (operation is None or e.operation == operation)]

    def raw_docs(self, operation):
        return [strict_json(e.body) for e in self.ok_exchanges(operation)]

    # ---- the walk -----------------------------------------------------------------------
    def test_every_response_matches_its_output_shape(self):
        model = service_model()
        checker = ShapeChecker(model)
        for operation in IMPLEMENTED_OPERATIONS:
            with self.subTest(operation=operation):
                exchanges = self.ok_exchanges(operation)
                self.assertTrue(exchanges, "no successful %s was recorded" % operation)
                output = model.operation_model(operation).output_shape
                problems = []
                for exchange in exchanges:
                    try:
                        if output is None:
                            self.assertIn(exchange.body, (b"", b"{}"),
                                          "%s has no output shape: the body must be empty "
                                          "(or {})" % operation)
                            continue
                        checker.check(strict_json(exchange.body), output)
                    except (ConformanceError, ValueError, AssertionError) as err:
                        problems.append((str(err), exchange))
                if problems:
                    distinct = {}
                    for text, exchange in problems:
                        key = text.split(":", 1)[0].split("[")[0]
                        distinct.setdefault(key, (text, exchange))
                    first_text, first_exchange = problems[0]
                    self.fail("%d of %d %s responses do not match %s; first: %s\n  in %s\n"
                              "distinct problems:\n  %s"
                              % (len(problems), len(exchanges), operation, output.name,
                                 first_text, first_exchange.describe(),
                                 "\n  ".join(t for t, _ in distinct.values())))

    def test_every_response_is_json_1_1_with_a_request_id(self):
        request_ids = set()
        for exchange in self.capture.exchanges:
            headers = {k.lower(): v for k, v in exchange.headers.items()}
            with self.subTest(operation=exchange.operation, status=exchange.status):
                self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.1",
                                 exchange.describe())
                self.assertTrue(headers.get("x-amzn-requestid"), exchange.describe())
                self.assertEqual(int(headers.get("content-length", -1)), len(exchange.body))
                self.assertNotIn("content-encoding", headers)
            request_ids.add(headers.get("x-amzn-requestid"))
        self.assertEqual(len(request_ids), len(self.capture.exchanges), "request ids repeat")

    def test_error_responses_use_the_envelope_and_declared_codes(self):
        model = service_model()
        errors = [e for e in self.capture.exchanges if e.status != 200]
        self.assertGreaterEqual(len(errors), len(self.expected_errors))
        for exchange in errors:
            with self.subTest(operation=exchange.operation, body=exchange.body[:200]):
                code, _ = check_error_body(exchange.body, exchange.status)
                declared = {s.name for s in model.operation_model(exchange.operation).error_shapes}
                self.assertIn(code, declared | {"ValidationException"},
                              "%s is neither declared for %s nor ValidationException"
                              % (code, exchange.operation))

    def test_errors_of_the_wrong_state_and_missing_jobs(self):
        for label, method, code, index in self.expected_errors:
            with self.subTest(label):
                self.assertLess(index, len(self.capture.exchanges), "%s sent nothing" % label)
                exchange = self.capture.exchanges[index]
                self.assertNotEqual(exchange.status, 200, "%s succeeded: %s" % (label, exchange.describe()))
                got, message = check_error_body(exchange.body, exchange.status)
                self.assertEqual(got, code, "%s: %s" % (label, message))
                if label == "stop a completed training job":
                    self.assertEqual(message, "The request was rejected because the training job "
                                              "is in status Completed.")
                if label == "describe a missing training job":
                    self.assertEqual(message, "Requested resource not found.")

    # ---- coverage: the walk saw every state ----------------------------------------------
    def test_every_tuning_status_was_walked(self):
        seen = {d["HyperParameterTuningJobStatus"]
                for d in self.raw_docs("DescribeHyperParameterTuningJob")}
        self.assertLessEqual(REQUIRED_TUNING_STATUSES, seen,
                             "tuning statuses never described: %s"
                             % sorted(REQUIRED_TUNING_STATUSES - seen))
        listed = {s["HyperParameterTuningJobStatus"]
                  for d in self.raw_docs("ListHyperParameterTuningJobs")
                  for s in d.get("HyperParameterTuningJobSummaries", [])}
        self.assertLessEqual(REQUIRED_TUNING_STATUSES - {"Stopping"}, listed)

    def test_every_training_state_was_walked(self):
        docs = self.raw_docs("DescribeTrainingJob")
        seen = {(d.get("TrainingJobStatus"), d.get("SecondaryStatus")) for d in docs}
        self.assertLessEqual(REQUIRED_TRAINING_STATES, seen,
                             "training states never described: %s"
                             % sorted(REQUIRED_TRAINING_STATES - seen))
        ice_failed = [d for d in docs if d.get("TrainingJobStatus") == "Failed"
                      and d.get("FailureReason") == CAPACITY_ERROR]
        self.assertTrue(ice_failed, "no training job described as Failed with CapacityError")
        waiting = [d for d in docs if d.get("SecondaryStatus") == "Starting"
                   and any(t.get("StatusMessage") == ICE_STATUS_MESSAGE
                           for t in d.get("SecondaryStatusTransitions", []))]
        self.assertTrue(waiting, "no training job described while waiting with the ICE message")
        self.assertIsNotNone(self.stopped_child)
        stopped = [d for d in docs if d.get("TrainingJobName") == self.stopped_child]
        self.assertIn("Stopped", {d["TrainingJobStatus"] for d in stopped})

    def test_other_request_forms_were_accepted_and_walked(self):
        self.assertEqual(self.creation_errors, {},
                         "tuning jobs the emulator refused (their responses could not be walked)")
        names = {d["HyperParameterTuningJobName"]
                 for d in self.raw_docs("DescribeHyperParameterTuningJob")}
        for name in list(variety_requests()) + ["conf-warm"]:
            self.assertIn(name, names)

    def test_every_implemented_operation_was_exercised(self):
        for operation in IMPLEMENTED_OPERATIONS:
            self.assertTrue(self.ok_exchanges(operation), operation)
        self.assertGreater(len(self.capture.exchanges), 500)

    def test_no_child_keeps_running_after_the_end(self):
        running = {n: s for n, s in self.described.items() if s[0] not in TERMINAL_TRAINING}
        self.assertEqual(running, {})


if __name__ == "__main__":
    unittest.main()
