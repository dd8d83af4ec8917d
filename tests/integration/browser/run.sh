#!/usr/bin/env bash
# Runs the dashboard's browser tests: headless Chromium (Debian's chromium) driven by
# puppeteer-core under Node's built-in test runner:
#   tests/integration/browser/run.sh [more node --test arguments]     (ctest: browser_dashboard)
# Installs the locked dependencies (npm ci) first when node_modules is missing or was installed
# from another package-lock.json. Needs node >= 18, npm and chromium (scripts/install-deps.sh
# --with-tests installs them). The binary is $AMT_EMULATOR_BIN (set by ctest), else
# build/amt-emulator; the browser is $CHROMIUM_BIN, else chromium on PATH. Screenshots go to
# $AMT_SCREENSHOT_DIR, else screenshots/ beside the binary (build/screenshots).
set -euo pipefail

suite=browser
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../npm-suite.sh"

export CHROMIUM_BIN="${CHROMIUM_BIN:-$(command -v chromium || true)}"
if [[ -z $CHROMIUM_BIN ]]; then
  echo "browser/run.sh: 'chromium' not found (scripts/install-deps.sh --with-tests installs it)" >&2
  exit 1
fi

export AMT_SCREENSHOT_DIR="${AMT_SCREENSHOT_DIR:-$(dirname "$AMT_EMULATOR_BIN")/screenshots}"
npm_ci_if_stale puppeteer-core

cd "$here"
exec node --test "$@" dashboard.test.mjs spot_storm.test.mjs
