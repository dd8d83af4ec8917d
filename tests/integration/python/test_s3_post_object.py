"""S3 POST Object (docs/services.md S3): HTML form uploads as boto3's generate_presigned_post
fills them, sent as multipart/form-data by hand. The key's ${filename}, Content-Type and
x-amz-meta-* from the form, success_action_status and success_action_redirect, the policy's
conditions (bucket, key, content-length-range, no extra fields) with S3's errors; under --auth
sigv4 the policy's SigV4 or SigV2 signature and its expiration."""

import hashlib
import http.client
import os
import unittest
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

import boto3
import botocore.config

from emulator_process import REGION, EmulatorProcess
from s3_support import S3TestCase

KEY, SECRET = "AKIDPOSTFORM", "post/form+secret"
NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


def post_form(url, fields, filename="data.csv", data=b"a,b\n1,2\n"):
    """POSTs the fields then the file as a browser form does; (status, headers, body). Redirects
    are not followed."""
    boundary = uuid.uuid4().hex
    body = b"".join(b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                    % (boundary.encode(), name.encode(), value.encode()) for name, value in fields.items())
    body += (b'--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\n'
             b"Content-Type: application/octet-stream\r\n\r\n" % (boundary.encode(), filename.encode()))
    body += data + b"\r\n--%s--\r\n" % boundary.encode()
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("POST", parts.path or "/", body=body,
                           headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def error_of(body):
    root = ET.fromstring(body)
    return root.findtext("Code"), root.findtext("Message")


class PostObjectTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store()
        cls.s3.create_bucket(Bucket="forms")

    def presigned(self, key="uploads/${filename}", fields=None, conditions=None, expires=60):
        return self.s3.generate_presigned_post("forms", key, Fields=fields, Conditions=conditions, ExpiresIn=expires)

    def test_a_form_upload_stores_the_file_with_the_forms_attributes(self):
        fields = {"Content-Type": "text/csv", "success_action_status": "201", "x-amz-meta-origin": "form"}
        post = self.presigned(fields=fields, conditions=[{k: v} for k, v in fields.items()])
        data = b"a,b\n1,2\n"
        status, headers, body = post_form(post["url"], post["fields"], data=data)
        self.assertEqual(status, 201, body)
        etag = '"%s"' % hashlib.md5(data).hexdigest()
        answer = ET.fromstring(body)
        self.assertEqual(answer.tag, "PostResponse")
        self.assertEqual((answer.findtext("Bucket"), answer.findtext("Key"), answer.findtext("ETag")),
                         ("forms", "uploads/data.csv", etag))
        self.assertEqual(headers["ETag"], etag)
        got = self.s3.get_object(Bucket="forms", Key="uploads/data.csv")
        self.assertEqual((got["Body"].read(), got["ContentType"], got["Metadata"]), (data, "text/csv",
                                                                                     {"origin": "form"}))

    def test_default_status_200_and_the_redirect(self):
        post = self.presigned(key="plain.txt")
        status, _, body = post_form(post["url"], post["fields"], data=b"plain")
        self.assertEqual((status, body), (204, b""))
        self.assertEqual(self.s3.get_object(Bucket="forms", Key="plain.txt")["ContentType"], "binary/octet-stream")
        fields = {"success_action_status": "200"}
        post = self.presigned(key="two-hundred.txt", fields=fields, conditions=[fields])
        self.assertEqual(post_form(post["url"], post["fields"])[0], 200)
        fields = {"success_action_redirect": "http://example.com/done?x=1"}
        post = self.presigned(key="redirected.txt", fields=fields, conditions=[fields])
        status, headers, _ = post_form(post["url"], post["fields"], data=b"r")
        self.assertEqual(status, 303)
        location = urllib.parse.urlsplit(headers["Location"])
        self.assertEqual(location.netloc, "example.com")
        self.assertEqual(urllib.parse.parse_qs(location.query), {
            "x": ["1"], "bucket": ["forms"], "key": ["redirected.txt"],
            "etag": ['"%s"' % hashlib.md5(b"r").hexdigest()]})

    def test_the_policys_conditions_hold(self):
        post = self.presigned(key="small/${filename}", conditions=[["content-length-range", 1, 4]])
        status, _, body = post_form(post["url"], post["fields"], data=b"too large")
        self.assertEqual((status, error_of(body)[0]), (400, "EntityTooLarge"))
        fields = dict(post["fields"], key="elsewhere/data.csv")
        status, _, body = post_form(post["url"], fields, data=b"ok")
        self.assertEqual((status, error_of(body)), (403, (
            "AccessDenied", 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "small/"]')))
        fields = dict(post["fields"], **{"x-amz-meta-sneaked": "in"})
        status, _, body = post_form(post["url"], fields, data=b"ok")
        self.assertEqual((status, error_of(body)[1]),
                         (403, "Invalid according to Policy: Extra input fields: x-amz-meta-sneaked"))
        self.assert_error("404", self.s3.head_object, Bucket="forms", Key="elsewhere/data.csv")

    def test_bad_forms_get_s3s_errors(self):
        post = self.presigned(key="k")
        no_key = {k: v for k, v in post["fields"].items() if k != "key"}
        status, _, body = post_form(post["url"], no_key)
        self.assertEqual((status, error_of(body)[0]), (400, "InvalidArgument"))
        status, _, body = post_form(self.emu.url + "/no-such-bucket", {"key": "k"})
        self.assertEqual((status, error_of(body)[0]), (404, "NoSuchBucket"))
        status, _, body = post_form(self.emu.url + "/forms", {"key": "k", "policy": "not base64!"})
        self.assertEqual((status, error_of(body)[0]), (400, "InvalidPolicyDocument"))
        # Without --auth sigv4 neither the signature nor the expiration is checked.
        expired = self.presigned(key="late.txt", expires=-60)
        self.assertEqual(post_form(expired["url"], dict(expired["fields"], **{"x-amz-signature": "0" * 64}))[0], 204)


class SignedPostObjectTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store("--auth", "sigv4")

    @classmethod
    def start_emulator(cls, *args):
        emu = EmulatorProcess(*args, env={"AMT_EMULATOR_ACCESS_KEY_ID": KEY, "AMT_EMULATOR_SECRET_ACCESS_KEY": SECRET})
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu
        return emu

    def client(self, key=KEY, secret=SECRET, version="s3v4"):
        return boto3.session.Session().client(
            "s3", endpoint_url=self.emu.url, region_name=REGION, aws_access_key_id=key, aws_secret_access_key=secret,
            config=botocore.config.Config(signature_version=version, retries={"max_attempts": 1}))

    def setUp(self):
        if not getattr(type(self), "made", False):
            self.client().create_bucket(Bucket="signed-forms")
            type(self).made = True

    def test_signed_forms_upload_in_sigv4_and_sigv2(self):
        for version in ("s3v4", "s3"):
            with self.subTest(version=version):
                post = self.client(version=version).generate_presigned_post("signed-forms", "by-" + version)
                self.assertIn("x-amz-signature" if version == "s3v4" else "signature", post["fields"])
                status, _, body = post_form(post["url"], post["fields"], data=version.encode())
                self.assertEqual(status, 204, body)
                got = self.client().get_object(Bucket="signed-forms", Key="by-" + version)
                self.assertEqual(got["Body"].read(), version.encode())

    def test_forms_that_are_not_signed_right_are_refused(self):
        post = self.client().generate_presigned_post("signed-forms", "refused")
        cases = {
            "wrong secret": (self.client(secret="other").generate_presigned_post("signed-forms", "refused")["fields"],
                             "SignatureDoesNotMatch"),
            "unknown key": (self.client(key="AKIDNOBODY").generate_presigned_post("signed-forms", "refused")["fields"],
                            "InvalidAccessKeyId"),
            "changed policy": (dict(post["fields"], policy=post["fields"]["policy"][:-4] + "AAA="),
                               "SignatureDoesNotMatch"),
            "no signature": ({"key": "refused"}, "AccessDenied"),
            "expired": (self.client().generate_presigned_post("signed-forms", "refused", ExpiresIn=-60)["fields"],
                        "AccessDenied"),
        }
        for case, (fields, code) in cases.items():
            with self.subTest(case=case):
                status, _, body = post_form(post["url"], fields)
                self.assertEqual((status, error_of(body)[0]), (403, code), body)
        status, _, body = post_form(post["url"], cases["expired"][0])
        self.assertEqual(error_of(body)[1], "Invalid according to Policy: Policy expired.")
        self.assertFalse(os.path.exists(os.path.join(self.folder.name, "signed-forms", "refused")))


if __name__ == "__main__":
    unittest.main()
