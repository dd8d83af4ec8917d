"""TrainingJobEarlyStoppingType Auto through boto3 (sagemaker-api.md §3.9): the median rule stops
some children, which still report their objective and count as Stopped, and each stop is an
early-stopped event on the timeline.
"""

import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import OBJECTIVE
from strategy_support import (
    XGB_RANGES, LegalityChecks, children, epoch_of_rule_message, run_to_end, tuning_request)


class EarlyStoppingAutoTest(EmulatorTestCase, LegalityChecks):
    name = "early-stopping-auto"
    jobs = 20

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Random", XGB_RANGES, cls.jobs, 2, seed=3,
                                                             TrainingJobEarlyStoppingType="Auto"))
        cls.summaries = children(cls.client, cls.name)
        cls.stopped = {s["TrainingJobName"] for s in cls.summaries if s["TrainingJobStatus"] == "Stopped"}
        cls.events = emu.events(tuningJob=cls.name, type="early-stopped")

    def test_completes_with_some_children_stopped(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TrainingJobEarlyStoppingType"], "Auto")
        self.assertEqual(len(self.summaries), self.jobs)
        self.assertTrue(self.stopped, "early stopping stopped no child")
        self.assertLess(len(self.stopped), self.jobs)

    def test_stopped_children_succeeded_and_count_under_stopped(self):
        d = self.describe
        self.assertEqual(d["TrainingJobStatusCounters"],
                         {"Completed": self.jobs - len(self.stopped), "InProgress": 0, "RetryableError": 0,
                          "NonRetryableError": 0, "Stopped": len(self.stopped)})
        self.assertEqual(d["ObjectiveStatusCounters"], {"Succeeded": self.jobs, "Pending": 0, "Failed": 0})
        for s in self.summaries:
            if s["TrainingJobName"] not in self.stopped:
                continue
            self.assertEqual(s["ObjectiveStatus"], "Succeeded", s)
            metric = s["FinalHyperParameterTuningJobObjectiveMetric"]
            self.assertEqual(metric["MetricName"], OBJECTIVE)
            job = self.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
            self.assertEqual(job["TrainingJobStatus"], "Stopped")
            self.assertEqual(job["SecondaryStatus"], "Stopped")
            secondary = [t["Status"] for t in job["SecondaryStatusTransitions"]]
            self.assertEqual(secondary[-2:], ["Stopping", "Stopped"], secondary)
            finals = {m["MetricName"]: m["Value"] for m in job.get("FinalMetricDataList", [])}
            self.assertEqual(finals.get(OBJECTIVE), metric["Value"])

    def test_early_stopped_events_name_the_stopped_children(self):
        self.assertEqual({e["trainingJob"] for e in self.events}, self.stopped)
        self.assertEqual(len(self.events), len(self.stopped))
        for e in self.events:
            self.assertEqual(e["tuningJob"], self.name)
            self.assertIn("median", e["message"], e)
            self.assertIsNotNone(epoch_of_rule_message(e["message"]), e)

    def test_tuned_values_are_legal(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror"}, self.jobs)


if __name__ == "__main__":
    unittest.main()
