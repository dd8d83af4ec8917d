"""The Random strategy through boto3 (sagemaker-api.md §3.8): a seeded 30-job search completes,
every tuned value is legal and reaches its child, a logarithmic range is sampled
logarithmically, and no point is drawn twice.
"""

import unittest

from emulator_process import EmulatorTestCase
from strategy_support import XGB_RANGES, CompletedStrategyChecks, children, run_to_end, tuning_request


class RandomStrategyTest(EmulatorTestCase, CompletedStrategyChecks):
    name = "strategy-random"
    jobs = 30

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Random", XGB_RANGES, cls.jobs, 3, seed=11))
        cls.summaries = children(cls.client, cls.name)

    def test_completes_with_every_child(self):
        self.assertEqual(self.describe["HyperParameterTuningJobConfig"]["Strategy"], "Random")
        self.assertEqual(self.describe["HyperParameterTuningJobConfig"]["RandomSeed"], 11)
        self.assert_completed_run()

    def test_tuned_values_are_legal_and_passed_to_the_children(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror"}, self.jobs)

    def test_logarithmic_range_is_sampled_logarithmically(self):
        # eta in [0.001, 1] on a log scale: about half the draws below 10^-1.5 (uniform: 3 %).
        etas = [float(s["TunedHyperParameters"]["eta"]) for s in self.summaries]
        below = sum(1 for e in etas if e < 10 ** -1.5)
        self.assertGreaterEqual(below, 0.25 * len(etas), sorted(etas))
        self.assertLessEqual(below, 0.75 * len(etas), sorted(etas))

    def test_draws_are_distinct(self):
        points = {tuple(sorted(s["TunedHyperParameters"].items())) for s in self.summaries}
        self.assertEqual(len(points), len(self.summaries))


if __name__ == "__main__":
    unittest.main()
