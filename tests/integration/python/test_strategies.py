"""Search strategies, early stopping, completion criteria, warm start and multi-definition
tuning through boto3 (issue 5; sagemaker-api.md §3.7-3.11).

Every test class starts its own emulator (instant clock, or manual where a tuning job must
still be running) and drives its tuning jobs to the end in setUpClass or in the test; all
waits are bounded (wait_until_tuning_terminal / advance_until_tuning_terminal).

Where the emulator only chooses behaviour SageMaker leaves open (marked [emulator] in
sagemaker-api.md), the tests follow the emulator's README; where SageMaker documents the
behaviour, the tests assert the documented behaviour.
"""

import collections
import itertools
import math
import re
import statistics
import unittest

from botocore.exceptions import ClientError

from emulator_process import (
    OBJECTIVE, ROLE_ARN, S3_OUTPUT, XGBOOST_IMAGE, EmulatorProcess, EmulatorTestCase,
    advance_until_tuning_terminal, child_name_pattern, list_children_by_pages,
    wait_until_tuning_terminal)

COUNTER_KEYS = ("Completed", "InProgress", "RetryableError", "NonRetryableError", "Stopped")
TUNING_OBJECTIVE_KEY = "_tuning_objective_metric"
WAIT_S = 60.0
XGBOOST_IMAGE_V17 = XGBOOST_IMAGE.replace(":latest", ":1.7-1")

# Five xgboost hyperparameters, every kind and a logarithmic range: the space of most tests.
XGB_RANGES = {
    "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.001", "MaxValue": "1", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1"},
    ],
    "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "10"}],
    "CategoricalParameterRanges": [{"Name": "tree_method", "Values": ["auto", "exact", "hist"]}],
}

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

GRID_RANGES = {
    "ContinuousParameterRanges": [],
    "IntegerParameterRanges": [],
    "CategoricalParameterRanges": [
        {"Name": "max_depth", "Values": ["3", "5", "7"]},
        {"Name": "tree_method", "Values": ["auto", "hist"]},
        {"Name": "booster", "Values": ["gbtree", "dart"]},
    ],
}
GRID_COMBINATIONS = 12


# ---- request builders --------------------------------------------------------------------
def training_definition(image=XGBOOST_IMAGE, statics=None, instance_types=("ml.m5.xlarge",),
                        s3_train="s3://bucket/train/"):
    return {
        "AlgorithmSpecification": {"TrainingImage": image, "TrainingInputMode": "File"},
        "RoleArn": ROLE_ARN,
        "InputDataConfig": [{
            "ChannelName": "train",
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": s3_train,
                                            "S3DataDistributionType": "FullyReplicated"}},
        }],
        "OutputDataConfig": {"S3OutputPath": S3_OUTPUT},
        "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
            {"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in instance_types]},
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "StaticHyperParameters": dict(statics if statics is not None
                                      else {"num_round": "100", "objective": "reg:squarederror"}),
    }


def tuning_request(name, strategy, ranges=None, max_jobs=10, parallel=1, seed=None,
                   definition=None, **config):
    limits = {"MaxParallelTrainingJobs": parallel}
    if max_jobs is not None:
        limits["MaxNumberOfTrainingJobs"] = max_jobs
    job_config = {
        "Strategy": strategy,
        "ResourceLimits": limits,
        "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": OBJECTIVE},
        "ParameterRanges": ranges if ranges is not None else XGB_RANGES,
    }
    if seed is not None:
        job_config["RandomSeed"] = seed
    job_config.update(config)
    return {"HyperParameterTuningJobName": name, "HyperParameterTuningJobConfig": job_config,
            "TrainingJobDefinition": definition or training_definition()}


def hyperband_definition(epochs="27"):
    statics = {"num_round": "100", "objective": "reg:squarederror"}
    if epochs is not None:
        statics["epochs"] = epochs
    return training_definition(statics=statics)


