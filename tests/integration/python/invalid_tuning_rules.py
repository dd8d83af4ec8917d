"""Invalid CreateHyperParameterTuningJob requests that break a semantic rule of
sagemaker-api.md §3.15 (ranges, definition and resource forms, strategies and their limits,
metrics, warm start, spot, quotas, names already used). Each row is the blog-post request under
a fresh name (invalid_tuning_requests.tuning()) changed only by what it tests; the rows run in
test_invalid_requests_tuning_jobs.py.
"""

import copy
import re

from invalid_request_matchers import NOT_NULL, Coral, Exactly, Has
from invalid_request_table import EXISTING, Case
from invalid_tuning_requests import (
    CREATE, HPTJC, cfg, chain, del_, hptrc, limits, ranges, set_, tjd, tuning)
from sagemaker_requests import CUSTOM_IMAGE


def categorical_only(r, values_a=("a", "b"), values_b=("1", "2")):
    cfg(r)["ParameterRanges"] = {
        "CategoricalParameterRanges": [{"Name": "cat_a", "Values": list(values_a)},
                                       {"Name": "cat_b", "Values": list(values_b)}]}


def single_config(r, **members):
    tjd(r)["HyperParameterTuningResourceConfig"] = dict(members)


def multi_definitions(r, names=("def-a", "def-b")):
    config = cfg(r)
    config.pop("HyperParameterTuningJobObjective")
    rng = config.pop("ParameterRanges")
    base = r.pop("TrainingJobDefinition")
    definitions = []
    for name in names:
        d = copy.deepcopy(base)
        if name is not None:
            d["DefinitionName"] = name
        d["TuningObjective"] = {"Type": "Minimize", "MetricName": "validation:rmse"}
        d["HyperParameterRanges"] = copy.deepcopy(rng)
        definitions.append(d)
    r["TrainingJobDefinitions"] = definitions


