"""CloudWatch metrics byte by byte (wire-protocols.md §0, §1, §4): JSON 1.0 answers against
botocore's output shapes and the x-amzn-query-error header, CBOR's tag-1 timestamps and 64-bit
floats, the query protocol's XML, routing by target, path and scope, unknown operations in each
framing, and bodies the server must refuse without falling over."""

import datetime
import gzip
import unittest
import xml.etree.ElementTree as ET

import botocore.session

from cloudwatch_clients import CBOR, JSON, QUERY, CloudWatchClients, wall_time
from emulator_process import EmulatorTestCase, http_request
from model_conformance import ShapeChecker, strict_json

CW_NS = "{http://monitoring.amazonaws.com/doc/2010-08-01/}"
CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/"
SIGNED = {"Authorization": "AWS4-HMAC-SHA256 Credential=123456789012/20261203/us-east-1/monitoring/aws4_request, "
                           "SignedHeaders=host, Signature=0"}


def capture(client):
    """Every raw answer of a client, as (operation, status, headers, body)."""
    seen = []
    client.meta.events.register("after-call.cloudwatch", lambda http_response, model, **_: seen.append(
        (model.name, http_response.status_code, dict(http_response.headers), http_response.content)))
    return seen


class CloudWatchWireTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")
        cls.t0 = (int(cls.emu.clock()["now"]) // 3600 - 1) * 3600
        cls.clients = {p: CloudWatchClients(p) for p in (JSON, QUERY, CBOR)}
        for clients in cls.clients.values():
            cls.addClassCleanup(clients.close)

    def flow(self, client, namespace):
        """Every operation once, with data to answer."""
        at = wall_time(self.t0)
        client.put_metric_data(Namespace=namespace, MetricData=[
            {"MetricName": "L", "Dimensions": [{"Name": "H", "Value": "a"}], "Value": 1.5, "Timestamp": at},
            {"MetricName": "L", "Dimensions": [{"Name": "H", "Value": "a"}], "Value": 2, "Timestamp": at}])
        client.list_metrics(Namespace=namespace)
        ask = dict(Namespace=namespace, MetricName="L", Dimensions=[{"Name": "H", "Value": "a"}], StartTime=at,
                   EndTime=at + datetime.timedelta(minutes=5), Period=60)
        client.get_metric_statistics(Statistics=["Average", "SampleCount"], **ask)
        client.get_metric_statistics(ExtendedStatistics=["p50"], **ask)
        client.get_metric_data(MetricDataQueries=[{"Id": "m1", "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": "L", "Dimensions": [{"Name": "H", "Value": "a"}]},
            "Period": 60, "Stat": "Sum"}}], StartTime=at, EndTime=at + datetime.timedelta(minutes=5))

    def test_json_answers_fit_the_output_shapes(self):
        client = self.clients[JSON].client(self.emu.url)
        seen = capture(client)
        self.flow(client, "Json")
        model = botocore.session.get_session().get_service_model("cloudwatch")
        checker = ShapeChecker(model)
        for operation, status, headers, body in seen:
            self.assertEqual(status, 200, body)
            self.assertEqual(headers["Content-Type"], "application/x-amz-json-1.0")
            output = model.operation_model(operation).output_shape
            if output is not None:
                checker.check(strict_json(body), output)
        stats = strict_json(seen[2][3])["Datapoints"][0]
        self.assertEqual((stats["Average"], stats["SampleCount"]), (1.75, 2))

    def test_json_errors_carry_the_query_code(self):
        res = http_request(self.emu.url + "/", method="POST", body=b'{"Namespace": "AWS/X", "MetricData": []}',
                           headers={"X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData",
                                    "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(res.status, 400)
        self.assertEqual(res.headers["x-amzn-query-error"], "InvalidParameterValue;Sender")
        self.assertEqual(res.json()["__type"], "com.amazonaws.cloudwatch#InvalidParameterValueException")
        for body, code in ((b"{not json", "SerializationException"), (b'{"Namespace": 5}', "InvalidParameterValue")):
            res = http_request(self.emu.url + "/", method="POST", body=body,
                               headers={"X-Amz-Target": "GraniteServiceVersion20100801.ListMetrics",
                                        "Content-Type": "application/x-amz-json-1.0"})
            self.assertEqual(res.status, 400, res)
            self.assertIn(code, res.json()["__type"])
        res = http_request(self.emu.url + "/", method="POST", body=b"{}",
                           headers={"X-Amz-Target": "GraniteServiceVersion20100801.PutMetricAlarm",
                                    "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual((res.status, res.json()["__type"]),
                         (400, "com.amazonaws.cloudwatch#UnknownOperationException"))

    def test_cbor_answers_tag_timestamps_and_write_doubles_as_floats(self):
        client = self.clients[CBOR].client(self.emu.url)
        seen = capture(client)
        self.flow(client, "Cbor")
        for operation, status, headers, body in seen:
            self.assertEqual(status, 200, body)
            self.assertEqual(headers["Content-Type"], "application/cbor")
            self.assertEqual(headers["smithy-protocol"], "rpc-v2-cbor")
        statistics = seen[2][3]
        self.assertIn(b"\x69Timestamp\xc1", statistics)  # tag 1
        self.assertIn(b"\x6bSampleCount\xfb", statistics)  # 2.0 as a double, not the integer 2
        self.assertIn(b"\x6aTimestamps\x81\xc1", seen[4][3])

    def test_cbor_framing_errors(self):
        cbor = {"smithy-protocol": "rpc-v2-cbor", "Content-Type": "application/cbor", "Accept": "application/cbor"}
        res = http_request(self.emu.url + CBOR_PATH + "ListMetrics", method="POST", body=b"\xa1\x61", headers=cbor)
        self.assertEqual((res.status, res.headers["x-amzn-query-error"]), (400, "SerializationException;Sender"))
        res = http_request(self.emu.url + CBOR_PATH + "DescribeAlarms", method="POST", body=b"\xa0", headers=cbor)
        self.assertEqual(res.status, 400)
        self.assertIn(b"UnknownOperationException", res.body)
        res = http_request(self.emu.url + CBOR_PATH + "ListMetrics", method="POST", body=b"\xa0",
                           headers={"Content-Type": "application/cbor"})
        # Without smithy-protocol the path is not CloudWatch's: what is left goes to S3, which
        # answers a POST to an object with its XML MethodNotAllowed.
        self.assertEqual((res.status, res.headers["Content-Type"]), (405, "application/xml"))
        self.assertIn(b"<Code>MethodNotAllowed</Code>", res.body)
        res = http_request(self.emu.url + CBOR_PATH + "ListMetrics", method="POST", body=b"\xa0", headers=cbor)
        self.assertEqual((res.status, res.body[:1]), (200, b"\xa1"))  # {"Metrics": [...]}

    def test_query_answers_are_xml_in_the_namespace(self):
        client = self.clients[QUERY].client(self.emu.url)
        seen = capture(client)
        self.flow(client, "Query")
        put = ET.fromstring(seen[0][3])
        self.assertEqual(put.tag, CW_NS + "PutMetricDataResponse")
        self.assertEqual([child.tag for child in put], [CW_NS + "ResponseMetadata"])  # no output, no Result
        listed = ET.fromstring(seen[1][3])
        self.assertEqual(listed.find(CW_NS + "ListMetricsResult/" + CW_NS + "Metrics/" + CW_NS + "member/" + CW_NS +
                                     "MetricName").text, "L")
        percentile = ET.fromstring(seen[3][3]).find(".//" + CW_NS + "ExtendedStatistics/" + CW_NS + "entry")
        self.assertEqual([percentile.find(CW_NS + "key").text, percentile.find(CW_NS + "value").text], ["p50", "1.5"])

    def test_query_routing_and_errors(self):
        form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        res = http_request(self.emu.url + "/", method="POST", body=b"Action=ListMetrics&Version=2010-08-01",
                           headers=form)  # unsigned: routed by Version
        self.assertEqual(res.status, 200)
        self.assertEqual(ET.fromstring(res.body).tag, CW_NS + "ListMetricsResponse")
        res = http_request(self.emu.url + "/", method="POST", body=b"Action=DeleteAlarms", headers=dict(form, **SIGNED))
        self.assertEqual(res.status, 400)
        self.assertEqual(ET.fromstring(res.body).find(CW_NS + "Error/" + CW_NS + "Code").text, "InvalidAction")
        res = http_request(self.emu.url + "/", method="POST", headers=dict(form, **SIGNED),
                           body=b"Action=GetMetricStatistics&Version=2010-08-01&Namespace=N&MetricName=M"
                                b"&StartTime=yesterday&EndTime=2024-01-01T00:00:00Z&Period=60")
        error = ET.fromstring(res.body).find(CW_NS + "Error")
        self.assertEqual((res.status, error.find(CW_NS + "Code").text), (400, "InvalidParameterValue"))
        self.assertIn("StartTime", error.find(CW_NS + "Message").text)
        res = http_request(self.emu.url + "/", method="POST", headers=dict(form, **SIGNED),
                           body=b"Action=GetMetricStatistics&Version=2010-08-01&Namespace=N&MetricName=M"
                                b"&StartTime=2024-01-01T00:00:00Z&Period=60&Statistics.member.1=Sum")
        error = ET.fromstring(res.body).find(CW_NS + "Error")
        self.assertEqual(error.find(CW_NS + "Code").text, "MissingParameter")
        self.assertEqual(error.find(CW_NS + "Message").text, "The parameter EndTime is required.")

    def test_gzip_bodies_inflate_or_are_refused(self):
        body = gzip.compress(b'{"Namespace": "Zipped", "MetricData": [{"MetricName": "Z", "Value": 1}]}')
        headers = {"X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData",
                   "Content-Type": "application/x-amz-json-1.0", "Content-Encoding": "gzip"}
        self.assertEqual(http_request(self.emu.url + "/", method="POST", body=body, headers=headers).status, 200)
        listed = http_request(self.emu.url + "/", method="POST", body=b'{"Namespace": "Zipped"}',
                              headers={"X-Amz-Target": "GraniteServiceVersion20100801.ListMetrics",
                                       "Content-Type": "application/x-amz-json-1.0"}).json()
        self.assertEqual([m["MetricName"] for m in listed["Metrics"]], ["Z"])
        res = http_request(self.emu.url + "/", method="POST", body=body[:-8] + b"\x00" * 8, headers=headers)
        self.assertEqual((res.status, res.headers["x-amzn-query-error"]), (400, "InvalidParameterValue;Sender"))
        res = http_request(self.emu.url + "/", method="POST", body=body[:10], headers=headers)
        self.assertEqual(res.status, 400)


if __name__ == "__main__":
    unittest.main()
