// The user story of issue 2 (AWS's blog post on AMT training-instance fallbacks) through the
// AWS SDK for JavaScript v3 (@aws-sdk/client-sagemaker), run by Node's built-in test runner:
//
//   node --test seed_flow.test.mjs        (tests/integration/js/run.sh installs the SDK first)
//
// One amt-emulator process (instant clock; emulator.mjs starts and stops it). The tuning request
// is the AWS CLI test's fixture, tests/integration/cli/blog-tuning-job.json, with another name.

import { readFileSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  CreateHyperParameterTuningJobCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  ResourceNotFound,
  SageMakerClient,
  SageMakerServiceException,
  paginateListTrainingJobsForHyperParameterTuningJob,
} from "@aws-sdk/client-sagemaker";

import { Emulator as EmulatorProcess, REPO_ROOT, sleep } from "./emulator.mjs";

const FIXTURE = path.join(REPO_ROOT, "tests", "integration", "cli", "blog-tuning-job.json");

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const PREFERRED = "ml.m4.xlarge";
const FALLBACK = "ml.m5.4xlarge";
const EXPECTED_CHILDREN = 10;
const OBJECTIVE = "validation:rmse";
const TERMINAL = new Set(["Completed", "Failed", "Stopped"]);

function blogRequest(name) {
  const request = JSON.parse(readFileSync(FIXTURE, "utf8"));
  request.HyperParameterTuningJobName = name;
  return request;
}

function childPattern(tuningName) {
  return new RegExp(`^${tuningName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{3}-[0-9a-f]{8}$`);
}

/** The emulator with a SageMaker client on it. */
class Emulator extends EmulatorProcess {
  client() {
    return new SageMakerClient({
      region: REGION,
      endpoint: this.url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "amt-emulator-dummy-secret" },
      maxAttempts: 1,
    });
  }
}

function assertDate(value, where) {
  assert.ok(value instanceof Date, `${where} is ${typeof value} ${JSON.stringify(value)}, not a Date`);
  assert.ok(!Number.isNaN(value.getTime()), `${where} is an invalid Date`);
  assert.equal(value.getUTCFullYear(), 2026, `${where} = ${value.toISOString()} is not in 2026`);
}

function assertRequestId(output, where) {
  const id = output.$metadata?.requestId;
  assert.equal(typeof id, "string", `${where}: $metadata.requestId missing`);
  assert.match(id, /^[0-9A-Za-z-]{8,}$/, `${where}: $metadata.requestId ${id}`);
}

async function waitUntilTerminal(client, name, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const desc = await client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
    if (TERMINAL.has(desc.HyperParameterTuningJobStatus)) return desc;
    assert.ok(Date.now() < deadline, `${name} still ${desc.HyperParameterTuningJobStatus} after ${timeoutMs} ms`);
    await sleep(20);
  }
}

async function collectPages(client, name, pageSize = 3) {
  const pages = [];
  const paginator = paginateListTrainingJobsForHyperParameterTuningJob(
    { client, pageSize },
    { HyperParameterTuningJobName: name },
  );
  for await (const page of paginator) {
    pages.push(page);
    assert.ok(pages.length <= 50, `more than 50 pages of children for ${name}`);
  }
  return pages;
}

/** Creates the blog tuning job under `name`, runs it to its end and checks everything the
 * story promises; the children should all run on `expectedInstance`. */
