"""The one region rule (design.md "Regions and the control plane"): a control-plane request
without `region` acts on, or reports, every region, those created later too; with `region`,
that region alone; reading a region never creates it. Before 2026-12-03 a missing region meant
the scenario's region (us-east-1), so a user whose SDK was configured for us-west-2 saw the
README's PUT change nothing for them.
"""

import unittest
import urllib.parse

from emulator_process import REGION, EmulatorTestCase
from sagemaker_requests import PREFERRED, blog_tuning_request
from tuning_run import wait_until_tuning_terminal

FALLBACK = "ml.m5.4xlarge"
WEST = "us-west-2"


def children_of(client, name):
    summaries = client.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=name, MaxResults=100)["TrainingJobSummaries"]
    return [client.describe_training_job(TrainingJobName=s["TrainingJobName"]) for s in summaries]


def query(**params):
    return "?" + urllib.parse.urlencode(params)


class PutWithoutRegionReachesTheSdkRegionTest(EmulatorTestCase):
    """The README's user story with a boto3 client in us-west-2: the PUT names no region, is
    made before us-west-2 exists, and the us-west-2 tuning job's children still fall back."""

    @classmethod
    def setUpClass(cls):
        emu = cls.start_emulator("--clock", "instant")
        cls.west = emu.client(region=WEST)
        with emu.showing_log_on_error():
            cls.put = emu.set_capacity([{"instanceType": PREFERRED, "capacity": 0}])
            cls.west.create_hyper_parameter_tuning_job(**blog_tuning_request("west-fallback"))
            wait_until_tuning_terminal(cls.west, "west-fallback")
            cls.children = children_of(cls.west, "west-fallback")

    def test_the_answer_names_no_region_and_lists_the_regions_that_exist(self):
        self.assertNotIn("region", self.put)
        self.assertEqual({p["region"] for p in self.put["pools"]}, {REGION})
        self.assertTrue(all(p["capacity"] == 0 for p in self.put["pools"]), self.put)

    def test_the_children_in_us_west_2_fall_back(self):
        self.assertTrue(self.children)
        self.assertEqual({c["ResourceConfig"]["InstanceType"] for c in self.children}, {FALLBACK})
        fell_back = self.emu.events(tuningJob="west-fallback", type="fell-back")
        self.assertTrue(fell_back)
        self.assertTrue(all(e["region"] == WEST for e in fell_back), fell_back)

    def test_the_region_created_later_has_the_setting(self):
        west = self.emu.control("GET", "/_emulator/capacity" + query(region=WEST, instanceType=PREFERRED))
        self.assertEqual(west["region"], WEST)
        self.assertTrue(west["pools"])
        self.assertTrue(all(p["capacity"] == 0 and p["region"] == WEST for p in west["pools"]), west)
        everywhere = self.emu.capacity(PREFERRED)
        self.assertNotIn("region", everywhere)
        self.assertEqual({p["region"] for p in everywhere["pools"]}, {REGION, WEST})


