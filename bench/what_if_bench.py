#!/usr/bin/env python3
"""What-if wall time (design.md targets): 1,000 runs of the seed flow (the blog request) in one
process on one core, against the same runs in N shards, one process per core, merged.

    python3 bench/what_if_bench.py [--runs 1000] [--shards N] [--repeat 5] [--scenario FILE]

Uses $AMT_EMULATOR_BIN or build/amt-emulator (build it in Release: /tmp/cbuild.sh or
scripts/build.sh). Each process is pinned with taskset (shard i on core i mod cores); figures are
medians of --repeat sittings, and the merged shards are checked to equal the unsharded result byte
for byte. Prints a Markdown table for docs/benchmarks.md.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def binary():
    return os.environ.get("AMT_EMULATOR_BIN") or str(REPO / "build" / "amt-emulator")


def what_if_args(args, out, shard=None):
    command = [binary(), "what-if", "--scenario", args.scenario, "--request", args.request,
               "--runs", str(args.runs), "--json", out]
    return command + (["--shard", shard] if shard else [])


def pinned(core, command):
    return ["taskset", "-c", str(core)] + command if shutil.which("taskset") else command


def one_core(args, folder):
    out = str(folder / "whole.json")
    started = time.perf_counter()
    subprocess.run(pinned(0, what_if_args(args, out)), check=True)
    return time.perf_counter() - started, out


def sharded(args, folder):
    cores = os.cpu_count() or 1
    outs = [str(folder / ("shard-%d.json" % i)) for i in range(args.shards)]
    started = time.perf_counter()
    processes = [subprocess.Popen(pinned(i % cores, what_if_args(args, outs[i], "%d/%d" % (i, args.shards))))
                 for i in range(args.shards)]
    if any(p.wait() != 0 for p in processes):
        raise SystemExit("a shard failed")
    ran = time.perf_counter() - started
    merged = str(folder / "merged.json")
    subprocess.run([binary(), "what-if", "merge", *outs, "--json", merged], check=True)
    return ran, time.perf_counter() - started, merged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scenario", default=str(REPO / "fixtures" / "scenarios" / "blog-fallback.json"))
    parser.add_argument("--request", default=str(REPO / "fixtures" / "what-if" / "blog-request.json"))
    args = parser.parse_args()

    load_before = os.getloadavg()
    singles, shards, with_merge = [], [], []
    with tempfile.TemporaryDirectory(prefix="what-if-bench-") as scratch:
        folder = Path(scratch)
        for _ in range(args.repeat):
            seconds, whole = one_core(args, folder)
            singles.append(seconds)
            ran, total, merged = sharded(args, folder)
            shards.append(ran)
            with_merge.append(total)
            if Path(whole).read_bytes() != Path(merged).read_bytes():
                raise SystemExit("merged shards differ from the unsharded result")

    one, many, merged = (statistics.median(v) for v in (singles, shards, with_merge))
    print("load average before: %s, after: %s; %d runs, %s, %d sittings (median; min-max)" % (
        " ".join("%.2f" % x for x in load_before),
        " ".join("%.2f" % x for x in os.getloadavg()), args.runs, Path(args.scenario).name, args.repeat))
    print()
    print("| what-if | wall time | runs/s | ratio |")
    print("|---|---|---|---|")
    print("| %d runs, one process on one core | %.2f s (%.2f-%.2f) | %.0f | 1.00 |" % (
        args.runs, one, min(singles), max(singles), args.runs / one))
    print("| %d shards on %d cores | %.2f s (%.2f-%.2f) | %.0f | %.2fx faster (%.0f %% of %dx) |" % (
        args.shards, min(args.shards, os.cpu_count() or 1), many, min(shards), max(shards), args.runs / many,
        one / many, 100 * one / many / args.shards, args.shards))
    print("| the same, merge included | %.2f s | %.0f | %.2fx faster |" % (merged, args.runs / merged, one / merged))


if __name__ == "__main__":
    main()
