"""Invalid requests to CreateTrainingJob, UpdateTrainingJob, DeleteTrainingJob,
DeleteHyperParameterTuningJob and the tag operations (AddTags, ListTags, DeleteTags): model
constraints and the §3.15 rules that apply to CreateTrainingJob (sagemaker-api.md §2.5, §2.7,
§2.11–2.15, §3.14, §3.15). Same table machinery and the same "nothing changed" check as
test_invalid_requests_tuning_jobs.py (invalid_request_table.py).
"""

import unittest

from emulator_process import EmulatorTestCase
from invalid_request_matchers import (
    ENUM, NOT_NULL, PATTERN, At, Coral, Exactly, Has, len_max, len_min, val_max, val_min)
from invalid_request_table import EXISTING, Case, InvalidRequestTable, raw_body
from sagemaker_requests import CUSTOM_IMAGE, ROLE_ARN, blog_tuning_request, training_arn, tuning_arn

EXISTING_TRAINING = "inv-existing-training"


def base_training(name):
    return {
        "TrainingJobName": name,
        "HyperParameters": {"num_round": "10"},
        "AlgorithmSpecification": {"TrainingImage": CUSTOM_IMAGE, "TrainingInputMode": "File"},
        "RoleArn": ROLE_ARN,
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/"}}}],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output/"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


_counter = [0]


def training(mutate=None, name=None):
    _counter[0] += 1
    request = base_training("inv-tj-%03d" % _counter[0] if name is None else name)
    if mutate is not None:
        mutate(request)
    return request


def setting(path, value):
    """mutate(request): sets the member at a dotted path (list indices as numbers)."""
    def mutate(r):
        node = r
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value
    return mutate


def deleting(path):
    def mutate(r):
        node = r
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[parts[-1]]
    return mutate


def both(*mutations):
    def mutate(r):
        for m in mutations:
            m(r)
    return mutate


def new_operation_cases():
    V, S, RIU = "ValidationException", "SerializationException", "ResourceInUse"
    ct = "CreateTrainingJob"
    rows = [
        # ---- CreateTrainingJob: model constraints --------------------------------------------
        (ct, "training: missing TrainingJobName", training(deleting("TrainingJobName")), V,
         Coral("trainingJobName", NOT_NULL)),
        (ct, "training: missing RoleArn", training(deleting("RoleArn")), V, Coral("roleArn", NOT_NULL)),
        (ct, "training: missing OutputDataConfig", training(deleting("OutputDataConfig")), V,
         Coral("outputDataConfig", NOT_NULL)),
        (ct, "training: missing TrainingInputMode",
         training(deleting("AlgorithmSpecification.TrainingInputMode")), V,
         Coral("algorithmSpecification.trainingInputMode", NOT_NULL)),
        (ct, "training: missing channel DataSource", training(deleting("InputDataConfig.0.DataSource")), V,
         Coral("inputDataConfig.dataSource", NOT_NULL)),
        (ct, "training: name of 64 characters", training(name="t" * 64), V,
         Coral("trainingJobName", len_max(63))),
        (ct, "training: name with an underscore", training(name="bad_training"), V,
         Coral("trainingJobName", PATTERN)),
        (ct, "training: hyperparameter value of 2501 characters",
         training(setting("HyperParameters.long", "x" * 2501)), V,
         Coral("hyperParameters", "Map value must satisfy constraint")),
        (ct, "training: 101 hyperparameters",
         training(setting("HyperParameters", {"h%03d" % i: "1" for i in range(101)})), V,
         Coral("hyperParameters", len_max(100))),
        (ct, "training: InstanceType ml.m5.huge", training(setting("ResourceConfig.InstanceType", "ml.m5.huge")), V,
         Coral("resourceConfig.instanceType", ENUM)),
        (ct, "training: KeepAlivePeriodInSeconds 21601",
         training(setting("ResourceConfig.KeepAlivePeriodInSeconds", 21601)), V,
         Coral("resourceConfig.keepAlivePeriodInSeconds", val_max(21600))),
        (ct, "training: 21 channels", training(setting("InputDataConfig", [
            {"ChannelName": "c%d" % i, "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/c%d/" % i}}} for i in range(21)])), V,
         Coral("inputDataConfig", len_max(20))),
        (ct, "training: empty channel list", training(setting("InputDataConfig", [])), V,
         Coral("inputDataConfig", len_min(1))),
        (ct, "training: channel name with a space", training(setting("InputDataConfig.0.ChannelName", "my channel")), V,
         Coral("inputDataConfig.channelName", PATTERN)),
        (ct, "training: CompressionType zip", training(setting("InputDataConfig.0.CompressionType", "zip")), V,
         Coral("inputDataConfig.compressionType", ENUM)),
        (ct, "training: OutputDataConfig CompressionType Gzip (channel spelling)",
         training(setting("OutputDataConfig.CompressionType", "Gzip")), V,
         Coral("outputDataConfig.compressionType", ENUM)),
        (ct, "training: MaxRuntimeInSeconds as a string", raw_body(training(), {
            "StoppingCondition.MaxRuntimeInSeconds": '"3600"'}), S, At("stoppingCondition.maxRuntimeInSeconds")),
        (ct, "training: EnableManagedSpotTraining 'yes'", raw_body(training(), {
            "EnableManagedSpotTraining": '"yes"'}), S, At("enableManagedSpotTraining")),
        (ct, "training: HyperParameters as a list", raw_body(training(), {
            "HyperParameters": '["num_round=10"]'}), S, At("hyperParameters")),
        (ct, "training: 51 tags", training(setting("Tags", [{"Key": "k%d" % i, "Value": "v"} for i in range(51)])), V,
         Coral("tags", len_max(50))),
        (ct, "training: 101 environment variables",
         training(setting("Environment", {"V%03d" % i: "1" for i in range(101)})), V,
         Coral("environment", len_max(100))),
        (ct, "training: 21 debug rules", training(setting("DebugRuleConfigurations", [
            {"RuleConfigurationName": "r%d" % i, "RuleEvaluatorImage": "img"} for i in range(21)])), V,
         Coral("debugRuleConfigurations", len_max(20))),
        (ct, "training: experiment name with an underscore",
         training(setting("ExperimentConfig", {"ExperimentName": "my_experiment"})), V,
         Coral("experimentConfig.experimentName", PATTERN)),
        (ct, "training: checkpoint S3Uri ftp://", training(setting("CheckpointConfig", {"S3Uri": "ftp://b/c"})), V,
         Coral("checkpointConfig.s3Uri", PATTERN)),
        (ct, "training: MaximumRetryAttempts 0", training(setting("RetryStrategy", {"MaximumRetryAttempts": 0})), V,
         Coral("retryStrategy.maximumRetryAttempts", val_min(1))),
        (ct, "training: 6 instance groups", training(setting("ResourceConfig", {"VolumeSizeInGB": 10, "InstanceGroups": [
            {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "InstanceGroupName": "g%d" % i} for i in range(6)]})), V,
         Coral("resourceConfig.instanceGroups", len_max(5))),
        # ---- CreateTrainingJob: §3.15 rules ----------------------------------------------------
        (ct, "training rule 25: TrainingImage and AlgorithmName",
         training(setting("AlgorithmSpecification.AlgorithmName", "my-algorithm")), V,
         Has("TrainingImage"), Has("AlgorithmName")),
        (ct, "training rule 25: neither TrainingImage nor AlgorithmName",
         training(deleting("AlgorithmSpecification.TrainingImage")), V,
         Has("TrainingImage"), Has("AlgorithmName")),
        (ct, "training rule 27: spot without MaxWaitTimeInSeconds",
         training(setting("EnableManagedSpotTraining", True)), V, Has("MaxWaitTimeInSeconds")),
        (ct, "training rule 27: MaxWaitTimeInSeconds < MaxRuntimeInSeconds", training(both(
            setting("EnableManagedSpotTraining", True),
            setting("StoppingCondition", {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 60}))), V,
         Has("MaxWaitTimeInSeconds"), Has("MaxRuntimeInSeconds")),
        (ct, "training: MaxRuntimeInSeconds over 28 days",
         training(setting("StoppingCondition", {"MaxRuntimeInSeconds": 2419201})), V,
         Has("MaxRuntimeInSeconds"), Has("2419200")),
        (ct, "training rule 34: InstanceGroups with InstanceType", training(setting("ResourceConfig", {
            "InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 10, "InstanceGroups": [
                {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "InstanceGroupName": "g"}]})), V,
         Has("InstanceGroups"), Has("InstanceType")),
        (ct, "training: InstanceCount 0", training(setting("ResourceConfig.InstanceCount", 0)), V,
         Has("InstanceCount")),
        (ct, "training: classic job without ResourceConfig", training(deleting("ResourceConfig")), V,
         Has("ResourceConfig")),
        (ct, "training: classic job without an instance type", training(deleting("ResourceConfig.InstanceType")), V,
         Has("InstanceType")),
        (ct, "training: classic job without AlgorithmSpecification", training(deleting("AlgorithmSpecification")), V,
         Has("AlgorithmSpecification")),
        (ct, "training rule 3: name already used", training(name=EXISTING_TRAINING), RIU,
         Exactly("Training job names must be unique within an AWS account and region, and a training "
                 "job with this name already exists (%s)" % training_arn(EXISTING_TRAINING))),
        (ct, "training rule 3: name already used by a tuner child", None, RIU, Has("already exists")),
        # ---- DeleteHyperParameterTuningJob, DeleteTrainingJob ----------------------------------
        ("DeleteHyperParameterTuningJob", "delete tuning without a name", {}, V,
         Coral("hyperParameterTuningJobName", NOT_NULL)),
        ("DeleteHyperParameterTuningJob", "delete tuning, 33 characters",
         {"HyperParameterTuningJobName": "d" * 33}, V, Coral("hyperParameterTuningJobName", len_max(32))),
        ("DeleteHyperParameterTuningJob", "delete a running tuning job",
         {"HyperParameterTuningJobName": EXISTING}, V, Has("InProgress")),
        ("DeleteTrainingJob", "delete training without a name", {}, V, Coral("trainingJobName", NOT_NULL)),
        ("DeleteTrainingJob", "delete training, underscore", {"TrainingJobName": "a_b"}, V,
         Coral("trainingJobName", PATTERN)),
        ("DeleteTrainingJob", "delete a running training job", {"TrainingJobName": EXISTING_TRAINING}, RIU,
         Has(EXISTING_TRAINING)),
        # ---- UpdateTrainingJob -------------------------------------------------------------
        ("UpdateTrainingJob", "update without a name", {"ResourceConfig": {"KeepAlivePeriodInSeconds": 60}}, V,
         Coral("trainingJobName", NOT_NULL)),
        ("UpdateTrainingJob", "update KeepAlivePeriodInSeconds 21601",
         {"TrainingJobName": EXISTING_TRAINING, "ResourceConfig": {"KeepAlivePeriodInSeconds": 21601}}, V,
         Coral("resourceConfig.keepAlivePeriodInSeconds", val_max(21600))),
        ("UpdateTrainingJob", "update ResourceConfig without KeepAlivePeriodInSeconds",
         {"TrainingJobName": EXISTING_TRAINING, "ResourceConfig": {}}, V,
         Coral("resourceConfig.keepAlivePeriodInSeconds", NOT_NULL)),
        ("UpdateTrainingJob", "update 21 profiler rules", {"TrainingJobName": EXISTING_TRAINING,
                                                           "ProfilerRuleConfigurations": [
            {"RuleConfigurationName": "r%d" % i, "RuleEvaluatorImage": "img"} for i in range(21)]}, V,
         Coral("profilerRuleConfigurations", len_max(20))),
        ("UpdateTrainingJob", "update profiler S3OutputPath ftp://",
         {"TrainingJobName": EXISTING_TRAINING, "ProfilerConfig": {"S3OutputPath": "ftp://b/p"}}, V,
         Coral("profilerConfig.s3OutputPath", PATTERN)),
        ("UpdateTrainingJob", "update profiling interval as a string",
         '{"TrainingJobName": "%s", "ProfilerConfig": {"ProfilingIntervalInMilliseconds": "500"}}'
         % EXISTING_TRAINING, S, At("profilerConfig.profilingIntervalInMilliseconds")),
        # ---- AddTags, ListTags, DeleteTags -------------------------------------------------
        ("AddTags", "add tags without anything", {}, V, Coral("resourceArn", NOT_NULL), Coral("tags", NOT_NULL)),
        ("AddTags", "add tags to a non-ARN", {"ResourceArn": "not-an-arn", "Tags": [{"Key": "a", "Value": "b"}]}, V,
         Coral("resourceArn", PATTERN)),
        ("AddTags", "add 51 tags", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                    "Tags": [{"Key": "k%d" % i, "Value": "v"} for i in range(51)]}, V,
         Coral("tags", len_max(50))),
        ("AddTags", "add a tag value of 257 characters", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                                         "Tags": [{"Key": "k", "Value": "v" * 257}]}, V,
         Coral("tags.value", len_max(256))),
        ("AddTags", "add an empty tag key", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                            "Tags": [{"Key": "", "Value": "v"}]}, V,
         Coral("tags.key", len_min(1))),
        ("AddTags", "add an aws: tag", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                       "Tags": [{"Key": "aws:reserved", "Value": "v"}]}, V, Has("aws:")),
        ("AddTags", "add tags beyond 50 on the resource", {"ResourceArn": tuning_arn(EXISTING),
                                                          "Tags": [{"Key": "n%d" % i, "Value": "v"} for i in range(50)]}, V,
         Has("50")),
        ("AddTags", "add tags with a number for the value", raw_body(
            {"ResourceArn": training_arn(EXISTING_TRAINING), "Tags": [{"Key": "k", "Value": "v"}]},
            {"Tags.0.Value": "5"}), S, At("tags.value")),
        ("ListTags", "list tags without an ARN", {}, V, Coral("resourceArn", NOT_NULL)),
        ("ListTags", "list tags, MaxResults 49", {"ResourceArn": training_arn(EXISTING_TRAINING), "MaxResults": 49}, V,
         Coral("maxResults", val_min(50))),
        ("ListTags", "list tags, ARN of 257 characters", {"ResourceArn": training_arn("t" * 200) + "x" * 20}, V,
         Coral("resourceArn", len_max(256))),
        ("ListTags", "list tags, NextToken of 8193 characters",
         {"ResourceArn": training_arn(EXISTING_TRAINING), "NextToken": "t" * 8193}, V,
         Coral("nextToken", len_max(8192))),
        ("DeleteTags", "delete tags without keys", {"ResourceArn": training_arn(EXISTING_TRAINING)}, V,
         Coral("tagKeys", NOT_NULL)),
        ("DeleteTags", "delete an empty key list", {"ResourceArn": training_arn(EXISTING_TRAINING), "TagKeys": []}, V,
         Coral("tagKeys", len_min(1))),
        ("DeleteTags", "delete 51 keys", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                          "TagKeys": ["k%d" % i for i in range(51)]}, V,
         Coral("tagKeys", len_max(50))),
        ("DeleteTags", "delete a key with '<'", {"ResourceArn": training_arn(EXISTING_TRAINING),
                                                "TagKeys": ["bad<key>"]}, V, Coral("tagKeys", PATTERN)),
        ("DeleteTags", "delete keys given as a string", '{"ResourceArn": "%s", "TagKeys": "team"}'
         % training_arn(EXISTING_TRAINING), S, At("tagKeys")),
    ]
    cases = []
    for operation, label, body, code, *expect in rows:
        cases.append(Case(label, operation, body, code, *expect))
    return cases


