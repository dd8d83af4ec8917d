#!/usr/bin/env bash
# Server benchmarks of design.md, in one sitting on this machine, as ratios:
#   DescribeHyperParameterTuningJob under keep-alive load (wrk, 8 connections, server and
#   wrk pinned to different cores) against moto's server mode and against the bare HTTP
#   transport answering a fixed 2.5 KB body; cold start to the first API answer; idle RSS and
#   RSS with 10,000 tuning jobs.
# Usage: bench/run-server-bench.sh [seconds per load run, default 10]
# Builds Release binaries into build-bench/ (needs wrk: apt-get install wrk). Loopback only;
# every process it starts is stopped by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
build=${BENCH_BUILD_DIR:-build-bench}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAMT_BUILD_BENCH=ON -DAMT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target amt-emulator bare_http_server >/dev/null
python=$(scripts/python-for-tests.sh)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() {  # url
  for _ in $(seq 1 400); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.025; done
  echo "no answer from $1" >&2; return 1
}
create_job() {  # endpoint
  "$python" - "$1" <<'PY'
import sys, boto3, botocore.config
sys.path.insert(0, "tests/integration/python")
from emulator_process import blog_tuning_request
c = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE",
                 aws_secret_access_key="s", config=botocore.config.Config(retries={"max_attempts": 1}))
c.create_hyper_parameter_tuning_job(**blog_tuning_request("bench"))
c.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="bench")
PY
}
load() {  # url label
  taskset -c 1 wrk -t2 -c8 -d"${duration}s" --latency -s bench/describe.lua "$1" > "/tmp/amt-bench-$2.txt"
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "/tmp/amt-bench-$2.txt")
  p50=$(awk '$1 == "50%" {print $2}' "/tmp/amt-bench-$2.txt")
  p99=$(awk '$1 == "99%" {print $2}' "/tmp/amt-bench-$2.txt")
  echo "$2 $rps $p50 $p99"
}

# The emulator, instant clock: the job is complete before the load starts.
port=$(free_port)
taskset -c 0 "$build/amt-emulator" --port "$port" --clock instant --log-level warn & pids+=($!)
wait_http "http://127.0.0.1:$port/_emulator/health"
create_job "http://127.0.0.1:$port"
emulator=$(load "http://127.0.0.1:$port/" emulator)
rss_idle_kb=$(awk '/VmRSS/ {print $2}' "/proc/${pids[0]}/status")

# The bare transport.
bare_port=$(free_port)
taskset -c 0 "$build/bench/bare_http_server" "$bare_port" >/dev/null & pids+=($!)
wait_http "http://127.0.0.1:$bare_port/"
bare=$(load "http://127.0.0.1:$bare_port/" bare)

# moto's server mode, the same tuning job.
moto_port=$(free_port)
taskset -c 0 "$python" -m moto.server -p "$moto_port" >/dev/null 2>&1 & pids+=($!)
wait_http "http://127.0.0.1:$moto_port/moto-api/"
create_job "http://127.0.0.1:$moto_port"
moto=$(load "http://127.0.0.1:$moto_port/" moto)

# Cold start: spawn → first successful DescribeHyperParameterTuningJob answer (a 400 for a
# missing job is an answer), median of 20.
cold=$("$python" - "$build/amt-emulator" <<'PY'
import socket, statistics, subprocess, sys, time, urllib.request, urllib.error
def port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p
times = []
for _ in range(20):
    p = port()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.argv[1], "--port", str(p), "--log-level", "off"])
    while True:
        req = urllib.request.Request("http://127.0.0.1:%d/" % p, data=b'{"HyperParameterTuningJobName":"x"}',
                                     headers={"X-Amz-Target": "SageMaker.DescribeHyperParameterTuningJob",
                                              "Content-Type": "application/x-amz-json-1.1"})
        try:
            urllib.request.urlopen(req, timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.0005)
    times.append((time.perf_counter() - start) * 1000)
    proc.terminate(); proc.wait()
print("%.1f" % statistics.median(times))
PY
)

# RSS with 10,000 tuning jobs (manual clock: they stay InProgress with their first children).
port2=$(free_port)
"$build/amt-emulator" --port "$port2" --clock manual --log-level warn & pids+=($!)
wait_http "http://127.0.0.1:$port2/_emulator/health"
"$python" - "http://127.0.0.1:$port2" <<'PY'
import json, sys, urllib.request
sys.path.insert(0, "tests/integration/python")
from emulator_process import blog_tuning_request
url = sys.argv[1]
urllib.request.urlopen(urllib.request.Request(url + "/_emulator/reset", data=b"{}", method="POST"))
for i in range(10000):
    body = blog_tuning_request("j%d" % i)
    body["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 1, "MaxParallelTrainingJobs": 1}
    req = urllib.request.Request(url + "/", data=json.dumps(body).encode(),
                                 headers={"X-Amz-Target": "SageMaker.CreateHyperParameterTuningJob",
                                          "Content-Type": "application/x-amz-json-1.1",
                                          "Authorization": "AWS4-HMAC-SHA256 Credential=%012d/20261126/us-east-1/sagemaker/aws4_request" % (i // 100)})
    urllib.request.urlopen(req).read()
PY
rss_10k_kb=$(awk '/VmRSS/ {print $2}' "/proc/${pids[3]}/status")

read -r _ e_rps e_p50 e_p99 <<<"$emulator"
read -r _ b_rps b_p50 b_p99 <<<"$bare"
read -r _ m_rps m_p50 m_p99 <<<"$moto"
ratio() { "$python" -c "print('%.1f' % ($1 / $2))"; }
cat <<MD
| measure (${duration} s, 8 connections, wrk on core 1, server on core 0) | requests/s | p50 | p99 |
|---|---|---|---|
| amt-emulator DescribeHyperParameterTuningJob | $e_rps | $e_p50 | $e_p99 |
| bare HTTP transport, fixed 2.5 KB body | $b_rps | $b_p50 | $b_p99 |
| moto server mode, DescribeHyperParameterTuningJob | $m_rps | $m_p50 | $m_p99 |

- emulator / moto: $(ratio "$e_rps" "$m_rps")× (target ≥ 150×); emulator / bare transport: $("$python" -c "print('%.0f%%' % (100 * $e_rps / $b_rps))") (target ≥ 60 %)
- cold start to the first API answer: ${cold} ms median of 20 (target ≤ 20 ms)
- RSS idle after the seed flow: $((rss_idle_kb / 1024)) MiB (target ≤ 10 MiB); with 10,000 tuning jobs: $((rss_10k_kb / 1024)) MiB (target ≤ 60 MiB)
MD
