#!/usr/bin/env bash
# The user story of issue 2 (AWS's blog post on AMT training-instance fallbacks) through the
# AWS CLI (v1, or v2 as Debian 12 packages it), against build/amt-emulator on a free 127.0.0.1 port (instant clock):
#
#   1. create-hyper-parameter-tuning-job --cli-input-json file://blog-tuning-job.json, poll
#      describe-hyper-parameter-tuning-job until Completed, page
#      list-training-jobs-for-hyper-parameter-tuning-job by hand (--max-results 3 --no-paginate
#      --next-token) and through the CLI's own paginator, describe-training-job on every child:
#      10 children, all Completed on ml.m4.xlarge.
#   2. PUT /_emulator/capacity sets ml.m4.xlarge to 0; the same request under another name
#      completes with every child on the fallback ml.m5.4xlarge.
#   3. AWS_ENDPOINT_URL_SAGEMAKER in place of --endpoint-url.
#   4. Errors: describe of a missing tuning job exits non-zero with ResourceNotFound on stderr;
#      describe of a missing training job with ValidationException.
#   5. STS on the same port: get-caller-identity (the default account), assume-role, and
#      get-caller-identity with the credentials it returned (the assumed role).
#   6. CloudWatch Logs on the same port: a child's stream in /aws/sagemaker/TrainingJobs and
#      its xgboost-style lines (describe-log-streams, get-log-events, filter-log-events).
#
# Usage: tests/integration/cli/test_cli_seed_flow.sh   (ctest: cli_seed_flow)
# The binary is $AMT_EMULATOR_BIN (set by ctest), else build/amt-emulator. Needs `aws` (AWS CLI
# v1 or v2; Debian 12's awscli is 2.9), python3 (JSON parsing, free port) and curl (control plane).
# Credentials are dummies from the environment; nothing under ~/.aws is read or written.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${AMT_EMULATOR_BIN:-$root/build/amt-emulator}
fixture=$here/blog-tuning-job.json

readonly REGION=us-east-1
readonly ACCOUNT=123456789012
readonly PREFERRED=ml.m4.xlarge
readonly FALLBACK=ml.m5.4xlarge
readonly EXPECTED_CHILDREN=10
readonly OBJECTIVE=validation:rmse

for tool in aws python3 curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "test_cli_seed_flow: '$tool' not found (scripts/install-deps.sh --with-tests)" >&2
    exit 1
  fi
done
if [[ ! -x $bin ]]; then
  echo "test_cli_seed_flow: no amt-emulator binary at $bin (set AMT_EMULATOR_BIN)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/amt-cli-test.XXXXXX")
emu_pid=
emu_log=$work/amt-emulator.log

stop_emulator() {
  local pid=$emu_pid i
  emu_pid=
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

show_log() {
  if [[ -s $emu_log ]]; then
    echo "---- amt-emulator log (tail) ----" >&2
    tail -n 60 "$emu_log" >&2
    echo "---- end of log ----" >&2
  fi
}

cleanup() {
  local code=$?
  stop_emulator
  if ((code != 0)); then
    show_log
  fi
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

step() {
  echo "== $*"
}

# ---- the AWS CLI's environment: dummy credentials, no config files, no proxies ----------
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_ENDPOINT_URL \
  AWS_ENDPOINT_URL_SAGEMAKER AWS_IGNORE_CONFIGURED_ENDPOINT_URLS AWS_CA_BUNDLE
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE
export AWS_SECRET_ACCESS_KEY=amt-emulator-dummy-secret
export AWS_DEFAULT_REGION=$REGION
export AWS_DEFAULT_OUTPUT=json
# A private config file: timestamps printed as received (epoch seconds; v1's default, while
# AWS CLI v2, e.g. Debian 12's awscli 2.9, would print ISO 8601), nothing from ~/.aws.
export AWS_CONFIG_FILE=$work/aws-config
export AWS_SHARED_CREDENTIALS_FILE=$work/no-aws-credentials
# AWS CLI v1 calls that format "none", v2 "wire".
case $(aws --version 2>&1) in
  aws-cli/1.*) raw_timestamps=none ;;
  *) raw_timestamps=wire ;;