# ---- reading results ---------------------------------------------------------------------
def run_to_end(client, request, timeout_s=WAIT_S):
    client.create_hyper_parameter_tuning_job(**request)
    return wait_until_tuning_terminal(client, request["HyperParameterTuningJobName"], timeout_s)


def children(client, name):
    summaries, _ = list_children_by_pages(client, name, page_size=100)
    return summaries


def ordinal(tuning_name, child_name):
    m = child_name_pattern(tuning_name).match(child_name)
    if m is None:
        raise AssertionError("child %r of %s is not named <tuning>-NNN-<8 hex>" % (child_name, tuning_name))
    return int(m.group(1))


def tuned_by_ordinal(client, name):
    return {ordinal(name, s["TrainingJobName"]): s["TunedHyperParameters"] for s in children(client, name)}


def objective_value(summary):
    return summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]


def best_value(describe):
    return objective_value(describe["BestTrainingJob"])


def best_of(summaries):
    """The summary with the lowest objective (Minimize); ties go to the earliest launched."""
    scored = [s for s in summaries if s.get("ObjectiveStatus") == "Succeeded"]
    return min(scored, key=objective_value)


def counters_total(describe):
    return sum(describe["TrainingJobStatusCounters"][k] for k in COUNTER_KEYS)


def error_of(call):
    """Runs call(); returns (code, message) of the ClientError it must raise."""
    try:
        call()
    except ClientError as err:
        return err.response["Error"]["Code"], err.response["Error"].get("Message", "")
    raise AssertionError("the request was accepted but should have been refused")


def epoch_of_rule_message(message):
    m = re.search(r"epoch (\d+)\s*$", message)
    return int(m.group(1)) if m else None


# ---- legality of tuned values --------------------------------------------------------------
class LegalityChecks:
    """Mixed into test cases: asserts that tuned values are legal for their ranges."""

    def assert_legal(self, tuned, ranges, where=""):
        expected = {r["Name"] for kind in ("ContinuousParameterRanges", "IntegerParameterRanges",
                                           "CategoricalParameterRanges")
                    for r in ranges.get(kind, [])}
        self.assertEqual(set(tuned), expected, where)
        for r in ranges.get("ContinuousParameterRanges", []):
            text = tuned[r["Name"]]
            self.assertIsInstance(text, str)
            value = float(text)
            self.assertTrue(math.isfinite(value), (where, r["Name"], text))
            self.assertGreaterEqual(value, float(r["MinValue"]), (where, r["Name"], text))
            self.assertLessEqual(value, float(r["MaxValue"]), (where, r["Name"], text))
        for r in ranges.get("IntegerParameterRanges", []):
            text = tuned[r["Name"]]
            self.assertRegex(text, r"^-?[0-9]+$", (where, r["Name"]))
            self.assertGreaterEqual(int(text), int(r["MinValue"]), (where, r["Name"], text))
            self.assertLessEqual(int(text), int(r["MaxValue"]), (where, r["Name"], text))
        for r in ranges.get("CategoricalParameterRanges", []):
            self.assertIn(tuned[r["Name"]], r["Values"], (where, r["Name"]))

    def assert_children_legal(self, client, name, ranges, statics, expected_count):
        summaries = children(client, name)
        self.assertEqual(len(summaries), expected_count)
        self.assertEqual(sorted(ordinal(name, s["TrainingJobName"]) for s in summaries),
                         list(range(1, expected_count + 1)))
        for s in summaries:
            self.assert_legal(s["TunedHyperParameters"], ranges, s["TrainingJobName"])
            job = client.describe_training_job(TrainingJobName=s["TrainingJobName"])
            hp = job["HyperParameters"]
            for key, value in s["TunedHyperParameters"].items():
                self.assertEqual(hp.get(key), value, (s["TrainingJobName"], key))
            for key, value in statics.items():
                self.assertEqual(hp.get(key), value, (s["TrainingJobName"], key))
            self.assertEqual(hp.get(TUNING_OBJECTIVE_KEY), OBJECTIVE, s["TrainingJobName"])
        return summaries


