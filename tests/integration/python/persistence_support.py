"""What test_persistence compares and how it crashes an emulator: a dump of everything a
restart must bring back (each tuning job's Describe, children, their Describes and tags; the
clock, faults, a region's capacity and the whole timeline), the replay line of the restart's
log, a small tuning request, and PersistenceTestCase, whose emulators keep their state in a
temporary folder and are restarted after a kill -9.
"""

import json
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import unittest
from pathlib import Path

from emulator_process import EmulatorProcess, emulator_binary, free_port
from sagemaker_requests import blog_tuning_request
from tuning_run import list_children_by_pages, strip_metadata

JOURNAL = "journal"
MANIFEST = "amt-emulator-state.json"
REPLAYED = re.compile(r"state folder (?P<folder>\S+): (?P<records>\d+) records replayed (?:from a snapshot )?"
                      r"\((?P<requests>\d+) requests, (?P<disagreements>\d+) disagreements\)")
REFUSAL_TIMEOUT_S = 10


def small_tuning_request(name, jobs=4, parallel=2):
    """The blog-post tuning request with fewer children, so that runs stay short."""
    request = blog_tuning_request(name)
    request["HyperParameterTuningJobConfig"]["ResourceLimits"] = {
        "MaxNumberOfTrainingJobs": jobs, "MaxParallelTrainingJobs": parallel}
    return request


def all_events(emu):
    doc = emu.control("GET", "/_emulator/events?maxResults=10000")
    if "nextToken" in doc:
        raise AssertionError("more than 10000 events: the dump would be cut")
    return doc["events"]


def world_dump(emu, client, tuning_names, region):
    """Everything a restart must restore, as plain data that compares with ==."""
    dump = {"tuningJobs": {}}
    for name in tuning_names:
        desc = strip_metadata(client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name))
        children, _ = list_children_by_pages(client, name, page_size=100)
        dump["tuningJobs"][name] = {
            "describe": desc,
            "children": children,
            "childDescribes": [strip_metadata(client.describe_training_job(TrainingJobName=c["TrainingJobName"]))
                               for c in children],
            "tags": client.list_tags(ResourceArn=desc["HyperParameterTuningJobArn"])["Tags"],
        }
    dump["tuningJobList"] = [s["HyperParameterTuningJobName"] for s in client.list_hyper_parameter_tuning_jobs(
        MaxResults=100)["HyperParameterTuningJobSummaries"]]
    dump["clock"] = emu.clock()
    dump["faults"] = emu.control("GET", "/_emulator/faults")
    dump["capacity"] = emu.control("GET", "/_emulator/capacity?region=" + region)
    dump["events"] = all_events(emu)
    return dump


def replay_summary(emu):
    """The numbers of the log's "N records replayed (R requests, D disagreements)" line, or None."""
    found = REPLAYED.search(emu.log_text())
    return {k: int(v) for k, v in found.groupdict().items() if k != "folder"} if found else None


def journal_records(path):
    """A journal's records, in order (framing: length, CRC-32, JSON)."""
    data, records, at = Path(path).read_bytes(), [], 0
    while at + 8 <= len(data):
        (length,) = struct.unpack_from("<I", data, at)
        records.append(json.loads(data[at + 8:at + 8 + length]))
        at += 8 + length
    return records


def journal_kinds(path):
    return [record["kind"] for record in journal_records(path)]


def is_listening(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def folder_bytes(folder):
    """Every file of a folder and its bytes: to see that a refusal left it as it was."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


class PersistenceTestCase(unittest.TestCase):
    """Each test has its own state folder (self.folder); launch() starts an emulator on it,
    crash_and_restart() kills it with SIGKILL and starts its twin on the same folder. The logs
    of every emulator a test started are printed when it fails."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="amt-state-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.started = []

    def launch(self, *args, state_dir=True):
        args = list(args) + (["--state-dir", self.folder] if state_dir is True else
                             ["--state-dir", state_dir] if state_dir else [])
        return self._start(EmulatorProcess(*args))

    def _start(self, emu):
        self.addCleanup(emu.stop)  # the log stays until run() has shown it
        self.started.append(emu)
        emu.start()
        return emu

    def crash_and_restart(self, emu, replays_requests=True):
        """kill -9, then the same command on the same folder; checks the replay's log line (a
        journal that is one snapshot replays no request)."""
        self.assertEqual(emu.kill(), -9)
        again = self._start(emu.twin())
        summary = replay_summary(again)
        self.assertIsNotNone(summary, "no replay line in the restart's log")
        self.assertEqual(summary["disagreements"], 0, summary)
        if replays_requests:
            self.assertGreater(summary["requests"], 0, summary)
        return again

    def journal(self):
        return Path(self.folder) / JOURNAL

    def run_refused(self, *args):
        """Runs the binary expecting it to refuse to start: the exit status, stderr and whether
        its port was ever served."""
        port = free_port()
        proc = subprocess.Popen([str(emulator_binary()), "--host", "127.0.0.1", "--port", str(port)] +
                                [str(a) for a in args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            _, stderr = proc.communicate(timeout=REFUSAL_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            listening = is_listening(port)
            proc.kill()
            proc.communicate()
            self.fail("amt-emulator %s did not exit within %d s (listening: %s)" % (args, REFUSAL_TIMEOUT_S, listening))
        return proc.returncode, stderr, is_listening(port)

    def run(self, result=None):
        failures = len(result.failures) + len(result.errors) if result is not None else 0
        outcome = super().run(result)
        if result is not None and len(result.failures) + len(result.errors) > failures:
            for emu in self.started:
                emu.print_log("%s failed" % self.id())
        for emu in self.started:
            emu.cleanup()
        return outcome
