"""A table of invalid requests to the implemented operations (issue 3, "Done when";
sagemaker-api.md §1.5, §2, §3.12, §3.15): missing required members at several depths, wrong
JSON types, out-of-range numbers, too-long and patterned strings, bad enums, and every semantic
rule of §3.15 that applies to CreateHyperParameterTuningJob and the other implemented
operations.

Each row is sent as raw bytes (SigV4-signed like botocore, so the body is exactly what the row
says, wrong types included) and must come back HTTP 400 with the row's error code and a message
that names the member (Coral style: "N validation error(s) detected: Value … at '<path>' failed
to satisfy constraint: …", with the member path in lowerCamelCase) or the rule. None of them
may change state: ListHyperParameterTuningJobs, ListTrainingJobs and GET /_emulator/events are
identical before and after the whole table (manual clock, so nothing moves by itself).
"""

import copy
import json
import re
import unittest

from emulator_process import EmulatorTestCase, blog_tuning_request
from model_conformance import check_error_body, signed_post, strict_json

EXISTING = "inv-existing"
CUSTOM_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-algorithm:1"
CORAL_PREFIX = re.compile(r"^\d+ validation errors? detected: ")
CORAL_ITEM = re.compile(r"Value (?:null|'(?:[^']|'(?! at '))*') at '([^']*)' failed to satisfy "
                        r"constraint: (.*?)(?=; Value |$)", re.S)
HPTJC = "hyperParameterTuningJobConfig"
TJD = "trainingJobDefinition"


# ---- message expectations ----------------------------------------------------------------
def normalise_path(path):
    """'a.instanceConfigs.1.member.instanceType' / 'a.instanceConfigs[0].instanceType' ->
    'a.instanceConfigs.instanceType' (list indices and 'member' dropped)."""
    path = re.sub(r"\[\d+\]", "", path)
    return ".".join(p for p in path.split(".") if p and not p.isdigit() and p != "member")


class Coral:
    """The message holds a Coral item for this member path whose constraint text starts with
    `constraint` (sagemaker-api.md §1.5)."""

    def __init__(self, path, constraint):
        self.path, self.constraint = path, constraint

    def problem(self, message):
        if not CORAL_PREFIX.match(message):
            return "does not start with 'N validation error(s) detected: '"
        items = [(normalise_path(p), c) for p, c in CORAL_ITEM.findall(message)]
        for path, constraint in items:
            if path == self.path and constraint.startswith(self.constraint):
                return None
        return "no item \"at '%s' failed to satisfy constraint: %s…\" (items: %r)" % (
            self.path, self.constraint, items)

    def __repr__(self):
        return "Coral(%r, %r)" % (self.path, self.constraint)


class At:
    """The message names the member path (e.g. a SerializationException for a wrong JSON
    type): "at '<path>'" or the path itself, list indices ignored."""

    def __init__(self, path):
        self.path = path

    def problem(self, message):
        quoted = [normalise_path(p) for p in re.findall(r"'([^']*)'", message)]
        if self.path in quoted or self.path in message:
            return None
        leaf = self.path.rsplit(".", 1)[-1]
        if re.search(r"\b%s\b" % re.escape(leaf), message, re.I):
            return None
        return "does not name the member %s" % self.path

    def __repr__(self):
        return "At(%r)" % self.path


class Has:
    """Case-insensitive substring, or a regex when given a compiled pattern."""

    def __init__(self, text):
        self.text = text

    def problem(self, message):
        if isinstance(self.text, re.Pattern):
            return None if self.text.search(message) else "does not match /%s/" % self.text.pattern
        return None if self.text.lower() in message.lower() else "does not contain %r" % self.text

    def __repr__(self):
        return "Has(%r)" % (self.text if isinstance(self.text, str) else self.text.pattern)


class Exactly:
    def __init__(self, text):
        self.text = text

    def problem(self, message):
        return None if message == self.text else "is not exactly %r" % self.text


NOT_NULL = "Member must not be null"
ENUM = "Member must satisfy enum value set"
PATTERN = "Member must satisfy regular expression pattern"


def len_max(n):
    return "Member must have length less than or equal to %d" % n


def len_min(n):
    return "Member must have length greater than or equal to %d" % n


def val_min(n):
    return "Member must have value greater than or equal to %d" % n


def val_max(n):
    return "Member must have value less than or equal to %d" % n