class CompletedStrategyChecks(LegalityChecks):
    """For a class whose setUpClass ran one tuning job (cls.name, cls.describe, cls.summaries)
    that is expected to complete with every child Completed."""

    def assert_completed_run(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["TrainingJobStatusCounters"]["Completed"], len(self.summaries))
        self.assertEqual(counters_total(d), len(self.summaries))
        self.assertEqual(d["ObjectiveStatusCounters"],
                         {"Succeeded": len(self.summaries), "Pending": 0, "Failed": 0})
        self.assertGreaterEqual(d["HyperParameterTuningEndTime"], d["CreationTime"])
        best = best_of(self.summaries)
        self.assertEqual(d["BestTrainingJob"]["TrainingJobName"], best["TrainingJobName"])
        self.assertEqual(best_value(d), objective_value(best))


# ==== Random =================================================================================
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


# ==== Grid ===================================================================================
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


# ==== Bayesian ===============================================================================
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


class BayesianBeatsRandomTest(EmulatorTestCase):
    """Same budget (20 sequential training jobs), same 5-D xgboost space, five seeds."""

    seeds = (1, 2, 3, 4, 5)
    budget = 20

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        client = emu.client()
        cls.best = {"Random": [], "Bayesian": []}
        for seed in cls.seeds:
            for strategy in cls.best:
                name = "%s-seed-%d" % (strategy.lower(), seed)
                d = run_to_end(client, tuning_request(name, strategy, HARD_RANGES, cls.budget, 1, seed=seed))
                if d["HyperParameterTuningJobStatus"] != "Completed":
                    raise AssertionError("%s ended %s" % (name, d["HyperParameterTuningJobStatus"]))
                cls.best[strategy].append(best_value(d))

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
        emu = cls.start_emulator("--clock", "instant")
        client = emu.client()
        cls.best = {"Random": [], "Bayesian": []}
        for seed in cls.seeds:
            for strategy in cls.best:
                name = "h6-%s-%d" % (strategy.lower(), seed)
                d = run_to_end(client, cls.request(name, strategy, seed))
                if d["HyperParameterTuningJobStatus"] != "Completed":
                    raise AssertionError("%s ended %s" % (name, d["HyperParameterTuningJobStatus"]))
                cls.best[strategy].append(best_value(d))

    def test_bayesian_median_beats_random_median(self):
        self.assertLess(statistics.median(self.best["Bayesian"]), statistics.median(self.best["Random"]), self.best)
        # Within 40 evaluations some runs still sit near a local minimum (about 1 in 10 over
        # 12 seeds; README "Search quality"), so only the best run is held to the optimum.
        self.assertLess(min(self.best["Bayesian"]), -3.0, self.best)
        self.assertGreater(min(self.best["Bayesian"]), -3.32237 - 0.05, self.best)  # noise sd 0.005


