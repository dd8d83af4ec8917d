"""WarmStartConfig through boto3 (sagemaker-api.md §3.11): IdenticalDataAndAlgorithm and
TransferLearning from a finished parent, the overall best across parent and child, and the
refusals (running or missing parent, new image or data, six parents, the job limit).
"""

import unittest

from botocore.exceptions import ClientError

from emulator_process import EmulatorTestCase
from sagemaker_requests import XGBOOST_IMAGE
from strategy_support import (
    XGB_RANGES, best_of, best_value, children, error_of, objective_value, training_definition,
    tuning_request)
from tuning_run import advance_until_tuning_terminal

XGBOOST_IMAGE_V17 = XGBOOST_IMAGE.replace(":latest", ":1.7-1")


class WarmStartTest(EmulatorTestCase):
    """Manual clock, so that a parent can be seen while it is still running."""

    parent = "ws-parent"
    parent_jobs = 10

    @classmethod
    def setUpClass(cls):
        cls.emu = emu = cls.start_emulator("--clock", "manual")
        cls.client = client = emu.client()
        client.create_hyper_parameter_tuning_job(**tuning_request(cls.parent, "Random", XGB_RANGES,
                                                                  cls.parent_jobs, 2, seed=1))
        # While the parent runs, a warm start from it must be refused (§3.11: parents terminal).
        try:
            client.create_hyper_parameter_tuning_job(**cls.warm_request("ws-early", "IdenticalDataAndAlgorithm"))
            cls.running_parent_error = None
        except ClientError as err:
            cls.running_parent_error = err.response["Error"]
        cls.parent_status_at_refusal = client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=cls.parent)["HyperParameterTuningJobStatus"]
        cls.parent_describe = advance_until_tuning_terminal(emu, client, cls.parent)
        cls.parent_children = children(client, cls.parent)

        client.create_hyper_parameter_tuning_job(**cls.warm_request("ws-identical", "IdenticalDataAndAlgorithm"))
        cls.identical = advance_until_tuning_terminal(emu, client, "ws-identical")
        cls.identical_children = children(client, "ws-identical")

        transfer_ranges = dict(XGB_RANGES, IntegerParameterRanges=[{"Name": "max_depth", "MinValue": "2",
                                                                    "MaxValue": "8"}])
        client.create_hyper_parameter_tuning_job(**cls.warm_request(
            "ws-transfer", "TransferLearning", image=XGBOOST_IMAGE_V17, ranges=transfer_ranges))
        cls.transfer = advance_until_tuning_terminal(emu, client, "ws-transfer")

    @classmethod
    def warm_request(cls, name, warm_type, image=XGBOOST_IMAGE, ranges=None, parents=None, max_jobs=6,
                     s3_train="s3://bucket/train/"):
        request = tuning_request(name, "Bayesian", ranges or XGB_RANGES, max_jobs, 1, seed=2,
                                 definition=training_definition(image=image, s3_train=s3_train))
        request["WarmStartConfig"] = {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": p}
                                               for p in (parents or [cls.parent])],
            "WarmStartType": warm_type,
        }
        return request

    def test_running_parent_is_refused(self):
        self.assertEqual(self.parent_status_at_refusal, "InProgress")
        self.assertIsNotNone(self.running_parent_error, "a warm start from a running parent was accepted")
        self.assertEqual(self.running_parent_error["Code"], "ValidationException", self.running_parent_error)
        with self.assertRaises(ClientError):
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="ws-early")

    def test_identical_data_and_algorithm_completes_and_echoes_the_config(self):
        d = self.identical
        self.assertEqual(self.parent_describe["HyperParameterTuningJobStatus"], "Completed")
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["WarmStartConfig"], {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": self.parent}],
            "WarmStartType": "IdenticalDataAndAlgorithm"})
        self.assertEqual(len(self.identical_children), 6)

    def test_overall_best_is_the_best_of_parent_and_child(self):
        d = self.identical
        own_best = best_of(self.identical_children)
        self.assertEqual(d["BestTrainingJob"]["TrainingJobName"], own_best["TrainingJobName"])
        overall = best_of(self.parent_children + self.identical_children)
        self.assertIn("OverallBestTrainingJob", d)
        self.assertEqual(d["OverallBestTrainingJob"]["TrainingJobName"], overall["TrainingJobName"])
        self.assertEqual(objective_value(d["OverallBestTrainingJob"]), objective_value(overall))
        self.assertLessEqual(objective_value(d["OverallBestTrainingJob"]), best_value(d))
        self.assertLessEqual(objective_value(d["OverallBestTrainingJob"]), best_value(self.parent_describe))

    def test_transfer_learning_accepts_a_new_image_and_ranges(self):
        d = self.transfer
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["TrainingJobDefinition"]["AlgorithmSpecification"]["TrainingImage"], XGBOOST_IMAGE_V17)
        self.assertEqual(d["WarmStartConfig"]["WarmStartType"], "TransferLearning")
        # The API reference defines OverallBestTrainingJob for IdenticalDataAndAlgorithm only.
        self.assertNotIn("OverallBestTrainingJob", d)

    def test_identical_data_and_algorithm_refuses_a_new_image(self):
        code, message = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **self.warm_request("ws-new-image", "IdenticalDataAndAlgorithm", image=XGBOOST_IMAGE_V17)))
        self.assertEqual(code, "ValidationException")
        self.assertIn("Only the following fields in TrainingJobDefinition are allowed to change", message)

    def test_identical_data_and_algorithm_refuses_new_data(self):
        # §3.11: IdenticalDataAndAlgorithm forbids changing the data or the image.
        code, message = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **self.warm_request("ws-new-data", "IdenticalDataAndAlgorithm", s3_train="s3://bucket/other-train/")))
        self.assertEqual(code, "ValidationException")
        self.assertIn("input data must be that of the parent", message)

    def test_missing_parent_is_refused(self):
        code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **self.warm_request("ws-orphan", "TransferLearning", parents=["no-such-parent"])))
        self.assertIn(code, ("ValidationException", "ResourceNotFound"))

    def test_more_than_five_parents_are_refused(self):
        code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **self.warm_request("ws-six", "TransferLearning", parents=[self.parent] * 6)))
        self.assertEqual(code, "ValidationException")

    def test_parent_jobs_count_against_the_training_job_limit(self):
        # 10 parent jobs + 741 > 750 (§3.11: the parents' training jobs count against the limit).
        code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **self.warm_request("ws-too-many", "TransferLearning", max_jobs=741)))
        self.assertEqual(code, "ResourceLimitExceeded")


if __name__ == "__main__":
    unittest.main()
