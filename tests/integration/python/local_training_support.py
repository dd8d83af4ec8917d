"""Shared by the tests of --training local (test_local_training_*.py; design.md "Real training
code", training-contract.md): a scratch S3 store, work dir and shared folder per test class,
training scripts written by the tests into a sourcedir.tar.gz the way the SageMaker Python SDK
packs one, script-mode requests as the SDK sends them, the toolkit's rendering of
hyperparameters recomputed in Python, and bounded waits (wall time, or clock advances).

Every script the tests write uses only the standard library and starts with SCRIPT_PRELUDE:
`parse(name=type, ...)` reads `--name value` arguments (`-n value` for a one-letter name),
`note(shared, text)` appends a line to <shared>/<job>.txt and `write_pid(shared)` leaves
<shared>/<job>.pid, so a test can see how far a process got and whether it still exists.
"""

import contextlib
import json
import os
import signal
import struct
import tarfile
import tempfile
import time
from pathlib import Path

from emulator_process import REGION, EmulatorProcess, EmulatorTestCase
from sagemaker_requests import ROLE_ARN
from tuning_run import TERMINAL_TRAINING, TERMINAL_TUNING

# A framework image (the PyTorch estimator's): what a script-mode job names. It is in no image
# map, so only sagemaker_program makes such a job run for real.
FRAMEWORK_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.0.0-cpu-py310"
BUCKET = "bucket"
OUTPUT_PATH = "s3://bucket/output"
INSTANCE = "ml.m5.xlarge"
PYTHON = "/usr/bin/python3"
WAIT_S = 30.0
POLL_S = 0.02
TUNING_OBJECTIVE_KEY = "_tuning_objective_metric"

SCRIPT_PRELUDE = r'''
import argparse, json, os, signal, sys, time

JOB = os.environ["TRAINING_JOB_NAME"]


def parse(**kinds):
    # The toolkit passes a one-character key as -k, any other as --key.
    parser = argparse.ArgumentParser()
    for name, kind in kinds.items():
        parser.add_argument(("-" if len(name) == 1 else "--") + name, type=kind)
    return parser.parse_known_args()[0]


def note(shared, text):
    with open(os.path.join(shared, JOB + ".txt"), "a") as f:
        f.write(text + "\n")


def write_pid(shared):
    path = os.path.join(shared, JOB + ".pid")
    with open(path + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.replace(path + ".tmp", path)
'''


def script(body):
    """A training script: the prelude, then `body` (module-level code)."""
    return SCRIPT_PRELUDE + "\n" + body.strip("\n") + "\n"


# ---- the scratch folders -------------------------------------------------------------------
class Scratch:
    """<tmp>/s3 (the emulator's --s3-dir), <tmp>/work (--work-dir), <tmp>/shared (where scripts
    leave notes), all under one TemporaryDirectory."""

    def __init__(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="amt-local-training-")
        self.root = Path(self._tmp.name).resolve()
        self.s3 = self.root / "s3"
        self.work = self.root / "work"
        self.shared = self.root / "shared"
        for folder in (self.s3, self.work, self.shared):
            folder.mkdir()

    # The S3 store: s3://bucket/key is the file <s3>/bucket/key.
    def object_path(self, uri):
        assert uri.startswith("s3://"), uri
        return self.s3 / uri[len("s3://"):]

    def put_object(self, uri, data):
        path = self.object_path(uri)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return uri

    def put_source(self, estimator_job, files):
        """Packs {relative name: text} into s3://bucket/<estimator_job>/source/sourcedir.tar.gz
        as the SDK's tar_and_upload_dir does (each entry of the source folder added under its
        own name; folders recursively). Returns the s3:// URI."""
        source = self.root / "sources" / estimator_job
        self.write_tree(source, files)
        uri = "s3://%s/%s/source/sourcedir.tar.gz" % (BUCKET, estimator_job)
        archive = self.object_path(uri)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:gz") as tar:
            for entry in sorted(os.listdir(source)):
                tar.add(str(source / entry), arcname=entry)
        return uri

    def write_tree(self, folder, files):
        for name, text in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        return Path(folder)

    # What the emulator and the scripts leave.
    def log_path(self, job):
        return self.work / "logs" / (job + ".log")

    def job_folder(self, job):
        return self.work / "jobs" / job

    def notes(self, job):
        path = self.shared / (job + ".txt")
        return path.read_text().splitlines() if path.exists() else []

    def pid(self, job):
        path = self.shared / (job + ".pid")
        return int(path.read_text()) if path.exists() else None

    def output_object(self, job, name="model.tar.gz"):
        return self.object_path("%s/%s/output/%s" % (OUTPUT_PATH, job, name))

    def kill_leftovers(self):
        """SIGKILLs, by PID, script processes that outlived their emulator (only those whose
        working folder lies in this scratch folder, so a reused PID is left alone)."""
        for pid_file in self.shared.glob("*.pid"):
            with contextlib.suppress(ValueError, OSError):
                pid = int(pid_file.read_text())
                if os.readlink("/proc/%d/cwd" % pid).startswith(str(self.root)):
                    os.kill(pid, signal.SIGKILL)

    def cleanup(self):
        self.kill_leftovers()
        self._tmp.cleanup()


