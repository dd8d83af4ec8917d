"""Shared by the strategy tests (test_strategies_*.py: search strategies, early stopping,
completion criteria, warm start and multi-definition tuning through boto3; sagemaker-api.md
§3.7-3.11): the parameter spaces, request builders, readers of results, and the checks that
tuned values are legal (LegalityChecks) and that a run completed (CompletedStrategyChecks).

Every test class starts its own emulator (instant clock, or manual where a tuning job must
still be running) and drives its tuning jobs to the end in setUpClass or in the test; all
waits are bounded (wait_until_tuning_terminal / advance_until_tuning_terminal).

Where the emulator only chooses behaviour SageMaker leaves open (marked [emulator] in
sagemaker-api.md), the tests follow the emulator's README; where SageMaker documents the
behaviour, the tests assert the documented behaviour.
"""

import math
import re

from botocore.exceptions import ClientError

from sagemaker_requests import OBJECTIVE, ROLE_ARN, S3_OUTPUT, XGBOOST_IMAGE
from tuning_run import child_name_pattern, list_children_by_pages, wait_until_tuning_terminal

COUNTER_KEYS = ("Completed", "InProgress", "RetryableError", "NonRetryableError", "Stopped")
TUNING_OBJECTIVE_KEY = "_tuning_objective_metric"
WAIT_S = 60.0

# Five xgboost hyperparameters, every kind and a logarithmic range: the space of most tests.
XGB_RANGES = {
    "ContinuousParameterRanges": [
        {"Name": "eta", "MinValue": "0.001", "MaxValue": "1", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.5", "MaxValue": "1"},
    ],
    "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "10"}],
    "CategoricalParameterRanges": [{"Name": "tree_method", "Values": ["auto", "exact", "hist"]}],
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
