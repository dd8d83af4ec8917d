"""S3 buckets and objects through boto3 (wire-protocols.md §7): every bucket operation, put,
get (Range, conditions, checksums), head, delete, DeleteObjects, CopyObject, conditional
writes and copies, the listings, the errors S3 gives, keys with any characters, virtual-host addressing, and that objects are files
of --s3-dir."""

import base64
import datetime
import hashlib
import unittest
from pathlib import Path

from emulator_process import http_request
from s3_support import S3TestCase, resolve_localhost_names, s3_client


class S3ObjectsTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_with_store()

    def bucket(self, name):
        self.s3.create_bucket(Bucket=name)
        return name

    # ---- buckets ------------------------------------------------------------------------
    def test_bucket_lifecycle(self):
        self.bucket("life-cycle")
        names = [b["Name"] for b in self.s3.list_buckets()["Buckets"]]
        self.assertIn("life-cycle", names)
        head = self.s3.head_bucket(Bucket="life-cycle")
        self.assertEqual(head["BucketRegion"], "us-east-1")
        self.assertIsNone(self.s3.get_bucket_location(Bucket="life-cycle")["LocationConstraint"])
        with self.assertRaises(self.s3.exceptions.BucketAlreadyOwnedByYou):
            self.s3.create_bucket(Bucket="life-cycle")
        self.s3.put_object(Bucket="life-cycle", Key="k", Body=b"v")
        self.assert_error("BucketNotEmpty", self.s3.delete_bucket, Bucket="life-cycle")
        self.s3.delete_object(Bucket="life-cycle", Key="k")
        self.s3.delete_bucket(Bucket="life-cycle")
        self.assert_error("404", self.s3.head_bucket, Bucket="life-cycle")
        self.assert_error("NoSuchBucket", self.s3.delete_bucket, Bucket="life-cycle")
        self.assertFalse((Path(self.folder.name) / "life-cycle").exists())

    def test_location_constraint_and_bucket_names(self):
        eu = s3_client(self.emu.url, region="eu-west-1")
        eu.create_bucket(Bucket="in-ireland", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertEqual(eu.get_bucket_location(Bucket="in-ireland")["LocationConstraint"], "eu-west-1")
        self.assertEqual(self.s3.head_bucket(Bucket="in-ireland")["BucketRegion"], "eu-west-1")
        listed = {b["Name"]: b for b in self.s3.list_buckets()["Buckets"]}
        self.assertEqual(listed["in-ireland"]["BucketRegion"], "eu-west-1")
        code = self.assert_error("IllegalLocationConstraintException", eu.create_bucket, Bucket="no-constraint")
        self.assertEqual(code["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assert_error("InvalidLocationConstraint", self.s3.create_bucket, Bucket="east-given",
                          CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
        raw = http_request(self.emu.url + "/Bad_Name", method="PUT")
        self.assertEqual(raw.status, 400)
        self.assertIn(b"<Code>InvalidBucketName</Code>", raw.body)
        self.assertNotIn(b"<Error xmlns", raw.body)

    # ---- objects ------------------------------------------------------------------------
    def test_put_get_head_with_metadata_and_checksums(self):
        bucket = self.bucket("objects")
        body = b"hello world\n"
        put = self.s3.put_object(Bucket=bucket, Key="dir/hello.txt", Body=body, ContentType="text/plain",
                                 Metadata={"Owner": "me"}, ChecksumAlgorithm="CRC32")
        self.assertEqual(put["ETag"], '"6f5902ac237024bdd0c176cb93063dc4"')
        self.assertEqual(put["ChecksumCRC32"], "rwg7LQ==")
        got = self.s3.get_object(Bucket=bucket, Key="dir/hello.txt", ChecksumMode="ENABLED")
        self.assertEqual(got["Body"].read(), body)
        self.assertEqual(got["ContentType"], "text/plain")
        self.assertEqual(got["Metadata"], {"owner": "me"})
        self.assertEqual(got["ChecksumCRC32"], "rwg7LQ==")
        self.assertEqual(got["ContentLength"], len(body))
        head = self.s3.head_object(Bucket=bucket, Key="dir/hello.txt")
        self.assertEqual(head["ContentLength"], len(body))
        self.s3.put_object(Bucket=bucket, Key="kept-headers", Body=b"x", ContentEncoding="gzip",
                           CacheControl="max-age=60", ContentDisposition="attachment", ContentLanguage="en")
        kept = self.s3.head_object(Bucket=bucket, Key="kept-headers")
        self.assertEqual((kept["ContentEncoding"], kept["CacheControl"], kept["ContentDisposition"],
                          kept["ContentLanguage"]), ("gzip", "max-age=60", "attachment", "en"))
        self.assertEqual(head["ETag"], put["ETag"])
        self.assertEqual((Path(self.folder.name) / bucket / "dir" / "hello.txt").read_bytes(), body)
        # CRC32C and CRC64NVME need awscrt in botocore: the unit tests and SDK-JS v3 cover them.
        for algorithm, header in (("SHA256", "ChecksumSHA256"), ("SHA1", "ChecksumSHA1")):
            put = self.s3.put_object(Bucket=bucket, Key="sum-" + algorithm, Body=body, ChecksumAlgorithm=algorithm)
            self.assertIn(header, put)
        digest = base64.b64encode(hashlib.md5(b"other").digest()).decode()
        self.s3.put_object(Bucket=bucket, Key="md5", Body=b"other", ContentMD5=digest)

    def test_wrong_checksums_are_refused(self):
        bucket = self.bucket("bad-sums")
        res = http_request(self.emu.url + "/bad-sums/k", method="PUT", body=b"hello",
                           headers={"x-amz-checksum-crc32": "rwg7LQ=="})
        self.assertEqual(res.status, 400)
        self.assertIn(b"<Code>BadDigest</Code>", res.body)
        self.assertIn(b"The CRC32 you specified did not match the calculated checksum.", res.body)
        res = http_request(self.emu.url + "/bad-sums/k", method="PUT", body=b"hello",
                           headers={"Content-MD5": "XUFAKrxLKna5cZ2REBfFkA=="})
        self.assertIn(b"The Content-MD5 you specified did not match what we received.", res.body)
        self.assert_error("404", self.s3.head_object, Bucket=bucket, Key="k")

    def test_ranges(self):
        bucket = self.bucket("ranges")
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"0123456789")
        for header, expected, content_range in (("bytes=2-4", b"234", "bytes 2-4/10"),
                                                ("bytes=7-", b"789", "bytes 7-9/10"),
                                                ("bytes=-2", b"89", "bytes 8-9/10")):
            got = self.s3.get_object(Bucket=bucket, Key="k", Range=header, ChecksumMode="ENABLED")
            self.assertEqual(got["Body"].read(), expected)
            self.assertEqual(got["ContentRange"], content_range)
            self.assertEqual(got["ResponseMetadata"]["HTTPStatusCode"], 206)
        response = self.assert_error("InvalidRange", self.s3.get_object, Bucket=bucket, Key="k", Range="bytes=10-")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 416)

    def test_presigned_links_and_response_overrides(self):
        bucket = self.bucket("presigned")
        self.s3.put_object(Bucket=bucket, Key="a b.txt", Body=b"linked")
        url = self.s3.generate_presigned_url("get_object", Params={
            "Bucket": bucket, "Key": "a b.txt", "ResponseContentType": "text/csv",
            "ResponseContentDisposition": "attachment; filename=x.csv"})
        res = http_request(url)
        self.assertEqual((res.status, res.body), (200, b"linked"))
        self.assertEqual(res.headers["Content-Type"], "text/csv")
        self.assertEqual(res.headers["Content-Disposition"], "attachment; filename=x.csv")
        put = self.s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "up.txt"})
        self.assertEqual(http_request(put, method="PUT", body=b"up").status, 200)
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="up.txt")["Body"].read(), b"up")

    def test_conditional_gets(self):
        bucket = self.bucket("conditions")
        etag = self.s3.put_object(Bucket=bucket, Key="k", Body=b"v")["ETag"]
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k", IfMatch=etag)["Body"].read(), b"v")
        self.assert_error("PreconditionFailed", self.s3.get_object, Bucket=bucket, Key="k", IfMatch='"nope"')
        self.assert_error("304", self.s3.get_object, Bucket=bucket, Key="k", IfNoneMatch=etag)

    def test_conditional_gets_by_date(self):
        bucket = self.bucket("date-conditions")
        etag = self.s3.put_object(Bucket=bucket, Key="k", Body=b"v")["ETag"]
        modified = self.s3.head_object(Bucket=bucket, Key="k")["LastModified"]
        before, later = modified - datetime.timedelta(seconds=5), modified + datetime.timedelta(seconds=5)
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k", IfModifiedSince=before)["Body"].read(), b"v")
        self.assert_error("304", self.s3.get_object, Bucket=bucket, Key="k", IfModifiedSince=modified)
        self.assert_error("304", self.s3.head_object, Bucket=bucket, Key="k", IfModifiedSince=later)
        self.assert_error("PreconditionFailed", self.s3.get_object, Bucket=bucket, Key="k", IfUnmodifiedSince=before)
        self.assert_error("412", self.s3.head_object, Bucket=bucket, Key="k", IfUnmodifiedSince=before)
        # A true If-Match wins over a false If-Unmodified-Since, as S3 documents.
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k", IfMatch=etag,
                                            IfUnmodifiedSince=before)["Body"].read(), b"v")

    def test_conditional_puts_and_deletes(self):
        bucket = self.bucket("conditional-writes")
        etag = self.s3.put_object(Bucket=bucket, Key="lock", Body=b"owner=A", IfNoneMatch="*")["ETag"]
        body = lambda: self.s3.get_object(Bucket=bucket, Key="lock")["Body"].read()  # noqa: E731
        response = self.assert_error("PreconditionFailed", self.s3.put_object, Bucket=bucket, Key="lock",
                                     Body=b"owner=B", IfNoneMatch="*")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 412)
        self.assertEqual(response["Error"]["Condition"], "If-None-Match")
        self.assertEqual(response["Error"]["Message"], "At least one of the pre-conditions you specified did not hold")
        self.assertEqual(body(), b"owner=A")
        wrong = '"00000000000000000000000000000000"'
        response = self.assert_error("PreconditionFailed", self.s3.put_object, Bucket=bucket, Key="lock",
                                     Body=b"owner=C", IfMatch=wrong)
        self.assertEqual(response["Error"]["Condition"], "If-Match")
        self.assertEqual(body(), b"owner=A")
        self.assert_error("NotImplemented", self.s3.put_object, Bucket=bucket, Key="lock", Body=b"x", IfNoneMatch=etag)
        self.assert_error("NoSuchKey", self.s3.put_object, Bucket=bucket, Key="absent", Body=b"x", IfMatch=etag)
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=bucket, Prefix="absent"))
        swapped = self.s3.put_object(Bucket=bucket, Key="lock", Body=b"owner=D", IfMatch=etag)["ETag"]
        self.assertEqual(body(), b"owner=D")
        self.assert_error("PreconditionFailed", self.s3.delete_object, Bucket=bucket, Key="lock", IfMatch=etag)
        self.assertEqual(body(), b"owner=D")
        self.assert_error("NoSuchKey", self.s3.delete_object, Bucket=bucket, Key="absent", IfMatch="*")
        self.s3.delete_object(Bucket=bucket, Key="lock", IfMatch=swapped)
        self.assert_error("404", self.s3.head_object, Bucket=bucket, Key="lock")
        self.assert_error("NoSuchBucket", self.s3.put_object, Bucket="never-made", Key="k", Body=b"", IfMatch=etag)

    def test_conditional_copies(self):
        bucket = self.bucket("conditional-copies")
        etag = self.s3.put_object(Bucket=bucket, Key="src", Body=b"source")["ETag"]
        modified = self.s3.head_object(Bucket=bucket, Key="src")["LastModified"]
        before, later = modified - datetime.timedelta(seconds=5), modified + datetime.timedelta(seconds=5)
        source = {"Bucket": bucket, "Key": "src"}
        for condition, value in (("CopySourceIfMatch", '"0000"'), ("CopySourceIfNoneMatch", etag),
                                 ("CopySourceIfModifiedSince", later), ("CopySourceIfUnmodifiedSince", before)):
            response = self.assert_error("PreconditionFailed", self.s3.copy_object, Bucket=bucket, Key="dst",
                                         CopySource=source, **{condition: value})
            self.assertTrue(response["Error"]["Condition"].startswith("x-amz-copy-source-If-"), response)
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=bucket, Prefix="dst"))
        for condition, value in (("CopySourceIfMatch", etag), ("CopySourceIfNoneMatch", '"0000"'),
                                 ("CopySourceIfModifiedSince", before), ("CopySourceIfUnmodifiedSince", later)):
            self.s3.copy_object(Bucket=bucket, Key="dst", CopySource=source, **{condition: value})
        # The destination's own conditions.
        self.assert_error("PreconditionFailed", self.s3.copy_object, Bucket=bucket, Key="dst", CopySource=source,
                          IfNoneMatch="*")
        self.assert_error("PreconditionFailed", self.s3.copy_object, Bucket=bucket, Key="dst", CopySource=source,
                          IfMatch='"0000"')
        self.s3.copy_object(Bucket=bucket, Key="fresh", CopySource=source, IfNoneMatch="*")

    def test_error_bodies_carry_the_request_ids(self):
        self.bucket("error-ids")
        raw = http_request(self.emu.url + "/error-ids/nope")
        self.assertEqual(raw.status, 404)
        request_id = raw.headers["x-amz-request-id"]
        host_id = raw.headers["x-amz-id-2"]
        self.assertIn(("<Key>nope</Key><RequestId>%s</RequestId><HostId>%s</HostId></Error>"
                       % (request_id, host_id)).encode(), raw.body)
        with self.assertRaises(self.s3.exceptions.NoSuchKey) as ctx:
            self.s3.get_object(Bucket="error-ids", Key="nope")
        metadata = ctx.exception.response["ResponseMetadata"]
        self.assertEqual(len(metadata["RequestId"]), 16)
        self.assertNotIn("RequestId", ctx.exception.response["Error"])

    def test_missing_things(self):
        self.bucket("missing")
        self.assert_error("NoSuchBucket", self.s3.get_object, Bucket="never-made", Key="k")
        self.assert_error("NoSuchBucket", self.s3.put_object, Bucket="never-made", Key="k", Body=b"")
        self.assert_error("NoSuchBucket", self.s3.list_objects_v2, Bucket="never-made")
        with self.assertRaises(self.s3.exceptions.NoSuchKey):
            self.s3.get_object(Bucket="missing", Key="k")
        self.assert_error("404", self.s3.head_object, Bucket="missing", Key="k")
        self.s3.delete_object(Bucket="missing", Key="never-there")  # S3 answers 204 all the same

    def test_keys_with_any_characters_round_trip_and_stay_inside(self):
        bucket = self.bucket("odd-keys")
        keys = ["with space.txt", "plus+sign", "ünïcødé/日本.txt", "percent%20literal", "a&b<c>'\"", "q?x=1#frag",
                "tilde~/star*"]
        for key in keys:
            self.s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
            self.assertEqual(self.s3.get_object(Bucket=bucket, Key=key)["Body"].read(), key.encode(), key)
        listed = [o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket)["Contents"]]
        self.assertEqual(listed, sorted(keys, key=lambda k: k.encode()))
        listed_v1 = [o["Key"] for o in self.s3.list_objects(Bucket=bucket)["Contents"]]
        self.assertEqual(listed_v1, listed)
        for key in ("a/../../escaped", "../escaped", "dir/"):
            self.assert_error("InvalidArgument", self.s3.put_object, Bucket=bucket, Key=key, Body=b"x")
        self.assertFalse((Path(self.folder.name) / "escaped").exists())
        self.assertFalse((Path(self.folder.name).parent / "escaped").exists())

    def test_copy_object(self):
        bucket = self.bucket("copies")
        self.s3.put_object(Bucket=bucket, Key="src file", Body=b"hello world\n", ContentType="text/plain",
                           Metadata={"a": "1"})
        copied = self.s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src file"})
        self.assertEqual(copied["CopyObjectResult"]["ETag"], '"6f5902ac237024bdd0c176cb93063dc4"')
        head = self.s3.head_object(Bucket=bucket, Key="dst")
        self.assertEqual((head["ContentType"], head["Metadata"]), ("text/plain", {"a": "1"}))
        self.s3.copy_object(Bucket=bucket, Key="dst", CopySource=bucket + "/src file", MetadataDirective="REPLACE",
                            ContentType="application/json", Metadata={"b": "2"})
        head = self.s3.head_object(Bucket=bucket, Key="dst")
        self.assertEqual((head["ContentType"], head["Metadata"]), ("application/json", {"b": "2"}))
        self.assert_error("InvalidRequest", self.s3.copy_object, Bucket=bucket, Key="dst",
                          CopySource={"Bucket": bucket, "Key": "dst"})
        self.assert_error("NoSuchKey", self.s3.copy_object, Bucket=bucket, Key="x",
                          CopySource={"Bucket": bucket, "Key": "nope"})

    def test_delete_objects(self):
        bucket = self.bucket("deletes")
        for key in ("a", "b", "c d"):
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")
        result = self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "c d"},
                                                                           {"Key": "never"}]})
        self.assertEqual(sorted(d["Key"] for d in result["Deleted"]), ["a", "c d", "never"])
        quiet = self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "b"}], "Quiet": True})
        self.assertNotIn("Deleted", quiet)
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=bucket))

    # ---- listings -----------------------------------------------------------------------
    def test_list_objects_v2_pages_prefixes_and_delimiters(self):
        bucket = self.bucket("listing")
        keys = ["a.txt", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/my pic.jpg", "zz"]
        for key in keys:
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")
        page = self.s3.list_objects_v2(Bucket=bucket, Prefix="photos/", Delimiter="/")
        self.assertEqual([o["Key"] for o in page["Contents"]], ["photos/my pic.jpg"])
        self.assertEqual([p["Prefix"] for p in page["CommonPrefixes"]], ["photos/2023/", "photos/2024/"])
        self.assertEqual(page["KeyCount"], 3)
        pages = list(self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2}))
        self.assertEqual(len(pages), 3)
        self.assertEqual([o["Key"] for p in pages for o in p["Contents"]], keys)
        self.assertTrue(pages[0]["IsTruncated"])
        self.assertFalse(pages[-1]["IsTruncated"])
        self.assertNotIn("NextContinuationToken", pages[-1])
        after = self.s3.list_objects_v2(Bucket=bucket, StartAfter="photos/2024/c.jpg")
        self.assertEqual([o["Key"] for o in after["Contents"]], ["photos/my pic.jpg", "zz"])
        self.assertEqual(after["StartAfter"], "photos/2024/c.jpg")
        v1 = list(self.s3.get_paginator("list_objects").paginate(Bucket=bucket, PaginationConfig={"PageSize": 4}))
        self.assertEqual([o["Key"] for p in v1 for o in p["Contents"]], keys)
        self.assert_error("InvalidArgument", self.s3.list_objects_v2, Bucket=bucket, ContinuationToken="not-a-token")
        # max-keys=0 is an empty page that is not truncated, so a paginator stops after it.
        none = self.s3.list_objects_v2(Bucket=bucket, MaxKeys=0)
        self.assertEqual((none["KeyCount"], none["IsTruncated"]), (0, False))
        self.assertNotIn("NextContinuationToken", none)
        self.assertFalse(self.s3.list_objects(Bucket=bucket, MaxKeys=0)["IsTruncated"])
        obj = self.s3.list_objects_v2(Bucket=bucket, Prefix="zz")["Contents"][0]
        self.assertEqual((obj["Size"], obj["ETag"], obj["StorageClass"]),
                         (1, '"9dd4e461268c8034f5c8564e155c67a6"', "STANDARD"))

    # ---- addressing and the front door --------------------------------------------------
    def test_virtual_host_addressing(self):
        resolve_localhost_names()
        port = self.emu.url.rsplit(":", 1)[1]
        virtual = s3_client("http://s3.localhost:%s" % port, s3={"addressing_style": "virtual"})
        virtual.create_bucket(Bucket="virtual-host")
        virtual.put_object(Bucket="virtual-host", Key="dir/x.txt", Body=b"by host")
        self.assertEqual(self.s3.get_object(Bucket="virtual-host", Key="dir/x.txt")["Body"].read(), b"by host")
        self.assertIn("virtual-host", [b["Name"] for b in virtual.list_buckets()["Buckets"]])
        self.assertEqual([o["Key"] for o in virtual.list_objects_v2(Bucket="virtual-host")["Contents"]],
                         ["dir/x.txt"])
        raw = http_request(self.emu.url + "/dir/x.txt", headers={"Host": "virtual-host.localhost:" + port})
        self.assertEqual(raw.body, b"by host")

    def test_unserved_subresources_and_methods(self):
        self.bucket("unserved")
        self.assert_error("NotImplemented", self.s3.get_bucket_tagging, Bucket="unserved")
        res = http_request(self.emu.url + "/", method="DELETE")
        self.assertEqual(res.status, 405)
        self.assertIn(b"<Code>MethodNotAllowed</Code>", res.body)
        self.assertTrue(res.headers.get("x-amz-request-id"))

    def test_health_lists_s3(self):
        self.assertIn("s3", self.emu.health()["services"])


if __name__ == "__main__":
    unittest.main()
