"""Harness for the boto3 integration tests: runs build/amt-emulator on a free loopback port.

    with EmulatorProcess("--clock", "instant") as emu:
        client = emu.client()          # boto3 SageMaker client pointed at the emulator
        emu.set_capacity([{"instanceType": "ml.m4.xlarge", "capacity": 0}])
        client.create_hyper_parameter_tuning_job(**blog_tuning_request("demo"))  # sagemaker_requests

The binary comes from $AMT_EMULATOR_BIN (ctest sets it), else <repo>/build/amt-emulator. It is
started with --host 127.0.0.1 --port <free port> plus the given arguments, with every
AMT_EMULATOR_* variable of the caller's environment removed so that only the arguments count
(and the variables given as env=, e.g. EmulatorProcess(env={"AMT_EMULATOR_MAX_EVENTS": "20"})).
Its stdout and stderr go to a temporary file whose tail is shown when start-up fails (and, via
EmulatorTestCase, when a test fails). It is stopped by its PID: SIGTERM, then SIGKILL; kill()
sends SIGKILL at once (a crash), and twin() makes another process with the same arguments (a
restart on the same --state-dir).

Also here: raw HTTP requests (http_request), JSON helpers for the control plane
(/_emulator/*) and raw AWS JSON 1.1 requests. What the tests send to SageMaker lives in
sagemaker_requests.py; waiting for tuning jobs and reading their pages and timeline in
tuning_run.py. Only the standard library, boto3 and botocore are used; only 127.0.0.1 is
contacted.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import boto3
import botocore.config

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_BINARY = REPO_ROOT / "build" / "amt-emulator"
SCENARIOS = REPO_ROOT / "fixtures" / "scenarios"

REGION = "us-east-1"
ACCOUNT = "123456789012"
STARTUP_TIMEOUT_S = 10.0
STOP_TIMEOUT_S = 5.0
POLL_SLEEP_S = 0.005

# Never send loopback traffic through a proxy configured in the environment (urllib and
# botocore both honour these variables).
for _var in ("NO_PROXY", "no_proxy"):
    _hosts = [h for h in os.environ.get(_var, "").split(",") if h]
    os.environ[_var] = ",".join(_hosts + [h for h in ("127.0.0.1", "localhost") if h not in _hosts])

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def emulator_binary():
    return Path(os.environ.get("AMT_EMULATOR_BIN") or DEFAULT_BINARY)


def scenario_path(name):
    """Absolute path of a shipped scenario, e.g. scenario_path('blog-fallback')."""
    return str(SCENARIOS / (name + ".json"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpResult:
    """Status, headers (case-insensitive) and body of one raw HTTP exchange."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "HttpResult(%d, %r)" % (self.status, self.body[:500])


