#!/usr/bin/env python3
"""Bayesian search quality through the emulator's API: Hartmann-6, 20 seeds.

    python3 bench/search_quality_api.py                      # build-bench/amt-emulator, seeds 1..20
    python3 bench/search_quality_api.py --binary build/amt-emulator --seeds 5 --jobs 100

Starts `<binary> --clock instant --port 0` itself, reads the port from the log line
`listening on http://127.0.0.1:PORT` on stderr, and stops it by its PID at the end. For each
seed (RandomSeed 1..N) it creates one tuning job on the hartmann6 image (Hartmann-6 of
hyperparameters x1..x6 in [0, 1], seeded noise sd 0.005; fixtures/objectives/library.json),
Strategy Bayesian, MaxNumberOfTrainingJobs 100, MaxParallelTrainingJobs 1, minimising the
metric, waits for it to complete, and prints the best reported objective, whether it is within
0.01 of the optimum -3.32237 (best - optimum <= 0.01: noise can put a report below the
optimum), the noiseless Hartmann-6 value at the best job's hyperparameters, then the success
count and the median regret. Only the standard library and boto3 are used; only 127.0.0.1 is
contacted. The default per-tuning-job quota (750 training jobs) is enough: no scenario file.
"""

import argparse
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import boto3
import botocore.config

REPO = Path(__file__).resolve().parents[1]
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hartmann6:latest"
ROLE_ARN = "arn:aws:iam::123456789012:role/SageMakerRole"
OPTIMUM = -3.32237
TOLERANCE = 0.01
LISTENING = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")

# Hartmann-6 (https://www.sfu.ca/~ssurjano/hart6.html), to tell the noiseless value of a point.
ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - 1e-4 * P[i][j]) ** 2 for j in range(6)))
                for i in range(4))


def start_emulator(binary):
    """The emulator on a port it picks; returns (process, port, stderr lines seen)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMT_EMULATOR_")}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    proc = subprocess.Popen([str(binary), "--host", "127.0.0.1", "--clock", "instant", "--port", "0"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, text=True)
    seen = []
    found = {}

    def read():  # keep draining stderr so the emulator never blocks on a full pipe
        for line in proc.stderr:
            seen.append(line.rstrip())
            m = LISTENING.search(line)
            if m and "port" not in found:
                found["port"] = int(m.group(1))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 10
    while "port" not in found:
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            sys.exit("amt-emulator did not report its port:\n" + "\n".join(seen[-20:]))
        time.sleep(0.01)
    return proc, found["port"], seen


def stop(proc):
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def tuning_request(name, seed, jobs):
    ranges = [{"Name": "x%d" % i, "MinValue": "0", "MaxValue": "1", "ScalingType": "Linear"} for i in range(1, 7)]
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": {
            "Strategy": "Bayesian",
            "RandomSeed": seed,
            "ResourceLimits": {"MaxNumberOfTrainingJobs": jobs, "MaxParallelTrainingJobs": 1},
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
            "ParameterRanges": {"ContinuousParameterRanges": ranges, "IntegerParameterRanges": [],
                                "CategoricalParameterRanges": []},
        },
        "TrainingJobDefinition": {
            "AlgorithmSpecification": {"TrainingImage": IMAGE, "TrainingInputMode": "File",
                                       "MetricDefinitions": [{"Name": "loss", "Regex": "loss=(\\S+)"}]},
            "RoleArn": ROLE_ARN,
            "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://bucket/train/", "S3DataDistributionType": "FullyReplicated"}}}],
            "OutputDataConfig": {"S3OutputPath": "s3://bucket/output/"},
            "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
                {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5}]},
            "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
            "StaticHyperParameters": {"epochs": "5"},
        },
    }


def wait_completed(client, name, timeout_s):
    deadline = time.monotonic() + timeout_s
    while True:
        d = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if d["HyperParameterTuningJobStatus"] in ("Completed", "Failed", "Stopped"):
            return d
        if time.monotonic() > deadline:
            sys.exit("%s still %s after %.0f s" % (name, d["HyperParameterTuningJobStatus"], timeout_s))
        time.sleep(0.02)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(REPO / "build-bench" / "amt-emulator"))
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for one tuning job")
    args = parser.parse_args()

    proc, port, _ = start_emulator(args.binary)
    started = time.monotonic()
    try:
        client = boto3.session.Session().client(
            "sagemaker", region_name="us-east-1", endpoint_url="http://127.0.0.1:%d" % port,
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
            config=botocore.config.Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=60))
        print("| seed | best reported | within %g of %g | noiseless value there | wall s |" % (TOLERANCE, OPTIMUM))
        print("|---|---|---|---|---|")
        regrets, successes = [], 0
        for seed in range(1, args.seeds + 1):
            t0 = time.monotonic()
            name = "h6-bayes-%d" % seed
            client.create_hyper_parameter_tuning_job(**tuning_request(name, seed, args.jobs))
            d = wait_completed(client, name, args.timeout)
            if d["HyperParameterTuningJobStatus"] != "Completed":
                sys.exit("%s ended %s: %s" % (name, d["HyperParameterTuningJobStatus"], d.get("FailureReason")))
            best_job = d["BestTrainingJob"]
            best = best_job["FinalHyperParameterTuningJobObjectiveMetric"]["Value"]
            x = [float(best_job["TunedHyperParameters"]["x%d" % i]) for i in range(1, 7)]
            regret = best - OPTIMUM
            ok = regret <= TOLERANCE
            successes += ok
            regrets.append(regret)
            print("| %d | %.5f | %s | %.5f | %.1f |" % (seed, best, "yes" if ok else "no", hartmann6(x),
                                                       time.monotonic() - t0), flush=True)
        print("\nwithin %g of the optimum: %d of %d seeds; median regret %.5f (best reported - optimum); "
              "%.0f s in all" % (TOLERANCE, successes, args.seeds, statistics.median(regrets),
                                 time.monotonic() - started))
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
