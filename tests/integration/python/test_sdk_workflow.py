"""The whole tuning workflow on one endpoint, as the SageMaker Python SDK calls it (issue 11):
STS for the account, the default bucket and the uploaded source in S3, the tuning job in
SageMaker, then the best job's logs (`logs_for_job`), its metrics as `TrainingJobAnalytics`
reads them (GetMetricStatistics, Period 60, Average) and as the tuner's charts read them
(ListMetrics, GetMetricData). Every client is configured only through AWS_ENDPOINT_URL."""

import datetime
import os
import re
import struct
import unittest
from unittest import mock

import boto3
import botocore.config

from emulator_process import EmulatorTestCase
from s3_support import source_archive
from sagemaker_requests import OBJECTIVE, STATIC_HYPERPARAMETERS, blog_tuning_request
from tuning_run import wait_until_tuning_terminal

NAMESPACE = "/aws/sagemaker/TrainingJobs"
REGION = "us-east-1"
# The regex SageMaker gives built-in xgboost's validation:rmse (training-contract.md §4).
RMSE_REGEX = r".*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*"


def float32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


class SdkWorkflowTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "instant", "--seed", "11")
        env = {"AWS_ENDPOINT_URL": cls.emu.url, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
               "AWS_SECRET_ACCESS_KEY": "secret", "AWS_DEFAULT_REGION": REGION}
        with mock.patch.dict(os.environ, env):
            session = boto3.session.Session()
            config = botocore.config.Config(retries={"max_attempts": 1})
            cls.clients = {name: session.client(name, config=config)
                           for name in ("sts", "s3", "sagemaker", "logs", "cloudwatch")}

    def test_a_tuning_job_from_upload_to_its_charts(self):
        sts, s3, sagemaker = self.clients["sts"], self.clients["s3"], self.clients["sagemaker"]
        # HyperparameterTuner.fit(): the account, the default bucket, the uploaded source.
        account = sts.get_caller_identity()["Account"]
        bucket = "sagemaker-%s-%s" % (REGION, account)
        if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
            s3.create_bucket(Bucket=bucket)
        s3.head_bucket(Bucket=bucket)
        source_key = "sdk-flow/source/sourcedir.tar.gz"
        s3.put_object(Bucket=bucket, Key=source_key, Body=source_archive({"train.py": "print('training')\n"}))
        s3.put_object(Bucket=bucket, Key="sdk-flow/train/data.csv", Body=b"1,2\n3,4\n")
        request = blog_tuning_request("sdk-flow")
        definition = request["TrainingJobDefinition"]
        definition["InputDataConfig"][0]["DataSource"]["S3DataSource"]["S3Uri"] = "s3://%s/sdk-flow/train/" % bucket
        definition["OutputDataConfig"]["S3OutputPath"] = "s3://%s/sdk-flow/output" % bucket
        definition["StaticHyperParameters"]["sagemaker_submit_directory"] = '"s3://%s/%s"' % (bucket, source_key)
        definition["StaticHyperParameters"]["sagemaker_program"] = '"train.py"'
        sagemaker.create_hyper_parameter_tuning_job(**request)
        tuning = wait_until_tuning_terminal(sagemaker, "sdk-flow")
        self.assertEqual(tuning["HyperParameterTuningJobStatus"], "Completed")
        best = sagemaker.describe_training_job(TrainingJobName=tuning["BestTrainingJob"]["TrainingJobName"])
        final = {m["MetricName"]: m["Value"] for m in best["FinalMetricDataList"]}[OBJECTIVE]
        self.check_logs_for_job(best, final)
        self.check_training_job_analytics(best, final)
        self.check_tuner_charts(best)

    def check_logs_for_job(self, job, final):
        logs = self.clients["logs"]
        name = job["TrainingJobName"]
        streams = logs.describe_log_streams(logGroupName=NAMESPACE, logStreamNamePrefix=name + "/",
                                            orderBy="LogStreamName",
                                            limit=min(job["ResourceConfig"]["InstanceCount"], 50))
        self.assertNotIn("nextToken", streams)
        values, token = [], None
        for _ in range(20):
            request = {"logGroupName": NAMESPACE, "logStreamName": streams["logStreams"][0]["logStreamName"],
                       "startFromHead": True, "startTime": int(job["TrainingStartTime"].timestamp() * 1000)}
            if token:
                request["nextToken"] = token
            page = logs.get_log_events(**request)
            if not page["events"]:
                break
            values += [float(m.group(1)) for m in (re.match(RMSE_REGEX, e["message"]) for e in page["events"]) if m]
            token = page["nextForwardToken"]
        self.assertEqual(len(values), int(STATIC_HYPERPARAMETERS["num_round"]))
        self.assertAlmostEqual(float32(values[-1]), final, delta=abs(final) * 1e-5)

    def check_training_job_analytics(self, job, final):
        answer = self.clients["cloudwatch"].get_metric_statistics(
            Namespace=NAMESPACE, MetricName=OBJECTIVE,
            Dimensions=[{"Name": "TrainingJobName", "Value": job["TrainingJobName"]}],
            StartTime=job["TrainingStartTime"], EndTime=job["TrainingEndTime"] + datetime.timedelta(minutes=1),
            Period=60, Statistics=["Average", "Minimum", "SampleCount"])
        points = sorted(answer["Datapoints"], key=lambda p: p["Timestamp"])
        self.assertGreater(len(points), 1, answer)
        self.assertEqual(sum(p["SampleCount"] for p in points), int(STATIC_HYPERPARAMETERS["num_round"]))
        # A loss comes down: the last minute holds the last epoch, the job's final value.
        self.assertAlmostEqual(points[-1]["Minimum"], final, delta=abs(final) * 1e-5)
        self.assertGreater(points[0]["Average"], points[-1]["Average"])

    def check_tuner_charts(self, job):
        cloudwatch = self.clients["cloudwatch"]
        dimension = [{"Name": "TrainingJobName", "Value": job["TrainingJobName"]}]
        metrics = cloudwatch.list_metrics(Namespace=NAMESPACE, Dimensions=dimension)["Metrics"]
        self.assertEqual([m["MetricName"] for m in metrics], [OBJECTIVE])
        data = cloudwatch.get_metric_data(
            MetricDataQueries=[{"Id": "objective", "MetricStat": {
                "Metric": {"Namespace": NAMESPACE, "MetricName": OBJECTIVE, "Dimensions": dimension},
                "Period": 60, "Stat": "Average"}}],
            StartTime=job["TrainingStartTime"] - datetime.timedelta(minutes=1),
            EndTime=job["TrainingEndTime"] + datetime.timedelta(minutes=1))
        result = data["MetricDataResults"][0]
        self.assertEqual(result["StatusCode"], "Complete")
        self.assertGreater(len(result["Values"]), 1)


if __name__ == "__main__":
    unittest.main()
