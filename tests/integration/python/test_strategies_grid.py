"""The Grid strategy through boto3 (sagemaker-api.md §3.8, §3.16): every combination of the
categorical ranges runs exactly once, Describe shows the computed number of jobs, and grids
of the wrong size, over the job quota or with non-categorical ranges are refused.
"""

import collections
import itertools
import unittest

from emulator_process import EmulatorTestCase
from strategy_support import (
    GRID_COMBINATIONS, GRID_RANGES, CompletedStrategyChecks, children, error_of, run_to_end,
    tuning_request)


class GridStrategyTest(EmulatorTestCase, CompletedStrategyChecks):
    name = "strategy-grid"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Grid", GRID_RANGES, None, 3))
        cls.summaries = children(cls.client, cls.name)

    def test_describe_shows_the_computed_number_of_jobs(self):
        # §3.8 / §3.16: MaxNumberOfTrainingJobs may be omitted for Grid; Describe shows the
        # number of combinations.
        limits = self.describe["HyperParameterTuningJobConfig"]["ResourceLimits"]
        self.assertEqual(limits.get("MaxNumberOfTrainingJobs"), GRID_COMBINATIONS, limits)
        self.assertEqual(limits["MaxParallelTrainingJobs"], 3)
        summaries = self.client.list_hyper_parameter_tuning_jobs(NameContains=self.name)[
            "HyperParameterTuningJobSummaries"]
        self.assertEqual([s["ResourceLimits"] for s in summaries],
                         [{"MaxNumberOfTrainingJobs": GRID_COMBINATIONS, "MaxParallelTrainingJobs": 3}])

    def test_every_combination_runs_exactly_once(self):
        self.assert_completed_run()
        self.assertEqual(len(self.summaries), GRID_COMBINATIONS)
        names = [r["Name"] for r in GRID_RANGES["CategoricalParameterRanges"]]
        seen = collections.Counter(tuple(s["TunedHyperParameters"][n] for n in names) for s in self.summaries)
        expected = set(itertools.product(*[r["Values"] for r in GRID_RANGES["CategoricalParameterRanges"]]))
        self.assertEqual(set(seen), expected)
        self.assertEqual(set(seen.values()), {1}, seen)

    def test_tuned_values_are_legal(self):
        self.assert_children_legal(self.client, self.name, GRID_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror"}, GRID_COMBINATIONS)

    def test_wrong_job_count_is_refused(self):
        code, message = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **tuning_request("grid-wrong-count", "Grid", GRID_RANGES, 5, 1)))
        self.assertEqual(code, "ValidationException")
        self.assertIn(str(GRID_COMBINATIONS), message)

    def test_more_combinations_than_the_job_quota_is_refused(self):
        # §3.8: the number of combinations is subject to the 750-job limit (30 x 30 = 900).
        ranges = dict(GRID_RANGES, CategoricalParameterRanges=[
            {"Name": "a", "Values": [str(i) for i in range(30)]},
            {"Name": "b", "Values": [str(i) for i in range(30)]}])
        code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **tuning_request("grid-900", "Grid", ranges, None, 1)))
        self.assertEqual(code, "ResourceLimitExceeded")

    def test_non_categorical_range_is_refused(self):
        ranges = dict(GRID_RANGES, IntegerParameterRanges=[{"Name": "num_parallel_tree", "MinValue": "1",
                                                            "MaxValue": "3"}])
        code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(
            **tuning_request("grid-integer", "Grid", ranges, None, 1)))
        self.assertEqual(code, "ValidationException")


if __name__ == "__main__":
    unittest.main()
