"""--training local, how a real run ends (design.md "Real training code"; training-contract.md
§0, §1.6, §1.9, §4): the metrics a script printed become FinalMetricDataList, the training
phase lasts the script's wall time on the instant clock, a failure file and the exit code make
the FailureReason (a signal N shows as exit code 128+N), model/ and output/data/ become
model.tar.gz and output.tar.gz in the S3 store with relative member names, and a job that is
neither in script mode nor in the image map stays simulated.
"""

import json
import unittest

from local_training_support import (
    OUTPUT_PATH, LocalTrainingTestCase, f32, final_metrics, log_messages, phase_seconds, script,
    sdk_hyperparameters, secondary_statuses, tar_members, training_request, wait_training_terminal)
from sagemaker_requests import XGBOOST_IMAGE

METRICS = {"train:loss": r"loss=(\S+)", "validation:accuracy": r"accuracy=([0-9.eE+-]+)",
           "never:printed": r"never=([0-9.]+)"}

# Prints a loss and an accuracy per epoch, computed from the hyperparameters; notes its own
# start and end (time.time()) in the shared folder.
SUCCESS = script(r'''
a = parse(epochs=int, lr=float, sleep=float, shared=str)
start = time.time()
for epoch in range(1, a.epochs + 1):
    time.sleep(a.sleep)
    loss = (1.0 - a.lr) ** epoch + 1.0 / (epoch + 3)
    accuracy = 1.0 - loss / 3.0
    print("epoch=%d loss=%r" % (epoch, loss))
    print("[%d] accuracy=%r" % (epoch, accuracy), file=sys.stderr)
note(a.shared, json.dumps({"start": start, "end": time.time()}))
''')

# Writes `text` (repeated `repeat` times) to output/failure unless told not to, then exits.
FAILURE = script(r'''
a = parse(text=str, repeat=int, code=int, write=str)
print("about to fail")
if a.write == "yes":
    with open(os.path.join(os.environ["SM_OUTPUT_DIR"], "failure"), "w") as f:
        f.write(a.text * a.repeat)
sys.exit(a.code)
''')

# XGBoost's evaluation lines: fields separated by TABs, which CloudWatch stores as #011.
XGBOOST_STYLE = script(r'''
for rnd in range(3):
    print("[%d]\ttrain-rmse:%.5f\tvalidation-rmse:%.5f" % (rnd, 1.0 / (rnd + 1), 2.0 / (rnd + 2)))
''')
NUMBER = r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
XGBOOST_METRICS = {"train:rmse": r".*\[[0-9]+\].*#011train-rmse:%s.*" % NUMBER,
                   "validation:rmse": r".*\[[0-9]+\].*#011validation-rmse:%s.*" % NUMBER}

CRASH = script(r'''
print("crashing", flush=True)
os.kill(os.getpid(), signal.SIGSEGV)
time.sleep(5)
''')

# A progress bar on stdout (no newline yet, then redrawn after a carriage return), with a
# warning on stderr meanwhile.
PROGRESS = script(r'''
sys.stdout.write("progress 50%")
sys.stdout.flush()
time.sleep(0.2)
sys.stderr.write("warning on stderr\n")
sys.stderr.flush()
time.sleep(0.2)
sys.stdout.write("\rprogress 100%\n")
sys.stdout.write("no newline at the end")
''')

# Writes files into SM_MODEL_DIR and (when asked) SM_OUTPUT_DATA_DIR.
ARTIFACTS = script(r'''
a = parse(with_output=str)
model = os.environ["SM_MODEL_DIR"]
os.makedirs(os.path.join(model, "sub", "dir"))
with open(os.path.join(model, "model.txt"), "w") as f:
    f.write("weights 1 2 3\n")
with open(os.path.join(model, "sub", "dir", "params.json"), "w") as f:
    f.write(json.dumps({"layers": [64, 32]}))
if a.with_output == "yes":
    data = os.environ["SM_OUTPUT_DATA_DIR"]
    with open(os.path.join(data, "report.csv"), "w") as f:
        f.write("epoch,loss\n1,0.5\n")
    os.makedirs(os.path.join(data, "plots"))
    with open(os.path.join(data, "plots", "loss.svg"), "w") as f:
        f.write("<svg/>")
''')


