"""--training local under a tuning job (design.md "Real training code"; sagemaker-api.md §3.9;
training-contract.md §4.3): children run the script for real with their own hyperparameters;
early stopping (median rule) ends a real process mid-run; the instance-type fallback walk
grants the fallback type and the children still really train; the parallelism bound holds for
the processes themselves, as measured from their own start and end times, and
--max-local-jobs bounds them further.
"""

import unittest

from local_training_support import (
    LocalTrainingTestCase, TUNING_OBJECTIVE_KEY, f32, final_metrics, script, sdk_hyperparameters,
    tuning_request, wait_for, wait_process_gone, wait_tuning_terminal)
from tuning_run import TERMINAL_TUNING, list_children_by_pages

# Objective per epoch: 10x + 1/epoch (Minimize); a child with a large x is worse than the
# median of earlier ones from its first epoch. It notes each epoch before printing it.
EPOCHS_BY_X = script(r'''
a = parse(x=float, epochs=int, sleep=float, shared=str)
write_pid(a.shared)
for epoch in range(1, a.epochs + 1):
    note(a.shared, "epoch %d" % epoch)
    print("epoch %d objective=%r" % (epoch, 10 * a.x + 1.0 / epoch), flush=True)
    time.sleep(a.sleep)
note(a.shared, "done")
''')

# A metric from the tuned values, and the instance type it ran on.
RMSE_BY_ETA = script(r'''
a = parse(eta=float, max_depth=int, shared=str)
print("instance %s" % os.environ["SM_CURRENT_INSTANCE_TYPE"])
time.sleep(0.1)
print("validation-rmse=%r" % ((a.eta - 0.3) ** 2 + 0.01 * a.max_depth))
''')

# Notes its own start and end times around a short nap.
TIMED = script(r'''
a = parse(shared=str, sleep=float, x=float)
note(a.shared, "start %r" % time.time())
time.sleep(a.sleep)
note(a.shared, "end %r" % time.time())
print("score=%r" % a.x)
''')


def children(client, name):
    summaries, _ = list_children_by_pages(client, name, page_size=100)
    return summaries


def max_overlap(intervals):
    """Most intervals open at once (an end at the same instant as a start closes first)."""
    edges = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals],
                   key=lambda e: (e[0], e[1]))
    open_now = most = 0
    for _, step in edges:
        open_now += step
        most = max(most, open_now)
    return most