esac
printf '[default]\ncli_timestamp_format = %s\n' "$raw_timestamps" >"$AWS_CONFIG_FILE"
home_aws_before=$(ls -la --time-style=full-iso "${HOME:-/nonexistent}/.aws" 2>/dev/null || echo absent)
export AWS_EC2_METADATA_DISABLED=true
export AWS_MAX_ATTEMPTS=1
export AWS_RETRY_MODE=standard
export AWS_PAGER=
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy

# ---- JSON helpers (python3, no jq) ------------------------------------------------------
# py EXPR: evaluates EXPR with d = the JSON document on stdin; prints str (or JSON for
# containers).
py() {
  python3 -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1], {"d": d, "re": __import__("re")})
print(json.dumps(v) if isinstance(v, (dict, list, bool)) or v is None else v)
' "$1"
}

# check JSON EXPR MESSAGE: fails the test unless EXPR (with d = JSON) is true.
check() {
  local json=$1 expr=$2 message=$3
  if ! python3 -c '
import json, sys
d = json.loads(sys.argv[1])
sys.exit(0 if eval("(" + sys.argv[2] + ")", {"d": d, "re": __import__("re")}) else 1)
' "$json" "$expr"; then
    echo "---- document ----" >&2
    printf '%s\n' "$json" | head -c 4000 >&2
    echo >&2
    fail "$message  [$expr]"
  fi
}

# ---- the emulator -------------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_emulator() {
  local attempt i env_clean=() var
  # Only the arguments count: drop every AMT_EMULATOR_* of the caller's environment.
  while IFS= read -r var; do
    env_clean+=(-u "$var")
  done < <(compgen -e | grep '^AMT_EMULATOR_' || true)
  for ((attempt = 1; attempt <= 3; attempt++)); do
    port=$(free_port)
    env "${env_clean[@]}" "$bin" --host 127.0.0.1 --port "$port" --clock instant \
      >"$emu_log" 2>&1 </dev/null &
    emu_pid=$!
    for ((i = 0; i < 200; i++)); do
      if ! kill -0 "$emu_pid" 2>/dev/null; then
        break
      fi
      if health=$(curl -sf --noproxy '*' --max-time 1 "http://127.0.0.1:$port/_emulator/health" 2>/dev/null) &&
        [[ $(py 'd.get("status")' <<<"$health") == ok ]]; then
        endpoint=http://127.0.0.1:$port
        return 0
      fi
      sleep 0.05
    done
    show_log
    stop_emulator
  done
  fail "amt-emulator did not become healthy (3 attempts)"
}

control() { # control METHOD PATH [JSON BODY]
  local method=$1 path=$2 body=${3-}
  local args=(-sS --noproxy '*' --max-time 10 -X "$method" -w '\n%{http_code}')
  if [[ -n $body ]]; then
    args+=(-H 'Content-Type: application/json' --data-binary "$body")
  fi
  local out code
  out=$(curl "${args[@]}" "$endpoint$path")
  code=${out##*$'\n'}
  [[ $code == 200 ]] || fail "$method $path -> HTTP $code: ${out%$'\n'*}"
  printf '%s\n' "${out%$'\n'*}"
}

sm() { # the AWS CLI with an explicit endpoint
  aws --endpoint-url "$endpoint" --cli-connect-timeout 5 --cli-read-timeout 30 sagemaker "$@"
}

# ---- the user story -----------------------------------------------------------------------
child_regex() {
  printf '^%s-[0-9]{3}-[0-9a-f]{8}$' "$1"
}

wait_until_terminal() { # wait_until_terminal NAME -> prints the final description
  local name=$1 desc status i
  for ((i = 0; i < 100; i++)); do
    desc=$(sm describe-hyper-parameter-tuning-job --hyper-parameter-tuning-job-name "$name")
    status=$(py 'd["HyperParameterTuningJobStatus"]' <<<"$desc")
    case $status in
      Completed | Failed | Stopped)
        printf '%s\n' "$desc"
        return 0
        ;;
      InProgress | Stopping) sleep 0.1 ;;
      *) fail "unexpected tuning job status '$status' for $name" ;;
    esac
  done
  fail "tuning job $name still $status after 100 polls"
}