class LocalOutcomesTest(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="instant")
        cls.sources = {name: cls.scratch.put_source(name, {"train.py": text}) for name, text in
                       [("success", SUCCESS), ("failure", FAILURE), ("crash", CRASH), ("artifacts", ARTIFACTS),
                        ("xgboost-style", XGBOOST_STYLE), ("progress", PROGRESS)]}

    def run_job(self, name, source, user, metrics=None, **extra):
        hp = sdk_hyperparameters(self.sources[source], user)
        self.client.create_training_job(**training_request(name, hp, metrics, **extra))
        return wait_training_terminal(self.client, name)

    # ---- success -------------------------------------------------------------------------
    def test_metrics_are_the_last_values_the_script_printed(self):
        epochs, lr = 5, 0.3
        job = self.run_job("ok-metrics", "success",
                           {"epochs": epochs, "lr": lr, "sleep": 0.2, "shared": str(self.scratch.shared)},
                           METRICS)
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertEqual(job["SecondaryStatus"], "Completed")
        loss = (1.0 - lr) ** epochs + 1.0 / (epochs + 3)
        self.assertEqual(final_metrics(job), {"train:loss": f32(loss), "validation:accuracy": f32(1.0 - loss / 3.0)})
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"],
                         "%s/ok-metrics/output/model.tar.gz" % OUTPUT_PATH)
        self.assertNotIn("FailureReason", job)

    def test_training_phase_lasts_the_scripts_wall_time(self):
        job = self.run_job("ok-duration", "success",
                           {"epochs": 5, "lr": 0.5, "sleep": 0.2, "shared": str(self.scratch.shared)}, METRICS)
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertEqual(secondary_statuses(job), ["Starting", "Downloading", "Training", "Uploading", "Completed"])
        times = [json.loads(line) for line in self.scratch.notes("ok-duration")]
        self.assertEqual(len(times), 1, times)
        ran = times[0]["end"] - times[0]["start"]
        self.assertGreaterEqual(ran, 1.0)
        training = phase_seconds(job, "Training")
        # The process's life: the script's own run plus the interpreter's start and exit.
        self.assertGreaterEqual(training, ran - 0.01, (training, ran))
        self.assertLess(training, ran + 0.75, (training, ran))

    def test_every_output_line_is_in_the_log(self):
        self.run_job("ok-log", "success",
                     {"epochs": 3, "lr": 0.1, "sleep": 0.0, "shared": str(self.scratch.shared)}, METRICS)
        log = self.scratch.log_path("ok-log").read_text().splitlines()
        for epoch in (1, 2, 3):
            loss = (1.0 - 0.1) ** epoch + 1.0 / (epoch + 3)
            self.assertIn("epoch=%d loss=%r" % (epoch, loss), log)
            self.assertIn("[%d] accuracy=%r" % (epoch, 1.0 - loss / 3.0), log)  # stderr too

    def test_cloudwatch_logs_hold_the_lines_as_cloudwatch_stores_them(self):
        job = self.run_job("ok-cloudwatch", "xgboost-style", {}, XGBOOST_METRICS)
        logs = self.emu.client(service="logs")
        streams = logs.describe_log_streams(logGroupName="/aws/sagemaker/TrainingJobs",
                                            logStreamNamePrefix="ok-cloudwatch/")["logStreams"]
        self.assertEqual(len(streams), 1, streams)
        self.assertRegex(streams[0]["logStreamName"], r"^ok-cloudwatch/algo-1-\d+$")
        events = logs.get_log_events(logGroupName="/aws/sagemaker/TrainingJobs",
                                     logStreamName=streams[0]["logStreamName"], startFromHead=True)["events"]
        messages = [e["message"] for e in events]
        self.assertTrue(any("#011validation-rmse:" in m for m in messages), messages)
        self.assertFalse(any("\t" in m for m in messages), messages)
        self.assertEqual(messages, [line.replace("\t", "#011")
                                    for line in self.scratch.log_path("ok-cloudwatch").read_text().splitlines()])
        start, end = job["TrainingStartTime"].timestamp(), job["TrainingEndTime"].timestamp()
        self.assertTrue(all(start - 0.001 <= e["timestamp"] / 1000 <= end + 0.001 for e in events), (start, end))

    def test_stdout_and_stderr_are_each_cut_into_lines(self):
        # An unfinished stdout line is not glued to the stderr line printed meanwhile; a
        # carriage return stays in its line, stored as #015 like any control character
        # (training-contract.md §4.1, §5.1).
        job = self.run_job("ok-two-streams", "progress", {})
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        file_lines = self.scratch.log_path("ok-two-streams").read_bytes().decode().split("\n")  # keeps \r
        self.assertEqual(file_lines, ["warning on stderr", "progress 50%\rprogress 100%", "no newline at the end", ""])
        self.assertEqual(log_messages(self.emu, "ok-two-streams"),
                         ["warning on stderr", "progress 50%#015progress 100%", "no newline at the end"])

    def test_metric_regexes_see_a_tab_as_011(self):
        # training-contract.md §4.1: the built-in XGBoost regexes rely on CloudWatch's #011.
        job = self.run_job("ok-tabs", "xgboost-style", {}, XGBOOST_METRICS)
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertEqual(final_metrics(job), {"train:rmse": f32(float("%.5f" % (1.0 / 3))),
                                              "validation:rmse": f32(float("%.5f" % (2.0 / 4)))})

    # ---- failure -------------------------------------------------------------------------
    def test_failure_file_and_exit_code_make_the_failure_reason(self):
        text = "ValueError: the training data is empty\nsee the log"
        job = self.run_job("fails-3", "failure", {"text": text, "repeat": 1, "code": 3, "write": "yes"})
        self.assertEqual(job["TrainingJobStatus"], "Failed")
        self.assertEqual(job["SecondaryStatus"], "Failed")
        self.assertEqual(job["FailureReason"], "AlgorithmError: %s, exit code: 3" % text)

    def test_without_a_failure_file_the_text_is_empty(self):
        job = self.run_job("fails-nofile", "failure", {"text": "x", "repeat": 1, "code": 1, "write": "no"})
        self.assertEqual(job["TrainingJobStatus"], "Failed")
        self.assertEqual(job["FailureReason"], "AlgorithmError: , exit code: 1")

    def test_failure_reason_is_cut_to_1024_characters(self):
        job = self.run_job("fails-long", "failure", {"text": "0123456789", "repeat": 300, "code": 2, "write": "yes"})
        self.assertEqual(job["TrainingJobStatus"], "Failed")
        full = "AlgorithmError: " + "0123456789" * 300 + ", exit code: 2"
        self.assertEqual(job["FailureReason"], full[:1024])

    def test_a_crash_by_signal_fails_with_exit_code_128_plus_the_signal(self):
        job = self.run_job("crash-segv", "crash", {})
        self.assertEqual(job["TrainingJobStatus"], "Failed")
        self.assertTrue(job["FailureReason"].startswith("AlgorithmError: "), job["FailureReason"])
        self.assertTrue(job["FailureReason"].endswith(", exit code: 139"), job["FailureReason"])

    # ---- artifacts -----------------------------------------------------------------------
    def test_model_and_output_archives_hold_exactly_what_the_script_wrote(self):
        job = self.run_job("artifacts-both", "artifacts", {"with_output": "yes"})
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        model = self.scratch.output_object("artifacts-both", "model.tar.gz")
        self.assertEqual(job["ModelArtifacts"]["S3ModelArtifacts"],
                         "%s/artifacts-both/output/model.tar.gz" % OUTPUT_PATH)
        files, names = tar_members(model)
        self.assertEqual(files, {"model.txt": b"weights 1 2 3\n", "sub/dir/params.json": b'{"layers": [64, 32]}'})
        self.assert_only_relative_folders(names, files, {"sub", "sub/dir"})
        files, names = tar_members(self.scratch.output_object("artifacts-both", "output.tar.gz"))
        self.assertEqual(files, {"report.csv": b"epoch,loss\n1,0.5\n", "plots/loss.svg": b"<svg/>"})
        self.assert_only_relative_folders(names, files, {"plots"})

    def test_an_empty_output_data_folder_leaves_no_output_archive(self):
        job = self.run_job("artifacts-model-only", "artifacts", {"with_output": "no"})
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertTrue(self.scratch.output_object("artifacts-model-only", "model.tar.gz").is_file())
        self.assertFalse(self.scratch.output_object("artifacts-model-only", "output.tar.gz").exists())

    def assert_only_relative_folders(self, names, files, folders):
        """Besides the files, an archive may list their folders, by relative names only."""
        for name in names:
            self.assertFalse(name.startswith(("/", "./", "model/", "output/")), names)
            if name not in files:
                self.assertIn(name.rstrip("/"), folders, names)

    # ---- channels ------------------------------------------------------------------------
    def quick_success(self):
        return {"epochs": 1, "lr": 0.5, "sleep": 0, "shared": str(self.scratch.shared)}

    @staticmethod
    def channel(uri):
        return [{"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": uri}}}]

    def test_an_empty_prefix_in_a_bucket_the_store_holds_is_refused_at_creation(self):
        self.scratch.put_object("s3://held-bucket/other/x.csv", b"1,2\n")
        with self.assertRaises(self.client.exceptions.ClientError) as ctx:
            self.run_job("empty-prefix", "success", self.quick_success(),
                         InputDataConfig=self.channel("s3://held-bucket/train/"))
        error = ctx.exception.response["Error"]
        self.assertEqual(error["Code"], "ValidationException")
        self.assertTrue(error["Message"].startswith('No S3 objects found under S3 URL "s3://held-bucket/train/"'),
                        error["Message"])

    def test_a_bucket_the_store_never_held_gives_an_empty_channel(self):
        job = self.run_job("unknown-bucket", "success", self.quick_success(),
                           InputDataConfig=self.channel("s3://never-seen-bucket/train/"))
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))

    # ---- neither script mode nor mapped ----------------------------------------------------
    def test_a_job_that_cannot_run_for_real_stays_simulated(self):
        request = training_request("simulated-xgb", {"num_round": "50", "eta": "0.2"},
                                   {"validation:rmse": r"rmse:(\S+)"}, image=XGBOOST_IMAGE)
        self.client.create_training_job(**request)
        job = wait_training_terminal(self.client, "simulated-xgb", timeout_s=5.0)
        self.assertEqual(job["TrainingJobStatus"], "Completed")
        self.assertEqual(list(final_metrics(job)), ["validation:rmse"])
        # A simulated training phase lasts minutes of virtual time, not a process's wall time.
        self.assertGreater(phase_seconds(job, "Training"), 10)
        self.assertFalse(self.scratch.log_path("simulated-xgb").exists())
        self.assertFalse(self.scratch.job_folder("simulated-xgb").exists())


if __name__ == "__main__":
    unittest.main()
