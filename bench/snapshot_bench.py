#!/usr/bin/env python3
"""What snapshots save a restart, and what they cost while serving (docs/persistence.md
"Snapshots"), in the same sitting.

  python3 bench/snapshot_bench.py [--batches 10] [--jobs-per-batch 500] [--children 3]

Builds the same history twice under --clock manual, in two state folders: `batches` times, it
creates `jobs-per-batch` tuning jobs (the blog-post request with `children` children), then moves
the clock a day so that every job ends and nothing is under way. One folder runs with
--snapshot-every 0 (the journal keeps every request), the other with --snapshot-every equal to
a batch, so it is rewritten as a snapshot after every batch. Prints, for both: the time the
history took to build, the journal's size, and the time a restart takes to listen again (after
a graceful stop); then the ratios. The emulators are stopped by their PID.
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


def tuning_request(i, children):
    body = blog_tuning_request("snap-%06d" % i)
    body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": children,
                                                               "MaxParallelTrainingJobs": children}
    return body


def advance(port, seconds):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("POST", "/_emulator/clock", json.dumps({"advanceSeconds": seconds}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    resp.read()
    if resp.status != 200:
        raise SystemExit("advancing the clock: HTTP %d" % resp.status)


def build_history(scenario, folder, snapshot_every, args):
    proc, port = start("manual", "--scenario", scenario, "--state-dir", folder, "--snapshot-every", str(snapshot_every))
    began = time.perf_counter()
    try:
        client = Client(port)
        for batch in range(args.batches):
            for i in range(args.jobs_per_batch):
                client.call("CreateHyperParameterTuningJob", tuning_request(batch * args.jobs_per_batch + i, args.children))
            advance(port, DAY_S)
        seconds = time.perf_counter() - began
    finally:
        stop(proc)
    return seconds


def restart_seconds(scenario, folder, snapshot_every):
    began = time.perf_counter()
    proc, port = start("manual", "--scenario", scenario, "--state-dir", folder, "--snapshot-every", str(snapshot_every))
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
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as work:
        scenario = scenario_file(work)
        for label, every in (("replay", 0), ("snapshot", args.jobs_per_batch)):
            folder = str(Path(work) / label)
            built = build_history(scenario, folder, every, args)
            journal = (Path(folder) / "journal").stat().st_size / 2**20
            restart = restart_seconds(scenario, folder, every)
            results[label] = {"build_s": round(built, 2), "journal_mib": round(journal, 1), "restart_s": round(restart, 3)}
            print("%-8s built in %.2f s, journal %.1f MiB, restart %.3f s" % (label, built, journal, restart), flush=True)
    results["restart_ratio"] = round(results["snapshot"]["restart_s"] / results["replay"]["restart_s"], 3)
    results["build_ratio"] = round(results["snapshot"]["build_s"] / results["replay"]["build_s"], 3)
    print(json.dumps(dict(results, jobs=args.batches * args.jobs_per_batch, children=args.children)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
