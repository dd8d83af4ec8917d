"""CloudWatch metrics on the emulator's port in each protocol a client may send
(wire-protocols.md §4): boto3 1.43's AWS JSON 1.0, and the query protocol and Smithy RPC v2 CBOR
that botocore is made to pick (cloudwatch_clients.py). The same calls and the same answers in
all three: PutMetricData, ListMetrics, GetMetricStatistics and GetMetricData, with period
aggregation as CloudWatch computes it; the modelled errors are raised as their exceptions."""

import re
import unittest

import botocore.exceptions

from cloudwatch_clients import CBOR, JSON, QUERY, CloudWatchClients, wall_time
from emulator_process import EmulatorTestCase, http_request

NS = "Emu/Test"


def latency(host, value, at, unit="Milliseconds"):
    return {"MetricName": "Latency", "Dimensions": [{"Name": "Host", "Value": host}], "Value": value,
            "Timestamp": at, "Unit": unit}


class MetricsInOneProtocol:
    """Mixed into one TestCase per protocol; PROTOCOL names it."""

    PROTOCOL = None

    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")
        cls.clients = CloudWatchClients(cls.PROTOCOL)
        cls.addClassCleanup(cls.clients.close)

    def setUp(self):
        self.emu.reset()
        self.cw = self.clients.client(self.emu.url)
        # An hour before the emulator's now, on the hour: data the queries round to the minute.
        self.now = self.emu.clock()["now"]
        self.t0 = (int(self.now) // 3600 - 1) * 3600

    def at(self, seconds):
        return wall_time(self.t0 + seconds)

    def put(self, *data, namespace=NS):
        self.cw.put_metric_data(Namespace=namespace, MetricData=list(data))

    def assert_error(self, exception, code, call, *args, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as raised:
            call(*args, **kwargs)
        error = raised.exception.response["Error"]
        self.assertEqual(error["Code"], code, error)
        if exception is not None:
            self.assertIsInstance(raised.exception, getattr(self.cw.exceptions, exception))
        self.assertEqual(raised.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return error["Message"]

    # ---- ListMetrics -----------------------------------------------------------------
    def test_list_metrics_filters_by_namespace_name_and_dimensions(self):
        self.put(latency("a", 1, self.at(0)), latency("b", 2, self.at(0)),
                 {"MetricName": "Errors", "Dimensions": [{"Name": "Host", "Value": "a"}, {"Name": "Zone", "Value": "z"}],
                  "Value": 1, "Timestamp": self.at(0)})
        self.put({"MetricName": "Latency", "Value": 1, "Timestamp": self.at(0)}, namespace="Other")

        def listed(**filters):
            metrics = self.cw.list_metrics(**filters)["Metrics"]
            return sorted((m["Namespace"], m["MetricName"], tuple((d["Name"], d["Value"]) for d in m["Dimensions"]))
                          for m in metrics)

        self.assertEqual(len(listed()), 4)
        self.assertEqual(listed(Namespace="Other"), [("Other", "Latency", ())])
        self.assertEqual(listed(Namespace=NS, MetricName="Latency"),
                         [(NS, "Latency", (("Host", "a"),)), (NS, "Latency", (("Host", "b"),))])
        self.assertEqual(listed(Dimensions=[{"Name": "Host", "Value": "a"}]),
                         [(NS, "Errors", (("Host", "a"), ("Zone", "z"))), (NS, "Latency", (("Host", "a"),))])
        self.assertEqual(listed(Dimensions=[{"Name": "Zone"}]), [(NS, "Errors", (("Host", "a"), ("Zone", "z")))])
        self.assertEqual(listed(Namespace="Nothing"), [])

    def test_list_metrics_pages_by_500_and_recent_activity(self):
        self.put(*[{"MetricName": "M%03d" % i, "Value": i, "Timestamp": self.at(0)} for i in range(501)])
        first = self.cw.list_metrics(Namespace=NS)
        self.assertEqual(len(first["Metrics"]), 500)
        second = self.cw.list_metrics(Namespace=NS, NextToken=first["NextToken"])
        self.assertEqual(len(second["Metrics"]), 1)
        self.assertNotIn("NextToken", second)
        names = {m["MetricName"] for m in first["Metrics"] + second["Metrics"]}
        self.assertEqual(len(names), 501)
        # Only one metric has a point within three hours of the emulator's now.
        self.put({"MetricName": "Fresh", "Value": 1, "Timestamp": wall_time(self.now)}, namespace="Recent")
        self.put({"MetricName": "Stale", "Value": 1, "Timestamp": wall_time(self.now - 4 * 3600)}, namespace="Recent")
        recent = self.cw.list_metrics(Namespace="Recent", RecentlyActive="PT3H")["Metrics"]
        self.assertEqual([m["MetricName"] for m in recent], ["Fresh"])
        self.assert_error("InvalidNextToken", "InvalidNextToken", self.cw.list_metrics, NextToken="not-a-token")

    # ---- GetMetricStatistics ---------------------------------------------------------
    def test_statistics_aggregate_each_period(self):
        self.put(latency("a", 1, self.at(5)), latency("a", 3, self.at(50)), latency("a", 10, self.at(65)),
                 {"MetricName": "Latency", "Dimensions": [{"Name": "Host", "Value": "a"}], "Timestamp": self.at(20),
                  "StatisticValues": {"SampleCount": 4, "Sum": 20, "Minimum": 2, "Maximum": 8}, "Unit": "Milliseconds"},
                 {"MetricName": "Latency", "Dimensions": [{"Name": "Host", "Value": "a"}], "Timestamp": self.at(70),
                  "Values": [4, 6], "Counts": [1, 3], "Unit": "Milliseconds"},
                 latency("b", 1000, self.at(5)))
        answer = self.cw.get_metric_statistics(
            Namespace=NS, MetricName="Latency", Dimensions=[{"Name": "Host", "Value": "a"}],
            StartTime=self.at(30), EndTime=self.at(600), Period=60,
            Statistics=["SampleCount", "Average", "Sum", "Minimum", "Maximum"])
        self.assertEqual(answer["Label"], "Latency")
        points = sorted(answer["Datapoints"], key=lambda p: p["Timestamp"])
        # StartTime 00:30 is rounded down to the minute: the first period holds 00:05 and 00:50 too.
        self.assertEqual([p["Timestamp"] for p in points], [self.at(0), self.at(60)])
        self.assertEqual(points[0], {"Timestamp": self.at(0), "SampleCount": 6.0, "Average": 4.0, "Sum": 24.0,
                                     "Minimum": 1.0, "Maximum": 8.0, "Unit": "Milliseconds"})
        self.assertEqual(points[1], {"Timestamp": self.at(60), "SampleCount": 5.0, "Average": 6.4, "Sum": 32.0,
                                     "Minimum": 4.0, "Maximum": 10.0, "Unit": "Milliseconds"})
        five_minutes = self.cw.get_metric_statistics(
            Namespace=NS, MetricName="Latency", Dimensions=[{"Name": "Host", "Value": "a"}],
            StartTime=self.at(0), EndTime=self.at(600), Period=300, Statistics=["Sum"])["Datapoints"]
        self.assertEqual(five_minutes, [{"Timestamp": self.at(0), "Sum": 56.0, "Unit": "Milliseconds"}])

    def test_statistics_match_dimensions_exactly_and_filter_by_unit(self):
        self.put(latency("a", 1, self.at(0)), latency("a", 2, self.at(1), unit="Seconds"))
        ask = dict(Namespace=NS, MetricName="Latency", StartTime=self.at(0), EndTime=self.at(60), Period=60,
                   Statistics=["Sum"])
        self.assertEqual(self.cw.get_metric_statistics(**ask)["Datapoints"], [])  # no dimensions: another metric
        ask["Dimensions"] = [{"Name": "Host", "Value": "a"}]
        self.assertEqual(self.cw.get_metric_statistics(**ask)["Datapoints"][0]["Sum"], 3.0)
        seconds = self.cw.get_metric_statistics(Unit="Seconds", **ask)["Datapoints"]
        self.assertEqual(seconds, [{"Timestamp": self.at(0), "Sum": 2.0, "Unit": "Seconds"}])

    def test_extended_statistics_are_percentiles(self):
        self.put(*[latency("a", v, self.at(v % 60)) for v in range(1, 101)])
        points = self.cw.get_metric_statistics(
            Namespace=NS, MetricName="Latency", Dimensions=[{"Name": "Host", "Value": "a"}], StartTime=self.at(0),
            EndTime=self.at(60), Period=60, ExtendedStatistics=["p50", "p99", "p99.9"])["Datapoints"]
        self.assertEqual(points[0]["ExtendedStatistics"], {"p50": 50.0, "p99": 99.0, "p99.9": 100.0})

    def test_statistics_errors(self):
        ask = dict(Namespace=NS, MetricName="Latency", StartTime=self.at(0), EndTime=self.at(3600), Period=60,
                   Statistics=["Sum"])
        message = self.assert_error("InvalidParameterCombinationException", "InvalidParameterCombination",
                                    self.cw.get_metric_statistics, **dict(ask, EndTime=self.at(86400 + 60)))
        self.assertEqual(message, "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may "
                                  "reduce the datapoints requested by increasing Period, or decreasing the time range.")
        self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.get_metric_statistics,
                          **dict(ask, Period=90))
        self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.get_metric_statistics,
                          **dict(ask, EndTime=self.at(0)))
        self.assert_error("InvalidParameterCombinationException", "InvalidParameterCombination",
                          self.cw.get_metric_statistics, **{k: v for k, v in ask.items() if k != "Statistics"})
        self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.get_metric_statistics,
                          **dict({k: v for k, v in ask.items() if k != "Statistics"}, ExtendedStatistics=["p101"]))
        loose = self.clients.client(self.emu.url, validate=False)
        with self.assertRaises(loose.exceptions.InvalidParameterValueException) as raised:
            loose.get_metric_statistics(**dict(ask, Statistics=["Median"]))
        self.assertIn("Statistics.member.1 must be a value in the set [ SampleCount, Average, Sum, Minimum, "
                      "Maximum ]", raised.exception.response["Error"]["Message"])

    # ---- GetMetricData ---------------------------------------------------------------
    def query(self, id_, stat="Average", period=60, **extra):
        return dict({"Id": id_, "MetricStat": {"Metric": {"Namespace": NS, "MetricName": "Latency",
                                                          "Dimensions": [{"Name": "Host", "Value": "a"}]},
                                               "Period": period, "Stat": stat}}, **extra)

    def test_metric_data_orders_labels_and_hides(self):
        self.put(*[latency("a", m, self.at(60 * m + 1)) for m in range(5)])
        answer = self.cw.get_metric_data(
            MetricDataQueries=[self.query("m1"), self.query("m2", "Sum", Label="total"),
                               self.query("hidden", ReturnData=False), self.query("p", "p50", period=120)],
            StartTime=self.at(0), EndTime=self.at(300))
        results = {r["Id"]: r for r in answer["MetricDataResults"]}
        self.assertEqual(set(results), {"m1", "m2", "p"})
        self.assertEqual(results["m1"]["Label"], "Latency")
        self.assertEqual(results["m2"]["Label"], "total")
        self.assertEqual(results["m1"]["Timestamps"], [self.at(240), self.at(180), self.at(120), self.at(60), self.at(0)])
        self.assertEqual(results["m1"]["Values"], [4.0, 3.0, 2.0, 1.0, 0.0])
        self.assertEqual(results["m1"]["StatusCode"], "Complete")
        self.assertEqual(results["p"]["Values"], [4.0, 2.0, 0.0])
        ascending = self.cw.get_metric_data(MetricDataQueries=[self.query("m1")], StartTime=self.at(0),
                                            EndTime=self.at(300), ScanBy="TimestampAscending")
        self.assertEqual(ascending["MetricDataResults"][0]["Values"], [0.0, 1.0, 2.0, 3.0, 4.0])

    def test_metric_data_pages_by_max_datapoints(self):
        self.put(*[latency("a", m, self.at(60 * m)) for m in range(5)])
        ask = dict(MetricDataQueries=[self.query("m1"), self.query("m2", "Maximum")], StartTime=self.at(0),
                   EndTime=self.at(300), MaxDatapoints=4, ScanBy="TimestampAscending")
        values = {"m1": [], "m2": []}
        statuses = []
        token = None
        while True:
            page = self.cw.get_metric_data(**(dict(ask, NextToken=token) if token else ask))
            for result in page["MetricDataResults"]:
                values[result["Id"]] += result["Values"]
                statuses.append(result["StatusCode"])
            token = page.get("NextToken")
            if not token:
                break
        self.assertEqual(values, {"m1": [0.0, 1.0, 2.0, 3.0, 4.0], "m2": [0.0, 1.0, 2.0, 3.0, 4.0]})
        self.assertIn("PartialData", statuses)
        self.assert_error("InvalidNextToken", "InvalidNextToken", self.cw.get_metric_data, **dict(ask, NextToken="x"))

    def test_metric_data_errors(self):
        at = dict(StartTime=self.at(0), EndTime=self.at(300))
        message = self.assert_error(None, "ValidationError", self.cw.get_metric_data,
                                    MetricDataQueries=[self.query("M1")], **at)
        self.assertIn("^[a-z][a-zA-Z0-9_]*$", message)
        self.assert_error(None, "ValidationError", self.cw.get_metric_data,
                          MetricDataQueries=[self.query("m1"), self.query("m1")], **at)
        message = self.assert_error(None, "ValidationError", self.cw.get_metric_data,
                                    MetricDataQueries=[self.query("m1", "Median")], **at)
        self.assertEqual(message, "The value Median for parameter MetricDataQueries.member.1.MetricStat.Stat is not a "
                                  "valid statistic.")
        self.assert_error(None, "ValidationError", self.cw.get_metric_data,
                          MetricDataQueries=[{"Id": "e1", "Expression": "SUM(METRICS())"}], **at)
        self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.get_metric_data,
                          MetricDataQueries=[self.query("m1", period=45)], **at)
        self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.get_metric_data,
                          MetricDataQueries=[self.query("m1")], MaxDatapoints=0, **at)

    # ---- PutMetricData ---------------------------------------------------------------
    def test_put_errors_store_nothing(self):
        message = self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.put_metric_data,
                                    Namespace="AWS/EC2", MetricData=[{"MetricName": "CPU", "Value": 1}])
        self.assertEqual(message, "The value AWS/EC2 for parameter Namespace is invalid.")
        both = {"MetricName": "L", "Value": 1, "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1,
                                                                   "Maximum": 1}}
        message = self.assert_error("InvalidParameterCombinationException", "InvalidParameterCombination",
                                    self.cw.put_metric_data, Namespace=NS,
                                    MetricData=[{"MetricName": "Good", "Value": 1}, both])
        self.assertEqual(message, "The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues "
                                  "are mutually exclusive and you have specified both.")
        self.assertEqual(self.cw.list_metrics()["Metrics"], [])  # the good datum was not kept either
        loose = self.clients.client(self.emu.url, validate=False)
        with self.assertRaises(loose.exceptions.MissingRequiredParameterException) as raised:
            loose.put_metric_data(MetricData=[{"MetricName": "L", "Value": 1}])
        self.assertEqual(raised.exception.response["Error"]["Code"], "MissingParameter")
        self.assertEqual(raised.exception.response["Error"]["Message"], "The parameter Namespace is required.")
        with self.assertRaises(loose.exceptions.InvalidParameterValueException) as raised:
            loose.put_metric_data(Namespace=NS, MetricData=[{"MetricName": "L", "Value": 1, "Unit": "Parsecs"}])
        self.assertIn("MetricData.member.1.Unit must be a value in the set [ Seconds,",
                      raised.exception.response["Error"]["Message"])
        with self.assertRaises(loose.exceptions.InvalidParameterValueException):
            loose.put_metric_data(Namespace=NS, MetricData=[{"MetricName": "L", "Value": 1, "StorageResolution": 5}])
        message = self.assert_error("InvalidParameterValueException", "InvalidParameterValue", self.cw.put_metric_data,
                                    Namespace=NS, MetricData=[{"MetricName": "L", "Values": [1, 1e200]}])
        self.assertIn("MetricData.member.1.Values.member.2", message)

    def test_entity_metric_data_is_kept_as_plain_metrics(self):
        self.cw.put_metric_data(Namespace=NS, EntityMetricData=[{
            "Entity": {"KeyAttributes": {"Type": "Service", "Name": "svc", "Environment": "test"}},
            "MetricData": [{"MetricName": "FromEntity", "Value": 2, "Timestamp": self.at(0)}]}])
        self.assertEqual([m["MetricName"] for m in self.cw.list_metrics(Namespace=NS)["Metrics"]], ["FromEntity"])

    def test_training_job_namespace_takes_puts_and_reset_forgets(self):
        self.put({"MetricName": "validation:rmse", "Dimensions": [{"Name": "TrainingJobName", "Value": "job-1"}],
                  "Value": 0.5, "Timestamp": self.at(0)}, namespace="/aws/sagemaker/TrainingJobs")
        self.assertEqual(len(self.cw.list_metrics(Namespace="/aws/sagemaker/TrainingJobs")["Metrics"]), 1)
        other = self.clients.client(self.emu.url, key="210987654321")
        self.assertEqual(other.list_metrics()["Metrics"], [])  # another account sees nothing
        self.emu.reset()
        self.assertEqual(self.cw.list_metrics()["Metrics"], [])

    def test_metrics_count_the_calls(self):
        self.cw.list_metrics()
        body = http_request(self.emu.url + "/metrics").body.decode()
        match = re.search(r'^amt_emulator_api_calls_total\{operation="ListMetrics",status="200"\} (\S+)$', body, re.M)
        self.assertTrue(match and float(match.group(1)) >= 1, body[:2000])


class MetricsOverJson10(MetricsInOneProtocol, EmulatorTestCase):
    PROTOCOL = JSON


class MetricsOverQuery(MetricsInOneProtocol, EmulatorTestCase):
    PROTOCOL = QUERY


class MetricsOverCbor(MetricsInOneProtocol, EmulatorTestCase):
    PROTOCOL = CBOR


if __name__ == "__main__":
    unittest.main()