def rule_cases():
    V, RLE, RIU = "ValidationException", "ResourceLimitExceeded", "ResourceInUse"
    rows = [
        ("rule 9: integer MinValue > MaxValue",
         tuning(set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "MinValue", "9")), V,
         Has("max_depth"), Has("MinValue"), Has("MaxValue")),
        ("rule 9: continuous MinValue > MaxValue", tuning(chain(
            set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "MinValue", "0.9"),
            set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "MaxValue", "0.1"))), V,
         Has("eta"), Has("MinValue"), Has("MaxValue")),
        ("rule 10: integer bound '2.5'",
         tuning(set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "MinValue", "2.5")), V,
         Has("2.5"), Has("max_depth"), Has("integer")),
        ("rule 10: continuous bound 'abc'",
         tuning(set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "MaxValue", "abc")), V,
         Has("abc"), Has("eta"), Has("number")),
        ("rule 11: Logarithmic with MinValue 0",
         tuning(set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "ScalingType", "Logarithmic")), V,
         Has("Logarithmic"), Has("eta")),
        ("rule 11: Logarithmic integer range with MinValue -1", tuning(chain(
            set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "MinValue", "-1"),
            set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "ScalingType", "Logarithmic"))), V,
         Has("Logarithmic"), Has("max_depth")),
        ("rule 12: ReverseLogarithmic on an integer range",
         tuning(set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "ScalingType", "ReverseLogarithmic")), V,
         Has("ReverseLogarithmic")),
        ("rule 12: ReverseLogarithmic with MaxValue 1",
         tuning(set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "ScalingType", "ReverseLogarithmic")), V,
         Has("ReverseLogarithmic")),
        ("rule 13: one name in two range lists",
         tuning(set_(lambda r: ranges(r)["IntegerParameterRanges"][0], "Name", "eta")), V,
         Has("eta"), Has(re.compile(r"more than once|duplicate", re.I))),
        ("rule 13: one name twice in a list", tuning(set_(ranges, "CategoricalParameterRanges", [
            {"Name": "booster", "Values": ["a"]}, {"Name": "booster", "Values": ["b"]}])), V,
         Has("booster"), Has(re.compile(r"more than once|duplicate", re.I))),
        ("rule 33: a tuned name also static",
         tuning(set_(lambda r: tjd(r)["StaticHyperParameters"], "eta", "0.3")), V,
         Has("eta"), Has(re.compile(r"more than once|duplicate|static", re.I))),
        ("rule 4: both TrainingJobDefinition and TrainingJobDefinitions",
         tuning(lambda r: r.update(TrainingJobDefinitions=[dict(tjd(r), DefinitionName="d1")])), V,
         Has("TrainingJobDefinition"), Has("TrainingJobDefinitions")),
        ("rule 4: neither TrainingJobDefinition nor TrainingJobDefinitions",
         tuning(del_(lambda r: r, "TrainingJobDefinition")), V,
         Has("TrainingJobDefinition"), Has("TrainingJobDefinitions")),
        ("rule 5: both ResourceConfig and HyperParameterTuningResourceConfig",
         tuning(set_(tjd, "ResourceConfig", {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
                                             "VolumeSizeInGB": 5})), V,
         Has("ResourceConfig"), Has("HyperParameterTuningResourceConfig")),
        ("rule 5: neither ResourceConfig nor HyperParameterTuningResourceConfig",
         tuning(del_(tjd, "HyperParameterTuningResourceConfig")), V,
         Has("ResourceConfig"), Has("HyperParameterTuningResourceConfig")),
        ("rule 6: InstanceConfigs with InstanceType", tuning(set_(hptrc, "InstanceType", "ml.m5.xlarge")), V,
         Has("InstanceConfigs"), Has("InstanceType")),
        ("rule 6: InstanceConfigs with InstanceCount", tuning(set_(hptrc, "InstanceCount", 1)), V,
         Has("InstanceConfigs"), Has("InstanceCount")),
        ("rule 6: InstanceConfigs with VolumeSizeInGB", tuning(set_(hptrc, "VolumeSizeInGB", 5)), V,
         Has("InstanceConfigs"), Has("VolumeSizeInGB")),
        ("rule 7: single-config form without InstanceType",
         tuning(lambda r: single_config(r, InstanceCount=1, VolumeSizeInGB=5)), V, Has("InstanceType")),
        ("rule 7: single-config form with InstanceCount 0",
         tuning(lambda r: single_config(r, InstanceType="ml.m5.xlarge", InstanceCount=0, VolumeSizeInGB=5)),
         V, Has("InstanceCount")),
        ("InstanceConfigs InstanceCount 0",
         tuning(set_(lambda r: hptrc(r)["InstanceConfigs"][0], "InstanceCount", 0)), V,
         Has("InstanceCount")),
        ("ResourceConfig InstanceCount 0", tuning(chain(
            del_(tjd, "HyperParameterTuningResourceConfig"),
            set_(tjd, "ResourceConfig", {"InstanceType": "ml.m5.xlarge", "InstanceCount": 0,
                                         "VolumeSizeInGB": 5}))), V, Has("InstanceCount")),
        ("rule 8: duplicate instance types", tuning(set_(hptrc, "InstanceConfigs", [
            {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
            {"InstanceType": "ml.m4.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 5}])), V,
         Has("InstanceConfigs"), Has("duplicate")),
        ("rule 15: Grid with continuous and integer ranges", tuning(chain(
            set_(cfg, "Strategy", "Grid"), set_(limits, "MaxNumberOfTrainingJobs", 10))), V,
         Has("Grid"), Has("categorical")),
        ("rule 16: Grid with MaxNumberOfTrainingJobs != combinations", tuning(chain(
            set_(cfg, "Strategy", "Grid"), categorical_only)), V,
         Has("Grid"), Has("MaxNumberOfTrainingJobs"), Has(re.compile(r"\b4\b"))),
        ("rule 17: Random without MaxNumberOfTrainingJobs", tuning(del_(limits, "MaxNumberOfTrainingJobs")), V,
         Has("MaxNumberOfTrainingJobs"), Has("Random")),
        ("rule 17: Bayesian without MaxNumberOfTrainingJobs", tuning(chain(
            set_(cfg, "Strategy", "Bayesian"), del_(limits, "MaxNumberOfTrainingJobs"))), V,
         Has("MaxNumberOfTrainingJobs"), Has("Bayesian")),
        ("rule 18: MaxParallelTrainingJobs > MaxNumberOfTrainingJobs",
         tuning(set_(limits, "MaxNumberOfTrainingJobs", 3)), V,
         Has("MaxParallelTrainingJobs"), Has("MaxNumberOfTrainingJobs"), Has(re.compile(r"\b5\b")),
         Has(re.compile(r"\b3\b"))),
        ("rule 19: fewer combinations than MaxNumberOfTrainingJobs", tuning(categorical_only), V,
         Exactly("You don't have enough combinations of hyperparameter ranges. The total number of "
                 "hyperparameter combinations for the provided ranges [4] must be equal or greater "
                 "than the value of MaxNumberOfJobs, [10]. Provide additional ranges.")),
        ("rule 21: Hyperband with early stopping Auto", tuning(chain(
            set_(cfg, "Strategy", "Hyperband"), set_(cfg, "TrainingJobEarlyStoppingType", "Auto"),
            set_(lambda r: tjd(r)["StaticHyperParameters"], "epochs", "10"))), V,
         Has("Hyperband"), Has("TrainingJobEarlyStoppingType")),
        ("rule 22: StrategyConfig with Random", tuning(set_(cfg, "StrategyConfig", {
            "HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 10}})), V,
         Has("Hyperband"), Has("StrategyConfig")),
        ("rule 22: Hyperband MinResource > MaxResource", tuning(chain(
            set_(cfg, "Strategy", "Hyperband"),
            set_(cfg, "StrategyConfig", {"HyperbandStrategyConfig": {"MinResource": 20, "MaxResource": 10}}))), V,
         Has("MinResource"), Has("MaxResource")),
        ("rule 22: Hyperband MaxResource neither given nor inferable",
         tuning(set_(cfg, "Strategy", "Hyperband")), V, Has("MaxResource")),
        ("rule 23: single definition without an objective",
         tuning(del_(cfg, "HyperParameterTuningJobObjective")), V,
         Coral(HPTJC + ".hyperParameterTuningJobObjective", NOT_NULL)),
        ("rule 23: second of TrainingJobDefinitions without an objective", tuning(chain(
            multi_definitions, del_(lambda r: r["TrainingJobDefinitions"][1], "TuningObjective"))), V,
         Exactly("1 validation error detected: Value null at 'trainingJobDefinitions.2.member.tuningObjective' "
                 "failed to satisfy constraint: Member must not be null")),
        ("nothing to tune: ParameterRanges {}", tuning(set_(cfg, "ParameterRanges", {})), V,
         Has("No hyperparameters to tune were specified in ParameterRanges")),
        ("nothing to tune: no ParameterRanges", tuning(del_(cfg, "ParameterRanges")), V,
         Has("No hyperparameters to tune were specified in ParameterRanges")),
        ("nothing to tune: a definition without HyperParameterRanges", tuning(chain(
            multi_definitions, del_(lambda r: r["TrainingJobDefinitions"][1], "HyperParameterRanges"))), V,
         Has("No hyperparameters to tune"), Has("'def-b'")),
        ("AutoParameters without Autotune", tuning(set_(ranges, "AutoParameters", [
            {"Name": "alpha", "ValueHint": "0.5"}])), V,
         Has("AutoParameters can only be specified when Autotune is enabled")),
        ("Autotune hint for a static hyperparameter", tuning(chain(
            set_(lambda r: r, "Autotune", {"Mode": "Enabled"}),
            set_(ranges, "AutoParameters", [{"Name": "num_round", "ValueHint": "100"}]))), V,
         Exactly("Hyperparameter 'num_round' is specified more than once.")),
        ("Autotune hint for a tuned hyperparameter", tuning(chain(
            set_(lambda r: r, "Autotune", {"Mode": "Enabled"}),
            set_(ranges, "AutoParameters", [{"Name": "eta", "ValueHint": "0.1"}]))), V,
         Has("Hyperparameter 'eta' is specified more than once")),
        ("Autotune numeric hint with the Grid strategy", tuning(chain(
            set_(lambda r: r, "Autotune", {"Mode": "Enabled"}), set_(cfg, "Strategy", "Grid"),
            del_(limits, "MaxNumberOfTrainingJobs"),
            set_(cfg, "ParameterRanges", {"AutoParameters": [{"Name": "alpha", "ValueHint": "0.5"}]}))), V,
         Exactly("The Grid strategy supports only categorical hyperparameters.")),
        ("rule 24: custom image without MetricDefinitions",
         tuning(set_(lambda r: tjd(r)["AlgorithmSpecification"], "TrainingImage", CUSTOM_IMAGE)), V,
         Exactly("A metric is required for this hyperparameter tuning job objective. Provide a metric "
                 "in the metric definitions.")),
        ("rule 24: custom image whose metrics lack the objective", tuning(set_(
            tjd, "AlgorithmSpecification", {"TrainingImage": CUSTOM_IMAGE, "TrainingInputMode": "File",
                                            "MetricDefinitions": [{"Name": "train:loss", "Regex": "loss=(.*)"}]})), V,
         Exactly("A metric is required for this hyperparameter tuning job objective. Provide a metric "
                 "in the metric definitions.")),
        ("rule 25: both TrainingImage and AlgorithmName",
         tuning(set_(lambda r: tjd(r)["AlgorithmSpecification"], "AlgorithmName", "my-algorithm")), V,
         Has("TrainingImage"), Has("AlgorithmName")),
        ("rule 25: neither TrainingImage nor AlgorithmName",
         tuning(del_(lambda r: tjd(r)["AlgorithmSpecification"], "TrainingImage")), V,
         Has("TrainingImage"), Has("AlgorithmName")),
        ("rule 26: TrainingJobDefinitions without DefinitionName",
         tuning(lambda r: multi_definitions(r, names=("def-a", None))), V, Has("DefinitionName")),
        ("rule 26: duplicate DefinitionName",
         tuning(lambda r: multi_definitions(r, names=("def-a", "def-a"))), V, Has("DefinitionName")),
        ("rule 26: TrainingJobDefinitions with early stopping Auto", tuning(chain(
            multi_definitions, set_(cfg, "TrainingJobEarlyStoppingType", "Auto"))), V,
         Has(re.compile(r"early stopping|TrainingJobEarlyStoppingType", re.I))),
        ("rule 26: TrainingJobDefinitions with WarmStartConfig", tuning(chain(
            multi_definitions, set_(lambda r: r, "WarmStartConfig", {
                "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": EXISTING}],
                "WarmStartType": "TransferLearning"}))), V,
         Has(re.compile(r"warm start|WarmStartConfig", re.I))),
        ("rule 27: spot without MaxWaitTimeInSeconds", tuning(set_(tjd, "EnableManagedSpotTraining", True)), V,
         Has("MaxWaitTimeInSeconds")),
        ("rule 27: spot with MaxWaitTimeInSeconds < MaxRuntimeInSeconds", tuning(chain(
            set_(tjd, "EnableManagedSpotTraining", True),
            set_(tjd, "StoppingCondition", {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 600}))), V,
         Has("MaxWaitTimeInSeconds"), Has("MaxRuntimeInSeconds")),
        ("definition MaxRuntimeInSeconds over 28 days", tuning(
            set_(tjd, "StoppingCondition", {"MaxRuntimeInSeconds": 2419201})), V,
         Has("MaxRuntimeInSeconds"), Has("2419200")),
        ("rule 28: warm start parent without a name", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{}], "WarmStartType": "TransferLearning"})), V,
         Has("HyperParameterTuningJobName")),
        ("rule 28: warm start from a missing parent", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "inv-no-parent"}],
            "WarmStartType": "TransferLearning"})), (V, "ResourceNotFound"), Has("inv-no-parent")),
        ("rule 28: warm start from a parent still InProgress", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": EXISTING}],
            "WarmStartType": "TransferLearning"})), V, Has(EXISTING)),
        ("rule 29: KeepAlivePeriodInSeconds in a tuning ResourceConfig", tuning(chain(
            del_(tjd, "HyperParameterTuningResourceConfig"),
            set_(tjd, "ResourceConfig", {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
                                         "VolumeSizeInGB": 5, "KeepAlivePeriodInSeconds": 60}))), V,
         Has("KeepAlivePeriodInSeconds")),
        ("rule 14: 31 tunable hyperparameters", tuning(set_(cfg, "ParameterRanges", {
            "IntegerParameterRanges": [{"Name": "i%d" % i, "MinValue": "1", "MaxValue": "9"} for i in range(16)],
            "ContinuousParameterRanges": [{"Name": "c%d" % i, "MinValue": "0", "MaxValue": "1"} for i in range(15)]})), V,
         Has("31"), Has("30")),
        ("rule 14: static + tunable + _tuning_objective_metric > 100", tuning(set_(
            tjd, "StaticHyperParameters", {"s%02d" % i: "1" for i in range(98)})), V, Has("100")),
        ("rule 20: MaxNumberOfTrainingJobs 751", tuning(set_(limits, "MaxNumberOfTrainingJobs", 751)), RLE,
         Has("account-level service limit"), Has("750"), Has("751")),
        ("rule 20: MaxParallelTrainingJobs 11", tuning(chain(
            set_(limits, "MaxNumberOfTrainingJobs", 20), set_(limits, "MaxParallelTrainingJobs", 11))), RLE,
         Has("account-level service limit"), Has("is 10"), Has("11")),
        ("rule 2: tuning name already used", tuning(name=EXISTING), RIU,
         Exactly("A hyperparameter tuning job with the name, %s, already exists. Choose a different "
                 "name." % EXISTING)),
        ("rule 2: tuning name already used, other case", tuning(name=EXISTING.upper()), RIU,
         Has("already exists")),
    ]
    return [Case(label, CREATE, body, code, *expect) for label, body, code, *expect in rows]
