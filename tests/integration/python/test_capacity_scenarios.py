"""The capacity model through the running emulator (issue 4): shipped scenarios, quotas,
zone outages, faults injected at run time, and the capacity history."""

import json
import unittest

import botocore.exceptions

from emulator_process import EmulatorProcess, EmulatorTestCase, SCENARIOS, http_request, scenario_path
from sagemaker_requests import blog_tuning_request
from tuning_run import wait_until_tuning_terminal

PREFERRED, FALLBACK = "ml.m4.xlarge", "ml.m5.4xlarge"


def training_request(name, instance_type):
    return {
        "TrainingJobName": name,
        "AlgorithmSpecification": {"TrainingImage": "433757028032.dkr.ecr.us-west-2.amazonaws.com/xgboost:latest",
                                   "TrainingInputMode": "File"},
        "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
        "OutputDataConfig": {"S3OutputPath": "s3://bucket/output"},
        "ResourceConfig": {"InstanceType": instance_type, "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 7200},
    }


def with_configs(request, *types):
    request["TrainingJobDefinition"]["HyperParameterTuningResourceConfig"] = {
        "InstanceConfigs": [{"InstanceType": t, "InstanceCount": 1, "VolumeSizeInGB": 5} for t in types]}
    return request


def children_of(client, name):
    summaries = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=100)["TrainingJobSummaries"]
    return [client.describe_training_job(TrainingJobName=s["TrainingJobName"]) for s in summaries]


def wait_terminal(emu, client, name, step=300, limit=200):
    for _ in range(limit):
        status = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=name)
        if status["HyperParameterTuningJobStatus"] not in ("InProgress", "Stopping"):
            return status
        emu.advance(step)
    raise AssertionError("tuning job %s did not end" % name)


class EveryShippedScenarioStartsTest(unittest.TestCase):
    def test_each_scenario_file_runs(self):
        names = sorted(p.stem for p in SCENARIOS.glob("*.json") if p.stem != "scenario.schema")
        self.assertGreaterEqual(len(names), 6)
        for name in names:
            with self.subTest(scenario=name), EmulatorProcess("--scenario", scenario_path(name), "--clock", "instant") as emu:
                self.assertEqual(emu.health()["status"], "ok")
                client = emu.client()
                client.create_hyper_parameter_tuning_job(**blog_tuning_request("probe"))
                status = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName="probe")
                self.assertIn(status["HyperParameterTuningJobStatus"], ("InProgress", "Completed", "Failed"))

    def test_a_bad_scenario_stops_the_emulator_with_the_member_named(self):
        import subprocess, tempfile, os
        from emulator_process import emulator_binary
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"pools": [{"instanceType": "ml.nope.xlarge", "capacity": 1}]}, f)
        try:
            done = subprocess.run([str(emulator_binary()), "--scenario", f.name, "--port", "0"],
                                  capture_output=True, text=True, timeout=10)
        finally:
            os.unlink(f.name)
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("pools[0].instanceType", done.stderr)


class QuotaTightTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--scenario", scenario_path("quota-tight"), "--clock", "instant")
        cls.client = cls.emu.client()

    def test_create_training_job_over_quota_is_resource_limit_exceeded(self):
        with self.assertRaises(self.client.exceptions.ResourceLimitExceeded) as ctx:
            self.client.create_training_job(**training_request("gpu", "ml.p3.2xlarge"))
        self.assertEqual(ctx.exception.response["Error"]["Message"],
                         "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances, "
                         "with current utilization of 0 Instances and a request delta of 1 Instances. Please contact "
                         "AWS support to request an increase for this limit.")

    def test_tuner_skips_a_configuration_over_quota(self):
        self.client.create_hyper_parameter_tuning_job(**with_configs(blog_tuning_request("skip-quota"),
                                                                     "ml.p3.2xlarge", FALLBACK))
        status = wait_until_tuning_terminal(self.client, "skip-quota")
        self.assertEqual(status["HyperParameterTuningJobStatus"], "Completed")
        for child in children_of(self.client, "skip-quota"):
            self.assertEqual(child["ResourceConfig"]["InstanceType"], FALLBACK)
        self.assertTrue(self.emu.events(tuningJob="skip-quota", type="quota-exceeded"))

    def test_tuner_fails_when_every_configuration_is_over_quota(self):
        self.client.create_hyper_parameter_tuning_job(**with_configs(blog_tuning_request("no-quota"), "ml.p3.2xlarge"))
        status = wait_until_tuning_terminal(self.client, "no-quota")
        self.assertEqual(status["HyperParameterTuningJobStatus"], "Failed")
        self.assertIn("ml.p3.2xlarge for training job usage", status["FailureReason"])


class ZoneOutageTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--scenario", scenario_path("zone-outage"), "--clock", "manual")
        cls.client = cls.emu.client()

    def zone_capacity(self, zone):
        pools = self.emu.capacity(PREFERRED)["pools"]
        return [p["capacity"] for p in pools if p["availabilityZone"] == zone][0]

    def test_the_outage_holds_for_thirty_minutes_and_jobs_avoid_the_zone(self):
        self.assertEqual(self.zone_capacity("us-east-1a"), 4)
        self.emu.advance(601)
        self.assertEqual(self.zone_capacity("us-east-1a"), 0)
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("during-outage"))
        self.emu.advance(60)
        granted = self.emu.events(tuningJob="during-outage", type="granted")
        self.assertTrue(granted)
        self.assertNotIn("us-east-1a", {e["availabilityZone"] for e in granted})
        self.emu.advance(2400 - 661)
        self.assertEqual(self.zone_capacity("us-east-1a"), 4)
        changes = self.emu.events(type="capacity-changed")
        self.assertEqual([round(e["elapsedSeconds"]) for e in changes], [600, 2400])


class FaultsAtRunTimeTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")
        cls.client = cls.emu.client()

    def test_a_fault_changes_what_happens_next_and_nothing_before(self):
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("before-fault"))
        self.emu.advance(60)
        fault = self.emu.control("POST", "/_emulator/faults",
                                 {"instanceTypes": [PREFERRED], "percentage": 100, "durationSeconds": 7200},
                                 expect=201)
        self.assertTrue(fault["active"])
        self.assertEqual([f["id"] for f in self.emu.control("GET", "/_emulator/faults")["faults"]], [fault["id"]])
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("after-fault"))
        wait_terminal(self.emu, self.client, "before-fault")
        wait_terminal(self.emu, self.client, "after-fault")
        before = children_of(self.client, "before-fault")
        first_five = [c for c in before if int(c["TrainingJobName"].split("-")[-2]) <= 5]
        self.assertEqual({c["ResourceConfig"]["InstanceType"] for c in first_five}, {PREFERRED})
        for child in children_of(self.client, "after-fault"):
            self.assertEqual(child["ResourceConfig"]["InstanceType"], FALLBACK)
        ices = self.emu.events(tuningJob="after-fault", type="ice")
        self.assertTrue(ices)
        self.assertTrue(all(fault["id"] in e["message"] for e in ices))
        self.emu.control("DELETE", "/_emulator/faults/" + fault["id"])
        self.assertEqual(self.emu.control("GET", "/_emulator/faults")["faults"], [])
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("after-removal"))
        wait_terminal(self.emu, self.client, "after-removal")
        self.assertEqual({c["ResourceConfig"]["InstanceType"] for c in children_of(self.client, "after-removal")},
                         {PREFERRED})

    def test_bad_faults_are_refused_with_the_member_named(self):
        for body, part in [({"instanceTypes": ["ml.nope"], "percentage": 50}, "instanceTypes"),
                           ({"availabilityZones": ["mars-1a"]}, "availabilityZones"),
                           ({"percentage": 150}, "percentage"),
                           ({"colour": "red"}, "colour")]:
            res = http_request(self.emu.url + "/_emulator/faults", method="POST", body=body)
            self.assertEqual(res.status, 400, body)
            self.assertIn(part, res.json()["message"])
        self.assertEqual(http_request(self.emu.url + "/_emulator/faults/none", method="DELETE").status, 404)


class SpotStormTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--scenario", scenario_path("spot-storm"), "--clock", "manual", "--seed", "3")
        cls.client = cls.emu.client()

    def spot_request(self, name, checkpoint):
        request = training_request(name, "ml.p3.2xlarge")
        request["HyperParameters"] = {"num_round": "10000"}  # hours of training: it meets the storm
        request["EnableManagedSpotTraining"] = True
        request["StoppingCondition"] = {"MaxRuntimeInSeconds": 86400, "MaxWaitTimeInSeconds": 172800}
        if checkpoint:
            request["CheckpointConfig"] = {"S3Uri": "s3://bucket/checkpoints/" + name}
        return request

    def test_the_storm_interrupts_spot_jobs_which_resume_and_bill_less_than_they_ran(self):
        for name, checkpoint in (("ckpt", True), ("scratch", False)):
            self.client.create_training_job(**self.spot_request(name, checkpoint))
        for _ in range(400):
            jobs = [self.client.describe_training_job(TrainingJobName=n) for n in ("ckpt", "scratch")]
            if all(j["TrainingJobStatus"] != "InProgress" for j in jobs):
                break
            self.emu.advance(900)
        for job in jobs:
            name = job["TrainingJobName"]
            self.assertEqual(job["TrainingJobStatus"], "Completed", name)
            statuses = [t["Status"] for t in job["SecondaryStatusTransitions"]]
            self.assertIn("Interrupted", statuses, name)
            self.assertEqual(statuses[statuses.index("Interrupted") + 1], "Starting", name)
            self.assertLess(job["BillableTimeInSeconds"], job["TrainingTimeInSeconds"], name)
            interruptions = self.emu.events(trainingJob=name, type="interrupted")
            self.assertTrue(interruptions, name)
            self.assertTrue(all(1800 <= e["elapsedSeconds"] for e in interruptions), name)
            hint = "resuming from the checkpoint" if name == "ckpt" else "restarting from scratch"
            self.assertTrue(all(hint in e["message"] for e in interruptions), name)
            grants = self.emu.events(trainingJob=name, type="granted")
            self.assertEqual({e["message"] for e in grants}, {"spot"}, name)
        ckpt, scratch = jobs
        self.assertLess(ckpt["TrainingEndTime"], scratch["TrainingEndTime"])


class GpuCrunchTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--scenario", scenario_path("gpu-crunch"), "--clock", "instant", "--seed", "5")
        cls.client = cls.emu.client()

    def test_gpu_tuning_falls_back_across_scarce_types_and_every_child_ends(self):
        request = with_configs(blog_tuning_request("gpus"), "ml.p4d.24xlarge", "ml.p3.2xlarge", "ml.g5.xlarge")
        request["HyperParameterTuningJobConfig"]["ResourceLimits"] = {"MaxNumberOfTrainingJobs": 12,
                                                                      "MaxParallelTrainingJobs": 6}
        self.client.create_hyper_parameter_tuning_job(**request)
        status = wait_until_tuning_terminal(self.client, "gpus")
        self.assertEqual(status["HyperParameterTuningJobStatus"], "Completed")
        children = children_of(self.client, "gpus")
        self.assertEqual(len(children), 12)
        used = {c["ResourceConfig"]["InstanceType"] for c in children}
        self.assertGreater(len(used), 1, "scarce p4d capacity should push children down the list")
        self.assertTrue(self.emu.events(tuningJob="gpus", type="fell-back"))
        counters = status["TrainingJobStatusCounters"]
        self.assertEqual(counters["Completed"] + counters["RetryableError"] + counters["Stopped"], 12)
        # other tenants' demand shows in the pool and its history
        pools = self.emu.capacity("ml.p3.2xlarge")["pools"]
        self.assertTrue(all(p["available"] <= p["capacity"] - p["inUse"] for p in pools))
        history = self.emu.control("GET", "/_emulator/capacity?history=json&instanceType=ml.p3.2xlarge")["history"]
        self.assertTrue(any(s["demand"] > 0 for series in history for s in series["samples"]))


if __name__ == "__main__":
    unittest.main()
