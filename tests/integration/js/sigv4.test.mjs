// Signature checking (--auth sigv4) through the AWS SDK for JavaScript v3, run by Node's
// built-in test runner (run.sh sigv4.test.mjs). SDK-JS signs more headers than botocore
// (x-amz-content-sha256, amz-sdk-*, x-amz-user-agent) and streams S3 bodies as aws-chunked with
// a trailing checksum: every service on the port must accept its signatures made with the
// configured secret or with the session AssumeRole issued, and refuse a wrong secret, another
// session's token, each with the error its protocol gives (wire-protocols.md §2.6).

import { Readable } from "node:stream";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { CloudWatchClient, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ListTrainingJobsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

import { Emulator, REGION } from "./emulator.mjs";

const KEY = "AKIDJSSIGV4TEST";
const SECRET = "js/secret+key/0123456789abcdefghijklmnop";
const ROLE_ARN = "arn:aws:iam::210987654321:role/js-demo";

// Each service's cheapest call through its own client.
const CALLS = {
  sagemaker: (config) => new SageMakerClient(config).send(new ListTrainingJobsCommand({})),
  logs: (config) => new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({})),
  cloudwatch: (config) => new CloudWatchClient(config).send(new ListMetricsCommand({})),
  sts: (config) => new STSClient(config).send(new GetCallerIdentityCommand({})),
  s3: (config) => new S3Client({ ...config, forcePathStyle: true }).send(new GetObjectCommand({ Bucket: "js-signed", Key: "k" })),
};

async function refusal(call) {
  try {
    await call();
  } catch (err) {
    return [err.name, err.$metadata?.httpStatusCode];
  }
  assert.fail("the call was accepted");
}

describe("signatures of SDK-JS v3 (--auth sigv4)", () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "amt-js-sigv4-"));
  const credentials = path.join(folder, "credentials");
  writeFileSync(credentials, `[default]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
  const emu = new Emulator(["--clock", "manual", "--auth", "sigv4", "--credentials", credentials]);
  const config = (creds) => ({ region: REGION, endpoint: emu.url, credentials: creds, maxAttempts: 1 });
  const configured = () => config({ accessKeyId: KEY, secretAccessKey: SECRET });

  before(async () => {
    await emu.start();
  });

  after(async () => {
    await emu.stop();
    emu.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  test("every service accepts the configured secret, S3 streams included", async () => {
    const s3 = new S3Client({ ...configured(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "js-signed" }));
    const text = "signed by SDK-JS\n".repeat(4096);
    await s3.send(new PutObjectCommand({ Bucket: "js-signed", Key: "k", Body: Readable.from([Buffer.from(text)]),
                                         ContentLength: text.length }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "js-signed", Key: "k" }));
    assert.equal(await got.Body.transformToString(), text);
    await new CloudWatchLogsClient(configured()).send(new CreateLogGroupCommand({ logGroupName: "/js/signed" }));
    for (const [service, call] of Object.entries(CALLS)) {
      await assert.doesNotReject(call(configured()), service);
    }
  });

  test("a wrong secret gets each protocol's error", async () => {
    const wrong = config({ accessKeyId: KEY, secretAccessKey: "not-the-secret" });
    const expected = {
      sagemaker: ["InvalidSignatureException", 400],
      logs: ["InvalidSignatureException", 400],
      cloudwatch: ["SignatureDoesNotMatch", 400],  // JSON 1.0: a 400, with the query code
      sts: ["SignatureDoesNotMatch", 403],
      s3: ["SignatureDoesNotMatch", 403],
    };
    for (const [service, call] of Object.entries(CALLS)) {
      assert.deepEqual(await refusal(() => call(wrong)), expected[service], service);
    }
  });

  test("an assumed role signs with its secret and its own session token", async () => {
    const sts = new STSClient(configured());
    const issued = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "js" }))).Credentials;
    const other = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "other" }))).Credentials;
    const session = config({
      accessKeyId: issued.AccessKeyId,
      secretAccessKey: issued.SecretAccessKey,
      sessionToken: issued.SessionToken,
    });
    const identity = await new STSClient(session).send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, "210987654321");
    assert.match(identity.Arn, /:assumed-role\/js-demo\/js$/);
    for (const [service, call] of Object.entries(CALLS)) {
      await assert.doesNotReject(call(session), service);
    }
    const borrowed = config({ ...session.credentials, sessionToken: other.SessionToken });
    assert.deepEqual(await refusal(() => CALLS.sagemaker(borrowed)), ["UnrecognizedClientException", 400]);
    assert.deepEqual(await refusal(() => CALLS.s3(borrowed)), ["InvalidToken", 400]);
  });
});
