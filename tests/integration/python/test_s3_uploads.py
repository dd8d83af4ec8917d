"""S3 uploads through boto3 and raw HTTP (wire-protocols.md §7.4, §7.6-§7.8): multipart uploads
(upload_file/download_file going multipart at boto3's defaults and at small thresholds, every
low-level operation and Complete's checks and conditions, UploadPartCopy, GetObject and
HeadObject by partNumber), multipart ETags, aws-chunked bodies
with trailing checksums split across HTTP chunks, Expect: 100-continue, and the body limit."""

import base64
import hashlib
import os
import socket
import tempfile
import unittest
import zlib

import boto3.s3.transfer
import botocore.exceptions

from s3_support import S3TestCase, error_of

MIB = 1024 * 1024


def multipart_etag(data, part_size):
    parts = [data[i:i + part_size] for i in range(0, len(data), part_size)]
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    return '"%s-%d"' % (digest, len(parts))


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


class S3UploadsTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store()
        cls.s3.create_bucket(Bucket="uploads")
        cls.port = int(cls.emu.url.rsplit(":", 1)[1])

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory(prefix="amt-s3-files-")
        self.addCleanup(self.scratch.cleanup)

    def round_trip(self, key, size, config):
        data = os.urandom(size)
        source = os.path.join(self.scratch.name, key + ".in")
        target = os.path.join(self.scratch.name, key + ".out")
        with open(source, "wb") as f:
            f.write(data)
        self.s3.upload_file(source, "uploads", key, Config=config)
        self.s3.download_file("uploads", key, target, Config=config)
        with open(target, "rb") as f:
            self.assertEqual(f.read(), data)
        return data

    def test_twenty_megabytes_go_multipart_with_boto3_defaults(self):
        data = self.round_trip("twenty", 20 * 1000 * 1000, boto3.s3.transfer.TransferConfig())
        head = self.s3.head_object(Bucket="uploads", Key="twenty")
        self.assertEqual(head["ETag"], multipart_etag(data, 8 * MIB))
        self.assertEqual(head["ContentLength"], len(data))
        self.assertEqual(self.s3.list_multipart_uploads(Bucket="uploads").get("Uploads", []), [])

    def test_small_thresholds_make_many_parts(self):
        config = boto3.s3.transfer.TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=5 * MIB,
                                                  max_concurrency=3)
        data = self.round_trip("many-parts", 12 * MIB + 17, config)
        head = self.s3.head_object(Bucket="uploads", Key="many-parts", ChecksumMode="ENABLED")
        self.assertEqual(head["ETag"], multipart_etag(data, 5 * MIB))
        self.assertTrue(head.get("ChecksumCRC32", "-3").endswith("-3"), head)

    def test_low_level_multipart_and_completes_checks(self):
        s3 = self.s3
        upload = s3.create_multipart_upload(Bucket="uploads", Key="low", ContentType="text/csv",
                                            Metadata={"m": "v"})["UploadId"]
        first = b"a" * (5 * MIB)
        e1 = s3.upload_part(Bucket="uploads", Key="low", UploadId=upload, PartNumber=1, Body=first)["ETag"]
        e2 = s3.upload_part(Bucket="uploads", Key="low", UploadId=upload, PartNumber=2, Body=b"b" * 1000)["ETag"]
        self.assertEqual(e1, '"79b281060d337b9b2b84ccf390adcf74"')
        parts = s3.list_parts(Bucket="uploads", Key="low", UploadId=upload)
        self.assertEqual([(p["PartNumber"], p["Size"]) for p in parts["Parts"]], [(1, 5 * MIB), (2, 1000)])
        listed = s3.list_multipart_uploads(Bucket="uploads")["Uploads"]
        self.assertIn(upload, [u["UploadId"] for u in listed])
        complete = lambda parts: s3.complete_multipart_upload(  # noqa: E731
            Bucket="uploads", Key="low", UploadId=upload, MultipartUpload={"Parts": parts})
        for code, parts in (("InvalidPartOrder", [{"PartNumber": 2, "ETag": e2}, {"PartNumber": 1, "ETag": e1}]),
                            ("InvalidPart", [{"PartNumber": 1, "ETag": e2}]),
                            ("InvalidPart", [{"PartNumber": 3, "ETag": e2}])):
            with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                complete(parts)
            self.assertEqual(error_of(ctx.exception)[0], code, parts)
        small = s3.upload_part(Bucket="uploads", Key="low", UploadId=upload, PartNumber=3, Body=b"c")["ETag"]
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            complete([{"PartNumber": 2, "ETag": e2}, {"PartNumber": 3, "ETag": small}])
        self.assertEqual(error_of(ctx.exception)[0], "EntityTooSmall")
        done = complete([{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}])
        self.assertEqual(done["ETag"], '"8c6f96fe400c627d9394af6161f5921d-2"')
        got = s3.get_object(Bucket="uploads", Key="low")
        self.assertEqual((got["ContentType"], got["Metadata"], got["ContentLength"]), ("text/csv", {"m": "v"},
                                                                                      5 * MIB + 1000))
        with self.assertRaises(s3.exceptions.NoSuchUpload):
            s3.list_parts(Bucket="uploads", Key="low", UploadId=upload)
        self.assert_error("NoSuchUpload", s3.upload_part, Bucket="uploads", Key="low", UploadId="nope",
                          PartNumber=1, Body=b"x")

    def multipart_object(self, key, parts):
        upload = self.s3.create_multipart_upload(Bucket="uploads", Key=key)["UploadId"]
        listed = [{"PartNumber": n, "ETag": self.s3.upload_part(Bucket="uploads", Key=key, UploadId=upload,
                                                                 PartNumber=n, Body=body)["ETag"]}
                  for n, body in enumerate(parts, start=1)]
        return upload, listed

    def test_get_and_head_by_part_number(self):
        p1, p2 = os.urandom(5 * MIB), os.urandom(1000)
        upload, parts = self.multipart_object("by-part", [p1, p2])
        self.s3.complete_multipart_upload(Bucket="uploads", Key="by-part", UploadId=upload,
                                          MultipartUpload={"Parts": parts})
        head = self.s3.head_object(Bucket="uploads", Key="by-part", PartNumber=1)
        self.assertEqual((head["ResponseMetadata"]["HTTPStatusCode"], head["ContentLength"], head["PartsCount"]),
                         (206, 5 * MIB, 2))
        got = self.s3.get_object(Bucket="uploads", Key="by-part", PartNumber=2)
        self.assertEqual(got["Body"].read(), p2)
        self.assertEqual((got["ResponseMetadata"]["HTTPStatusCode"], got["ContentRange"], got["PartsCount"]),
                         (206, "bytes %d-%d/%d" % (5 * MIB, 5 * MIB + 999, 5 * MIB + 1000), 2))
        self.assertEqual(got["ETag"], multipart_etag(p1 + p2, 5 * MIB))
        whole = b"".join(self.s3.get_object(Bucket="uploads", Key="by-part", PartNumber=n)["Body"].read()
                         for n in (1, 2))
        self.assertEqual(whole, p1 + p2)
        response = self.assert_error("InvalidPartNumber", self.s3.get_object, Bucket="uploads", Key="by-part",
                                     PartNumber=3)
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 416)
        self.assert_error("InvalidRequest", self.s3.get_object, Bucket="uploads", Key="by-part", PartNumber=1,
                          Range="bytes=0-1")
        self.assert_error("InvalidArgument", self.s3.get_object, Bucket="uploads", Key="by-part", PartNumber=0)
        # A single put is one part: part 1 is the whole object, as a range, with no parts count.
        self.s3.put_object(Bucket="uploads", Key="one-part", Body=b"0123456789")
        one = self.s3.get_object(Bucket="uploads", Key="one-part", PartNumber=1)
        self.assertEqual((one["ResponseMetadata"]["HTTPStatusCode"], one["Body"].read(), one["ContentRange"]),
                         (206, b"0123456789", "bytes 0-9/10"))
        self.assertNotIn("PartsCount", one)
        self.assert_error("InvalidPartNumber", self.s3.get_object, Bucket="uploads", Key="one-part", PartNumber=2)

    def test_conditional_completes_leave_the_object_and_the_upload(self):
        existing = self.s3.put_object(Bucket="uploads", Key="guarded", Body=b"existing")["ETag"]
        upload, parts = self.multipart_object("guarded", [b"new"])
        complete = lambda **conditions: self.s3.complete_multipart_upload(  # noqa: E731
            Bucket="uploads", Key="guarded", UploadId=upload, MultipartUpload={"Parts": parts}, **conditions)
        response = self.assert_error("PreconditionFailed", complete, IfNoneMatch="*")
        self.assertEqual(response["Error"]["Condition"], "If-None-Match")
        self.assert_error("PreconditionFailed", complete, IfMatch='"0000"')
        self.assertEqual(self.s3.get_object(Bucket="uploads", Key="guarded")["Body"].read(), b"existing")
        self.assertEqual(len(self.s3.list_parts(Bucket="uploads", Key="guarded", UploadId=upload)["Parts"]), 1)
        complete(IfMatch=existing)
        self.assertEqual(self.s3.get_object(Bucket="uploads", Key="guarded")["Body"].read(), b"new")
        upload, parts = self.multipart_object("guarded-new", [b"first"])
        self.s3.complete_multipart_upload(Bucket="uploads", Key="guarded-new", UploadId=upload,
                                          MultipartUpload={"Parts": parts}, IfNoneMatch="*")
        self.assertEqual(self.s3.get_object(Bucket="uploads", Key="guarded-new")["Body"].read(), b"first")

    def test_abort_and_part_numbers(self):
        upload = self.s3.create_multipart_upload(Bucket="uploads", Key="aborted")["UploadId"]
        self.assert_error("InvalidArgument", self.s3.upload_part, Bucket="uploads", Key="aborted", UploadId=upload,
                          PartNumber=10001, Body=b"x")
        self.s3.abort_multipart_upload(Bucket="uploads", Key="aborted", UploadId=upload)
        self.assert_error("NoSuchUpload", self.s3.abort_multipart_upload, Bucket="uploads", Key="aborted",
                          UploadId=upload)
        self.assert_error("404", self.s3.head_object, Bucket="uploads", Key="aborted")

    def test_upload_part_copy(self):
        self.s3.put_object(Bucket="uploads", Key="copy-source", Body=b"0123456789")
        upload = self.s3.create_multipart_upload(Bucket="uploads", Key="copied")["UploadId"]
        part = self.s3.upload_part_copy(Bucket="uploads", Key="copied", UploadId=upload, PartNumber=1,
                                        CopySource={"Bucket": "uploads", "Key": "copy-source"},
                                        CopySourceRange="bytes=2-5")
        self.assert_error("PreconditionFailed", self.s3.upload_part_copy, Bucket="uploads", Key="copied",
                          UploadId=upload, PartNumber=2, CopySource={"Bucket": "uploads", "Key": "copy-source"},
                          CopySourceIfNoneMatch="*")
        self.s3.complete_multipart_upload(Bucket="uploads", Key="copied", UploadId=upload, MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": part["CopyPartResult"]["ETag"]}]})
        self.assertEqual(self.s3.get_object(Bucket="uploads", Key="copied")["Body"].read(), b"2345")

    def test_list_multipart_uploads_pages_with_markers_prefix_and_delimiter(self):
        s3 = self.s3
        s3.create_bucket(Bucket="upload-pages")
        ids = {}
        for key in ("u/a", "u/b", "u/b", "u/c", "v/x/1", "v/y/1", "top"):
            ids.setdefault(key, []).append(s3.create_multipart_upload(Bucket="upload-pages", Key=key)["UploadId"])
        first = s3.list_multipart_uploads(Bucket="upload-pages", Prefix="u/", MaxUploads=2)
        self.assertTrue(first["IsTruncated"])
        self.assertEqual([u["Key"] for u in first["Uploads"]], ["u/a", "u/b"])
        self.assertEqual((first["NextKeyMarker"], first["NextUploadIdMarker"]), ("u/b", ids["u/b"][0]))
        rest = s3.list_multipart_uploads(Bucket="upload-pages", Prefix="u/", KeyMarker="u/b",
                                         UploadIdMarker=ids["u/b"][0])
        self.assertEqual([u["UploadId"] for u in rest["Uploads"]], [ids["u/b"][1], ids["u/c"][0]])
        self.assertFalse(rest["IsTruncated"])
        later = s3.list_multipart_uploads(Bucket="upload-pages", KeyMarker="u/b")
        self.assertEqual([u["Key"] for u in later["Uploads"]], ["u/c", "v/x/1", "v/y/1"])
        paginator = s3.get_paginator("list_multipart_uploads")
        seen = [u["UploadId"] for page in paginator.paginate(Bucket="upload-pages", PaginationConfig={"PageSize": 1})
                for u in page.get("Uploads", [])]
        self.assertEqual(sorted(seen), sorted(i for key_ids in ids.values() for i in key_ids))
        rolled = s3.list_multipart_uploads(Bucket="upload-pages", Delimiter="/")
        self.assertEqual([u["Key"] for u in rolled["Uploads"]], ["top"])
        self.assertEqual([p["Prefix"] for p in rolled["CommonPrefixes"]], ["u/", "v/"])
        pages = list(paginator.paginate(Bucket="upload-pages", Delimiter="/", PaginationConfig={"PageSize": 1}))
        self.assertEqual([p["Prefix"] for page in pages for p in page.get("CommonPrefixes", [])], ["u/", "v/"])
        for key_ids in ids.items():
            for upload in key_ids[1]:
                s3.abort_multipart_upload(Bucket="upload-pages", Key=key_ids[0], UploadId=upload)

    # ---- raw bodies ----------------------------------------------------------------------
    def exchange(self, request_head, body_pieces=(), read_interim=False):
        """Sends a request head and body pieces on one connection; the final status line and body."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(request_head)
            if read_interim:
                interim = sock.recv(1024)
                if not interim.startswith(b"HTTP/1.1 100"):
                    return interim
            for piece in body_pieces:
                sock.sendall(piece)
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data:
                    head, _, rest = data.partition(b"\r\n\r\n")
                    length = [int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:")]
                    if length and len(rest) >= length[0]:
                        break
            return data

    def aws_chunked_put(self, key, payload, trailer_value, http_chunk):
        stream = (b"%x\r\n" % len(payload) + payload + b"\r\n0\r\nx-amz-checksum-crc32:" + trailer_value +
                  b"\r\n\r\n")
        pieces = [stream[i:i + http_chunk] for i in range(0, len(stream), http_chunk)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
        head = (b"PUT /uploads/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                b"Content-Encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
                b"x-amz-decoded-content-length: %d\r\nx-amz-trailer: x-amz-checksum-crc32\r\n"
                b"x-amz-sdk-checksum-algorithm: CRC32\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
                % (key.encode(), len(payload)))
        return self.exchange(head, [body], read_interim=True)

    def test_aws_chunked_bodies_split_across_http_chunks(self):
        payload = os.urandom(70000)
        for http_chunk in (1, 7, 8192, 100000):
            if http_chunk == 1 and len(payload) > 5000:
                continue  # one byte per HTTP chunk is covered by the unit tests; keep this quick
            answer = self.aws_chunked_put("chunked-%d" % http_chunk, payload, crc32_b64(payload).encode(), http_chunk)
            self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer[:300])
            self.assertIn(('ETag: "%s"' % hashlib.md5(payload).hexdigest()).encode(), answer)
            got = self.s3.get_object(Bucket="uploads", Key="chunked-%d" % http_chunk, ChecksumMode="ENABLED")
            self.assertEqual(got["Body"].read(), payload)
            self.assertEqual(got["ChecksumCRC32"], crc32_b64(payload))
            self.assertNotIn("ContentEncoding", got)  # aws-chunked was the upload's coding, not the object's
        small = b"hello world\n"
        answer = self.aws_chunked_put("chunked-tiny", small, b"rwg7LQ==", 1)
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer[:300])

    def test_aws_chunked_with_a_wrong_trailer_is_bad_digest(self):
        answer = self.aws_chunked_put("chunked-bad", b"hello world\n", b"AAAAAA==", 5)
        self.assertTrue(answer.startswith(b"HTTP/1.1 400"), answer[:300])
        self.assertIn(b"<Code>BadDigest</Code>", answer)
        self.assertIn(b"The CRC32 you specified did not match the calculated checksum.", answer)
        self.assert_error("404", self.s3.head_object, Bucket="uploads", Key="chunked-bad")

    def test_bodies_over_the_limit_are_entity_too_large_without_being_read(self):
        head = (b"PUT /uploads/huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n"
                b"Expect: 100-continue\r\n\r\n" % (300 * MIB))
        answer = self.exchange(head, read_interim=True)
        self.assertTrue(answer.startswith(b"HTTP/1.1 400"), answer[:300])
        self.assertIn(b"<Code>EntityTooLarge</Code>", answer)
        self.assertIn(b"<MaxSizeAllowed>268435456</MaxSizeAllowed>", answer)
        # SageMaker keeps its 8 MiB limit and its JSON error.
        head = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: SageMaker.ListTrainingJobs\r\n"
                b"Content-Type: application/x-amz-json-1.1\r\nContent-Length: %d\r\n"
                b"Expect: 100-continue\r\n\r\n" % (9 * MIB))
        answer = self.exchange(head, read_interim=True)
        self.assertIn(b"ValidationException", answer)


if __name__ == "__main__":
    unittest.main()
