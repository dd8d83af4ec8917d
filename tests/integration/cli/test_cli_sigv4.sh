#!/usr/bin/env bash
# Signature checking through the AWS CLI: build/amt-emulator with --auth sigv4 and a key pair from
# AMT_EMULATOR_ACCESS_KEY_ID/AMT_EMULATOR_SECRET_ACCESS_KEY; `aws sts get-caller-identity`,
# `aws s3 mb/ls/cp` and a presigned `aws s3 presign` URL work with the right secret, and a wrong
# secret gets SignatureDoesNotMatch (STS and S3) as AWS words it.
#
# Usage: tests/integration/cli/test_cli_sigv4.sh   (ctest: cli_sigv4)
# Needs `aws` (v1 or v2), python3 (free port) and curl. ~/.aws unread.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/cli_support.sh"
key=AKIDCLISIGV4 secret='cli/secret+key=example'
export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret
AMT_EMULATOR_ACCESS_KEY_ID=$key AMT_EMULATOR_SECRET_ACCESS_KEY=$secret start_emulator --auth sigv4

echo "== the right secret"
[[ $(aws sts get-caller-identity --query Arn --output text) == arn:aws:iam::123456789012:root ]] ||
  fail "get-caller-identity"
aws s3 mb s3://signed >/dev/null
echo 'hello world' >"$work/hello.txt"
aws s3 cp "$work/hello.txt" "s3://signed/dir/hello world.txt" >/dev/null
aws s3 ls s3://signed/dir/ | grep -q ' hello world.txt$' || fail "aws s3 ls does not list the object"
url=$(aws s3 presign "s3://signed/dir/hello world.txt")
[[ $(curl -sf --noproxy '*' "$url") == 'hello world' ]] || fail "the presigned URL does not fetch the object"

echo "== a wrong secret"
export AWS_SECRET_ACCESS_KEY=not-the-secret
if out=$(aws sts get-caller-identity 2>&1); then fail "get-caller-identity passed with a wrong secret"; fi
grep -q 'SignatureDoesNotMatch' <<<"$out" || fail "sts: $out"
if out=$(aws s3 ls 2>&1); then fail "aws s3 ls passed with a wrong secret"; fi
grep -q 'SignatureDoesNotMatch' <<<"$out" || fail "s3: $out"
[[ $(curl -s -o /dev/null -w '%{http_code}' --noproxy '*' "${url/hello%20world/hello%20World}") == 403 ]] ||
  fail "a tampered presigned URL was not refused"

echo "PASS"