# ==== Hyperband ==============================================================================
class HyperbandStrategyTest(EmulatorTestCase, LegalityChecks):
    name = "strategy-hyperband"
    jobs = 24
    # MaxResource inferred from the static hyperparameter epochs=27, MinResource 1: rungs at
    # 1·3^k epochs below 27 (the README's asynchronous successive halving).
    rungs = {1, 3, 9}

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Hyperband", XGB_RANGES, cls.jobs, 3, seed=3,
                                                             definition=hyperband_definition("27")))
        cls.summaries = children(cls.client, cls.name)
        cls.stopped = {s["TrainingJobName"] for s in cls.summaries if s["TrainingJobStatus"] == "Stopped"}
        cls.events = emu.events(tuningJob=cls.name, type="early-stopped")

    def test_completes(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["Strategy"], "Hyperband")
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TrainingJobEarlyStoppingType"], "Off")
        self.assertEqual(len(self.summaries), self.jobs)
        self.assertEqual(counters_total(d), self.jobs)

    def test_tuned_values_are_legal(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror", "epochs": "27"},
                                   self.jobs)

    def test_some_children_are_stopped_at_rungs_and_some_complete(self):
        self.assertTrue(self.stopped, "Hyperband stopped no child")
        completed = [s for s in self.summaries if s["TrainingJobStatus"] == "Completed"]
        self.assertTrue(completed, "Hyperband let no child train to MaxResource")
        self.assertEqual({e["trainingJob"] for e in self.events}, self.stopped)
        self.assertEqual(len(self.events), len(self.stopped), "a child stopped twice")
        for e in self.events:
            self.assertIn(epoch_of_rule_message(e["message"]), self.rungs, e)
            self.assertIn("Hyperband", e["message"], e)

    def test_stopped_children_report_an_objective_and_count_as_stopped(self):
        d = self.describe
        self.assertEqual(d["TrainingJobStatusCounters"]["Stopped"], len(self.stopped))
        self.assertEqual(d["TrainingJobStatusCounters"]["Completed"], self.jobs - len(self.stopped))
        self.assertEqual(d["ObjectiveStatusCounters"]["Succeeded"], self.jobs)
        for s in self.summaries:
            if s["TrainingJobName"] in self.stopped:
                self.assertEqual(s["ObjectiveStatus"], "Succeeded", s)
                self.assertIn("FinalHyperParameterTuningJobObjectiveMetric", s)
                job = self.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
                self.assertEqual(job["TrainingJobStatus"], "Stopped")
                self.assertEqual(job["SecondaryStatus"], "Stopped")

    def test_best_training_job_is_the_best_reported_value(self):
        self.assertEqual(self.describe["BestTrainingJob"]["TrainingJobName"], best_of(self.summaries)["TrainingJobName"])

    def test_explicit_strategy_config_is_echoed(self):
        request = tuning_request("hyperband-explicit", "Hyperband", XGB_RANGES, 6, 2, seed=3,
                                 definition=hyperband_definition(None),
                                 StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 2, "MaxResource": 18}})
        d = run_to_end(self.client, request)
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["StrategyConfig"],
                         {"HyperbandStrategyConfig": {"MinResource": 2, "MaxResource": 18}})

    # ---- invalid configurations (§3.8, §3.15 rules 21-22) ----
    def assert_refused(self, request, fragment=None):
        code, message = error_of(lambda: self.client.create_hyper_parameter_tuning_job(**request))
        self.assertEqual(code, "ValidationException", message)
        if fragment:
            self.assertIn(fragment, message)
        with self.assertRaises(ClientError):
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=request["HyperParameterTuningJobName"])

    def test_no_max_resource_is_refused(self):
        self.assert_refused(tuning_request("hb-no-max", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition(None)), "MaxResource")

    def test_min_resource_above_max_resource_is_refused(self):
        self.assert_refused(tuning_request("hb-min-above-max", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 10,
                                                                                       "MaxResource": 5}}))

    def test_min_resource_above_inferred_max_is_refused(self):
        self.assert_refused(tuning_request("hb-min-above-epochs", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 30}}))

    def test_max_resource_above_20000_is_refused(self):
        self.assert_refused(tuning_request("hb-max-too-big", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition(None),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 20001}}))

    def test_early_stopping_auto_is_refused(self):
        self.assert_refused(tuning_request("hb-auto", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           TrainingJobEarlyStoppingType="Auto"), "Off")

    def test_strategy_config_with_another_strategy_is_refused(self):
        self.assert_refused(tuning_request("random-with-hb-config", "Random", XGB_RANGES, 6, 2,
                                           StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 9}}))