# ---- request builders --------------------------------------------------------------------
class Case:
    def __init__(self, label, operation, body, code, *expect):
        self.label = label
        self.operation = operation
        self.body = body
        self.codes = (code,) if isinstance(code, str) else tuple(code)
        self.expect = expect
        self.result = None


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


def raw_body(request, replacements):
    """JSON text of request with member values replaced by raw JSON text, for wrong types:
    replacements maps a dotted path (list indices as numbers) to the JSON text to put there."""
    doc = copy.deepcopy(request)
    markers = {}
    for i, (path, text) in enumerate(replacements.items()):
        marker = "__RAW_%d__" % i
        markers[json.dumps(marker)] = text
        node = doc
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if last.isdigit():
            node[int(last)] = marker
        else:
            node[last] = marker
    text = json.dumps(doc)
    for marker, raw in markers.items():
        text = text.replace(marker, raw)
    return text


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


def create_cases():
    C = "CreateHyperParameterTuningJob"
    V, S, RLE, RIU = ("ValidationException", "SerializationException", "ResourceLimitExceeded",
                      "ResourceInUse")
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

        # ---- semantic rules of §3.15 --------------------------------------------------------
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
    return [Case(label, C, body, code, *expect) for label, body, code, *expect in rows]


def other_cases():
    V, S = "ValidationException", "SerializationException"
    rows = [
        ("DescribeHyperParameterTuningJob", "describe without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("DescribeHyperParameterTuningJob", "describe a 33-character name",
         {"HyperParameterTuningJobName": "d" * 33}, V,
         Coral("hyperParameterTuningJobName", len_max(32))),
        ("DescribeHyperParameterTuningJob", "describe a name with an underscore",
         {"HyperParameterTuningJobName": "a_b"}, V, Coral("hyperParameterTuningJobName", PATTERN)),
        ("DescribeHyperParameterTuningJob", "describe with a numeric name",
         '{"HyperParameterTuningJobName": 42}', S, At("hyperParameterTuningJobName")),
        ("StopHyperParameterTuningJob", "stop without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("StopHyperParameterTuningJob", "stop a name with an underscore",
         {"HyperParameterTuningJobName": "stop_me"}, V, Coral("hyperParameterTuningJobName", PATTERN)),
        ("ListHyperParameterTuningJobs", "MaxResults 0", {"MaxResults": 0}, V,
         Coral("maxResults", val_min(1))),
        ("ListHyperParameterTuningJobs", "MaxResults 101", {"MaxResults": 101}, V,
         Coral("maxResults", val_max(100))),
        ("ListHyperParameterTuningJobs", "MaxResults as a string", '{"MaxResults": "10"}', S,
         At("maxResults")),
        ("ListHyperParameterTuningJobs", "SortBy FinalObjectiveMetricValue (not for this operation)",
         {"SortBy": "FinalObjectiveMetricValue"}, V, Coral("sortBy", ENUM)),
        ("ListHyperParameterTuningJobs", "StatusEquals Running", {"StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("ListHyperParameterTuningJobs", "NameContains with an underscore", {"NameContains": "a_b"}, V,
         Coral("nameContains", PATTERN)),
        ("ListHyperParameterTuningJobs", "NameContains of 64 characters", {"NameContains": "n" * 64}, V,
         Coral("nameContains", len_max(63))),
        ("ListHyperParameterTuningJobs", "NextToken of 8193 characters", {"NextToken": "t" * 8193}, V,
         Coral("nextToken", len_max(8192))),
        ("ListHyperParameterTuningJobs", "CreationTimeAfter not a time",
         '{"CreationTimeAfter": "yesterday"}', (S, V), At("creationTimeAfter")),
        ("ListHyperParameterTuningJobs", "CreationTimeBefore as a boolean",
         '{"CreationTimeBefore": true}', S, At("creationTimeBefore")),
        ("ListTrainingJobsForHyperParameterTuningJob", "children without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, MaxResults 101",
         {"HyperParameterTuningJobName": EXISTING, "MaxResults": 101}, V, Coral("maxResults", val_max(100))),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, SortBy Accuracy",
         {"HyperParameterTuningJobName": EXISTING, "SortBy": "Accuracy"}, V, Coral("sortBy", ENUM)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, SortOrder Up",
         {"HyperParameterTuningJobName": EXISTING, "SortOrder": "Up"}, V, Coral("sortOrder", ENUM)),
        ("ListTrainingJobsForHyperParameterTuningJob", "children, StatusEquals Running",
         {"HyperParameterTuningJobName": EXISTING, "StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("DescribeTrainingJob", "describe training without a name", {}, V,
         Coral("trainingJobName", NOT_NULL)),
        ("DescribeTrainingJob", "describe a 64-character training name", {"TrainingJobName": "t" * 64}, V,
         Coral("trainingJobName", len_max(63))),
        ("DescribeTrainingJob", "describe a training name with an underscore",
         {"TrainingJobName": "a_b"}, V, Coral("trainingJobName", PATTERN)),
        ("DescribeTrainingJob", "describe training with a list for the name",
         '{"TrainingJobName": ["a"]}', S, At("trainingJobName")),
        ("StopTrainingJob", "stop training without a name", {}, V, Coral("trainingJobName", NOT_NULL)),
        ("StopTrainingJob", "stop an empty training name", {"TrainingJobName": ""}, V,
         Coral("trainingJobName", len_min(1))),
        ("ListTrainingJobs", "training MaxResults 0", {"MaxResults": 0}, V,
         Coral("maxResults", val_min(1))),
        ("ListTrainingJobs", "training SortBy FinalObjectiveMetricValue",
         {"SortBy": "FinalObjectiveMetricValue"}, V, Coral("sortBy", ENUM)),
        ("ListTrainingJobs", "training StatusEquals Running", {"StatusEquals": "Running"}, V,
         Coral("statusEquals", ENUM)),
        ("ListTrainingJobs", "WarmPoolStatusEquals Hot", {"WarmPoolStatusEquals": "Hot"}, V,
         Coral("warmPoolStatusEquals", ENUM)),
        ("ListTrainingJobs", "TrainingPlanArnEquals too short",
         {"TrainingPlanArnEquals": "arn:aws:sagemaker:x:123456789012:training-plan/p"}, V,
         Coral("trainingPlanArnEquals", len_min(50))),
        ("ListTrainingJobs", "training NameContains with a space", {"NameContains": "a b"}, V,
         Coral("nameContains", PATTERN)),
        ("ListTrainingJobs", "training LastModifiedTimeAfter as an object",
         '{"LastModifiedTimeAfter": {}}', S, At("lastModifiedTimeAfter")),
        ("ListTrainingJobs", "a NextToken the emulator never issued", {"NextToken": "not-a-token"}, V,
         Has("token")),
    ]
    return [Case(label, op, body, code, *expect) for op, label, body, code, *expect in rows]


def all_cases():
    return create_cases() + other_cases()


class InvalidRequestTable:
    """Mixed into a TestCase (before EmulatorTestCase): sends build_cases() after
    create_existing() and compares the state before and after. Subclasses may override
    create_existing, build_cases, extra_state and expected_tuning_jobs."""

    cases = None
    expected_tuning_jobs = (EXISTING,)
    minimum_rows = 60

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.create_existing()
            cls.before = cls.state()
            cls.cases = cls.build_cases()
            for case in cls.cases:
                case.result = signed_post(emu.url, "SageMaker." + case.operation, case.body)
            cls.after = cls.state()

    @classmethod
    def create_existing(cls):
        cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(EXISTING))

    @classmethod
    def build_cases(cls):
        return all_cases()

    @classmethod
    def extra_state(cls):
        return {}

    @classmethod
    def state(cls):
        def every_page(operation, key):
            items, token = [], None
            for _ in range(100):
                body = {"MaxResults": 100}
                if token:
                    body["NextToken"] = token
                res = signed_post(cls.emu.url, "SageMaker." + operation, body)
                assert res.status == 200, res
                page = strict_json(res.body)
                items.extend(page[key])
                token = page.get("NextToken")
                if not token:
                    return items
            raise AssertionError("%s: more than 100 pages" % operation)
        state = {
            "tuning jobs": every_page("ListHyperParameterTuningJobs", "HyperParameterTuningJobSummaries"),
            "training jobs": every_page("ListTrainingJobs", "TrainingJobSummaries"),
            "events": cls.emu.events(),
            "clock": cls.emu.clock(),
        }
        state.update(cls.extra_state())
        return state

    def accepted_names(self):
        """Jobs created by rows that were wrongly accepted (reported by
        test_each_invalid_request_is_rejected); their traces are left out of the state check."""
        names = set()
        for c in self.cases:
            if c.result.status != 200 or not isinstance(c.body, dict):
                continue
            if c.operation == "CreateHyperParameterTuningJob":
                names.add(c.body.get("HyperParameterTuningJobName"))
            elif c.operation == "CreateTrainingJob":
                names.add(c.body.get("TrainingJobName"))
        return {n for n in names if isinstance(n, str)}

    @staticmethod
    def without(state, names):
        def foreign(name):
            return name in names or any(name.startswith(n + "-") for n in names)
        trimmed = dict(state)
        trimmed.update({
            "tuning jobs": [s for s in state["tuning jobs"]
                            if not foreign(s["HyperParameterTuningJobName"])],
            "training jobs": [s for s in state["training jobs"] if not foreign(s["TrainingJobName"])],
            "events": [e for e in state["events"] if not foreign(e.get("tuningJob", ""))
                       and not foreign(e.get("trainingJob", ""))],
        })
        return trimmed

    def test_the_table_is_large_enough(self):
        self.assertGreaterEqual(len(self.cases), self.minimum_rows)
        self.assertEqual(len({c.label for c in self.cases}), len(self.cases), "duplicate labels")

    def test_each_invalid_request_is_rejected(self):
        for case in self.cases:
            with self.subTest(case.label):
                res = case.result
                self.assertEqual(res.status, 400, "%s: %r" % (case.operation, res))
                code, message = check_error_body(res.body, res.status)
                self.assertIn(code, case.codes, "%s: %s" % (case.operation, message))
                problems = [p for p in (e.problem(message) for e in case.expect) if p]
                self.assertFalse(problems, "message %r: %s" % (message, "; ".join(problems)))
                self.assertTrue(res.headers.get("x-amzn-RequestId"))

    def test_no_state_changed(self):
        """The rejected rows left no trace (wrongly accepted rows are failures of
        test_each_invalid_request_is_rejected and are filtered out here)."""
        accepted = self.accepted_names()
        before, after = self.without(self.before, accepted), self.without(self.after, accepted)
        for key in before:
            if key != "clock":
                self.assertEqual(after[key], before[key], "%s changed" % key)
        self.assertEqual(after["clock"]["now"], before["clock"]["now"])
        self.assertEqual([s["HyperParameterTuningJobName"] for s in after["tuning jobs"]],
                         list(self.expected_tuning_jobs))
        self.assertTrue(before["events"], "the existing jobs should have left events")


