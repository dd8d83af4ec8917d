"""The Hyperband strategy through boto3 (sagemaker-api.md §3.8, §3.15 rules 21-22): children are
stopped at the rungs of asynchronous successive halving and still report an objective,
StrategyConfig is echoed, and invalid Hyperband configurations are refused.
"""

import unittest

from botocore.exceptions import ClientError

from emulator_process import EmulatorTestCase
from strategy_support import (
    XGB_RANGES, LegalityChecks, best_of, children, counters_total, epoch_of_rule_message, error_of,
    hyperband_definition, run_to_end, tuning_request)


class HyperbandStrategyTest(EmulatorTestCase, LegalityChecks):
    name = "strategy-hyperband"
    jobs = 24
    # MaxResource inferred from the static hyperparameter epochs=27, MinResource 1: rungs at
    # 1·3^k epochs below 27 (the README's asynchronous successive halving).
    rungs = {1, 3, 9}

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()
        cls.describe = run_to_end(cls.client, tuning_request(cls.name, "Hyperband", XGB_RANGES, cls.jobs, 3, seed=3,
                                                             definition=hyperband_definition("27")))
        cls.summaries = children(cls.client, cls.name)
        cls.stopped = {s["TrainingJobName"] for s in cls.summaries if s["TrainingJobStatus"] == "Stopped"}
        cls.events = emu.events(tuningJob=cls.name, type="early-stopped")

    def test_completes(self):
        d = self.describe
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["Strategy"], "Hyperband")
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TrainingJobEarlyStoppingType"], "Off")
        self.assertEqual(len(self.summaries), self.jobs)
        self.assertEqual(counters_total(d), self.jobs)

    def test_tuned_values_are_legal(self):
        self.assert_children_legal(self.client, self.name, XGB_RANGES,
                                   {"num_round": "100", "objective": "reg:squarederror", "epochs": "27"},
                                   self.jobs)

    def test_some_children_are_stopped_at_rungs_and_some_complete(self):
        self.assertTrue(self.stopped, "Hyperband stopped no child")
        completed = [s for s in self.summaries if s["TrainingJobStatus"] == "Completed"]
        self.assertTrue(completed, "Hyperband let no child train to MaxResource")
        self.assertEqual({e["trainingJob"] for e in self.events}, self.stopped)
        self.assertEqual(len(self.events), len(self.stopped), "a child stopped twice")
        for e in self.events:
            self.assertIn(epoch_of_rule_message(e["message"]), self.rungs, e)
            self.assertIn("Hyperband", e["message"], e)

    def test_stopped_children_report_an_objective_and_count_as_stopped(self):
        d = self.describe
        self.assertEqual(d["TrainingJobStatusCounters"]["Stopped"], len(self.stopped))
        self.assertEqual(d["TrainingJobStatusCounters"]["Completed"], self.jobs - len(self.stopped))
        self.assertEqual(d["ObjectiveStatusCounters"]["Succeeded"], self.jobs)
        for s in self.summaries:
            if s["TrainingJobName"] in self.stopped:
                self.assertEqual(s["ObjectiveStatus"], "Succeeded", s)
                self.assertIn("FinalHyperParameterTuningJobObjectiveMetric", s)
                job = self.client.describe_training_job(TrainingJobName=s["TrainingJobName"])
                self.assertEqual(job["TrainingJobStatus"], "Stopped")
                self.assertEqual(job["SecondaryStatus"], "Stopped")

    def test_best_training_job_is_the_best_reported_value(self):
        self.assertEqual(self.describe["BestTrainingJob"]["TrainingJobName"], best_of(self.summaries)["TrainingJobName"])

    def test_explicit_strategy_config_is_echoed(self):
        request = tuning_request("hyperband-explicit", "Hyperband", XGB_RANGES, 6, 2, seed=3,
                                 definition=hyperband_definition(None),
                                 StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 2, "MaxResource": 18}})
        d = run_to_end(self.client, request)
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["StrategyConfig"],
                         {"HyperbandStrategyConfig": {"MinResource": 2, "MaxResource": 18}})

    # ---- invalid configurations (§3.8, §3.15 rules 21-22) ----
    def assert_refused(self, request, fragment=None):
        code, message = error_of(lambda: self.client.create_hyper_parameter_tuning_job(**request))
        self.assertEqual(code, "ValidationException", message)
        if fragment:
            self.assertIn(fragment, message)
        with self.assertRaises(ClientError):
            self.client.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=request["HyperParameterTuningJobName"])

    def test_no_max_resource_is_refused(self):
        self.assert_refused(tuning_request("hb-no-max", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition(None)), "MaxResource")

    def test_min_resource_above_max_resource_is_refused(self):
        self.assert_refused(tuning_request("hb-min-above-max", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 10,
                                                                                       "MaxResource": 5}}))

    def test_min_resource_above_inferred_max_is_refused(self):
        self.assert_refused(tuning_request("hb-min-above-epochs", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MinResource": 30}}))

    def test_max_resource_above_20000_is_refused(self):
        self.assert_refused(tuning_request("hb-max-too-big", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition(None),
                                           StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 20001}}))

    def test_early_stopping_auto_is_refused(self):
        self.assert_refused(tuning_request("hb-auto", "Hyperband", XGB_RANGES, 6, 2,
                                           definition=hyperband_definition("27"),
                                           TrainingJobEarlyStoppingType="Auto"), "Off")

    def test_strategy_config_with_another_strategy_is_refused(self):
        self.assert_refused(tuning_request("random-with-hb-config", "Random", XGB_RANGES, 6, 2,
                                           StrategyConfig={"HyperbandStrategyConfig": {"MaxResource": 9}}))


if __name__ == "__main__":
    unittest.main()
