"""Snapshots of a state folder (docs/persistence.md "Snapshots"): when nothing is under way, the
journal is rewritten as one snapshot of the world, on request (POST /_emulator/state/snapshot)
or by itself once it pays (--snapshot-every). A restart from a snapshot must be
indistinguishable from a restart that replayed every request, and from an emulator that was
never stopped, then and for every later request (the random streams, the pools, the demand and
the caches are in the snapshot). The gpu-crunch scenario has background demand, spot
interruptions, a scenario fault and an unavailable-offerings cache, so each of them is
exercised.
"""

import datetime
import json
import struct
import zlib
from pathlib import Path

from persistence_support import (PersistenceTestCase, journal_kinds, journal_records, replay_summary,
                                 small_tuning_request, world_dump)
from emulator_process import http_request, scenario_path
from sagemaker_requests import basic_training_request
from tuning_run import advance_until_tuning_terminal

SCENARIO = scenario_path("gpu-crunch")
REGION = "us-east-1"
OTHER_REGION = "us-west-2"
GPU_CONFIGS = [{"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 30}
               for t in ("ml.g5.xlarge", "ml.g5.2xlarge", "ml.m5.xlarge")]


def gpu_tuning_request(name, spot=False):
    request = small_tuning_request(name, jobs=5, parallel=3)
    definition = request["TrainingJobDefinition"]
    definition["HyperParameterTuningResourceConfig"] = {"InstanceConfigs": [dict(c) for c in GPU_CONFIGS]}
    if spot:
        definition["EnableManagedSpotTraining"] = True
        definition["StoppingCondition"] = {"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200}
    return request


def take_snapshot(emu, expect=200):
    return emu.control("POST", "/_emulator/state/snapshot", expect=expect)


def advance_until_training_terminal(emu, client, name, step_s=300, max_steps=500):
    for _ in range(max_steps):
        if client.describe_training_job(TrainingJobName=name)["TrainingJobStatus"] in ("Completed", "Failed", "Stopped"):
            return
        emu.advance(step_s)
    raise AssertionError("training job %s not terminal" % name)


def full_dump(emu, tuning_names, training_names):
    """world_dump, plus what else a snapshot carries: plain training jobs, the capacity history,
    CloudWatch Logs (the training jobs' streams too) and metrics."""
    client = emu.client(region=REGION)
    dump = world_dump(emu, client, tuning_names, REGION)
    other = emu.client(region=OTHER_REGION)
    dump["trainingJobs"] = [other.describe_training_job(TrainingJobName=n) for n in training_names]
    for desc in dump["trainingJobs"]:
        desc.pop("ResponseMetadata", None)
    dump["history"] = http_request(emu.url + "/_emulator/capacity?history=json").json()
    logs = emu.client(service="logs", region=REGION)
    groups = logs.describe_log_groups()["logGroups"]
    dump["logGroups"] = groups
    dump["logEvents"] = {g["logGroupName"]: [(e["logStreamName"], e["timestamp"], e["message"])
                                             for e in logs.filter_log_events(logGroupName=g["logGroupName"],
                                                                             limit=200)["events"]]
                         for g in groups}
    metrics = emu.client(service="cloudwatch", region=REGION).list_metrics()["Metrics"]
    dump["metrics"] = sorted(json.dumps(m, sort_keys=True) for m in metrics)
    return dump


class SnapshotRestartTest(PersistenceTestCase):
    def first_phase(self, emu):
        """Jobs that run to their end in two regions, tags, settings, a fault, logs and metrics."""
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("gpu-0"))
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("gpu-spot", spot=True))
        for name in ("gpu-0", "gpu-spot"):
            advance_until_tuning_terminal(emu, client, name)
        other = emu.client(region=OTHER_REGION)
        other.create_training_job(**basic_training_request("plain-0"))
        advance_until_training_terminal(emu, other, "plain-0")
        arn = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="gpu-0")[
            "HyperParameterTuningJobArn"]
        client.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "tuning"}])
        emu.control("PUT", "/_emulator/capacity", {"pools": [{"instanceType": "ml.g5.xlarge", "capacity": 2}]})
        emu.control("POST", "/_emulator/faults",
                    {"region": REGION, "instanceTypes": ["ml.g5.2xlarge"], "percentage": 40,
                     "durationSeconds": 7200}, expect=201)
        logs = emu.client(service="logs", region=REGION)
        logs.create_log_group(logGroupName="/app/snap")
        logs.create_log_stream(logGroupName="/app/snap", logStreamName="s1")
        logs.put_log_events(logGroupName="/app/snap", logStreamName="s1",
                            logEvents=[{"timestamp": 1_000, "message": "kept"}])
        stamp = datetime.datetime.fromtimestamp(int(emu.clock()["now"]) // 60 * 60, datetime.timezone.utc)
        emu.client(service="cloudwatch", region=REGION).put_metric_data(
            Namespace="Snap", MetricData=[{"MetricName": "Depth", "Value": 4.0, "Timestamp": stamp}])
        emu.advance(900)  # demand steps and the scenario's changes, with nothing running

    def second_phase(self, emu):
        """New jobs after the restart: they draw from the restored random streams and pools."""
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("gpu-after"))
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("gpu-after-spot", spot=True))
        for name in ("gpu-after", "gpu-after-spot"):
            advance_until_tuning_terminal(emu, client, name)
        emu.client(region=OTHER_REGION).create_training_job(**basic_training_request("plain-1"))
        advance_until_training_terminal(emu, emu.client(region=OTHER_REGION), "plain-1")

    def test_a_restart_from_a_snapshot_is_a_full_replay_and_a_world_never_stopped(self):
        snapshotting = self.launch("--clock", "manual", "--seed", "11", "--scenario", SCENARIO, "--snapshot-every", "0")
        replaying_dir = str(Path(self.folder) / "replaying")
        replaying = self.launch("--clock", "manual", "--seed", "11", "--scenario", SCENARIO, "--snapshot-every", "0",
                                state_dir=replaying_dir)
        never_stopped = self.launch("--clock", "manual", "--seed", "11", "--scenario", SCENARIO, "--snapshot-every", "0",
                                    state_dir=str(Path(self.folder) / "never-stopped"))
        for emu in (snapshotting, replaying, never_stopped):
            self.first_phase(emu)
        self.assertGreater(take_snapshot(snapshotting)["replacedRecords"], 10)
        self.assertEqual(journal_kinds(self.journal()), ["snapshot"])
        self.assertEqual(journal_kinds(Path(replaying_dir) / "journal")[0], "start")
        before = full_dump(never_stopped, ["gpu-0", "gpu-spot"], ["plain-0"])
        self.assertEqual(full_dump(snapshotting, ["gpu-0", "gpu-spot"], ["plain-0"]), before)

        snapshotting = self.crash_and_restart(snapshotting, replays_requests=False)
        self.assertIn("records replayed from a snapshot", snapshotting.log_text())
        self.assertEqual(replay_summary(snapshotting)["records"], 1)
        replaying = self.crash_and_restart(replaying)
        for emu in (snapshotting, replaying):
            self.assertEqual(full_dump(emu, ["gpu-0", "gpu-spot"], ["plain-0"]), before)

        for emu in (snapshotting, replaying, never_stopped):
            self.second_phase(emu)
        names = ["gpu-0", "gpu-spot", "gpu-after", "gpu-after-spot"]
        after = full_dump(never_stopped, names, ["plain-0", "plain-1"])
        self.assertEqual(full_dump(replaying, names, ["plain-0", "plain-1"]), after)
        self.assertEqual(full_dump(snapshotting, names, ["plain-0", "plain-1"]), after)
        # Byte for byte, the whole state (random streams and caches included) of the world
        # restored from a snapshot is that of the world never stopped.
        for emu in (snapshotting, never_stopped):
            take_snapshot(emu)
        worlds = [e.control("GET", "/_emulator/state")["records"][0] for e in (snapshotting, never_stopped)]
        self.assertEqual([w["kind"] for w in worlds], ["snapshot", "snapshot"])
        self.assertEqual(worlds[0], worlds[1])

    def test_a_snapshot_waits_until_nothing_is_under_way(self):
        emu = self.launch("--clock", "manual", "--scenario", SCENARIO, "--snapshot-every", "0")
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("busy"))
        emu.advance(60)
        refused = http_request(emu.url + "/_emulator/state/snapshot", method="POST")
        self.assertEqual((refused.status, refused.json()["error"]), (409, "Busy"))
        self.assertEqual(journal_kinds(self.journal())[:3], ["start", "request", "request"])
        advance_until_tuning_terminal(emu, client, "busy")
        taken = take_snapshot(emu)
        self.assertEqual(taken["elapsedSeconds"], emu.clock()["elapsedSeconds"])
        self.assertGreaterEqual(taken["replacedRecords"], 3)
        self.assertEqual(journal_kinds(self.journal()), ["snapshot"])
        before = full_dump(emu, ["busy"], [])
        emu = self.crash_and_restart(emu, replays_requests=False)
        self.assertIn("1 records replayed from a snapshot (0 requests, 0 disagreements)", emu.log_text())
        self.assertEqual(full_dump(emu, ["busy"], []), before)

    def test_one_pays_by_itself_when_the_replay_is_costly(self):
        """Bayesian search fits a Gaussian process for each child: its replay costs far more than
        loading what it left, so --snapshot-every takes the snapshot without being asked."""
        emu = self.launch("--clock", "manual", "--scenario", SCENARIO, "--snapshot-every", "1")
        client = emu.client(region=REGION)
        for name in ("bayes-0", "bayes-1"):
            request = small_tuning_request(name, jobs=30, parallel=3)
            request["HyperParameterTuningJobConfig"]["Strategy"] = "Bayesian"
            client.create_hyper_parameter_tuning_job(**request)
        for name in ("bayes-0", "bayes-1"):
            advance_until_tuning_terminal(emu, client, name)
        emu.advance(60)
        kinds = journal_kinds(self.journal())
        self.assertEqual(kinds[0], "snapshot")
        self.assertLessEqual(len(kinds), 2)  # at most the last advance follows it
        before = full_dump(emu, ["bayes-0", "bayes-1"], [])
        emu = self.crash_and_restart(emu, replays_requests=False)
        self.assertIn("records replayed from a snapshot", emu.log_text())
        self.assertEqual(full_dump(emu, ["bayes-0", "bayes-1"], []), before)

    def test_without_a_state_folder_there_is_nothing_to_snapshot(self):
        emu = self.launch("--clock", "manual", state_dir=None)
        refused = http_request(emu.url + "/_emulator/state/snapshot", method="POST")
        self.assertEqual((refused.status, refused.json()["error"]), (409, "NoStateFolder"))


