"""Conformance of CreateTrainingJob, UpdateTrainingJob, DeleteTrainingJob,
DeleteHyperParameterTuningJob and the tag operations (AddTags, ListTags, DeleteTags), and of
DescribeTrainingJob/ListTrainingJobs for standalone training jobs in every state; the same walk
through botocore's output shapes as test_conformance_tuning_jobs.py (sagemaker-api.md §2.5,
§2.7, §2.10–2.15, §3.1, §3.3, §3.4, §3.14). Also boto3's training-job waiter.

Standalone training jobs on the manual clock:
* tj-full      every optional member of CreateTrainingJob, a warm pool (KeepAlivePeriodInSeconds),
               tags -> Starting, Downloading, Training, Uploading, Completed; UpdateTrainingJob
* tj-ice       on an instance type at capacity 0 -> waits with the ICE message, Failed with
               CapacityError (no fallback for plain training jobs, §3.4); then deleted
* tj-stop      StopTrainingJob while training -> Stopping, Stopped; then deleted
* tj-busy      DeleteTrainingJob while running -> ResourceInUse
and a tuning job created with Tags (its ARN and its children's ARNs carry them), deleted at the
end (its children remain).
"""

import copy
import unittest

import botocore.exceptions

from emulator_process import EmulatorTestCase
from model_conformance import (
    TRAINING_JOB_AND_TAG_OPERATIONS, ConformanceError, RawCapture, ShapeChecker, check_error_body,
    service_model, strict_json)
from sagemaker_requests import (
    CAPACITY_ERROR, ICE_STATUS_MESSAGE, basic_training_request, blog_tuning_request, training_arn,
    tuning_arn)
from tuning_run import TERMINAL_TRAINING, TERMINAL_TUNING, list_training_jobs_by_pages

DRY_TYPE = "ml.c5.xlarge"
FINE_STEP_S = 10
FINE_UNTIL_S = 1500
COARSE_STEP_S = 300
MAX_COARSE_STEPS = 200
ACT_AT_S = 150
TUNING_TAGS = [{"Key": "project", "Value": "amt"}, {"Key": "owner", "Value": "ml-team"}]
TRAINING_TAGS = [{"Key": "team", "Value": "ml"}]


