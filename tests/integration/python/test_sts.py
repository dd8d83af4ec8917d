"""STS on the emulator's port (wire-protocols.md §1, §5): GetCallerIdentity's account rule,
AssumeRole's temporary credentials and the identity and account they carry (in STS and in
SageMaker), STS's validation errors as botocore raises them, the query protocol's XML errors for
unknown actions and services, the JSON error of AWS JSON services not served yet, and the
health answer's list of services."""

import datetime
import re
import unittest
import xml.etree.ElementTree as ET

import boto3
import botocore.config
import botocore.exceptions

from emulator_process import ACCOUNT, REGION, EmulatorTestCase, http_request
from sagemaker_requests import blog_tuning_request

STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
ROLE_ACCOUNT = "210987654321"
ROLE_ARN = "arn:aws:iam::%s:role/service-role/demo" % ROLE_ACCOUNT
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def error_of(exc):
    return exc.response["Error"]["Code"], exc.response["Error"]["Message"]


class StsTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")

    def client(self, service="sts", key="123456789012", secret="x", token=None, validate=True):
        config = botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=validate)
        return boto3.session.Session().client(
            service, endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id=key,
            aws_secret_access_key=secret, aws_session_token=token, config=config)

    def assume(self, **changes):
        request = {"RoleArn": ROLE_ARN, "RoleSessionName": "tuning-session"}
        request.update(changes)
        return self.client().assume_role(**request)

    def post_form(self, body, headers=None):
        return http_request(self.emu.url + "/", method="POST", body=body, headers=dict(FORM, **(headers or {})))

    def assert_query_error(self, res, status, code, xmlns=STS_NS):
        self.assertEqual(res.status, status, res)
        self.assertEqual(res.headers["Content-Type"], "text/xml")
        root = ET.fromstring(res.body)
        self.assertEqual(root.tag, "{%s}ErrorResponse" % xmlns if xmlns else "ErrorResponse")
        ns = {"n": xmlns} if xmlns else {}
        prefix = "n:" if xmlns else ""
        self.assertEqual(root.findtext("%sError/%sType" % (prefix, prefix), namespaces=ns), "Sender")
        self.assertEqual(root.findtext("%sError/%sCode" % (prefix, prefix), namespaces=ns), code)
        self.assertEqual(root.findtext("%sRequestId" % prefix, namespaces=ns), res.headers["x-amzn-RequestId"])
        return root.findtext("%sError/%sMessage" % (prefix, prefix), namespaces=ns)

    # ---- GetCallerIdentity -------------------------------------------------------------
    def test_a_twelve_digit_key_is_the_account(self):
        identity = self.client(key="123456789012").get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"], identity["UserId"]),
                         ("123456789012", "arn:aws:iam::123456789012:root", "123456789012"))
        identity = self.client(key="000011112222").get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"]), ("000011112222", "arn:aws:iam::000011112222:root"))

    def test_any_other_key_is_the_default_account(self):
        identity = self.client(key="AKIDEXAMPLE").get_caller_identity()
        self.assertEqual((identity["Account"], identity["Arn"], identity["UserId"]),
                         (ACCOUNT, "arn:aws:iam::%s:root" % ACCOUNT, ACCOUNT))

    def test_an_unsigned_request_is_routed_by_its_version(self):
        res = self.post_form("Action=GetCallerIdentity&Version=2011-06-15")
        self.assertEqual(res.status, 200, res)
        self.assertEqual(res.headers["Content-Type"], "text/xml")
        root = ET.fromstring(res.body)
        self.assertEqual(root.tag, "{%s}GetCallerIdentityResponse" % STS_NS)
        ns = {"n": STS_NS}
        self.assertEqual(root.findtext("n:GetCallerIdentityResult/n:Account", namespaces=ns), ACCOUNT)
        self.assertEqual(root.findtext("n:ResponseMetadata/n:RequestId", namespaces=ns),
                         res.headers["x-amzn-RequestId"])

    # ---- AssumeRole --------------------------------------------------------------------
    def test_assume_role_issues_credentials_shaped_as_sts_does(self):
        before = datetime.datetime.now(datetime.timezone.utc)
        answer = self.assume()
        credentials = answer["Credentials"]
        self.assertRegex(credentials["AccessKeyId"], r"^ASIA[A-Z2-7]{16}$")
        self.assertEqual(len(credentials["SecretAccessKey"]), 40)
        self.assertTrue(credentials["SessionToken"])
        expires_in = (credentials["Expiration"] - before).total_seconds()
        self.assertTrue(3590 <= expires_in <= 3700, expires_in)  # wall clock, whatever the virtual clock
        user = answer["AssumedRoleUser"]
        self.assertEqual(user["Arn"], "arn:aws:sts::%s:assumed-role/demo/tuning-session" % ROLE_ACCOUNT)
        self.assertRegex(user["AssumedRoleId"], r"^AROA[A-Z0-9]{17}:tuning-session$")
        self.assertEqual(answer["PackedPolicySize"], 0)
        again = self.assume(RoleSessionName="other", DurationSeconds=900)
        self.assertNotEqual(again["Credentials"]["AccessKeyId"], credentials["AccessKeyId"])
        self.assertEqual(again["AssumedRoleUser"]["AssumedRoleId"].split(":")[0], user["AssumedRoleId"].split(":")[0])
        expires_in = (again["Credentials"]["Expiration"] - before).total_seconds()
        self.assertTrue(890 <= expires_in <= 1000, expires_in)

    def test_the_issued_credentials_are_the_assumed_role(self):
        credentials = self.assume(RoleSessionName="who-am-i")["Credentials"]
        session = self.client(key=credentials["AccessKeyId"], secret=credentials["SecretAccessKey"],
                              token=credentials["SessionToken"])
        identity = session.get_caller_identity()
        self.assertEqual(identity["Account"], ROLE_ACCOUNT)
        self.assertEqual(identity["Arn"], "arn:aws:sts::%s:assumed-role/demo/who-am-i" % ROLE_ACCOUNT)
        self.assertRegex(identity["UserId"], r"^AROA[A-Z0-9]{17}:who-am-i$")

    def test_sagemaker_calls_with_the_issued_credentials_land_in_the_roles_account(self):
        credentials = self.assume(RoleSessionName="sagemaker")["Credentials"]
        sagemaker = self.client("sagemaker", key=credentials["AccessKeyId"], secret=credentials["SecretAccessKey"],
                                token=credentials["SessionToken"])
        arn = sagemaker.create_hyper_parameter_tuning_job(**blog_tuning_request("sts-role-account"))[
            "HyperParameterTuningJobArn"]
        self.assertEqual(arn, "arn:aws:sagemaker:%s:%s:hyper-parameter-tuning-job/sts-role-account"
                         % (REGION, ROLE_ACCOUNT))
        default = self.client("sagemaker", key="AKIDEXAMPLE")
        names = [s["HyperParameterTuningJobName"]
                 for s in default.list_hyper_parameter_tuning_jobs()["HyperParameterTuningJobSummaries"]]
        self.assertNotIn("sts-role-account", names)

    # ---- validation --------------------------------------------------------------------
    def assert_validation_error(self, message, **changes):
        request = {"RoleArn": ROLE_ARN, "RoleSessionName": "tuning-session"}
        request.update(changes)
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.client(validate=False).assume_role(**request)
        self.assertEqual(error_of(ctx.exception), ("ValidationError", message))
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(ctx.exception.response["Error"]["Type"], "Sender")

    def test_a_role_arn_that_names_no_role_is_invalid(self):
        self.assert_validation_error("arn:aws:iam::123456789012:user/alice is invalid",
                                     RoleArn="arn:aws:iam::123456789012:user/alice")
        self.assert_validation_error(
            "1 validation error detected: Value 'SageMakerRole' at 'roleArn' failed to satisfy constraint: "
            "Member must have length greater than or equal to 20", RoleArn="SageMakerRole")

    def test_session_names_and_durations_are_checked_together(self):
        self.assert_validation_error(
            "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: "
            "Member must have length greater than or equal to 2", RoleSessionName="a")
        self.assert_validation_error(
            "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: "
            "Member must have value greater than or equal to 900", DurationSeconds=100)
        self.assert_validation_error(
            "2 validation errors detected: Value 'a<b&c' at 'roleSessionName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '43201' at 'durationSeconds' "
            "failed to satisfy constraint: Member must have value less than or equal to 43200",
            RoleSessionName="a<b&c", DurationSeconds=43201)

    def test_missing_required_members_are_null(self):
        res = self.post_form("Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1")
        message = self.assert_query_error(res, 400, "ValidationError")
        self.assertEqual(message, "1 validation error detected: Value null at 'roleArn' failed to satisfy "
                                  "constraint: Member must not be null")

    # ---- the query protocol's errors ---------------------------------------------------
    def test_unknown_and_missing_actions(self):
        res = self.post_form("Action=NoSuchThing&Version=2011-06-15")
        self.assertEqual(self.assert_query_error(res, 400, "InvalidAction"),
                         "Could not find operation NoSuchThing for version 2011-06-15")
        res = self.post_form("Action=GetSessionToken&Version=2011-06-15")
        self.assertIn("not implemented by amt-emulator yet", self.assert_query_error(res, 400, "InvalidAction"))
        res = self.post_form("Version=2011-06-15")
        self.assert_query_error(res, 400, "MissingAction")

    def test_other_query_services_are_not_served(self):
        res = self.post_form("Action=ListTopics&Version=2010-03-31")
        message = self.assert_query_error(res, 400, "InvalidAction", xmlns=None)
        self.assertIn("not served by amt-emulator", message)
        self.assertIn("2010-03-31", message)
        signed = {"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/sns/"
                                   "aws4_request, SignedHeaders=host, Signature=0"}
        res = self.post_form("Action=ListTopics&Version=2010-03-31", headers=signed)
        self.assertIn("'sns'", self.assert_query_error(res, 400, "InvalidAction", xmlns=None))

    def test_json_services_not_served_say_so(self):
        res = self.emu.raw_aws("DynamoDB_20120810.ListTables", b"{}",
                               headers={"Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(res.status, 400, res)
        self.assertEqual(res.json()["__type"], "UnknownOperationException")
        self.assertIn("DynamoDB_20120810.ListTables", res.json()["message"])

    # ---- the control plane and /metrics ------------------------------------------------
    def test_health_lists_the_services(self):
        self.assertEqual(self.emu.health()["services"], ["logs", "monitoring", "s3", "sagemaker", "sts"])

    def test_metrics_count_sts_calls(self):
        self.client().get_caller_identity()
        body = http_request(self.emu.url + "/metrics").body.decode()
        match = re.search(r'^amt_emulator_api_calls_total\{operation="GetCallerIdentity",status="200"\} (\S+)$',
                          body, re.M)
        self.assertTrue(match and float(match.group(1)) >= 1, body[:2000])


if __name__ == "__main__":
    unittest.main()
