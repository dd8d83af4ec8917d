"""The user story of the seed flow, through boto3: the blog-post tuning job (Random, 10 jobs,
5 in parallel, InstanceConfigs [ml.m4.xlarge, ml.m5.4xlarge]) in four capacity situations, one
test module each: test_seed_flow_plenty_capacity (a), test_seed_flow_fallback (b),
test_seed_flow_no_capacity (c) and test_seed_flow_capacity_returns (d).

Each situation is one test class with its own emulator process. setUpClass drives the tuning
job to its end (instant clock, or manual clock advanced in fixed steps) and keeps what it saw;
the test methods assert on it. Checks common to every situation (names, pagination, listing,
the parallelism bound read from the timeline) live here in SeedFlowChecks; those common to the
situations that complete in CompletedFlowChecks, and those of a fallback in FallbackChecks.
"""

import math

from emulator_process import REGION
from sagemaker_requests import (
    FALLBACK, ICE_STATUS_MESSAGE, INSTANCE_CONFIGS, MAX_JOBS, MAX_PARALLEL, OBJECTIVE, PREFERRED,
    ROLE_ARN, S3_OUTPUT, STATIC_HYPERPARAMETERS, XGBOOST_IMAGE)
from tuning_run import (
    ACQUIRED, LET_GO, child_name_pattern, first_index, held_instances_profile,
    list_children_by_pages, list_training_jobs_by_pages, paginate_all)

TUNED = {"eta", "max_depth"}
NORMAL_SECONDARY = ["Starting", "Downloading", "Training", "Uploading", "Completed"]
COUNTER_KEYS = ("Completed", "InProgress", "RetryableError", "NonRetryableError", "Stopped")


def collapse(statuses):
    """Consecutive duplicates removed (a job may log several Starting steps while it waits)."""
    out = []
    for s in statuses:
        if not out or out[-1] != s:
            out.append(s)
    return out


def pools_of(doc, instance_type):
    return [p for p in doc["pools"] if p["instanceType"] == instance_type]


def ice_message_shown(describe):
    return any(t.get("Status") == "Starting" and t.get("StatusMessage") == ICE_STATUS_MESSAGE
               for t in describe.get("SecondaryStatusTransitions", []))


def snapshot_children(client, tuning_name):
    summaries, _ = list_children_by_pages(client, tuning_name, page_size=100)
    return {s["TrainingJobName"]: client.describe_training_job(TrainingJobName=s["TrainingJobName"])
            for s in summaries}


