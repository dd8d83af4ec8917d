// S3 through the AWS SDK for JavaScript v3 (@aws-sdk/client-s3, forcePathStyle), run by Node's
// built-in test runner: buckets, objects with the checksums SDK-JS sends (CRC32 by default,
// CRC32C and CRC64NVME when asked, aws-chunked streams with a trailing checksum over http),
// ranges, listings, copies, multipart uploads (and their parts read back by partNumber),
// conditional writes, and S3's errors as modeled exceptions.

import { Readable } from "node:stream";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";

import { Emulator } from "./emulator.mjs";

const BUCKET = "js-bucket";
const MIB = 1024 * 1024;

describe("S3 through @aws-sdk/client-s3", () => {
  const store = mkdtempSync(path.join(os.tmpdir(), "amt-js-s3-"));
  const emu = new Emulator(["--s3-dir", store]);
  let s3;

  before(async () => {
    await emu.start();
    s3 = new S3Client({ ...emu.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  after(async () => {
    await emu.stop();
    emu.cleanup();
  });

  test("buckets are listed and headed", async () => {
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.ok(listed.Buckets.some((b) => b.Name === BUCKET));
    const head = await s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    assert.equal(head.BucketRegion, "us-east-1");
    assert.ok(existsSync(path.join(store, BUCKET)));
  });

  test("objects round-trip with each checksum the SDK sends", async () => {
    const body = "hello world\n";
    const plain = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "dir/hello world.txt", Body: body,
      ContentType: "text/plain", Metadata: { owner: "me" } }));
    assert.equal(plain.ETag, '"6f5902ac237024bdd0c176cb93063dc4"');
    for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]) {
      const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `sum/${algorithm}`, Body: body,
        ChecksumAlgorithm: algorithm }));
      assert.ok(put[`Checksum${algorithm}`], `${algorithm}: ${JSON.stringify(put)}`);
    }
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "sum/CRC64NVME", ChecksumMode: "ENABLED" }));
    assert.equal(await got.Body.transformToString(), body);
    assert.equal(got.ChecksumCRC64NVME, "D3gOhIHSoh8=");
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "dir/hello world.txt" }));
    assert.equal(head.ContentType, "text/plain");
    assert.deepEqual(head.Metadata, { owner: "me" });
    assert.equal(head.ContentLength, 12);
    assert.equal(readFileSync(path.join(store, BUCKET, "dir", "hello world.txt"), "utf8"), body);
  });

  test("a stream body goes aws-chunked with a trailing checksum", async () => {
    const data = Buffer.alloc(300_000, 7);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "streamed", Body: Readable.from([data]),
      ContentLength: data.length, ChecksumAlgorithm: "CRC64NVME" }));
    assert.equal(put.ETag, `"${createHash("md5").update(data).digest("hex")}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "streamed" }));
    assert.ok(Buffer.from(await got.Body.transformToByteArray()).equals(data));
  });

  test("ranges, listings, copies and deletes", async () => {
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "dir/hello world.txt", Range: "bytes=0-4" }));
    assert.equal(await part.Body.transformToString(), "hello");
    assert.equal(part.ContentRange, "bytes 0-4/12");
    const top = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/" }));
    assert.deepEqual(top.CommonPrefixes.map((p) => p.Prefix).sort(), ["dir/", "sum/"]);
    const keys = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: BUCKET, Prefix: "sum/" })) {
      keys.push(...page.Contents.map((o) => o.Key));
    }
    assert.deepEqual(keys, ["sum/CRC32", "sum/CRC32C", "sum/CRC64NVME", "sum/SHA1", "sum/SHA256"]);
    await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: "copy", CopySource: `${BUCKET}/dir/hello%20world.txt` }));
    const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: BUCKET,
      Delete: { Objects: [{ Key: "copy" }, { Key: "sum/SHA1" }] } }));
    assert.deepEqual(deleted.Deleted.map((d) => d.Key).sort(), ["copy", "sum/SHA1"]);
  });

  test("multipart upload", async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "multi" }));
    const parts = [Buffer.alloc(5 * MIB, 1), Buffer.alloc(1000, 2)];
    const etags = [];
    for (const [i, body] of parts.entries()) {
      const up = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: "multi", UploadId, PartNumber: i + 1, Body: body }));
      etags.push(up.ETag);
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: "multi", UploadId,
      MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) } }));
    const md5s = parts.map((p) => createHash("md5").update(p).digest());
    assert.equal(done.ETag, `"${createHash("md5").update(Buffer.concat(md5s)).digest("hex")}-2"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "multi" }));
    assert.equal(head.ContentLength, 5 * MIB + 1000);
    const second = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "multi", PartNumber: 2 }));
    assert.equal(second.$metadata.httpStatusCode, 206);
    assert.equal(second.PartsCount, 2);
    assert.equal(second.ContentRange, `bytes ${5 * MIB}-${5 * MIB + 999}/${5 * MIB + 1000}`);
    assert.deepEqual(Buffer.from(await second.Body.transformToByteArray()), parts[1]);
  });

  test("conditional writes refuse and change nothing", async () => {
    const failed = (condition) => (err) =>
      err.name === "PreconditionFailed" && err.$metadata.httpStatusCode === 412 && err.Condition === condition;
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "lock", Body: "A", IfNoneMatch: "*" }));
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "lock", Body: "B", IfNoneMatch: "*" })),
      failed("If-None-Match"));
    await assert.rejects(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "lock", Body: "C", IfMatch: '"0000"' })),
      failed("If-Match"));
    await assert.rejects(s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "lock", IfMatch: '"0000"' })),
      failed("If-Match"));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "lock" }));
    assert.equal(await got.Body.transformToString(), "A");
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "lock", Body: "D", IfMatch: ETag }));
    const swapped = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "lock" }));
    assert.equal(await swapped.Body.transformToString(), "D");
  });

  test("errors are S3's modeled exceptions", async () => {
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "missing" })), NoSuchKey);
    await assert.rejects(s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" })), NoSuchBucket);
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "missing" })),
      (err) => err.$metadata.httpStatusCode === 404);
  });
});
