"""S3 uploads signed chunk by chunk under --auth sigv4 (wire-protocols.md §7.7): the body of a
PutObject or UploadPart sent as STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] carries a signature
per chunk, chained from the Authorization header's, and with a trailer a signature over the
trailing checksum. The requests are built here by hand (the seed signed by botocore's SigV4Auth,
the chunks with hmac) and sent with http.client; a correct one is stored byte for byte, a changed
chunk, a missing chunk signature or a wrong trailer signature gets 403 SignatureDoesNotMatch and
stores nothing. Under --auth none the chunk signatures are not looked at."""

import base64
import datetime
import hashlib
import hmac
import http.client
import random
import unittest
from unittest import mock
import xml.etree.ElementTree as ET
import zlib

import boto3
import botocore.auth
import botocore.config
import botocore.exceptions
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from emulator_process import REGION, EmulatorProcess, EmulatorTestCase

KEY, SECRET = "AKIDCHUNKSIGNER", "chunk/signing+secret"
BUCKET = "chunks"
CHUNK = 8192  # the smallest non-final chunk S3 accepts
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.")


def payload(size, seed):
    return random.Random(seed).randbytes(size)


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def hmac_sha256(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


class SignedChunks:
    """One signed-chunk upload: the headers botocore signs (the seed) and the chain after it."""

    def __init__(self, url, data, trailer=None):
        self.url, self.data, self.trailer = url, data, trailer
        self.at = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        day = self.at.strftime("%Y%m%d")
        self.amz_date = self.at.strftime("%Y%m%dT%H%M%SZ")
        self.scope = "%s/%s/s3/aws4_request" % (day, REGION)
        key = hmac_sha256(("AWS4" + SECRET).encode(), day)
        for part in (REGION, "s3", "aws4_request"):
            key = hmac_sha256(key, part)
        self.signing_key = key

    def sign(self, text):
        return hmac.new(self.signing_key, text.encode(), hashlib.sha256).hexdigest()

    def chunk_signature(self, previous, data):
        return self.sign("AWS4-HMAC-SHA256-PAYLOAD\n%s\n%s\n%s\n%s\n%s" % (
            self.amz_date, self.scope, previous, EMPTY_SHA256, hashlib.sha256(data).hexdigest()))

    def trailer_signature(self, previous, lines):
        return self.sign("AWS4-HMAC-SHA256-TRAILER\n%s\n%s\n%s\n%s" % (
            self.amz_date, self.scope, previous, hashlib.sha256(lines.encode()).hexdigest()))

    def encode(self, seed, signed_pieces, trailer_value=None):
        """The aws-chunked body: `signed_pieces` are the data each chunk signs, the bytes sent
        being self.data cut the same way (so a test can sign other bytes than it sends)."""
        body, previous, offset = b"", seed, 0
        for piece in signed_pieces + [b""]:
            previous = self.chunk_signature(previous, piece)
            sent = self.data[offset:offset + len(piece)]
            offset += len(piece)
            body += b"%x;chunk-signature=%s\r\n%s\r\n" % (len(sent), previous.encode(), sent)
        if self.trailer is None:
            return body
        line = "%s:%s\n" % (self.trailer[0], self.trailer[1])
        signature = self.trailer_signature(previous, line)
        sent_line = "%s:%s" % (self.trailer[0], trailer_value or self.trailer[1])
        return body[:-2] + ("%s\r\nx-amz-trailer-signature:%s\r\n\r\n" % (sent_line, signature)).encode()

    def headers(self):
        """The headers botocore signs, and their signature: the chain's seed. Content-Length is
        left unsigned, as SDKs do, so a test may change the body's length."""
        mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" + ("-TRAILER" if self.trailer else "")
        headers = {"Content-Encoding": "aws-chunked", "X-Amz-Content-SHA256": mode,
                   "X-Amz-Decoded-Content-Length": str(len(self.data))}
        if self.trailer:
            headers["X-Amz-Trailer"] = self.trailer[0]
        request = AWSRequest(method="PUT", url=self.url, headers=headers)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=self.at):
            botocore.auth.SigV4Auth(Credentials(KEY, SECRET), "s3", REGION).add_auth(request)
        seed = request.headers["Authorization"].rsplit("Signature=", 1)[1]
        return dict(request.headers.items()), seed


