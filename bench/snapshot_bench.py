#!/usr/bin/env python3
"""What snapshots save a restart, and what they cost while serving (docs/persistence.md
"Snapshots"), in the same sitting.

  python3 bench/snapshot_bench.py [--batches 10] [--jobs-per-batch 500] [--children 3]
      [--days-per-batch 1] [--scenario default] [--strategy Random|Bayesian]

Builds the same history three times under --clock manual, each in its own state folder:
`batches` times, it creates `jobs-per-batch` tuning jobs (the blog-post request with `children`
children, by `strategy`), then moves the clock `days-per-batch` days so that every job ends and
nothing is under way. The folders differ in their snapshots:
  replay    --snapshot-every 0: the journal keeps every request;
  policy    --snapshot-every <a batch>: the emulator snapshots when it pays (SnapshotPolicy);
  forced    --snapshot-every 0, and POST /_emulator/state/snapshot after every batch.
Prints, for each: the time the history took to build, the journal's size, and the time a
restart takes to listen again (after a graceful stop); then the restart times against
`replay`. The emulators are stopped by their PID.
"""
import argparse
import http.client
import json
import tempfile
import time
from pathlib import Path

from emulator_under_test import Client, start, stop
from scale_bench import scenario_file
from sagemaker_requests import blog_tuning_request

DAY_S = 86400


def tuning_request(i, children, strategy):
    body = blog_tuning_request("snap-%06d" % i)
    body["HyperParameterTuningJobConfig"]["Strategy"] = strategy
    body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": children,
                                                               "MaxParallelTrainingJobs": min(children, 10)}
    return body


def control(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    resp = conn.getresponse()
    resp.read()
    if resp.status != 200:
        raise SystemExit("POST %s: HTTP %d" % (path, resp.status))


def build_history(scenario, folder, every, forced, args):
    proc, port = start("manual", "--scenario", scenario, "--state-dir", folder, "--snapshot-every", str(every))
    began = time.perf_counter()
    try:
        client = Client(port)
        for batch in range(args.batches):
            for i in range(args.jobs_per_batch):
                client.call("CreateHyperParameterTuningJob",
                            tuning_request(batch * args.jobs_per_batch + i, args.children, args.strategy))
            control(port, "/_emulator/clock", {"advanceSeconds": args.days_per_batch * DAY_S})
            if forced:
                control(port, "/_emulator/state/snapshot", {})
        seconds = time.perf_counter() - began
    finally:
        stop(proc)
    return seconds


def restart_seconds(scenario, folder, every):
    began = time.perf_counter()
    proc, port = start("manual", "--scenario", scenario, "--state-dir", folder, "--snapshot-every", str(every))
    seconds = time.perf_counter() - began
    try:
        listed = Client(port).call("ListHyperParameterTuningJobs", {"MaxResults": 1})
        if not listed["HyperParameterTuningJobSummaries"]:
            raise SystemExit("the restarted emulator lists no tuning job")
    finally:
        stop(proc)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--jobs-per-batch", type=int, default=500)
    parser.add_argument("--children", type=int, default=3)
    parser.add_argument("--days-per-batch", type=int, default=1)
    parser.add_argument("--scenario", default="default", help="a fixture scenario's name")
    parser.add_argument("--strategy", default="Random", choices=["Random", "Bayesian"])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        scenario = scenario_file(work, args.scenario)
        for label, every, forced in (("replay", 0, False), ("policy", args.jobs_per_batch, False),
                                     ("forced", 0, True)):
            folder = str(Path(work) / label)
            built = build_history(scenario, folder, every, forced, args)
            journal = (Path(folder) / "journal").stat().st_size / 2**20
            restart = restart_seconds(scenario, folder, every)
            results[label] = {"build_s": round(built, 2), "journal_mib": round(journal, 1), "restart_s": round(restart, 3)}
            print("%-7s built in %.2f s, journal %.1f MiB, restart %.3f s" % (label, built, journal, restart), flush=True)
    for label in ("policy", "forced"):
        results[label]["restart_vs_replay"] = round(results[label]["restart_s"] / results["replay"]["restart_s"], 3)
    print(json.dumps(dict(results, jobs=args.batches * args.jobs_per_batch, children=args.children,
                          strategy=args.strategy, scenario=args.scenario)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