# Pages the children by hand: --max-results 3 --no-paginate, following NextToken. Writes the
# child names (one a line) to $work/NAME.children and checks the pages.
page_children() {
  local name=$1 token='' page pages=0 names_file=$work/$1.children tokens_file=$work/$1.tokens
  : >"$names_file"
  : >"$tokens_file"
  while :; do
    local args=(--hyper-parameter-tuning-job-name "$name" --max-results 3 --no-paginate)
    if [[ -n $token ]]; then
      args+=(--next-token "$token")
    fi
    page=$(sm list-training-jobs-for-hyper-parameter-tuning-job "${args[@]}")
    pages=$((pages + 1))
    ((pages <= 20)) || fail "more than 20 pages of children for $name"
    check "$page" 'len(d["TrainingJobSummaries"]) <= 3' "page $pages of $name holds more than 3"
    check "$page" 'all(s["TuningJobName"] == "'"$name"'" and s["TrainingJobStatus"] in
                   ("InProgress","Completed","Failed","Stopping","Stopped")
                   and isinstance(s["TunedHyperParameters"], dict)
                   and set(s["TunedHyperParameters"]) == {"eta", "max_depth"}
                   for s in d["TrainingJobSummaries"])' "bad summary on page $pages of $name"
    py '"\n".join(s["TrainingJobName"] for s in d["TrainingJobSummaries"])' <<<"$page" |
      sed '/^$/d' >>"$names_file"
    token=$(py 'd.get("NextToken") or ""' <<<"$page")
    if [[ -z $token ]]; then
      break
    fi
    if grep -qxF -- "$token" "$tokens_file"; then
      fail "NextToken repeated on page $pages of $name"
    fi
    printf '%s\n' "$token" >>"$tokens_file"
  done
  local n
  n=$(wc -l <"$names_file")
  ((n == EXPECTED_CHILDREN)) || fail "$name: $n children over $pages pages, expected $EXPECTED_CHILDREN"
  ((pages >= 4)) || fail "$name: $EXPECTED_CHILDREN children in $pages pages of 3"
  [[ $(sort -u "$names_file" | wc -l) -eq $n ]] || fail "$name: a child appears on two pages"
  if grep -vqE "$(child_regex "$name")" "$names_file"; then
    fail "$name: child names not <tuning>-NNN-<8 hex>: $(tr '\n' ' ' <"$names_file")"
  fi
  echo "   $n children over $pages pages of at most 3"
}