# ==== RandomSeed =============================================================================
class RandomSeedTest(unittest.TestCase):
    """The same configuration with the same RandomSeed in fresh emulators proposes the same
    hyperparameters (§3.8: exact for Random and Hyperband, the emulator's Bayesian is
    deterministic as well)."""

    configs = {
        "seed-random": dict(strategy="Random", ranges=XGB_RANGES, max_jobs=12, parallel=3),
        "seed-grid": dict(strategy="Grid", ranges=GRID_RANGES, max_jobs=None, parallel=3),
        "seed-bayes": dict(strategy="Bayesian", ranges=XGB_RANGES, max_jobs=12, parallel=2),
        "seed-bayes-seq": dict(strategy="Bayesian", ranges=XGB_RANGES, max_jobs=10, parallel=1),
        "seed-hyperband": dict(strategy="Hyperband", ranges=XGB_RANGES, max_jobs=12, parallel=3),
    }

    @classmethod
    def run_all(cls, emu_seed, names, seed=42, rename=None):
        with EmulatorProcess("--clock", "instant", "--seed", emu_seed) as emu:
            client = emu.client()
            out = {}
            for name in names:
                c = cls.configs[name]
                job_name = rename(name) if rename else name
                definition = hyperband_definition("27") if c["strategy"] == "Hyperband" else None
                d = run_to_end(client, tuning_request(job_name, c["strategy"], c["ranges"], c["max_jobs"], c["parallel"],
                                                      seed=seed, definition=definition))
                if d["HyperParameterTuningJobStatus"] != "Completed":
                    raise AssertionError("%s ended %s" % (job_name, d["HyperParameterTuningJobStatus"]))
                out[name] = tuned_by_ordinal(client, job_name)
            return out

    @classmethod
    def setUpClass(cls):
        every = list(cls.configs)
        cls.first = cls.run_all(1, every)
        cls.second = cls.run_all(1, every)
        # A fresh emulator with another --seed: RandomSeed alone decides the search.
        cls.other_emulator_seed = cls.run_all(2, ["seed-random", "seed-grid", "seed-bayes-seq", "seed-hyperband"])
        # Other job names (the README: RandomSeed makes a search reproducible across names).
        cls.renamed = cls.run_all(1, ["seed-random", "seed-hyperband"], rename=lambda n: n + "-renamed")
        cls.other_seed = cls.run_all(1, ["seed-random", "seed-bayes"], seed=43)

    def test_same_config_same_seed_same_hyperparameters(self):
        for name in self.configs:
            with self.subTest(name):
                self.assertTrue(self.first[name])
                self.assertEqual(self.first[name], self.second[name])

    def test_emulator_seed_does_not_change_a_seeded_search(self):
        for name, tuned in self.other_emulator_seed.items():
            with self.subTest(name):
                self.assertEqual(self.first[name], tuned)

    def test_job_name_does_not_change_a_seeded_random_search(self):
        for name, tuned in self.renamed.items():
            with self.subTest(name):
                self.assertEqual(self.first[name], tuned)

    def test_another_random_seed_gives_other_hyperparameters(self):
        for name, tuned in self.other_seed.items():
            with self.subTest(name):
                self.assertNotEqual(self.first[name], tuned)


