#!/usr/bin/env bash
# The one install script of amt-emulator. Installs, with apt-get, only what is missing:
#
#   (default)        build dependencies: compiler, CMake, Ninja, Boost, nlohmann-json, Eigen,
#                    spdlog, zlib, GoogleTest, ca-certificates, curl
#   --runtime-only   what the built binary needs to run (shared libraries, curl for the
#                    Docker HEALTHCHECK), nothing to build with
#   --with-tests     adds a python3 that imports boto3 (Debian's python3-boto3 when no python3
#                    on PATH imports boto3), the AWS CLI (awscli, unless an `aws` is on PATH),
#                    Node.js and npm (nodejs, npm, unless `node`/`npm` are on PATH) for the
#                    CLI and SDK-JS v3 integration tests, python3-yaml for the test of
#                    docker/what-if-job.yaml, chromium (unless a `chromium` is on PATH) for
#                    the dashboard's browser tests, and python3-xgboost and
#                    python3-sklearn for the real-training example (examples/xgboost-fallback),
#                    which the emulator runs with /usr/bin/python3; combines with either of
#                    the above
#   --with-fuzz      adds clang and its libFuzzer/sanitizer runtime (clang, libclang-rt-14-dev)
#                    for the fuzz targets of tests/fuzz (scripts/fuzz.sh); combines with the
#                    default set or --with-tests
#
# Works on a bare Debian 12 where only bash and apt exist. When everything is present it is
# a quick no-op that does not touch the network (no apt-get update). Runs apt-get as root,
# through sudo when not root and sudo exists.
set -euo pipefail

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

runtime_only=0
with_tests=0
with_fuzz=0
for arg in "$@"; do
  case "$arg" in
    --runtime-only) runtime_only=1 ;;
    --with-tests) with_tests=1 ;;
    --with-fuzz) with_fuzz=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "install-deps.sh: unknown option '$arg'" >&2
      usage >&2
      exit 2
      ;;
  esac
done

build_packages=(
  cmake ninja-build pkg-config
  libboost-dev libboost-system-dev libboost-regex-dev nlohmann-json3-dev libeigen3-dev libspdlog-dev
  zlib1g-dev libgtest-dev libgmock-dev googletest
  ca-certificates curl
)
# Shared libraries the binary links at run time (Debian 12 names), plus curl for the
# HEALTHCHECK. Boost.System is listed in case the build links it; Asio/Beast are headers;
# Boost.Regex (metric definitions) is linked statically. zlib (archives) is in every Debian
# (zlib1g: required).
runtime_packages=(libspdlog1.10 libfmt9 libboost-system1.74.0 ca-certificates curl)

# True when dpkg knows the package as fully installed.
installed() {
  local status
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
  [[ $status == "install ok installed" ]]
}

# True when some python3 on PATH, or /usr/bin/python3, imports boto3 (the same search as
# scripts/python-for-tests.sh, kept here so this script stands alone in the Docker image).
have_python_with_boto3() {
  local candidate
  while IFS= read -r candidate; do
    [[ -n $candidate ]] || continue
    if "$candidate" -c 'import boto3' >/dev/null 2>&1; then
      return 0
    fi
  done < <(type -ap python3 2>/dev/null; echo /usr/bin/python3)
  return 1
}

missing=()
want() {
  local pkg
  for pkg in "$@"; do
    if ! installed "$pkg"; then
      missing+=("$pkg")
    fi
  done
}

if ((runtime_only)); then
  want "${runtime_packages[@]}"
else
  # A C++ toolchain: build-essential, or at least g++ and make installed some other way.
  if ! installed build-essential && ! { installed g++ && installed make; }; then
    missing+=(build-essential)
  fi
  want "${build_packages[@]}"
fi

if ((with_tests)) && ! have_python_with_boto3; then
  want python3 python3-boto3
fi
# The CLI and JavaScript tests need the commands, wherever they come from (pip, pyenv,
# NodeSource's nodejs that bundles npm, ...): ask apt only for the ones not on PATH.
# Note: Debian 12's awscli is AWS CLI v2.9 and its nodejs is Node 18 (see tests/integration).
if ((with_tests)); then
  want python3 python3-xgboost python3-sklearn python3-yaml
  have_command() { command -v "$1" >/dev/null 2>&1; }
  have_command aws || want awscli
  have_command node || want nodejs
  have_command npm || want npm
  have_command chromium || want chromium
fi

# Debian 12's clang is clang 14; libFuzzer's runtime (-fsanitize=fuzzer) is in libclang-rt-14-dev.
if ((with_fuzz)); then
  want clang libclang-rt-14-dev
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps.sh: installing ${missing[*]}" >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: apt-get not found; install these packages by hand: ${missing[*]}" >&2
  exit 1
fi

as_root=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps.sh: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

apt_get() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

apt_get update
apt_get install -y --no-install-recommends "${missing[@]}"

if ((with_tests)) && ! have_python_with_boto3; then
  echo "install-deps.sh: python3-boto3 installed, but no python3 imports boto3" >&2
  exit 1
fi
if ((with_tests)); then
  for cmd in aws node npm chromium; do
    if ! have_command "$cmd"; then
      echo "install-deps.sh: packages installed, but '$cmd' is still not on PATH" >&2
      exit 1
    fi
  done
fi
