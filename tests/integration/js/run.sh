#!/usr/bin/env bash
# Runs the AWS SDK for JavaScript v3 integration tests (seed_flow.test.mjs, s3.test.mjs) with
# Node's built-in test runner:
#   tests/integration/js/run.sh [more node --test arguments]     (ctest: js_seed_flow)
# Installs the locked dependencies (npm ci) first when node_modules is missing or was
# installed from another package-lock.json. Needs node >= 20 (18 with a warning) and npm
# (Debian packages nodejs and npm; scripts/install-deps.sh --with-tests). The binary is
# $AMT_EMULATOR_BIN (set by ctest), else build/amt-emulator.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "js/run.sh: '$tool' not found (scripts/install-deps.sh --with-tests installs nodejs and npm)" >&2
    exit 1
  fi
done
# @aws-sdk/client-sagemaker 3.1142 declares node >= 20; Node 18 (Debian 12's nodejs) has
# everything the tests use (node --test, fetch), so it only gets a warning.
major=$(node -p 'process.versions.node.split(".")[0]')
if ((major < 18)); then
  echo "js/run.sh: node $(node --version) is too old; the tests need node >= 18 (20 supported)" >&2
  exit 1
elif ((major < 20)); then
  echo "js/run.sh: warning: node $(node --version) is older than the SDK's declared minimum 20" >&2
fi

export AMT_EMULATOR_BIN="${AMT_EMULATOR_BIN:-$root/build/amt-emulator}"
# npm caches under $HOME/.npm; a CI user or container without a writable home gets one in build/.
if [[ -z ${npm_config_cache:-} && ! -w ${HOME:-/nonexistent} ]]; then
  export npm_config_cache="$(dirname "$AMT_EMULATOR_BIN")/npm-cache"
fi
cd "$here"

# The stamp records the sha256 of the package-lock.json that node_modules was installed from.
stamp=node_modules/.amt-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat "$stamp" 2>/dev/null || true)
if [[ ! -d node_modules/@aws-sdk/client-sagemaker || $have != "$want" ]]; then
  echo "js/run.sh: npm ci (node_modules missing or stale)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want" >"$stamp"
fi

exec node --test "$@" seed_flow.test.mjs s3.test.mjs