class InvalidRequestsTest(InvalidRequestTable, EmulatorTestCase):
    """The implemented operations (sagemaker-api.md §2.1–2.4, 2.6, 2.8–2.10, §3.15)."""

    def test_the_base_request_is_valid(self):
        """Every create row differs from an accepted request only by what it tests."""
        request = blog_tuning_request("inv-base-accepted")
        self.client.create_hyper_parameter_tuning_job(**request)
        self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="inv-base-accepted")


class MatcherSelfTest(unittest.TestCase):
    def test_coral_matcher(self):
        message = ("2 validation errors detected: Value 'a_a' at 'hyperParameterTuningJobName' failed "
                   "to satisfy constraint: Member must satisfy regular expression pattern: ^x; "
                   "Value null at 'trainingJobDefinition.hyperParameterTuningResourceConfig."
                   "instanceConfigs.1.member.instanceType' failed to satisfy constraint: Member "
                   "must not be null")
        self.assertIsNone(Coral("hyperParameterTuningJobName", PATTERN).problem(message))
        self.assertIsNone(Coral(TJD + ".hyperParameterTuningResourceConfig.instanceConfigs.instanceType",
                                NOT_NULL).problem(message))
        self.assertIsNotNone(Coral("hyperParameterTuningJobName", NOT_NULL).problem(message))
        self.assertIsNotNone(Coral("x", NOT_NULL).problem("Value null at 'x' failed to satisfy "
                                                          "constraint: Member must not be null"))

    def test_raw_body(self):
        text = raw_body({"a": {"b": [{"c": "x"}]}}, {"a.b.0.c": "5"})
        self.assertEqual(json.loads(text), {"a": {"b": [{"c": 5}]}})


if __name__ == "__main__":
    unittest.main()
