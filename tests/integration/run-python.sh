#!/usr/bin/env bash
# Runs one Python integration test module (tests/integration/python/<module>.py) with unittest:
#   tests/integration/run-python.sh test_seed_flow_fallback [more unittest arguments]
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

# Debian 12's python3-boto3 (botocore 1.29) predates operations and members the tests use
# (DeleteTrainingJob, RandomSeed, completion criteria, ...). With such a botocore the tests
# load the SageMaker model the emulator validates against (fixtures/service_model, from a
# newer botocore) through AWS_DATA_PATH, which botocore searches before its own data.
if ! "$python" -c 'import sys, botocore.session
sys.exit("DeleteTrainingJob" not in botocore.session.get_session().get_service_model("sagemaker").operation_names)' \
    2>/dev/null; then
  data="$(dirname "$AMT_EMULATOR_BIN")/botocore-data/sagemaker/2017-07-24"
  mkdir -p "$data"
  # Written aside and renamed: ctest may start several modules at once.
  for pair in "sagemaker-2017-07-24.json service-2.json" "sagemaker-2017-07-24.paginators.json paginators-1.json"; do
    read -r from to <<<"$pair"
    cp "$root/fixtures/service_model/$from" "$data/$to.$$"
    mv -f "$data/$to.$$" "$data/$to"
  done
  export AWS_DATA_PATH="${data%/sagemaker/2017-07-24}${AWS_DATA_PATH:+:$AWS_DATA_PATH}"
  echo "run-python.sh: the installed botocore predates the SageMaker model the tests need;" \
    "using fixtures/service_model through AWS_DATA_PATH" >&2
fi
cd "$here/python"
exec "$python" -m unittest -v "$@"
