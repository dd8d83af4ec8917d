"""The forms of CreateHyperParameterTuningJob beyond the blog-post request, for the conformance
walk of test_conformance_tuning_jobs.py: Grid with a single ResourceConfig, Hyperband with
StrategyConfig, Bayesian with every optional member, several TrainingJobDefinitions, and a warm
start from a finished parent, so that the echo of each form is walked as well.
"""

import copy

from sagemaker_requests import CUSTOM_IMAGE, blog_tuning_request


def variety_requests():
    """The other request forms; name -> CreateHyperParameterTuningJob kwargs."""
    requests = {}

    grid = blog_tuning_request("conf-grid")
    config = grid["HyperParameterTuningJobConfig"]
    config["Strategy"] = "Grid"
    config["ResourceLimits"] = {"MaxParallelTrainingJobs": 2}
    config["ParameterRanges"] = {"CategoricalParameterRanges": [
        {"Name": "booster", "Values": ["gbtree", "dart"]},
        {"Name": "max_depth", "Values": ["3", "5"]}]}
    definition = grid["TrainingJobDefinition"]
    del definition["HyperParameterTuningResourceConfig"]
    definition["ResourceConfig"] = {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1,
                                    "VolumeSizeInGB": 10}
    requests["conf-grid"] = grid

    hyperband = blog_tuning_request("conf-hyperband")
    config = hyperband["HyperParameterTuningJobConfig"]
    config["Strategy"] = "Hyperband"
    config["StrategyConfig"] = {"HyperbandStrategyConfig": {"MinResource": 1, "MaxResource": 10}}
    config["TrainingJobEarlyStoppingType"] = "Off"
    config["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2}
    hyperband["TrainingJobDefinition"]["StaticHyperParameters"]["epochs"] = "10"
    requests["conf-hyperband"] = hyperband

    full = blog_tuning_request("conf-bayesian-full")
    config = full["HyperParameterTuningJobConfig"]
    config["Strategy"] = "Bayesian"
    config["TrainingJobEarlyStoppingType"] = "Auto"
    config["RandomSeed"] = 42
    config["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2,
                                "MaxRuntimeInSeconds": 86400}
    config["TuningJobCompletionCriteria"] = {
        "TargetObjectiveMetricValue": 0.001,
        "BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": 3},
        "ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}}
    config["ParameterRanges"]["ContinuousParameterRanges"] = [
        {"Name": "eta", "MinValue": "0.001", "MaxValue": "0.5", "ScalingType": "Logarithmic"},
        {"Name": "subsample", "MinValue": "0.1", "MaxValue": "0.9",
         "ScalingType": "ReverseLogarithmic"}]
    config["ParameterRanges"]["CategoricalParameterRanges"] = [
        {"Name": "tree_method", "Values": ["auto", "hist"]}]
    definition = full["TrainingJobDefinition"]
    definition["AlgorithmSpecification"] = {
        "TrainingImage": CUSTOM_IMAGE, "TrainingInputMode": "File",
        "MetricDefinitions": [{"Name": "validation:rmse", "Regex": "validation-rmse=([0-9.]+)"},
                              {"Name": "train:rmse", "Regex": "train-rmse=([0-9.]+)"}]}
    definition["Environment"] = {"MY_FLAG": "1"}
    definition["VpcConfig"] = {"SecurityGroupIds": ["sg-0123456789abcdef0"],
                               "Subnets": ["subnet-0123456789abcdef0"]}
    definition["EnableNetworkIsolation"] = True
    definition["EnableInterContainerTrafficEncryption"] = True
    definition["EnableManagedSpotTraining"] = True
    definition["StoppingCondition"] = {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}
    definition["CheckpointConfig"] = {"S3Uri": "s3://bucket/checkpoints/", "LocalPath": "/opt/ml/checkpoints"}
    definition["RetryStrategy"] = {"MaximumRetryAttempts": 2}
    definition["OutputDataConfig"] = {"S3OutputPath": "s3://bucket/output/", "KmsKeyId": "alias/my-key"}
    definition["HyperParameterTuningResourceConfig"]["VolumeKmsKeyId"] = "alias/my-volume-key"
    definition["HyperParameterTuningResourceConfig"]["AllocationStrategy"] = "Prioritized"
    full["Tags"] = [{"Key": "team", "Value": "ml"}, {"Key": "cost-center", "Value": "42"}]
    requests["conf-bayesian-full"] = full

    multi = blog_tuning_request("conf-multi")
    config = multi["HyperParameterTuningJobConfig"]
    del config["HyperParameterTuningJobObjective"]
    ranges = config.pop("ParameterRanges")
    config["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2}
    first = multi.pop("TrainingJobDefinition")
    first["DefinitionName"] = "xgb-a"
    first["TuningObjective"] = {"Type": "Minimize", "MetricName": "validation:rmse"}
    first["HyperParameterRanges"] = ranges
    second = copy.deepcopy(first)
    second["DefinitionName"] = "xgb-b"
    second["HyperParameterRanges"] = {"IntegerParameterRanges": [
        {"Name": "max_depth", "MinValue": "3", "MaxValue": "9", "ScalingType": "Linear"}]}
    multi["TrainingJobDefinitions"] = [first, second]
    requests["conf-multi"] = multi
    return requests


def warm_start_request(parent):
    warm = blog_tuning_request("conf-warm")
    warm["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
        "MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2}
    warm["WarmStartConfig"] = {"ParentHyperParameterTuningJobs": [
        {"HyperParameterTuningJobName": parent}], "WarmStartType": "IdenticalDataAndAlgorithm"}
    return warm
