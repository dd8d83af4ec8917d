#!/usr/bin/env bash
# Runs one Python integration test module (tests/integration/python/<module>.py) with unittest:
#   tests/integration/run-python.sh test_seed_flow [more unittest arguments]
# The interpreter is the one scripts/python-for-tests.sh finds (a python3 that imports boto3).
# The binary is $AMT_EMULATOR_BIN (set by ctest), else build/amt-emulator.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

if (($# < 1)); then
  echo "usage: $0 <test module> [unittest arguments]" >&2
  exit 2
fi

python=$(bash "$root/scripts/python-for-tests.sh")
export AMT_EMULATOR_BIN="${AMT_EMULATOR_BIN:-$root/build/amt-emulator}"
export PYTHONDONTWRITEBYTECODE=1
cd "$here/python"
exec "$python" -m unittest -v "$@"