run_story() { # run_story NAME EXPECTED_INSTANCE_TYPE
  local name=$1 expected=$2 created arn desc all child d tuning_arn
  step "create-hyper-parameter-tuning-job $name (--cli-input-json)"
  if [[ $name == "$(py 'd["HyperParameterTuningJobName"]' <"$fixture")" ]]; then
    created=$(sm create-hyper-parameter-tuning-job --cli-input-json "file://$fixture")
  else # a name given on the command line overrides the one in the JSON file
    created=$(sm create-hyper-parameter-tuning-job --cli-input-json "file://$fixture" \
      --hyper-parameter-tuning-job-name "$name")
  fi
  arn=$(py 'd["HyperParameterTuningJobArn"]' <<<"$created")
  [[ $arn == "arn:aws:sagemaker:$REGION:$ACCOUNT:hyper-parameter-tuning-job/$name" ]] ||
    fail "create returned ARN '$arn'"

  step "describe-hyper-parameter-tuning-job $name until terminal"
  desc=$(wait_until_terminal "$name")
  check "$desc" 'd["HyperParameterTuningJobStatus"] == "Completed"' "$name did not complete"
  check "$desc" 'd["HyperParameterTuningJobArn"] == "'"$arn"'"' "describe ARN differs from create"
  check "$desc" 'd["TrainingJobStatusCounters"] == {"Completed": '"$EXPECTED_CHILDREN"', "InProgress": 0,
                 "RetryableError": 0, "NonRetryableError": 0, "Stopped": 0}' "counters of $name"
  check "$desc" 'd["ObjectiveStatusCounters"] == {"Succeeded": '"$EXPECTED_CHILDREN"', "Pending": 0, "Failed": 0}' \
    "objective counters of $name"
  check "$desc" 'd["HyperParameterTuningJobConfig"]["ResourceLimits"] ==
                 {"MaxNumberOfTrainingJobs": 10, "MaxParallelTrainingJobs": 5}' "resource limits echoed"
  check "$desc" '[c["InstanceType"] for c in d["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"]["InstanceConfigs"]]
                 == ["'"$PREFERRED"'", "'"$FALLBACK"'"]' "InstanceConfigs echoed in order"
  check "$desc" 're.match("'"$(child_regex "$name")"'", d["BestTrainingJob"]["TrainingJobName"])
                 and d["BestTrainingJob"]["ObjectiveStatus"] == "Succeeded"' "BestTrainingJob of $name"
  check "$desc" 'isinstance(d["CreationTime"], (int, float)) and d["HyperParameterTuningEndTime"] >= d["CreationTime"]' \
    "timestamps of $name"

  step "list-training-jobs-for-hyper-parameter-tuning-job $name by pages of 3"
  page_children "$name"

  step "list-training-jobs-for-hyper-parameter-tuning-job $name through the CLI paginator"
  all=$(sm list-training-jobs-for-hyper-parameter-tuning-job --hyper-parameter-tuning-job-name "$name" \
    --page-size 3)
  check "$all" 'len(d["TrainingJobSummaries"]) == '"$EXPECTED_CHILDREN"' and "NextToken" not in d' \
    "the CLI paginator did not collect every child of $name"
  check "$all" 'sorted(s["TrainingJobName"] for s in d["TrainingJobSummaries"]) == sorted(open("'"$work/$name.children"'").read().split())' \
    "the CLI paginator and the hand-made pages disagree"

  step "describe-training-job on every child of $name"
  tuning_arn=$arn
  while IFS= read -r child; do
    d=$(sm describe-training-job --training-job-name "$child")
    check "$d" 'd["TrainingJobName"] == "'"$child"'"' "describe-training-job $child: name"
    check "$d" 'd["TrainingJobStatus"] == "Completed" and d["SecondaryStatus"] == "Completed"' \
      "$child did not complete"
    check "$d" 'd["ResourceConfig"]["InstanceType"] == "'"$expected"'" and d["ResourceConfig"]["InstanceCount"] == 1' \
      "$child did not run on $expected"
    check "$d" 'd["TuningJobArn"] == "'"$tuning_arn"'"' "$child: TuningJobArn"
    check "$d" 'd["HyperParameters"]["_tuning_objective_metric"] == "'"$OBJECTIVE"'"
                and {"eta", "max_depth", "num_round", "objective"} <= set(d["HyperParameters"])' \
      "$child: hyperparameters"
    check "$d" 'd["ModelArtifacts"]["S3ModelArtifacts"] == "s3://bucket/output/'"$child"'/output/model.tar.gz"' \
      "$child: model artifacts"
    check "$d" '[t["Status"] for t in d["SecondaryStatusTransitions"]][-1] == "Completed"
                and d["TrainingEndTime"] >= d["TrainingStartTime"] >= d["CreationTime"]' \
      "$child: transitions and times"
  done <"$work/$name.children"
  echo "   $EXPECTED_CHILDREN children Completed on $expected"
}

step "start $bin (instant clock)"
start_emulator
echo "   $endpoint (pid $emu_pid), $(aws --version 2>&1)"

# 1. Plenty of capacity: every child on the preferred type.
run_story cli-blog-plenty "$PREFERRED"

