"""`amt-emulator what-if` (issue 13): a request run on many seeds in process, its outcomes,
durations and costs over runs, compared with alternative requests, and shards that merge into
exactly the unsharded result."""

import json
import unittest
from pathlib import Path

from emulator_process import EmulatorProcess, scenario_path
from sagemaker_requests import NO_SUCCESS_AFTER_5
from what_if_support import BLOG_REQUEST, NO_FALLBACK_REQUEST, WhatIfTestCase


class WhatIfOutcomes(WhatIfTestCase):
    def test_plenty_gives_no_ice_and_every_run_completes(self):
        report = self.run_report("plenty", 30)
        summary = report["requests"][0]["summary"]
        self.assertEqual(summary["runs"], 30)
        self.assertEqual(summary["iceAnswers"], 0)
        self.assertEqual(summary["completed"], 30)
        self.assertEqual(summary["childrenByType"], {"ml.m4.xlarge": 300})
        self.assertEqual(summary["fallbacksByType"], {})
        self.assertEqual(summary["completionProbability"]["rate"], 1.0)
        self.assertAlmostEqual(summary["completionProbability"]["low95"], 0.8865, places=4)  # Wilson, 30 of 30
        for run in report["requests"][0]["runs"]:
            self.assertEqual(run["iceAnswers"], 0)
            self.assertGreater(run["cost"], 0)
            self.assertIsNotNone(run["bestObjective"])

    def test_both_fallback_types_dry_fails_every_run(self):
        report = self.run_report(self.both_types_dry_scenario(), 25)
        section = report["requests"][0]
        self.assertEqual(section["summary"]["completed"], 0)
        self.assertEqual(section["summary"]["outcomes"], {"Failed": 25})
        self.assertEqual(section["summary"]["completionProbability"]["rate"], 0.0)
        self.assertEqual(section["summary"]["cost"]["max"], 0.0)
        for run in section["runs"]:
            self.assertEqual(run["status"], "Failed")
            self.assertEqual(run["failureReason"], NO_SUCCESS_AFTER_5)
            self.assertEqual(run["failedChildren"], run["children"])
            self.assertEqual(set(run["iceByType"]), {"ml.m4.xlarge", "ml.m5.4xlarge"})

    def test_the_preferred_type_dry_every_child_falls_back(self):
        summary = self.run_report("blog-fallback", 10)["requests"][0]["summary"]
        self.assertEqual(summary["completed"], 10)
        self.assertEqual(summary["fallbacksByType"], {"ml.m5.4xlarge": 100})
        self.assertEqual(summary["childShareByType"], {"ml.m5.4xlarge": 1.0})
        self.assertEqual(summary["iceByType"], {"ml.m4.xlarge": 100})

    def test_runs_are_seeds_from_the_seed_base_with_ordered_percentiles(self):
        report = self.run_report("blog-fallback", 12, "--seed", 40)
        self.assertEqual([r["seed"] for r in report["requests"][0]["runs"]], list(range(40, 52)))
        for what in ("durationSeconds", "cost"):
            d = report["requests"][0]["summary"][what]
            self.assertLessEqual(d["min"], d["p50"])
            self.assertLessEqual(d["p50"], d["p90"])
            self.assertLessEqual(d["p90"], d["p99"])
            self.assertLessEqual(d["p99"], d["max"])
            self.assertLess(d["min"], d["max"], what + " should vary over seeds")


class WhatIfDeterminism(WhatIfTestCase):
    def test_the_same_seed_gives_the_same_bytes(self):
        args = ["--scenario", scenario_path("blog-fallback"), "--request", BLOG_REQUEST, "--runs", 20,
                "--seed", 7]
        self.run_ok(*args, "--json", self.path("a.json"), "--html", self.path("a.html"))
        self.run_ok(*args, "--json", self.path("b.json"), "--html", self.path("b.html"))
        self.assertEqual(Path(self.path("a.json")).read_bytes(), Path(self.path("b.json")).read_bytes())
        self.assertEqual(Path(self.path("a.html")).read_bytes(), Path(self.path("b.html")).read_bytes())

    def test_another_seed_base_gives_other_runs(self):
        a = self.run_report("blog-fallback", 5, "--seed", 0, name="a")["requests"][0]["runs"]
        b = self.run_report("blog-fallback", 5, "--seed", 100, name="b")["requests"][0]["runs"]
        self.assertNotEqual([r["durationSeconds"] for r in a], [r["durationSeconds"] for r in b])


