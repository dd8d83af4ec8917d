#!/usr/bin/env bash
# Server benchmarks of design.md ("Targets"), in one sitting on this machine, as ratios:
#   - DescribeHyperParameterTuningJob under keep-alive load: wrk, 2 threads, 8 connections,
#     --latency, wrk pinned to core 1 and the server to core 0, against the emulator (the
#     blog-post tuning job "bench", completed), a bare Beast server answering a fixed 2.5 KB
#     body (bench/bare_beast_server.cc), the emulator's own HTTP transport answering the same
#     fixed body (bench/bare_http_server.cc), and moto's server mode (same tuning job);
#   - cold start to the first API answer (median of 20), emulator and moto;
#   - RSS: idle, after the load, and with 10,000 tuning jobs (manual clock, 1 child each),
#     emulator and moto (moto's fill is cut at 120 s and reported as far as it got);
#   - the blog-post user story in `instant` mode from boto3 (median of 10).
# Prints a Markdown table.
#
# Usage: bench/run-server-bench.sh [seconds per load run, default 10]
#   BENCH_BUILD_DIR   build directory (default build-bench/, Release, benchmarks on)
# Loopback only; every process it starts is stopped by its PID; the measurement takes ≈ 1.5
# minutes after the build (a first Release build adds a few minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
build=${BENCH_BUILD_DIR:-build-bench}
started_at=$SECONDS

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)" >&2
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get install -y --no-install-recommends wrk >/dev/null || {
    $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends wrk >/dev/null; }
fi
for tool in taskset curl; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

echo "building (Release) into $build ..." >&2
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON -DAMT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target amt-emulator bare_beast_server bare_http_server >/dev/null
emulator_bin=$build/amt-emulator
build_s=$((SECONDS - started_at)); measure_from=$SECONDS

