#!/usr/bin/env bash
# Runs the AWS SDK for JavaScript v3 integration tests with Node's built-in test runner:
#   tests/integration/js/run.sh [test files] [more node --test arguments]
# (ctest: js_seed_flow, js_cloudwatch, js_s3, js_sigv4; without a *.test.mjs argument every test file runs)
# Installs the locked dependencies (npm ci) first when node_modules is missing or was
# installed from another package-lock.json. Needs node >= 20 (18 with a warning) and npm
# (Debian packages nodejs and npm; scripts/install-deps.sh --with-tests). The binary is
# $AMT_EMULATOR_BIN (set by ctest), else build/amt-emulator.
set -euo pipefail

suite=js
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../npm-suite.sh"

# @aws-sdk/client-sagemaker 3.1142 declares node >= 20; Node 18 (Debian 12's nodejs) has
# everything the tests use (node --test, fetch), so it only gets a warning.
major=$(node -p 'process.versions.node.split(".")[0]')
if ((major < 18)); then
  echo "js/run.sh: node $(node --version) is too old; the tests need node >= 18 (20 supported)" >&2
  exit 1
elif ((major < 20)); then
  echo "js/run.sh: warning: node $(node --version) is older than the SDK's declared minimum 20" >&2
fi

npm_ci_if_stale @aws-sdk/client-sagemaker

cd "$here"

# The test files named among the arguments, else every one.
files=()
for arg in "$@"; do [[ $arg == *.test.mjs ]] && files+=("$arg"); done
((${#files[@]})) || set -- "$@" *.test.mjs
exec node --test "$@"