class EarlyStoppingTest(LocalTrainingTestCase):
    name = "local-median"
    epochs = 4

    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="instant", stop_grace=1)
        source = cls.scratch.put_source("epochs-by-x", {"train.py": EPOCHS_BY_X})
        statics = sdk_hyperparameters(source, {"epochs": cls.epochs, "sleep": 0.15, "shared": str(cls.scratch.shared)})
        request = tuning_request(cls.name, statics, {"ContinuousParameterRanges": [
            {"Name": "x", "MinValue": "0", "MaxValue": "1"}]}, "objective", {"objective": r"objective=(\S+)"},
            max_jobs=7, parallel=1, seed=11, TrainingJobEarlyStoppingType="Auto")
        request["TrainingJobDefinition"]["AlgorithmSpecification"]["MetricDefinitions"].append(
            {"Name": "epoch", "Regex": r"^epoch (\d+) "})
        cls.client.create_hyper_parameter_tuning_job(**request)
        cls.describe = wait_tuning_terminal(cls.client, cls.name, timeout_s=60.0)
        cls.summaries = children(cls.client, cls.name)

    def stopped_children(self):
        return [s["TrainingJobName"] for s in self.summaries if s["TrainingJobStatus"] == "Stopped"]

    def test_a_child_is_stopped_mid_run_and_its_process_ends(self):
        self.assertEqual(self.describe["HyperParameterTuningJobStatus"], "Completed",
                         self.describe.get("FailureReason"))
        stopped = self.stopped_children()
        self.assertTrue(stopped, "early stopping stopped no child: %r" % [
            (s["TunedHyperParameters"], s["TrainingJobStatus"]) for s in self.summaries])
        events = {e["trainingJob"] for e in self.emu.events(tuningJob=self.name, type="early-stopped")}
        self.assertEqual(events, set(stopped))
        for child in stopped:
            notes = self.scratch.notes(child)
            epochs = [int(n.split()[1]) for n in notes if n.startswith("epoch ")]
            self.assertTrue(epochs, (child, notes))
            self.assertLess(max(epochs), self.epochs, (child, notes))  # ended before its last epoch
            self.assertNotIn("done", notes)
            self.assertTrue(wait_process_gone(self.scratch.pid(child), 10.0), "%s's process still exists" % child)
            job = self.client.describe_training_job(TrainingJobName=child)
            self.assertEqual((job["TrainingJobStatus"], job["SecondaryStatus"]), ("Stopped", "Stopped"))

    def test_a_stopped_childs_final_metric_is_its_last_printed_value_as_float32(self):
        stopped = self.stopped_children()
        self.assertTrue(stopped)
        for child in stopped:
            printed = [float(line.split("objective=")[1]) for line in
                       self.scratch.log_path(child).read_text().splitlines() if "objective=" in line]
            self.assertTrue(printed, child)
            job = self.client.describe_training_job(TrainingJobName=child)
            x = float(job["HyperParameters"]["x"])
            self.assertEqual(printed, [10 * x + 1.0 / e for e in range(1, len(printed) + 1)])
            self.assertEqual(final_metrics(job).get("objective"), f32(printed[-1]))
            summary = next(s for s in self.summaries if s["TrainingJobName"] == child)
            self.assertEqual(summary["FinalHyperParameterTuningJobObjectiveMetric"]["Value"], f32(printed[-1]))

    def test_a_stopped_childs_final_metrics_include_every_metric_it_printed(self):
        # FinalMetricDataList: the last value of each metric that matched (training-contract.md §4.2).
        stopped = self.stopped_children()
        self.assertTrue(stopped)
        for child in stopped:
            job = self.client.describe_training_job(TrainingJobName=child)
            self.assertEqual(set(final_metrics(job)), {"objective", "epoch"}, child)

    def test_children_not_stopped_ran_every_epoch(self):
        completed = [s for s in self.summaries if s["TrainingJobStatus"] == "Completed"]
        self.assertGreaterEqual(len(completed), 3)
        for s in completed:
            child = s["TrainingJobName"]
            self.assertEqual(self.scratch.notes(child), ["epoch %d" % e for e in range(1, self.epochs + 1)] + ["done"])
            x = float(s["TunedHyperParameters"]["x"])
            self.assertEqual(s["FinalHyperParameterTuningJobObjectiveMetric"]["Value"], f32(10 * x + 1.0 / self.epochs))
            job = self.client.describe_training_job(TrainingJobName=child)
            self.assertEqual(final_metrics(job), {"objective": f32(10 * x + 1.0 / self.epochs), "epoch": self.epochs})


class FallbackTest(LocalTrainingTestCase):
    name = "local-fallback"
    jobs = 4

    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="instant")
        cls.emu.set_capacity([{"instanceType": "ml.m4.xlarge", "capacity": 0}])
        source = cls.scratch.put_source("rmse-by-eta", {"train.py": RMSE_BY_ETA})
        statics = sdk_hyperparameters(source, {"shared": str(cls.scratch.shared)})
        request = tuning_request(cls.name, statics, {
            "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0", "MaxValue": "1"}],
            "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "6"}]},
            "validation:rmse", {"validation:rmse": r"validation-rmse=(\S+)"}, max_jobs=cls.jobs, parallel=2,
            instance_types=("ml.m4.xlarge", "ml.m5.4xlarge"))
        cls.client.create_hyper_parameter_tuning_job(**request)
        cls.describe = wait_tuning_terminal(cls.client, cls.name, timeout_s=60.0)
        cls.summaries = children(cls.client, cls.name)

    def test_every_child_trained_for_real_on_the_fallback_type(self):
        self.assertEqual(self.describe["HyperParameterTuningJobStatus"], "Completed",
                         self.describe.get("FailureReason"))
        self.assertEqual(len(self.summaries), self.jobs)
        for s in self.summaries:
            child = s["TrainingJobName"]
            job = self.client.describe_training_job(TrainingJobName=child)
            self.assertEqual(job["TrainingJobStatus"], "Completed", job.get("FailureReason"))
            self.assertEqual(job["ResourceConfig"]["InstanceType"], "ml.m5.4xlarge")
            self.assertEqual(job["HyperParameters"][TUNING_OBJECTIVE_KEY], "validation:rmse")
            eta, depth = float(job["HyperParameters"]["eta"]), int(job["HyperParameters"]["max_depth"])
            rmse = (eta - 0.3) ** 2 + 0.01 * depth
            log = self.scratch.log_path(child).read_text().splitlines()
            self.assertEqual(log, ["instance ml.m5.4xlarge", "validation-rmse=%r" % rmse])
            self.assertEqual(final_metrics(job), {"validation:rmse": f32(rmse)})
            self.assertEqual(s["FinalHyperParameterTuningJobObjectiveMetric"],
                             {"Type": "Minimize", "MetricName": "validation:rmse", "Value": f32(rmse)})

    def test_each_child_fell_back(self):
        fell_back = {e["trainingJob"] for e in self.emu.events(tuningJob=self.name, type="fell-back")}
        self.assertEqual(fell_back, {s["TrainingJobName"] for s in self.summaries})


