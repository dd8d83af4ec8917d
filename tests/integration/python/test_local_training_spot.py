"""--training local with managed spot training (design.md "Real training code";
training-contract.md §1.7, §6; docs/scenarios.md): a spot interruption terminates the running
process, its checkpoint folder is mirrored to CheckpointConfig.S3Uri, and the restarted process
finds the checkpoints restored and resumes from them; the job still ends Completed.

The interruption is a storm in the scenario: a hazard of 10 interruptions per second on
ml.m5.xlarge spot for two virtual seconds (from 1000 s), next to nothing before or after. On the
manual clock the test brings the job into Training, lets the script save a few epochs, then
advances through the storm.
"""

import json
import unittest

from local_training_support import (
    LocalTrainingTestCase, Scratch, advance_training_until, f32, final_metrics, in_training, is_terminal,
    log_messages, script, sdk_hyperparameters, secondary_statuses, training_request, wait_for, wait_process_gone)

STORM_AT_S = 1000
SCENARIO = {
    "name": "spot-storm-at-1000",
    "description": "ml.m5.xlarge spot: hazard 0.0001/h, times 3.6e8 (10 per second) from 1000 s to 1002 s",
    "spot": {
        "capacityPerZone": 4,
        "instanceTypes": {"ml.m5.xlarge": {"hazardPerHour": 0.0001}},
        "storms": [{"startSeconds": STORM_AT_S, "durationSeconds": 2, "stormMultiplier": 360000000,
                    "instanceTypes": ["ml.m5.xlarge"]}],
    },
}

EPOCHS = 14

# Resumes from <LocalPath>/progress.json (LocalPath read from checkpointconfig.json), then runs
# the remaining epochs, saving progress after each one (atomically). On SIGTERM it takes a moment,
# says so on stderr and exits.
RESUMABLE = script(r'''
a = parse(shared=str, epochs=int, sleep=float)
with open(os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "checkpointconfig.json")) as f:
    checkpoints = json.load(f)["LocalPath"]
progress = os.path.join(checkpoints, "progress.json")
done, loss = 0, None
if os.path.exists(progress):
    with open(progress) as f:
        saved = json.load(f)
    done, loss = saved["epoch"], saved["loss"]
write_pid(a.shared)
note(a.shared, "run from %d" % done)


def on_term(signum, frame):
    time.sleep(0.2)
    print("SIGTERM, leaving", file=sys.stderr, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, on_term)
for epoch in range(done + 1, a.epochs + 1):
    time.sleep(a.sleep)
    loss = 1.0 / epoch if loss is None else loss * 0.9 + 0.01 * epoch
    with open(progress + ".tmp", "w") as f:
        json.dump({"epoch": epoch, "loss": loss}, f)
    os.replace(progress + ".tmp", progress)
    note(a.shared, "epoch %d" % epoch)
    print("epoch %d loss=%r" % (epoch, loss), flush=True)
note(a.shared, "done")
''')


def expected_loss(epochs):
    loss = None
    for epoch in range(1, epochs + 1):
        loss = 1.0 / epoch if loss is None else loss * 0.9 + 0.01 * epoch
    return loss


