"""CreateTrainingJob and friends through boto3: the SDK's waiter, tags, deletion rules,
and accounts/regions kept apart (issue 3)."""

import time
import unittest

import boto3
import botocore.config
import botocore.exceptions

from emulator_process import EmulatorTestCase
from sagemaker_requests import CAPACITY_ERROR, blog_tuning_request

IMAGE = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest"
FAST_WAITER = {"Delay": 1, "MaxAttempts": 5}


def training_request(name, instance_type="ml.m5.xlarge", **extra):
    request = {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File",
                                   "MetricDefinitions": [{"Name": "validation:rmse", "Regex": "rmse:(\\S+)"}]},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output"},
        "ResourceConfig": {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 7200},
        "HyperParameters": {"num_round": "50", "eta": "0.2"},
    }
    request.update(extra)
    return request


def error_code(exc):
    return exc.response["Error"]["Code"]


def last_printed_rmse(emu, job_name):
    """The last validation-rmse value on the job's CloudWatch log, or None."""
    logs = emu.client(service="logs")
    streams = logs.describe_log_streams(logGroupName="/aws/sagemaker/TrainingJobs",
                                        logStreamNamePrefix=job_name + "/")["logStreams"]
    values = []
    for stream in streams:
        events = logs.get_log_events(logGroupName="/aws/sagemaker/TrainingJobs",
                                     logStreamName=stream["logStreamName"], startFromHead=True)["events"]
        values += [float(e["message"].rsplit("validation-rmse:", 1)[1]) for e in events
                   if "validation-rmse:" in e["message"]]
    return values[-1] if values else None


class InstantTrainingJobsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "instant")
        cls.client = cls.emu.client()

    def test_waiter_sees_completion(self):
        self.client.create_training_job(**training_request("waited"))
        self.client.get_waiter("training_job_completed_or_stopped").wait(
            TrainingJobName="waited", WaiterConfig=FAST_WAITER)
        job = self.client.describe_training_job(TrainingJobName="waited")
        self.assertEqual(job["TrainingJobStatus"], "Completed")
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/output/waited/output/model.tar.gz")
        self.assertEqual([m["MetricName"] for m in job["FinalMetricDataList"]], ["validation:rmse"])
        self.assertEqual(job["HyperParameters"], {"num_round": "50", "eta": "0.2"})
        self.assertNotIn("TuningJobArn", job)
        self.assertGreater(job["BillableTimeInSeconds"], 0)

    def test_an_uncompressed_model_is_a_prefix(self):
        # OutputDataConfig.CompressionType NONE (training-contract.md §1.6): the model's files go
        # under <S3OutputPath>/<job>/output/model/, which S3ModelArtifacts names, for a
        # standalone job and for a tuning job's child.
        output = {"S3OutputPath": "s3://bucket/output", "CompressionType": "NONE"}
        self.client.create_training_job(**training_request("flat", OutputDataConfig=output))
        job = self.client.describe_training_job(TrainingJobName="flat")
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/output/flat/output/model/")
        tuning = blog_tuning_request("flat-tuning")
        tuning["TrainingJobDefinition"]["OutputDataConfig"] = output
        self.client.create_hyper_parameter_tuning_job(**tuning)
        child = self.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="flat-tuning")["TrainingJobSummaries"][0]["TrainingJobName"]
        job = self.client.describe_training_job(TrainingJobName=child)
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/output/%s/output/model/" % child)

    def test_tuning_children_show_no_warm_pool_they_did_not_configure(self):
        # sagemaker-api.md §3.3: WarmPoolStatus only when a warm pool is configured. The
        # children reuse each other's clusters (the timeline's "reused"), but those are the
        # tuning job's: no WarmPoolStatus, no retention billed.
        request = blog_tuning_request("no-warm")
        request["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
            "MaxNumberOfTrainingJobs": 3, "MaxParallelTrainingJobs": 1}
        self.client.create_hyper_parameter_tuning_job(**request)
        self.assertEqual(self.wait_for_tuning_job("no-warm")["HyperParameterTuningJobStatus"], "Completed")
        self.assertTrue(self.emu.events(tuningJob="no-warm", type="reused"), "children did reuse clusters")
        children = self.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="no-warm")["TrainingJobSummaries"]
        self.assertEqual(len(children), 3)
        for child in children:
            job = self.client.describe_training_job(TrainingJobName=child["TrainingJobName"])
            self.assertNotIn("WarmPoolStatus", job)
            self.assertEqual(job["BillableTimeInSeconds"], job["TrainingTimeInSeconds"])
        for status in ("Available", "InUse", "Reused", "Terminated"):
            listed = self.client.list_training_jobs(WarmPoolStatusEquals=status, NameContains="no-warm")
            self.assertEqual(listed["TrainingJobSummaries"], [], status)

    def test_metric_definitions_read_the_log_and_a_regex_that_matches_nothing_gives_nothing(self):
        # sagemaker-api.md §3.7: metrics come from the log through the MetricDefinitions regexes.
        never = [{"Name": "validation:rmse", "Regex": "THIS-NEVER-APPEARS=([0-9.]+)"}]
        request = training_request("never-read")
        request["AlgorithmSpecification"]["MetricDefinitions"] = never
        self.client.create_training_job(**request)
        self.client.get_waiter("training_job_completed_or_stopped").wait(
            TrainingJobName="never-read", WaiterConfig=FAST_WAITER)
        job = self.client.describe_training_job(TrainingJobName="never-read")
        self.assertEqual(job["TrainingJobStatus"], "Completed")
        self.assertIsNotNone(last_printed_rmse(self.emu, "never-read"), "the job printed its rounds")
        self.assertNotIn("FinalMetricDataList", job)
        # A tuning child whose objective regex reads nothing has no objective (§3.2).
        tuning = blog_tuning_request("never-objective")
        tuning["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
            "MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2}
        tuning["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"] = never
        self.client.create_hyper_parameter_tuning_job(**tuning)
        described = self.wait_for_tuning_job("never-objective")
        self.assertEqual(described["ObjectiveStatusCounters"], {"Succeeded": 0, "Pending": 0, "Failed": 2})
        self.assertNotIn("BestTrainingJob", described)
        for child in self.client.list_training_jobs_for_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="never-objective")["TrainingJobSummaries"]:
            self.assertEqual(child["ObjectiveStatus"], "Failed")
            self.assertNotIn("FinalHyperParameterTuningJobObjectiveMetric", child)
        # Without MetricDefinitions the built-in algorithm's own definition reads the objective.
        builtin = blog_tuning_request("builtin-objective")
        builtin["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
            "MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2}
        self.client.create_hyper_parameter_tuning_job(**builtin)
        described = self.wait_for_tuning_job("builtin-objective")
        self.assertEqual(described["ObjectiveStatusCounters"]["Succeeded"], 2)
        best = described["BestTrainingJob"]
        self.assertAlmostEqual(best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
                               last_printed_rmse(self.emu, best["TrainingJobName"]), places=5)

    def wait_for_tuning_job(self, name):
        for _ in range(100):  # boto3 has no waiter for tuning jobs
            described = self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
            if described["HyperParameterTuningJobStatus"] != "InProgress":
                return described
            time.sleep(0.05)
        self.fail("%s still InProgress" % name)

    def test_waiter_fails_fast_on_a_missing_job(self):
        with self.assertRaises(botocore.exceptions.WaiterError) as ctx:
            self.client.get_waiter("training_job_completed_or_stopped").wait(
                TrainingJobName="never-created", WaiterConfig=FAST_WAITER)
        self.assertIn("ValidationException", str(ctx.exception))

    def test_duplicate_name_is_resource_in_use_with_the_arn(self):
        arn = self.client.create_training_job(**training_request("dup-train"))["TrainingJobArn"]
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.create_training_job(**training_request("DUP-train"))
        self.assertEqual(error_code(ctx.exception), "ResourceInUse")
        self.assertIn(arn, ctx.exception.response["Error"]["Message"])

    def test_tags_round_trip_and_reach_children_launched_afterwards(self):
        arn = self.client.create_hyper_parameter_tuning_job(
            **blog_tuning_request("tagged"), Tags=[{"Key": "team", "Value": "ml"}])["HyperParameterTuningJobArn"]
        self.client.add_tags(ResourceArn=arn.upper().replace("ARN:AWS:SAGEMAKER:US-EAST-1", "arn:aws:sagemaker:us-east-1"),
                             Tags=[{"Key": "cost-center", "Value": "42"}])
        tags = self.client.list_tags(ResourceArn=arn)["Tags"]
        self.assertEqual({t["Key"]: t["Value"] for t in tags}, {"team": "ml", "cost-center": "42"})
        self.client.delete_tags(ResourceArn=arn, TagKeys=["team"])
        self.assertEqual([t["Key"] for t in self.client.list_tags(ResourceArn=arn)["Tags"]], ["cost-center"])
        child = self.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="tagged")["TrainingJobSummaries"][0]
        child_tags = self.client.list_tags(ResourceArn=child["TrainingJobArn"])["Tags"]
        self.assertIn({"Key": "team", "Value": "ml"}, child_tags)  # copied at launch, kept after DeleteTags

    def test_tags_on_unknown_resources_and_reserved_keys_are_validation_errors(self):
        for call, kwargs in [
            (self.client.list_tags, {"ResourceArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/nope"}),
            (self.client.add_tags, {"ResourceArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/nope",
                                    "Tags": [{"Key": "a", "Value": "b"}]}),
        ]:
            with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                call(**kwargs)
            self.assertEqual(error_code(ctx.exception), "ValidationException")
        arn = self.client.create_training_job(**training_request("reserved"))["TrainingJobArn"]
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.add_tags(ResourceArn=arn, Tags=[{"Key": "aws:owner", "Value": "me"}])
        self.assertEqual(error_code(ctx.exception), "ValidationException")

    def test_delete_removes_the_job_and_frees_the_name(self):
        self.client.create_training_job(**training_request("to-delete"))
        self.client.get_waiter("training_job_completed_or_stopped").wait(
            TrainingJobName="to-delete", WaiterConfig=FAST_WAITER)
        self.client.delete_training_job(TrainingJobName="to-delete")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.describe_training_job(TrainingJobName="to-delete")
        self.assertEqual(error_code(ctx.exception), "ValidationException")
        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.delete_training_job(TrainingJobName="to-delete")
        self.client.create_training_job(**training_request("to-delete"))

    def test_regions_and_accounts_do_not_see_each_other(self):
        west = self.emu.client(region="us-west-2")
        west.create_training_job(**training_request("regional"))
        self.assertEqual(west.describe_training_job(TrainingJobName="regional")["TrainingJobArn"],
                         "arn:aws:sagemaker:us-west-2:123456789012:training-job/regional")
        with self.assertRaises(botocore.exceptions.ClientError):
            self.client.describe_training_job(TrainingJobName="regional")
        other_account = boto3.session.Session().client(
            "sagemaker", region_name="us-west-2", endpoint_url=self.emu.url,
            aws_access_key_id="210987654321", aws_secret_access_key="secret",
            config=botocore.config.Config(retries={"max_attempts": 1}))
        with self.assertRaises(botocore.exceptions.ClientError):
            other_account.describe_training_job(TrainingJobName="regional")
        arn = other_account.create_training_job(**training_request("regional"))["TrainingJobArn"]
        self.assertEqual(arn, "arn:aws:sagemaker:us-west-2:210987654321:training-job/regional")


class ManualTrainingJobsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")
        cls.client = cls.emu.client()

    def test_a_running_job_cannot_be_deleted_and_a_stopped_one_can(self):
        self.client.create_training_job(**training_request("busy"))
        with self.assertRaises(self.client.exceptions.ResourceInUse):
            self.client.delete_training_job(TrainingJobName="busy")
        self.client.stop_training_job(TrainingJobName="busy")
        self.assertEqual(self.client.describe_training_job(TrainingJobName="busy")["TrainingJobStatus"], "Stopping")
        self.emu.advance(60)
        self.assertEqual(self.client.describe_training_job(TrainingJobName="busy")["TrainingJobStatus"], "Stopped")
        self.client.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName="busy", WaiterConfig=FAST_WAITER)
        self.client.delete_training_job(TrainingJobName="busy")

    def test_stopped_jobs_keep_the_last_value_of_what_they_printed(self):
        # sagemaker-api.md §3.3: FinalMetricDataList (last value per metric) once metrics exist,
        # whether the job completes or is stopped (by its MaxRuntimeInSeconds or StopTrainingJob).
        self.client.create_training_job(**training_request(
            "limited", StoppingCondition={"MaxRuntimeInSeconds": 200}))
        self.client.create_training_job(**training_request("user-stopped"))
        self.emu.advance(300)
        self.client.stop_training_job(TrainingJobName="user-stopped")
        self.emu.advance(600)
        for name, secondary in (("limited", "MaxRuntimeExceeded"), ("user-stopped", "Stopped")):
            job = self.client.describe_training_job(TrainingJobName=name)
            self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", secondary))
            printed = last_printed_rmse(self.emu, name)
            self.assertIsNotNone(printed, name)
            self.assertEqual([m["MetricName"] for m in job["FinalMetricDataList"]], ["validation:rmse"], name)
            self.assertAlmostEqual(job["FinalMetricDataList"][0]["Value"], printed, places=5)

    def test_children_the_tuning_job_stops_keep_their_objective(self):
        # §3.2: ObjectiveStatus Failed only when the job failed or emitted no objective; §3.7:
        # the final objective is the latest value emitted, and BestTrainingJob is the best of the
        # children whose ObjectiveStatus is Succeeded.
        request = blog_tuning_request("stopped-mid")
        request["TrainingJobDefinition"]["StaticHyperParameters"] = {"num_round": "1000"}
        self.client.create_hyper_parameter_tuning_job(**request)
        self.emu.advance(900)
        self.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="stopped-mid")
        self.emu.advance(120)
        tuning = self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="stopped-mid")
        self.assertEqual(tuning["HyperParameterTuningJobStatus"], "Stopped")
        children = self.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="stopped-mid")["TrainingJobSummaries"]
        succeeded = 0
        for child in children:
            self.assertEqual(child["TrainingJobStatus"], "Stopped")
            printed = last_printed_rmse(self.emu, child["TrainingJobName"])
            if printed is None:
                self.assertEqual(child["ObjectiveStatus"], "Failed")
                continue
            succeeded += 1
            self.assertEqual(child["ObjectiveStatus"], "Succeeded", child["TrainingJobName"])
            self.assertAlmostEqual(child["FinalHyperParameterTuningJobObjectiveMetric"]["Value"], printed, places=5)
            job = self.client.describe_training_job(TrainingJobName=child["TrainingJobName"])
            self.assertAlmostEqual(job["FinalMetricDataList"][0]["Value"], printed, places=5)
        self.assertGreater(succeeded, 0)
        self.assertEqual(tuning["ObjectiveStatusCounters"],
                         {"Succeeded": succeeded, "Pending": 0, "Failed": len(children) - succeeded})
        self.assertEqual(tuning["TrainingJobStatusCounters"]["Stopped"], len(children))
        best = min((c for c in children if c["ObjectiveStatus"] == "Succeeded"),
                   key=lambda c: c["FinalHyperParameterTuningJobObjectiveMetric"]["Value"])
        self.assertEqual(tuning["BestTrainingJob"]["TrainingJobName"], best["TrainingJobName"])

    def test_a_standalone_job_waits_for_capacity_then_fails(self):
        self.emu.set_capacity([{"instanceType": "ml.p3.2xlarge", "capacity": 0}])
        self.client.create_training_job(**training_request("no-gpu", instance_type="ml.p3.2xlarge"))
        self.emu.advance(120)
        job = self.client.describe_training_job(TrainingJobName="no-gpu")
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("InProgress", "Starting"))
        self.emu.advance(3600)
        job = self.client.describe_training_job(TrainingJobName="no-gpu")
        self.assertEqual(job["TrainingJobStatus"], "Failed")
        self.assertEqual(job["FailureReason"], CAPACITY_ERROR)
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.client.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName="no-gpu", WaiterConfig=FAST_WAITER)

    def test_update_merges_profiler_settings_while_running(self):
        self.client.create_training_job(**training_request("profiled"))
        self.client.update_training_job(TrainingJobName="profiled", ProfilerConfig={"S3OutputPath": "s3://bucket/profile"},
                                        ResourceConfig={"KeepAlivePeriodInSeconds": 600})
        job = self.client.describe_training_job(TrainingJobName="profiled")
        self.assertEqual(job["ProfilerConfig"]["S3OutputPath"], "s3://bucket/profile")
        self.assertEqual(job["ResourceConfig"]["KeepAlivePeriodInSeconds"], 600)
        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.update_training_job(TrainingJobName="missing", ResourceConfig={"KeepAlivePeriodInSeconds": 1})

    def test_a_new_tuning_job_launches_its_first_children_without_the_clock_moving(self):
        before = self.emu.clock()["elapsedSeconds"]
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("at-once"))
        children = self.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="at-once")["TrainingJobSummaries"]
        self.assertEqual(len(children), 5)  # MaxParallelTrainingJobs
        self.assertEqual(self.emu.clock()["elapsedSeconds"], before)

    def test_delete_tuning_job_only_when_terminal(self):
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("deletable"))
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.delete_hyper_parameter_tuning_job(HyperParameterTuningJobName="deletable")
        self.assertEqual(error_code(ctx.exception), "ValidationException")
        self.client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="deletable")
        self.emu.advance(120)
        children = self.client.list_training_jobs(NameContains="deletable")["TrainingJobSummaries"]
        self.client.delete_hyper_parameter_tuning_job(HyperParameterTuningJobName="deletable")
        with self.assertRaises(self.client.exceptions.ResourceNotFound):
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="deletable")
        for child in children:  # training jobs stay, still naming their tuner
            job = self.client.describe_training_job(TrainingJobName=child["TrainingJobName"])
            self.assertTrue(job["TuningJobArn"].endswith("/deletable"))


if __name__ == "__main__":
    unittest.main()
