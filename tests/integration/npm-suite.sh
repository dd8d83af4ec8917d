# Sourced by the Node suites' run.sh (js/, browser/): the checks and the set-up they share.
# The caller sets `suite` (its name in messages) and `here` (its folder) first; sourcing checks
# for node and npm, sets `root` (the repository) and AMT_EMULATOR_BIN (ctest sets it, else
# build/amt-emulator), and gives npm a writable cache.

# Exits with a hint when node or npm is missing.
require_node_and_npm() {
  local tool
  for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "$suite/run.sh: '$tool' not found (scripts/install-deps.sh --with-tests installs nodejs and npm)" >&2
      exit 1
    fi
  done
}

# npm caches under $HOME/.npm; a CI user or container without a writable home gets one in build/.
use_writable_npm_cache() {
  if [[ -z ${npm_config_cache:-} && ! -w ${HOME:-/nonexistent} ]]; then
    export npm_config_cache="$(dirname "$AMT_EMULATOR_BIN")/npm-cache"
  fi
}

# Installs the locked dependencies (npm ci) in $here when node_modules lacks package $1 or was
# installed from another package-lock.json (a stamp keeps the lock file's sha256).
npm_ci_if_stale() {
  local stamp=node_modules/.amt-package-lock.sha256 want have
  want=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
  have=$(cat "$here/$stamp" 2>/dev/null || true)
  if [[ ! -d $here/node_modules/$1 || $have != "$want" ]]; then
    echo "$suite/run.sh: npm ci (node_modules missing or stale)" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    printf '%s\n' "$want" >"$here/$stamp"
  fi
}

require_node_and_npm
root=$(cd "$here/../../.." && pwd)
export AMT_EMULATOR_BIN="${AMT_EMULATOR_BIN:-$root/build/amt-emulator}"
use_writable_npm_cache
