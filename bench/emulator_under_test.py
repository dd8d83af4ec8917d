"""The emulator as the Python benches drive it: started from build/amt-emulator (or
AMT_EMULATOR_BIN) on a free loopback port and stopped by its PID, its resident memory read
from /proc, and one keep-alive AWS JSON 1.1 connection to call it."""
import http.client
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "integration" / "python"))


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


def start(clock, *flags):
    """Starts the emulator; returns (process, port). The caller stops it with stop()."""
    binary = os.environ.get("AMT_EMULATOR_BIN", str(ROOT / "build" / "amt-emulator"))
    proc = subprocess.Popen([binary, "--clock", clock, "--port", "0", "--log-level", "info", *flags],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if match:
            return proc, int(match.group(1))
    proc.kill()
    raise SystemExit("the emulator did not start")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=10)


class Client:
    """SageMaker calls over one keep-alive connection; any answer but 200 ends the bench."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, operation, body, account=123456789012):
        headers = {"X-Amz-Target": "SageMaker." + operation, "Content-Type": "application/x-amz-json-1.1",
                   "Authorization": "AWS4-HMAC-SHA256 Credential=%012d/20261203/us-east-1/sagemaker/aws4_request, "
                                    "SignedHeaders=host, Signature=0" % account}
        self.conn.request("POST", "/", json.dumps(body), headers)
        resp = self.conn.getresponse()
        text = resp.read()
        if resp.status != 200:
            raise SystemExit("%s: HTTP %d %s" % (operation, resp.status, text[:300]))
        return json.loads(text) if text else {}