function seedFlowSuite(title, name, expectedInstance, prepare) {
  describe(title, () => {
    let emu;
    let client;
    let created;
    let tuning;
    let pages;
    let children;

    before(async () => {
      emu = await new Emulator(["--clock", "instant"]).start();
      client = emu.client();
      try {
        if (prepare) await prepare(emu);
        created = await client.send(new CreateHyperParameterTuningJobCommand(blogRequest(name)));
        tuning = await waitUntilTerminal(client, name);
        pages = await collectPages(client, name);
        children = pages.flatMap((p) => p.TrainingJobSummaries.map((s) => s.TrainingJobName));
      } catch (err) {
        console.error(emu.logTail());
        throw err;
      }
    });

    after(async () => {
      if (client) client.destroy();
      if (emu) {
        const code = await emu.stop();
        emu.cleanup();
        assert.equal(code, 0, `amt-emulator exited with ${code} on SIGTERM`);
      }
    });

    test("CreateHyperParameterTuningJob returns the ARN and a request id", () => {
      assert.equal(created.HyperParameterTuningJobArn,
        `arn:aws:sagemaker:${REGION}:${ACCOUNT}:hyper-parameter-tuning-job/${name}`);
      assert.equal(created.$metadata.httpStatusCode, 200);
      assertRequestId(created, "create");
    });

    test("DescribeHyperParameterTuningJob: Completed, counters, best job, Date timestamps", () => {
      assert.equal(tuning.HyperParameterTuningJobStatus, "Completed", tuning.FailureReason);
      assert.equal(tuning.HyperParameterTuningJobArn, created.HyperParameterTuningJobArn);
      assert.deepEqual(tuning.TrainingJobStatusCounters, {
        Completed: EXPECTED_CHILDREN, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0,
      });
      assert.deepEqual(tuning.ObjectiveStatusCounters, { Succeeded: EXPECTED_CHILDREN, Pending: 0, Failed: 0 });
      assert.deepEqual(tuning.HyperParameterTuningJobConfig.ResourceLimits,
        { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 5 });
      assert.deepEqual(
        tuning.TrainingJobDefinition.HyperParameterTuningResourceConfig.InstanceConfigs.map((c) => c.InstanceType),
        [PREFERRED, FALLBACK]);
      assertDate(tuning.CreationTime, "CreationTime");
      assertDate(tuning.HyperParameterTuningEndTime, "HyperParameterTuningEndTime");
      assertDate(tuning.LastModifiedTime, "LastModifiedTime");
      assert.ok(tuning.HyperParameterTuningEndTime >= tuning.CreationTime);
      const best = tuning.BestTrainingJob;
      assert.ok(best, "no BestTrainingJob");
      assert.match(best.TrainingJobName, childPattern(name));
      assert.equal(best.ObjectiveStatus, "Succeeded");
      assert.equal(best.FinalHyperParameterTuningJobObjectiveMetric.MetricName, OBJECTIVE);
      assert.equal(typeof best.FinalHyperParameterTuningJobObjectiveMetric.Value, "number");
      assertDate(best.CreationTime, "BestTrainingJob.CreationTime");
      assertDate(best.TrainingEndTime, "BestTrainingJob.TrainingEndTime");
      assertRequestId(tuning, "describe tuning job");
    });

    test("paginateListTrainingJobsForHyperParameterTuningJob walks every child, 3 a page", () => {
      assert.ok(pages.length >= Math.ceil(EXPECTED_CHILDREN / 3), `${pages.length} pages`);
      for (const page of pages) {
        assert.ok(page.TrainingJobSummaries.length <= 3, `page of ${page.TrainingJobSummaries.length}`);
        assertRequestId(page, "list page");
      }
      const tokens = pages.slice(0, -1).map((p) => p.NextToken);
      assert.ok(tokens.every((t) => typeof t === "string" && t.length > 0), "a middle page without NextToken");
      assert.equal(new Set(tokens).size, tokens.length, "NextToken repeated");
      assert.equal(pages.at(-1).NextToken, undefined, "the last page carries a NextToken");
      assert.equal(children.length, EXPECTED_CHILDREN);
      assert.equal(new Set(children).size, EXPECTED_CHILDREN, "a child appears twice");
      for (const summary of pages.flatMap((p) => p.TrainingJobSummaries)) {
        assert.match(summary.TrainingJobName, childPattern(name));
        assert.equal(summary.TuningJobName, name);
        assert.equal(summary.TrainingJobStatus, "Completed");
        assert.deepEqual(Object.keys(summary.TunedHyperParameters).sort(), ["eta", "max_depth"]);
        assertDate(summary.CreationTime, `${summary.TrainingJobName} CreationTime`);
        assertDate(summary.TrainingStartTime, `${summary.TrainingJobName} TrainingStartTime`);
        assertDate(summary.TrainingEndTime, `${summary.TrainingJobName} TrainingEndTime`);
      }
    });

    test(`DescribeTrainingJob: every child Completed on ${expectedInstance}`, async () => {
      for (const child of children) {
        const d = await client.send(new DescribeTrainingJobCommand({ TrainingJobName: child }));
        assertRequestId(d, child);
        assert.equal(d.TrainingJobName, child);
        assert.equal(d.TrainingJobStatus, "Completed", `${child}: ${d.FailureReason}`);
        assert.equal(d.SecondaryStatus, "Completed");
        assert.equal(d.ResourceConfig.InstanceType, expectedInstance, child);
        assert.equal(d.ResourceConfig.InstanceCount, 1);
        assert.equal(d.TuningJobArn, created.HyperParameterTuningJobArn);
        assert.equal(d.HyperParameters._tuning_objective_metric, OBJECTIVE);
        assert.equal(d.ModelArtifacts.S3ModelArtifacts, `s3://bucket/output/${child}/output/model.tar.gz`);
        assert.ok(Number.isInteger(d.TrainingTimeInSeconds) && d.TrainingTimeInSeconds > 0);
        for (const key of ["CreationTime", "TrainingStartTime", "TrainingEndTime", "LastModifiedTime"]) {
          assertDate(d[key], `${child} ${key}`);
        }
        assert.ok(d.CreationTime <= d.TrainingStartTime && d.TrainingStartTime <= d.TrainingEndTime);
        assert.equal(d.SecondaryStatusTransitions.at(-1).Status, "Completed");
        d.SecondaryStatusTransitions.forEach((t, i) => {
          assertDate(t.StartTime, `${child} transition ${i} StartTime`);
          if (t.EndTime !== undefined) assertDate(t.EndTime, `${child} transition ${i} EndTime`);
        });
        for (const metric of d.FinalMetricDataList ?? []) {
          assertDate(metric.Timestamp, `${child} metric ${metric.MetricName} Timestamp`);
          assert.equal(typeof metric.Value, "number");
        }
      }
    });
  });
}

