"""The control plane's timeline through HTTP (api/control/control_api.cc, page_token.*;
emulator/timeline/timeline.*): GET /_emulator/events cut into pages by maxResults and nextToken
(a page holds at most maxResults events, 1 to 10000, default 1000; a token names the filters of
its query and the sequence number after which the next page starts), its type filter, the
timeline's bound (--max-events / AMT_EMULATOR_MAX_EVENTS: the oldest events go first, counted
as dropped) as GET /_emulator/health and /metrics report it, and the events a deleted job takes
with it (DeleteHyperParameterTuningJob its own, DeleteTrainingJob a training job's).

Every class runs the blog-post tuning job on the manual clock, so nothing moves between the
reads a test compares.
"""

import os
import subprocess
import unittest
import urllib.parse

from emulator_process import EmulatorProcess, EmulatorTestCase, emulator_binary, http_request
from sagemaker_requests import blog_tuning_request
from tuning_run import advance_until_tuning_terminal, list_children_by_pages

MAX_PAGE = 10000
DEFAULT_MAX_EVENTS = 1000000
MAX_RESULTS_MESSAGE = "maxResults: must be a whole number from 1 to 10000."
TOKEN_MESSAGE = "nextToken: not a token of this query (were the filters changed?)."


def get_events(emu, **query):
    """GET /_emulator/events with the query as given (no checks): an HttpResult."""
    q = urllib.parse.urlencode(query)
    return http_request(emu.url + "/_emulator/events" + ("?" + q if q else ""))


def event_pages(test, emu, max_results, **filters):
    """Follows nextToken from the first page until it is absent; returns the list of pages
    (each the answer's JSON). Bounded: no more pages than events plus two."""
    total = len(emu.events(**filters))
    pages, token = [], None
    for _ in range(total + 2):
        query = dict(filters, maxResults=max_results)
        if token is not None:
            query["nextToken"] = token
        res = get_events(emu, **query)
        test.assertEqual(res.status, 200, res)
        page = res.json()
        pages.append(page)
        token = page.get("nextToken")
        if token is None:
            return pages
    test.fail("more than %d pages of %d events with maxResults=%d" % (total + 2, total, max_results))


def run_blog_job(emu, client, name):
    client.create_hyper_parameter_tuning_job(**blog_tuning_request(name))
    return advance_until_tuning_terminal(emu, client, name)


def metrics(emu):
    """The samples of GET /metrics without labels: name -> value."""
    res = http_request(emu.url + "/metrics")
    assert res.status == 200, res
    samples = {}
    for line in res.body.decode("utf-8").splitlines():
        if line and not line.startswith("#") and "{" not in line:
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples


def appended_events(emu):
    """Events ever appended: the sum of amt_emulator_timeline_events_total over its types."""
    res = http_request(emu.url + "/metrics")
    total = 0.0
    for line in res.body.decode("utf-8").splitlines():
        if line.startswith("amt_emulator_timeline_events_total{"):
            total += float(line.rsplit(" ", 1)[1])
    return int(total)


