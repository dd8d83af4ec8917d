"""Signature checking (--auth sigv4, wire-protocols.md §2): every service on the port accepts
boto3's signatures made with a configured secret (from --credentials and from the environment's
pair) or with one AssumeRole issued, and refuses a wrong secret, an unknown key, a missing
signature and a clock more than 15 minutes off with each protocol's own error (§2.6); S3's
presigned URLs in SigV4 and SigV2 work until they expire. --control-token closes the control
plane to requests without the token; without it the control plane stays open. (--auth none, the
default, is what every other module runs under.)"""

import datetime
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
from unittest import mock

import boto3
import botocore.auth
import botocore.config
import botocore.exceptions
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from cloudwatch_clients import CBOR, JSON, QUERY, CloudWatchClients
from emulator_process import REGION, REPO_ROOT, EmulatorProcess, EmulatorTestCase, emulator_binary, http_request

KEY, SECRET = "AKIDSIGV4TEST", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
ENV_KEY, ENV_SECRET = "AKIDFROMENVIRONMENT", "environment/secret+key"
UNKNOWN_KEY = "AKIDNOBODYKNOWS"
ROLE_ARN = "arn:aws:iam::210987654321:role/demo"
MISMATCH = "The request signature we calculated does not match the signature you provided."


def error_of(exc):
    return exc.response["Error"]["Code"], exc.response["ResponseMetadata"]["HTTPStatusCode"]


def s3_error(body):
    root = ET.fromstring(body)
    return {child.tag: child.text for child in root}


def s3_time(text):
    """S3 writes the times of its error details in ISO 8601 ("2015-06-04T22:26:16Z")."""
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def api_calls(emu):
    """amt_emulator_api_calls_total from GET /metrics: (operation, status) -> count."""
    calls = {}
    for line in http_request(emu.url + "/metrics").body.decode().splitlines():
        match = re.fullmatch(r'amt_emulator_api_calls_total\{operation="([^"]*)",status="(\d+)"\} (\S+)', line)
        if match:
            calls[match.group(1), int(match.group(2))] = float(match.group(3))
    return calls


def signed_raw(auth, method, url, headers=None, body=b"", at=None):
    """Headers and body of a request botocore signed as if its clock read `at`."""
    request = AWSRequest(method=method, url=url, headers=headers or {}, data=body)
    at = at or datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=at):
        auth.add_auth(request)
    prepared = request.prepare()
    return dict(prepared.headers.items()), prepared.body


class SignedServicesTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls._folder = tempfile.TemporaryDirectory(prefix="amt-sigv4-")
        cls.addClassCleanup(cls._folder.cleanup)
        credentials = os.path.join(cls._folder.name, "credentials")
        with open(credentials, "w") as f:
            f.write("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (KEY, SECRET))
        emu = EmulatorProcess("--clock", "manual", "--auth", "sigv4", "--credentials", credentials,
                              env={"AMT_EMULATOR_ACCESS_KEY_ID": ENV_KEY,
                                   "AMT_EMULATOR_SECRET_ACCESS_KEY": ENV_SECRET})
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu
        cls.cloudwatch = {protocol: CloudWatchClients(protocol) for protocol in (JSON, QUERY, CBOR)}
        for clients in cls.cloudwatch.values():
            cls.addClassCleanup(clients.close)

    def client(self, service, key=KEY, secret=SECRET, token=None, config=None):
        config = config or botocore.config.Config(retries={"max_attempts": 1})
        return boto3.session.Session().client(
            service, endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id=key,
            aws_secret_access_key=secret, aws_session_token=token, config=config)

    # Each service's cheapest call, and the codes it refuses a wrong secret and an unknown key with.
    CALLS = {
        "sagemaker": (lambda c: c.list_training_jobs(), "InvalidSignatureException", 400,
                      "UnrecognizedClientException", 400),
        "logs": (lambda c: c.describe_log_groups(), "InvalidSignatureException", 400,
                 "UnrecognizedClientException", 400),
        "sts": (lambda c: c.get_caller_identity(), "SignatureDoesNotMatch", 403, "InvalidClientTokenId", 403),
        "s3": (lambda c: c.list_buckets(), "SignatureDoesNotMatch", 403, "InvalidAccessKeyId", 403),
    }

    def test_every_service_accepts_the_configured_secrets(self):
        for service, (call, *_) in self.CALLS.items():
            for key, secret in ((KEY, SECRET), (ENV_KEY, ENV_SECRET)):
                with self.subTest(service=service, key=key):
                    call(self.client(service, key, secret))
        for protocol, clients in self.cloudwatch.items():
            with self.subTest(cloudwatch=protocol):
                clients.client(self.emu.url, key=KEY, secret=SECRET).list_metrics()

    def test_a_wrong_secret_and_an_unknown_key_get_each_protocols_error(self):
        for service, (call, bad_code, bad_status, unknown_code, unknown_status) in self.CALLS.items():
            with self.subTest(service=service, case="wrong secret"):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    call(self.client(service, secret="not-the-secret"))
                self.assertEqual(error_of(caught.exception), (bad_code, bad_status))
                self.assertTrue(caught.exception.response["Error"]["Message"].startswith(MISMATCH))
            with self.subTest(service=service, case="unknown key"):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    call(self.client(service, key=UNKNOWN_KEY))
                self.assertEqual(error_of(caught.exception), (unknown_code, unknown_status))

    def test_cloudwatch_refuses_in_its_query_codes_over_json_and_query(self):
        for protocol, status in ((JSON, 400), (QUERY, 403)):
            clients = self.cloudwatch[protocol]
            with self.subTest(protocol=protocol):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    clients.client(self.emu.url, key=KEY, secret="wrong").list_metrics()
                self.assertEqual(error_of(caught.exception), ("SignatureDoesNotMatch", status))
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    clients.client(self.emu.url, key=UNKNOWN_KEY, secret=SECRET).list_metrics()
                self.assertEqual(error_of(caught.exception)[0], "InvalidClientTokenId")

    def test_the_json_error_shows_the_canonical_request_and_string_to_sign(self):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.client("sagemaker", secret="wrong").list_training_jobs()
        message = caught.exception.response["Error"]["Message"]
        self.assertIn("The Canonical String for this request should have been\n'POST\n/\n\n", message)
        self.assertIn("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n", message)

    def test_a_request_without_a_signature_is_refused(self):
        sagemaker = self.emu.raw_aws("SageMaker.ListTrainingJobs", {})
        self.assertEqual(sagemaker.status, 400)
        self.assertEqual(sagemaker.json()["__type"], "MissingAuthenticationTokenException")
        self.assertEqual(sagemaker.json()["message"], "Request is missing Authentication Token")
        sts = http_request(self.emu.url + "/", "POST", "Action=GetCallerIdentity&Version=2011-06-15",
                           {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(sts.status, 403)
        self.assertIn(b"<Code>MissingAuthenticationToken</Code>", sts.body)
        s3 = http_request(self.emu.url + "/")
        self.assertEqual((s3.status, s3_error(s3.body)["Code"]), (403, "AccessDenied"))
        unsigned = self.client("s3", config=botocore.config.Config(signature_version=botocore.UNSIGNED))
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            unsigned.list_buckets()
        self.assertEqual(error_of(caught.exception), ("AccessDenied", 403))

    def test_a_clock_more_than_15_minutes_off_is_refused(self):
        wrong_clock = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
        credentials = Credentials(KEY, SECRET)
        headers, body = signed_raw(
            botocore.auth.SigV4Auth(credentials, "sagemaker", REGION), "POST", self.emu.url + "/",
            {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.ListTrainingJobs"}, b"{}",
            at=wrong_clock)
        json_answer = http_request(self.emu.url + "/", "POST", body, headers)
        self.assertEqual(json_answer.status, 400)
        self.assertEqual(json_answer.json()["__type"], "InvalidSignatureException")
        self.assertRegex(json_answer.json()["message"],
                         r"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z "
                         r"\(\d{8}T\d{6}Z - 15 min\.\)$")

        headers, body = signed_raw(
            botocore.auth.SigV4Auth(credentials, "sts", REGION), "POST", self.emu.url + "/",
            {"Content-Type": "application/x-www-form-urlencoded"}, b"Action=GetCallerIdentity&Version=2011-06-15",
            at=wrong_clock)
        query_answer = http_request(self.emu.url + "/", "POST", body, headers)
        self.assertEqual(query_answer.status, 403)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code><Message>Signature expired: ", query_answer.body)

        headers, _ = signed_raw(botocore.auth.S3SigV4Auth(credentials, "s3", REGION), "GET",
                                self.emu.url + "/", at=wrong_clock)
        s3_answer = http_request(self.emu.url + "/", "GET", None, headers)
        error = s3_error(s3_answer.body)
        self.assertEqual((s3_answer.status, error["Code"]), (403, "RequestTimeTooSkewed"))
        self.assertEqual(error["MaxAllowedSkewMilliseconds"], "900000")
        self.assertEqual(error["RequestTime"], wrong_clock.strftime("%Y%m%dT%H%M%SZ"))  # as the request sent it
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs(s3_time(error["ServerTime"]) - now), datetime.timedelta(seconds=30), error)

    def test_s3_objects_and_multipart_uploads_with_signatures(self):
        s3 = self.client("s3")
        s3.create_bucket(Bucket="signed")
        s3.put_object(Bucket="signed", Key="a b/c~d+e=f.txt", Body=b"hello world\n")
        self.assertEqual(s3.get_object(Bucket="signed", Key="a b/c~d+e=f.txt")["Body"].read(), b"hello world\n")
        listed = s3.list_objects_v2(Bucket="signed", Prefix="a b/")
        self.assertEqual([o["Key"] for o in listed["Contents"]], ["a b/c~d+e=f.txt"])
        upload = s3.create_multipart_upload(Bucket="signed", Key="big")["UploadId"]
        parts = [{"PartNumber": n, "ETag": s3.upload_part(Bucket="signed", Key="big", UploadId=upload,
                                                          PartNumber=n, Body=bytes([n]) * 5_242_880)["ETag"]}
                 for n in (1, 2)]
        s3.complete_multipart_upload(Bucket="signed", Key="big", UploadId=upload,
                                     MultipartUpload={"Parts": parts})
        self.assertEqual(s3.head_object(Bucket="signed", Key="big")["ContentLength"], 2 * 5_242_880)

    def test_presigned_urls_in_sigv4_and_sigv2(self):
        self.client("s3").create_bucket(Bucket="shared")
        self.client("s3").put_object(Bucket="shared", Key="dir/hello world.txt", Body=b"hi")
        params = {"Bucket": "shared", "Key": "dir/hello world.txt"}
        for version, marker in ((None, "AWSAccessKeyId="), ("s3v4", "X-Amz-Signature=")):
            with self.subTest(signature_version=version):
                config = botocore.config.Config(signature_version=version) if version else None
                url = self.client("s3", config=config).generate_presigned_url("get_object", Params=params)
                self.assertIn(marker, url)
                self.assertEqual(http_request(url).body, b"hi")
                tampered = http_request(url.replace("hello%20world", "hello%20World"))
                self.assertEqual((tampered.status, s3_error(tampered.body)["Code"]), (403, "SignatureDoesNotMatch"))
                self.assertIn("StringToSign", s3_error(tampered.body))

    def test_expired_presigned_urls_are_refused(self):
        url = self.emu.url + "/shared/dir/hello%20world.txt"
        two_hours_ago = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(hours=2)
        credentials = Credentials(KEY, SECRET)
        v4 = AWSRequest(method="GET", url=url)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=two_hours_ago.replace(tzinfo=None)):
            botocore.auth.S3SigV4QueryAuth(credentials, "s3", REGION, expires=3600).add_auth(v4)
        v2 = AWSRequest(method="GET", url=url)
        with mock.patch("time.time", return_value=two_hours_ago.timestamp()):
            botocore.auth.HmacV1QueryAuth(credentials, expires=3600).add_auth(v2)
        expiry = two_hours_ago + datetime.timedelta(seconds=3600)
        # SigV4's X-Amz-Expires is a lifetime in seconds; SigV2's Expires is the instant itself.
        for name, request, lifetime in (("v4", v4, "3600"), ("v2", v2, None)):
            with self.subTest(name):
                answer = http_request(request.prepare().url)
                error = s3_error(answer.body)
                self.assertEqual((answer.status, error["Code"], error["Message"]),
                                 (403, "AccessDenied", "Request has expired"))
                self.assertEqual(error.get("X-Amz-Expires"), lifetime, error)
                self.assertEqual(s3_time(error["Expires"]), expiry, error)
                now = datetime.datetime.now(datetime.timezone.utc)
                self.assertLess(abs(s3_time(error["ServerTime"]) - now), datetime.timedelta(seconds=30), error)

    def test_assumed_role_credentials_sign_with_their_issued_secret(self):
        issued = self.client("sts").assume_role(RoleArn=ROLE_ARN, RoleSessionName="signed")["Credentials"]
        key, secret, token = issued["AccessKeyId"], issued["SecretAccessKey"], issued["SessionToken"]
        identity = self.client("sts", key, secret, token).get_caller_identity()
        self.assertEqual(identity["Account"], "210987654321")
        self.client("sagemaker", key, secret, token).list_training_jobs()
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.client("sagemaker", key, SECRET, token).list_training_jobs()
        self.assertEqual(error_of(caught.exception), ("InvalidSignatureException", 400))

    def test_assumed_role_credentials_need_their_own_session_token(self):
        issued = self.client("sts").assume_role(RoleArn=ROLE_ARN, RoleSessionName="tokens")["Credentials"]
        key, secret, token = issued["AccessKeyId"], issued["SecretAccessKey"], issued["SessionToken"]
        other_token = self.client("sts").assume_role(RoleArn=ROLE_ARN, RoleSessionName="other")["Credentials"][
            "SessionToken"]
        cases = {  # service: (without a token, with another session's token)
            "sagemaker": (("UnrecognizedClientException", 400), ("UnrecognizedClientException", 400)),
            "sts": (("InvalidClientTokenId", 403), ("InvalidClientTokenId", 403)),
            "s3": (("InvalidAccessKeyId", 403), ("InvalidToken", 400)),
        }
        for service, expected in cases.items():
            call = self.CALLS[service][0]
            for sent, want in zip((None, other_token), expected):
                with self.subTest(service=service, token="other" if sent else "none"):
                    with self.assertRaises(botocore.exceptions.ClientError) as caught:
                        call(self.client(service, key, secret, sent))
                    self.assertEqual(error_of(caught.exception), want)
        self.client("s3").create_bucket(Bucket="session-presigned")
        self.client("s3").put_object(Bucket="session-presigned", Key="k", Body=b"session")
        url = self.client("s3", key, secret, token, config=botocore.config.Config(
            signature_version="s3v4")).generate_presigned_url("get_object", Params={"Bucket": "session-presigned",
                                                                                     "Key": "k"})
        self.assertIn("X-Amz-Security-Token=", url)
        self.assertEqual(http_request(url).body, b"session")

    def test_metrics_count_refused_calls_by_operation_and_status(self):
        # A wrong secret in each protocol, counted as the operation called and the status it got
        # (S3's refusals always were); then a query call with no signature at all.
        wrong = {service: self.client(service, secret="wrong") for service in ("sagemaker", "logs", "sts", "s3")}
        cases = [
            ("sagemaker", ("ListTrainingJobs", 400), wrong["sagemaker"].list_training_jobs),
            ("logs", ("DescribeLogGroups", 400), wrong["logs"].describe_log_groups),
            ("sts", ("GetCallerIdentity", 403), wrong["sts"].get_caller_identity),
            ("s3", ("ListBuckets", 403), wrong["s3"].list_buckets),
        ] + [("cloudwatch " + protocol, ("ListMetrics", status),
              self.cloudwatch[protocol].client(self.emu.url, key=KEY, secret="wrong").list_metrics)
             for protocol, status in ((JSON, 400), (QUERY, 403), (CBOR, 400))]
        unsigned_sts = lambda: http_request(self.emu.url + "/", "POST", "Action=GetCallerIdentity&Version=2011-06-15",
                                            {"Content-Type": "application/x-www-form-urlencoded"})
        cases.append(("sts unsigned", ("GetCallerIdentity", 403), unsigned_sts))
        for name, label, call in cases:
            with self.subTest(name):
                before = api_calls(self.emu).get(label, 0)
                try:
                    call()
                except botocore.exceptions.ClientError:
                    pass
                self.assertEqual(api_calls(self.emu).get(label, 0) - before, 1, api_calls(self.emu))

    def test_the_control_plane_and_metrics_stay_open_without_a_token(self):
        self.assertEqual(http_request(self.emu.url + "/_emulator/health").status, 200)
        self.assertEqual(http_request(self.emu.url + "/metrics").status, 200)


class ExpiredSessionTest(EmulatorTestCase):
    """A session past its Expiration. AssumeRole's shortest session is 15 minutes of wall time, so
    the test moves one into the past through the state document: exported, its expiration edited,
    imported back."""

    @classmethod
    def setUpClass(cls):
        cls._folder = tempfile.TemporaryDirectory(prefix="amt-sigv4-expired-")
        cls.addClassCleanup(cls._folder.cleanup)
        emu = EmulatorProcess("--clock", "manual", "--auth", "sigv4", "--state-dir", cls._folder.name + "/state",
                              env={"AMT_EMULATOR_ACCESS_KEY_ID": KEY, "AMT_EMULATOR_SECRET_ACCESS_KEY": SECRET})
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu

    def client(self, service, key=KEY, secret=SECRET, token=None):
        return boto3.session.Session().client(
            service, endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id=key,
            aws_secret_access_key=secret, aws_session_token=token,
            config=botocore.config.Config(retries={"max_attempts": 1}))

    def test_an_expired_session_is_refused_in_each_protocols_words(self):
        issued = self.client("sts").assume_role(RoleArn=ROLE_ARN, RoleSessionName="brief")["Credentials"]
        session = (issued["AccessKeyId"], issued["SecretAccessKey"], issued["SessionToken"])
        self.client("sagemaker", *session).list_training_jobs()  # valid for an hour yet
        document = http_request(self.emu.url + "/_emulator/state").json()
        [record] = [r for r in document["records"] if r.get("accessKeyId") == session[0]]
        self.assertGreater(record["expiration"], datetime.datetime.now().timestamp() + 3000)
        record["expiration"] = int(datetime.datetime.now().timestamp()) - 1
        answer = http_request(self.emu.url + "/_emulator/state", method="PUT", body=document)
        self.assertEqual(answer.status, 200, answer.body)
        for service, want in (("sagemaker", ("ExpiredTokenException", 400)), ("sts", ("ExpiredToken", 403)),
                              ("s3", ("ExpiredToken", 400))):
            with self.subTest(service=service):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    SignedServicesTest.CALLS[service][0](self.client(service, *session))
                self.assertEqual(error_of(caught.exception), want)
        self.client("sagemaker").list_training_jobs()  # the configured key is no session


class ControlTokenTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual", "--control-token", "t0ken")

    def test_the_control_plane_needs_the_bearer_token(self):
        health = self.emu.url + "/_emulator/health"
        missing = http_request(health)
        self.assertEqual((missing.status, missing.json()["error"]), (401, "Unauthorized"))
        self.assertEqual(missing.headers["WWW-Authenticate"], 'Bearer realm="amt-emulator control plane"')
        wrong = http_request(health, headers={"Authorization": "Bearer t0ke"})
        self.assertEqual((wrong.status, wrong.json()["error"]), (403, "Forbidden"))
        self.assertEqual(http_request(health, headers={"Authorization": "Bearer t0ken"}).status, 200)

    def test_the_scheme_name_is_case_insensitive(self):
        health = self.emu.url + "/_emulator/health"
        for scheme in ("bearer", "BEARER", "bEaReR"):
            with self.subTest(scheme=scheme):
                ok = http_request(health, headers={"Authorization": scheme + " t0ken"})
                self.assertEqual(ok.status, 200, ok)
                wrong = http_request(health, headers={"Authorization": scheme + " t0ke"})
                self.assertEqual(wrong.status, 403, wrong)
        basic = http_request(health, headers={"Authorization": "Basic dDBrZW4="})
        self.assertEqual(basic.status, 401, basic)

    def test_the_dashboard_page_needs_no_token_and_its_calls_do(self):
        page = http_request(self.emu.url + "/_emulator/ui")
        self.assertEqual(page.status, 200, page)
        self.assertTrue(page.headers["Content-Type"].startswith("text/html"), page.headers)
        self.assertEqual(http_request(self.emu.url + "/_emulator/capacity").status, 401)

    def test_help_points_at_sections_that_exist_and_says_what_the_token_guards(self):
        text = subprocess.run([str(emulator_binary()), "--help"], capture_output=True, text=True, timeout=30,
                              check=True).stdout
        references = re.findall(r'(docs/[\w.-]+\.md) "([^"]+)"', text)
        self.assertIn(("docs/services.md", "Signatures"), references)
        for doc, section in references:
            with self.subTest(doc=doc, section=section):
                headings = re.findall(r"^#+ (.+)$", (REPO_ROOT / doc).read_text(encoding="utf-8"), re.MULTILINE)
                self.assertIn(section, headings)
        token_lines = text[text.index("--control-token T"):].splitlines()[:2]
        self.assertIn("/_emulator/ui", token_lines[1])
        self.assertIn("/metrics", token_lines[1])

    def test_aws_calls_and_metrics_need_no_token_and_signatures_are_not_checked(self):
        self.assertEqual(http_request(self.emu.url + "/metrics").status, 200)
        client = boto3.session.Session().client(
            "sagemaker", endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id="anything",
            aws_secret_access_key="whatever")
        client.list_training_jobs()


if __name__ == "__main__":
    unittest.main()