seedFlowSuite("seed flow with plenty of capacity", "js-blog-plenty", PREFERRED);

seedFlowSuite("seed flow with ml.m4.xlarge at capacity 0 (fallback)", "js-blog-fallback", FALLBACK,
  async (emu) => {
    const doc = await emu.control("PUT", "/_emulator/capacity",
      { pools: [{ instanceType: PREFERRED, capacity: 0 }] });
    const pools = doc.pools.filter((p) => p.instanceType === PREFERRED);
    assert.ok(pools.length > 0);
    for (const p of pools) assert.deepEqual([p.capacity, p.available], [0, 0]);
  });

describe("errors as SDK-JS v3 exceptions", () => {
  let emu;
  let client;

  before(async () => {
    emu = await new Emulator(["--clock", "instant"]).start();
    client = emu.client();
  });

  after(async () => {
    if (client) client.destroy();
    if (emu) {
      await emu.stop();
      emu.cleanup();
    }
  });

  test("a missing tuning job is ResourceNotFound", async () => {
    await assert.rejects(
      client.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "no-such-tuning-job" })),
      (err) => {
        assert.equal(err.name, "ResourceNotFound");
        assert.ok(err instanceof ResourceNotFound, "not the modeled ResourceNotFound class");
        assert.ok(err instanceof SageMakerServiceException);
        assert.equal(err.$fault, "client");
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.equal(err.$metadata.attempts, 1, "a ResourceNotFound was retried");
        assertRequestId(err, "ResourceNotFound");
        assert.equal(err.message,
          "Amazon SageMaker can't find a tuning job called no-such-tuning-job. Type another name.");
        return true;
      });
  });

  test("a missing training job is ValidationException", async () => {
    await assert.rejects(
      client.send(new DescribeTrainingJobCommand({ TrainingJobName: "no-such-training-job" })),
      (err) => {
        assert.equal(err.name, "ValidationException");
        assert.ok(!(err instanceof ResourceNotFound));
        assert.ok(err instanceof SageMakerServiceException);
        assert.equal(err.$fault, "client");
        assert.equal(err.$metadata.httpStatusCode, 400);
        assertRequestId(err, "ValidationException");
        assert.equal(err.message, "Requested resource not found.");
        return true;
      });
  });
});