class WhatIfShards(WhatIfTestCase):
    ARGS = ["--scenario", scenario_path("blog-fallback"), "--request", BLOG_REQUEST, "--runs", 23, "--seed", 5,
            "--compare", NO_FALLBACK_REQUEST]

    def shard_files(self, count):
        files = []
        for index in range(count):
            files.append(self.path("shard-%d.json" % index))
            self.run_ok(*self.ARGS, "--shard", "%d/%d" % (index, count), "--json", files[-1])
        return files

    def test_merged_shards_equal_the_unsharded_run_byte_for_byte(self):
        self.run_ok(*self.ARGS, "--json", self.path("whole.json"), "--html", self.path("whole.html"))
        files = self.shard_files(4)
        self.run_ok("merge", *reversed(files), "--json", self.path("merged.json"), "--html", self.path("merged.html"))
        self.assertEqual(Path(self.path("merged.json")).read_bytes(), Path(self.path("whole.json")).read_bytes())
        self.assertEqual(Path(self.path("merged.html")).read_bytes(), Path(self.path("whole.html")).read_bytes())

    def test_a_shard_holds_only_its_own_seeds(self):
        shard = json.loads(Path(self.shard_files(4)[1]).read_text())
        self.assertEqual(shard["shard"], {"index": 1, "count": 4})
        self.assertEqual([r["seed"] for r in shard["requests"][0]["runs"]], [6, 10, 14, 18, 22, 26])

    def test_merge_refuses_a_missing_or_repeated_shard(self):
        files = self.shard_files(3)
        done = self.run_merge(files[0], files[2])
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr, "amt-emulator what-if: cannot merge: shard 1/3 is missing\n")
        done = self.run_merge(*files, files[1])
        self.assertEqual(done.stderr, "amt-emulator what-if: cannot merge: shard 1/3 is given 2 times\n")

    def test_merge_refuses_shards_of_another_what_if(self):
        files = self.shard_files(2)
        other = self.path("other-seed.json")
        self.run_ok(*self.ARGS[:-4], "--seed", 6, "--compare", NO_FALLBACK_REQUEST, "--shard", "1/2", "--json", other)
        done = self.run_merge(files[0], other)
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr,
                         "amt-emulator what-if: cannot merge: shard 1/2 has another seed base (--seed) than shard 0/2\n")
        self.run_ok("--scenario", scenario_path("plenty"), *self.ARGS[2:], "--shard", "1/2", "--json", other)
        self.assertIn("has another scenario than shard 0/2", self.run_merge(files[0], other).stderr)

    def test_merge_refuses_a_file_that_is_not_a_what_if_result(self):
        Path(self.path("x.json")).write_text("{}")
        done = self.run_merge(self.path("x.json"))
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stderr, "amt-emulator what-if: %s: not a what-if result "
                                      "(its \"format\" is not \"amt-emulator-what-if/1\")\n" % self.path("x.json"))

    def run_merge(self, *files):
        from what_if_support import what_if
        return what_if("merge", *files, "--json", self.path("merged.json"))


class WhatIfCompare(WhatIfTestCase):
    def test_alternative_requests_run_on_the_same_seeds_side_by_side(self):
        report = self.run_report("blog-fallback", 15, "--compare", NO_FALLBACK_REQUEST, "--html", self.path("r.html"))
        with_fallback, without = report["requests"]
        self.assertEqual(with_fallback["request"], BLOG_REQUEST)
        self.assertEqual(without["request"], NO_FALLBACK_REQUEST)
        self.assertEqual([r["seed"] for r in with_fallback["runs"]], [r["seed"] for r in without["runs"]])
        self.assertEqual(with_fallback["summary"]["completed"], 15)
        self.assertEqual(without["summary"]["completed"], 0)  # ml.m4.xlarge alone never gets capacity
        html = Path(self.path("r.html")).read_text()
        self.assertIn("<th>%s</th><th>%s</th>" % (BLOG_REQUEST, NO_FALLBACK_REQUEST), html)


