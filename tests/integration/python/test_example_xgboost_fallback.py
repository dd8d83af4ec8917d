"""examples/xgboost-fallback, as the README walks a user through it: the blog post's tuning job
with ml.m4.xlarge dried up and real XGBoost training code (--training local), each child
falling back to ml.m5.4xlarge and training on scikit-learn's diabetes data. The emulator runs
the script with /usr/bin/python3 (scripts/install-deps.sh --with-tests installs
python3-xgboost and python3-sklearn for it)."""

import importlib.util
import os
import re
import tarfile
import tempfile
import unittest

from emulator_process import EmulatorTestCase

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EXAMPLE = os.path.join(ROOT, "examples", "xgboost-fallback", "run_example.py")
LAST_RMSE = re.compile(r"^\[\d+\]\ttrain-rmse:[0-9.]+\tvalidation-rmse:([0-9.]+)$")


def load_example():
    spec = importlib.util.spec_from_file_location("run_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class XGBoostFallbackExampleTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="amt-example-")
        cls.s3_dir = os.path.join(cls.folder.name, "s3")
        cls.work_dir = os.path.join(cls.folder.name, "work")
        emu = cls.start_emulator("--clock", "instant", "--training", "local", "--s3-dir", cls.s3_dir,
                                 "--work-dir", cls.work_dir)
        with emu.showing_log_on_error():
            cls.tuning, cls.children = load_example().run(emu.url, cls.s3_dir, timeout_s=240)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.folder.cleanup()

    def log_of(self, job):
        with open(os.path.join(self.work_dir, "logs", job + ".log")) as f:
            return f.read().splitlines()

    def test_the_tuning_job_completes_with_every_child_on_the_fallback(self):
        self.assertEqual(self.tuning["HyperParameterTuningJobStatus"], "Completed")
        self.assertEqual(len(self.children), 6)
        for child in self.children:
            self.assertEqual(child["TrainingJobStatus"], "Completed", child.get("FailureReason"))
            self.assertEqual(child["ResourceConfig"]["InstanceType"], "ml.m5.4xlarge")

    def test_each_objective_is_the_rmse_its_own_xgboost_run_printed(self):
        for child in self.children:
            rounds = [LAST_RMSE.match(line) for line in self.log_of(child["TrainingJobName"])]
            rounds = [float(m.group(1)) for m in rounds if m]
            self.assertEqual(len(rounds), 50, "num_round 50: one line per round")
            reported = {m["MetricName"]: m["Value"] for m in child["FinalMetricDataList"]}["validation:rmse"]
            self.assertAlmostEqual(reported, rounds[-1], places=3)
            self.assertTrue(40 < reported < 120, reported)  # diabetes: a real fit, not a constant

    def test_the_best_job_is_the_lowest_rmse(self):
        best = self.tuning["BestTrainingJob"]
        values = {c["TrainingJobName"]: {m["MetricName"]: m["Value"] for m in c["FinalMetricDataList"]}
                  ["validation:rmse"] for c in self.children}
        self.assertEqual(best["TrainingJobName"], min(values, key=values.get))
        self.assertGreater(len(set(values.values())), 1, "different hyperparameters, different fits")

    def test_the_best_model_is_in_the_s3_store(self):
        uri = next(c["ModelArtifacts"]["S3ModelArtifacts"] for c in self.children
                   if c["TrainingJobName"] == self.tuning["BestTrainingJob"]["TrainingJobName"])
        path = os.path.join(self.s3_dir, uri[len("s3://"):])
        with tarfile.open(path) as tar:
            self.assertEqual(sorted(tar.getnames()), ["hyperparameters.json", "xgboost-model.json"])

    def test_the_timeline_shows_the_ice_and_the_fallback(self):
        events = self.emu.events(tuningJob=self.tuning["HyperParameterTuningJobName"])
        types = [e["type"] for e in events]
        self.assertIn("ice", types)
        self.assertEqual(types.count("fell-back"), 6)


if __name__ == "__main__":
    unittest.main()
