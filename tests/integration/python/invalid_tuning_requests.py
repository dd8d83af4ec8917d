"""Invalid CreateHyperParameterTuningJob requests that break the service model's constraints
(sagemaker-api.md §1.5, §2): missing required members at several depths, wrong JSON types,
out-of-range numbers, too-long and patterned strings, bad enums. Each row is the blog-post
request under a fresh name, changed only by what it tests (tuning()); the rows run in
test_invalid_requests_tuning_jobs.py. The semantic rules of §3.15 are in invalid_tuning_rules.py.
"""

import re

from invalid_request_matchers import (
    ENUM, NOT_NULL, PATTERN, At, Coral, Has, len_max, len_min, val_max, val_min)
from invalid_request_table import EXISTING, Case, raw_body
from sagemaker_requests import blog_tuning_request

HPTJC = "hyperParameterTuningJobConfig"
TJD = "trainingJobDefinition"
CREATE = "CreateHyperParameterTuningJob"


# ---- request builders --------------------------------------------------------------------
_counter = [0]


def tuning(mutate=None, name=None):
    """The blog request under a fresh name, changed by mutate(request)."""
    _counter[0] += 1
    request = blog_tuning_request("inv-%03d" % _counter[0] if name is None else name)
    if mutate is not None:
        mutate(request)
    return request


def cfg(r):
    return r["HyperParameterTuningJobConfig"]


def limits(r):
    return cfg(r)["ResourceLimits"]


def ranges(r):
    return cfg(r)["ParameterRanges"]


def tjd(r):
    return r["TrainingJobDefinition"]


def hptrc(r):
    return tjd(r)["HyperParameterTuningResourceConfig"]


def set_(getter, key, value):
    def mutate(r):
        getter(r)[key] = value
    return mutate


def del_(getter, key):
    def mutate(r):
        del getter(r)[key]
    return mutate


def chain(*mutations):
    def mutate(r):
        for m in mutations:
            m(r)
    return mutate