class SeedFlowChecks:
    """Mixed into every situation's TestCase. Subclasses set tuning_name, expected_children,
    expected_peak and cls.flow (a TuningRun) in setUpClass."""

    tuning_name = None
    expected_children = MAX_JOBS
    expected_peak = MAX_PARALLEL
    flow = None
    client = None

    def ordinal(self, child):
        m = child_name_pattern(self.tuning_name).match(child)
        self.assertIsNotNone(m, "child name %r does not match <tuning>-NNN-<8 hex>" % child)
        return int(m.group(1))

    def children_with_ordinals(self, ordinals):
        return [c for c in self.flow.children if self.ordinal(c) in ordinals]

    # ---- names ------------------------------------------------------------------------
    def test_child_names_are_tuning_name_ordinal_and_hex(self):
        pattern = child_name_pattern(self.tuning_name)
        for child in self.flow.children:
            self.assertRegex(child, pattern)
        ordinals = sorted(self.ordinal(c) for c in self.flow.children)
        self.assertEqual(ordinals, list(range(1, self.expected_children + 1)))

    # ---- the parallelism bound --------------------------------------------------------
    def test_at_most_five_children_hold_instances_at_any_moment(self):
        profile = held_instances_profile(self.flow.events)
        self.assertLessEqual(max(profile, default=0), MAX_PARALLEL, profile)
        self.assertGreaterEqual(min(profile, default=0), 0, profile)
        self.assertEqual(max(profile, default=0), self.expected_peak, profile)
        self.assertEqual(profile[-1] if profile else 0, 0, "instances still held at the end")
        granted = [e for e in self.flow.events if e["type"] in ACQUIRED]
        released = [e for e in self.flow.events if e["type"] in LET_GO]
        # every acquire and let-go belongs to one of the children, one each per child that ran
        self.assertLessEqual({e.get("trainingJob") for e in granted + released},
                             set(self.flow.children))
        self.assertEqual(sorted(e["trainingJob"] for e in granted),
                         sorted(e["trainingJob"] for e in released))
        self.assertEqual(len({e["trainingJob"] for e in granted}), len(granted))
        # and every instance the tuning job took from the pool went back to it
        taken = sum(1 for e in self.flow.events if e["type"] == "granted")
        returned = sum(1 for e in self.flow.events if e["type"] in ("released", "warm-pool-released"))
        self.assertEqual(taken, returned)

    def test_timeline_is_ordered_and_tagged(self):
        self.assertTrue(self.flow.events, "no events for the tuning job")
        last_time = None
        for event in self.flow.events:
            self.assertEqual(event.get("tuningJob"), self.tuning_name, event)
            self.assertEqual(event.get("region"), REGION, event)
            self.assertIsInstance(event["time"], (int, float))
            if last_time is not None:
                self.assertGreaterEqual(event["time"], last_time, event)
            last_time = event["time"]

    # ---- pagination -------------------------------------------------------------------
    def test_children_paginate_by_three_through_next_token(self):
        n = self.expected_children
        self.assertEqual(len(self.flow.summaries), n)
        self.assertEqual(len(set(self.flow.children)), n, "duplicate children across pages")
        sizes = [size for size, _ in self.flow.pages]
        tokens = [token for _, token in self.flow.pages]
        self.assertTrue(all(size <= 3 for size in sizes), sizes)
        self.assertGreaterEqual(len(self.flow.pages), math.ceil(n / 3))
        self.assertIsNotNone(tokens[0], "a first page of 3 out of %d must carry NextToken" % n)
        self.assertFalse(tokens[-1], "the last page must omit NextToken")
        self.assertEqual(len(set(tokens[:-1])), len(tokens) - 1, "NextToken repeated")
        counters = self.flow.tuning["TrainingJobStatusCounters"]
        self.assertEqual(sum(counters[k] for k in COUNTER_KEYS), n, counters)

    def test_children_paginate_through_boto3_paginator(self):
        pages = paginate_all(self.client, "list_training_jobs_for_hyper_parameter_tuning_job",
                             page_size=3, HyperParameterTuningJobName=self.tuning_name)
        names = [s["TrainingJobName"] for p in pages for s in p["TrainingJobSummaries"]]
        self.assertTrue(all(len(p["TrainingJobSummaries"]) <= 3 for p in pages))
        self.assertEqual(len(names), self.expected_children)
        self.assertEqual(sorted(names), self.flow.children)

    def test_list_training_jobs_sees_every_child(self):
        summaries, pages = list_training_jobs_by_pages(self.client, page_size=3)
        names = [s["TrainingJobName"] for s in summaries]
        self.assertTrue(all(size <= 3 for size, _ in pages))
        self.assertEqual(len(names), len(set(names)), "duplicate training jobs across pages")
        self.assertEqual(sorted(names), self.flow.children)
        for s in summaries:
            describe = self.flow.describes[s["TrainingJobName"]]
            self.assertEqual(s["TrainingJobStatus"], describe["TrainingJobStatus"])
            self.assertEqual(s["TrainingJobArn"], describe["TrainingJobArn"])
        pages = paginate_all(self.client, "list_training_jobs", page_size=3)
        self.assertEqual(sorted(s["TrainingJobName"] for p in pages
                                for s in p["TrainingJobSummaries"]), self.flow.children)

    def test_list_hyper_parameter_tuning_jobs_lists_the_job(self):
        listed = self.client.list_hyper_parameter_tuning_jobs(MaxResults=100)
        mine = [s for s in listed["HyperParameterTuningJobSummaries"]
                if s["HyperParameterTuningJobName"] == self.tuning_name]
        self.assertEqual(len(mine), 1, listed["HyperParameterTuningJobSummaries"])
        summary = mine[0]
        self.assertEqual(summary["HyperParameterTuningJobStatus"],
                         self.flow.tuning["HyperParameterTuningJobStatus"])
        self.assertEqual(summary["TrainingJobStatusCounters"],
                         self.flow.tuning["TrainingJobStatusCounters"])
        self.assertEqual(summary["Strategy"], "Random")
        pages = paginate_all(self.client, "list_hyper_parameter_tuning_jobs", page_size=3)
        self.assertIn(self.tuning_name, [s["HyperParameterTuningJobName"] for p in pages
                                         for s in p["HyperParameterTuningJobSummaries"]])