class ParallelismTestBase(LocalTrainingTestCase):
    """Manual clock: big advances bring several children into Training at once; between them
    the test waits (wall time) until every child in Training has noted its end."""

    name = None
    jobs = 6

    @classmethod
    def run_tuning_job(cls):
        source = cls.scratch.put_source("timed", {"train.py": TIMED})
        statics = sdk_hyperparameters(source, {"shared": str(cls.scratch.shared), "sleep": 0.4})
        request = tuning_request(cls.name, statics, {"ContinuousParameterRanges": [
            {"Name": "x", "MinValue": "0", "MaxValue": "1"}]}, "score", {"score": r"score=(\S+)"},
            max_jobs=cls.jobs, parallel=2)
        client = cls.client
        client.create_hyper_parameter_tuning_job(**request)
        for _ in range(200):
            describe = client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=cls.name)
            if describe["HyperParameterTuningJobStatus"] in TERMINAL_TUNING:
                break
            cls.emu.advance(300)
            wait_for("every child in Training has run", cls.training_children_ended, timeout_s=20.0)
        else:
            raise AssertionError("%s not terminal after 200 advances" % cls.name)
        cls.describe = describe
        cls.summaries = children(client, cls.name)

    @classmethod
    def training_children_ended(cls):
        for s in children(cls.client, cls.name):
            if s["TrainingJobStatus"] != "InProgress":
                continue
            job = cls.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
            if job["SecondaryStatus"] == "Training" and not any(
                    n.startswith("end ") for n in cls.scratch.notes(s["TrainingJobName"])):
                return False
        return True

    def intervals(self):
        spans = []
        for s in self.summaries:
            notes = self.scratch.notes(s["TrainingJobName"])
            starts = [float(n.split()[1]) for n in notes if n.startswith("start ")]
            ends = [float(n.split()[1]) for n in notes if n.startswith("end ")]
            self.assertEqual((len(starts), len(ends)), (1, 1), (s["TrainingJobName"], notes))
            spans.append((starts[0], ends[0]))
        return spans

    def assert_all_completed(self):
        self.assertEqual(self.describe["HyperParameterTuningJobStatus"], "Completed",
                         self.describe.get("FailureReason"))
        self.assertEqual(len(self.summaries), self.jobs)
        self.assertEqual({s["TrainingJobStatus"] for s in self.summaries}, {"Completed"})


class ParallelismBoundTest(ParallelismTestBase):
    name = "local-parallel"

    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="manual", max_local_jobs=4)
        cls.run_tuning_job()

    def test_at_most_max_parallel_processes_ran_at_once(self):
        self.assert_all_completed()
        self.assertEqual(max_overlap(self.intervals()), 2)


class MaxLocalJobsTest(ParallelismTestBase):
    name = "local-one-at-a-time"

    @classmethod
    def setUpClass(cls):
        cls.start_local(clock="manual", max_local_jobs=1)
        cls.run_tuning_job()

    def test_max_local_jobs_bounds_the_processes(self):
        self.assert_all_completed()
        self.assertEqual(max_overlap(self.intervals()), 1)


if __name__ == "__main__":
    unittest.main()
