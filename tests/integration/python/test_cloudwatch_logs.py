"""CloudWatch Logs through boto3 (issue 11): log groups and streams clients make, and the
log group /aws/sagemaker/TrainingJobs that training jobs write, read the way the SageMaker
Python SDK reads it (DescribeLogStreams by prefix, then GetLogEvents until the forward token
comes back unchanged), with the built-in xgboost metric regexes applied to the lines."""

import re
import struct
import unittest

import botocore.exceptions

from emulator_process import EmulatorTestCase
from sagemaker_requests import OBJECTIVE, STATIC_HYPERPARAMETERS, blog_tuning_request
from tuning_run import advance_until_tuning_terminal, wait_until_tuning_terminal

TRAINING_GROUP = "/aws/sagemaker/TrainingJobs"
# The regex SageMaker gives built-in xgboost's validation:rmse (training-contract.md §4).
RMSE_REGEX = r".*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*"


def error_code(exc):
    return exc.response["Error"]["Code"]


def float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


def read_stream_like_the_sdk(logs, stream, token=None, max_pages=50):
    """GetLogEvents from the head until a page is empty; returns (events, last forward token)."""
    events = []
    for _ in range(max_pages):
        request = {"logGroupName": TRAINING_GROUP, "logStreamName": stream, "startFromHead": True}
        if token:
            request["nextToken"] = token
        page = logs.get_log_events(**request)
        if not page["events"]:
            if token:
                assert page["nextForwardToken"] == token, (page["nextForwardToken"], token)
            return events, page["nextForwardToken"]
        events.extend(page["events"])
        token = page["nextForwardToken"]
    raise AssertionError("GetLogEvents never came to an empty page")


class ClientLogGroupsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator()
        cls.logs = cls.emu.client(service="logs")

    def test_groups_streams_and_events_round_trip(self):
        self.logs.create_log_group(logGroupName="/app/round-trip")
        self.logs.create_log_stream(logGroupName="/app/round-trip", logStreamName="s1")
        answer = self.logs.put_log_events(logGroupName="/app/round-trip", logStreamName="s1", logEvents=[
            {"timestamp": 1_000, "message": "first"}, {"timestamp": 2_000, "message": "second"}])
        self.assertIn("nextSequenceToken", answer)
        self.logs.put_log_events(logGroupName="/app/round-trip", logStreamName="s1",
                                 logEvents=[{"timestamp": 1_500, "message": "between"}])
        page = self.logs.get_log_events(logGroupName="/app/round-trip", logStreamName="s1", startFromHead=True)
        self.assertEqual([e["message"] for e in page["events"]], ["first", "between", "second"])
        # The end: the forward token sent comes back unchanged with no events.
        again = self.logs.get_log_events(logGroupName="/app/round-trip", logStreamName="s1",
                                         nextToken=page["nextForwardToken"])
        self.assertEqual(again["events"], [])
        self.assertEqual(again["nextForwardToken"], page["nextForwardToken"])
        # Read from the tail, one at a time, then backward.
        tail = self.logs.get_log_events(logGroupName="/app/round-trip", logStreamName="s1", limit=1)
        self.assertEqual([e["message"] for e in tail["events"]], ["second"])
        back = self.logs.get_log_events(logGroupName="/app/round-trip", logStreamName="s1", limit=1,
                                        nextToken=tail["nextBackwardToken"])
        self.assertEqual([e["message"] for e in back["events"]], ["between"])
        window = self.logs.get_log_events(logGroupName="/app/round-trip", logStreamName="s1", startFromHead=True,
                                          startTime=1_500, endTime=2_000)
        self.assertEqual([e["message"] for e in window["events"]], ["between"])
        streams = self.logs.describe_log_streams(logGroupName="/app/round-trip")["logStreams"]
        self.assertEqual([(s["logStreamName"], s["firstEventTimestamp"], s["lastEventTimestamp"]) for s in streams],
                         [("s1", 1_000, 2_000)])
        self.assertTrue(streams[0]["arn"].endswith(":log-group:/app/round-trip:log-stream:s1"), streams[0])

    def test_describe_log_groups_pages_by_prefix(self):
        names = ["/pages/%02d" % i for i in range(5)]
        for name in names:
            self.logs.create_log_group(logGroupName=name)
        first = self.logs.describe_log_groups(logGroupNamePrefix="/pages/", limit=2)
        self.assertEqual([g["logGroupName"] for g in first["logGroups"]], names[:2])
        self.assertIn("nextToken", first)
        listed = [g["logGroupName"] for page in self.logs.get_paginator("describe_log_groups").paginate(
            logGroupNamePrefix="/pages/", PaginationConfig={"PageSize": 2}) for g in page["logGroups"]]
        self.assertEqual(listed, names)
        last = self.logs.describe_log_groups(logGroupNamePrefix="/pages/", limit=5)
        self.assertNotIn("nextToken", last)
        self.assertTrue(last["logGroups"][0]["arn"].endswith(":log-group:/pages/00:*"))

    def test_filter_log_events_across_streams(self):
        self.logs.create_log_group(logGroupName="/app/filter")
        for stream, base in (("a", 10), ("b", 15)):
            self.logs.create_log_stream(logGroupName="/app/filter", logStreamName=stream)
            self.logs.put_log_events(logGroupName="/app/filter", logStreamName=stream, logEvents=[
                {"timestamp": base, "message": "ERROR disk %s" % stream},
                {"timestamp": base + 10, "message": "INFO ok %s" % stream}])
        found = self.logs.filter_log_events(logGroupName="/app/filter", filterPattern="ERROR")["events"]
        self.assertEqual([(e["logStreamName"], e["message"]) for e in found],
                         [("a", "ERROR disk a"), ("b", "ERROR disk b")])
        self.assertEqual(len({e["eventId"] for e in found}), 2)
        either = self.logs.filter_log_events(logGroupName="/app/filter", filterPattern="?disk ?ok",
                                             logStreamNames=["b"])["events"]
        self.assertEqual([e["message"] for e in either], ["ERROR disk b", "INFO ok b"])
        paged = self.logs.filter_log_events(logGroupName="/app/filter", limit=3)
        self.assertEqual([e["timestamp"] for e in paged["events"]], [10, 15, 20])
        rest = self.logs.filter_log_events(logGroupName="/app/filter", limit=3, nextToken=paged["nextToken"])
        self.assertEqual([e["timestamp"] for e in rest["events"]], [25])
        self.assertNotIn("nextToken", rest)
        # Events of two streams at the same time, each first in its stream, keep distinct ids.
        for stream in ("c", "d"):
            self.logs.create_log_stream(logGroupName="/app/filter", logStreamName=stream)
            self.logs.put_log_events(logGroupName="/app/filter", logStreamName=stream,
                                     logEvents=[{"timestamp": 50, "message": "same time %s" % stream}])
        same = self.logs.filter_log_events(logGroupName="/app/filter", filterPattern='"same time"')["events"]
        self.assertEqual(len({e["eventId"] for e in same}), 2, same)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.logs.filter_log_events(logGroupName="/app/filter", filterPattern="{ $.level = 1 }")
        self.assertEqual(error_code(ctx.exception), "InvalidParameterException")

    def test_errors_are_those_of_cloudwatch_logs(self):
        self.logs.create_log_group(logGroupName="/app/errors")
        cases = [
            (lambda: self.logs.create_log_group(logGroupName="/app/errors"), "ResourceAlreadyExistsException"),
            (lambda: self.logs.create_log_group(logGroupName="bad name"), "InvalidParameterException"),
            (lambda: self.logs.describe_log_streams(logGroupName="/missing"), "ResourceNotFoundException"),
            (lambda: self.logs.get_log_events(logGroupName="/app/errors", logStreamName="none"),
             "ResourceNotFoundException"),
            (lambda: self.logs.put_log_events(logGroupName="/app/errors", logStreamName="none",
                                              logEvents=[{"timestamp": 1, "message": "x"}]),
             "ResourceNotFoundException"),
            (lambda: self.logs.describe_log_streams(logGroupName="/app/errors", orderBy="LastEventTime",
                                                    logStreamNamePrefix="a"), "InvalidParameterException"),
            (lambda: self.logs.put_retention_policy(logGroupName="/app/errors", retentionInDays=2),
             "InvalidParameterException"),
        ]
        for call, code in cases:
            with self.subTest(code=code), self.assertRaises(botocore.exceptions.ClientError) as ctx:
                call()
            self.assertEqual(error_code(ctx.exception), code)
        self.logs.create_log_stream(logGroupName="/app/errors", logStreamName="s")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.logs.put_log_events(logGroupName="/app/errors", logStreamName="s", logEvents=[
                {"timestamp": 5, "message": "late"}, {"timestamp": 1, "message": "early"}])
        self.assertIn("chronological order", ctx.exception.response["Error"]["Message"])
        self.logs.put_retention_policy(logGroupName="/app/errors", retentionInDays=7)
        group = self.logs.describe_log_groups(logGroupNamePrefix="/app/errors")["logGroups"][0]
        self.assertEqual(group["retentionInDays"], 7)
        self.logs.delete_log_stream(logGroupName="/app/errors", logStreamName="s")
        self.logs.delete_log_group(logGroupName="/app/errors")
        self.assertEqual(self.logs.describe_log_groups(logGroupNamePrefix="/app/errors")["logGroups"], [])


