"""--training local, ending a running process (design.md "Real training code";
training-contract.md §6, §1.6): MaxRuntimeInSeconds and StopTrainingJob send SIGTERM to the
process (then SIGKILL after --stop-grace), the job stays Stopping until the process has ended,
then ends Stopped (MaxRuntimeExceeded for the runtime limit) and the process no longer exists;
a stopped job's checkpoints are mirrored and its model is still uploaded.

Each script writes its PID to <shared>/<job>.pid; `os.kill(pid, 0)` tells whether it still
exists (a zombie the emulator has not reaped counts as existing).
"""

import unittest

from local_training_support import (
    LocalTrainingTestCase, advance_training_until, final_metrics, in_training, is_terminal, log_messages,
    process_exists, script, sdk_hyperparameters, tar_members, training_request, wait_for, wait_process_gone,
    wait_training_terminal)

# What the SIGTERM handler of SLEEPER prints, in order, after the line printed before the stop.
HANDLER_LINES = ["got SIGTERM", "saving 0", "saving 1", "saving 2", "loss=0.25", "bye"]

# Writes a model file, a checkpoint (with a CheckpointConfig), its PID, then sleeps `seconds` in
# short naps. On SIGTERM (handle=exit) it notes it, then takes most of a second to save its
# model, printing on stdout and stderr as it goes (a value too, which a stopping job no longer
# reports), and exits 0; handle=ignore notes it and sleeps on; handle=none keeps Python's
# default (the process dies at once).
SLEEPER = script(r'''
a = parse(shared=str, seconds=float, handle=str)
if a.handle == "exit":
    def on_term(signum, frame):
        note(a.shared, "SIGTERM")
        print("got SIGTERM", flush=True)
        for step in range(3):
            time.sleep(0.2)
            print("saving %d" % step, file=sys.stderr, flush=True)
        with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
            f.write("saved by the SIGTERM handler\n")
        print("loss=0.25", flush=True)
        print("bye", flush=True)
        sys.exit(0)
    signal.signal(signal.SIGTERM, on_term)
elif a.handle == "ignore":
    signal.signal(signal.SIGTERM, lambda signum, frame: note(a.shared, "SIGTERM ignored"))
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as f:
    f.write("saved before the stop\n")
checkpoint_config = os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "checkpointconfig.json")
if os.path.exists(checkpoint_config):
    with open(checkpoint_config) as f:
        local_path = json.load(f)["LocalPath"]
    os.makedirs(os.path.join(local_path, "step-7"))
    with open(os.path.join(local_path, "step-7", "state.txt"), "w") as f:
        f.write("checkpoint before the stop\n")
note(a.shared, "started")
print("loss=1.5", flush=True)
write_pid(a.shared)
deadline = time.time() + a.seconds
while time.time() < deadline:
    time.sleep(0.05)
note(a.shared, "slept to the end")
''')

SLEEP_S = 60  # far longer than any test waits: only a signal ends these scripts in time


class StoppingTestBase(LocalTrainingTestCase):
    def start_sleeper(self, name, handle, **extra):
        hp = sdk_hyperparameters(self.source, {"shared": str(self.scratch.shared), "seconds": SLEEP_S,
                                               "handle": handle})
        self.client.create_training_job(**training_request(name, hp, {"loss": r"loss=(\S+)"}, **extra))

    def wait_for_pid(self, name):
        pid = wait_for("%s wrote its PID" % name, lambda: self.scratch.pid(name), timeout_s=15.0)
        self.assertTrue(process_exists(pid))
        return pid

    def assert_handler_output_logged(self, name, job):
        # docs/real-training.md: every line goes to the job's log, the grace period included;
        # a stopping job reports no more metrics (the handler's loss=0.25 is no value).
        file_lines = self.scratch.log_path(name).read_text().splitlines()
        self.assertEqual(file_lines, ["loss=1.5"] + HANDLER_LINES)
        self.assertEqual(log_messages(self.emu, name), file_lines)
        self.assertNotIn(0.25, final_metrics(job).values())

    def assert_gone(self, pid, name, timeout_s=10.0):
        self.assertTrue(wait_process_gone(pid, timeout_s),
                        "the process of %s (PID %d) still exists %.0f s after the stop" % (name, pid, timeout_s))
        self.assertNotIn("slept to the end", self.scratch.notes(name))


