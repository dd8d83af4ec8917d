#!/usr/bin/env python3
"""Soak (issue 12): several clients at saturation for a long time against one emulator.

  python3 bench/soak.py [--minutes 30] [--clients 4] [--json OUT]

Starts build/amt-emulator (or AMT_EMULATOR_BIN) on a free loopback port with the manual clock.
Client threads, each on its own keep-alive connection, mix CreateHyperParameterTuningJob,
Describe, List, Stop and Delete (the tuning job, then its children) as fast as answers come; one more thread moves the clock and
changes capacity through the control plane. Every 10 s the emulator's RSS is sampled.

At the end: transport errors and 5xx answers (both must be 0), the RSS slope over the second
half (KiB per minute: flat after warm-up), and every tuning job whose creation was acknowledged
and whose deletion was not must still be there (Describe answers 200). At most MAX_ALIVE tuning
jobs exist at once, so the state the clients ask for is bounded. Expected refusals (a
Delete of a job still running, a Stop of a finished one) are counted but are not failures.
Exits 1 when a check fails. The loops stop by themselves at the deadline.
"""
import argparse
import http.client
import json
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from emulator_under_test import ROOT, rss_mib  # noqa: E402

TARGET = "SageMaker."
# Jobs kept at once: below it creates go on; at it the mix only reads, stops and deletes, so
# the state stays bounded and RSS can show a leak rather than growth the clients asked for.
MAX_ALIVE = 500
BLOG = json.loads((ROOT / "tests" / "integration" / "cli" / "blog-tuning-job.json").read_text())


