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
import http.client
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "integration" / "python"))
from sagemaker_requests import blog_tuning_request  # noqa: E402  (the request of the integration tests)


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


def start(clock):
    binary = os.environ.get("AMT_EMULATOR_BIN", str(ROOT / "build" / "amt-emulator"))
    proc = subprocess.Popen([binary, "--clock", clock, "--port", "0", "--log-level", "info"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            return proc, int(match.group(1))
    proc.kill()
    raise SystemExit("the emulator did not start")


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, operation, body, account=123456789012):
        headers = {"X-Amz-Target": "SageMaker." + operation, "Content-Type": "application/x-amz-json-1.1",
                   "Authorization": "AWS4-HMAC-SHA256 Credential=%012d/20261203/us-east-1/sagemaker/aws4_request, "
                                    "SignedHeaders=host, Signature=0" % account}
        self.conn.request("POST", "/", json.dumps(body), headers)
        resp = self.conn.getresponse()
        text = resp.read()
        if resp.status != 200:
            raise SystemExit("%s: HTTP %d %s" % (operation, resp.status, text[:300]))
        return json.loads(text) if text else {}


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
        proc.terminate()
        proc.wait(timeout=10)


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
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    distinct = sys.argv[3:] == ["distinct"]
    if len(sys.argv) in (3, 4) and sys.argv[1] in ("one-child", "blog") and (len(sys.argv) == 3 or distinct):
        fill(int(sys.argv[2]), 1 if sys.argv[1] == "one-child" else 10, distinct)
    elif len(sys.argv) == 3 and sys.argv[1] == "churn":
        churn(float(sys.argv[2]))
    else:
        raise SystemExit(__doc__)