class CompletedFlowChecks(SeedFlowChecks):
    """Situations in which all 10 children complete on expected_instance."""

    expected_instance = None

    def test_tuning_job_completed_with_counters(self):
        t = self.flow.tuning
        self.assertEqual(t["HyperParameterTuningJobStatus"], "Completed", t.get("FailureReason"))
        self.assertEqual(t["TrainingJobStatusCounters"],
                         {"Completed": 10, "InProgress": 0, "RetryableError": 0,
                          "NonRetryableError": 0, "Stopped": 0})
        self.assertEqual(t["ObjectiveStatusCounters"], {"Succeeded": 10, "Pending": 0, "Failed": 0})
        self.assertNotIn("FailureReason", t)
        self.assertGreaterEqual(t["HyperParameterTuningEndTime"], t["CreationTime"])
        for child in self.flow.children:
            self.assertLessEqual(self.flow.describes[child]["TrainingEndTime"],
                                 t["HyperParameterTuningEndTime"])

    def test_every_child_completed_on_expected_instance(self):
        self.assertEqual(len(self.flow.children), 10)
        for child in self.flow.children:
            d = self.flow.describes[child]
            self.assertEqual(d["TrainingJobStatus"], "Completed", (child, d.get("FailureReason")))
            self.assertEqual(d["SecondaryStatus"], "Completed")
            self.assertEqual(d["ResourceConfig"]["InstanceType"], self.expected_instance, child)
            self.assertEqual(d["ResourceConfig"]["InstanceCount"], 1)
            self.assertEqual(d["ResourceConfig"]["VolumeSizeInGB"], 5)
            s = self.flow.summary(child)
            self.assertEqual(s["TrainingJobStatus"], "Completed")
            self.assertEqual(s["ObjectiveStatus"], "Succeeded")
            self.assertEqual(s["TuningJobName"], self.tuning_name)

    def test_best_training_job_is_the_child_with_minimum_rmse(self):
        values = {}
        for child in self.flow.children:
            metric = self.flow.summary(child)["FinalHyperParameterTuningJobObjectiveMetric"]
            self.assertEqual(metric["MetricName"], OBJECTIVE)
            self.assertTrue(math.isfinite(metric["Value"]) and metric["Value"] > 0, metric)
            values[child] = metric["Value"]
            final = {m["MetricName"]: m["Value"]
                     for m in self.flow.describes[child]["FinalMetricDataList"]}
            self.assertIn(OBJECTIVE, final, child)
            self.assertAlmostEqual(final[OBJECTIVE], metric["Value"],
                                   delta=1e-6 * max(1.0, abs(metric["Value"])))
        self.assertGreater(len({round(v, 9) for v in values.values()}), 1,
                           "every child has the same objective value: %r" % values)
        best = self.flow.tuning["BestTrainingJob"]
        minimum = min(values, key=values.get)
        self.assertEqual(best["TrainingJobName"], minimum, values)
        self.assertAlmostEqual(best["FinalHyperParameterTuningJobObjectiveMetric"]["Value"],
                               values[minimum], delta=1e-6 * max(1.0, abs(values[minimum])))
        self.assertEqual(best["FinalHyperParameterTuningJobObjectiveMetric"]["MetricName"],
                         OBJECTIVE)
        self.assertEqual(best["TunedHyperParameters"],
                         self.flow.summary(minimum)["TunedHyperParameters"])
        self.assertEqual(best["TrainingJobStatus"], "Completed")

    def test_children_get_static_plus_tuned_hyperparameters(self):
        etas = set()
        for child in self.flow.children:
            hp = self.flow.describes[child]["HyperParameters"]
            self.assertEqual(set(hp), set(STATIC_HYPERPARAMETERS) | TUNED
                             | {"_tuning_objective_metric"}, child)
            for key, value in STATIC_HYPERPARAMETERS.items():
                self.assertEqual(hp[key], value)
            self.assertEqual(hp["_tuning_objective_metric"], OBJECTIVE)
            eta = float(hp["eta"])
            self.assertTrue(0.0 <= eta <= 1.0, hp["eta"])
            self.assertRegex(hp["max_depth"], r"^\d+$")
            self.assertIn(int(hp["max_depth"]), range(2, 7))
            etas.add(hp["eta"])
            tuned = self.flow.summary(child)["TunedHyperParameters"]
            self.assertEqual(set(tuned), TUNED, child)
            self.assertEqual(tuned, {k: hp[k] for k in TUNED})
        self.assertGreater(len(etas), 1, "Random strategy proposed one eta for every child")

    def test_child_descriptions(self):
        tuning_arn = self.flow.tuning["HyperParameterTuningJobArn"]
        for child in self.flow.children:
            d = self.flow.describes[child]
            self.assertEqual(d["TuningJobArn"], tuning_arn)
            self.assertTrue(d["TrainingJobArn"].startswith("arn:aws:sagemaker:%s:" % REGION))
            self.assertTrue(d["TrainingJobArn"].lower().endswith(":training-job/" + child.lower()))
            self.assertEqual(d["ModelArtifacts"]["S3ModelArtifacts"],
                             "s3://bucket/output/%s/output/model.tar.gz" % child)
            self.assertEqual(d["AlgorithmSpecification"]["TrainingImage"], XGBOOST_IMAGE)
            self.assertEqual(d["AlgorithmSpecification"]["TrainingInputMode"], "File")
            self.assertEqual(d["RoleArn"], ROLE_ARN)
            self.assertEqual(d["OutputDataConfig"]["S3OutputPath"], S3_OUTPUT)
            self.assertEqual([c["ChannelName"] for c in d["InputDataConfig"]], ["train"])
            self.assertEqual(d["StoppingCondition"]["MaxRuntimeInSeconds"], 259200)
            transitions = d["SecondaryStatusTransitions"]
            self.assertEqual(collapse([t["Status"] for t in transitions]), NORMAL_SECONDARY, child)
            for i, t in enumerate(transitions):
                if i + 1 < len(transitions):
                    self.assertIn("EndTime", t, (child, t))
                    self.assertLessEqual(t["EndTime"], transitions[i + 1]["StartTime"])
                if "EndTime" in t:
                    self.assertLessEqual(t["StartTime"], t["EndTime"], (child, t))
            self.assertLessEqual(d["CreationTime"], d["TrainingStartTime"])
            self.assertLess(d["TrainingStartTime"], d["TrainingEndTime"])
            self.assertGreaterEqual(d["LastModifiedTime"], d["CreationTime"])

    def test_tuning_description_echoes_configuration(self):
        t = self.flow.tuning
        self.assertEqual(t["HyperParameterTuningJobName"], self.tuning_name)
        self.assertTrue(t["HyperParameterTuningJobArn"].lower().endswith(
            ":hyper-parameter-tuning-job/" + self.tuning_name.lower()))
        config = t["HyperParameterTuningJobConfig"]
        self.assertEqual(config["Strategy"], "Random")
        self.assertEqual(config["TrainingJobEarlyStoppingType"], "Off")
        self.assertEqual(config["ResourceLimits"]["MaxNumberOfTrainingJobs"], 10)
        self.assertEqual(config["ResourceLimits"]["MaxParallelTrainingJobs"], 5)
        self.assertEqual(config["HyperParameterTuningJobObjective"],
                         {"Type": "Minimize", "MetricName": OBJECTIVE})
        ranges = config["ParameterRanges"]
        self.assertEqual(set(ranges), {"ContinuousParameterRanges", "IntegerParameterRanges",
                                       "CategoricalParameterRanges"})
        self.assertEqual(ranges["CategoricalParameterRanges"], [])
        (eta,) = ranges["ContinuousParameterRanges"]
        self.assertEqual((eta["Name"], eta["MinValue"], eta["MaxValue"]), ("eta", "0", "1"))
        (depth,) = ranges["IntegerParameterRanges"]
        self.assertEqual((depth["Name"], depth["MinValue"], depth["MaxValue"]),
                         ("max_depth", "2", "6"))
        definition = t["TrainingJobDefinition"]
        resource = definition["HyperParameterTuningResourceConfig"]
        self.assertEqual(resource["InstanceConfigs"], INSTANCE_CONFIGS)
        self.assertEqual(resource.get("AllocationStrategy", "Prioritized"), "Prioritized")
        # Returned as the SageMaker Python SDK's attach() reads it: the first, preferred, config.
        self.assertEqual(definition["ResourceConfig"], INSTANCE_CONFIGS[0])
        static = definition["StaticHyperParameters"]
        self.assertEqual({k: static[k] for k in STATIC_HYPERPARAMETERS}, STATIC_HYPERPARAMETERS)

    def test_timeline_agrees_with_where_each_child_ran(self):
        for child in self.flow.children:
            events = self.flow.by_child.get(child, [])
            granted = [e for e in events if e["type"] in ACQUIRED]
            self.assertEqual(len(granted), 1, (child, events))
            self.assertEqual(granted[0]["instanceType"],
                             self.flow.describes[child]["ResourceConfig"]["InstanceType"])
            self.assertTrue(granted[0]["availabilityZone"].startswith(REGION), granted[0])
            self.assertEqual(granted[0].get("instanceCount", 1), 1)
            released = first_index(events, lambda e: e["type"] in LET_GO)
            self.assertIsNotNone(released, (child, events))
            self.assertGreater(released, events.index(granted[0]))


