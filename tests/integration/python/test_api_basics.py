"""The AWS JSON 1.1 surface as boto3 and a raw HTTP client see it (sagemaker-api.md §0, §1, §4):
error codes and texts, validation, stop, request ids, epoch-second timestamps; and the
control plane's own contract (/_emulator/*)."""

import json
import re
import signal
import unittest

import botocore.exceptions

from emulator_process import REGION, EmulatorProcess, EmulatorTestCase, http_request
from sagemaker_requests import FALLBACK, PREFERRED, blog_tuning_request
from tuning_run import list_children_by_pages

EPOCH_2000 = 946684800
EPOCH_2100 = 4102444800
UUIDISH = re.compile(r"^[0-9A-Za-z-]{8,}$")


def error_of(exc):
    return exc.response["Error"]["Code"], exc.response["Error"]["Message"]


def aws_type(doc):
    """__type with any 'prefix#' stripped, as botocore reads it."""
    return doc["__type"].rsplit("#", 1)[-1]


def find_nulls(value, path="$"):
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in find_nulls(v, "%s.%s" % (path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in find_nulls(v, "%s[%d]" % (path, i))]
    return []


class SageMakerApiBasicsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()

    def create(self, name, **changes):
        request = blog_tuning_request(name)
        request.update(changes)
        return self.client.create_hyper_parameter_tuning_job(**request)

    def assert_epoch_seconds(self, value, where):
        self.assertIsInstance(value, (int, float), where)
        self.assertNotIsInstance(value, bool, where)
        self.assertTrue(EPOCH_2000 < value < EPOCH_2100,
                        "%s=%r is not epoch seconds (milliseconds?)" % (where, value))

    # ---- not found ----------------------------------------------------------------------
    def test_describe_missing_tuning_job_is_resource_not_found(self):
        with self.assertRaises(self.client.exceptions.ResourceNotFound) as ctx:
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="no-such-tuning")
        self.assertEqual(error_of(ctx.exception),
                         ("ResourceNotFound", "Amazon SageMaker can't find a tuning job called "
                                              "no-such-tuning. Type another name."))
        self.assertTrue(ctx.exception.response["ResponseMetadata"]["RequestId"])
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_describe_missing_training_job_is_validation_exception(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.describe_training_job(TrainingJobName="no-such-training-job")
        self.assertEqual(error_of(ctx.exception),
                         ("ValidationException", "Requested resource not found."))
        self.assertNotIsInstance(ctx.exception, self.client.exceptions.ResourceNotFound)
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    # ---- create-time validation -------------------------------------------------------
    def test_duplicate_tuning_job_name_is_resource_in_use(self):
        self.create("dup-name")
        with self.assertRaises(self.client.exceptions.ResourceInUse) as ctx:
            self.create("dup-name")
        self.assertEqual(error_of(ctx.exception)[1],
                         "A hyperparameter tuning job with the name, dup-name, already exists. "
                         "Choose a different name.")
        # names compare case-insensitively
        with self.assertRaises(self.client.exceptions.ResourceInUse):
            self.create("DUP-NAME")

    def test_underscore_in_tuning_name_is_validation_exception(self):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.create("bad_name")
        code, message = error_of(ctx.exception)
        self.assertEqual(code, "ValidationException")
        self.assertIn("hyperParameterTuningJobName", message)
        self.assertIn("bad_name", message)
        self.assertRegex(message, r"^1 validation error detected: ")
        names = [s["HyperParameterTuningJobName"]
                 for s in self.client.list_hyper_parameter_tuning_jobs(MaxResults=100)["HyperParameterTuningJobSummaries"]]
        self.assertNotIn("bad_name", names)

    def test_resource_config_with_tuning_resource_config_is_validation_exception(self):
        request = blog_tuning_request("both-resource-configs")
        request["TrainingJobDefinition"]["ResourceConfig"] = {
            "InstanceType": PREFERRED, "InstanceCount": 1, "VolumeSizeInGB": 5}
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.create_hyper_parameter_tuning_job(**request)
        code, message = error_of(ctx.exception)
        self.assertEqual(code, "ValidationException")
        self.assertIn("ResourceConfig", message)
        self.assertIn("HyperParameterTuningResourceConfig", message)
        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="both-resource-configs")
        # the same request without ResourceConfig is accepted: the rejection was about it
        del request["TrainingJobDefinition"]["ResourceConfig"]
        self.client.create_hyper_parameter_tuning_job(**request)

    # ---- stop ---------------------------------------------------------------------------
    def test_stop_tuning_job_stops_every_running_child(self):
        name = "stop-me"
        self.create(name)
        self.emu.advance(60)
        before, _ = list_children_by_pages(self.client, name, page_size=100)
        running = [s["TrainingJobName"] for s in before if s["TrainingJobStatus"] == "InProgress"]
        self.assertEqual(len(running), 5, before)

        stop = self.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        self.assertEqual(stop["ResponseMetadata"]["HTTPStatusCode"], 200)
        desc = self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        self.assertEqual(desc["HyperParameterTuningJobStatus"], "Stopping")

        for _ in range(100):
            self.emu.advance(60)
            desc = self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
            if desc["HyperParameterTuningJobStatus"] != "Stopping":
                break
        self.assertEqual(desc["HyperParameterTuningJobStatus"], "Stopped")
        after, _ = list_children_by_pages(self.client, name, page_size=100)
        self.assertEqual(sorted(s["TrainingJobName"] for s in after),
                         sorted(s["TrainingJobName"] for s in before), "launched after Stop")
        for child in running:
            d = self.client.describe_training_job(TrainingJobName=child)
            self.assertEqual((d["TrainingJobStatus"], d["SecondaryStatus"]), ("Stopped", "Stopped"),
                             child)
        counters = desc["TrainingJobStatusCounters"]
        self.assertEqual(counters["InProgress"], 0)
        self.assertEqual(counters["Stopped"], len(running))
        self.assertIn("HyperParameterTuningEndTime", desc)
        # a stopped job cannot be stopped again
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        self.assertEqual(error_of(ctx.exception)[0], "ValidationException")

    def test_stop_missing_tuning_job_is_resource_not_found(self):
        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="never-was")

    # ---- the JSON 1.1 envelope ----------------------------------------------------------
    def test_unknown_operation(self):
        res = self.emu.raw_aws("SageMaker.NoSuchOperation", b"{}")
        self.assertEqual(res.status, 400, res)
        self.assertEqual(aws_type(res.json()), "UnknownOperationException")
        self.assertIn("message", {k.lower() for k in res.json()})
        self.assertTrue(res.headers.get("x-amzn-RequestId"))

    def test_a_json_request_without_its_target_gets_the_json_envelope(self):
        """§1.1, §4.2, §4.4: a JSON 1.0/1.1 request that lost X-Amz-Target is told from S3 by its
        content type or by the service it was signed for, and refused like an unknown target."""
        signed = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/%s/sagemaker/aws4_request, " \
                 "SignedHeaders=host;x-amz-date, Signature=%s" % (REGION, "0" * 64)
        for label, headers in (("no target", {}), ("empty target", {"X-Amz-Target": ""}),
                               ("JSON 1.0", {"Content-Type": "application/x-amz-json-1.0"}),
                               ("signed for sagemaker", {"Content-Type": "text/plain", "Authorization": signed})):
            res = self.emu.raw_aws(None, b"{}", headers=headers)
            self.assertEqual(res.status, 400, (label, res))
            self.assertEqual(res.headers.get("Content-Type"), "application/x-amz-json-1.1", label)
            self.assertEqual(aws_type(res.json()), "UnknownOperationException", label)
            self.assertIn("X-Amz-Target", res.json()["message"], label)
            self.assertTrue(UUIDISH.match(res.headers.get("x-amzn-RequestId") or ""), label)

    def test_requests_without_a_json_content_type_still_reach_s3(self):
        s3_scope = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/%s/s3/aws4_request, " \
                   "SignedHeaders=host;x-amz-date, Signature=%s" % (REGION, "0" * 64)
        for path, headers in (("/", {"Content-Type": "application/xml"}),
                              ("/no-such-bucket?delete", {"Content-Type": "application/xml",
                                                          "Authorization": s3_scope})):
            res = http_request(self.emu.url + path, method="POST", body=b"<Delete/>", headers=headers)
            self.assertEqual(res.headers.get("Content-Type"), "application/xml", (path, res))
            self.assertIn(b"<Error>", res.body, path)
            self.assertTrue(res.headers.get("x-amz-request-id"), path)

    def test_malformed_json_body(self):
        for body in (b'{"MaxResults": ', b"not json"):
            res = self.emu.raw_aws("SageMaker.ListTrainingJobs", body)
            self.assertEqual(res.status, 400, (body, res))
            self.assertEqual(aws_type(res.json()), "SerializationException", body)
            self.assertTrue(res.headers.get("x-amzn-RequestId"))
        # the server is still fine afterwards
        self.assertIn("TrainingJobSummaries", self.client.list_training_jobs())

    def test_deeply_nested_values_are_refused_without_harm(self):
        deep = b"[" * 60000 + b"]" * 60000
        for target, body in (("SageMaker.ListTrainingJobs", b'{"NameContains":' + deep + b"}"),
                             ("SageMaker.AddTags", b'{"Tags":' + deep + b"}")):
            res = self.emu.raw_aws(target, body)
            self.assertEqual(res.status, 400, (target, res))
            self.assertEqual(aws_type(res.json()), "SerializationException", target)
            self.assertIn("deeper than 100 levels", res.json()["message"])
        res = http_request(self.emu.url + "/_emulator/faults", method="POST", body=b'{"zones":' + deep + b"}",
                           headers={"Content-Type": "application/json"})
        self.assertEqual(res.status, 400, res)
        self.assertEqual(self.emu.health()["status"], "ok")

    def test_metrics_count_calls_jobs_and_pools_for_prometheus(self):
        self.client.list_training_jobs()
        self.emu.raw_aws("SageMaker.NoSuchOperation", b"{}")
        with self.assertRaises(botocore.exceptions.ClientError):
            self.client.describe_training_job(TrainingJobName="no-such-job-for-metrics")
        res = http_request(self.emu.url + "/metrics")
        self.assertEqual(res.status, 200, res)
        self.assertTrue(res.headers["Content-Type"].startswith("text/plain; version=0.0.4"))
        lines = res.body.decode().splitlines()
        samples = {}
        for line in lines:
            if not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                samples[name] = float(value)
        self.assertGreaterEqual(samples['amt_emulator_api_calls_total{operation="ListTrainingJobs",status="200"}'], 1)
        self.assertGreaterEqual(
            samples['amt_emulator_api_calls_total{operation="DescribeTrainingJob",status="400"}'], 1)
        self.assertIn("# TYPE amt_emulator_training_jobs gauge", lines)
        self.assertFalse(any("NoSuchOperation" in line for line in lines))  # only served operations
        self.assertTrue(any(n.startswith("amt_emulator_pool_capacity_instances{availability_zone=") for n in samples))
        self.assertIn("amt_emulator_virtual_time_seconds", samples)

    def test_text_that_is_not_utf8_never_makes_a_500(self):
        # An X-Amz-Target with bytes that are not UTF-8 is echoed in the error; a long value of
        # the wrong type is cut for the message, never inside a character.
        res = self.emu.raw_aws("SageMaker.\xff\xfe", b"{}")  # latin-1 on the wire: bytes FF FE
        self.assertEqual(res.status, 400, res)
        self.assertEqual(aws_type(res.json()), "UnknownOperationException")
        wide = json.dumps({"NameContains": ["\U0001F600" * 60]}).encode()
        res = self.emu.raw_aws("SageMaker.ListTrainingJobs", wide)
        self.assertEqual(res.status, 400, res)
        self.assertEqual(aws_type(res.json()), "SerializationException")
        res = http_request(self.emu.url + "/_emulator/events?%FF=1")
        self.assertEqual(res.status, 400, res)
        res.json()

    def test_any_path_is_accepted(self):
        res = self.emu.raw_aws("SageMaker.ListHyperParameterTuningJobs", b"{}", path="/some/prefix")
        self.assertEqual(res.status, 200, res)
        self.assertIn("HyperParameterTuningJobSummaries", res.json())
        self.assertEqual(res.headers.get("Content-Type"), "application/x-amz-json-1.1")

    def test_every_response_carries_a_request_id(self):
        ids = []
        ok = self.client.list_training_jobs()
        ids.append(ok["ResponseMetadata"]["RequestId"])
        ids.append(self.client.list_hyper_parameter_tuning_jobs()["ResponseMetadata"]["RequestId"])
        try:
            self.client.describe_training_job(TrainingJobName="missing-for-request-id")
        except botocore.exceptions.ClientError as err:
            ids.append(err.response["ResponseMetadata"]["RequestId"])
        for res in (self.emu.raw_aws("SageMaker.ListTrainingJobs", b"{}"),
                    self.emu.raw_aws("SageMaker.NoSuchOperation", b"{}"),
                    self.emu.raw_aws("SageMaker.ListTrainingJobs", b"{")):
            ids.append(res.headers.get("x-amzn-RequestId"))
        self.assertEqual(len(ids), 6)
        for request_id in ids:
            self.assertTrue(request_id and UUIDISH.match(request_id), ids)
        self.assertEqual(len(set(ids)), len(ids), "request ids repeat: %r" % ids)

    def test_timestamps_are_epoch_seconds_and_no_nulls(self):
        name = "raw-timestamps"
        self.create(name)
        self.emu.advance(60)
        res = self.emu.raw_aws("SageMaker.DescribeHyperParameterTuningJob",
                               {"HyperParameterTuningJobName": name})
        self.assertEqual(res.status, 200, res)
        self.assertEqual(res.headers.get("Content-Type"), "application/x-amz-json-1.1")
        doc = res.json()
        self.assertEqual(find_nulls(doc), [])
        self.assert_epoch_seconds(doc["CreationTime"], "CreationTime")
        if "LastModifiedTime" in doc:
            self.assert_epoch_seconds(doc["LastModifiedTime"], "LastModifiedTime")
        limits = doc["HyperParameterTuningJobConfig"]["ResourceLimits"]
        self.assertIs(type(limits["MaxNumberOfTrainingJobs"]), int)
        self.assertIs(type(doc["TrainingJobStatusCounters"]["InProgress"]), int)

        res = self.emu.raw_aws("SageMaker.ListTrainingJobsForHyperParameterTuningJob",
                               {"HyperParameterTuningJobName": name})
        self.assertEqual(res.status, 200, res)
        summaries = res.json()["TrainingJobSummaries"]
        self.assertTrue(summaries)
        child = summaries[0]["TrainingJobName"]
        self.assert_epoch_seconds(summaries[0]["CreationTime"], "summary CreationTime")

        res = self.emu.raw_aws("SageMaker.DescribeTrainingJob", {"TrainingJobName": child})
        self.assertEqual(res.status, 200, res)
        doc = res.json()
        self.assertEqual(find_nulls(doc), [])
        self.assert_epoch_seconds(doc["CreationTime"], "training CreationTime")
        for i, t in enumerate(doc["SecondaryStatusTransitions"]):
            self.assert_epoch_seconds(t["StartTime"], "transition %d StartTime" % i)
            if "EndTime" in t:
                self.assert_epoch_seconds(t["EndTime"], "transition %d EndTime" % i)
        # boto3 turns the same numbers into datetimes that agree with the raw value
        parsed = self.client.describe_training_job(TrainingJobName=child)
        self.assertAlmostEqual(parsed["CreationTime"].timestamp(), doc["CreationTime"], places=3)


