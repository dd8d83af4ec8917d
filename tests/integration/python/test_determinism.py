"""Same scenario, same seed, same requests: a manual-clock run (advanced in fixed steps) and an
instant-clock run (polled) give identical children and identical timelines (design.md, Time).
A third run with another seed shows that the seed really drives the search."""

import json
import unittest

from emulator_process import EmulatorProcess, scenario_path
from sagemaker_requests import blog_tuning_request
from tuning_run import (
    advance_until_tuning_terminal, list_children_by_pages, strip_metadata, wait_until_tuning_terminal)

TUNING_NAME = "blog-determinism"
SEED = 7
OTHER_SEED = 8
MANUAL_STEP_S = 450  # deliberately not a divisor of the retry backoff or phase durations


def run_once(clock, seed, scenario="blog-fallback"):
    """One emulator process, one tuning job driven to its end; returns what the tests compare."""
    with EmulatorProcess("--clock", clock, "--seed", seed,
                         "--scenario", scenario_path(scenario)) as emu:
        client = emu.client()
        client.create_hyper_parameter_tuning_job(**blog_tuning_request(TUNING_NAME))
        if clock == "manual":
            advance_until_tuning_terminal(emu, client, TUNING_NAME, step_s=MANUAL_STEP_S)
        else:
            wait_until_tuning_terminal(client, TUNING_NAME)
        summaries, _ = list_children_by_pages(client, TUNING_NAME, page_size=100)
        children = sorted(s["TrainingJobName"] for s in summaries)
        raw_tuning = emu.raw_aws("SageMaker.DescribeHyperParameterTuningJob",
                                 {"HyperParameterTuningJobName": TUNING_NAME})
        return {
            "health": emu.health_at_start,
            "tuning": strip_metadata(client.describe_hyper_parameter_tuning_job(
                HyperParameterTuningJobName=TUNING_NAME)),
            "raw_tuning": (raw_tuning.status, raw_tuning.body),
            "summaries": sorted(summaries, key=lambda s: s["TrainingJobName"]),
            "children": children,
            "describes": {n: strip_metadata(client.describe_training_job(TrainingJobName=n))
                          for n in children},
            "events": emu.events(),
        }


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "first difference at index %d:\n  manual:  %s\n  instant: %s" % (
                i, json.dumps(x, sort_keys=True, default=str), json.dumps(y, sort_keys=True, default=str))
    return "lengths differ: %d vs %d" % (len(a), len(b))


class ManualAndInstantRunsAreIdenticalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manual = run_once("manual", SEED)
        cls.instant = run_once("instant", SEED)

    def test_both_runs_did_the_whole_job(self):
        for name, run in (("manual", self.manual), ("instant", self.instant)):
            self.assertEqual(run["health"]["clock"], name)
            self.assertEqual(run["tuning"]["HyperParameterTuningJobStatus"], "Completed", name)
            self.assertEqual(len(run["children"]), 10, name)
            types = {e["type"] for e in run["events"]}
            # blog-fallback: the timeline must have real content to compare
            self.assertLessEqual({"ice", "fell-back", "granted", "kept-warm", "reused"}, types, name)

    def test_children_have_identical_names(self):
        self.assertEqual(self.manual["children"], self.instant["children"])

    def test_children_have_identical_hyperparameters_instances_metrics_statuses(self):
        for child in self.manual["children"]:
            m, i = self.manual["describes"][child], self.instant["describes"][child]
            for key in ("HyperParameters", "ResourceConfig", "FinalMetricDataList",
                        "TrainingJobStatus", "SecondaryStatus"):
                self.assertEqual(m.get(key), i.get(key), "%s of %s" % (key, child))

    def test_children_have_identical_timestamps(self):
        for child in self.manual["children"]:
            m, i = self.manual["describes"][child], self.instant["describes"][child]
            for key in ("CreationTime", "TrainingStartTime", "TrainingEndTime", "LastModifiedTime",
                        "SecondaryStatusTransitions"):
                self.assertEqual(m.get(key), i.get(key), "%s of %s" % (key, child))

    def test_children_descriptions_are_identical(self):
        for child in self.manual["children"]:
            self.assertEqual(self.manual["describes"][child], self.instant["describes"][child],
                             child)
        self.assertEqual(self.manual["summaries"], self.instant["summaries"])

    def test_tuning_job_descriptions_are_identical(self):
        self.assertEqual(self.manual["tuning"], self.instant["tuning"])
        self.assertEqual(self.manual["raw_tuning"][0], 200)
        self.assertEqual(self.manual["raw_tuning"], self.instant["raw_tuning"],
                         "DescribeHyperParameterTuningJob bodies are not byte-identical")

    def test_timelines_are_identical(self):
        m, i = self.manual["events"], self.instant["events"]
        self.assertTrue(m)
        self.assertTrue(m == i, first_difference(m, i))


class TimedScenarioEventsWaitForWorkTest(unittest.TestCase):
    """zone-outage changes capacity at 600 s and 2400 s. With nothing running, the instant clock
    must not run ahead to them: the job is created at time 0 in both modes."""

    def test_a_scenario_with_timed_changes_gives_the_same_run_in_both_modes(self):
        manual = run_once("manual", SEED, "zone-outage")
        instant = run_once("instant", SEED, "zone-outage")
        self.assertEqual(instant["tuning"]["CreationTime"], manual["tuning"]["CreationTime"])
        self.assertEqual(instant["tuning"]["CreationTime"].timestamp(), 1767225600)  # 2026-01-01T00:00:00Z
        self.assertEqual(manual["tuning"], instant["tuning"])
        self.assertEqual(manual["describes"], instant["describes"])


class SeedDrivesTheSearchTest(unittest.TestCase):
    def test_another_seed_proposes_other_hyperparameters(self):
        a = run_once("instant", SEED)
        b = run_once("instant", OTHER_SEED)

        def tuned(run):
            return [{k: run["describes"][c]["HyperParameters"][k] for k in ("eta", "max_depth")}
                    for c in run["children"]]

        self.assertEqual(len(tuned(a)), 10)
        self.assertEqual(len(tuned(b)), 10)
        self.assertNotEqual(tuned(a), tuned(b))
        # and the same seed again reproduces the first run exactly
        self.assertEqual(tuned(run_once("instant", SEED)), tuned(a))


if __name__ == "__main__":
    unittest.main()
