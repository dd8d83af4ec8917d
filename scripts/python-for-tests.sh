#!/usr/bin/env bash
# Prints the path of a python3 that imports boto3, for the integration tests: the python3
# interpreters on PATH first (in PATH order), then Debian's /usr/bin/python3. Exits non-zero
# with a message when none does (scripts/install-deps.sh --with-tests installs python3-boto3).
set -euo pipefail

while IFS= read -r candidate; do
  [[ -n $candidate ]] || continue
  if "$candidate" -c 'import boto3' >/dev/null 2>&1; then
    printf '%s\n' "$candidate"
    exit 0
  fi
done < <(type -ap python3 2>/dev/null; echo /usr/bin/python3)

echo "python-for-tests.sh: no python3 on PATH nor /usr/bin/python3 imports boto3;" \
  "run scripts/install-deps.sh --with-tests (installs Debian's python3-boto3)" >&2
exit 1
