#!/usr/bin/env python3
"""Kill -9 loop (issue 12): every acknowledged create survives a crash at a random moment.

  python3 bench/kill_loop.py [--kills 100] [--clients 4] [--seed 1] [--snapshots]

Starts build/amt-emulator (or AMT_EMULATOR_BIN) with --state-dir on a fresh folder, the realtime
clock (time scale 60, so children start and finish between kills) and a copy of the default
scenario whose concurrent-tuning-job quota is raised. Client threads, each on its own
keep-alive connection, create tuning jobs of one child as fast as answers come and note the
names whose answer was 200; one more moves capacity through the control plane. At a random
moment (0.1 to 1.5 s) the emulator gets SIGKILL and is started again on the same folder. After
each restart: the replay reported 0 disagreements, and every acknowledged tuning job is listed
(ListHyperParameterTuningJobs, paged). Prints each cycle's replay time and the totals; exits 1
at the first failed check. Bounded: `kills` cycles, each with a deadline.

With --snapshots the clock is instant (jobs end between requests, so moments with nothing
under way come often) and one more thread asks for a snapshot (POST /_emulator/state/snapshot)
every 20 ms: kills then also land in the middle of a snapshot's rewrite of the journal.
"""
import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from emulator_under_test import ROOT
from scale_bench import one_child_request, scenario_file

SAGEMAKER_HEADERS = {"Content-Type": "application/x-amz-json-1.1",
                     "Authorization": "AWS4-HMAC-SHA256 Credential=123456789012/20261203/us-east-1/sagemaker/"
                                      "aws4_request, SignedHeaders=host, Signature=0"}


def launch(folder, scenario, clock):
    binary = os.environ.get("AMT_EMULATOR_BIN", str(ROOT / "build" / "amt-emulator"))
    began = time.perf_counter()
    proc = subprocess.Popen([binary, "--port", "0", "--clock", clock, "--time-scale", "60",
                             "--scenario", scenario, "--state-dir", folder],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    replayed, deadline = None, time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        state = re.search(r"state folder .*: (\d+) records replayed (?:from a snapshot )?\((\d+) requests, "
                          r"(\d+) disagreements\)", line)
        if state:
            replayed = tuple(int(g) for g in state.groups())
        port = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if port:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, int(port.group(1)), replayed, time.perf_counter() - began
    proc.kill()
    raise SystemExit("the emulator did not start: " + line)


def call(conn, operation, body):
    conn.request("POST", "/", json.dumps(body), dict(SAGEMAKER_HEADERS, **{"X-Amz-Target": "SageMaker." + operation}))
    resp = conn.getresponse()
    return resp.status, resp.read()


class Load:
    """Clients creating jobs until stopped; `acknowledged` holds every name answered 200."""

    def __init__(self, port, clients, names, acknowledged, snapshots):
        self.port, self.names, self.acknowledged = port, names, acknowledged
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.snapshots_taken = 0
        self.threads = [threading.Thread(target=self.create_loop) for _ in range(clients)]
        self.threads.append(threading.Thread(target=self.control_loop))
        if snapshots:
            self.threads.append(threading.Thread(target=self.snapshot_loop))
        for t in self.threads:
            t.start()

    def next_name(self):
        with self.lock:
            return next(self.names)

    def create_loop(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stopping.is_set():
            index = self.next_name()
            try:
                status, _ = call(conn, "CreateHyperParameterTuningJob", one_child_request(index))
            except (OSError, http.client.HTTPException):
                return  # killed: this create was never acknowledged
            if status == 200:
                with self.lock:
                    self.acknowledged.add("scale-%06d" % index)

    def control_loop(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        rng = random.Random(self.port)
        while not self.stopping.is_set():
            body = json.dumps({"pools": [{"instanceType": "ml.m4.xlarge", "capacity": rng.randint(2, 40)}]})
            try:
                conn.request("PUT", "/_emulator/capacity", body)
                conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                return
            time.sleep(0.05)

    def snapshot_loop(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while not self.stopping.is_set():
            try:
                conn.request("POST", "/_emulator/state/snapshot", "")
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException):
                return
            if resp.status == 200:
                self.snapshots_taken += 1
            elif resp.status != 409:
                raise SystemExit("POST /_emulator/state/snapshot: HTTP %d" % resp.status)
            time.sleep(0.02)

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=30)


def listed_names(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    names, token = set(), None
    for _ in range(100000):
        body = {"MaxResults": 100, **({"NextToken": token} if token else {})}
        status, text = call(conn, "ListHyperParameterTuningJobs", body)
        if status != 200:
            raise SystemExit("ListHyperParameterTuningJobs: HTTP %d %s" % (status, text[:200]))
        page = json.loads(text)
        names.update(s["HyperParameterTuningJobName"] for s in page["HyperParameterTuningJobSummaries"])
        token = page.get("NextToken")
        if not token:
            return names
    raise SystemExit("the list did not end")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--snapshots", action="store_true")
    args = parser.parse_args()
    clock = "instant" if args.snapshots else "realtime"
    snapshots = 0
    rng = random.Random(args.seed)
    names = iter(range(10**6))
    acknowledged = set()
    replay_seconds = []
    with tempfile.TemporaryDirectory() as work:
        scenario = scenario_file(work)
        folder = str(Path(work) / "state")
        proc, port, _, _ = launch(folder, scenario, clock)
        for cycle in range(1, args.kills + 1):
            load = Load(port, args.clients, names, acknowledged, args.snapshots)
            time.sleep(rng.uniform(0.1, 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            load.stop()
            snapshots += load.snapshots_taken
            proc, port, replayed, seconds = launch(folder, scenario, clock)
            replay_seconds.append(seconds)
            if replayed is None or replayed[2] != 0:
                raise SystemExit("cycle %d: the replay disagreed with the journal: %s" % (cycle, replayed))
            missing = acknowledged - listed_names(port)
            journal = (Path(folder) / "journal").stat().st_size / 2**20
            print("cycle %3d: %6d acknowledged, %d missing, %d records replayed in %.2f s (journal %.1f MiB)"
                  % (cycle, len(acknowledged), len(missing), replayed[0], seconds, journal), flush=True)
            if missing:
                raise SystemExit("acknowledged but lost: %s" % sorted(missing)[:10])
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    print(json.dumps({"kills": args.kills, "acknowledged": len(acknowledged), "missing": 0, "snapshots": snapshots,
                      "max_restart_s": round(max(replay_seconds), 2),
                      "last_restart_s": round(replay_seconds[-1], 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