class ControlPlaneTest(EmulatorTestCase):
    """/_emulator/*: health, capacity, clock, events, reset and the control-plane errors."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()

    def test_health(self):
        doc = self.emu.health()
        self.assertEqual(doc["status"], "ok")
        self.assertEqual(doc["clock"], "manual")
        self.assertIsInstance(doc["version"], str)

    def test_capacity_filter_and_shape(self):
        doc = self.emu.capacity(PREFERRED)
        self.assertNotIn("region", doc)  # no region asked: every region (only the scenario's exists)
        self.assertTrue(doc["pools"])
        for pool in doc["pools"]:
            self.assertEqual(pool["instanceType"], PREFERRED)
            self.assertEqual(pool["region"], REGION)
            self.assertTrue(pool["availabilityZone"].startswith(REGION), pool)
            self.assertEqual(pool["available"], pool["capacity"] - pool["inUse"])
        everything = self.emu.capacity()
        self.assertGreater(len(everything["pools"]), len(doc["pools"]))
        self.assertIn(FALLBACK, {p["instanceType"] for p in everything["pools"]})

    def test_put_capacity_in_one_zone(self):
        zones = sorted(p["availabilityZone"] for p in self.emu.capacity("ml.c5.xlarge")["pools"])
        self.assertGreaterEqual(len(zones), 2)
        self.emu.set_capacity([{"instanceType": "ml.c5.xlarge", "capacity": 3,
                                "availabilityZone": zones[0]}])
        after = {p["availabilityZone"]: p["capacity"]
                 for p in self.emu.capacity("ml.c5.xlarge")["pools"]}
        self.assertEqual(after[zones[0]], 3)
        self.assertTrue(all(after[z] != 3 for z in zones[1:]), after)
        changes = self.emu.events(type="capacity-changed")
        self.assertTrue(changes)
        self.assertTrue(all(e["type"] == "capacity-changed" for e in changes))

    def test_put_capacity_with_a_top_level_region(self):
        body = {"region": "eu-west-1", "pools": [{"instanceType": "ml.c5.2xlarge", "capacity": 2}]}
        res = http_request(self.emu.url + "/_emulator/capacity", method="PUT", body=json.dumps(body).encode(),
                           headers={"Content-Type": "application/json"})
        self.assertEqual(res.status, 200, res)
        doc = res.json()
        self.assertEqual(doc["region"], "eu-west-1")
        self.assertTrue(doc["pools"])
        self.assertEqual({(p["region"], p["capacity"]) for p in doc["pools"]}, {("eu-west-1", 2)})
        home = [p for p in self.emu.capacity("ml.c5.2xlarge")["pools"] if p["region"] == "us-east-1"]
        self.assertTrue(home)
        self.assertTrue(all(p["capacity"] != 2 for p in home), home)

    def test_clock_advances_only_when_asked(self):
        before = self.emu.clock()
        self.assertEqual(before["mode"], "manual")
        for key in ("now", "elapsedSeconds", "timeScale", "pendingEvents"):
            self.assertIsInstance(before[key], (int, float), key)
        again = self.emu.clock()
        self.assertEqual(again["now"], before["now"])
        after = self.emu.advance(90)
        self.assertEqual(after["now"] - before["now"], 90)
        self.assertEqual(after["elapsedSeconds"] - before["elapsedSeconds"], 90)

    def test_control_plane_errors(self):
        for method, path, body, status in (
                ("GET", "/_emulator/no-such-thing", None, 404),
                ("DELETE", "/_emulator/capacity", None, 405),
                ("POST", "/_emulator/clock", b"{not json", 400),
                ("PUT", "/_emulator/capacity", b'{"pools": [{"capacity": 1}]}', 400),
                ("POST", "/_emulator/reset", b'{"bogus": 1}', 400),
                ("POST", "/_emulator/clock", b'{"advanceSeconds": 1e9}', 400),
                ("GET", "/_emulator/events?tuningjob=x", None, 400),
                ("GET", "/_emulator/capacity?instance_type=ml.m5.xlarge", None, 400),
                ("POST", "/_emulator/faults", b'{"percentage": 30, "startSeconds": -5}', 400),
                ("POST", "/_emulator/faults", b'{"percentage": "30"}', 400)):
            res = http_request(self.emu.url + path, method=method, body=body,
                               headers={"Content-Type": "application/json"} if body else None)
            self.assertEqual(res.status, status, (method, path, res))
            doc = res.json()
            self.assertIsInstance(doc.get("error"), str, (method, path, doc))
            self.assertIsInstance(doc.get("message"), str, (method, path, doc))
            self.assertNotIn("__type", doc)


class ResetTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()

    def test_reset_drops_jobs_and_events_restores_capacity_and_clock(self):
        start = self.emu.clock()
        original = self.emu.capacity(PREFERRED)["pools"]
        self.emu.set_capacity([{"instanceType": PREFERRED, "capacity": 0}])
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("before-reset"))
        self.emu.advance(120)
        self.assertTrue(self.emu.events())

        self.assertEqual(self.emu.reset(), {"status": "ok"})

        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="before-reset")
        self.assertEqual(self.client.list_training_jobs()["TrainingJobSummaries"], [])
        self.assertEqual(self.emu.events(), [])
        self.assertEqual(self.emu.capacity(PREFERRED)["pools"], original)
        clock = self.emu.clock()
        self.assertEqual((clock["now"], clock["elapsedSeconds"]), (start["now"], start["elapsedSeconds"]))
        # the name is free again
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("before-reset"))

    def test_reset_with_a_seed_then_without_goes_back_to_the_start_up_seed(self):
        start_seed = self.emu.clock()["seed"]
        self.emu.control("POST", "/_emulator/reset", {"seed": start_seed + 9})
        self.assertEqual(self.emu.clock()["seed"], start_seed + 9)
        self.emu.reset()
        self.assertEqual(self.emu.clock()["seed"], start_seed)


class GracefulStopTest(unittest.TestCase):
    def test_sigterm_stops_the_server_cleanly(self):
        emu = EmulatorProcess("--clock", "manual")
        emu.start()
        try:
            emu.client().list_training_jobs()
            emu.proc.send_signal(signal.SIGTERM)
            code = emu.proc.wait(timeout=5)
            self.assertEqual(code, 0, emu.log_tail())
        finally:
            emu.cleanup()


if __name__ == "__main__":
    unittest.main()