class SnapshotDocumentsTest(PersistenceTestCase):
    def snapshotted(self):
        emu = self.launch("--clock", "manual", "--scenario", SCENARIO, "--snapshot-every", "0")
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**gpu_tuning_request("doc-0"))
        advance_until_tuning_terminal(emu, client, "doc-0")
        take_snapshot(emu)
        emu.advance(60)
        self.assertEqual(journal_kinds(self.journal()), ["snapshot", "request"])
        return emu

    def test_an_export_of_a_snapshot_imports_into_the_same_world(self):
        source = self.snapshotted()
        document = source.control("GET", "/_emulator/state")
        self.assertEqual([r["kind"] for r in document["records"]], ["snapshot", "request", "clock"])
        expected = full_dump(source, ["doc-0"], [])
        target = self.launch("--clock", "manual", "--scenario", SCENARIO, state_dir=None)
        answer = target.control("PUT", "/_emulator/state", document)
        self.assertEqual((answer["status"], answer["records"], answer["requests"], answer["disagreements"]),
                         ("ok", 3, 1, 0))
        self.assertEqual(full_dump(target, ["doc-0"], []), expected)

    def test_a_snapshot_that_does_not_fit_is_refused_and_costs_nothing(self):
        source = self.snapshotted()
        document = source.control("GET", "/_emulator/state")
        target = self.launch("--clock", "manual", "--scenario", SCENARIO, state_dir=None)
        target.client(region=REGION).create_hyper_parameter_tuning_job(**gpu_tuning_request("kept"))

        def damaged(damage):
            copy = json.loads(json.dumps(document))
            damage(copy["records"], copy["records"][0]["world"])
            return copy

        def no_request(records, world):
            del world["jobs"]["scopes"][0]["tuning_jobs"][0]["request"]

        for damage, words in (
                (lambda records, world: world["regions"][0].update(pool={"not": "a pool"}),
                 "Record 1 is a snapshot this emulator cannot load"),
                (no_request, "Record 1 is a snapshot this emulator cannot load"),
                (lambda records, world: world["regions"].append(world["regions"][0]), "listed twice"),
                (lambda records, world: records.append(records[0]), "Record 4 begins a world again")):
            refused = http_request(target.url + "/_emulator/state", method="PUT", body=damaged(damage))
            self.assertEqual((refused.status, refused.json()["error"]), (400, "InvalidState"), words)
            self.assertIn(words, refused.json()["message"])
            # The running world is untouched: its job is still there.
            target.client(region=REGION).describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="kept")

        # The same damage in a folder refuses the folder, naming it.
        self.assertEqual(source.kill(), -9)
        records = journal_records(self.journal())
        records[0]["world"]["regions"][0]["pool"] = {"not": "a pool"}
        rewrite_journal(self.journal(), records)
        status, stderr, listening = self.run_refused("--clock", "manual", "--scenario", SCENARIO,
                                                     "--state-dir", self.folder)
        self.assertEqual(status, 2)
        self.assertFalse(listening)
        self.assertIn("state folder " + self.folder, stderr)
        self.assertIn("is a snapshot this emulator cannot load", stderr)


def rewrite_journal(path, records):
    """Frames records as the journal does (length, CRC-32, JSON)."""
    data = b""
    for record in records:
        payload = json.dumps(record).encode()
        data += struct.pack("<II", len(payload), zlib.crc32(payload)) + payload
    Path(path).write_bytes(data)
