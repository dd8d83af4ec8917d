"""Tuning jobs with several training job definitions (TrainingJobDefinitions) through boto3
(sagemaker-api.md §3.7): Random and Bayesian use both definitions, children carry their
definition's name, ranges and instance types, and invalid combinations are refused.
"""

import collections
import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import OBJECTIVE
from strategy_support import (
    TUNING_OBJECTIVE_KEY, LegalityChecks, best_of, children, counters_total, error_of, ordinal,
    run_to_end, training_definition)


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
