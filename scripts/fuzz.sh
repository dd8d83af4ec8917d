#!/usr/bin/env bash
# The libFuzzer targets of tests/fuzz: builds them with clang under the shared build lock
# (build-fuzz/, AddressSanitizer + UndefinedBehaviorSanitizer + libFuzzer), then runs each
# with its seed corpus at the lowest CPU priority.
#
#   ./scripts/fuzz.sh [target|all] [seconds]      (default: all, 600 seconds each)
#
# Targets: fuzz_request fuzz_control fuzz_scenario fuzz_s3 fuzz_form fuzz_cbor fuzz_state
# fuzz_snapshot.
# The corpus a run grows goes to build-fuzz/corpus/<target>/ (the seeds in tests/fuzz/corpus
# stay as committed); crashes go to build-fuzz/crashes/<target>/, logs to build-fuzz/logs/.
# Exits non-zero when a target finds a crash. Needs clang (scripts/install-deps.sh --with-fuzz).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

all_targets=(fuzz_request fuzz_control fuzz_scenario fuzz_s3 fuzz_form fuzz_cbor fuzz_state fuzz_snapshot)
which=${1:-all}
seconds=${2:-600}
if [[ $which == -h || $which == --help ]]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi
if [[ $which == all ]]; then
  targets=("${all_targets[@]}")
else
  targets=("$which")
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
flock /tmp/amt-build.lock bash -c '
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DAMT_BUILD_FUZZ=ON -DAMT_BUILD_TESTS=OFF "${@:2}" >/dev/null &&
  cmake --build build-fuzz -j2 --target $1' _ "${targets[*]}" "${launcher[@]}"

status=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  crashes=build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes" build-fuzz/logs
  options=(-max_total_time="$seconds" -artifact_prefix="$crashes/" -print_final_stats=1 -rss_limit_mb=4096)
  if [[ -f tests/fuzz/$target.dict ]]; then
    options+=(-dict="tests/fuzz/$target.dict")
  fi
  echo "fuzz.sh: $target for ${seconds}s (log build-fuzz/logs/$target.log)"
  if ! nice -n 19 "build-fuzz/fuzz/$target" "${options[@]}" "$corpus" "tests/fuzz/corpus/$target" \
    >"build-fuzz/logs/$target.log" 2>&1; then
    echo "fuzz.sh: $target found a crash, see $crashes/ and build-fuzz/logs/$target.log" >&2
    status=1
  fi
  grep -E '^#[0-9]+.*(DONE|INITED)|stat::number_of_executed_units|cov:' "build-fuzz/logs/$target.log" | tail -n 3
done
exit $status