class TrainingJobLogsTest(EmulatorTestCase):
    """The blog-post tuning job on built-in xgboost, run to the end on the instant clock."""

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "instant", "--seed", "7")
        cls.sagemaker = cls.emu.client()
        cls.logs = cls.emu.client(service="logs")
        cls.sagemaker.create_hyper_parameter_tuning_job(**blog_tuning_request("logs-blog"))
        wait_until_tuning_terminal(cls.sagemaker, "logs-blog")
        cls.children = cls.sagemaker.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="logs-blog", MaxResults=100)["TrainingJobSummaries"]

    def streams_of(self, job, limit=50):
        answer = self.logs.describe_log_streams(logGroupName=TRAINING_GROUP, logStreamNamePrefix=job + "/",
                                                orderBy="LogStreamName", limit=limit)
        # The SDK asks again, without the token, while one is present: none may come back here.
        self.assertNotIn("nextToken", answer)
        return answer["logStreams"]

    def test_every_child_has_a_stream_per_host_named_as_sagemaker_names_them(self):
        self.assertEqual(len(self.children), 10)
        for child in self.children:
            job = self.sagemaker.describe_training_job(TrainingJobName=child["TrainingJobName"])
            streams = self.streams_of(job["TrainingJobName"], limit=job["ResourceConfig"]["InstanceCount"])
            self.assertEqual(len(streams), job["ResourceConfig"]["InstanceCount"])
            match = re.fullmatch(re.escape(job["TrainingJobName"]) + r"/algo-1-(\d+)", streams[0]["logStreamName"])
            self.assertIsNotNone(match, streams[0])
            started = job["TrainingStartTime"].timestamp()
            self.assertLessEqual(started, int(match.group(1)) + 1)
            self.assertLessEqual(int(match.group(1)), job["TrainingEndTime"].timestamp())

    def test_the_objective_regex_reads_the_final_metric_from_the_lines(self):
        rounds = int(STATIC_HYPERPARAMETERS["num_round"])
        for child in self.children[:3]:
            name = child["TrainingJobName"]
            job = self.sagemaker.describe_training_job(TrainingJobName=name)
            stream = self.streams_of(name)[0]["logStreamName"]
            events, _ = read_stream_like_the_sdk(self.logs, stream)
            values = [float(m.group(1)) for m in (re.match(RMSE_REGEX, e["message"]) for e in events) if m]
            self.assertEqual(len(values), rounds, events[:3])
            self.assertTrue(events[1]["message"].startswith("[0]#011validation-rmse:"), events[1])
            final = {m["MetricName"]: m["Value"] for m in job["FinalMetricDataList"]}[OBJECTIVE]
            self.assertAlmostEqual(float32(values[-1]), final, delta=abs(final) * 1e-5)
            times = [e["timestamp"] / 1000 for e in events]
            self.assertEqual(times, sorted(times))
            self.assertGreaterEqual(times[0] + 1, job["TrainingStartTime"].timestamp())
            self.assertLessEqual(times[-1], job["TrainingEndTime"].timestamp())

    def test_the_group_lists_with_the_clients_groups(self):
        groups = [g["logGroupName"] for g in self.logs.describe_log_groups(logGroupNamePrefix="/aws/")["logGroups"]]
        self.assertEqual(groups, [TRAINING_GROUP])
        everything = self.logs.describe_log_streams(logGroupName=TRAINING_GROUP)["logStreams"]
        self.assertEqual(len(everything), sum(1 for _ in self.children))
        found = self.logs.filter_log_events(logGroupName=TRAINING_GROUP, logStreamNamePrefix=self.children[0][
            "TrainingJobName"] + "/", filterPattern='"[99]"')["events"]
        self.assertEqual(len(found), 1, found)


class LogsWhileTrainingTest(EmulatorTestCase):
    """On the manual clock: lines appear as virtual time passes, and a reader's forward token
    picks up only the new ones."""

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual", "--seed", "3")
        cls.sagemaker = cls.emu.client()
        cls.logs = cls.emu.client(service="logs")

    def test_a_reader_follows_a_job_as_it_trains(self):
        self.sagemaker.create_hyper_parameter_tuning_job(**blog_tuning_request("follow"))
        child = None
        for _ in range(200):
            self.emu.advance(30)
            try:
                streams = self.logs.describe_log_streams(logGroupName=TRAINING_GROUP, limit=1)["logStreams"]
            except self.logs.exceptions.ResourceNotFoundException:
                continue  # no container has run yet: the group does not exist (the SDK tolerates this)
            if streams:
                child = streams[0]["logStreamName"].split("/")[0]
                break
        self.assertIsNotNone(child, "no child started training")
        stream = self.logs.describe_log_streams(logGroupName=TRAINING_GROUP,
                                                logStreamNamePrefix=child + "/")["logStreams"][0]["logStreamName"]
        seen, token = read_stream_like_the_sdk(self.logs, stream)
        rounds = int(STATIC_HYPERPARAMETERS["num_round"])
        self.assertLess(len(seen), rounds + 1)
        for _ in range(500):
            if len(seen) == rounds + 1:
                break
            self.emu.advance(60)
            new, token = read_stream_like_the_sdk(self.logs, stream, token)
            seen.extend(new)
        self.assertEqual(len(seen), rounds + 1)
        self.assertEqual([e["message"] for e in seen[1:3]][0][:4], "[0]#")
        self.assertEqual(len({e["message"] for e in seen}), len(seen))
        advance_until_tuning_terminal(self.emu, self.sagemaker, "follow")


if __name__ == "__main__":
    unittest.main()
