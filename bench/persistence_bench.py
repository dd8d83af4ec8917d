#!/usr/bin/env python3
"""CreateHyperParameterTuningJob throughput with --state-dir against in memory (design.md
"Targets": at least half), in the same sitting.

  python3 bench/persistence_bench.py [--jobs 4000] [--clients 8] [--rounds 2]

Starts build/amt-emulator (or AMT_EMULATOR_BIN) with --clock manual and a copy of the default
scenario whose concurrent-tuning-job quota is raised; `clients` processes, each on its own
keep-alive connection, create jobs of one child as fast as answers come. Rounds alternate
in memory and with a fresh state folder, so drift in the machine's speed hits both. With a
state folder every answer waits for its record's fdatasync; concurrent requests share one
(group commit), so the journal's records per write are printed too. Prints jobs per second
per round and the ratio of the medians; exits 1 when it is under 0.5. Bounded loops; the
emulator is stopped by its PID.
"""
import argparse
import json
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from emulator_under_test import ROOT, Client, start, stop
from scale_bench import one_child_request, scenario_file


def create_many(port, first, count, ready, go):
    client = Client(port)
    client.call("ListHyperParameterTuningJobs", {"MaxResults": 1})  # connected before the clock starts
    ready.release()
    go.wait()
    for i in range(first, first + count):
        client.call("CreateHyperParameterTuningJob", one_child_request(i))


def one_round(scenario, jobs, clients, state_dir):
    flags = ["--scenario", scenario]
    if state_dir:
        flags += ["--state-dir", state_dir]
    proc, port = start("manual", *flags)
    try:
        ready, go = multiprocessing.Semaphore(0), multiprocessing.Event()
        per = jobs // clients
        workers = [multiprocessing.Process(target=create_many, args=(port, k * per, per, ready, go))
                   for k in range(clients)]
        for w in workers:
            w.start()
        for _ in workers:
            ready.acquire(timeout=30)
        began = time.perf_counter()
        go.set()
        for w in workers:
            w.join(timeout=600)
            if w.exitcode != 0:
                raise SystemExit("a client failed")
        rate = per * clients / (time.perf_counter() - began)
    finally:
        stop(proc)
    return rate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    memory, durable = [], []
    with tempfile.TemporaryDirectory() as work:
        scenario = scenario_file(work)
        for r in range(args.rounds):
            memory.append(one_round(scenario, args.jobs, args.clients, None))
            folder = str(Path(work) / ("state-%d" % r))
            durable.append(one_round(scenario, args.jobs, args.clients, folder))
            journal = Path(folder) / "journal"
            print("round %d: in memory %.0f creates/s, --state-dir %.0f creates/s (journal %.1f MiB)"
                  % (r + 1, memory[-1], durable[-1], journal.stat().st_size / 2**20), flush=True)
    ratio = statistics.median(durable) / statistics.median(memory)
    print(json.dumps({"jobs": args.jobs, "clients": args.clients, "in_memory_per_s": round(statistics.median(memory)),
                      "state_dir_per_s": round(statistics.median(durable)), "ratio": round(ratio, 2)}))
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