class EventPagesTest(EmulatorTestCase):
    """GET /_emulator/events in pages, for a completed blog tuning job and another job."""

    name, other = "ev-blog", "ev-other"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = emu.client()
        with emu.showing_log_on_error():
            run_blog_job(emu, cls.client, cls.name)
            run_blog_job(emu, cls.client, cls.other)
            cls.unpaged = {"job": emu.events(tuningJob=cls.name), "all": emu.events(),
                           "type": emu.events(tuningJob=cls.name, type="training-status")}
            first = get_events(emu, tuningJob=cls.name, maxResults=5).json()
            cls.token = first["nextToken"]

    FILTERS = {"job": {"tuningJob": "ev-blog"}, "all": {},
               "type": {"tuningJob": "ev-blog", "type": "training-status"}}

    def test_the_reads_compared_are_not_trivial(self):
        self.assertGreater(len(self.unpaged["job"]), 20)
        self.assertGreater(len(self.unpaged["all"]), len(self.unpaged["job"]))
        self.assertLess(len(self.unpaged["all"]), 1000, "the default page would cut the unpaged read")
        self.assertEqual(self.emu.health()["timeline"]["maxEvents"], DEFAULT_MAX_EVENTS)

    def test_a_page_holds_max_results_events_and_a_token(self):
        for n in (1, 7):
            with self.subTest(maxResults=n):
                res = get_events(self.emu, tuningJob=self.name, maxResults=n)
                self.assertEqual(res.status, 200, res)
                page = res.json()
                self.assertEqual(page["events"], self.unpaged["job"][:n])
                self.assertIsInstance(page.get("nextToken"), str)
                self.assertTrue(page["nextToken"])

    def test_following_tokens_yields_the_unpaged_read(self):
        for label, filters in self.FILTERS.items():
            unpaged = self.unpaged[label]
            for n in (1, 2, 7, len(unpaged) - 1, len(unpaged), MAX_PAGE):
                with self.subTest(filters=label, maxResults=n):
                    pages = event_pages(self, self.emu, n, **filters)
                    events = [e for p in pages for e in p["events"]]
                    self.assertEqual(events, unpaged)  # same events, same order
                    sequences = [e["sequence"] for e in events]
                    self.assertEqual(len(set(sequences)), len(sequences), "an event on two pages")
                    self.assertTrue(all(len(p["events"]) == n for p in pages[:-1]),
                                    [len(p["events"]) for p in pages])
                    self.assertTrue(0 < len(pages[-1]["events"]) <= n)
                    tokens = [p.get("nextToken") for p in pages]
                    self.assertIsNone(tokens[-1])
                    self.assertEqual(len(set(tokens[:-1])), len(tokens) - 1, "a token repeated")
                    self.assertEqual(len(pages), -(-len(unpaged) // n))

    def test_max_results_out_of_range_is_refused(self):
        for value in ("0", str(MAX_PAGE + 1), "-1", "abc", "2.5", "1e3"):
            with self.subTest(maxResults=value):
                res = get_events(self.emu, tuningJob=self.name, maxResults=value)
                self.assertEqual(res.status, 400, res)
                self.assertEqual(res.json(), {"error": "BadRequest", "message": MAX_RESULTS_MESSAGE})
        for value in ("1", str(MAX_PAGE)):
            with self.subTest(maxResults=value):
                self.assertEqual(get_events(self.emu, tuningJob=self.name, maxResults=value).status, 200)

    def test_malformed_token_is_refused(self):
        training_token = self.client.list_training_jobs(MaxResults=1)["NextToken"]
        for label, token in (("garbage", "not-a-token"), ("cut short", self.token[:-1]),
                             ("one digit more", self.token + "0"), ("not hex", "g" * 32),
                             ("a ListTrainingJobs token", training_token)):
            with self.subTest(label):
                res = get_events(self.emu, tuningJob=self.name, nextToken=token)
                self.assertEqual(res.status, 400, res)
                self.assertEqual(res.json(), {"error": "BadRequest", "message": TOKEN_MESSAGE})

    def test_token_is_bound_to_the_filters_of_its_query(self):
        for label, filters in (("another job", {"tuningJob": self.other}), ("no filter", {}),
                               ("a type added", {"tuningJob": self.name, "type": "launched"})):
            with self.subTest(label):
                res = get_events(self.emu, nextToken=self.token, **filters)
                self.assertEqual(res.status, 400, res)
                self.assertEqual(res.json()["message"], TOKEN_MESSAGE)
        # maxResults is not a filter: the next page may be of another size
        res = get_events(self.emu, tuningJob=self.name, nextToken=self.token, maxResults=3)
        self.assertEqual(res.status, 200, res)
        self.assertEqual(res.json()["events"], self.unpaged["job"][5:8])

    def test_type_filter(self):
        launched = self.emu.events(tuningJob=self.name, type="launched")
        self.assertEqual(len(launched), 10)
        self.assertEqual({e["type"] for e in launched}, {"launched"})
        self.assertEqual(launched, [e for e in self.unpaged["job"] if e["type"] == "launched"])

    def test_unknown_type_is_refused(self):
        for value in ("bogus", "Launched", "fell_back"):
            with self.subTest(type=value):
                res = get_events(self.emu, tuningJob=self.name, type=value)
                self.assertEqual(res.status, 400, res)
                doc = res.json()
                self.assertEqual(doc["error"], "BadRequest")
                self.assertTrue(doc["message"].startswith("type: '%s' is not an event type (" % value),
                                doc["message"])
                for known in ("launched", "fell-back", "training-status", "fault-removed"):
                    self.assertIn(known, doc["message"])


class TimelineBoundTest(EmulatorTestCase):
    """--max-events 50 while the blog tuning job appends about a hundred events."""

    bound = 50

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual", "--max-events", cls.bound)
        cls.client = emu.client()
        with emu.showing_log_on_error():
            cls.at_start = emu.health()["timeline"]
            run_blog_job(emu, cls.client, "bound-blog")
            cls.timeline = emu.health()["timeline"]
            cls.appended = appended_events(emu)
            cls.metrics = metrics(emu)
            cls.events = emu.events()

    def test_health_reports_the_bound_and_what_was_dropped(self):
        self.assertEqual(self.at_start, {"events": 0, "maxEvents": self.bound, "dropped": 0})
        t = self.timeline
        self.assertEqual(t["maxEvents"], self.bound)
        self.assertGreater(self.appended, self.bound, "the job appended too few events to test")
        self.assertLessEqual(t["events"], self.bound)
        self.assertEqual(t["events"], self.bound)
        self.assertGreater(t["dropped"], 0)
        self.assertEqual(t["dropped"], self.appended - t["events"])

    def test_the_oldest_events_went_first(self):
        sequences = [e["sequence"] for e in self.events]
        self.assertEqual(len(self.events), self.timeline["events"])
        self.assertEqual(sequences, list(range(self.timeline["dropped"] + 1, self.appended + 1)))

    def test_metrics_agree_with_health(self):
        self.assertEqual(self.metrics["amt_emulator_timeline_events"], self.timeline["events"])
        self.assertEqual(self.metrics["amt_emulator_timeline_events_dropped_total"],
                         self.timeline["dropped"])

    def test_metrics_count_connections(self):
        self.assertGreaterEqual(self.metrics["amt_emulator_http_connections"], 1)  # the scrape's own
        self.assertEqual(self.metrics["amt_emulator_http_connections_evicted_total"], 0)
        self.assertEqual(self.metrics["amt_emulator_http_connections_refused_total"], 0)

    def test_the_environment_variable_sets_the_bound(self):
        with EmulatorProcess("--clock", "manual", env={"AMT_EMULATOR_MAX_EVENTS": "20"}) as emu:
            client = emu.client()
            run_blog_job(emu, client, "env-blog")
            timeline = emu.health()["timeline"]
            self.assertEqual(timeline["maxEvents"], 20)
            self.assertEqual(timeline["events"], 20)
            self.assertEqual(timeline["dropped"], appended_events(emu) - 20)

    def test_a_bound_below_one_is_refused_at_start(self):
        for label, args, env, expected in (
                ("flag", ["--max-events", "0"], {},
                 "--max-events must be a whole number of at least 1, got '0'"),
                ("variable", [], {"AMT_EMULATOR_MAX_EVENTS": "many"},
                 "--max-events must be a whole number of at least 1, got 'many' "
                 "(from AMT_EMULATOR_MAX_EVENTS)")):
            with self.subTest(label):
                clean = {k: v for k, v in os.environ.items() if not k.startswith("AMT_EMULATOR_")}
                done = subprocess.run([str(emulator_binary()), "--host", "127.0.0.1", "--port", "0"] + args,
                                      env=dict(clean, **env), capture_output=True, text=True, timeout=10)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertIn(expected, done.stderr)


class DeletedJobsForgetTheirEventsTest(EmulatorTestCase):
    """A completed tuning job deleted, then its ten training jobs; another job is kept."""

    gone, kept = "del-gone", "del-kept"

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "manual")
        cls.client = client = emu.client()
        with emu.showing_log_on_error():
            run_blog_job(emu, client, cls.gone)
            run_blog_job(emu, client, cls.kept)
            cls.children = sorted(s["TrainingJobName"]
                                  for s in list_children_by_pages(client, cls.gone, page_size=100)[0])
            cls.before = {"health": emu.health()["timeline"], "gone": emu.events(tuningJob=cls.gone),
                          "kept": emu.events(tuningJob=cls.kept), "all": emu.events()}
            client.delete_hyper_parameter_tuning_job(HyperParameterTuningJobName=cls.gone)
            cls.after_tuning = {"health": emu.health()["timeline"], "gone": emu.events(tuningJob=cls.gone)}
            for child in cls.children:
                client.delete_training_job(TrainingJobName=child)
            cls.after = {"health": emu.health()["timeline"], "gone": emu.events(tuningJob=cls.gone),
                         "kept": emu.events(tuningJob=cls.kept), "all": emu.events(),
                         "children": {c: emu.events(trainingJob=c) for c in cls.children},
                         "metrics": metrics(emu)}

    def test_deleting_the_tuning_job_forgets_its_own_events(self):
        own = [e for e in self.before["gone"] if "trainingJob" not in e]
        self.assertTrue(own, "the tuning job had no events of its own")
        self.assertEqual(self.after_tuning["gone"], [e for e in self.before["gone"] if "trainingJob" in e])
        self.assertEqual(self.after_tuning["health"]["events"], self.before["health"]["events"] - len(own))

    def test_deleting_its_training_jobs_forgets_theirs(self):
        self.assertEqual(len(self.children), 10)
        self.assertEqual(self.after["gone"], [])
        self.assertEqual(self.after["children"], {c: [] for c in self.children})
        self.assertEqual(self.after["health"]["events"],
                         self.before["health"]["events"] - len(self.before["gone"]))
        self.assertLess(self.after["health"]["events"], self.after_tuning["health"]["events"])
        self.assertEqual(self.after["health"]["dropped"], 0, "forgotten events are not dropped ones")
        self.assertEqual(self.after["metrics"]["amt_emulator_timeline_events"], self.after["health"]["events"])

    def test_other_events_stay(self):
        self.assertTrue(self.before["kept"])
        self.assertEqual(self.after["kept"], self.before["kept"])
        self.assertEqual(self.after["all"], [e for e in self.before["all"] if e.get("tuningJob") != self.gone])


class StrictRequestsTest(EmulatorTestCase):
    """Every control-plane endpoint refuses a query parameter it does not take (400), so a
    misspelt filter, or a member put in the query instead of the body, is never ignored; a body
    over the 8 MiB limit gets the control plane's own 413, not the AWS envelope."""

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual", "--seed", "3")

    def request(self, method, path, body=None):
        return http_request(self.emu.url + path, method=method, body=body)

    def test_unknown_query_parameters_are_refused_everywhere(self):
        fault = self.emu.control("POST", "/_emulator/faults", {"instanceTypes": ["ml.m4.xlarge"]}, expect=201)
        for method, path, expected in (
                ("GET", "/_emulator/health", "this request takes none"),
                ("HEAD", "/_emulator/health", None),
                ("GET", "/_emulator/catalog", "this request takes none"),
                ("GET", "/_emulator/capacity", "expected region, instanceType, history, availabilityZone, "
                                               "capacityType, maxResults, nextToken"),
                ("PUT", "/_emulator/capacity", "this request takes none"),
                ("GET", "/_emulator/clock", "this request takes none"),
                ("POST", "/_emulator/clock", "this request takes none"),
                ("GET", "/_emulator/events", "expected region, tuningJob, trainingJob, type, sinceSeconds, "
                                             "untilSeconds, maxResults, nextToken"),
                ("GET", "/_emulator/faults", "expected region"),
                ("POST", "/_emulator/faults", "this request takes none"),
                ("DELETE", "/_emulator/faults", "expected region"),
                ("DELETE", "/_emulator/faults/" + fault["id"], "this request takes none"),
                ("POST", "/_emulator/reset", "this request takes none"),
                ("GET", "/_emulator/state", "this request takes none"),
                ("PUT", "/_emulator/state", "this request takes none")):
            with self.subTest(method=method, path=path):
                res = self.request(method, path + "?bogus=1", {} if method in ("PUT", "POST") else None)
                self.assertEqual(res.status, 400, res)
                if expected is not None:
                    self.assertEqual(res.json(), {"error": "BadRequest",
                                                  "message": "bogus: unknown query parameter (%s)." % expected})
        self.assertIn(fault["id"], {f["id"] for f in self.emu.control("GET", "/_emulator/faults")["faults"]})
        self.emu.control("DELETE", "/_emulator/faults/" + fault["id"])

    def test_a_member_in_the_query_is_not_taken_for_the_body(self):
        before = self.emu.clock()
        res = self.request("POST", "/_emulator/reset?seed=5")
        self.assertEqual((res.status, res.json()["message"]),
                         (400, "seed: unknown query parameter (this request takes none)."))
        res = self.request("POST", "/_emulator/clock?advanceSeconds=60", {})
        self.assertEqual(res.status, 400, res)
        after = self.emu.clock()
        self.assertEqual((after["seed"], after["elapsedSeconds"]), (before["seed"], before["elapsedSeconds"]))

    def test_a_body_over_the_limit_gets_the_control_planes_413(self):
        big = b'{"pools":[' + b" " * (9 * 2 ** 20) + b"]}"
        for method, path in (("PUT", "/_emulator/capacity"), ("POST", "/_emulator/faults"),
                             ("POST", "/_emulator/clock")):
            with self.subTest(path=path):
                res = self.request(method, path, big)
                self.assertEqual(res.status, 413, res)
                self.assertEqual(res.headers["Content-Type"], "application/json")
                self.assertEqual(res.json(), {
                    "error": "RequestTooLarge",
                    "message": "A control-plane request body is at most 8 MiB (8388608 bytes)."})
        # The AWS services keep their own answer.
        res = self.emu.raw_aws("SageMaker.ListTrainingJobs", big)
        self.assertEqual(res.status, 400, res)
        self.assertEqual(res.headers["Content-Type"], "application/x-amz-json-1.1")
        self.assertEqual(res.json()["__type"], "ValidationException")
        self.assertEqual(self.emu.health()["status"], "ok")


if __name__ == "__main__":
    unittest.main()
