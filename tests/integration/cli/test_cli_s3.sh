#!/usr/bin/env bash
# S3 through the AWS CLI against build/amt-emulator on a free 127.0.0.1 port (--s3-dir a fresh
# folder): `aws s3 mb/ls/cp/sync/rm/rb` (cp of a 20 MB file goes multipart at the CLI's 8 MiB
# threshold), `aws s3api` put-object/head-object/list-objects-v2/get-object with a range, and
# the errors a missing bucket and key give. Files land in <s3-dir>/<bucket>/<key>.
#
# Usage: tests/integration/cli/test_cli_s3.sh   (ctest: cli_s3)
# Needs `aws` (v1 or v2), python3 (free port, JSON) and curl. Dummy credentials; ~/.aws unread.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/cli_support.sh"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=dummy

store=$work/store
mkdir -p "$store"
start_emulator --s3-dir "$store"

echo "== aws s3 mb / ls"
aws s3 mb s3://cli-bucket >/dev/null
aws s3 ls | grep -q ' cli-bucket$' || fail "aws s3 ls does not list cli-bucket"
[[ -d $store/cli-bucket ]] || fail "no folder for the bucket"

echo "== aws s3 cp (20 MB, multipart) and back"
python3 -c 'import os, sys; open(sys.argv[1], "wb").write(os.urandom(20 * 1000 * 1000))' "$work/big.bin"
aws s3 cp "$work/big.bin" s3://cli-bucket/big/big.bin >/dev/null
cmp "$work/big.bin" "$store/cli-bucket/big/big.bin" || fail "the stored file differs"
etag=$(aws s3api head-object --bucket cli-bucket --key big/big.bin --query ETag --output text)
[[ $etag == *-3\" ]] || fail "a 20 MB cp should be a 3-part upload, ETag $etag"
aws s3 cp s3://cli-bucket/big/big.bin "$work/back.bin" >/dev/null
cmp "$work/big.bin" "$work/back.bin" || fail "downloaded bytes differ"

echo "== aws s3 sync both ways, ls --recursive, rm"
mkdir -p "$work/tree/sub dir"
echo one >"$work/tree/a.txt"
echo two >"$work/tree/sub dir/b+c.txt"
aws s3 sync "$work/tree" s3://cli-bucket/tree >/dev/null
listing=$(aws s3 ls --recursive s3://cli-bucket/tree/)
grep -q 'tree/sub dir/b+c.txt$' <<<"$listing" || fail "sync did not upload 'sub dir/b+c.txt': $listing"
aws s3 sync s3://cli-bucket/tree "$work/copy" >/dev/null
diff -r "$work/tree" "$work/copy" || fail "sync down differs"
[[ -z $(aws s3 sync "$work/tree" s3://cli-bucket/tree) ]] || fail "a second sync should upload nothing"
aws s3 rm --recursive s3://cli-bucket/tree >/dev/null
[[ -z $(aws s3 ls --recursive s3://cli-bucket/tree/) ]] || fail "rm --recursive left objects"

echo "== aws s3api"
echo 'hello world' >"$work/hello.txt"
aws s3api put-object --bucket cli-bucket --key dir/hello.txt --body "$work/hello.txt" --content-type text/plain \
  --metadata owner=me >"$work/put.json"
grep -q '"6f5902ac237024bdd0c176cb93063dc4' "$work/put.json" || fail "put-object ETag: $(cat "$work/put.json")"
head=$(aws s3api head-object --bucket cli-bucket --key dir/hello.txt)
python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert d["ContentType"] == "text/plain" and d["Metadata"] == {"owner": "me"} and d["ContentLength"] == 12, d' "$head"
count=$(aws s3api list-objects-v2 --no-paginate --bucket cli-bucket --prefix dir/ --query KeyCount --output text)
[[ $count == 1 ]] || fail "list-objects-v2 KeyCount $count"
aws s3api get-object --bucket cli-bucket --key dir/hello.txt --range bytes=0-4 "$work/part.txt" >/dev/null
[[ $(cat "$work/part.txt") == hello ]] || fail "ranged get-object: $(cat "$work/part.txt")"

echo "== errors"
if aws s3api get-object --bucket cli-bucket --key missing "$work/x" 2>"$work/err"; then fail "missing key"; fi
grep -q NoSuchKey "$work/err" || fail "expected NoSuchKey: $(cat "$work/err")"
if aws s3 ls s3://no-such-bucket 2>"$work/err"; then fail "missing bucket listed"; fi
grep -q NoSuchBucket "$work/err" || fail "expected NoSuchBucket: $(cat "$work/err")"
if aws s3 rb s3://cli-bucket 2>"$work/err"; then fail "a bucket with objects was removed"; fi
grep -q BucketNotEmpty "$work/err" || fail "expected BucketNotEmpty: $(cat "$work/err")"
aws s3 rb --force s3://cli-bucket >/dev/null
[[ ! -d $store/cli-bucket ]] || fail "rb --force left the folder"
echo "PASS"
