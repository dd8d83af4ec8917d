"""Search strategies and what ends a tuning job, through boto3 (issue 5): Random, Grid,
Bayesian and Hyperband, early stopping, completion criteria, warm start, several training
job definitions, and objectives defined as data."""

import copy
import statistics
import unittest

import botocore.exceptions

from emulator_process import EmulatorTestCase, blog_tuning_request, wait_until_tuning_terminal

HARTMANN6_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hartmann6:latest"


def configure(request, strategy=None, jobs=None, parallel=None, **config):
    tuning = request["HyperParameterTuningJobConfig"]
    if strategy:
        tuning["Strategy"] = strategy
    if jobs is not None or parallel is not None:
        tuning["ResourceLimits"] = {"MaxNumberOfTrainingJobs": jobs, "MaxParallelTrainingJobs": parallel}
        if jobs is None:
            del tuning["ResourceLimits"]["MaxNumberOfTrainingJobs"]
    tuning.update(config)
    return request


def hartmann6_request(name, strategy, jobs, seed):
    request = configure(blog_tuning_request(name), strategy, jobs, 1, RandomSeed=seed)
    tuning = request["HyperParameterTuningJobConfig"]
    tuning["HyperParameterTuningJobObjective"] = {"Type": "Minimize", "MetricName": "loss"}
    tuning["ParameterRanges"] = {"ContinuousParameterRanges": [
        {"Name": "x%d" % i, "MinValue": "0", "MaxValue": "1", "ScalingType": "Linear"} for i in range(1, 7)]}
    definition = request["TrainingJobDefinition"]
    definition["AlgorithmSpecification"] = {"TrainingImage": HARTMANN6_IMAGE, "TrainingInputMode": "File",
                                            "MetricDefinitions": [{"Name": "loss", "Regex": "loss=(\\S+)"}]}
    definition["StaticHyperParameters"] = {"epochs": "5"}
    return request


def children(client, name):
    out, token = [], None
    while True:
        kwargs = {"HyperParameterTuningJobName": name, "MaxResults": 100}
        if token:
            kwargs["NextToken"] = token
        page = client.list_training_jobs_for_hyper_parameter_tuning_job(**kwargs)
        out += page["TrainingJobSummaries"]
        token = page.get("NextToken")
        if not token:
            return out


class StrategiesTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "instant")
        cls.client = cls.emu.client()

    def describe(self, name):
        """The tuning job once it has ended (the instant clock runs it between requests)."""
        return wait_until_tuning_terminal(self.client, name)

    def create(self, request):
        self.client.create_hyper_parameter_tuning_job(**request)
        return self.describe(request["HyperParameterTuningJobName"])

    def test_grid_runs_every_combination_once_and_fills_in_the_job_count(self):
        request = configure(blog_tuning_request("grid"), "Grid", None, 2)
        request["HyperParameterTuningJobConfig"]["ParameterRanges"] = {"CategoricalParameterRanges": [
            {"Name": "booster", "Values": ["gbtree", "dart", "gblinear"]},
            {"Name": "max_depth", "Values": ["3", "6"]}]}
        self.client.create_hyper_parameter_tuning_job(**request)
        described = self.describe("grid")
        self.assertEqual(described["HyperParameterTuningJobStatus"], "Completed")
        self.assertEqual(described["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxNumberOfTrainingJobs"], 6)
        combos = [tuple(sorted(c["TunedHyperParameters"].items())) for c in children(self.client, "grid")]
        self.assertEqual(len(combos), 6)
        self.assertEqual(len(set(combos)), 6)

    def test_random_seed_makes_the_search_reproducible_across_job_names(self):
        for name in ("seeded-a", "seeded-b"):
            self.create(configure(blog_tuning_request(name), RandomSeed=11))
        tuned = [[c["TunedHyperParameters"] for c in sorted(children(self.client, n), key=lambda c: c["TrainingJobName"])]
                 for n in ("seeded-a", "seeded-b")]
        self.assertEqual(tuned[0], tuned[1])

    def test_bayesian_beats_random_on_hartmann6(self):
        best = {}
        for strategy in ("Bayesian", "Random"):
            values = []
            for seed in (1, 2, 3):
                name = "h6-%s-%d" % (strategy.lower(), seed)
                self.client.create_hyper_parameter_tuning_job(**hartmann6_request(name, strategy, 40, seed))
                described = self.describe(name)
                self.assertEqual(described["HyperParameterTuningJobStatus"], "Completed")
                values.append(described["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"])
            best[strategy] = statistics.median(values)
        self.assertLess(best["Bayesian"], best["Random"])
        self.assertLess(best["Bayesian"], -2.5)  # optimum -3.32237

    def test_early_stopping_auto_stops_children_that_lag_the_median(self):
        self.client.create_hyper_parameter_tuning_job(**configure(
            blog_tuning_request("early"), "Random", 20, 2, TrainingJobEarlyStoppingType="Auto"))
        described = self.describe("early")
        self.assertEqual(described["HyperParameterTuningJobStatus"], "Completed")
        stopped = [c for c in children(self.client, "early") if c["TrainingJobStatus"] == "Stopped"]
        self.assertTrue(stopped)
        self.assertEqual(described["TrainingJobStatusCounters"]["Stopped"], len(stopped))
        self.assertTrue(all(c["ObjectiveStatus"] == "Succeeded" for c in stopped))
        self.assertEqual(len(self.emu.events(tuningJob="early", type="early-stopped")), len(stopped))

    def test_hyperband_stops_children_at_rungs_and_validates_its_config(self):
        request = configure(blog_tuning_request("hb"), "Hyperband", 20, 2)
        request["TrainingJobDefinition"]["StaticHyperParameters"]["epochs"] = "27"
        self.client.create_hyper_parameter_tuning_job(**request)
        self.assertEqual(self.describe("hb")["HyperParameterTuningJobStatus"], "Completed")
        self.assertTrue(self.emu.events(tuningJob="hb", type="early-stopped"))
        bad = copy.deepcopy(request)
        bad["HyperParameterTuningJobName"] = "hb-bad"
        bad["HyperParameterTuningJobConfig"]["StrategyConfig"] = {
            "HyperbandStrategyConfig": {"MinResource": 30, "MaxResource": 10}}
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client.create_hyper_parameter_tuning_job(**bad)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "ValidationException")

    def test_completion_criteria_end_the_job_early(self):
        self.create(configure(
            blog_tuning_request("target"), "Random", 50, 1, TuningJobCompletionCriteria={"TargetObjectiveMetricValue": 5.0}))
        self.assertEqual(len(children(self.client, "target")), 1)  # any rmse is below 5
        self.client.create_hyper_parameter_tuning_job(**configure(
            blog_tuning_request("plateau"), "Random", 100, 1,
            TuningJobCompletionCriteria={"BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 3}}))
        plateau = self.describe("plateau")
        self.assertEqual(plateau["HyperParameterTuningJobStatus"], "Completed")
        self.assertEqual(plateau["TuningJobCompletionDetails"]["NumberOfTrainingJobsObjectiveNotImproving"], 3)
        self.assertLess(len(children(self.client, "plateau")), 100)
        self.client.create_hyper_parameter_tuning_job(**configure(
            blog_tuning_request("converged"), "Random", 200, 1,
            TuningJobCompletionCriteria={"ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}}))
        self.assertIn("ConvergenceDetectedTime", self.describe("converged")["TuningJobCompletionDetails"])

    def test_warm_start_reports_the_overall_best_and_checks_its_parents(self):
        self.create(blog_tuning_request("parent"))
        child = configure(blog_tuning_request("warm-child"), "Bayesian", 4, 1)
        child["WarmStartConfig"] = {"ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "parent"}],
                                    "WarmStartType": "IdenticalDataAndAlgorithm"}
        self.client.create_hyper_parameter_tuning_job(**child)
        parent_best = self.describe("parent")["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
        described = self.describe("warm-child")
        own_best = described["BestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
        overall = described["OverallBestTrainingJob"]["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
        self.assertEqual(overall, min(parent_best, own_best))
        missing = copy.deepcopy(child)
        missing["HyperParameterTuningJobName"] = "orphan"
        missing["WarmStartConfig"]["ParentHyperParameterTuningJobs"] = [{"HyperParameterTuningJobName": "nobody"}]
        with self.assertRaises(botocore.exceptions.ClientError):
            self.client.create_hyper_parameter_tuning_job(**missing)

    def test_several_training_job_definitions_share_one_search(self):
        base = blog_tuning_request("multi")
        tuning = base["HyperParameterTuningJobConfig"]
        objective = tuning.pop("HyperParameterTuningJobObjective")
        ranges = tuning.pop("ParameterRanges")
        tuning["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 12, "MaxParallelTrainingJobs": 3}
        definition = base.pop("TrainingJobDefinition")
        definitions = []
        for name, instance in (("small", "ml.m5.xlarge"), ("large", "ml.m5.4xlarge")):
            d = copy.deepcopy(definition)
            d["DefinitionName"] = name
            d["TuningObjective"] = objective
            d["HyperParameterRanges"] = ranges
            d["HyperParameterTuningResourceConfig"] = {"InstanceConfigs": [
                {"InstanceType": instance, "InstanceCount": 1, "VolumeSizeInGB": 5}]}
            definitions.append(d)
        base["TrainingJobDefinitions"] = definitions
        self.client.create_hyper_parameter_tuning_job(**base)
        described = self.describe("multi")
        self.assertIn("TrainingJobDefinitions", described)
        self.assertNotIn("TrainingJobDefinition", described)
        used = {c["TrainingJobDefinitionName"] for c in children(self.client, "multi")}
        self.assertEqual(used, {"small", "large"})
        self.assertIn(described["BestTrainingJob"]["TrainingJobDefinitionName"], used)


if __name__ == "__main__":
    unittest.main()
