#!/usr/bin/env bash
# Installs what is missing (with the boto3 interpreter for the integration tests), builds,
# then runs every test through ctest. Arguments go to ctest, e.g. ./scripts/test.sh -R python_
# or -L integration. Exits with ctest's exit code.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh --with-tests
bash scripts/build.sh

# Every test starts its own processes on free loopback ports, so they may run side by side.
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-$(nproc)}"
exec ctest --test-dir build --output-on-failure "$@"
