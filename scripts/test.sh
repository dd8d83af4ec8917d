#!/usr/bin/env bash
# Installs what is missing (with the boto3 interpreter for the integration tests), builds,
# then runs every test through ctest. Arguments go to ctest, e.g. ./scripts/test.sh -R python_
# or -L integration. Exits with ctest's exit code.
#
#   ./scripts/test.sh --sanitize [ctest arguments]
#       the same suite, built with AddressSanitizer and UndefinedBehaviorSanitizer into
#       build-sanitize/ (every integration test then drives the sanitized binary); any report
#       fails the test that caused it. A long run: not part of the default command.
#   ./scripts/test.sh --tsan [ctest arguments]
#       ThreadSanitizer into build-tsan/, running the tests that involve threads: the HTTP
#       server's (api_server_tests, whose clients run beside the io thread), the real-training
#       supervisor's (api_training_tests), the journal writer's (its own thread) and the
#       integration tests of the binary, whose realtime clock, local training and state folder
#       hand work between threads.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build_dir=build
if [[ ${1:-} == --sanitize ]]; then
  shift
  build_dir=build-sanitize
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
  export BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}  # line numbers in the reports
  sanitize=(-DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
            -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined")
elif [[ ${1:-} == --tsan ]]; then
  shift
  build_dir=build-tsan
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}"
  export BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
  sanitize=(-DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread")
  set -- -R '^(HttpServerTest|HttpRequest|ProcessSupervisor|RunCommand|JournalWriterTest|python_|cli_|js_)' "$@"
else
  sanitize=()
fi

bash scripts/install-deps.sh --with-tests
BUILD_DIR=$build_dir bash scripts/build.sh "${sanitize[@]}"

# Every test starts its own processes on free loopback ports, so they may run side by side.
export CTEST_PARALLEL_LEVEL="${CTEST_PARALLEL_LEVEL:-$(nproc)}"
exec ctest --test-dir "$build_dir" --output-on-failure "$@"
