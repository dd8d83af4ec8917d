"""The Bayesian strategy through boto3 (sagemaker-api.md §3.8): a seeded search completes with
legal values, Autotune derives its ranges from value hints, and with the same budget it beats Random's median best on a hard xgboost
surface (five seeds) and on Hartmann-6 (three seeds, 40 sequential jobs).
"""

import statistics
import unittest

from emulator_process import EmulatorTestCase
from strategy_support import (
    XGB_RANGES, CompletedStrategyChecks, best_value, children, counters_total, run_to_end,
    training_definition, tuning_request)


# The space of the Bayesian-versus-Random comparison (5 dimensions, a hard xgboost surface).
HARD_RANGES = {
    "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.001", "MaxValue": "1", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.1", "MaxValue": "1"},
        {"Name": "colsample_bytree", "MinValue": "0.1", "MaxValue": "1"},
        {"Name": "min_child_weight", "MinValue": "0", "MaxValue": "50"},
    ],
    "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "15"}],
    "CategoricalParameterRanges": [],
}


def best_by_strategy(client, seeds, request):
    """Runs request(name, strategy, seed) to its end for Random and Bayesian under every seed;
    returns strategy -> the best objective value of each run."""
    best = {"Random": [], "Bayesian": []}
    for seed in seeds:
        for strategy in best:
            name = "%s-%d-%s" % (request.__qualname__.split(".")[0].lower()[:20], seed, strategy.lower())
            d = run_to_end(client, request(name, strategy, seed))
            if d["HyperParameterTuningJobStatus"] != "Completed":
                raise AssertionError("%s ended %s" % (name, d["HyperParameterTuningJobStatus"]))
            best[strategy].append(best_value(d))
    return best


class BayesianStrategyTest(EmulatorTestCase, CompletedStrategyChecks):
    name = "strategy-bayesian"
    jobs = 20

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Bayesian", XGB_RANGES, cls.jobs, 2, seed=5))
        cls.summaries = children(cls.client, cls.name)

    def test_completes_with_every_child(self):
        self.assertEqual(self.describe["HyperParameterTuningJobConfig"]["Strategy"], "Bayesian")
        self.assert_completed_run()

    def test_tuned_values_are_legal_and_passed_to_the_children(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror"}, self.jobs)


class AutotuneTest(EmulatorTestCase, CompletedStrategyChecks):
    """Autotune (sagemaker-api.md §2.1, §3.8): each AutoParameter with a numeric hint is tuned in
    a range one decade each side of it, a hint that is no number runs fixed at the hint, and
    what the request leaves open is chosen: MaxNumberOfTrainingJobs 50, convergence Enabled."""

    name = "strategy-autotune"
    hints = [{"Name": "eta", "ValueHint": "0.1"}, {"Name": "max_depth", "ValueHint": "4"},
             {"Name": "booster", "ValueHint": "gbtree"}]
    derived = {
        "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "40",
                                    "ScalingType": "Logarithmic"}],
        "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "1",
                                       "ScalingType": "Logarithmic"}],
        "CategoricalParameterRanges": [],
    }

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        request = tuning_request(cls.name, "Bayesian", {"AutoParameters": cls.hints}, max_jobs=None,
                                 parallel=5, seed=5)
        request["Autotune"] = {"Mode": "Enabled"}
        cls.describe = run_to_end(cls.client, request)
        cls.summaries = children(cls.client, cls.name)

    def test_ends_by_the_chosen_convergence_within_the_chosen_budget(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(counters_total(d), len(self.summaries))
        self.assertLess(len(self.summaries), 50)
        self.assertIn("ConvergenceDetectedTime", d["TuningJobCompletionDetails"])

    def test_describe_shows_the_derived_ranges_and_the_chosen_settings(self):
        config = self.describe["HyperParameterTuningJobConfig"]
        self.assertEqual(config["ParameterRanges"], dict(self.derived, AutoParameters=self.hints))
        self.assertEqual(config["ResourceLimits"]["MaxNumberOfTrainingJobs"], 50)
        self.assertEqual(config["TuningJobCompletionCriteria"],
                         {"ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}})
        self.assertEqual(self.describe["Autotune"], {"Mode": "Enabled"})
        statics = self.describe["TrainingJobDefinition"]["StaticHyperParameters"]
        self.assertEqual(statics["booster"], "gbtree")

    def test_children_are_tuned_in_the_derived_ranges(self):
        summaries = self.assert_children_legal(
            self.client, self.name, self.derived,
            {"num_round": "100", "objective": "reg:squarederror", "booster": "gbtree"}, len(self.summaries))
        self.assertGreater(len({s["TunedHyperParameters"]["eta"] for s in summaries}), 1)


class BayesianBeatsRandomTest(EmulatorTestCase):
    """Same budget (20 sequential training jobs), same 5-D xgboost space, five seeds."""

    seeds = (1, 2, 3, 4, 5)
    budget = 20

    @classmethod
    def setUpClass(cls):
        cls.best = best_by_strategy(cls.start_emulator("--clock", "instant").client(), cls.seeds, cls.request)

    @classmethod
    def request(cls, name, strategy, seed):
        return tuning_request(name, strategy, HARD_RANGES, cls.budget, 1, seed=seed)

    def test_bayesian_median_beats_random_median(self):
        self.assertLess(statistics.median(self.best["Bayesian"]), statistics.median(self.best["Random"]),
                        self.best)


class BayesianBeatsRandomOnHartmann6Test(EmulatorTestCase):
    """An objective defined as data: the hartmann6 image trains on Hartmann-6 of x1..x6
    (optimum -3.32237); 40 sequential jobs, three seeds."""

    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hartmann6:latest"
    seeds = (1, 2, 3)

    @classmethod
    def request(cls, name, strategy, seed):
        definition = training_definition(image=cls.image, statics={"epochs": "5"})
        definition["AlgorithmSpecification"]["MetricDefinitions"] = [{"Name": "loss", "Regex": "loss=(\\S+)"}]
        ranges = {"ContinuousParameterRanges": [{"Name": "x%d" % i, "MinValue": "0", "MaxValue": "1",
                                                 "ScalingType": "Linear"} for i in range(1, 7)],
                  "IntegerParameterRanges": [], "CategoricalParameterRanges": []}
        request = tuning_request(name, strategy, ranges, 40, 1, seed=seed, definition=definition)
        request["HyperParameterTuningJobConfig"]["HyperParameterTuningJobObjective"] = {"Type": "Minimize",
                                                                                        "MetricName": "loss"}
        return request

    @classmethod
    def setUpClass(cls):
        cls.best = best_by_strategy(cls.start_emulator("--clock", "instant").client(), cls.seeds, cls.request)

    def test_bayesian_median_beats_random_median(self):
        self.assertLess(statistics.median(self.best["Bayesian"]), statistics.median(self.best["Random"]), self.best)
        # Within 40 evaluations some runs still sit near a local minimum (about 1 in 10 over
        # 12 seeds; README "Search quality"), so only the best run is held to the optimum.
        self.assertLess(min(self.best["Bayesian"]), -3.0, self.best)
        self.assertGreater(min(self.best["Bayesian"]), -3.32237 - 0.05, self.best)  # noise sd 0.005


if __name__ == "__main__":
    unittest.main()
