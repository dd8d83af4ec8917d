"""The blog-post tuning job when ml.m4.xlarge has no capacity (situation (b) of the seed user
story, seed_flow_checks.py), set up by the shipped blog-fallback scenario or by PUT
/_emulator/capacity: every child hits ICE on it, falls back and runs on ml.m5.4xlarge.
"""

import unittest

from emulator_process import REGION, EmulatorTestCase, scenario_path
from sagemaker_requests import PREFERRED, blog_tuning_request
from seed_flow_checks import FallbackChecks, pools_of
from tuning_run import TuningRun, wait_until_tuning_terminal


class FallbackFromScenarioFileTest(FallbackChecks, EmulatorTestCase):
    """(b) --scenario fixtures/scenarios/blog-fallback.json: ml.m4.xlarge has no capacity."""

    tuning_name = "blog-fallback-scenario"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant", "--scenario", scenario_path("blog-fallback"))
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.capacity_before = emu.capacity(PREFERRED)
            cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(cls.tuning_name))
            wait_until_tuning_terminal(cls.client, cls.tuning_name)
            cls.flow = TuningRun(emu, cls.client, cls.tuning_name)

    def test_scenario_has_no_preferred_capacity(self):
        pools = pools_of(self.capacity_before, PREFERRED)
        self.assertTrue(pools, self.capacity_before)
        self.assertEqual(self.capacity_before["pools"], pools, "instanceType filter ignored")
        for pool in pools:
            self.assertEqual((pool["capacity"], pool["available"]), (0, 0), pool)


class FallbackFromCapacityPutTest(FallbackChecks, EmulatorTestCase):
    """(b) Default scenario, then PUT /_emulator/capacity sets ml.m4.xlarge to 0 before create."""

    tuning_name = "blog-fallback-put"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.before = emu.capacity(PREFERRED)
            cls.put = emu.set_capacity([{"instanceType": PREFERRED, "capacity": 0}])
            cls.after = emu.capacity(PREFERRED)
            cls.client.create_hyper_parameter_tuning_job(**blog_tuning_request(cls.tuning_name))
            wait_until_tuning_terminal(cls.client, cls.tuning_name)
            cls.flow = TuningRun(emu, cls.client, cls.tuning_name)

    def test_put_sets_every_zone_to_zero(self):
        before = pools_of(self.before, PREFERRED)
        self.assertGreaterEqual(len(before), 1)
        self.assertTrue(all(p["capacity"] > 0 for p in before), before)
        zones = sorted(p["availabilityZone"] for p in before)
        for doc in (self.put, self.after):
            pools = pools_of(doc, PREFERRED)
            self.assertEqual(sorted(p["availabilityZone"] for p in pools), zones)
            for pool in pools:
                self.assertEqual((pool["capacity"], pool["available"]), (0, 0), pool)
                self.assertEqual(pool["region"], REGION)


if __name__ == "__main__":
    unittest.main()
