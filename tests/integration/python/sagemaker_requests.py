"""What the tests send to SageMaker and what SageMaker answers with: the blog-post tuning
request (AWS's post on AMT training-instance fallbacks: Random, 10 jobs, 5 in parallel,
InstanceConfigs [ml.m4.xlarge, ml.m5.4xlarge]), a plain standalone training job, ARNs of the
tests' account and region, and the status and failure texts SageMaker shows when capacity runs
out.
"""

from emulator_process import ACCOUNT, REGION

CUSTOM_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-algorithm:1"

ICE_STATUS_MESSAGE = "Insufficient capacity error from EC2 while launching instances, retrying!"
CAPACITY_ERROR = ("CapacityError: Unable to provision requested ML compute capacity. "
                  "Please retry using a different ML instance type.")
NO_SUCCESS_AFTER_5 = ("No training job succeeded after 5 attempts. Please take a look at the "
                      "training job failures to get more details.")


def training_arn(name):
    return "arn:aws:sagemaker:%s:%s:training-job/%s" % (REGION, ACCOUNT, name)


def tuning_arn(name):
    return "arn:aws:sagemaker:%s:%s:hyper-parameter-tuning-job/%s" % (REGION, ACCOUNT, name)


# ---- the blog-post tuning job ----------------------------------------------------------
XGBOOST_IMAGE = "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
S3_OUTPUT = "s3://bucket/output/"
OBJECTIVE = "validation:rmse"
STATIC_HYPERPARAMETERS = {"num_round": "100", "objective": "reg:squarederror"}
INSTANCE_CONFIGS = [
    {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
    {"InstanceType": "ml.m5.4xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
]
PREFERRED, FALLBACK = "ml.m4.xlarge", "ml.m5.4xlarge"
MAX_JOBS, MAX_PARALLEL = 10, 5


def blog_tuning_request(name):
    """Keyword arguments of create_hyper_parameter_tuning_job for the configuration of AWS's
    blog post on AMT training-instance fallbacks."""
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": {
            "Strategy": "Random",
            "ResourceLimits": {"MaxNumberOfTrainingJobs": MAX_JOBS,
                               "MaxParallelTrainingJobs": MAX_PARALLEL},
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": OBJECTIVE},
            "ParameterRanges": {
                "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0", "MaxValue": "1"}],
                "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}],
                "CategoricalParameterRanges": [],
            },
        },
        "TrainingJobDefinition": {
            "AlgorithmSpecification": {"TrainingImage": XGBOOST_IMAGE, "TrainingInputMode": "File"},
            "RoleArn": ROLE_ARN,
            "InputDataConfig": [{
                "ChannelName": "train",
                "DataSource": {"S3DataSource": {
                    "S3DataType": "S3Prefix",
                    "S3Uri": "s3://bucket/train/",
                    "S3DataDistributionType": "FullyReplicated",
                }},
            }],
            "OutputDataConfig": {"S3OutputPath": S3_OUTPUT},
            "HyperParameterTuningResourceConfig": {
                "InstanceConfigs": [dict(c) for c in INSTANCE_CONFIGS],
            },
            "StoppingCondition": {"MaxRuntimeInSeconds": 259200},
            "StaticHyperParameters": dict(STATIC_HYPERPARAMETERS),
        },
    }


# ---- a standalone training job ---------------------------------------------------------
def basic_training_request(name, instance_type="ml.m5.xlarge"):
    return {
        "TrainingJobName": name,
        "HyperParameters": {"num_round": "10", "eta": "0.2"},
        "AlgorithmSpecification": {
            "TrainingImage": CUSTOM_IMAGE, "TrainingInputMode": "File",
            "MetricDefinitions": [{"Name": "validation:rmse", "Regex": "rmse=([0-9.]+)"}]},
        "RoleArn": ROLE_ARN,
        "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/",
            "S3DataDistributionType": "FullyReplicated"}}}],
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output/"},
        "ResourceConfig": {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
    }