def full_training_request(name):
    request = basic_training_request(name)
    request["AlgorithmSpecification"]["EnableSageMakerMetricsTimeSeries"] = True
    request["InputDataConfig"][0].update({
        "ContentType": "text/csv", "CompressionType": "None", "RecordWrapperType": "None",
        "InputMode": "File", "ShuffleConfig": {"Seed": 7}})
    request["InputDataConfig"].append({"ChannelName": "validation", "DataSource": {"S3DataSource": {
        "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/validation/"}}})
    request["OutputDataConfig"] = {"S3OutputPath": "s3://bucket/output/", "KmsKeyId": "alias/my-key",
                                   "CompressionType": "GZIP"}
    request["ResourceConfig"].update({"VolumeKmsKeyId": "alias/my-volume-key",
                                      "KeepAlivePeriodInSeconds": 600})
    request["VpcConfig"] = {"SecurityGroupIds": ["sg-0123456789abcdef0"],
                            "Subnets": ["subnet-0123456789abcdef0"]}
    request["StoppingCondition"] = {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}
    request["Tags"] = copy.deepcopy(TRAINING_TAGS)
    request["EnableNetworkIsolation"] = True
    request["EnableInterContainerTrafficEncryption"] = True
    request["EnableManagedSpotTraining"] = True
    request["CheckpointConfig"] = {"S3Uri": "s3://bucket/checkpoints/", "LocalPath": "/opt/ml/checkpoints"}
    request["DebugHookConfig"] = {
        "S3OutputPath": "s3://bucket/debug/", "LocalPath": "/opt/ml/output/tensors",
        "HookParameters": {"save_interval": "100"},
        "CollectionConfigurations": [{"CollectionName": "losses",
                                      "CollectionParameters": {"save_interval": "10"}}]}
    request["DebugRuleConfigurations"] = [{
        "RuleConfigurationName": "LossNotDecreasing",
        "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
        "InstanceType": "ml.t3.medium", "VolumeSizeInGB": 0,
        "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}}]
    request["TensorBoardOutputConfig"] = {"S3OutputPath": "s3://bucket/tensorboard/",
                                          "LocalPath": "/opt/ml/output/tensorboard"}
    request["ExperimentConfig"] = {"ExperimentName": "exp", "TrialName": "trial",
                                   "TrialComponentDisplayName": "component"}
    request["ProfilerConfig"] = {"S3OutputPath": "s3://bucket/profiler/",
                                 "ProfilingIntervalInMilliseconds": 500,
                                 "ProfilingParameters": {"DataloaderProfilingConfig": "{}"}}
    request["ProfilerRuleConfigurations"] = [{
        "RuleConfigurationName": "ProfilerReport",
        "RuleEvaluatorImage": "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest",
        "RuleParameters": {"rule_to_invoke": "ProfilerReport"}}]
    request["Environment"] = {"MY_FLAG": "1"}
    request["RetryStrategy"] = {"MaximumRetryAttempts": 2}
    request["RemoteDebugConfig"] = {"EnableRemoteDebug": False}
    request["InfraCheckConfig"] = {"EnableInfraCheck": False}
    return request


def tag_set(tags):
    return {(t["Key"], t["Value"]) for t in tags}


class TrainingJobAndTagConformanceTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        cls.capture = RawCapture(cls.client)
        cls.described = {}
        cls.expected_errors = []   # (label, expected code, exchange index, message check)
        cls.results = {}
        with emu.showing_log_on_error():
            cls.drive()

    @classmethod
    def call(cls, label, method, code=None, message=None, **kwargs):
        """Calls the client; with code set the call must fail with it (checked in a test)."""
        index = len(cls.capture.exchanges)
        try:
            result = getattr(cls.client, method)(**kwargs)
        except botocore.exceptions.ClientError as err:
            if code is None:
                raise
            result = err
        if code is not None:
            cls.expected_errors.append((label, code, index, message))
        cls.results[label] = result
        return result

    @classmethod
    def drive(cls):
        emu, client = cls.emu, cls.client
        emu.set_capacity([{"instanceType": DRY_TYPE, "capacity": 0}])
        cls.call("create tj-full", "create_training_job", **full_training_request("tj-full"))
        cls.call("create tj-ice", "create_training_job",
                 **basic_training_request("tj-ice", DRY_TYPE))
        cls.call("create tj-stop", "create_training_job", **basic_training_request("tj-stop"))
        cls.call("create tj-busy", "create_training_job", **basic_training_request("tj-busy"))
        tuning = blog_tuning_request("tags-tuning")
        tuning["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
            "MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2}
        tuning["Tags"] = copy.deepcopy(TUNING_TAGS)
        cls.call("create tags-tuning", "create_hyper_parameter_tuning_job", **tuning)
        cls.call("duplicate training name", "create_training_job", code="ResourceInUse",
                 message="Training job names must be unique within an AWS account and region, and "
                         "a training job with this name already exists (%s)" % training_arn("tj-full"),
                 **basic_training_request("tj-full"))
        cls.snapshot()

        elapsed = 0
        while elapsed < FINE_UNTIL_S:
            emu.advance(FINE_STEP_S)
            elapsed += FINE_STEP_S
            cls.snapshot()
            if elapsed == ACT_AT_S:
                cls.act_while_running()
                cls.snapshot()
        for _ in range(MAX_COARSE_STEPS):
            if cls.everything_terminal():
                break
            emu.advance(COARSE_STEP_S)
            cls.snapshot()
        cls.snapshot(full=True)
        cls.act_at_the_end()
        cls.snapshot(full=True)

    @classmethod
    def act_while_running(cls):
        cls.call("stop tj-stop", "stop_training_job", TrainingJobName="tj-stop")
        cls.call("delete a running training job", "delete_training_job", code="ResourceInUse",
                 TrainingJobName="tj-busy")
        cls.call("delete a running tuning job", "delete_hyper_parameter_tuning_job",
                 code="ValidationException", HyperParameterTuningJobName="tags-tuning")
        cls.call("update profiler and warm pool", "update_training_job", TrainingJobName="tj-full",
                 ProfilerConfig={"ProfilingIntervalInMilliseconds": 1000},
                 ResourceConfig={"KeepAlivePeriodInSeconds": 900})
        cls.call("add tags to a training job", "add_tags", ResourceArn=training_arn("tj-full"),
                 Tags=[{"Key": "stage", "Value": "dev"}, {"Key": "team", "Value": "ml-platform"}])
        cls.call("list tags of a training job", "list_tags", ResourceArn=training_arn("tj-full"))
        cls.call("add tags to a tuning job", "add_tags", ResourceArn=tuning_arn("tags-tuning"),
                 Tags=[{"Key": "added", "Value": "later"}])
        cls.call("list tags of a tuning job", "list_tags", ResourceArn=tuning_arn("tags-tuning"),
                 MaxResults=50)
        cls.call("delete tags of a tuning job", "delete_tags", ResourceArn=tuning_arn("tags-tuning"),
                 TagKeys=["added"])
        cls.call("list tags after delete", "list_tags", ResourceArn=tuning_arn("tags-tuning"))
        cls.call("list tags by upper-case ARN", "list_tags",
                 ResourceArn=training_arn("tj-full").replace("tj-full", "TJ-FULL"))

    @classmethod
    def act_at_the_end(cls):
        children = cls.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="tags-tuning")["TrainingJobSummaries"]
        cls.tagged_child = children[0]["TrainingJobName"] if children else None
        if cls.tagged_child:
            cls.call("list tags of a tuner child", "list_tags", ResourceArn=training_arn(cls.tagged_child))
        cls.call("delete tj-ice", "delete_training_job", TrainingJobName="tj-ice")
        cls.call("delete tj-stop", "delete_training_job", TrainingJobName="tj-stop")
        cls.call("describe a deleted training job", "describe_training_job",
                 code="ValidationException", message="Requested resource not found.",
                 TrainingJobName="tj-ice")
        cls.call("delete tags-tuning", "delete_hyper_parameter_tuning_job",
                 HyperParameterTuningJobName="tags-tuning")
        cls.call("describe a deleted tuning job", "describe_hyper_parameter_tuning_job",
                 code="ResourceNotFound", HyperParameterTuningJobName="tags-tuning")
        if cls.tagged_child:
            cls.call("describe a child of a deleted tuning job", "describe_training_job",
                     TrainingJobName=cls.tagged_child)
        cls.call("reuse a deleted training job name", "create_training_job",
                 **basic_training_request("tj-stop"))
        cls.call("stop a completed training job", "stop_training_job", code="ValidationException",
                 message="The request was rejected because the training job is in status Completed.",
                 TrainingJobName="tj-busy")
        cls.call("delete a missing training job", "delete_training_job", code="ResourceNotFound",
                 TrainingJobName="tj-missing")
        cls.call("delete a missing tuning job", "delete_hyper_parameter_tuning_job",
                 code="ValidationException", HyperParameterTuningJobName="tuning-missing")
        cls.call("update a missing training job", "update_training_job", code="ResourceNotFound",
                 TrainingJobName="tj-missing", ResourceConfig={"KeepAlivePeriodInSeconds": 60})
        cls.call("add tags to a missing resource", "add_tags", code="ValidationException",
                 message="Resource does not exist", ResourceArn=training_arn("tj-missing"), Tags=[{"Key": "a", "Value": "b"}])
        cls.call("list tags of a missing resource", "list_tags", code="ValidationException",
                 ResourceArn=training_arn("tj-missing"))
        cls.call("delete tags of a missing resource", "delete_tags", code="ValidationException",
                 ResourceArn=training_arn("tj-missing"), TagKeys=["a"])
        cls.call("delete a tag that is not there", "delete_tags", ResourceArn=training_arn("tj-busy"),
                 TagKeys=["not-there"])

    @classmethod
    def everything_terminal(cls):
        for name in ("tags-tuning",):
            status = cls.client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=name)["HyperParameterTuningJobStatus"]
            if status not in TERMINAL_TUNING:
                return False
        return all(state[0] in TERMINAL_TRAINING for state in cls.described.values())

    @classmethod
    def snapshot(cls, full=False):
        client = cls.client
        summaries, _ = list_training_jobs_by_pages(client, page_size=100)
        client.list_training_jobs(WarmPoolStatusEquals="Available")
        for s in summaries:
            state = (s["TrainingJobStatus"], s.get("SecondaryStatus"), s.get("LastModifiedTime"))
            if full or cls.described.get(s["TrainingJobName"]) != state:
                client.describe_training_job(TrainingJobName=s["TrainingJobName"])
                cls.described[s["TrainingJobName"]] = state
                if full:
                    client.list_tags(ResourceArn=training_arn(s["TrainingJobName"]))

    # ---- helpers ------------------------------------------------------------------------
    def ok_exchanges(self, operation):
        return [e for e in self.capture.exchanges if e.status == 200 and e.operation == operation]

    def result(self, label):
        value = self.results.get(label)
        self.assertIsNotNone(value, "%s was never called" % label)
        if isinstance(value, Exception):
            self.fail("%s failed: %s" % (label, value))
        return value

    # ---- the walk -----------------------------------------------------------------------
    def test_every_response_matches_its_output_shape(self):
        model = service_model()
        checker = ShapeChecker(model)
        for operation in TRAINING_JOB_AND_TAG_OPERATIONS + ("DescribeTrainingJob", "ListTrainingJobs"):
            with self.subTest(operation=operation):
                exchanges = self.ok_exchanges(operation)
                self.assertTrue(exchanges, "no successful %s was recorded" % operation)
                output = model.operation_model(operation).output_shape
                for exchange in exchanges:
                    try:
                        if output is None:
                            self.assertIn(exchange.body, (b"", b"{}"), exchange.describe())
                        else:
                            checker.check(strict_json(exchange.body), output)
                    except (ConformanceError, ValueError) as err:
                        self.fail("%s\n  in %s" % (err, exchange.describe()))

    def test_error_responses_use_the_envelope_and_declared_codes(self):
        model = service_model()
        for exchange in [e for e in self.capture.exchanges if e.status != 200]:
            with self.subTest(operation=exchange.operation, body=exchange.body[:200]):
                code, _ = check_error_body(exchange.body, exchange.status)
                declared = {s.name for s in model.operation_model(exchange.operation).error_shapes}
                self.assertIn(code, declared | {"ValidationException"})

    def test_expected_errors(self):
        for label, code, index, message in self.expected_errors:
            with self.subTest(label):
                exchange = self.capture.exchanges[index]
                self.assertNotEqual(exchange.status, 200, "%s succeeded" % label)
                got, text = check_error_body(exchange.body, exchange.status)
                self.assertEqual(got, code, "%s: %s" % (label, text))
                if message is not None:
                    self.assertEqual(text, message)

    # ---- states -------------------------------------------------------------------------
    def standalone_docs(self, name):
        return [strict_json(e.body) for e in self.ok_exchanges("DescribeTrainingJob")
                if strict_json(e.body)["TrainingJobName"] == name]

    def test_full_job_walks_every_phase_and_completes(self):
        docs = self.standalone_docs("tj-full")
        seen = {(d["TrainingJobStatus"], d["SecondaryStatus"]) for d in docs}
        for state in (("InProgress", "Starting"), ("InProgress", "Downloading"),
                      ("InProgress", "Training"), ("InProgress", "Uploading"),
                      ("Completed", "Completed")):
            self.assertIn(state, seen)
        last = docs[-1]
        self.assertNotIn("TuningJobArn", last)
        self.assertEqual(last["ResourceConfig"]["KeepAlivePeriodInSeconds"], 900,
                         "UpdateTrainingJob's KeepAlivePeriodInSeconds not applied")
        self.assertEqual(last["ProfilerConfig"]["ProfilingIntervalInMilliseconds"], 1000)
        self.assertIn("WarmPoolStatus", last)
        for key in ("DebugHookConfig", "TensorBoardOutputConfig", "ExperimentConfig",
                    "DebugRuleConfigurations", "ProfilerRuleConfigurations", "Environment",
                    "RetryStrategy", "VpcConfig", "CheckpointConfig"):
            self.assertIn(key, last, "%s not echoed by DescribeTrainingJob" % key)

    def test_ice_job_waits_then_fails_with_capacity_error(self):
        docs = self.standalone_docs("tj-ice")
        self.assertTrue(any(d["SecondaryStatus"] == "Starting" and any(
            t.get("StatusMessage") == ICE_STATUS_MESSAGE for t in d["SecondaryStatusTransitions"])
            for d in docs))
        failed = [d for d in docs if d["TrainingJobStatus"] == "Failed"]
        self.assertTrue(failed)
        self.assertEqual(failed[-1]["FailureReason"], CAPACITY_ERROR)
        self.assertNotIn("TrainingStartTime", failed[-1])

    def test_stopped_job_passes_through_stopping(self):
        seen = [(d["TrainingJobStatus"], d["SecondaryStatus"]) for d in self.standalone_docs("tj-stop")]
        self.assertIn(("Stopping", "Stopping"), seen)
        self.assertIn(("Stopped", "Stopped"), seen)

    # ---- operations ---------------------------------------------------------------------
    def test_create_training_job_returns_the_arn(self):
        self.assertEqual(self.result("create tj-full")["TrainingJobArn"], training_arn("tj-full"))
        self.assertEqual(self.result("reuse a deleted training job name")["TrainingJobArn"],
                         training_arn("tj-stop"))

    def test_update_returns_the_arn(self):
        self.assertEqual(self.result("update profiler and warm pool")["TrainingJobArn"],
                         training_arn("tj-full"))

    def test_tags(self):
        added = self.result("add tags to a training job")
        self.assertEqual(tag_set(added["Tags"]), {("stage", "dev"), ("team", "ml-platform")})
        self.assertEqual(tag_set(self.result("list tags of a training job")["Tags"]),
                         {("stage", "dev"), ("team", "ml-platform")}, "AddTags must overwrite by key")
        self.assertEqual(tag_set(self.result("list tags of a tuning job")["Tags"]),
                         tag_set(TUNING_TAGS) | {("added", "later")})
        self.assertEqual(tag_set(self.result("list tags after delete")["Tags"]), tag_set(TUNING_TAGS))
        self.assertEqual(tag_set(self.result("list tags by upper-case ARN")["Tags"]),
                         {("stage", "dev"), ("team", "ml-platform")})
        self.assertLessEqual(tag_set(TUNING_TAGS),
                             tag_set(self.result("list tags of a tuner child")["Tags"]),
                             "a tuner child lacks the tuning job's create-time tags")
        delete = [e for e in self.ok_exchanges("DeleteTags")]
        self.assertTrue(delete)
        for exchange in delete:
            self.assertEqual(strict_json(exchange.body), {})

    def test_delete_tuning_job_keeps_its_children(self):
        child = self.result("describe a child of a deleted tuning job")
        self.assertEqual(child["TuningJobArn"], tuning_arn("tags-tuning"))


class TrainingJobWaiterTest(EmulatorTestCase):
    """boto3's training_job_completed_or_stopped waiter (sagemaker-api.md §1.7)."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()

    def test_waiter_sees_completion(self):
        self.client.create_training_job(**basic_training_request("tj-waited"))
        self.client.get_waiter("training_job_completed_or_stopped").wait(
            TrainingJobName="tj-waited", WaiterConfig={"Delay": 1, "MaxAttempts": 30})
        d = self.client.describe_training_job(TrainingJobName="tj-waited")
        self.assertEqual(d["TrainingJobStatus"], "Completed")

    def test_waiter_fails_on_a_missing_job(self):
        with self.assertRaises(botocore.exceptions.WaiterError) as ctx:
            self.client.get_waiter("training_job_completed_or_stopped").wait(
                TrainingJobName="tj-never", WaiterConfig={"Delay": 1, "MaxAttempts": 3})
        self.assertIn("ValidationException", str(ctx.exception))


if __name__ == "__main__":
    unittest.main()