def signed_put(emu, path, data, *, tamper=None, drop_signature=False, trailer=None, trailer_value=None):
    """PUT `path` signed chunk by chunk; `tamper` changes one sent byte after signing,
    `drop_signature` sends the final chunk without its signature."""
    upload = SignedChunks(emu.url + path, data, trailer=trailer)
    headers, seed = upload.headers()
    if tamper is not None:
        upload.data = data[:tamper] + bytes([data[tamper] ^ 1]) + data[tamper + 1:]
    body = upload.encode(seed, [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)], trailer_value)
    if drop_signature:
        body = body[:body.rindex(b"0;chunk-signature=")] + b"0\r\n\r\n"
    connection = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=10)
    try:
        connection.request("PUT", path, body=body, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def s3_error(body):
    return {child.tag: child.text for child in ET.fromstring(body)}


class ChunkSignatureTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        emu = EmulatorProcess("--clock", "manual", "--auth", "sigv4",
                              env={"AMT_EMULATOR_ACCESS_KEY_ID": KEY, "AMT_EMULATOR_SECRET_ACCESS_KEY": SECRET})
        cls.addClassCleanup(emu.cleanup)
        emu.start()
        cls.emu = emu
        cls.s3 = boto3.session.Session().client(
            "s3", endpoint_url=emu.url, region_name=REGION, aws_access_key_id=KEY, aws_secret_access_key=SECRET,
            config=botocore.config.Config(retries={"max_attempts": 1}))
        cls.s3.create_bucket(Bucket=BUCKET)

    def assert_absent(self, key):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.s3.head_object(Bucket=BUCKET, Key=key)
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)

    def assert_refused(self, answer, string_to_sign_kind):
        status, body = answer
        error = s3_error(body)
        self.assertEqual((status, error["Code"], error["Message"]), (403, "SignatureDoesNotMatch", MISMATCH))
        self.assertEqual(error["AWSAccessKeyId"], KEY)
        self.assertTrue(error["StringToSign"].startswith(string_to_sign_kind + "\n"), error["StringToSign"])

    def test_a_signed_chunk_upload_is_stored_byte_for_byte(self):
        for size in (2 * CHUNK + 1000, 5, 0):
            with self.subTest(size=size):
                data = payload(size, size)
                key = "whole-%d" % size
                status, body = signed_put(self.emu, "/%s/%s" % (BUCKET, key), data)
                self.assertEqual(status, 200, body)
                got = self.s3.get_object(Bucket=BUCKET, Key=key)
                self.assertEqual(got["Body"].read(), data)
                self.assertEqual(got["ETag"], '"%s"' % hashlib.md5(data).hexdigest())

    def test_a_changed_chunk_is_refused_and_nothing_is_stored(self):
        data = payload(2 * CHUNK + 1000, 1)
        for where in (0, CHUNK + 17, len(data) - 1):
            with self.subTest(byte=where):
                key = "tampered-%d" % where
                self.assert_refused(signed_put(self.emu, "/%s/%s" % (BUCKET, key), data, tamper=where),
                                    "AWS4-HMAC-SHA256-PAYLOAD")
                self.assert_absent(key)

    def test_a_final_chunk_without_its_signature_is_refused(self):
        self.assert_refused(signed_put(self.emu, "/%s/bare-final" % BUCKET, payload(100, 2), drop_signature=True),
                            "AWS4-HMAC-SHA256-PAYLOAD")
        self.assert_absent("bare-final")

    def test_the_trailer_form_with_a_crc32_checksum(self):
        data = payload(CHUNK + 300, 3)
        trailer = ("x-amz-checksum-crc32", crc32_b64(data))
        status, body = signed_put(self.emu, "/%s/trailer" % BUCKET, data, trailer=trailer)
        self.assertEqual(status, 200, body)
        got = self.s3.get_object(Bucket=BUCKET, Key="trailer", ChecksumMode="ENABLED")
        self.assertEqual(got["Body"].read(), data)
        self.assertEqual(got["ChecksumCRC32"], trailer[1])
        # A checksum other than the one signed, even a well-formed one, breaks the trailer signature.
        self.assert_refused(signed_put(self.emu, "/%s/trailer-changed" % BUCKET, data, trailer=trailer,
                                       trailer_value=crc32_b64(b"other")), "AWS4-HMAC-SHA256-TRAILER")
        self.assert_absent("trailer-changed")
        self.assert_refused(signed_put(self.emu, "/%s/trailer-tampered" % BUCKET, data, trailer=trailer, tamper=5),
                            "AWS4-HMAC-SHA256-PAYLOAD")
        self.assert_absent("trailer-tampered")

    def test_upload_part_stores_no_part_when_refused(self):
        upload = self.s3.create_multipart_upload(Bucket=BUCKET, Key="parts")["UploadId"]
        path = "/%s/parts?partNumber=1&uploadId=%s" % (BUCKET, upload)
        data = payload(3 * CHUNK, 4)
        self.assert_refused(signed_put(self.emu, path, data, tamper=CHUNK), "AWS4-HMAC-SHA256-PAYLOAD")
        self.assertEqual(self.s3.list_parts(Bucket=BUCKET, Key="parts", UploadId=upload).get("Parts", []), [])
        status, body = signed_put(self.emu, path, data)
        self.assertEqual(status, 200, body)
        parts = self.s3.list_parts(Bucket=BUCKET, Key="parts", UploadId=upload)["Parts"]
        self.assertEqual([(p["PartNumber"], p["Size"]) for p in parts], [(1, len(data))])


class UncheckedChunkSignatureTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")
        cls.s3 = boto3.session.Session().client(
            "s3", endpoint_url=cls.emu.url, region_name=REGION, aws_access_key_id=KEY, aws_secret_access_key=SECRET)
        cls.s3.create_bucket(Bucket=BUCKET)

    def test_chunk_signatures_are_not_checked_under_auth_none(self):
        data = payload(CHUNK + 10, 5)
        status, body = signed_put(self.emu, "/%s/unchecked" % BUCKET, data, tamper=3)
        self.assertEqual(status, 200, body)
        stored = self.s3.get_object(Bucket=BUCKET, Key="unchecked")["Body"].read()
        self.assertEqual(stored, data[:3] + bytes([data[3] ^ 1]) + data[4:])


if __name__ == "__main__":
    unittest.main()