class LocalTrainingTestCase(EmulatorTestCase):
    """A test class with one emulator in --training local mode on its own scratch folders:
    cls.scratch, cls.emu, cls.client. At the end (class cleanups, which also run when
    setUpClass failed) the emulator stops first, then leftover scripts are killed and the
    scratch folder is removed."""

    scratch = None
    client = None

    @classmethod
    def start_local(cls, *flags, clock="instant", max_local_jobs=4, stop_grace=5, env=None):
        cls.scratch = Scratch()
        cls.addClassCleanup(cls.scratch.cleanup)
        args = ["--clock", clock, "--training", "local", "--s3-dir", cls.scratch.s3,
                "--work-dir", cls.scratch.work, "--max-local-jobs", max_local_jobs,
                "--stop-grace", stop_grace, "--python", PYTHON] + list(flags)
        emu = EmulatorProcess(*args, env=env)
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu
        cls.client = emu.client()
        return emu


# ---- requests as the SDK sends them ----------------------------------------------------------
def sdk_hyperparameters(submit_directory, user=None, program="train.py", estimator_job="estimator"):
    """A framework estimator's HyperParameters: every user value json.dumps-ed, plus the
    sagemaker_* keys the SDK adds (training-contract.md §3)."""
    hp = {k: json.dumps(v) for k, v in (user or {}).items()}
    hp.update({
        "sagemaker_program": json.dumps(program),
        "sagemaker_submit_directory": json.dumps(submit_directory),
        "sagemaker_container_log_level": "20",
        "sagemaker_job_name": json.dumps(estimator_job),
        "sagemaker_region": json.dumps(REGION),
    })
    return hp


def metric_definitions(metrics):
    return [{"Name": name, "Regex": regex} for name, regex in metrics.items()]