# 2. No ml.m4.xlarge capacity: every child falls back to ml.m5.4xlarge.
step "PUT /_emulator/capacity $PREFERRED=0"
put=$(control PUT /_emulator/capacity '{"pools":[{"instanceType":"'"$PREFERRED"'","capacity":0}]}')
check "$put" '[p for p in d["pools"] if p["instanceType"] == "'"$PREFERRED"'"]
              and all((p["capacity"], p["available"]) == (0, 0)
                      for p in d["pools"] if p["instanceType"] == "'"$PREFERRED"'")' \
  "capacity of $PREFERRED not 0 in every zone"
run_story cli-blog-fallback "$FALLBACK"
events=$(control GET "/_emulator/events?tuningJob=cli-blog-fallback&type=fell-back")
check "$events" 'len({e["trainingJob"] for e in d["events"] if e.get("instanceType") == "'"$FALLBACK"'"}) == '"$EXPECTED_CHILDREN" \
  "the timeline does not show a fall-back to $FALLBACK for every child"
events=$(control GET "/_emulator/events?tuningJob=cli-blog-fallback&type=granted")
check "$events" 'd["events"] and all(e["instanceType"] == "'"$FALLBACK"'" for e in d["events"])' \
  "an instance of $PREFERRED was granted while it had no capacity"

# 3. AWS_ENDPOINT_URL_SAGEMAKER instead of --endpoint-url. Service-specific endpoint variables
# exist since AWS CLI 1.29 (botocore 1.31) and AWS CLI 2.13; older CLIs ignore them and would
# call the real SageMaker, so they skip this step (Debian 12's awscli is 2.9.19).
cli_version=$(aws --version 2>&1 | sed -n 's|^aws-cli/\([0-9]*\)\.\([0-9]*\)\..*|\1 \2|p')
read -r cli_major cli_minor <<<"${cli_version:-0 0}"
if ((cli_major == 1 && cli_minor < 29 || cli_major == 2 && cli_minor < 13 || cli_major == 0)); then
  echo "SKIP: $(aws --version 2>&1) predates AWS_ENDPOINT_URL_<SERVICE> (needs 1.29+ or 2.13+)"
else
  step "AWS_ENDPOINT_URL_SAGEMAKER=$endpoint without --endpoint-url"
  via_env=$(AWS_ENDPOINT_URL_SAGEMAKER=$endpoint aws --cli-connect-timeout 5 --cli-read-timeout 30 \
    sagemaker list-hyper-parameter-tuning-jobs --sort-by Name)
  check "$via_env" '[s["HyperParameterTuningJobName"] for s in d["HyperParameterTuningJobSummaries"]]
                    == ["cli-blog-fallback", "cli-blog-plenty"]' \
    "AWS_ENDPOINT_URL_SAGEMAKER did not reach the emulator"
  via_env=$(AWS_ENDPOINT_URL_SAGEMAKER=$endpoint aws --cli-connect-timeout 5 --cli-read-timeout 30 \
    sagemaker describe-hyper-parameter-tuning-job --hyper-parameter-tuning-job-name cli-blog-plenty)
  check "$via_env" 'd["HyperParameterTuningJobStatus"] == "Completed"' "describe through AWS_ENDPOINT_URL_SAGEMAKER"
  echo "   honoured by $(aws --version 2>&1 | cut -d' ' -f1,4)"
fi

# 4. Errors: non-zero exit status, error code and message on stderr, nothing on stdout.
step "describe-hyper-parameter-tuning-job of a missing job"
set +e
out=$(sm describe-hyper-parameter-tuning-job --hyper-parameter-tuning-job-name no-such-tuning-job 2>"$work/err")
code=$?
set -e
err=$(<"$work/err")
((code != 0)) || fail "describe of a missing tuning job exited 0"
[[ -z $out ]] || fail "describe of a missing tuning job printed to stdout: $out"
[[ $err == *"(ResourceNotFound)"* ]] || fail "stderr does not name ResourceNotFound: $err"
[[ $err == *"Amazon SageMaker can't find a tuning job called no-such-tuning-job"* ]] ||
  fail "stderr lacks SageMaker's message: $err"
echo "   exit $code: $err"