def http_request(url, method="GET", body=None, headers=None, timeout=10.0):
    """One HTTP request with urllib; returns HttpResult for every status (no raise on 4xx)."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode("utf-8")
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        body = body.encode("utf-8")
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            return HttpResult(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return HttpResult(err.code, err.headers, err.read())


class ControlPlaneError(AssertionError):
    pass


class EmulatorProcess:
    """One amt-emulator process on a free 127.0.0.1 port; a context manager."""

    def __init__(self, *args, binary=None, env=None):
        self.args = [str(a) for a in args]
        self.binary = Path(binary) if binary else emulator_binary()
        self.extra_env = {k: str(v) for k, v in (env or {}).items()}
        self.port = None
        self.proc = None
        self.returncode = None
        self._log = None
        self.health_at_start = None
        # With --control-token, the harness's own control-plane calls carry it.
        token = self.args[self.args.index("--control-token") + 1] if "--control-token" in self.args else None
        self.control_headers = {"Authorization": "Bearer " + token} if token else {}

    # ---- life cycle -------------------------------------------------------------------
    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def start(self, attempts=3):
        if not self.binary.is_file() or not os.access(self.binary, os.X_OK):
            raise FileNotFoundError(
                "amt-emulator binary not found at %s (set AMT_EMULATOR_BIN or run "
                "scripts/build.sh)" % self.binary)
        last = None
        for _ in range(attempts):
            try:
                self._start_once()
                return self
            except _EarlyExit as err:  # most likely the port was taken meanwhile: retry
                last = err
        raise AssertionError(str(last))

    def _start_once(self):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("AMT_EMULATOR_")}
        env.update(self.extra_env)
        self._log = tempfile.NamedTemporaryFile(
            prefix="amt-emulator-%d-" % self.port, suffix=".log", delete=False)
        cmd = [str(self.binary), "--host", "127.0.0.1", "--port", str(self.port)] + self.args
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, env=env, close_fds=True)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        last_error = None
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                self.returncode = code
                self.proc = None
                self._close_log()
                message = ("amt-emulator exited with %s before answering /_emulator/health"
                           "\ncommand: %s\n%s" % (code, " ".join(cmd), self.log_tail()))
                self.cleanup()
                raise _EarlyExit(message)
            try:
                res = http_request(self.url + "/_emulator/health", timeout=1.0, headers=self.control_headers)
                if res.status == 200:
                    doc = res.json()
                    if doc.get("status") == "ok":
                        self.health_at_start = doc
                        return
                    last_error = "health answered %r" % doc
                else:
                    last_error = "health answered HTTP %d" % res.status
            except (OSError, ValueError) as err:
                last_error = repr(err)
            time.sleep(POLL_SLEEP_S)
        self.stop()
        raise AssertionError("amt-emulator did not become healthy within %.0f s (last: %s)"
                             "\ncommand: %s\n%s" % (STARTUP_TIMEOUT_S, last_error, " ".join(cmd),
                                                    self.log_tail()))

    def stop(self):
        """SIGTERM by PID, SIGKILL after STOP_TIMEOUT_S; returns the exit code."""
        if self.proc is None:
            return self.returncode
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            try:
                proc.send_signal(signal.SIGTERM)
                self.returncode = proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT_S)
                self.returncode = "killed after SIGTERM timeout"
        else:
            self.returncode = proc.returncode
        self._close_log()
        return self.returncode

    def kill(self):
        """SIGKILL by PID, as `kill -9` would (no shutdown runs), waited for; returns the exit
        code (-9). The log stays readable; cleanup() still removes it."""
        if self.proc is None:
            return self.returncode
        proc, self.proc = self.proc, None
        proc.send_signal(signal.SIGKILL)
        self.returncode = proc.wait(timeout=STOP_TIMEOUT_S)
        self._close_log()
        return self.returncode

    def twin(self):
        """A new process, not started, with the same arguments and environment (e.g. the same
        --state-dir: a restart after kill())."""
        return EmulatorProcess(*self.args, binary=self.binary, env=self.extra_env)

    def _close_log(self):
        if self._log is not None and not self._log.closed:
            self._log.close()

    def cleanup(self):
        self.stop()
        if self._log is not None and not os.environ.get("AMT_TEST_KEEP_LOGS"):
            with contextlib.suppress(OSError):
                os.unlink(self._log.name)

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.print_log("test failed")
        self.cleanup()
        return False

    # ---- logs -------------------------------------------------------------------------
    @property
    def log_path(self):
        return self._log.name if self._log else None

    def log_text(self):
        """The whole log so far ('' when there is none)."""
        if self._log is None:
            return ""
        with contextlib.suppress(ValueError, OSError):
            self._log.flush()
        return Path(self._log.name).read_text(errors="replace")

    def log_tail(self, limit=6000):
        if self._log is None:
            return "(no log)"
        try:
            self._log.flush()
        except (ValueError, OSError):
            pass
        try:
            text = Path(self._log.name).read_text(errors="replace")
        except OSError as err:
            return "(log unreadable: %s)" % err
        if len(text) > limit:
            text = "...\n" + text[-limit:]
        return "---- amt-emulator log %s ----\n%s\n---- end of log ----" % (self._log.name, text)

    def print_log(self, why):
        sys.stderr.write("\n%s; emulator on port %s:\n%s\n" % (why, self.port, self.log_tail()))

    @contextlib.contextmanager
    def showing_log_on_error(self):
        try:
            yield
        except BaseException:
            self.print_log("error while driving the emulator")
            raise

    # ---- AWS API ----------------------------------------------------------------------
    def client(self, region=REGION, service="sagemaker"):
        return boto3.session.Session().client(
            service,
            region_name=region,
            endpoint_url=self.url,
            aws_access_key_id="AKIDEXAMPLE",
            aws_secret_access_key="secret",
            config=botocore.config.Config(retries={"max_attempts": 1},
                                          connect_timeout=5, read_timeout=30),
        )

    def raw_aws(self, target, body, headers=None, path="/"):
        """POST a raw JSON 1.1 request. target: 'SageMaker.<Op>' or None to omit the header;
        body: bytes/str sent verbatim, or a dict to serialise."""
        if isinstance(body, dict):
            body = json.dumps(body)
        hdrs = {"Content-Type": "application/x-amz-json-1.1"}
        if target is not None:
            hdrs["X-Amz-Target"] = target
        hdrs.update(headers or {})
        return http_request(self.url + path, method="POST", body=body, headers=hdrs)

    # ---- control plane ----------------------------------------------------------------
    def control(self, method, path, body=None, expect=200):
        res = http_request(self.url + path, method=method, body=body, headers=self.control_headers)
        if expect is not None and res.status != expect:
            raise ControlPlaneError("%s %s -> HTTP %d (expected %d): %s"
                                    % (method, path, res.status, expect, res.body[:1000]))
        return res.json() if res.body else None

    def health(self):
        return self.control("GET", "/_emulator/health")

    def capacity(self, instance_type=None):
        q = "?" + urllib.parse.urlencode({"instanceType": instance_type}) if instance_type else ""
        return self.control("GET", "/_emulator/capacity" + q)

    def set_capacity(self, pools):
        return self.control("PUT", "/_emulator/capacity", {"pools": pools})

    def clock(self):
        return self.control("GET", "/_emulator/clock")

    def advance(self, seconds):
        return self.control("POST", "/_emulator/clock", {"advanceSeconds": seconds})

    def set_clock_mode(self, mode):
        return self.control("POST", "/_emulator/clock", {"mode": mode})

    def events(self, **filters):
        """GET /_emulator/events with filters tuningJob=, trainingJob=, type=; the list,
        checked to be in strictly increasing sequence order."""
        q = urllib.parse.urlencode({k: v for k, v in filters.items() if v is not None})
        doc = self.control("GET", "/_emulator/events" + ("?" + q if q else ""))
        events = doc["events"]
        seqs = [e["sequence"] for e in events]
        if seqs != sorted(set(seqs)):
            raise AssertionError("events not in strictly increasing sequence order: %r" % seqs)
        return events

    def reset(self):
        return self.control("POST", "/_emulator/reset")


class _EarlyExit(Exception):
    pass


class EmulatorTestCase(unittest.TestCase):
    """Base class: the class's emulator (cls.emu) is started once in setUpClass via
    start_emulator() and stopped by a class cleanup; its log is printed after a failed test."""

    emu = None

    @classmethod
    def start_emulator(cls, *args):
        emu = EmulatorProcess(*args)
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu
        return emu

    def run(self, result=None):
        before = _problem_count(result)
        outcome = super().run(result)
        if result is not None and _problem_count(result) > before and self.emu is not None:
            self.emu.print_log("%s failed" % self.id())
        return outcome


def _problem_count(result):
    if result is None:
        return 0
    return len(result.failures) + len(result.errors) + len(getattr(result, "unexpectedSuccesses", []))