class WhatIfHtml(WhatIfTestCase):
    def test_the_report_is_one_file_with_charts_that_fetches_nothing(self):
        self.run_report("blog-fallback", 10, "--html", self.path("r.html"))
        html = Path(self.path("r.html")).read_text()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        for chart in ("Virtual duration, CDF", "Cost, CDF", "Virtual duration, distribution", "Cost, distribution",
                      "Children per instance type", "Tuning job completed"):
            self.assertIn("<title>%s" % chart, html)
        for fetch in ("<script", "<link", "<img", "@import", "url(http", "src="):
            self.assertNotIn(fetch, html)
        self.assertEqual(html.count("http"), html.count("http://www.w3.org/2000/svg"))  # namespaces only
        self.assertIn("<pattern id='hatch0'", html)  # series tell apart without colour


class WhatIfBadArguments(WhatIfTestCase):
    def assert_refused(self, args, message, code=2):
        from what_if_support import what_if
        done = what_if(*args)
        self.assertEqual(done.returncode, code, done.stderr)
        self.assertTrue(done.stderr.startswith("amt-emulator what-if: " + message), done.stderr)
        self.assertEqual(done.stderr.count("\n"), 1, "one line on stderr (docs/what-if.md): " + done.stderr)
        self.assertFalse(Path(self.path("o.json")).exists())

    def test_flags(self):
        base = ["--scenario", scenario_path("plenty"), "--request", BLOG_REQUEST, "--json", self.path("o.json")]
        self.assert_refused(base, "--runs is required (amt-emulator what-if --help shows the usage)")
        self.assert_refused(base + ["--runs", "2", "--seed", str(2**64 - 1)], "--seed %d with --runs 2" % (2**64 - 1))
        self.assert_refused(base + ["--runs", "0"], "--runs must be a whole number of at least 1; got '0'")
        self.assert_refused(base + ["--runs", "3", "--shard", "2/2"],
                            "--shard must be I/N with 0 <= I < N, e.g. 0/4; got '2/2'")
        self.assert_refused(base + ["--runs", "3", "--seed", "x"], "--seed must be a whole number of at least 0")
        self.assert_refused(base + ["--runs", "3", "--frobnicate"], "unknown argument '--frobnicate'")

    def test_unreadable_and_invalid_inputs(self):
        out = ["--json", self.path("o.json"), "--runs", "2"]
        self.assert_refused(["--scenario", self.path("none.json"), "--request", BLOG_REQUEST] + out,
                            "cannot read scenario file '%s'\n" % self.path("none.json"))
        Path(self.path("bad-scenario.json")).write_text('{"region": "us-east-1", "pools": [{"instanceType": "ml.nope"}]}')
        self.assert_refused(["--scenario", self.path("bad-scenario.json"), "--request", BLOG_REQUEST] + out,
                            "scenario %s: " % self.path("bad-scenario.json"))
        self.assert_refused(["--scenario", scenario_path("plenty"), "--request", self.path("none.json")] + out,
                            "cannot read request file '%s'\n" % self.path("none.json"))

    def test_an_invalid_request_gets_create_hyper_parameter_tuning_jobs_error(self):
        blog = json.loads(Path(BLOG_REQUEST).read_text())
        zero_parallel = json.loads(json.dumps(blog))
        zero_parallel["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 0
        more_parallel_than_jobs = json.loads(json.dumps(blog))
        more_parallel_than_jobs["HyperParameterTuningJobConfig"]["ResourceLimits"]["MaxParallelTrainingJobs"] = 20
        bodies = {"zero-parallel": json.dumps(zero_parallel), "parallel-over-max": json.dumps(more_parallel_than_jobs),
                  "not-json": '{"HyperParameterTuningJobName": '}
        with EmulatorProcess("--clock", "instant") as emu:
            for name, body in bodies.items():
                answer = emu.raw_aws("SageMaker.CreateHyperParameterTuningJob", body)
                self.assertEqual(answer.status, 400, name)
                request = self.path(name + ".json")
                Path(request).write_text(body)
                self.assert_refused(["--scenario", scenario_path("plenty"), "--request", request, "--runs", "2",
                                     "--json", self.path("o.json")],
                                    "request %s: %s: %s\n" % (request, answer.json()["__type"],
                                                              answer.json()["message"]))

    def test_help(self):
        from what_if_support import what_if
        done = what_if("--help")
        self.assertEqual(done.returncode, 0)
        self.assertTrue(done.stdout.startswith("usage: amt-emulator what-if"))


if __name__ == "__main__":
    unittest.main()