step "describe-training-job of a missing job"
set +e
sm describe-training-job --training-job-name no-such-training-job >/dev/null 2>"$work/err"
code=$?
set -e
err=$(<"$work/err")
((code != 0)) || fail "describe of a missing training job exited 0"
[[ $err == *"(ValidationException)"*"Requested resource not found."* ]] ||
  fail "stderr does not carry ValidationException 'Requested resource not found.': $err"
echo "   exit $code: $err"

# 5. STS, as the SageMaker Python SDK asks it for the account before a tuning job.
sts() {
  aws --endpoint-url "$endpoint" --cli-connect-timeout 5 --cli-read-timeout 30 sts "$@"
}
step "sts get-caller-identity, assume-role, get-caller-identity as the role"
identity=$(sts get-caller-identity)
check "$identity" 'd == {"UserId": "'"$ACCOUNT"'", "Account": "'"$ACCOUNT"'", "Arn": "arn:aws:iam::'"$ACCOUNT"':root"}' \
  "get-caller-identity with key $AWS_ACCESS_KEY_ID"
assumed=$(sts assume-role --role-arn arn:aws:iam::210987654321:role/cli-role --role-session-name cli-session)
check "$assumed" 'd["AssumedRoleUser"]["Arn"] == "arn:aws:sts::210987654321:assumed-role/cli-role/cli-session"
                  and d["Credentials"]["AccessKeyId"].startswith("ASIA")' "assume-role"
identity=$(AWS_ACCESS_KEY_ID=$(py 'd["Credentials"]["AccessKeyId"]' <<<"$assumed") \
  AWS_SECRET_ACCESS_KEY=$(py 'd["Credentials"]["SecretAccessKey"]' <<<"$assumed") \
  AWS_SESSION_TOKEN=$(py 'd["Credentials"]["SessionToken"]' <<<"$assumed") sts get-caller-identity)
check "$identity" 'd["Account"] == "210987654321" and d["Arn"].endswith(":assumed-role/cli-role/cli-session")' \
  "get-caller-identity with the assumed role's credentials"
echo "   $(py 'd["Arn"]' <<<"$identity")"

# 6. CloudWatch Logs: what a child printed, as `aws logs` reads it.
logs() {
  aws --endpoint-url "$endpoint" --cli-connect-timeout 5 --cli-read-timeout 30 logs "$@"
}
child=$(head -n 1 "$work/cli-blog-plenty.children")
step "logs describe-log-streams / get-log-events / filter-log-events of $child"
streams=$(logs describe-log-streams --log-group-name /aws/sagemaker/TrainingJobs --log-stream-name-prefix "$child/")
check "$streams" 'len(d["logStreams"]) == 1 and d["logStreams"][0]["logStreamName"].startswith("'"$child"'/algo-1-")
                  and "nextToken" not in d' "describe-log-streams of $child"
stream=$(py 'd["logStreams"][0]["logStreamName"]' <<<"$streams")
events=$(logs get-log-events --log-group-name /aws/sagemaker/TrainingJobs --log-stream-name "$stream" --start-from-head)
check "$events" 'sum(1 for e in d["events"] if "#011validation-rmse:" in e["message"]) == 100' \
  "get-log-events: 100 rounds of validation-rmse"
found=$(logs filter-log-events --log-group-name /aws/sagemaker/TrainingJobs --log-stream-names "$stream" \
  --filter-pattern '"[99]"')
check "$found" 'len(d["events"]) == 1 and d["events"][0]["message"].startswith("[99]#011")' "filter-log-events [99]"
echo "   $stream: $(py 'd["events"][0]["message"]' <<<"$found")"

[[ ! -e $AWS_SHARED_CREDENTIALS_FILE ]] || fail "the AWS CLI wrote a credentials file"
[[ $(ls -la --time-style=full-iso "${HOME:-/nonexistent}/.aws" 2>/dev/null || echo absent) == "$home_aws_before" ]] ||
  fail "${HOME:-/nonexistent}/.aws changed during the test"
echo "PASS: AWS CLI seed flow"