def training_request(name, hyperparameters, metrics=None, image=FRAMEWORK_IMAGE,
                     instance_type=INSTANCE, max_runtime=3600, **extra):
    algorithm = {"TrainingImage": image, "TrainingInputMode": "File"}
    if metrics:
        algorithm["MetricDefinitions"] = metric_definitions(metrics)
    request = {
        "TrainingJobName": name,
        "HyperParameters": dict(hyperparameters),
        "AlgorithmSpecification": algorithm,
        "RoleArn": ROLE_ARN,
        "OutputDataConfig": {"S3OutputPath": OUTPUT_PATH},
        "ResourceConfig": {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": max_runtime},
    }
    request.update(extra)
    return request


def tuning_request(name, statics, ranges, objective, metrics, max_jobs, parallel,
                   strategy="Random", seed=7, instance_types=(INSTANCE,), objective_type="Minimize",
                   **config):
    job_config = {
        "Strategy": strategy,
        "ResourceLimits": {"MaxNumberOfTrainingJobs": max_jobs, "MaxParallelTrainingJobs": parallel},
        "HyperParameterTuningJobObjective": {"Type": objective_type, "MetricName": objective},
        "ParameterRanges": {"ContinuousParameterRanges": [], "IntegerParameterRanges": [],
                            "CategoricalParameterRanges": [], **ranges},
        "RandomSeed": seed,
    }
    job_config.update(config)
    return {
        "HyperParameterTuningJobName": name,
        "HyperParameterTuningJobConfig": job_config,
        "TrainingJobDefinition": {
            "AlgorithmSpecification": {"TrainingImage": FRAMEWORK_IMAGE, "TrainingInputMode": "File",
                                       "MetricDefinitions": metric_definitions(metrics)},
            "RoleArn": ROLE_ARN,
            "OutputDataConfig": {"S3OutputPath": OUTPUT_PATH},
            "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
                {"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in instance_types]},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
            "StaticHyperParameters": dict(statics),
        },
    }


# ---- the training toolkit's rendering (training-contract.md §2.3, §2.4) -----------------------
TOOLKIT_RESERVED = {"_tuning_objective_metric", "default_user_module_name"}


def decode(value):
    """The toolkit's json.loads of a hyperparameter value; the raw string when it is not JSON."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def user_hyperparameters(hyperparameters):
    return {k: decode(v) for k, v in hyperparameters.items()
            if not k.startswith("sagemaker_") and k not in TOOLKIT_RESERVED}


def toolkit_argv(hyperparameters):
    """sagemaker_training.mapping.to_cmd_args of the decoded user hyperparameters."""
    def value_text(value):
        if isinstance(value, dict):
            return ",".join("%s=%s" % (k, v) for k, v in sorted(value.items()))
        return "" if value is None else str(value)

    decoded = user_hyperparameters(hyperparameters)
    argv = []
    for key in sorted(decoded):
        argv += [("--%s" if len(key) > 1 else "-%s") % key, value_text(decoded[key])]
    return argv


def f32(value):
    """The value SageMaker stores for a metric: rounded to a 32-bit float."""
    return struct.unpack("f", struct.pack("f", value))[0]


# ---- waiting ---------------------------------------------------------------------------------
def wait_for(what, probe, timeout_s=WAIT_S):
    """Polls probe() until it returns something truthy (returned); fails after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("%s: not within %.0f s" % (what, timeout_s))
        time.sleep(POLL_S)


def wait_training_terminal(client, name, timeout_s=WAIT_S):
    return wait_for("training job %s terminal" % name, lambda: _terminal_training(client, name), timeout_s)


def _terminal_training(client, name):
    desc = client.describe_training_job(TrainingJobName=name)
    return desc if desc["TrainingJobStatus"] in TERMINAL_TRAINING else None


def wait_tuning_terminal(client, name, timeout_s=WAIT_S):
    def probe():
        desc = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        return desc if desc["HyperParameterTuningJobStatus"] in TERMINAL_TUNING else None
    return wait_for("tuning job %s terminal" % name, probe, timeout_s)


def advance_training_until(emu, client, name, predicate, step_s=10, max_steps=500):
    """Manual clock: advances step_s virtual seconds at a time until predicate(describe)."""
    for _ in range(max_steps):
        desc = client.describe_training_job(TrainingJobName=name)
        if predicate(desc):
            return desc
        emu.advance(step_s)
    raise AssertionError("training job %s: condition not met after %d x %d virtual seconds (now %s/%s)"
                         % (name, max_steps, step_s, desc["TrainingJobStatus"], desc["SecondaryStatus"]))


def in_training(desc):
    return desc["TrainingJobStatus"] == "InProgress" and desc["SecondaryStatus"] == "Training"


def is_terminal(desc):
    return desc["TrainingJobStatus"] in TERMINAL_TRAINING


# ---- processes ---------------------------------------------------------------------------------
def process_exists(pid):
    """Whether the PID names a process (a zombie counts: its parent has not reaped it yet)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_process_gone(pid, timeout_s=10.0):
    """True once no process has the PID, False if it still exists after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while process_exists(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
    return True


# ---- reading a finished job --------------------------------------------------------------------
def secondary_statuses(desc):
    return [t["Status"] for t in desc["SecondaryStatusTransitions"]]


def phase_seconds(desc, status):
    """Seconds from the start of the (last) `status` transition to the start of the next one."""
    transitions = desc["SecondaryStatusTransitions"]
    index = max(i for i, t in enumerate(transitions) if t["Status"] == status)
    return (transitions[index + 1]["StartTime"] - transitions[index]["StartTime"]).total_seconds()


def final_metrics(desc):
    return {m["MetricName"]: m["Value"] for m in desc.get("FinalMetricDataList", [])}


def log_messages(emu, job):
    """The messages of the job's CloudWatch log stream (the one stream of a one-host job)."""
    logs = emu.client(service="logs")
    streams = logs.describe_log_streams(logGroupName="/aws/sagemaker/TrainingJobs",
                                        logStreamNamePrefix=job + "/")["logStreams"]
    if not streams:
        return []
    assert len(streams) == 1, streams
    events = logs.get_log_events(logGroupName="/aws/sagemaker/TrainingJobs",
                                 logStreamName=streams[0]["logStreamName"], startFromHead=True)["events"]
    return [e["message"] for e in events]


def tar_members(path):
    """{name: bytes} of the regular files in a tar.gz, and the list of all member names."""
    files, names = {}, []
    with tarfile.open(path, "r:gz") as tar:
        for member in tar.getmembers():
            names.append(member.name)
            if member.isfile():
                files[member.name] = tar.extractfile(member).read()
    return files, names
