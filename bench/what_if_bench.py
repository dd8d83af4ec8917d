#!/usr/bin/env python3
"""What-if wall time (design.md targets): 1,000 runs of the seed flow (the blog request) in one
process on one core, against the same runs in N shards, one process per core, merged.

    python3 bench/what_if_bench.py [--runs 1000] [--shards N] [--repeat 5] [--scenario FILE]

Uses $AMT_EMULATOR_BIN or build/amt-emulator (build it in Release: /tmp/cbuild.sh or
scripts/build.sh). Each process is pinned with taskset (shard i on core i mod cores); figures are
medians of --repeat sittings, and the merged shards are checked to equal the unsharded result byte
for byte. Prints a Markdown table for docs/benchmarks.md, with
each process's CPU time (from wait4): on cores shared with other work, wall time understates
what shards give, while the largest shard's CPU time is what N idle cores would take.
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


def cpu_seconds(process):
    """Waits for the process; its user + system CPU time (what it would take on a core of its own)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit("%s failed" % process.args)
    return usage.ru_utime + usage.ru_stime


def one_core(args, folder):
    out = str(folder / "whole.json")
    started = time.perf_counter()
    cpu = cpu_seconds(subprocess.Popen(pinned(0, what_if_args(args, out))))
    return time.perf_counter() - started, cpu, out


def sharded(args, folder):
    cores = os.cpu_count() or 1
    outs = [str(folder / ("shard-%d.json" % i)) for i in range(args.shards)]
    started = time.perf_counter()
    processes = [subprocess.Popen(pinned(i % cores, what_if_args(args, outs[i], "%d/%d" % (i, args.shards))))
                 for i in range(args.shards)]
    largest_cpu = max(cpu_seconds(p) for p in processes)
    ran = time.perf_counter() - started
    merged = str(folder / "merged.json")
    subprocess.run([binary(), "what-if", "merge", *outs, "--json", merged], check=True)
    return ran, time.perf_counter() - started, largest_cpu, merged


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scenario", default=str(REPO / "fixtures" / "scenarios" / "blog-fallback.json"))
    parser.add_argument("--request", default=str(REPO / "fixtures" / "what-if" / "blog-request.json"))
    args = parser.parse_args()

    load_before = os.getloadavg()
    singles, shards, with_merge, single_cpu, shard_cpu = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="what-if-bench-") as scratch:
        folder = Path(scratch)
        for _ in range(args.repeat):
            seconds, cpu, whole = one_core(args, folder)
            singles.append(seconds)
            single_cpu.append(cpu)
            ran, total, largest_cpu, merged = sharded(args, folder)
            shards.append(ran)
            with_merge.append(total)
            shard_cpu.append(largest_cpu)
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
    # Cores shared with other work make wall time a floor on what shards give; CPU time shows the
    # split itself: each shard's CPU time is its wall time on an idle core of its own.
    cpu_one, cpu_largest = statistics.median(single_cpu), statistics.median(shard_cpu)
    print("| CPU time: one process / the largest of %d shards | %.2f s / %.2f s | | %.2fx (%.0f %% of %dx) |" % (
        args.shards, cpu_one, cpu_largest, cpu_one / cpu_largest, 100 * cpu_one / cpu_largest / args.shards,
        args.shards))


if __name__ == "__main__":
    main()