class TrainingJobAndTagInvalidRequestsTest(InvalidRequestTable, EmulatorTestCase):
    minimum_rows = 60

    @classmethod
    def create_existing(cls):
        request = blog_tuning_request(EXISTING)
        request["Tags"] = [{"Key": "t%d" % i, "Value": "v"} for i in range(5)]
        cls.client.create_hyper_parameter_tuning_job(**request)
        cls.client.create_training_job(**base_training(EXISTING_TRAINING))
        cls.emu.advance(60)  # the tuner launches its children; then the clock stands still
        cls.tuner_child = cls.client.list_training_jobs_for_hyper_parameter_tuning_job(
            HyperParameterTuningJobName=EXISTING)["TrainingJobSummaries"][0]["TrainingJobName"]

    @classmethod
    def build_cases(cls):
        cases = new_operation_cases()
        for case in cases:
            if case.body is None:  # the tuner child's name is only known now
                case.body = base_training(cls.tuner_child)
        return cases

    @classmethod
    def extra_state(cls):
        return {
            "existing training job": cls.client.describe_training_job(TrainingJobName=EXISTING_TRAINING)
            ["TrainingJobStatus"],
            "tags of the tuning job": cls.client.list_tags(ResourceArn=tuning_arn(EXISTING))["Tags"],
            "tags of the training job": cls.client.list_tags(
                ResourceArn=training_arn(EXISTING_TRAINING)).get("Tags", []),
        }

    def test_the_base_training_request_is_valid(self):
        self.client.create_training_job(**base_training("inv-tj-base-accepted"))
        self.client.describe_training_job(TrainingJobName="inv-tj-base-accepted")


if __name__ == "__main__":
    unittest.main()