class ManualClockStoppingTest(StoppingTestBase):
    """Manual clock: the runtime limit fires only when the test advances past it, and virtual
    time may run far ahead of a process that is still ending."""

    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="manual", stop_grace=5)
        cls.source = cls.scratch.put_source("sleeper", {"train.py": SLEEPER})

    def test_max_runtime_stops_the_process(self):
        name = "runtime-limit"
        self.start_sleeper(name, "exit", max_runtime=600)
        advance_training_until(self.emu, self.client, name, in_training, step_s=10)
        pid = self.wait_for_pid(name)
        self.emu.advance(5)  # well within the limit: the process goes on
        self.assertTrue(in_training(self.client.describe_training_job(TrainingJobName=name)))
        self.assertTrue(process_exists(pid))
        self.emu.advance(700)
        self.assert_gone(pid, name)
        job = advance_training_until(self.emu, self.client, name, is_terminal, step_s=30)
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", "MaxRuntimeExceeded"))
        self.assertNotIn("FailureReason", job)
        self.assertEqual(self.scratch.notes(name), ["started", "SIGTERM"])
        self.assert_handler_output_logged(name, job)

    def test_the_job_is_stopping_until_its_process_has_ended(self):
        # training-contract.md §6: Stopping; SIGTERM, SIGKILL after the grace; then Stopped. A
        # process that ignores SIGTERM lives on for --stop-grace (5 s of wall time) however far
        # the virtual clock is moved meanwhile.
        name = "stopping-while-alive"
        self.start_sleeper(name, "ignore")
        advance_training_until(self.emu, self.client, name, in_training, step_s=10)
        pid = self.wait_for_pid(name)
        self.client.stop_training_job(TrainingJobName=name)
        self.emu.advance(120)
        job = self.client.describe_training_job(TrainingJobName=name)
        self.assertTrue(process_exists(pid), "precondition: the SIGTERM-ignoring process is still in its grace")
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopping", "Stopping"))
        self.assert_gone(pid, name)
        job = advance_training_until(self.emu, self.client, name, is_terminal, step_s=30)
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", "Stopped"))
        self.assertEqual(self.scratch.notes(name), ["started", "SIGTERM ignored"])


class StopTrainingJobTest(StoppingTestBase):
    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="instant", stop_grace=1)
        cls.source = cls.scratch.put_source("sleeper", {"train.py": SLEEPER})

    def stop_when_running(self, name, handle, **extra):
        self.start_sleeper(name, handle, **extra)
        wait_for("%s in Training" % name,
                 lambda: in_training(self.client.describe_training_job(TrainingJobName=name)), timeout_s=15.0)
        pid = self.wait_for_pid(name)
        self.client.stop_training_job(TrainingJobName=name)
        return pid

    def test_stop_training_job_ends_the_process(self):
        name = "stopped-by-api"
        pid = self.stop_when_running(name, "exit")
        job = wait_training_terminal(self.client, name)
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", "Stopped"))
        self.assertNotIn("FailureReason", job)
        self.assert_gone(pid, name)
        self.assertEqual(self.scratch.notes(name), ["started", "SIGTERM"])
        self.assert_handler_output_logged(name, job)

    def test_a_process_that_dies_at_sigterm_is_gone(self):
        name = "stopped-default-handler"
        pid = self.stop_when_running(name, "none")
        self.assert_gone(pid, name)
        job = wait_training_terminal(self.client, name)
        self.assertEqual(job["TrainingJobStatus"], "Stopped")

    def test_a_process_ignoring_sigterm_is_killed_after_the_grace(self):
        name = "stopped-stubborn"
        pid = self.stop_when_running(name, "ignore")
        self.assert_gone(pid, name)  # --stop-grace 1: SIGKILL a second after the SIGTERM
        self.assertEqual(self.scratch.notes(name), ["started", "SIGTERM ignored"])
        job = wait_training_terminal(self.client, name)
        self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", "Stopped"))

    def test_a_stopped_jobs_checkpoints_are_mirrored_to_s3(self):
        name = "stopped-checkpoints"
        uri = "s3://bucket/checkpoints/%s" % name
        pid = self.stop_when_running(name, "exit", CheckpointConfig={"S3Uri": uri})
        job = wait_training_terminal(self.client, name)
        self.assertEqual(job["TrainingJobStatus"], "Stopped")
        self.assert_gone(pid, name)
        stored = self.scratch.object_path(uri + "/step-7/state.txt")
        wait_for("the checkpoint in the S3 store", stored.is_file, timeout_s=5.0)
        self.assertEqual(stored.read_text(), "checkpoint before the stop\n")

    def test_a_stopped_job_still_uploads_its_model(self):
        # training-contract.md §1.6/§6: the SIGTERM window exists "to save the model artifacts";
        # after a stop, model/ is uploaded as after a success, with what the handler saved.
        name = "stopped-uploads"
        pid = self.stop_when_running(name, "exit")
        job = wait_training_terminal(self.client, name)
        self.assertEqual(job["TrainingJobStatus"], "Stopped")
        self.assert_gone(pid, name)
        archive = self.scratch.output_object(name, "model.tar.gz")
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"], "s3://bucket/output/%s/output/model.tar.gz" % name)
        wait_for("%s's model.tar.gz in the S3 store" % name, archive.is_file, timeout_s=5.0)
        files, _ = tar_members(archive)
        self.assertEqual(files, {"model.txt": b"saved by the SIGTERM handler\n"})


if __name__ == "__main__":
    unittest.main()
