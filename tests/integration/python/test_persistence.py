"""Persistence (--state-dir; design.md "Nothing lost", api/persistence): after kill -9 and a
restart on the same folder the world is back as it was (every tuning job with its counters,
best job, children and tags, the clock, faults, capacity and the timeline) in the manual,
realtime and instant clocks, and jobs in progress go on as in a twin that was never killed;
CloudWatch Logs, metrics and STS sessions come back too; a reset rewrites the journal; a torn
last record is dropped with a warning; folders that cannot be read as this emulator's are
refused with exit status 2 and a message naming them; GET/PUT /_emulator/state export and
import the same world.
"""

import datetime
import json
import struct
import time
from pathlib import Path

import boto3

from emulator_process import http_request, scenario_path
from persistence_support import (MANIFEST, PersistenceTestCase, all_events, folder_bytes, journal_kinds,
                                 journal_records, replay_summary, small_tuning_request, world_dump)
from tuning_run import advance_until_tuning_terminal

REGION = "us-west-2"  # not the scenario's: the restart has to make the region again
NAMES = ["job-0", "job-1", "job-2"]
ROLE_ACCOUNT = "210987654321"
ROLE_ARN = "arn:aws:iam::%s:role/service-role/demo" % ROLE_ACCOUNT


def interleaved_reads(client, emu, name, seconds):
    """Describe and capacity reads for a while: reads are not journaled, yet come between writes."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        emu.control("GET", "/_emulator/capacity?region=" + REGION)


def session_client(emu, creds):
    """An STS client signing with AssumeRole's temporary credentials."""
    return boto3.session.Session().client(
        "sts", endpoint_url=emu.url, region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])


