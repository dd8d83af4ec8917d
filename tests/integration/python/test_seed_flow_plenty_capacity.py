"""The blog-post tuning job with plenty of capacity (situation (a) of the seed user story,
seed_flow_checks.py): every child runs on the preferred ml.m4.xlarge and the timeline shows
no capacity trouble.
"""

import unittest

from emulator_process import EmulatorTestCase
from sagemaker_requests import PREFERRED, blog_tuning_request
from seed_flow_checks import CompletedFlowChecks
from tuning_run import ACQUIRED, TuningRun, wait_until_tuning_terminal


class PlentyOfCapacityTest(CompletedFlowChecks, EmulatorTestCase):
    """(a) The default scenario: every child runs on the preferred ml.m4.xlarge."""

    tuning_name = "blog-plenty"
    expected_instance = PREFERRED

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.created = cls.client.create_hyper_parameter_tuning_job(
                **blog_tuning_request(cls.tuning_name))
            wait_until_tuning_terminal(cls.client, cls.tuning_name)
            cls.flow = TuningRun(emu, cls.client, cls.tuning_name)

    def test_create_returns_the_arn(self):
        self.assertEqual(self.created["HyperParameterTuningJobArn"],
                         self.flow.tuning["HyperParameterTuningJobArn"])

    def test_no_capacity_trouble_on_the_timeline(self):
        trouble = [e for e in self.flow.events
                   if e["type"] in ("ice", "fell-back", "waiting", "capacity-error")]
        self.assertEqual(trouble, [])
        self.assertEqual({e["instanceType"] for e in self.flow.events if e["type"] in ACQUIRED},
                         {PREFERRED})


if __name__ == "__main__":
    unittest.main()
