"""The blog-post tuning job when both instance types have no capacity (situation (c) of the seed
user story, seed_flow_checks.py; manual clock): children wait in Starting with SageMaker's ICE
message, fail with CapacityError, and the tuning job fails after five attempts.
"""

import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import (
    CAPACITY_ERROR, FALLBACK, NO_SUCCESS_AFTER_5, PREFERRED, blog_tuning_request)
from seed_flow_checks import SeedFlowChecks, collapse, ice_message_shown, pools_of, snapshot_children
from tuning_run import TuningRun


class BothPoolsDryTest(SeedFlowChecks, EmulatorTestCase):
    """(c) Both instance types at 0 (manual clock): children wait with SageMaker's ICE message,
    then fail with the CapacityError text; the tuning job fails after 5 attempts."""

    tuning_name = "blog-both-dry"
    expected_children = 5
    expected_peak = 0

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.put = emu.set_capacity([{"instanceType": PREFERRED, "capacity": 0},
                                        {"instanceType": FALLBACK, "capacity": 0}])
            cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(cls.tuning_name))
            cls.clock_at_create = emu.clock()
            cls.clock_at_60 = emu.advance(60)
            cls.tuning_at_60 = cls.client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=cls.tuning_name)
            cls.children_at_60 = snapshot_children(cls.client, cls.tuning_name)
            emu.advance(3600)
            cls.flow = TuningRun(emu, cls.client, cls.tuning_name)

    def test_put_sets_both_types_to_zero(self):
        for instance_type in (PREFERRED, FALLBACK):
            pools = pools_of(self.put, instance_type)
            self.assertTrue(pools, self.put)
            for pool in pools:
                self.assertEqual((pool["capacity"], pool["available"]), (0, 0), pool)

    def test_manual_clock_moves_only_when_asked(self):
        self.assertEqual(self.clock_at_create["mode"], "manual")
        self.assertEqual(self.clock_at_60["elapsedSeconds"] - self.clock_at_create["elapsedSeconds"],
                         60)
        self.assertEqual(self.clock_at_60["now"] - self.clock_at_create["now"], 60)

    def test_children_wait_in_starting_with_the_ice_message(self):
        self.assertEqual(self.tuning_at_60["HyperParameterTuningJobStatus"], "InProgress")
        self.assertEqual(self.tuning_at_60["TrainingJobStatusCounters"]["InProgress"], 5)
        self.assertEqual(len(self.children_at_60), 5, sorted(self.children_at_60))
        for child, d in self.children_at_60.items():
            self.assertEqual(d["TrainingJobStatus"], "InProgress", child)
            self.assertEqual(d["SecondaryStatus"], "Starting", child)
            self.assertTrue(ice_message_shown(d), d["SecondaryStatusTransitions"])
            self.assertNotIn("TrainingStartTime", d)
            self.assertNotIn("FailureReason", d)
            # created on the most preferred configuration while nothing is granted
            self.assertEqual(d["ResourceConfig"]["InstanceType"], PREFERRED)

    def test_children_fail_with_capacity_error(self):
        for child in self.flow.children:
            d = self.flow.describes[child]
            self.assertEqual(d["TrainingJobStatus"], "Failed", child)
            self.assertEqual(d["SecondaryStatus"], "Failed", child)
            self.assertEqual(d["FailureReason"], CAPACITY_ERROR)
            self.assertNotIn("TrainingStartTime", d)
            self.assertTrue(ice_message_shown(d), d["SecondaryStatusTransitions"])
            self.assertEqual(collapse([t["Status"] for t in d["SecondaryStatusTransitions"]]),
                             ["Starting", "Failed"])
            s = self.flow.summary(child)
            self.assertEqual(s["TrainingJobStatus"], "Failed")
            self.assertEqual(s["ObjectiveStatus"], "Failed")
            self.assertNotIn("FinalHyperParameterTuningJobObjectiveMetric", s)

    def test_tuning_job_fails_after_five_attempts(self):
        t = self.flow.tuning
        self.assertEqual(t["HyperParameterTuningJobStatus"], "Failed")
        self.assertEqual(t["FailureReason"], NO_SUCCESS_AFTER_5)
        self.assertEqual(t["TrainingJobStatusCounters"],
                         {"Completed": 0, "InProgress": 0, "RetryableError": 5,
                          "NonRetryableError": 0, "Stopped": 0})
        self.assertEqual(t["ObjectiveStatusCounters"], {"Succeeded": 0, "Pending": 0, "Failed": 5})
        self.assertNotIn("BestTrainingJob", t)
        self.assertIn("HyperParameterTuningEndTime", t)
        self.assertLessEqual(len(self.flow.children), 5)

    def test_timeline_shows_ice_on_both_types_waiting_and_capacity_error(self):
        for child in self.flow.children:
            events = self.flow.by_child.get(child, [])
            types = [e["type"] for e in events]
            for instance_type in (PREFERRED, FALLBACK):
                self.assertTrue([e for e in events if e["type"] == "ice"
                                 and e.get("instanceType") == instance_type], (child, events))
            self.assertIn("waiting", types, child)
            self.assertIn("capacity-error", types, child)
            self.assertLess(types.index("waiting"), types.index("capacity-error"))
            self.assertNotIn("granted", types)


if __name__ == "__main__":
    unittest.main()