def start_emulator():
    import os
    binary = os.environ.get("AMT_EMULATOR_BIN", str(ROOT / "build" / "amt-emulator"))
    proc = subprocess.Popen([binary, "--clock", "manual", "--port", "0", "--log-level", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # The listening line is logged at info; with warn, find the port from /proc instead.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        port = listening_port(proc.pid)
        if port:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()  # drain
            return proc, port
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the emulator did not start")


def listening_port(pid):
    """The TCP port the process listens on (its sockets' inodes matched in /proc/net/tcp)."""
    import os
    inodes = set()
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            match = re.match(r"socket:\[(\d+)\]", target)
            if match:
                inodes.add(match.group(1))
    except OSError:
        return None
    with open("/proc/net/tcp") as table:
        for line in list(table)[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # LISTEN
                return int(fields[1].split(":")[1], 16)
    return None


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        # Acknowledged creates minus acknowledged deletes, with O(1) random choice and removal.
        self.alive = []
        self.position = {}

    def count(self, key):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1

    def add(self, name):
        with self.lock:
            self.position[name] = len(self.alive)
            self.alive.append(name)

    def remove(self, name):
        with self.lock:
            at = self.position.pop(name, None)
            if at is None:
                return
            last = self.alive.pop()
            if at < len(self.alive):
                self.alive[at] = last
                self.position[last] = at

    def pick(self, rng):
        with self.lock:
            return rng.choice(self.alive) if self.alive else None


class Worker(threading.Thread):
    def __init__(self, index, port, deadline, tally):
        super().__init__(daemon=True)
        self.index, self.port, self.deadline, self.tally = index, port, deadline, tally
        self.rng = random.Random(index)
        self.made = 0

    def call(self, conn, operation, body):
        try:
            conn.request("POST", "/", json.dumps(body), {"X-Amz-Target": TARGET + operation,
                                                         "Content-Type": "application/x-amz-json-1.1"})
            resp = conn.getresponse()
            text = resp.read()
        except (OSError, http.client.HTTPException):
            self.tally.count("transport errors")
            return None, None
        self.tally.count("%s %d" % (operation, resp.status))
        if resp.status >= 500:
            self.tally.count("5xx")
        return resp.status, text

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while time.monotonic() < self.deadline:
            roll = self.rng.random()
            known = self.tally.pick(self.rng)
            if known is None or (roll < 0.2 and len(self.tally.alive) < MAX_ALIVE):
                self.create(conn)
            elif roll < 0.6:
                self.call(conn, "DescribeHyperParameterTuningJob", {"HyperParameterTuningJobName": known})
            elif roll < 0.8:
                self.call(conn, "ListHyperParameterTuningJobs", {"MaxResults": 100})
            elif roll < 0.9:
                self.call(conn, "StopHyperParameterTuningJob", {"HyperParameterTuningJobName": known})
            else:
                self.delete(conn, known)
            if conn.sock is None:  # closed by an error: open another
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def delete(self, conn, name):
        """Deletes a tuning job and then its children, which outlive it in SageMaker: a steady
        state needs both, as a pipeline that cleans up after itself does."""
        status, text = self.call(conn, "ListTrainingJobsForHyperParameterTuningJob",
                                 {"HyperParameterTuningJobName": name, "MaxResults": 100})
        status, _ = self.call(conn, "DeleteHyperParameterTuningJob", {"HyperParameterTuningJobName": name})
        if status != 200:
            return
        self.tally.remove(name)
        for child in json.loads(text or "{}").get("TrainingJobSummaries", []):
            self.call(conn, "DeleteTrainingJob", {"TrainingJobName": child["TrainingJobName"]})

    def create(self, conn):
        self.made += 1
        name = "soak-%d-%d" % (self.index, self.made)
        request = dict(BLOG, HyperParameterTuningJobName=name)
        status, _ = self.call(conn, "CreateHyperParameterTuningJob", request)
        if status == 200:
            self.tally.add(name)


def drive_clock(port, deadline, tally):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    rng = random.Random(99)
    types = ["ml.m4.xlarge", "ml.m5.4xlarge"]
    while time.monotonic() < deadline:
        if rng.random() < 0.8:
            body, path = {"advanceSeconds": rng.choice([30, 300, 1800])}, "/_emulator/clock"
            method = "POST"
        else:
            body = {"pools": [{"instanceType": rng.choice(types), "capacity": rng.choice([0, 5, 50])}]}
            path, method = "/_emulator/capacity", "PUT"
        try:
            conn.request(method, path, json.dumps(body), {"Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            tally.count("control %d" % resp.status)
            if resp.status >= 500:
                tally.count("5xx")
        except (OSError, http.client.HTTPException):
            tally.count("transport errors")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        time.sleep(0.05)


def slope_kib_per_minute(samples):
    """Least-squares slope of RSS over the second half of the samples."""
    half = samples[len(samples) // 2:]
    if len(half) < 2:
        return 0.0
    xs = [t / 60 for t, _ in half]
    ys = [r * 1024 for _, r in half]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def missing_jobs(port, names):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    missing = []
    for name in sorted(names):
        conn.request("POST", "/", json.dumps({"HyperParameterTuningJobName": name}),
                     {"X-Amz-Target": TARGET + "DescribeHyperParameterTuningJob",
                      "Content-Type": "application/x-amz-json-1.1"})
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            missing.append(name)
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--json")
    args = parser.parse_args()
    proc, port = start_emulator()
    tally = Tally()
    started = time.monotonic()
    deadline = started + args.minutes * 60
    threads = [Worker(i, port, deadline, tally) for i in range(args.clients)]
    threads.append(threading.Thread(target=drive_clock, args=(port, deadline, tally), daemon=True))
    for thread in threads:
        thread.start()
    samples = []
    while time.monotonic() < deadline:
        samples.append((time.monotonic() - started, rss_mib(proc.pid)))
        time.sleep(min(10, max(0.1, deadline - time.monotonic())))
    for thread in threads:
        thread.join(timeout=60)
    missing = missing_jobs(port, tally.alive)
    proc.terminate()
    proc.wait(timeout=10)
    calls = sum(v for k, v in tally.counts.items() if re.match(r"^[A-Z]\w+ \d{3}$", k))
    report = {"minutes": args.minutes, "clients": args.clients, "calls": calls,
              "calls per second": round(calls / (args.minutes * 60), 1),
              "transport errors": tally.counts.get("transport errors", 0), "5xx": tally.counts.get("5xx", 0),
              "rss start MiB": round(samples[0][1], 1), "rss end MiB": round(samples[-1][1], 1),
              "rss slope KiB/min (second half)": round(slope_kib_per_minute(samples), 1),
              "jobs alive": len(tally.alive), "jobs missing": missing,
              "answers": dict(sorted(tally.counts.items()))}
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    ok = report["transport errors"] == 0 and report["5xx"] == 0 and not missing
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