class SpotInterruptionTest(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        cls.scenario_scratch = Scratch()
        cls.addClassCleanup(cls.scenario_scratch.cleanup)
        scenario = cls.scenario_scratch.root / "scenario.json"
        scenario.write_text(json.dumps(SCENARIO))
        cls.start_local("--scenario", scenario, clock="manual", stop_grace=2)
        cls.source = cls.scratch.put_source("resumable", {"train.py": RESUMABLE})

    def test_an_interrupted_process_resumes_from_its_checkpoints(self):
        name = "spot-resume"
        checkpoint_uri = "s3://bucket/checkpoints/%s" % name
        hp = sdk_hyperparameters(self.source, {"shared": str(self.scratch.shared), "epochs": EPOCHS, "sleep": 0.15})
        self.client.create_training_job(**training_request(
            name, hp, {"loss": r"loss=(\S+)"}, max_runtime=3600, EnableManagedSpotTraining=True,
            StoppingCondition={"MaxRuntimeInSeconds": 3600, "MaxWaitTimeInSeconds": 7200},
            CheckpointConfig={"S3Uri": checkpoint_uri}))

        # First run: into Training well before the storm, let it save a few epochs.
        job = advance_training_until(self.emu, self.client, name, in_training, step_s=10)
        now = self.emu.clock()["elapsedSeconds"]
        self.assertLess(now, STORM_AT_S - 100, "the job reached Training too late for the storm")
        first_pid = wait_for("%s wrote its PID" % name, lambda: self.scratch.pid(name), timeout_s=15.0)
        wait_for("first run saved 2 epochs", lambda: "epoch 2" in self.scratch.notes(name), timeout_s=15.0)
        self.assertNotIn("done", self.scratch.notes(name))

        # Through the storm: interrupted, the process ends, its checkpoints reach the store.
        self.emu.advance(STORM_AT_S + 3 - now)
        self.assertTrue(wait_process_gone(first_pid, 10.0), "the interrupted process still exists")
        notes = self.scratch.notes(name)
        self.assertNotIn("done", notes, "the first run finished before the interruption; the test needs it slower")
        saved_epoch = max(int(n.split()[1]) for n in notes if n.startswith("epoch "))
        stored = self.scratch.object_path(checkpoint_uri + "/progress.json")
        saved = wait_for("checkpoints mirrored to %s" % checkpoint_uri,
                         lambda: stored.is_file() and json.loads(stored.read_text()), timeout_s=10.0)
        self.assertEqual(saved["epoch"], saved_epoch)
        job = self.client.describe_training_job(TrainingJobName=name)
        self.assertEqual(job["TrainingJobStatus"], "InProgress")
        self.assertIn("Interrupted", secondary_statuses(job))

        # Second run: restored from the store, from the saved epoch on, to the end.
        advance_training_until(self.emu, self.client, name, in_training, step_s=10)
        wait_for("second run done", lambda: "done" in self.scratch.notes(name), timeout_s=20.0)
        second_pid = self.scratch.pid(name)
        self.assertNotEqual(second_pid, first_pid)
        job = advance_training_until(self.emu, self.client, name, is_terminal, step_s=30)
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))

        statuses = secondary_statuses(job)
        first_training = statuses.index("Training")
        self.assertEqual(statuses[first_training + 1], "Interrupted", statuses)
        self.assertEqual(statuses[-3:], ["Training", "Uploading", "Completed"], statuses)
        notes = self.scratch.notes(name)
        runs = [n for n in notes if n.startswith("run from ")]
        self.assertEqual(runs, ["run from 0", "run from %d" % saved_epoch], notes)
        second = notes[notes.index(runs[1]):]
        self.assertEqual(second, [runs[1]] + ["epoch %d" % e for e in range(saved_epoch + 1, EPOCHS + 1)] + ["done"])
        self.assertEqual(final_metrics(job), {"loss": f32(expected_loss(EPOCHS))})
        self.assertTrue(wait_process_gone(second_pid, 10.0))
        # What the interrupted process printed after its SIGTERM is in the log file and in
        # CloudWatch, although the lifecycle had moved on to the next run.
        file_lines = self.scratch.log_path(name).read_text().splitlines()
        self.assertEqual(file_lines.count("SIGTERM, leaving"), 1, file_lines)
        self.assertTrue(file_lines[file_lines.index("SIGTERM, leaving") + 1].startswith("epoch "), file_lines)
        self.assertEqual(log_messages(self.emu, name), file_lines)
        interrupted = self.emu.events(trainingJob=name, type="interrupted")
        self.assertTrue(interrupted)
        self.assertGreaterEqual(interrupted[0]["elapsedSeconds"], STORM_AT_S)


if __name__ == "__main__":
    unittest.main()