# The interpreter itself, not a pyenv shim: the shim would add its own start-up to moto's.
python=$(scripts/python-for-tests.sh)
python=$("$python" -c 'import sys; print(sys.executable)')
"$python" -c 'import moto' 2>/dev/null || { echo "moto is missing: pip install 'moto[server]'" >&2; exit 1; }
client() { timeout 150 taskset -c 1 "$python" bench/server_bench_client.py "$@"; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {  # url: any HTTP answer within 20 s
  for _ in $(seq 1 800); do curl -s -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.025; done
  echo "no answer from $1" >&2; return 1
}
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
load() {  # url label → "rps p50 p99"; a run with errors or non-2xx answers is refused
  local out=/tmp/amt-bench-$2.txt
  timeout $((duration + 30)) taskset -c 1 wrk -t2 -c8 -d"${duration}s" --latency -s bench/describe_load.lua "$1" >"$out"
  if grep -q "Non-2xx\|Socket errors" "$out"; then echo "wrk against $2 saw errors:" >&2; cat "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {rps=$2} $1 == "50%" {p50=$2} $1 == "99%" {p99=$2} END {printf "%.0f %s %s\n", rps, p50, p99}' "$out"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the emulator (instant clock): idle RSS, the user story, the job "bench", the load -----
port=$(free_port)
taskset -c 0 "$emulator_bin" --port "$port" --clock instant --log-level warn & emu=$!; pids+=("$emu")
url=http://127.0.0.1:$port
wait_http "$url/_emulator/health"
emu_rss_idle=$(rss_mib "$emu")
IFS=$'\t' read -r story_med story_min story_max story_calls < <(client story "$url" 10)
[[ $(client create "$url" bench) == Completed ]] || { echo "tuning job bench did not complete" >&2; exit 1; }
read -r e_rps e_p50 e_p99 < <(load "$url/" emulator)
emu_rss_after=$(rss_mib "$emu")
stop "$emu"

# --- the baselines: bare Beast, and the emulator's transport alone --------------------------
port=$(free_port)
taskset -c 0 "$build/bench/bare_beast_server" "$port" >/dev/null & bare=$!; pids+=("$bare")
wait_http "http://127.0.0.1:$port/"
read -r b_rps b_p50 b_p99 < <(load "http://127.0.0.1:$port/" bare-beast)
stop "$bare"
port=$(free_port)
taskset -c 0 "$build/bench/bare_http_server" "$port" >/dev/null & transport=$!; pids+=("$transport")
wait_http "http://127.0.0.1:$port/"
read -r t_rps t_p50 t_p99 < <(load "http://127.0.0.1:$port/" transport)
stop "$transport"

# --- moto's server mode: idle RSS, the same job, the load ------------------------------------
port=$(free_port)
taskset -c 0 "$python" -m moto.server -p "$port" >/dev/null 2>&1 & moto=$!; pids+=("$moto")
wait_http "http://127.0.0.1:$port/moto-api/"
moto_rss_idle=$(rss_mib "$moto")
client create "http://127.0.0.1:$port" bench >/dev/null
read -r m_rps m_p50 m_p99 < <(load "http://127.0.0.1:$port/" moto)
moto_rss_after=$(rss_mib "$moto")
stop "$moto"

# --- cold start: spawn → first answer to a Describe of a missing job (median of 20) ---------
IFS=$'\t' read -r e_cold e_cold_min e_cold_max < <(client coldstart 20 taskset -c 0 "$emulator_bin" --port "{port}" --log-level off)
IFS=$'\t' read -r m_cold m_cold_min m_cold_max < <(client coldstart 20 taskset -c 0 "$python" -m moto.server -p "{port}")

# --- RSS with 10,000 tuning jobs (manual clock: each stays InProgress with its one child) ----
port=$(free_port)
taskset -c 0 "$emulator_bin" --port "$port" --clock manual --log-level warn & emu=$!; pids+=("$emu")
wait_http "http://127.0.0.1:$port/_emulator/health"
IFS=$'\t' read -r e_filled e_fill_s < <(client fill "http://127.0.0.1:$port" 10000 120)
emu_rss_10k=$(rss_mib "$emu")
stop "$emu"
port=$(free_port)
taskset -c 0 "$python" -m moto.server -p "$port" >/dev/null 2>&1 & moto=$!; pids+=("$moto")
wait_http "http://127.0.0.1:$port/moto-api/"
IFS=$'\t' read -r m_filled m_fill_s < <(client fill "http://127.0.0.1:$port" 10000 120)
moto_rss_10k=$(rss_mib "$moto")
stop "$moto"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

calc() { "$python" -c "print($1)"; }
cat <<MD

$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average before ${load_before}, after ${load_after}; build ${build_s} s, measurement $((SECONDS - measure_from)) s.

| DescribeHyperParameterTuningJob, ${duration} s, wrk -t2 -c8 on core 1, server on core 0 | requests/s | p50 | p99 |
|---|---|---|---|
| amt-emulator (job \`bench\`: 10 children, completed) | $e_rps | $e_p50 | $e_p99 |
| bare Beast, fixed 2.5 KB body (\`bare_beast_server\`) | $b_rps | $b_p50 | $b_p99 |
| the emulator's HTTP transport alone, fixed 2.5 KB body (\`bare_http_server\`) | $t_rps | $t_p50 | $t_p99 |
| moto $("$python" -c 'import moto; print(moto.__version__)') server mode, the same job | $m_rps | $m_p50 | $m_p99 |

| measure | amt-emulator | moto | target (design.md) |
|---|---|---|---|
| Describe: emulator / moto | $(calc "'%.0f×' % ($e_rps / $m_rps)") | | ≥ 150× |
| Describe: emulator / bare Beast | $(calc "'%.0f %%' % (100 * $e_rps / $b_rps)") | | ≥ 60 % |
| Describe: emulator / its own transport | $(calc "'%.0f %%' % (100 * $e_rps / $t_rps)") | | |
| Describe p99 | $e_p99 | $m_p99 | < 1 ms |
| cold start to the first API answer, median of 20 (min–max) | ${e_cold} ms (${e_cold_min}–${e_cold_max}) | ${m_cold} ms (${m_cold_min}–${m_cold_max}) | ≤ 20 ms |
| RSS idle (just started) | ${emu_rss_idle} MiB | ${moto_rss_idle} MiB | ≤ 10 MiB |
| RSS after the user story ×10 and the load | ${emu_rss_after} MiB | ${moto_rss_after} MiB | |
| RSS with ${e_filled} / ${m_filled} tuning jobs (created in ${e_fill_s} s / ${m_fill_s} s) | ${emu_rss_10k} MiB | ${moto_rss_10k} MiB | ≤ 60 MiB at 10,000 |
| user story in \`instant\` mode from boto3, median of 10 (min–max) | ${story_med} ms (${story_min}–${story_max}) | | |

One user-story run: ${story_calls} calls.
MD
