"""--training local, how a real run is started (design.md "Real training code";
training-contract.md §1, §2.2-§2.4): script mode with sagemaker_program and
sagemaker_submit_directory JSON-encoded as the SDK sends them, the toolkit's command line and
SM_* variables; an image map entry naming a command (job folder, config files, channels copied
from the S3 store); an image map entry naming a container, run through a stand-in `docker`
that records its command line; and an engine that is not on PATH stopping the emulator at
start-up.
"""

import json
import os
import stat
import subprocess
import unittest

from emulator_process import REGION, emulator_binary
from local_training_support import (
    PYTHON, LocalTrainingTestCase, Scratch, script, sdk_hyperparameters, toolkit_argv, training_request,
    user_hyperparameters, wait_training_terminal)
from sagemaker_requests import training_arn

# Reports argv, its working folder, a helper module it imports and the toolkit's variables.
ARGV_REPORT = script(r'''
from helpers.util import shared_folder
report = {"argv": sys.argv, "cwd": os.getcwd(), "listing": sorted(os.listdir(".")),
          "env": {k: v for k, v in os.environ.items() if k.startswith("SM_") or k in (
              "TRAINING_JOB_NAME", "TRAINING_JOB_ARN", "AWS_REGION", "PYTHONUNBUFFERED", "MY_SETTING")}}
with open(os.path.join(shared_folder(), JOB + ".json"), "w") as f:
    json.dump(report, f)
''')
# Reports the files it finds under CheckpointConfig's LocalPath.
RESTORE_REPORT = script(r'''
a = parse(shared=str)
with open(os.path.join(os.environ["SM_INPUT_CONFIG_DIR"], "checkpointconfig.json")) as f:
    local_path = json.load(f)["LocalPath"]
found = {}
for folder, _, files in os.walk(local_path):
    for name in files:
        with open(os.path.join(folder, name)) as f:
            found[os.path.relpath(os.path.join(folder, name), local_path)] = f.read()
with open(os.path.join(a.shared, JOB + ".json"), "w") as f:
    json.dump({"local_path": local_path, "found": found}, f)
''')
HELPER = 'import os\n\ndef shared_folder():\n    return os.environ["SM_HP_SHARED"]\n'

# The command an image map names: no arguments; everything comes from the job folder and the
# environment.
MAPPED_COMMAND = r'''
import json, os, sys

config = os.environ["SM_INPUT_CONFIG_DIR"]
def read(name):
    with open(os.path.join(config, name)) as f:
        return json.load(f)

channels = {}
for channel in ("train", "validation"):
    root = os.environ["SM_CHANNEL_" + channel.upper()]
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path) as f:
                channels[channel + ":" + os.path.relpath(path, root)] = f.read()
with open("input/config/hyperparameters.json") as f:  # relative to the working folder
    relative = json.load(f)
report = {"argv": sys.argv, "cwd": os.getcwd(), "hyperparameters": read("hyperparameters.json"),
          "relative": relative, "resource": read("resourceconfig.json"),
          "inputdata": read("inputdataconfig.json"), "channels": channels,
          "env": {k: v for k, v in os.environ.items() if k.startswith(("SM_HP_", "TRAINING_JOB_", "MY_"))},
          "model_dir": os.environ["SM_MODEL_DIR"]}
with open(os.path.join(report["hyperparameters"]["shared"], os.environ["TRAINING_JOB_NAME"] + ".json"), "w") as f:
    json.dump(report, f)
print("validation:score=0.25")
'''

# Records its command line (NUL-separated) and exits 0, in place of a container engine.
FAKE_ENGINE = """#!/bin/sh
printf '%%s\\0' "$@" > "%s/$$.argv"
exit 0
"""

MAPPED_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-algo:3"
CONTAINER_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/boxed-algo:1"
LOCAL_CONTAINER = "local/boxed-algo:latest"


def read_report(scratch, job):
    return json.loads((scratch.shared / (job + ".json")).read_text())