# ==== early stopping Auto ====================================================================
class EarlyStoppingAutoTest(EmulatorTestCase, LegalityChecks):
    name = "early-stopping-auto"
    jobs = 20

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Random", XGB_RANGES, cls.jobs, 2, seed=3,
                                                             TrainingJobEarlyStoppingType="Auto"))
        cls.summaries = children(cls.client, cls.name)
        cls.stopped = {s["TrainingJobName"] for s in cls.summaries if s["TrainingJobStatus"] == "Stopped"}
        cls.events = emu.events(tuningJob=cls.name, type="early-stopped")

    def test_completes_with_some_children_stopped(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TrainingJobEarlyStoppingType"], "Auto")
        self.assertEqual(len(self.summaries), self.jobs)
        self.assertTrue(self.stopped, "early stopping stopped no child")
        self.assertLess(len(self.stopped), self.jobs)

    def test_stopped_children_succeeded_and_count_under_stopped(self):
        d = self.describe
        self.assertEqual(d["TrainingJobStatusCounters"],
                         {"Completed": self.jobs - len(self.stopped), "InProgress": 0, "RetryableError": 0,
                          "NonRetryableError": 0, "Stopped": len(self.stopped)})
        self.assertEqual(d["ObjectiveStatusCounters"], {"Succeeded": self.jobs, "Pending": 0, "Failed": 0})
        for s in self.summaries:
            if s["TrainingJobName"] not in self.stopped:
                continue
            self.assertEqual(s["ObjectiveStatus"], "Succeeded", s)
            metric = s["FinalHyperParameterTuningJobObjectiveMetric"]
            self.assertEqual(metric["MetricName"], OBJECTIVE)
            job = self.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
            self.assertEqual(job["TrainingJobStatus"], "Stopped")
            self.assertEqual(job["SecondaryStatus"], "Stopped")
            secondary = [t["Status"] for t in job["SecondaryStatusTransitions"]]
            self.assertEqual(secondary[-2:], ["Stopping", "Stopped"], secondary)
            finals = {m["MetricName"]: m["Value"] for m in job.get("FinalMetricDataList", [])}
            self.assertEqual(finals.get(OBJECTIVE), metric["Value"])

    def test_early_stopped_events_name_the_stopped_children(self):
        self.assertEqual({e["trainingJob"] for e in self.events}, self.stopped)
        self.assertEqual(len(self.events), len(self.stopped))
        for e in self.events:
            self.assertEqual(e["tuningJob"], self.name)
            self.assertIn("median", e["message"], e)
            self.assertIsNotNone(epoch_of_rule_message(e["message"]), e)

    def test_tuned_values_are_legal(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror"}, self.jobs)


# ==== completion criteria ====================================================================
class CompletionCriteriaTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()

    def run_sequential(self, name, max_jobs, criteria, seed=7):
        d = run_to_end(self.client, tuning_request(name, "Random", XGB_RANGES, max_jobs, 1, seed=seed,
                                                   TuningJobCompletionCriteria=criteria))
        summaries = sorted(children(self.client, name), key=lambda s: ordinal(name, s["TrainingJobName"]))
        return d, summaries

    def test_target_objective_metric_value_ends_the_job_early(self):
        # The reference run without a criterion: the target is its 5th best value, so a
        # 40-job budget is cut short as soon as a child reaches it.
        ref, ref_children = self.run_sequential("target-reference", 40, {})
        self.assertEqual(len(ref_children), 40)
        target = sorted(objective_value(s) for s in ref_children)[4]

        d, summaries = self.run_sequential("target-criterion", 40, {"TargetObjectiveMetricValue": target})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TuningJobCompletionCriteria"]["TargetObjectiveMetricValue"],
                         target)
        self.assertLess(len(summaries), 40)
        self.assertLessEqual(best_value(d), target)
        # Sequential: the job ended with the first child that reached the target.
        self.assertLessEqual(objective_value(summaries[-1]), target)
        for s in summaries[:-1]:
            self.assertGreater(objective_value(s), target, s["TrainingJobName"])
        self.assertEqual(counters_total(d), len(summaries))

    def test_best_objective_not_improving_ends_the_job(self):
        window = 3
        d, summaries = self.run_sequential("not-improving", 60,
                                           {"BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": window}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(len(summaries), 60)
        details = d.get("TuningJobCompletionDetails", {})
        self.assertEqual(details.get("NumberOfTrainingJobsObjectiveNotImproving"), window, d)
        self.assertNotIn("ConvergenceDetectedTime", details)
        # Recomputed from the children (sequential, so launch order is completion order):
        # the last `window` did not beat the best before them by 1 %, and no earlier run of
        # `window` such children occurred.
        best, streak, streaks = None, 0, []
        for s in summaries:
            value = objective_value(s)
            improved = best is None or value < best - 0.01 * abs(best)
            streak = 0 if improved else streak + 1
            best = value if best is None else min(best, value)
            streaks.append(streak)
        self.assertEqual(streaks[-1], window, streaks)
        self.assertTrue(all(x < window for x in streaks[:-1]), streaks)

    def test_convergence_detected_sets_the_time(self):
        d, summaries = self.run_sequential("convergence", 200, {"ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(len(summaries), 200)
        details = d.get("TuningJobCompletionDetails", {})
        self.assertIn("ConvergenceDetectedTime", details, d)
        self.assertGreaterEqual(details["ConvergenceDetectedTime"], d["CreationTime"])
        self.assertLessEqual(details["ConvergenceDetectedTime"], d["HyperParameterTuningEndTime"])

    def test_convergence_disabled_runs_the_whole_budget(self):
        d, summaries = self.run_sequential("no-convergence", 30, {"ConvergenceDetected": {"CompleteOnConvergence": "Disabled"}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(len(summaries), 30)
        self.assertNotIn("ConvergenceDetectedTime", d.get("TuningJobCompletionDetails", {}))

    def test_target_with_parallel_children_stops_the_running_ones(self):
        ref = run_to_end(self.client, tuning_request("target-par-ref", "Random", XGB_RANGES, 30, 3, seed=9))
        target = sorted(objective_value(s) for s in children(self.client, "target-par-ref"))[4]
        self.assertEqual(ref["HyperParameterTuningJobStatus"], "Completed")
        d = run_to_end(self.client, tuning_request("target-par", "Random", XGB_RANGES, 30, 3, seed=9,
                                                   TuningJobCompletionCriteria={"TargetObjectiveMetricValue": target}))
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(counters_total(d), 30)
        self.assertEqual(d["TrainingJobStatusCounters"]["InProgress"], 0)
        self.assertLessEqual(best_value(d), target)
        for s in children(self.client, "target-par"):
            self.assertIn(s["TrainingJobStatus"], ("Completed", "Stopped"), s)


# ==== warm start =============================================================================
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


# ==== several training job definitions =======================================================
DEFINITION_RANGES = {
    "xgb-shallow": {
        "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "1",
                                       "ScalingType": "Logarithmic"}],
        "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}],
        "CategoricalParameterRanges": [],
    },
    "xgb-sampled": {
        "ContinuousParameterRanges": [{"Name": "subsample", "MinValue": "0.3", "MaxValue": "1"},
                                      {"Name": "colsample_bytree", "MinValue": "0.3", "MaxValue": "1"}],
        "IntegerParameterRanges": [],
        "CategoricalParameterRanges": [{"Name": "max_depth", "Values": ["4", "6", "8"]}],
    },
}
DEFINITION_INSTANCES = {
    "xgb-shallow": ("ml.m5.xlarge", "ml.m5.2xlarge"),
    "xgb-sampled": ("ml.c5.2xlarge", "ml.c5.4xlarge", "ml.m5.4xlarge"),
}


def multi_definition_request(name, strategy="Random", max_jobs=12, parallel=3, seed=4, names=None, **config):
    definitions = []
    for def_name in names or list(DEFINITION_RANGES):
        d = training_definition(instance_types=DEFINITION_INSTANCES[def_name])
        d["DefinitionName"] = def_name
        d["TuningObjective"] = {"Type": "Minimize", "MetricName": OBJECTIVE}
        d["HyperParameterRanges"] = DEFINITION_RANGES[def_name]
        definitions.append(d)
    job_config = {"Strategy": strategy,
                  "ResourceLimits": {"MaxNumberOfTrainingJobs": max_jobs, "MaxParallelTrainingJobs": parallel},
                  "RandomSeed": seed}
    job_config.update(config)
    return {"HyperParameterTuningJobName": name, "HyperParameterTuningJobConfig": job_config,
            "TrainingJobDefinitions": definitions}


class MultiDefinitionTest(EmulatorTestCase, LegalityChecks):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = client = emu.client()
        cls.runs = {}
        for strategy in ("Random", "Bayesian"):
            name = "multi-" + strategy.lower()
            d = run_to_end(client, multi_definition_request(name, strategy))
            cls.runs[strategy] = (name, d, children(client, name))

    def test_completes_and_describe_echoes_the_definitions(self):
        for strategy, (name, d, summaries) in self.runs.items():
            with self.subTest(strategy):
                self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
                self.assertEqual(len(summaries), 12)
                self.assertEqual(counters_total(d), 12)
                self.assertIn("TrainingJobDefinitions", d)
                self.assertNotIn("TrainingJobDefinition", d)
                self.assertEqual([x["DefinitionName"] for x in d["TrainingJobDefinitions"]], list(DEFINITION_RANGES))
                for x in d["TrainingJobDefinitions"]:
                    self.assertEqual(x["TuningObjective"], {"Type": "Minimize", "MetricName": OBJECTIVE})
                    configs = x["HyperParameterTuningResourceConfig"]["InstanceConfigs"]
                    self.assertEqual(tuple(c["InstanceType"] for c in configs), DEFINITION_INSTANCES[x["DefinitionName"]])

    def test_children_carry_their_definition_and_both_are_used(self):
        for strategy, (name, d, summaries) in self.runs.items():
            with self.subTest(strategy):
                used = collections.Counter()
                for s in summaries:
                    ordinal(name, s["TrainingJobName"])  # §3.5: the same naming scheme
                    def_name = s.get("TrainingJobDefinitionName")
                    self.assertIn(def_name, DEFINITION_RANGES, s)
                    used[def_name] += 1
                    self.assert_legal(s["TunedHyperParameters"], DEFINITION_RANGES[def_name], s["TrainingJobName"])
                    job = self.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
                    self.assertIn(job["ResourceConfig"]["InstanceType"], DEFINITION_INSTANCES[def_name])
                    self.assertEqual(job["HyperParameters"].get(TUNING_OBJECTIVE_KEY), OBJECTIVE)
                self.assertEqual(set(used), set(DEFINITION_RANGES), used)

    def test_best_training_job_is_the_best_across_definitions(self):
        for strategy, (name, d, summaries) in self.runs.items():
            with self.subTest(strategy):
                best = best_of(summaries)
                self.assertEqual(d["BestTrainingJob"]["TrainingJobName"], best["TrainingJobName"])
                self.assertEqual(d["BestTrainingJob"].get("TrainingJobDefinitionName"),
                                 best["TrainingJobDefinitionName"])

    def test_invalid_multi_definition_requests_are_refused(self):
        duplicate = multi_definition_request("multi-duplicate", names=["xgb-shallow", "xgb-shallow"])
        unnamed = multi_definition_request("multi-unnamed")
        del unnamed["TrainingJobDefinitions"][1]["DefinitionName"]
        early = multi_definition_request("multi-early", TrainingJobEarlyStoppingType="Auto")
        both = multi_definition_request("multi-both")
        both["TrainingJobDefinition"] = training_definition()
        metrics = multi_definition_request("multi-metrics")
        metrics["TrainingJobDefinitions"][1]["TuningObjective"] = {"Type": "Minimize", "MetricName": "validation:mae"}
        for label, request in (("duplicate DefinitionName", duplicate), ("missing DefinitionName", unnamed),
                               ("early stopping Auto", early), ("both definition forms", both),
                               ("different objective metrics", metrics)):
            with self.subTest(label):
                code, _ = error_of(lambda: self.client.create_hyper_parameter_tuning_job(**request))
                self.assertEqual(code, "ValidationException")


if __name__ == "__main__":
    unittest.main()
