"""TuningJobCompletionCriteria through boto3 (sagemaker-api.md §3.10): a target objective value,
BestObjectiveNotImproving and ConvergenceDetected end a tuning job early, sequential or with
parallel children.
"""

import unittest

from emulator_process import EmulatorTestCase
from strategy_support import (
    XGB_RANGES, best_value, children, counters_total, objective_value, ordinal, run_to_end,
    tuning_request)


class CompletionCriteriaTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.client = emu.client()

    def run_sequential(self, name, max_jobs, criteria, seed=7):
        d = run_to_end(self.client, tuning_request(name, "Random", XGB_RANGES, max_jobs, 1, seed=seed,
                                                   TuningJobCompletionCriteria=criteria))
        summaries = sorted(children(self.client, name), key=lambda s: ordinal(name, s["TrainingJobName"]))
        return d, summaries

    def test_target_objective_metric_value_ends_the_job_early(self):
        # The reference run without a criterion: the target is its 5th best value, so a
        # 40-job budget is cut short as soon as a child reaches it.
        ref, ref_children = self.run_sequential("target-reference", 40, {})
        self.assertEqual(len(ref_children), 40)
        target = sorted(objective_value(s) for s in ref_children)[4]

        d, summaries = self.run_sequential("target-criterion", 40, {"TargetObjectiveMetricValue": target})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(d["HyperParameterTuningJobConfig"]["TuningJobCompletionCriteria"]["TargetObjectiveMetricValue"],
                         target)
        self.assertLess(len(summaries), 40)
        self.assertLessEqual(best_value(d), target)
        # Sequential: the job ended with the first child that reached the target.
        self.assertLessEqual(objective_value(summaries[-1]), target)
        for s in summaries[:-1]:
            self.assertGreater(objective_value(s), target, s["TrainingJobName"])
        self.assertEqual(counters_total(d), len(summaries))

    def test_best_objective_not_improving_ends_the_job(self):
        window = 3
        d, summaries = self.run_sequential("not-improving", 60,
                                           {"BestObjectiveNotImproving": {"MaxNumberOfTrainingJobsNotImproving": window}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(len(summaries), 60)
        details = d.get("TuningJobCompletionDetails", {})
        self.assertEqual(details.get("NumberOfTrainingJobsObjectiveNotImproving"), window, d)
        self.assertNotIn("ConvergenceDetectedTime", details)
        # Recomputed from the children (sequential, so launch order is completion order):
        # the last `window` did not beat the best before them by 1 %, and no earlier run of
        # `window` such children occurred.
        best, streak, streaks = None, 0, []
        for s in summaries:
            value = objective_value(s)
            improved = best is None or value < best - 0.01 * abs(best)
            streak = 0 if improved else streak + 1
            best = value if best is None else min(best, value)
            streaks.append(streak)
        self.assertEqual(streaks[-1], window, streaks)
        self.assertTrue(all(x < window for x in streaks[:-1]), streaks)

    def test_convergence_detected_sets_the_time(self):
        d, summaries = self.run_sequential("convergence", 200, {"ConvergenceDetected": {"CompleteOnConvergence": "Enabled"}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(len(summaries), 200)
        details = d.get("TuningJobCompletionDetails", {})
        self.assertIn("ConvergenceDetectedTime", details, d)
        self.assertGreaterEqual(details["ConvergenceDetectedTime"], d["CreationTime"])
        self.assertLessEqual(details["ConvergenceDetectedTime"], d["HyperParameterTuningEndTime"])

    def test_convergence_disabled_runs_the_whole_budget(self):
        d, summaries = self.run_sequential("no-convergence", 30, {"ConvergenceDetected": {"CompleteOnConvergence": "Disabled"}})
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertEqual(len(summaries), 30)
        self.assertNotIn("ConvergenceDetectedTime", d.get("TuningJobCompletionDetails", {}))

    def test_target_with_parallel_children_stops_the_running_ones(self):
        ref = run_to_end(self.client, tuning_request("target-par-ref", "Random", XGB_RANGES, 30, 3, seed=9))
        target = sorted(objective_value(s) for s in children(self.client, "target-par-ref"))[4]
        self.assertEqual(ref["HyperParameterTuningJobStatus"], "Completed")
        d = run_to_end(self.client, tuning_request("target-par", "Random", XGB_RANGES, 30, 3, seed=9,
                                                   TuningJobCompletionCriteria={"TargetObjectiveMetricValue": target}))
        self.assertEqual(d["HyperParameterTuningJobStatus"], "Completed", d.get("FailureReason"))
        self.assertLess(counters_total(d), 30)
        self.assertEqual(d["TrainingJobStatusCounters"]["InProgress"], 0)
        self.assertLessEqual(best_value(d), target)
        for s in children(self.client, "target-par"):
            self.assertIn(s["TrainingJobStatus"], ("Completed", "Stopped"), s)


if __name__ == "__main__":
    unittest.main()
