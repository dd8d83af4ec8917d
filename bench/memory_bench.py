"""Resident memory of the emulator holding many tuning jobs, measured from outside (design.md
"Targets"). Starts build/amt-emulator (or AMT_EMULATOR_BIN) with --clock manual on a free
loopback port, creates N tuning jobs over one keep-alive connection, and prints the RSS
(VmRSS of /proc/<pid>/status) before and after. Every loop is bounded; the emulator is
stopped by its PID.

  memory_bench.py one-child N        N tuning jobs of one child each (MaxNumberOfTrainingJobs 1)
  memory_bench.py blog N             N tuning jobs of the blog request: 10 children, 5 in
                                     parallel, so 5 training jobs each are running
  ... N distinct                     the same, but every request differs (its RandomSeed), so
                                     no two tuning jobs share their stored request
  memory_bench.py churn SECONDS      create → complete (instant clock) → delete the tuning
                                     job and its children, in a loop, for SECONDS; prints RSS
                                     every 10 s and the cycles run (memory must stay flat)

AMT allows 100 concurrent tuning jobs per account and region, so every 100 jobs use another
account (a 12-digit access key id is the account).
"""
import sys
import time

from emulator_under_test import Client, rss_mib, start, stop
from sagemaker_requests import blog_tuning_request  # the request of the integration tests


def fill(n, children, distinct):
    proc, port = start("manual")
    try:
        client = Client(port)
        before = rss_mib(proc.pid)
        began = time.monotonic()
        for i in range(n):
            body = blog_tuning_request("fill-%06d" % i)
            if children == 1:
                body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 1,
                                                                           "MaxParallelTrainingJobs": 1}
            if distinct:
                body["HyperParameterTuningJobConfig"]["RandomSeed"] = i
            client.call("CreateHyperParameterTuningJob", body, 100000000000 + i // 100)
        took = time.monotonic() - began
        time.sleep(0.5)
        after = rss_mib(proc.pid)
        print("jobs\tchildren running\tcreate s\tRSS start MiB\tRSS MiB\tKiB per tuning job")
        print("%d\t%d\t%.1f\t%.1f\t%.1f\t%.2f" % (n, n * min(children, 5), took, before, after,
                                                    (after - before) * 1024 / n))
    finally:
        stop(proc)


def churn(seconds):
    proc, port = start("instant")
    try:
        client = Client(port)
        began = last = time.monotonic()
        cycles = 0
        print("elapsed s\tcycles\tRSS MiB")
        print("0\t0\t%.1f" % rss_mib(proc.pid))
        while time.monotonic() - began < seconds:
            name = "churn-%07d" % cycles
            client.call("CreateHyperParameterTuningJob", blog_tuning_request(name))
            for _ in range(10000):  # bounded: the instant clock finishes a job in milliseconds
                status = client.call("DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": name})
                if status["HyperParameterTuningJobStatus"] in ("Completed", "Failed", "Stopped"):
                    break
            children = client.call("ListTrainingJobsForHyperParameterTuningJob",
                                   {"HyperParameterTuningJobName": name, "MaxResults": 100})
            client.call("DeleteHyperParameterTuningJob", {"HyperParameterTuningJobName": name})
            for child in children["TrainingJobSummaries"]:
                client.call("DeleteTrainingJob", {"TrainingJobName": child["TrainingJobName"]})
            cycles += 1
            if time.monotonic() - last >= 10:
                last = time.monotonic()
                print("%.0f\t%d\t%.1f" % (last - began, cycles, rss_mib(proc.pid)), flush=True)
        print("%.0f\t%d\t%.1f" % (time.monotonic() - began, cycles, rss_mib(proc.pid)))
    finally:
        stop(proc)


if __name__ == "__main__":
    distinct = sys.argv[3:] == ["distinct"]
    if len(sys.argv) in (3, 4) and sys.argv[1] in ("one-child", "blog") and (len(sys.argv) == 3 or distinct):
        fill(int(sys.argv[2]), 1 if sys.argv[1] == "one-child" else 10, distinct)
    elif len(sys.argv) == 3 and sys.argv[1] == "churn":
        churn(float(sys.argv[2]))
    else:
        raise SystemExit(__doc__)
