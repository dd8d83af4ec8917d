"""The blog-post tuning job when capacity comes back mid-run (situation (d) of the seed user
story, seed_flow_checks.py; manual clock): both types are dry at create, ml.m5.4xlarge returns
after 120 s, the waiting children are granted it and the tuning job completes.
"""

import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import FALLBACK, PREFERRED, blog_tuning_request
from seed_flow_checks import FallbackChecks, ice_message_shown, pools_of, snapshot_children
from tuning_run import ACQUIRED, TuningRun, advance_until_tuning_terminal, first_index


class CapacityReturnsMidRunTest(FallbackChecks, EmulatorTestCase):
    """(d) Both types dry at create; after 120 s ml.m5.4xlarge comes back: the waiting children
    are granted and the tuning job completes on ml.m5.4xlarge."""

    tuning_name = "blog-capacity-returns"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            emu.set_capacity([{"instanceType": PREFERRED, "capacity": 0},
                              {"instanceType": FALLBACK, "capacity": 0}])
            cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(cls.tuning_name))
            emu.advance(120)
            cls.children_at_120 = snapshot_children(cls.client, cls.tuning_name)
            cls.put_back = emu.set_capacity([{"instanceType": FALLBACK, "capacity": 16}])
            advance_until_tuning_terminal(emu, cls.client, cls.tuning_name, step_s=300)
            cls.flow = TuningRun(emu, cls.client, cls.tuning_name)
            cls.capacity_changes = emu.events(type="capacity-changed")

    def test_children_waited_with_the_ice_message_before_capacity_returned(self):
        self.assertEqual(len(self.children_at_120), 5, sorted(self.children_at_120))
        for child, d in self.children_at_120.items():
            self.assertEqual((d["TrainingJobStatus"], d["SecondaryStatus"]),
                             ("InProgress", "Starting"), child)
            self.assertTrue(ice_message_shown(d), d["SecondaryStatusTransitions"])
            self.assertNotIn("TrainingStartTime", d)

    def test_put_gives_the_fallback_capacity_back_in_every_zone(self):
        pools = pools_of(self.put_back, FALLBACK)
        self.assertTrue(pools, self.put_back)
        for pool in pools:
            self.assertEqual(pool["capacity"], 16, pool)
            self.assertEqual(pool["available"], 16 - pool["inUse"], pool)

    def test_no_child_failed(self):
        counters = self.flow.tuning["TrainingJobStatusCounters"]
        self.assertEqual((counters["RetryableError"], counters["NonRetryableError"]), (0, 0))
        self.assertFalse([c for c in self.flow.children
                          if self.flow.describes[c]["TrainingJobStatus"] != "Completed"])

    def test_first_five_waited_then_were_granted(self):
        first_five = self.children_with_ordinals(range(1, 6))
        self.assertEqual(len(first_five), 5)
        for child in first_five:
            events = self.flow.by_child[child]
            waiting = first_index(events, lambda e: e["type"] == "waiting")
            granted = first_index(events, lambda e: e["type"] in ACQUIRED)
            self.assertIsNotNone(waiting, (child, events))
            self.assertIsNotNone(granted, (child, events))
            self.assertLess(waiting, granted, (child, events))
            self.assertEqual(events[granted]["instanceType"], FALLBACK)
            # While waiting the Starting status carries the ICE message; once instances
            # launch it moves on to the next message, as SageMaker's does.
            self.assertTrue(ice_message_shown(self.children_at_120[child]))
            self.assertFalse(ice_message_shown(self.flow.describes[child]))
            self.assertEqual(self.children_at_120[child]["ResourceConfig"]["InstanceType"],
                             PREFERRED)

    def test_later_children_did_not_wait(self):
        later = self.children_with_ordinals(range(6, 11))
        self.assertEqual(len(later), 5)
        for child in later:
            types = [e["type"] for e in self.flow.by_child[child]]
            self.assertNotIn("waiting", types, child)
            self.assertFalse(ice_message_shown(self.flow.describes[child]), child)

    def test_capacity_change_is_on_the_timeline(self):
        self.assertTrue(self.capacity_changes)
        self.assertTrue(all(e["type"] == "capacity-changed" for e in self.capacity_changes))
        self.assertIn(FALLBACK, {e.get("instanceType") for e in self.capacity_changes})
        last_change = self.capacity_changes[-1]
        first_grant = min(e["sequence"] for e in self.flow.events if e["type"] == "granted")
        self.assertLess(last_change["sequence"], first_grant)


if __name__ == "__main__":
    unittest.main()
