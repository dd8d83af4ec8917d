"""Client side of bench/run-server-bench.sh (loopback only, every loop bounded).

  server_bench_client.py create URL NAME          create the blog-post tuning job NAME with
                                                  boto3 and wait (≤ 30 s) until it is terminal
  server_bench_client.py story URL RUNS           the user story RUNS times; prints the median
                                                  wall time in ms and the calls of one run
  server_bench_client.py coldstart N CMD...       spawn CMD (its "{port}" replaced by a free
                                                  port) N times; median ms to the first answer
  server_bench_client.py fill URL N DEADLINE_S    create N small tuning jobs (1 child each)
                                                  over one keep-alive connection; prints how
                                                  many were created and how long it took
"""
import http.client
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "integration" / "python"))
from sagemaker_requests import blog_tuning_request  # noqa: E402  (the request of the integration tests)

TERMINAL = ("Completed", "Failed", "Stopped")


def client(url):
    import boto3
    import botocore.config
    return boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                        config=botocore.config.Config(retries={"max_attempts": 1}))


def wait_terminal(c, name, timeout_s=30.0, sleep_s=0.001):
    deadline = time.monotonic() + timeout_s
    polls = 0
    while True:
        polls += 1
        status = c.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)["HyperParameterTuningJobStatus"]
        if status in TERMINAL or time.monotonic() > deadline:
            return status, polls
        time.sleep(sleep_s)


def create(url, name):
    c = client(url)
    c.create_hyper_parameter_tuning_job(**blog_tuning_request(name))
    status, _ = wait_terminal(c, name)
    print(status)


def story(url, runs):
    """create → poll Describe until terminal (1 ms between polls) → list the children
    (following NextToken) → DescribeTrainingJob on each. The boto3 client is made once,
    outside the timing, as a script would."""
    c = client(url)
    times, calls = [], None
    for i in range(runs):
        name = "story-%d-%d" % (i, time.time_ns() % 1_000_000)
        start = time.perf_counter()
        c.create_hyper_parameter_tuning_job(**blog_tuning_request(name))
        status, polls = wait_terminal(c, name)
        children, token, pages = [], None, 0
        while pages < 100:
            kwargs = {"HyperParameterTuningJobName": name}
            if token:
                kwargs["NextToken"] = token
            page = c.list_training_jobs_for_hyper_parameter_tuning_job(**kwargs)
            pages += 1
            children += page["TrainingJobSummaries"]
            token = page.get("NextToken")
            if not token:
                break
        instances = [c.describe_training_job(TrainingJobName=s["TrainingJobName"])["ResourceConfig"]["InstanceType"]
                     for s in children]
        times.append((time.perf_counter() - start) * 1000)
        if status != "Completed" or len(instances) != 10:
            raise SystemExit("story run %d: %s with %d children" % (i, status, len(instances)))
        calls = "1 create + %d describe + %d list + %d describe-training-job" % (polls, pages, len(instances))
    print("%.1f\t%.1f\t%.1f\t%s" % (statistics.median(times), min(times), max(times), calls))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


DESCRIBE_MISSING = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
                    b"X-Amz-Target: SageMaker.DescribeHyperParameterTuningJob\r\n"
                    b"Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/sagemaker/aws4_request, "
                    b"SignedHeaders=host, Signature=0\r\nContent-Length: 35\r\nConnection: close\r\n\r\n"
                    b'{"HyperParameterTuningJobName":"x"}')


def answered(port):
    """True once the server sends back an HTTP status line (a 400 for the missing job counts)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(DESCRIBE_MISSING)
            return s.recv(16).startswith(b"HTTP/1.")
    except OSError:
        return False


def coldstart(n, cmd):
    times = []
    for _ in range(n):
        port = free_port()
        argv = [a.replace("{port}", str(port)) for a in cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = start + 20
            while not answered(port):
                if time.perf_counter() > deadline or proc.poll() is not None:
                    raise SystemExit("no answer from %s" % argv)
                time.sleep(0.0002)
            times.append((time.perf_counter() - start) * 1000)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print("%.1f\t%.1f\t%.1f" % (statistics.median(times), min(times), max(times)))


def fill(url, n, deadline_s):
    """N tuning jobs of one child each, 100 per account (AMT allows 100 concurrent tuning jobs
    per account and region; a 12-digit access key id is the account, as in the emulator)."""
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    start = time.monotonic()
    done = 0
    for i in range(n):
        if time.monotonic() - start > deadline_s:
            break
        body = blog_tuning_request("fill-%05d" % i)
        body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 1,
                                                                   "MaxParallelTrainingJobs": 1}
        headers = {"X-Amz-Target": "SageMaker.CreateHyperParameterTuningJob",
                   "Content-Type": "application/x-amz-json-1.1",
                   "Authorization": "AWS4-HMAC-SHA256 Credential=%012d/20261126/us-east-1/sagemaker/aws4_request, "
                                    "SignedHeaders=host, Signature=0" % (100000000000 + i // 100)}
        conn.request("POST", "/", json.dumps(body), headers)
        resp = conn.getresponse()
        text = resp.read()
        if resp.status != 200:
            raise SystemExit("job %d: HTTP %d %s" % (i, resp.status, text[:300]))
        done += 1
    print("%d\t%.1f" % (done, time.monotonic() - start))


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "create":
        create(sys.argv[2], sys.argv[3])
    elif what == "story":
        story(sys.argv[2], int(sys.argv[3]))
    elif what == "coldstart":
        coldstart(int(sys.argv[2]), sys.argv[3:])
    elif what == "fill":
        fill(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