class RestartRestoresTheWorldTest(PersistenceTestCase):
    def drive(self, emu, client):
        """Jobs, a stop, tags, a capacity setting and a fault, with the clock moved between them."""
        for name in NAMES:
            client.create_hyper_parameter_tuning_job(**small_tuning_request(name))
        emu.advance(300)
        client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="job-2")
        emu.advance(600)
        arn = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="job-0")[
            "HyperParameterTuningJobArn"]
        client.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "tuning"}])
        emu.control("PUT", "/_emulator/capacity", {"pools": [{"instanceType": "ml.m5.4xlarge", "capacity": 3}]})
        emu.control("POST", "/_emulator/faults",
                    {"region": REGION, "instanceTypes": ["ml.m4.xlarge"], "percentage": 50, "durationSeconds": 600},
                    expect=201)
        emu.advance(120)

    def test_manual_clock_restart_is_identical_and_jobs_go_on_like_a_twin(self):
        emu = self.launch("--clock", "manual", "--seed", "7")
        twin = self.launch("--clock", "manual", "--seed", "7", state_dir=None)
        for e in (emu, twin):
            self.drive(e, e.client(region=REGION))
        before = world_dump(emu, emu.client(region=REGION), NAMES, REGION)
        self.assertEqual(before, world_dump(twin, twin.client(region=REGION), NAMES, REGION))
        self.assertEqual(before["tuningJobs"]["job-0"]["describe"]["HyperParameterTuningJobStatus"], "InProgress")
        self.assertEqual(before["tuningJobs"]["job-2"]["describe"]["HyperParameterTuningJobStatus"], "Stopped")
        self.assertEqual(len(before["faults"]["faults"]), 1)

        emu = self.crash_and_restart(emu)
        client = emu.client(region=REGION)
        self.assertEqual(world_dump(emu, client, NAMES, REGION), before)
        # In progress before the crash, going on after it exactly as in the twin.
        for e, c in ((emu, client), (twin, twin.client(region=REGION))):
            for name in NAMES:
                advance_until_tuning_terminal(e, c, name)
        after = world_dump(emu, client, NAMES, REGION)
        self.assertEqual(after["tuningJobs"]["job-0"]["describe"]["HyperParameterTuningJobStatus"], "Completed")
        self.assertIn("BestTrainingJob", after["tuningJobs"]["job-0"]["describe"])
        self.assertEqual(after, world_dump(twin, twin.client(region=REGION), NAMES, REGION))

    def test_realtime_clock_with_reads_between_writes_restarts_identically(self):
        emu = self.launch("--clock", "realtime", "--time-scale", "600")
        client = emu.client(region=REGION)
        for name in NAMES:
            client.create_hyper_parameter_tuning_job(**small_tuning_request(name))
            interleaved_reads(client, emu, name, 0.4)
        client.stop_hyper_parameter_tuning_job(HyperParameterTuningJobName="job-2")
        interleaved_reads(client, emu, "job-0", 0.4)
        emu.set_clock_mode("manual")
        before = world_dump(emu, client, NAMES, REGION)
        self.assertGreater(before["clock"]["elapsedSeconds"], 600)  # the realtime clock did move
        self.assertTrue(before["tuningJobs"]["job-0"]["children"])

        emu = self.crash_and_restart(emu)
        self.assertEqual(world_dump(emu, emu.client(region=REGION), NAMES, REGION), before)

    def test_realtime_clock_restarts_from_the_virtual_time_reached(self):
        emu = self.launch("--clock", "realtime", "--time-scale", "600")
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        created = emu.clock()["elapsedSeconds"]
        time.sleep(2.5)  # no request: only the periodic clock records keep the time reached
        reached = emu.clock()["elapsedSeconds"]
        self.assertGreaterEqual(journal_kinds(self.journal()).count("clock"), 2)
        emu = self.crash_and_restart(emu)
        restarted = emu.clock()["elapsedSeconds"]
        # The restart rewrote the journal with the last clock record only: it grows with requests.
        self.assertRegex(emu.log_text(), r"; [1-9]\d* superseded clock records dropped")
        self.assertEqual(journal_kinds(self.journal())[:3], ["start", "request", "clock"])
        # Back at least to the last clock record (one wall second = 600 virtual seconds apart).
        self.assertGreaterEqual(restarted, created + 600, (created, reached, restarted))
        self.assertGreaterEqual(restarted, reached - 900, (created, reached, restarted))
        self.assertEqual(emu.clock()["mode"], "realtime")

    def test_what_a_realtime_read_showed_survives_a_crash(self):
        emu = self.launch("--clock", "realtime", "--time-scale", "600")
        client = emu.client(region=REGION)
        client.create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # reads only: the clock runs jobs as it catches up
            counters = client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName="job-0")["TrainingJobStatusCounters"]
            if counters["Completed"]:
                break
        self.assertTrue(counters["Completed"], "no child completed within 20 s")
        seen = all_events(emu)
        # The answers waited for a record of the mark their catch-up reached, not for the next tick.
        last_ms = max(r["mark"]["ms"] for r in journal_records(self.journal()) if "mark" in r)
        self.assertGreaterEqual(last_ms, max(e["elapsedSeconds"] for e in seen) * 1000)
        emu = self.crash_and_restart(emu)
        self.assertEqual(all_events(emu)[:len(seen)], seen)

    def test_a_graceful_stop_is_prompt_and_keeps_the_time_reached(self):
        emu = self.launch("--clock", "realtime", "--time-scale", "600")
        emu.client(region=REGION).create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        time.sleep(0.3)
        reached = emu.clock()["elapsedSeconds"]  # a read: not in the journal
        stopping = time.monotonic()
        self.assertEqual(emu.stop(), 0)  # SIGTERM
        self.assertLess(time.monotonic() - stopping, 2.0)
        emu = self._start(emu.twin())
        self.assertEqual(replay_summary(emu)["disagreements"], 0)
        self.assertGreaterEqual(emu.clock()["elapsedSeconds"], reached)

    def test_instant_clock_restarts_identically(self):
        emu = self.launch("--clock", "instant")
        client = emu.client(region=REGION)
        for name in NAMES:
            client.create_hyper_parameter_tuning_job(**small_tuning_request(name))
            for _ in range(3):
                client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        emu.set_clock_mode("manual")
        before = world_dump(emu, client, NAMES, REGION)
        for name in NAMES:
            self.assertEqual(before["tuningJobs"][name]["describe"]["HyperParameterTuningJobStatus"], "Completed")
        emu = self.crash_and_restart(emu)
        self.assertEqual(world_dump(emu, emu.client(region=REGION), NAMES, REGION), before)


