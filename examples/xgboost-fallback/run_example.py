#!/usr/bin/env python3
"""The blog post's tuning job with real training code: AWS's "instance fallback" example
(ml.m4.xlarge preferred, ml.m5.4xlarge as the fallback) with ml.m4.xlarge dried up, each child
training XGBoost for real through amt-emulator's --training local.

    ./scripts/run.sh --training local --clock instant --s3-dir /tmp/amt-s3 &
    python3 examples/xgboost-fallback/run_example.py --s3-dir /tmp/amt-s3

It packs train.py into the emulator's S3 store (the folder given as --s3-dir: s3://bucket/key
is <dir>/bucket/key) as the SageMaker Python SDK would upload sourcedir.tar.gz, sets the
capacity of ml.m4.xlarge to 0 through the control plane, creates the tuning job with boto3,
waits for it, and prints, per child, the instance it got and the validation RMSE it reached.
Needs boto3 here, and python3-xgboost and python3-sklearn for the interpreter the emulator runs
scripts with (--python, default /usr/bin/python3).
"""
import argparse
import io
import json
import os
import tarfile
import time
import urllib.request

import boto3

HERE = os.path.dirname(os.path.abspath(__file__))
BUCKET, SOURCE_KEY = "amt-examples", "xgboost-fallback/source/sourcedir.tar.gz"
RMSE_REGEX = r".*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*"


def upload_source(s3_dir):
    """sourcedir.tar.gz with train.py at its root, as the SDK's tar_and_upload_dir writes it."""
    path = os.path.join(s3_dir, BUCKET, SOURCE_KEY)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        tar.add(os.path.join(HERE, "train.py"), arcname="train.py")
    return "s3://%s/%s" % (BUCKET, SOURCE_KEY)


def set_capacity(endpoint, instance_type, capacity):
    body = json.dumps({"pools": [{"instanceType": instance_type, "capacity": capacity}]}).encode()
    request = urllib.request.Request(endpoint + "/_emulator/capacity", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def tuning_request(name, source, jobs, parallel):
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "ResourceLimits": {"MaxNumberOfTrainingJobs": jobs, "MaxParallelTrainingJobs": parallel},
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "validation:rmse"},
            "ParameterRanges": {
                "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.02", "MaxValue": "0.5"}],
                "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}],
                "CategoricalParameterRanges": [],
            },
            "RandomSeed": 7,
        },
        "TrainingJobDefinition": {
            "AlgorithmSpecification": {
                "TrainingImage": "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1",
                "TrainingInputMode": "File",
                "MetricDefinitions": [{"Name": "validation:rmse", "Regex": RMSE_REGEX}],
            },
            "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
            "OutputDataConfig": {"S3OutputPath": "s3://%s/xgboost-fallback/output" % BUCKET},
            "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
                {"InstanceType": "ml.m4.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
                {"InstanceType": "ml.m5.4xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
            ]},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
            # As the SDK's framework estimators send them: JSON-encoded strings.
            "StaticHyperParameters": {"sagemaker_program": json.dumps("train.py"),
                                      "sagemaker_submit_directory": json.dumps(source),
                                      "num_round": "50"},
        },
    }


def run(endpoint, s3_dir, name="xgb-fallback", jobs=6, parallel=3, timeout_s=600):
    """Runs the example; returns the tuning job's description and its children's."""
    client = boto3.client("sagemaker", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="AKIAEXAMPLE", aws_secret_access_key="example")
    source = upload_source(s3_dir)
    set_capacity(endpoint, "ml.m4.xlarge", 0)
    client.create_hyper_parameter_tuning_job(**tuning_request(name, source, jobs, parallel))
    deadline = time.monotonic() + timeout_s
    while True:
        tuning = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if tuning["HyperParameterTuningJobStatus"] in ("Completed", "Failed", "Stopped"):
            break
        if time.monotonic() > deadline:
            raise SystemExit("%s still %s after %d s" % (name, tuning["HyperParameterTuningJobStatus"], timeout_s))
        time.sleep(0.5)
    summaries = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=100)["TrainingJobSummaries"]
    children = [client.describe_training_job(TrainingJobName=s["TrainingJobName"]) for s in summaries]
    return tuning, sorted(children, key=lambda c: c["TrainingJobName"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", default="http://127.0.0.1:4599")
    parser.add_argument("--s3-dir", required=True, help="the emulator's --s3-dir")
    args = parser.parse_args()
    tuning, children = run(args.endpoint, args.s3_dir)
    print("%-32s %-14s %-10s %s" % ("training job", "instance", "status", "validation:rmse"))
    for child in children:
        rmse = {m["MetricName"]: m["Value"] for m in child.get("FinalMetricDataList", [])}.get("validation:rmse")
        print("%-32s %-14s %-10s %s" % (child["TrainingJobName"], child["ResourceConfig"]["InstanceType"],
                                        child["TrainingJobStatus"], "%.3f" % rmse if rmse is not None else "-"))
    best = tuning.get("BestTrainingJob", {})
    print("\n%s: %s; best %s, validation:rmse %.3f, hyperparameters %s" % (
        tuning["HyperParameterTuningJobName"], tuning["HyperParameterTuningJobStatus"], best.get("TrainingJobName"),
        best.get("FinalHyperParameterTuningJobObjectiveMetric", {}).get("Value", float("nan")),
        best.get("TunedHyperParameters")))
    print("model: %s" % next((c["ModelArtifacts"]["S3ModelArtifacts"] for c in children
                              if c["TrainingJobName"] == best.get("TrainingJobName")), "-"))


if __name__ == "__main__":
    main()
