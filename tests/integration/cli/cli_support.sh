# Sourced by the AWS CLI scripts (test_cli_s3.sh, test_cli_sigv4.sh): a work folder removed on
# exit (the emulator's log shown when the script fails), `fail`, an environment where the CLI
# reads no ~/.aws and goes through no proxy, and `start_emulator ARGS...`, which runs the binary
# ($AMT_EMULATOR_BIN, else build/amt-emulator) on a free 127.0.0.1 port, waits for its health
# and points AWS_ENDPOINT_URL at it. The caller exports AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${AMT_EMULATOR_BIN:-$root/build/amt-emulator}
work=$(mktemp -d "${TMPDIR:-/tmp}/amt-cli.XXXXXX")
emu_pid=

finish() {
  local code=$?
  if [[ -n $emu_pid ]]; then
    kill -TERM "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
  fi
  if ((code != 0)) && [[ -s $work/emulator.log ]]; then tail -n 40 "$work/emulator.log" >&2; fi
  rm -rf "$work"
  exit "$code"
}
trap finish EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3 AWS_CA_BUNDLE
export AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=$work/no-config AWS_SHARED_CREDENTIALS_FILE=$work/no-credentials
export AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1 AWS_PAGER= AWS_DEFAULT_OUTPUT=json
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

start_emulator() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$bin" --host 127.0.0.1 --port "$port" "$@" >"$work/emulator.log" 2>&1 &
  emu_pid=$!
  for ((i = 0; i < 100; i++)); do
    curl -sf --noproxy '*' "http://127.0.0.1:$port/_emulator/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  export AWS_ENDPOINT_URL=http://127.0.0.1:$port
}