class RegionRuleTest(EmulatorTestCase):
    """Each test uses its own instance type and regions, so their order does not matter."""

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")

    def get(self, path, **params):
        return self.emu.control("GET", path + (query(**params) if params else ""))

    def put(self, body):
        return self.emu.control("PUT", "/_emulator/capacity", body)

    def regions_listed(self):
        return {p["region"] for p in self.emu.capacity()["pools"]}

    def test_reading_a_region_does_not_create_it(self):
        doc = self.get("/_emulator/capacity", region="eu-west-1", instanceType="ml.c5.xlarge")
        self.assertEqual(doc["region"], "eu-west-1")
        self.assertTrue(doc["pools"])  # what the region would be, from the scenario
        self.assertTrue(all(p["availabilityZone"].startswith("eu-west-1") for p in doc["pools"]), doc)
        self.get("/_emulator/capacity", region="eu-west-1", history="json")
        self.get("/_emulator/events", region="eu-west-1")
        self.assertNotIn("eu-west-1", self.regions_listed())
        history = self.get("/_emulator/capacity", history="json")["history"]
        self.assertNotIn("eu-west-1", {s["region"] for s in history})

    def test_put_with_a_region_changes_that_region_alone(self):
        doc = self.put({"region": "ap-south-1", "pools": [{"instanceType": "ml.c5.4xlarge", "capacity": 5}]})
        self.assertEqual(doc["region"], "ap-south-1")
        self.assertEqual({(p["region"], p["capacity"]) for p in doc["pools"]}, {("ap-south-1", 5)})
        rows = self.get("/_emulator/capacity", instanceType="ml.c5.4xlarge")["pools"]
        self.assertIn("ap-south-1", {p["region"] for p in rows})
        self.assertTrue(all(p["capacity"] != 5 for p in rows if p["region"] != "ap-south-1"), rows)
        changes = self.emu.events(type="capacity-changed", region="ap-south-1")
        self.assertTrue(changes)
        self.assertTrue(all(e["region"] == "ap-south-1" for e in changes), changes)

    def test_put_without_a_region_changes_every_region_now_and_later(self):
        self.put({"region": "eu-central-1", "pools": [{"instanceType": "ml.m5.large", "capacity": 1}]})
        doc = self.put({"pools": [{"instanceType": "ml.g4dn.xlarge", "capacity": 7}]})
        self.assertNotIn("region", doc)
        self.assertEqual({p["region"] for p in doc["pools"]}, self.regions_listed())
        self.assertTrue({REGION, "eu-central-1"} <= {p["region"] for p in doc["pools"]}, doc)
        self.assertTrue(all(p["capacity"] == 7 for p in doc["pools"]), doc)
        previewed = self.get("/_emulator/capacity", region="sa-east-1", instanceType="ml.g4dn.xlarge")
        self.assertTrue(all(p["capacity"] == 7 for p in previewed["pools"]), previewed)
        self.put({"region": "sa-east-1", "pools": [{"instanceType": "ml.m5.large", "capacity": 1}]})
        later = self.get("/_emulator/capacity", region="sa-east-1", instanceType="ml.g4dn.xlarge")["pools"]
        self.assertTrue(later)
        self.assertTrue(all(p["capacity"] == 7 for p in later), later)

    def test_a_zone_without_a_region_acts_on_the_region_that_owns_it(self):
        doc = self.put({"pools": [{"instanceType": "ml.c5.9xlarge", "capacity": 2,
                                   "availabilityZone": REGION + "b"}]})
        self.assertEqual([(p["region"], p["availabilityZone"]) for p in doc["pools"]], [(REGION, REGION + "b")])
        res = self.emu.control("PUT", "/_emulator/capacity",
                               {"pools": [{"instanceType": "ml.c5.9xlarge", "capacity": 2,
                                           "availabilityZone": "mars-1a"}]}, expect=400)
        self.assertIn("availabilityZone", res["message"])

    def test_a_fault_names_its_region_or_acts_in_every_region(self):
        regional = self.emu.control("POST", "/_emulator/faults",
                                    {"region": "ap-northeast-1", "availabilityZones": ["ap-northeast-1b"],
                                     "instanceTypes": ["ml.p3.2xlarge"]}, expect=201)
        self.assertEqual(regional["region"], "ap-northeast-1")
        everywhere = self.emu.control("POST", "/_emulator/faults", {"instanceTypes": ["ml.p3.8xlarge"]}, expect=201)
        self.assertNotIn("region", everywhere)
        self.assertNotIn("ap-northeast-1", self.regions_listed())
        # A region's events include the faults of every region, not another region's.
        added = [e["message"] for e in self.emu.events(type="fault-added", region="eu-north-1")]
        self.assertTrue(any(everywhere["id"] + ":" in m for m in added), added)
        self.assertFalse(any(regional["id"] + ":" in m for m in added), added)
        for fault in (regional, everywhere):
            self.emu.control("DELETE", "/_emulator/faults/" + fault["id"])

    def test_faults_are_listed_and_deleted_by_region(self):
        south = self.emu.control("POST", "/_emulator/faults",
                                 {"region": "sa-east-1", "instanceTypes": ["ml.c5.xlarge"]}, expect=201)
        east = self.emu.control("POST", "/_emulator/faults",
                                {"region": REGION, "availabilityZones": [REGION + "a"]}, expect=201)
        everywhere = self.emu.control("POST", "/_emulator/faults", {"instanceTypes": ["ml.m4.xlarge"]}, expect=201)
        ours = {south["id"], east["id"], everywhere["id"]}

        def listed(**params):
            return {f["id"] for f in self.get("/_emulator/faults", **params)["faults"]} & ours

        try:
            # A region's faults are its own and those of every region, which act in it too.
            self.assertEqual(listed(region=WEST), {everywhere["id"]})
            self.assertEqual(listed(region="sa-east-1"), {south["id"], everywhere["id"]})
            self.assertEqual(listed(), ours)
            # Deleting a region's faults leaves those of other regions and of every region.
            self.emu.control("DELETE", "/_emulator/faults" + query(region=WEST))
            self.assertEqual(listed(), ours)
            self.emu.control("DELETE", "/_emulator/faults" + query(region="sa-east-1"))
            self.assertEqual(listed(), {east["id"], everywhere["id"]})
            removed = [e["message"] for e in self.emu.events(type="fault-removed", region="sa-east-1")]
            self.assertIn("fault %s removed" % south["id"], removed)
            self.assertNotIn("fault %s removed" % east["id"], removed)
        finally:
            for fault in ours & listed():
                self.emu.control("DELETE", "/_emulator/faults/" + fault)

    def test_a_region_not_shaped_like_one_is_refused(self):
        bad = "not a region!"
        message = "'%s' is not an AWS region name (such as us-east-1 or us-gov-west-1)." % bad
        pools = [{"instanceType": "ml.c5.2xlarge", "capacity": 1}]
        requests = [
            ("GET", "/_emulator/capacity" + query(region=bad), None, "region"),
            ("GET", "/_emulator/capacity" + query(region=bad, history="json"), None, "region"),
            ("GET", "/_emulator/events" + query(region=bad), None, "region"),
            ("GET", "/_emulator/faults" + query(region=bad), None, "region"),
            ("DELETE", "/_emulator/faults" + query(region=bad), None, "region"),
            ("PUT", "/_emulator/capacity", {"region": bad, "pools": pools}, "region"),
            ("PUT", "/_emulator/capacity", {"pools": [dict(pools[0], region=bad)]}, "pools[0].region"),
            ("POST", "/_emulator/faults", {"region": bad, "instanceTypes": ["ml.c5.2xlarge"]}, "region"),
        ]
        for method, path, body, where in requests:
            with self.subTest(method=method, path=path, body=body):
                res = self.emu.control(method, path, body, expect=400)
                self.assertEqual(res, {"error": "BadRequest", "message": where + ": " + message})
        self.assertNotIn(bad, self.regions_listed())
        for region in ("us-gov-west-1", "cn-north-1", "il-central-1", "eu-isoe-west-1"):
            with self.subTest(region=region):
                self.assertEqual(self.get("/_emulator/capacity", region=region, instanceType="ml.c5.2xlarge")["region"],
                                 region)

    def test_a_pool_region_other_than_the_top_level_one_is_refused(self):
        before = self.get("/_emulator/capacity", region="eu-west-2", instanceType="ml.c5.18xlarge")["pools"]
        res = self.emu.control("PUT", "/_emulator/capacity", {
            "region": "eu-west-3",
            "pools": [{"instanceType": "ml.c5.18xlarge", "capacity": 4, "region": "eu-west-2"}]}, expect=400)
        self.assertEqual(res["message"], "pools[0].region: 'eu-west-2' is not the request's region 'eu-west-3' "
                                         "(name one region at the top level, or a region per pool).")
        after = self.get("/_emulator/capacity", region="eu-west-2", instanceType="ml.c5.18xlarge")["pools"]
        self.assertEqual(after, before)
        self.assertFalse({"eu-west-2", "eu-west-3"} & self.regions_listed())
        # The same region at both levels, or regions per pool alone, are taken.
        same = self.put({"region": "eu-west-3",
                         "pools": [{"instanceType": "ml.c5.18xlarge", "capacity": 4, "region": "eu-west-3"}]})
        self.assertEqual((same["region"], {p["region"] for p in same["pools"]}), ("eu-west-3", {"eu-west-3"}))
        per_pool = self.put({"pools": [{"instanceType": "ml.c5.18xlarge", "capacity": 3, "region": "eu-west-2"},
                                       {"instanceType": "ml.c5.18xlarge", "capacity": 3, "region": "eu-west-3"}]})
        self.assertNotIn("region", per_pool)
        self.assertEqual({p["region"] for p in per_pool["pools"]}, {"eu-west-2", "eu-west-3"})


if __name__ == "__main__":
    unittest.main()