class OtherServicesSurviveTest(PersistenceTestCase):
    def test_logs_metrics_and_sts_sessions_come_back(self):
        emu = self.launch("--clock", "manual")
        logs = emu.client(service="logs")
        logs.create_log_group(logGroupName="/app/persist")
        logs.create_log_stream(logGroupName="/app/persist", logStreamName="s1")
        logs.put_log_events(logGroupName="/app/persist", logStreamName="s1",
                            logEvents=[{"timestamp": 1_000, "message": "first"}, {"timestamp": 2_000, "message": "second"}])
        now = datetime.datetime.fromtimestamp(int(emu.clock()["now"]) // 60 * 60, datetime.timezone.utc)
        start = now - datetime.timedelta(minutes=10)
        emu.client(service="cloudwatch").put_metric_data(Namespace="Persist", MetricData=[
            {"MetricName": "Latency", "Value": v, "Timestamp": start + datetime.timedelta(seconds=s), "Unit": "Milliseconds"}
            for v, s in ((3.0, 10), (5.0, 70))])
        creds = emu.client(service="sts", region="us-east-1").assume_role(
            RoleArn=ROLE_ARN, RoleSessionName="persisted")["Credentials"]

        def observed(e):
            events = e.client(service="logs").get_log_events(logGroupName="/app/persist", logStreamName="s1",
                                                             startFromHead=True)["events"]
            stats = e.client(service="cloudwatch").get_metric_statistics(
                Namespace="Persist", MetricName="Latency", StartTime=start, EndTime=now, Period=60,
                Statistics=["Sum", "SampleCount"])["Datapoints"]
            caller = session_client(e, creds).get_caller_identity()
            return ([(x["timestamp"], x["message"]) for x in events],
                    sorted((p["Timestamp"], p["Sum"], p["SampleCount"]) for p in stats),
                    (caller["Account"], caller["Arn"]))

        before = observed(emu)
        self.assertEqual(before[0], [(1_000, "first"), (2_000, "second")])
        self.assertEqual([p[1] for p in before[1]], [3.0, 5.0])
        self.assertEqual(before[2][0], ROLE_ACCOUNT)
        self.assertIn(":assumed-role/demo/persisted", before[2][1])
        emu = self.crash_and_restart(emu)
        self.assertEqual(observed(emu), before)


class ResetAndTornRecordTest(PersistenceTestCase):
    def test_reset_rewrites_the_journal_and_a_restart_shows_the_reset_world(self):
        emu = self.launch("--clock", "manual")
        client = emu.client()
        for name in NAMES:
            client.create_hyper_parameter_tuning_job(**small_tuning_request(name))
        emu.advance(1200)
        grown = self.journal().stat().st_size
        emu.control("POST", "/_emulator/reset", {"seed": 42})
        rewritten = self.journal().stat().st_size
        self.assertLess(rewritten, 500, "a reset leaves just the start record")
        self.assertLess(rewritten, grown)
        emu.kill()
        emu = self._start(emu.twin())
        self.assertEqual(replay_summary(emu), {"records": 1, "requests": 0, "disagreements": 0})
        self.assertEqual(emu.client().list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"], [])
        self.assertEqual(emu.clock()["seed"], 42)
        self.assertEqual(emu.clock()["elapsedSeconds"], 0)
        self.assertEqual(all_events(emu), [])

    def test_a_torn_last_record_is_dropped_with_a_warning(self):
        emu = self.launch("--clock", "manual")
        client = emu.client()
        client.create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        emu.advance(600)
        before = world_dump(emu, client, ["job-0"], "us-east-1")
        self.assertEqual(emu.kill(), -9)
        whole = self.journal().stat().st_size
        with open(self.journal(), "ab") as f:  # a header declaring 100 bytes, and 11 of them
            f.write(struct.pack("<II", 100, 0) + b'{"kind":"cl')
        emu = self._start(emu.twin())
        self.assertIn("dropped a torn last record", emu.log_text())
        self.assertEqual(replay_summary(emu)["disagreements"], 0)
        self.assertEqual(self.journal().stat().st_size, whole)  # cut back to the last whole record
        self.assertEqual(world_dump(emu, emu.client(), ["job-0"], "us-east-1"), before)
        # Appends go on after the last whole record: a further restart reads them all.
        emu.client().create_hyper_parameter_tuning_job(**small_tuning_request("job-1"))
        after = world_dump(emu, emu.client(), ["job-0", "job-1"], "us-east-1")
        emu = self.crash_and_restart(emu)
        self.assertNotIn("torn", emu.log_text())
        self.assertEqual(world_dump(emu, emu.client(), ["job-0", "job-1"], "us-east-1"), after)


class RefusedFoldersTest(PersistenceTestCase):
    def made_folder(self, *args):
        """A real state folder with one job in it, its emulator stopped."""
        emu = self.launch("--clock", "manual", *args)
        emu.client().create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        self.assertEqual(emu.stop(), 0)
        return Path(self.folder)

    def assert_refused(self, *args):
        kept = folder_bytes(self.folder)
        code, stderr, listening = self.run_refused("--clock", "manual", "--state-dir", self.folder, *args)
        self.assertEqual(code, 2, stderr)
        self.assertIn(self.folder, stderr)
        self.assertFalse(listening)
        self.assertEqual(folder_bytes(self.folder), kept, "a refused folder is left as it was")
        return stderr

    def test_a_damaged_journal_is_refused_not_cut(self):
        journal = self.made_folder() / "journal"
        whole = journal.read_bytes()
        flipped = bytearray(whole)
        flipped[2] ^= 0x01  # the first record's length now runs past the end, over a whole record
        # (The last record damaged looks like a write a crash cut short, and is dropped as one.)
        for damaged in (bytes(flipped), whole + bytes((i * 151) % 256 for i in range(4096))):
            with self.subTest(len(damaged)):
                journal.write_bytes(damaged)
                self.assertIn("the journal is damaged", self.assert_refused())

    def test_another_format_version_is_refused(self):
        manifest = self.made_folder() / MANIFEST
        doc = json.loads(manifest.read_text())
        doc["formatVersion"] = 99
        manifest.write_text(json.dumps(doc))
        self.assertIn("version 99", self.assert_refused())

    def test_another_scenario_is_refused(self):
        self.made_folder("--scenario", scenario_path("plenty"))
        self.assertIn("another scenario", self.assert_refused("--scenario", scenario_path("gpu-crunch")))

    def test_a_manifest_that_does_not_parse_is_refused(self):
        (self.made_folder() / MANIFEST).write_text("{ not json")
        self.assertIn("does not parse", self.assert_refused())

    def test_a_folder_another_emulator_uses_is_refused(self):
        running = self.launch("--clock", "manual")
        running.client().list_hyper_parameter_tuning_jobs()
        self.assertIn("in use by another amt-emulator", self.assert_refused())
        running.kill()  # the kernel lets go of the lock with the process, kill -9 included
        self.launch("--clock", "manual").client().list_hyper_parameter_tuning_jobs()

    def test_a_folder_of_other_files_is_refused(self):
        (Path(self.folder) / "notes.txt").write_text("mine\n")
        self.assertIn("no " + MANIFEST, self.assert_refused())

    def test_local_training_is_refused(self):
        self.assertIn("--training local", self.assert_refused("--training", "local"))


class ExportImportTest(PersistenceTestCase):
    def exporting(self):
        emu = self.launch("--clock", "manual")
        client = emu.client(region=REGION)
        for name in NAMES[:2]:
            client.create_hyper_parameter_tuning_job(**small_tuning_request(name))
        emu.advance(600)
        client.add_tags(ResourceArn=client.describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="job-1")["HyperParameterTuningJobArn"], Tags=[{"Key": "k", "Value": "v"}])
        emu.control("PUT", "/_emulator/capacity", {"pools": [{"instanceType": "ml.m4.xlarge", "capacity": 1}]})
        emu.advance(300)
        return emu, emu.control("GET", "/_emulator/state")

    def test_an_export_imports_into_the_same_world(self):
        source, document = self.exporting()
        self.assertEqual((document["format"], document["formatVersion"]), ("amt-emulator-state", 1))
        self.assertEqual(set(document["scenario"]), {"name", "sha256"})
        self.assertTrue(document["writtenBy"].startswith("amt-emulator "))
        expected = world_dump(source, source.client(region=REGION), NAMES[:2], REGION)
        requests = sum(1 for r in document["records"] if r.get("kind") == "request")
        for state_dir in (None, str(Path(self.folder) / "imported")):
            target = self.launch("--clock", "manual", state_dir=state_dir)
            answer = target.control("PUT", "/_emulator/state", document)
            self.assertEqual(answer["status"], "ok")
            self.assertEqual((answer["records"], answer["requests"], answer["disagreements"]),
                             (len(document["records"]), requests, 0))
            self.assertEqual(answer["elapsedSeconds"], expected["clock"]["elapsedSeconds"])
            self.assertEqual(world_dump(target, target.client(region=REGION), NAMES[:2], REGION), expected)
        # With a state folder the import became its journal: it survives a crash.
        target = self.crash_and_restart(target)
        self.assertEqual(world_dump(target, target.client(region=REGION), NAMES[:2], REGION), expected)

    def test_sessions_issued_before_an_import_survive_it_and_a_crash(self):
        _, document = self.exporting()
        target = self.launch("--clock", "manual", state_dir=str(Path(self.folder) / "imported"))
        creds = target.client(service="sts", region="us-east-1").assume_role(
            RoleArn=ROLE_ARN, RoleSessionName="before-import")["Credentials"]
        self.assertEqual(target.control("PUT", "/_emulator/state", document)["disagreements"], 0)
        target = self.crash_and_restart(target)
        caller = session_client(target, creds).get_caller_identity()
        self.assertEqual(caller["Account"], ROLE_ACCOUNT)
        self.assertIn(":assumed-role/demo/before-import", caller["Arn"])
        # Imported twice (its own export included), a session is one record, not two.
        exported = target.control("GET", "/_emulator/state")
        self.assertEqual(target.control("PUT", "/_emulator/state", exported)["disagreements"], 0)
        sessions = [r for r in target.control("GET", "/_emulator/state")["records"] if r["kind"] == "stsSession"]
        self.assertEqual([s["accessKeyId"] for s in sessions], [creds["AccessKeyId"]])

    def test_other_versions_and_scenarios_are_refused(self):
        _, document = self.exporting()
        target = self.launch("--clock", "manual", state_dir=None)
        for field, value, words in (("formatVersion", 2, "version 2"),
                                    ("scenario", dict(document["scenario"], sha256="0" * 64), "another scenario")):
            res = http_request(target.url + "/_emulator/state", method="PUT", body=dict(document, **{field: value}))
            self.assertEqual(res.status, 400, res)
            self.assertEqual(res.json()["error"], "InvalidState")
            self.assertIn(words, res.json()["message"])
        res = http_request(target.url + "/_emulator/state", method="PUT",
                           body=dict(document, records=[{"kind": "request"}]))
        self.assertEqual((res.status, res.json()["error"]), (400, "InvalidState"), res)
        self.assertEqual(target.client().list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"], [])

    def test_an_import_may_be_larger_than_other_control_plane_bodies(self):
        _, document = self.exporting()
        target = self.launch("--clock", "manual", state_dir=None)
        # 9 MiB: over the 8 MiB of other control-plane bodies, so only the import's own check
        # (another scenario) can refuse it.
        bulky = dict(document, scenario=dict(document["scenario"], sha256="0" * 64), padding="x" * (9 << 20))
        res = http_request(target.url + "/_emulator/state", method="PUT", body=bulky)
        self.assertEqual((res.status, res.json()["error"]), (400, "InvalidState"), res)
        self.assertIn("another scenario", res.json()["message"])

    def test_export_needs_a_state_folder(self):
        emu = self.launch("--clock", "manual", state_dir=None)
        res = http_request(emu.url + "/_emulator/state")
        self.assertEqual((res.status, res.json()["error"]), (409, "NoStateFolder"), res)

    def test_the_control_token_guards_the_state(self):
        emu = self.launch("--clock", "manual", "--control-token", "T0ken")
        refused_clock = http_request(emu.url + "/_emulator/clock")
        self.assertGreaterEqual(refused_clock.status, 400)
        for method in ("GET", "PUT"):
            res = http_request(emu.url + "/_emulator/state", method=method, body={} if method == "PUT" else None)
            self.assertEqual((res.status, res.body), (refused_clock.status, refused_clock.body))
        self.assertEqual(emu.control("GET", "/_emulator/state")["format"], "amt-emulator-state")

    def test_neither_the_control_token_nor_a_session_token_is_kept(self):
        emu = self.launch("--clock", "manual", "--control-token", "T0ken-kept-secret")
        emu.advance(60)
        creds = emu.client(service="sts", region="us-east-1").assume_role(
            RoleArn=ROLE_ARN, RoleSessionName="tokens")["Credentials"]
        def session(e):  # its jobs live in the role's account
            return boto3.session.Session().client(
                "sagemaker", endpoint_url=e.url, region_name=REGION, aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])

        session(emu).create_hyper_parameter_tuning_job(**small_tuning_request("job-0"))
        exported = json.dumps(emu.control("GET", "/_emulator/state"))
        journal = self.journal().read_bytes().decode(errors="replace")
        for text in (exported, journal):
            self.assertNotIn("T0ken-kept-secret", text)
            self.assertNotIn("X-Amz-Security-Token", text)
            self.assertIn("/_emulator/clock", text)  # the requests themselves are kept
        # The session's own record keeps its token (a restart needs it); no request carries it.
        self.assertEqual(journal.count(creds["SessionToken"]), 1)
        emu = self.crash_and_restart(emu)
        self.assertEqual(emu.clock()["elapsedSeconds"], 60)
        self.assertEqual(session(emu).describe_hyper_parameter_tuning_job(
            HyperParameterTuningJobName="job-0")["HyperParameterTuningJobName"], "job-0")
