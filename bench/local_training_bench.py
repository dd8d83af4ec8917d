"""Per-child overhead of real training code (issue 10: <= 20 ms beyond the script's own run
time): job folder, spawn, log capture, packing a small model, the report.

Starts build/amt-emulator (or AMT_EMULATOR_BIN) with --training local --clock instant and an
image map that runs a tiny shell command (prints a metric, writes a one-line model), then, one
job at a time over one keep-alive connection: CreateTrainingJob, DescribeTrainingJob until
Completed. The same with an image the map does not name (simulated: no process) gives the
baseline of the API round trips and the instant clock; the command run directly with
subprocess gives its own run time. Overhead = local - simulated - own run time, per job.

  python3 bench/local_training_bench.py [JOBS]     (default 50)

Loopback only; every loop is bounded; the emulator is stopped by its PID.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from emulator_under_test import Client, start, stop

COMMAND = ["/bin/sh", "-c", 'echo "loss=0.5"; echo model > "$SM_MODEL_DIR/model.txt"']


def request(name, image):
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": image, "TrainingInputMode": "File",
                                   "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": "s3://bench/output"},
        "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5},
        "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
    }


def job_times(client, prefix, image, jobs):
    """Wall seconds from CreateTrainingJob to the first Describe that shows Completed."""
    times = []
    for i in range(jobs):
        name = "%s-%04d" % (prefix, i)
        began = time.perf_counter()
        client.call("CreateTrainingJob", request(name, image))
        for _ in range(100000):
            status = client.call("DescribeTrainingJob", {"TrainingJobName": name})["TrainingJobStatus"]
            if status != "InProgress":
                break
        if status != "Completed":
            raise SystemExit("%s ended %s" % (name, status))
        times.append(time.perf_counter() - began)
    return times


def own_run_times(jobs, folder):
    env = {"PATH": "/usr/bin:/bin", "SM_MODEL_DIR": folder}
    times = []
    for _ in range(jobs):
        began = time.perf_counter()
        subprocess.run(COMMAND, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - began)
    return times


def main(jobs):
    with tempfile.TemporaryDirectory(prefix="amt-bench-") as folder:
        image_map = os.path.join(folder, "map.json")
        with open(image_map, "w") as f:
            json.dump([{"image": ".*/bench-tiny:.*", "command": COMMAND}], f)
        proc, port = start("instant", "--training", "local", "--image-map", image_map,
                           "--s3-dir", os.path.join(folder, "s3"), "--work-dir", os.path.join(folder, "work"))
        try:
            client = Client(port)
            simulated = job_times(client, "sim", "123456789012.dkr.ecr.us-east-1.amazonaws.com/other:1", jobs)
            local = job_times(client, "real", "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench-tiny:1", jobs)
        finally:
            stop(proc)
        own = own_run_times(jobs, folder)
    ms = lambda xs: statistics.median(xs) * 1000
    print("per job, median of %d (ms)\tsimulated\tlocal\tcommand alone\toverhead" % jobs)
    print("\t%.2f\t%.2f\t%.2f\t%.2f" % (ms(simulated), ms(local), ms(own), ms(local) - ms(simulated) - ms(own)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