class ScriptModeTest(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_local()
        cls.source = cls.scratch.put_source("argv-estimator", {"train.py": ARGV_REPORT, "helpers/__init__.py": "",
                                                               "helpers/util.py": HELPER,
                                                               "restore.py": RESTORE_REPORT})

    def test_hyperparameters_become_the_toolkits_command_line(self):
        shared = str(self.scratch.shared)
        hp = {
            "sagemaker_program": '"train.py"',
            "sagemaker_submit_directory": json.dumps(self.source),
            "sagemaker_container_log_level": "20",
            "sagemaker_job_name": '"argv-estimator"',
            "sagemaker_region": '"us-east-1"',
            "sagemaker_estimator_class_name": '"PyTorch"',
            "sagemaker_estimator_module": '"sagemaker.pytorch.estimator"',
            "_tuning_objective_metric": "validation:loss",
            "shared": json.dumps(shared),
            "optimizer": '"adam"',
            "use-bn": "true",
            "lr": "1e3",
            "tiny": "1e-5",
            "dropout": "0.1000",
            "layers": "[64, 32]",
            "epochs": "10",
            "b": "2",
            "nothing": "null",
            "nested": '{"k": [1,2]}',
            "zip": "01",
            "Title": '"two words"',
        }
        self.client.create_training_job(**training_request("argv-render", hp))
        job = wait_training_terminal(self.client, "argv-render")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        report = read_report(self.scratch, "argv-render")
        expected = ["train.py",
                    "--Title", "two words", "-b", "2", "--dropout", "0.1", "--epochs", "10",
                    "--layers", "[64, 32]", "--lr", "1000.0", "--nested", "k=[1, 2]", "--nothing", "",
                    "--optimizer", "adam", "--shared", shared, "--tiny", "1e-05", "--use-bn", "True",
                    "--zip", "01"]
        self.assertEqual(["train.py"] + toolkit_argv(hp), expected)  # the test's own rendering agrees
        self.assertEqual(report["argv"], expected)

    def test_the_toolkits_variables_and_the_unpacked_source(self):
        shared = str(self.scratch.shared)
        hp = sdk_hyperparameters(self.source, {"shared": shared, "epochs": 3, "layers": [64, 32], "use-bn": True})
        self.client.create_training_job(**training_request("argv-env", hp, Environment={"MY_SETTING": "on"}))
        job = wait_training_terminal(self.client, "argv-env")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        report = read_report(self.scratch, "argv-env")
        env = report["env"]
        self.assertEqual(report["argv"], ["train.py", "--epochs", "3", "--layers", "[64, 32]", "--shared", shared,
                                          "--use-bn", "True"])
        self.assertEqual(report["listing"], ["helpers", "restore.py", "train.py"])
        folder = str(self.scratch.job_folder("argv-env"))
        self.assertTrue(report["cwd"].startswith(folder + os.sep), report["cwd"])
        self.assertEqual(env["SM_HP_EPOCHS"], "3")
        self.assertEqual(env["SM_HP_LAYERS"], "[64,32]")
        self.assertEqual(env["SM_HP_USE-BN"], "true")
        self.assertEqual(env["SM_HP_SHARED"], shared)
        self.assertEqual(json.loads(env["SM_HPS"]), user_hyperparameters(hp))
        self.assertFalse([k for k in env if k.startswith("SM_HP_SAGEMAKER")], env)
        self.assertEqual(env["SM_USER_ENTRY_POINT"], "train.py")
        self.assertEqual(env["SM_MODULE_NAME"], "train")
        self.assertEqual(env["SM_CURRENT_HOST"], "algo-1")
        self.assertEqual(json.loads(env["SM_HOSTS"]), ["algo-1"])
        self.assertEqual(env["SM_CURRENT_INSTANCE_TYPE"], "ml.m5.xlarge")
        self.assertEqual(env["SM_MODEL_DIR"], os.path.join(folder, "model"))
        self.assertEqual(env["SM_OUTPUT_DATA_DIR"], os.path.join(folder, "output", "data"))
        self.assertEqual(env["TRAINING_JOB_NAME"], "argv-env")
        self.assertEqual(env["TRAINING_JOB_ARN"], training_arn("argv-env"))
        self.assertEqual(env["AWS_REGION"], REGION)
        self.assertEqual(env["PYTHONUNBUFFERED"], "1")
        self.assertEqual(env["MY_SETTING"], "on")

    def test_a_file_uri_names_a_source_folder(self):
        folder = self.scratch.write_tree(self.scratch.root / "plain-source",
                                         {"train.py": ARGV_REPORT, "helpers/__init__.py": "",
                                          "helpers/util.py": HELPER})
        hp = sdk_hyperparameters("file://%s" % folder, {"shared": str(self.scratch.shared), "x": 1})
        self.client.create_training_job(**training_request("argv-file-uri", hp))
        job = wait_training_terminal(self.client, "argv-file-uri")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertEqual(read_report(self.scratch, "argv-file-uri")["argv"][3:], ["-x", "1"])

    def test_checkpoints_under_the_s3_uri_are_restored_at_start(self):
        self.scratch.put_object("s3://bucket/ckpt/restore/epoch-3.json", '{"epoch": 3}')
        self.scratch.put_object("s3://bucket/ckpt/restore/optimizer/state.txt", "momentum")
        self.scratch.put_object("s3://bucket/ckpt/restore-other/not-mine.txt", "no")
        hp = sdk_hyperparameters(self.source, {"shared": str(self.scratch.shared)}, program="restore.py")
        self.client.create_training_job(**training_request(
            "restores", hp, CheckpointConfig={"S3Uri": "s3://bucket/ckpt/restore/"}))
        job = wait_training_terminal(self.client, "restores")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        report = read_report(self.scratch, "restores")
        self.assertEqual(report["found"], {"epoch-3.json": '{"epoch": 3}', "optimizer/state.txt": "momentum"})


class ImageMapCommandTest(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        # The scratch folder exists only once start_local made it: write the map beside it.
        cls.map_scratch = Scratch()
        cls.addClassCleanup(cls.map_scratch.cleanup)
        command = cls.map_scratch.root / "algo.py"
        command.write_text(MAPPED_COMMAND)
        cls.workdir = cls.map_scratch.root / "algo-workdir"
        (cls.workdir / "input" / "config").mkdir(parents=True)
        (cls.workdir / "input" / "config" / "hyperparameters.json").write_text('{"from": "workdir"}')
        image_map = cls.map_scratch.root / "image-map.json"
        image_map.write_text(json.dumps([
            {"image": "partial", "command": [PYTHON, str(command)]},  # only a TrainingImage of "partial"
            {"image": r".*/my-algo-in-workdir:.*", "command": [PYTHON, str(command)], "workdir": str(cls.workdir)},
            {"image": r".*my-algo.*", "command": [PYTHON, str(command)]},
        ]))
        cls.start_local("--image-map", image_map)
        cls.command = str(command)
        s3 = cls.scratch
        s3.put_object("s3://data/train/a.csv", "1,2\n")
        s3.put_object("s3://data/train/sub/b.csv", "3,4\n")
        s3.put_object("s3://data/holdout/v.csv", "5,6\n")
        s3.put_object("s3://data/holdout/ignored.csv", "7,8\n")

    def request(self, name, image=MAPPED_IMAGE):
        hp = {"shared": str(self.scratch.shared), "epochs": "4", "optimizer": "adam", "layers": "[64, 32]"}
        channels = [
            {"ChannelName": "train", "ContentType": "text/csv", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://data/train/", "S3DataDistributionType": "FullyReplicated"}}},
            {"ChannelName": "validation", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3Uri": "s3://data/holdout/v.csv",
                "S3DataDistributionType": "FullyReplicated"}}},
        ]
        return training_request(name, hp, {"validation:score": r"validation:score=(\S+)"}, image=image,
                                InputDataConfig=channels, Environment={"MY_FLAG": "yes"})

    def test_the_mapped_command_runs_in_the_job_folder(self):
        self.client.create_training_job(**self.request("mapped-cmd"))
        job = wait_training_terminal(self.client, "mapped-cmd")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        self.assertEqual(job["FinalMetricDataList"][0]["Value"], 0.25)
        report = read_report(self.scratch, "mapped-cmd")
        folder = str(self.scratch.job_folder("mapped-cmd"))
        self.assertEqual(report["argv"], [self.command])  # a command gets no hyperparameter arguments
        self.assertEqual(report["cwd"], folder)
        self.assertEqual(report["model_dir"], os.path.join(folder, "model"))
        sent = self.request("mapped-cmd")["HyperParameters"]
        self.assertEqual(report["hyperparameters"], sent)
        self.assertEqual(report["relative"], sent)
        self.assertEqual(report["resource"]["current_host"], "algo-1")
        self.assertEqual(report["resource"]["hosts"], ["algo-1"])
        self.assertEqual(report["resource"]["current_instance_type"], "ml.m5.xlarge")
        self.assertEqual(report["inputdata"], {
            "train": {"ContentType": "text/csv", "TrainingInputMode": "File", "S3DistributionType": "FullyReplicated",
                      "RecordWrapperType": "None"},
            "validation": {"TrainingInputMode": "File", "S3DistributionType": "FullyReplicated",
                           "RecordWrapperType": "None"}})
        self.assertEqual(report["channels"], {"train:a.csv": "1,2\n", "train:sub/b.csv": "3,4\n",
                                              "validation:v.csv": "5,6\n"})
        env = report["env"]
        self.assertEqual(env["SM_HP_EPOCHS"], "4")
        self.assertEqual(env["SM_HP_OPTIMIZER"], "adam")
        self.assertEqual(env["SM_HP_LAYERS"], "[64,32]")
        self.assertEqual(env["TRAINING_JOB_NAME"], "mapped-cmd")
        self.assertEqual(env["TRAINING_JOB_ARN"], training_arn("mapped-cmd"))
        self.assertEqual(env["MY_FLAG"], "yes")

    def test_a_workdir_is_the_commands_working_folder(self):
        self.client.create_training_job(**self.request("mapped-wd", image="example.com/my-algo-in-workdir:2"))
        job = wait_training_terminal(self.client, "mapped-wd")
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        report = read_report(self.scratch, "mapped-wd")
        self.assertEqual(report["cwd"], str(self.workdir))
        self.assertEqual(report["relative"], {"from": "workdir"})
        self.assertEqual(report["hyperparameters"], self.request("mapped-wd")["HyperParameters"])

    def test_the_image_regex_must_match_the_whole_image(self):
        # "partial" occurs in this image but does not match all of it: the job stays simulated.
        request = self.request("not-mapped", image="123456789012.dkr.ecr.us-east-1.amazonaws.com/partial:1")
        self.client.create_training_job(**request)
        job = wait_training_terminal(self.client, "not-mapped")
        self.assertEqual(job["TrainingJobStatus"], "Completed")
        self.assertFalse((self.scratch.shared / "not-mapped.json").exists())
        self.assertFalse(self.scratch.log_path("not-mapped").exists())


class ContainerEngineTest(LocalTrainingTestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine_scratch = Scratch()
        cls.addClassCleanup(cls.engine_scratch.cleanup)
        root = cls.engine_scratch.root
        cls.calls = root / "calls"
        cls.calls.mkdir()
        bin_dir = root / "bin"
        bin_dir.mkdir()
        engine = bin_dir / "docker"
        engine.write_text(FAKE_ENGINE % cls.calls)
        engine.chmod(engine.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        image_map = root / "image-map.json"
        image_map.write_text(json.dumps([{"image": r".*/boxed-algo:.*", "container": LOCAL_CONTAINER}]))
        cls.start_local("--image-map", image_map, env={"PATH": "%s:%s" % (bin_dir, os.environ.get("PATH", ""))})

    def run_container_job(self, name, **extra):
        before = set(self.calls.iterdir())
        request = training_request(name, {"epochs": "2"}, image=CONTAINER_IMAGE, **extra)
        self.client.create_training_job(**request)
        job = wait_training_terminal(self.client, name)
        self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
        recorded = sorted(set(self.calls.iterdir()) - before)
        self.assertEqual(len(recorded), 1, recorded)
        argv = recorded[0].read_bytes().split(b"\0")[:-1]
        return [a.decode("utf-8") for a in argv]

    def test_the_engine_runs_the_image_with_train_and_separate_mounts(self):
        argv = self.run_container_job("boxed", CheckpointConfig={"S3Uri": "s3://bucket/ckpt/boxed"})
        self.assertEqual(argv[:4], ["run", "--rm", "--hostname", "algo-1"], argv)
        self.assertEqual(argv[-2:], [LOCAL_CONTAINER, "train"], argv)
        mounts = [argv[i + 1] for i, a in enumerate(argv) if a == "-v"]
        targets = {m.rsplit(":", 1)[1]: m.rsplit(":", 1)[0] for m in mounts}
        folder = str(self.scratch.job_folder("boxed"))
        self.assertEqual(targets, {"/opt/ml/input": os.path.join(folder, "input"),
                                   "/opt/ml/model": os.path.join(folder, "model"),
                                   "/opt/ml/output": os.path.join(folder, "output"),
                                   "/opt/ml/checkpoints": os.path.join(folder, "checkpoints")})
        self.assertNotIn("/opt/ml", targets)  # never over all of /opt/ml: it would hide /opt/ml/code
        variables = [argv[i + 1] for i, a in enumerate(argv) if a == "-e"]
        self.assertIn("TRAINING_JOB_NAME=boxed", variables)
        self.assertIn("SM_MODEL_DIR=/opt/ml/model", variables)  # paths as the container sees them
        self.assertIn("SM_CHANNELS=[]", variables)

    def test_container_arguments_replace_train(self):
        argv = self.run_container_job("boxed-args", AlgorithmSpecification={
            "TrainingImage": CONTAINER_IMAGE, "TrainingInputMode": "File", "ContainerArguments": ["fit", "--fast"]})
        self.assertEqual(argv[-3:], [LOCAL_CONTAINER, "fit", "--fast"], argv)
        self.assertNotIn("train", argv)


class EngineMissingTest(unittest.TestCase):
    """An image map naming an engine that is not on PATH stops the emulator before it serves."""

    def start_with_map(self, entries):
        scratch = Scratch()
        self.addCleanup(scratch.cleanup)
        image_map = scratch.root / "image-map.json"
        image_map.write_text(json.dumps(entries))
        env = {k: v for k, v in os.environ.items() if not k.startswith("AMT_EMULATOR_")}
        env["PATH"] = "%s:/usr/bin:/bin" % scratch.root  # no podman here, nor in /usr/bin or /bin
        for folder in ("/usr/bin", "/bin"):
            self.assertFalse(os.path.exists(os.path.join(folder, "podman")), "a podman is installed")
        command = [str(emulator_binary()), "--host", "127.0.0.1", "--port", "0", "--training", "local",
                   "--s3-dir", scratch.s3, "--work-dir", scratch.work, "--image-map", image_map]
        return subprocess.run([str(c) for c in command], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=10)

    def test_podman_not_on_path_exits_2_naming_it(self):
        done = self.start_with_map([{"image": ".*", "container": "local/x:1", "engine": "podman"}])
        self.assertEqual(done.returncode, 2, (done.stdout, done.stderr))
        self.assertIn("podman", done.stdout + done.stderr)


if __name__ == "__main__":
    unittest.main()
