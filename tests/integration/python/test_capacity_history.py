"""The capacity history through HTTP (GET /_emulator/capacity?history=json|csv; api/control/
capacity_endpoints.cc, capacity_model/history.*): samples that do not depend on how often the pool
is read, use rising and falling with a tuning job, and the history cut into pages by maxResults
(1 to 10000 samples, default 1000) and nextToken, in time order; JSON carries the token in the
body, CSV in the X-Amt-Next-Token header."""

import unittest
import urllib.parse

from emulator_process import EmulatorTestCase, http_request, scenario_path
from sagemaker_requests import blog_tuning_request
from tuning_run import wait_until_tuning_terminal

PREFERRED = "ml.m4.xlarge"
TOKEN_MESSAGE = "nextToken: not a token of this query (were the filters changed?)."


def get_history(emu, **query):
    return http_request(emu.url + "/_emulator/capacity?" + urllib.parse.urlencode(query))


def sample_rows(history):
    """(series key, sample) pairs of a JSON history, in time order (ties in series order)."""
    rows = []
    for series in history:
        key = (series["region"], series["instanceType"], series["availabilityZone"], series["capacityType"])
        rows.extend((s["elapsedSeconds"], key, s) for s in series["samples"])
    return rows


class DemandHistoryTest(EmulatorTestCase):
    """gpu-crunch's background demand steps every 300 s; each step is a sample, whether or not
    anybody read the pool in between."""

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--scenario", scenario_path("gpu-crunch"), "--clock", "manual")

    def history(self):
        return self.emu.control("GET", "/_emulator/capacity?history=json&instanceType=ml.p3.2xlarge")["history"]

    def test_the_history_does_not_depend_on_how_often_the_pool_is_read(self):
        self.emu.reset()
        self.emu.advance(6 * 3600)
        unread = self.history()  # nobody read the pool: the query itself takes the steps due
        self.emu.reset()
        for _ in range(6 * 12):
            self.emu.advance(300)
            self.emu.capacity("ml.p3.2xlarge")
        polled = self.history()
        self.assertEqual(unread, polled)
        demand = [s["demand"] for series in unread for s in series["samples"]]
        self.assertGreater(len(set(demand)), 2, "demand should move over six hours")


class CapacityHistoryTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "instant")
        cls.client = cls.emu.client()

    def test_history_shows_use_rising_and_falling_as_json_and_csv(self):
        self.client.create_hyper_parameter_tuning_job(**blog_tuning_request("plotted"))
        wait_until_tuning_terminal(self.client, "plotted")
        doc = self.emu.control("GET", "/_emulator/capacity?history=json&instanceType=" + PREFERRED)
        in_use = [s["inUse"] for series in doc["history"] for s in series["samples"]]
        self.assertGreater(max(in_use), 0)
        self.assertEqual(sum(series["samples"][-1]["inUse"] for series in doc["history"]), 0)
        for series in doc["history"]:
            times = [s["elapsedSeconds"] for s in series["samples"]]
            self.assertEqual(times, sorted(times))
        csv = http_request(self.emu.url + "/_emulator/capacity?history=csv&instanceType=" + PREFERRED)
        self.assertEqual(csv.status, 200)
        lines = csv.body.decode().strip().splitlines()
        self.assertEqual(lines[0], "time_ms,region,instance_type,zone,capacity_type,capacity,demand,in_use,available")
        self.assertGreater(len(lines), 3)


class HistoryPagesTest(EmulatorTestCase):
    """Six hours of gpu-crunch demand steps on the manual clock: nothing moves between pages."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--scenario", scenario_path("gpu-crunch"), "--clock", "manual")
        emu.advance(6 * 3600)
        cls.unpaged = get_history(emu, history="json", maxResults=10000, **cls.FILTER).json()["history"]

    FILTER = {"instanceType": "ml.p3.2xlarge"}

    def pages(self, fmt, max_results):
        """Follows the token from the first page until it is absent; bounded by the sample count."""
        total = len(sample_rows(self.unpaged))
        pages, token = [], None
        for _ in range(total + 2):
            query = dict(self.FILTER, history=fmt, maxResults=max_results)
            if token is not None:
                query["nextToken"] = token
            res = get_history(self.emu, **query)
            self.assertEqual(res.status, 200, res)
            pages.append(res)
            token = res.json().get("nextToken") if fmt == "json" else res.headers.get("X-Amt-Next-Token")
            if token is None:
                return pages
        self.fail("more than %d pages" % (total + 2))

    def test_the_history_has_many_samples_in_several_series(self):
        self.assertGreater(len(self.unpaged), 2)
        self.assertGreater(len(sample_rows(self.unpaged)), 50)

    def test_json_pages_hold_at_most_max_results_and_join_to_the_unpaged_history(self):
        pages = self.pages("json", 7)
        self.assertGreater(len(pages), 5)
        joined, latest = [], 0.0
        for page in pages:
            rows = sample_rows(page.json()["history"])
            self.assertLessEqual(len(rows), 7)
            self.assertGreater(len(rows), 0)
            self.assertGreaterEqual(min(r[0] for r in rows), latest, "pages run in time order")
            latest = max(r[0] for r in rows)
            joined.extend(rows)
        self.assertEqual(sorted(joined, key=lambda r: (r[0], r[1])),
                         sorted(sample_rows(self.unpaged), key=lambda r: (r[0], r[1])))

    def test_csv_pages_carry_the_token_in_a_header_and_join_to_the_unpaged_csv(self):
        whole = get_history(self.emu, history="csv", maxResults=10000, **self.FILTER)
        self.assertIsNone(whole.headers.get("X-Amt-Next-Token"))
        header, *rows = whole.body.decode().strip().splitlines()
        joined = []
        for page in self.pages("csv", 11):
            page_header, *page_rows = page.body.decode().strip().splitlines()
            self.assertEqual(page_header, header)
            self.assertLessEqual(len(page_rows), 11)
            joined.extend(page_rows)
        self.assertEqual(sorted(joined), sorted(rows))
        self.assertGreater(len(rows), 50)

    def test_filters_apply_to_every_page(self):
        types = {s["instanceType"] for page in self.pages("json", 5) for s in page.json()["history"]}
        self.assertEqual(types, {"ml.p3.2xlarge"})

    def test_the_default_page_holds_a_thousand_samples(self):
        page = get_history(self.emu, history="json").json()  # every pool of the catalog: many more
        self.assertEqual(len(sample_rows(page["history"])), 1000)
        self.assertIn("nextToken", page.keys())

    def test_bad_paging_is_refused(self):
        token = get_history(self.emu, history="json", maxResults=3).json()["nextToken"]
        cases = [
            ({"history": "json", "maxResults": 0}, "maxResults: must be a whole number from 1 to 10000."),
            ({"history": "json", "maxResults": 10001}, "maxResults: must be a whole number from 1 to 10000."),
            ({"history": "json", "nextToken": "garbage"}, TOKEN_MESSAGE),
            ({"history": "json", "nextToken": token, "instanceType": "ml.p3.2xlarge"}, TOKEN_MESSAGE),
            ({"maxResults": 3}, None),
            ({"nextToken": token}, None),
        ]
        for query, message in cases:
            with self.subTest(query=query):
                res = get_history(self.emu, **query)
                self.assertEqual(res.status, 400, res)
                if message:
                    self.assertEqual(res.json()["message"], message)


if __name__ == "__main__":
    unittest.main()
