"""CloudWatch metrics through the AWS CLI (`aws cloudwatch`), configured only through
AWS_ENDPOINT_URL: put-metric-data (a value, a statistic set), list-metrics, get-metric-statistics
as TrainingJobAnalytics asks it, and the modelled error on stderr. The CLI v1 with botocore 1.43
sends AWS JSON 1.0; Debian 12's CLI v2.9 sends the query protocol.

Run: python3 tests/integration/cli/test_cli_cloudwatch.py   (ctest: cli_cloudwatch). Uses the
Python harness (../python/emulator_process.py) to start build/amt-emulator ($AMT_EMULATOR_BIN)."""

import json
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from cloudwatch_clients import wall_time  # noqa: E402
from emulator_process import ACCOUNT, REGION, EmulatorTestCase  # noqa: E402

NS = "/aws/sagemaker/TrainingJobs"


class CloudWatchCliTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        if shutil.which("aws") is None:
            raise unittest.SkipTest("no aws command (scripts/install-deps.sh --with-tests)")
        cls.start_emulator("--clock", "manual")
        cls.t0 = (int(cls.emu.clock()["now"]) // 3600 - 1) * 3600

    def aws(self, *args, expect_ok=True):
        env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "AWS_ENDPOINT_URL": self.emu.url,
               "AWS_ACCESS_KEY_ID": ACCOUNT, "AWS_SECRET_ACCESS_KEY": "x", "AWS_DEFAULT_REGION": REGION,
               "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_PAGER": "",
               "AWS_MAX_ATTEMPTS": "1"}
        done = subprocess.run(["aws", "cloudwatch", *args, "--output", "json"], env=env, capture_output=True,
                              text=True, timeout=60)
        if expect_ok:
            self.assertEqual(done.returncode, 0, done.stderr)
            return json.loads(done.stdout) if done.stdout.strip() else {}
        self.assertNotEqual(done.returncode, 0, done.stdout)
        return done.stderr

    def iso(self, seconds):
        return wall_time(self.t0 + seconds).strftime("%Y-%m-%dT%H:%M:%SZ")

    def test_put_list_and_statistics(self):
        for epoch, value in enumerate((0.9, 0.7, 0.6)):
            self.aws("put-metric-data", "--namespace", NS, "--metric-name", "validation:rmse",
                     "--dimensions", "TrainingJobName=cli-job", "--value", str(value),
                     "--timestamp", self.iso(20 * epoch))
        self.aws("put-metric-data", "--namespace", NS, "--metric-name", "train:rmse",
                 "--dimensions", "TrainingJobName=cli-job", "--timestamp", self.iso(0),
                 "--statistic-values", "SampleCount=2,Sum=3,Minimum=1,Maximum=2")
        listed = self.aws("list-metrics", "--namespace", NS, "--dimensions", "Name=TrainingJobName,Value=cli-job")
        self.assertEqual(sorted(m["MetricName"] for m in listed["Metrics"]), ["train:rmse", "validation:rmse"])
        stats = self.aws("get-metric-statistics", "--namespace", NS, "--metric-name", "validation:rmse",
                         "--dimensions", "Name=TrainingJobName,Value=cli-job", "--start-time", self.iso(0),
                         "--end-time", self.iso(600), "--period", "60", "--statistics", "Average", "Maximum")
        self.assertEqual(len(stats["Datapoints"]), 1)
        point = stats["Datapoints"][0]
        self.assertAlmostEqual(point["Average"], (0.9 + 0.7 + 0.6) / 3)
        self.assertEqual(point["Maximum"], 0.9)
        sets = self.aws("get-metric-statistics", "--namespace", NS, "--metric-name", "train:rmse",
                        "--dimensions", "Name=TrainingJobName,Value=cli-job", "--start-time", self.iso(0),
                        "--end-time", self.iso(60), "--period", "60", "--statistics", "SampleCount", "Sum")
        self.assertEqual((sets["Datapoints"][0]["SampleCount"], sets["Datapoints"][0]["Sum"]), (2.0, 3.0))

    def test_reserved_namespace_is_refused(self):
        stderr = self.aws("put-metric-data", "--namespace", "AWS/EC2", "--metric-name", "CPU", "--value", "1",
                          expect_ok=False)
        self.assertIn("InvalidParameterValue", stderr)
        self.assertIn("The value AWS/EC2 for parameter Namespace is invalid.", stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