class FallbackChecks(CompletedFlowChecks):
    """ml.m4.xlarge is dry: every child shows ICE on it, falls back and is granted ml.m5.4xlarge."""

    expected_instance = FALLBACK

    def test_each_child_hit_ice_fell_back_and_was_granted_the_fallback(self):
        for child in self.flow.children:
            events = self.flow.by_child.get(child, [])
            ice = first_index(events, lambda e: e["type"] == "ice"
                              and e.get("instanceType") == PREFERRED)
            self.assertIsNotNone(ice, "no ice event on %s for %s: %r" % (PREFERRED, child, events))
            fell_back = first_index(events, lambda e: e["type"] == "fell-back"
                                    and e.get("instanceType") == FALLBACK, ice + 1)
            self.assertIsNotNone(fell_back, "no fell-back to %s after the ice for %s: %r"
                                 % (FALLBACK, child, events))
            granted = first_index(events, lambda e: e["type"] in ACQUIRED
                                  and e.get("instanceType") == FALLBACK, fell_back + 1)
            self.assertIsNotNone(granted, "no granted %s after fell-back for %s: %r"
                                 % (FALLBACK, child, events))
        self.assertFalse([e for e in self.flow.events
                          if e["type"] in ACQUIRED and e.get("instanceType") == PREFERRED])
