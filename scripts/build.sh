#!/usr/bin/env bash
# Configures (Ninja) into build/ and builds build/amt-emulator and the tests.
#   BUILD_TYPE   CMake build type (default Release)
#   BUILD_DIR    build directory (default build)
#   extra arguments are passed to the CMake configure step, e.g. -DAMT_BUILD_TESTS=OFF
# Assumes the build dependencies are installed (scripts/install-deps.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build_dir=${BUILD_DIR:-build}
build_type=${BUILD_TYPE:-Release}

# A build/ configured earlier with another generator cannot be reused by Ninja.
cache=$build_dir/CMakeCache.txt
if [[ -f $cache ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
  echo "build.sh: $build_dir/ was configured with another generator; reconfiguring" >&2
  rm -rf "$cache" "$build_dir/CMakeFiles"
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "$@"
cmake --build "$build_dir" -j "$(nproc)"