def constraint_cases():
    V, S = "ValidationException", "SerializationException"
    rows = [
        # ---- missing required members, several depths -------------------------------------
        ("missing HyperParameterTuningJobName", tuning(del_(lambda r: r, "HyperParameterTuningJobName")),
         V, Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("missing HyperParameterTuningJobConfig", tuning(del_(lambda r: r, "HyperParameterTuningJobConfig")),
         V, Coral(HPTJC, NOT_NULL)),
        ("missing Strategy", tuning(del_(cfg, "Strategy")), V, Coral(HPTJC + ".strategy", NOT_NULL)),
        ("missing ResourceLimits", tuning(del_(cfg, "ResourceLimits")), V,
         Coral(HPTJC + ".resourceLimits", NOT_NULL)),
        ("missing MaxParallelTrainingJobs", tuning(del_(limits, "MaxParallelTrainingJobs")), V,
         Coral(HPTJC + ".resourceLimits.maxParallelTrainingJobs", NOT_NULL)),
        ("missing objective MetricName",
         tuning(del_(lambda r: cfg(r)["HyperParameterTuningJobObjective"], "MetricName")), V,
         Coral(HPTJC + ".hyperParameterTuningJobObjective.metricName", NOT_NULL)),
        ("missing objective Type",
         tuning(del_(lambda r: cfg(r)["HyperParameterTuningJobObjective"], "Type")), V,
         Coral(HPTJC + ".hyperParameterTuningJobObjective.type", NOT_NULL)),
        ("missing integer range MinValue",
         tuning(del_(lambda r: ranges(r)["IntegerParameterRanges"][0], "MinValue")), V,
         Coral(HPTJC + ".parameterRanges.integerParameterRanges.minValue", NOT_NULL)),
        ("missing categorical Values",
         tuning(set_(ranges, "CategoricalParameterRanges", [{"Name": "booster"}])), V,
         Coral(HPTJC + ".parameterRanges.categoricalParameterRanges.values", NOT_NULL)),
        ("missing AlgorithmSpecification", tuning(del_(tjd, "AlgorithmSpecification")), V,
         Coral(TJD + ".algorithmSpecification", NOT_NULL)),
        ("missing TrainingInputMode",
         tuning(del_(lambda r: tjd(r)["AlgorithmSpecification"], "TrainingInputMode")), V,
         Coral(TJD + ".algorithmSpecification.trainingInputMode", NOT_NULL)),
        ("missing RoleArn", tuning(del_(tjd, "RoleArn")), V, Coral(TJD + ".roleArn", NOT_NULL)),
        ("missing OutputDataConfig", tuning(del_(tjd, "OutputDataConfig")), V,
         Coral(TJD + ".outputDataConfig", NOT_NULL)),
        ("missing S3OutputPath", tuning(set_(tjd, "OutputDataConfig", {})), V,
         Coral(TJD + ".outputDataConfig.s3OutputPath", NOT_NULL)),
        ("missing StoppingCondition", tuning(del_(tjd, "StoppingCondition")), V,
         Coral(TJD + ".stoppingCondition", NOT_NULL)),
        ("missing InstanceConfigs[0].InstanceType",
         tuning(del_(lambda r: hptrc(r)["InstanceConfigs"][0], "InstanceType")), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.instanceType", NOT_NULL)),
        ("missing InstanceConfigs[1].VolumeSizeInGB",
         tuning(del_(lambda r: hptrc(r)["InstanceConfigs"][1], "VolumeSizeInGB")), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.volumeSizeInGB", NOT_NULL)),
        ("missing channel S3Uri (5 levels deep)",
         tuning(del_(lambda r: tjd(r)["InputDataConfig"][0]["DataSource"]["S3DataSource"], "S3Uri")), V,
         Coral(TJD + ".inputDataConfig.dataSource.s3DataSource.s3Uri", NOT_NULL)),
        ("missing ChannelName", tuning(del_(lambda r: tjd(r)["InputDataConfig"][0], "ChannelName")), V,
         Coral(TJD + ".inputDataConfig.channelName", NOT_NULL)),
        ("missing warm start type", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": EXISTING}]})), V,
         Coral("warmStartConfig.warmStartType", NOT_NULL)),
        ("missing tag Value", tuning(set_(lambda r: r, "Tags", [{"Key": "k"}])), V,
         Coral("tags.value", NOT_NULL)),
        ("JSON null for a required member",
         raw_body(tuning(), {"HyperParameterTuningJobConfig.Strategy": "null"}), V,
         Coral(HPTJC + ".strategy", NOT_NULL)),

        # ---- wrong JSON types -> SerializationException -------------------------------------
        ("number for a string (name)", raw_body(tuning(), {"HyperParameterTuningJobName": "5"}), S,
         At("hyperParameterTuningJobName")),
        ("string for an integer", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs": '"10"'}), S,
         At(HPTJC + ".resourceLimits.maxNumberOfTrainingJobs")),
        ("fraction for an integer", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs": "2.5"}), S,
         At(HPTJC + ".resourceLimits.maxParallelTrainingJobs")),
        ("object for a list", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges":
                '{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}'}), S,
         At(HPTJC + ".parameterRanges.integerParameterRanges")),
        ("number for a range bound string", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges.0.MinValue": "2"}), S,
         At(HPTJC + ".parameterRanges.integerParameterRanges.minValue")),
        ("list for a map", raw_body(tuning(), {
            "TrainingJobDefinition.StaticHyperParameters": '["num_round", "100"]'}), S,
         At(TJD + ".staticHyperParameters")),
        ("number for a map value", raw_body(tuning(), {
            "TrainingJobDefinition.StaticHyperParameters.num_round": "100"}), S,
         At(TJD + ".staticHyperParameters")),
        ("string for a boolean", raw_body(tuning(), {
            "TrainingJobDefinition.EnableNetworkIsolation": '"true"'}), S,
         At(TJD + ".enableNetworkIsolation")),
        ("boolean for an enum string", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType": "true"}), S,
         At(HPTJC + ".trainingJobEarlyStoppingType")),
        ("string for a structure", raw_body(tuning(), {"HyperParameterTuningJobConfig": '"Random"'}), S,
         At(HPTJC)),
        ("object for the tag list", raw_body(tuning(), {"Tags": '{"Key": "k", "Value": "v"}'}), S,
         At("tags")),
        ("string for a float", raw_body(tuning(set_(cfg, "TuningJobCompletionCriteria",
                                                      {"TargetObjectiveMetricValue": 0.5})), {
            "HyperParameterTuningJobConfig.TuningJobCompletionCriteria.TargetObjectiveMetricValue":
                '"0.5"'}), S,
         At(HPTJC + ".tuningJobCompletionCriteria.targetObjectiveMetricValue")),
        ("array as the whole body", "[]", S, Has(re.compile(r"object|structure", re.I))),
        ("string as the whole body", '"CreateHyperParameterTuningJob"', S,
         Has(re.compile(r"object|structure", re.I))),

        # ---- out-of-range numbers ---------------------------------------------------------
        ("MaxNumberOfTrainingJobs 0", tuning(set_(limits, "MaxNumberOfTrainingJobs", 0)), V,
         Coral(HPTJC + ".resourceLimits.maxNumberOfTrainingJobs", val_min(1))),
        ("MaxParallelTrainingJobs 0", tuning(set_(limits, "MaxParallelTrainingJobs", 0)), V,
         Coral(HPTJC + ".resourceLimits.maxParallelTrainingJobs", val_min(1))),
        ("tuning MaxRuntimeInSeconds 119", tuning(set_(limits, "MaxRuntimeInSeconds", 119)), V,
         Coral(HPTJC + ".resourceLimits.maxRuntimeInSeconds", val_min(120))),
        ("tuning MaxRuntimeInSeconds 15768001", tuning(set_(limits, "MaxRuntimeInSeconds", 15768001)), V,
         Coral(HPTJC + ".resourceLimits.maxRuntimeInSeconds", val_max(15768000))),
        ("training MaxRuntimeInSeconds 0",
         tuning(set_(lambda r: tjd(r)["StoppingCondition"], "MaxRuntimeInSeconds", 0)), V,
         Coral(TJD + ".stoppingCondition.maxRuntimeInSeconds", val_min(1))),
        ("MaxPendingTimeInSeconds 7199",
         tuning(set_(lambda r: tjd(r)["StoppingCondition"], "MaxPendingTimeInSeconds", 7199)), V,
         Coral(TJD + ".stoppingCondition.maxPendingTimeInSeconds", val_min(7200))),
        ("InstanceConfigs VolumeSizeInGB 0",
         tuning(set_(lambda r: hptrc(r)["InstanceConfigs"][0], "VolumeSizeInGB", 0)), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.volumeSizeInGB", val_min(1))),
        ("MaximumRetryAttempts 31", tuning(set_(tjd, "RetryStrategy", {"MaximumRetryAttempts": 31})), V,
         Coral(TJD + ".retryStrategy.maximumRetryAttempts", val_max(30))),
        ("RandomSeed -1", tuning(set_(cfg, "RandomSeed", -1)), V,
         Coral(HPTJC + ".randomSeed", val_min(0))),
        ("MaxNumberOfTrainingJobsNotImproving 2", tuning(set_(cfg, "TuningJobCompletionCriteria", {
            "BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 2}})), V,
         Coral(HPTJC + ".tuningJobCompletionCriteria.bestObjectiveNotImproving"
                       ".maxNumberOfTrainingJobsNotImproving", val_min(3))),
        ("Hyperband MinResource 0", tuning(chain(
            set_(cfg, "Strategy", "Hyperband"),
            set_(cfg, "StrategyConfig", {"HyperbandStrategyConfig": {"MinResource": 0, "MaxResource": 10}}))), V,
         Coral(HPTJC + ".strategyConfig.hyperbandStrategyConfig.minResource", val_min(1))),
        ("integer for a 32-bit member beyond 2^31", raw_body(tuning(), {
            "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs": "2147483648"}),
         (S, V), At(HPTJC + ".resourceLimits.maxNumberOfTrainingJobs")),

        # ---- lengths and patterns ---------------------------------------------------------
        ("tuning name of 33 characters", tuning(name="a" * 33), V,
         Coral("hyperParameterTuningJobName", len_max(32))),
        ("tuning name with an underscore", tuning(name="bad_name"), V,
         Coral("hyperParameterTuningJobName", PATTERN)),
        ("empty tuning name", tuning(name=""), V,
         Coral("hyperParameterTuningJobName", len_min(1))),
        ("tuning name starting with a hyphen", tuning(name="-leading"), V,
         Coral("hyperParameterTuningJobName", PATTERN)),
        ("two violations of one member", tuning(name="a_" * 17), V,
         Coral("hyperParameterTuningJobName", PATTERN),
         Coral("hyperParameterTuningJobName", len_max(32)),
         Has(re.compile(r"^2 validation errors detected: "))),
        ("RoleArn not an IAM role ARN", tuning(set_(tjd, "RoleArn", "arn:aws:iam::123456789012:user/someone")), V,
         Coral(TJD + ".roleArn", PATTERN)),
        ("RoleArn too short", tuning(set_(tjd, "RoleArn", "role")), V,
         Coral(TJD + ".roleArn", len_min(20))),
        ("empty objective MetricName",
         tuning(set_(lambda r: cfg(r)["HyperParameterTuningJobObjective"], "MetricName", "")), V,
         Coral(HPTJC + ".hyperParameterTuningJobObjective.metricName", len_min(1))),
        ("S3OutputPath not s3/https", tuning(set_(tjd, "OutputDataConfig", {"S3OutputPath": "ftp://bucket/out"})), V,
         Coral(TJD + ".outputDataConfig.s3OutputPath", PATTERN)),
        ("tag key of 129 characters", tuning(set_(lambda r: r, "Tags", [{"Key": "k" * 129, "Value": "v"}])), V,
         Coral("tags.key", len_max(128))),
        ("tag key with '<'", tuning(set_(lambda r: r, "Tags", [{"Key": "bad<key>", "Value": "v"}])), V,
         Coral("tags.key", PATTERN)),
        ("51 tags", tuning(set_(lambda r: r, "Tags", [{"Key": "k%d" % i, "Value": "v"} for i in range(51)])), V,
         Coral("tags", len_max(50))),
        ("7 InstanceConfigs", tuning(set_(hptrc, "InstanceConfigs", [
            {"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in (
                "ml.m4.xlarge", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge", "ml.c5.xlarge",
                "ml.c5.2xlarge", "ml.c5.4xlarge")])), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs", len_max(6))),
        ("empty InstanceConfigs", tuning(set_(hptrc, "InstanceConfigs", [])), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs", len_min(1))),
        ("31 categorical values", tuning(set_(ranges, "CategoricalParameterRanges", [
            {"Name": "booster", "Values": ["v%d" % i for i in range(31)]}])), V,
         Coral(HPTJC + ".parameterRanges.categoricalParameterRanges.values", len_max(30))),
        ("static hyperparameter value of 2501 characters",
         tuning(set_(lambda r: tjd(r)["StaticHyperParameters"], "long", "x" * 2501)), V,
         Coral(TJD + ".staticHyperParameters", "Map value must satisfy constraint")),
        ("Environment key starting with a digit", tuning(set_(tjd, "Environment", {"1BAD": "x"})), V,
         Coral(TJD + ".environment", "Map keys must satisfy constraint")),
        ("6 warm-start parents", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": "p%d" % i} for i in range(6)],
            "WarmStartType": "TransferLearning"})), V,
         Coral("warmStartConfig.parentHyperParameterTuningJobs", len_max(5))),
        ("training image of 256 characters",
         tuning(set_(lambda r: tjd(r)["AlgorithmSpecification"], "TrainingImage", "i" * 256)), V,
         Coral(TJD + ".algorithmSpecification.trainingImage", len_max(255))),

        # ---- bad enums ----------------------------------------------------------------------
        ("Strategy Genetic", tuning(set_(cfg, "Strategy", "Genetic")), V,
         Coral(HPTJC + ".strategy", ENUM), Has("Bayesian")),
        ("objective Type Maximise",
         tuning(set_(lambda r: cfg(r)["HyperParameterTuningJobObjective"], "Type", "Maximise")), V,
         Coral(HPTJC + ".hyperParameterTuningJobObjective.type", ENUM)),
        ("TrainingInputMode Stream",
         tuning(set_(lambda r: tjd(r)["AlgorithmSpecification"], "TrainingInputMode", "Stream")), V,
         Coral(TJD + ".algorithmSpecification.trainingInputMode", ENUM)),
        ("ScalingType Exponential",
         tuning(set_(lambda r: ranges(r)["ContinuousParameterRanges"][0], "ScalingType", "Exponential")), V,
         Coral(HPTJC + ".parameterRanges.continuousParameterRanges.scalingType", ENUM)),
        ("InstanceType ml.m4.huge",
         tuning(set_(lambda r: hptrc(r)["InstanceConfigs"][0], "InstanceType", "ml.m4.huge")), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.instanceType", ENUM)),
        ("early stopping OFF (prose spelling)", tuning(set_(cfg, "TrainingJobEarlyStoppingType", "OFF")), V,
         Coral(HPTJC + ".trainingJobEarlyStoppingType", ENUM)),
        ("AllocationStrategy RoundRobin", tuning(set_(hptrc, "AllocationStrategy", "RoundRobin")), V,
         Coral(TJD + ".hyperParameterTuningResourceConfig.allocationStrategy", ENUM)),
        ("S3DataType Folder", tuning(set_(
            lambda r: tjd(r)["InputDataConfig"][0]["DataSource"]["S3DataSource"], "S3DataType", "Folder")), V,
         Coral(TJD + ".inputDataConfig.dataSource.s3DataSource.s3DataType", ENUM)),
        ("WarmStartType TRANSFER_LEARNING", tuning(set_(lambda r: r, "WarmStartConfig", {
            "ParentHyperParameterTuningJobs": [{"HyperParameterTuningJobName": EXISTING}],
            "WarmStartType": "TRANSFER_LEARNING"})), V,
         Coral("warmStartConfig.warmStartType", ENUM)),
        ("Autotune Mode Disabled", tuning(set_(lambda r: r, "Autotune", {"Mode": "Disabled"})), V,
         Coral("autotune.mode", ENUM)),
    ]
    return [Case(label, CREATE, body, code, *expect) for label, body, code, *expect in rows]
