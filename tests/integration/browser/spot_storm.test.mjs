// The Gantt's other marks, against the spot-storm scenario (seed 3): a managed-spot tuning
// job on ml.p3.2xlarge with early stopping meets the storm, so children are interrupted
// (and resume), early-stopped and reuse warm pools. Each child's row must carry one mark per
// such event of its timeline, the status the API reports, and the page must log no error.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { Emulator, REPO_ROOT } from "../js/emulator.mjs";
import { openBrowser, openPage, screenshot } from "./browser.mjs";

const SCENARIO = path.join(REPO_ROOT, "fixtures", "scenarios", "spot-storm.json");
const REQUEST = path.join(REPO_ROOT, "tests", "integration", "cli", "blog-tuning-job.json");
const JOB = "ui-storm";
const MARKED = ["interrupted", "early-stopped", "reused", "ice", "fell-back", "waiting"];

function stormRequest() {
  const request = JSON.parse(readFileSync(REQUEST, "utf8"));
  request.HyperParameterTuningJobName = JOB;
  const config = request.HyperParameterTuningJobConfig;
  config.ResourceLimits = { MaxNumberOfTrainingJobs: 6, MaxParallelTrainingJobs: 3 };
  config.TrainingJobEarlyStoppingType = "Auto";
  const definition = request.TrainingJobDefinition;
  definition.EnableManagedSpotTraining = true;
  definition.StoppingCondition = { MaxRuntimeInSeconds: 86400, MaxWaitTimeInSeconds: 172800 };
  definition.CheckpointConfig = { S3Uri: `s3://bucket/checkpoints/${JOB}` };
  definition.StaticHyperParameters.num_round = "10000"; // hours of training: it meets the storm
  definition.HyperParameterTuningResourceConfig.InstanceConfigs = [
    { InstanceType: "ml.p3.2xlarge", InstanceCount: 1, VolumeSizeInGB: 5 }];
  return request;
}

describe("the Gantt of a managed-spot tuning job in a spot storm", () => {
  let emu;
  let browser;
  let page;
  let problems;

  before(async () => {
    emu = await new Emulator(["--clock", "manual", "--seed", "3", "--scenario", SCENARIO]).start();
    await emu.sagemaker("CreateHyperParameterTuningJob", stormRequest());
    for (let i = 0; i < 100; i++) {
      const tuning = await emu.sagemaker("DescribeHyperParameterTuningJob", { HyperParameterTuningJobName: JOB });
      if (tuning.HyperParameterTuningJobStatus !== "InProgress") break;
      await emu.control("POST", "/_emulator/clock", { advanceSeconds: 900 });
    }
    browser = await openBrowser();
    ({ page, problems } = await openPage(browser));
    await page.goto(`${emu.url}/_emulator/ui#job/${JOB}`, { waitUntil: "load" });
  });

  after(async () => {
    if (browser) await browser.close();
    if (emu) {
      await emu.stop();
      emu.cleanup();
    }
  });

  test("every interruption, early stop and reuse of the timeline is a mark on its child's row", async () => {
    const list = await emu.sagemaker("ListTrainingJobsForHyperParameterTuningJob", { HyperParameterTuningJobName: JOB });
    const kids = list.TrainingJobSummaries;
    await page.waitForFunction((n) => document.querySelectorAll(".gantt-row").length === n, { timeout: 15_000 }, kids.length);
    const { events } = await emu.control("GET", `/_emulator/events?tuningJob=${JOB}&maxResults=10000`);
    const totals = Object.fromEntries(MARKED.map((t) => [t, 0]));
    for (const kid of kids) {
      const row = `.gantt-row[data-training-job="${kid.TrainingJobName}"]`;
      assert.equal(await page.$eval(row, (el) => el.dataset.status), kid.TrainingJobStatus);
      for (const type of MARKED) {
        const want = events.filter((e) => e.trainingJob === kid.TrainingJobName && e.type === type).length;
        assert.equal((await page.$$(`${row} .mark-${type}`)).length, want, `${kid.TrainingJobName} ${type}`);
        totals[type] += want;
      }
      assert.equal((await page.$$(`${row} .mark-failed`)).length, kid.TrainingJobStatus === "Failed" ? 1 : 0);
    }
    assert.ok(totals.interrupted > 0, "the storm interrupted no child");
    assert.ok(totals["early-stopped"] > 0, "no child was early-stopped");
    // Early-stopped children are squares in the convergence chart.
    const stopped = kids.filter((k) => k.TrainingJobStatus === "Stopped" && k.FinalHyperParameterTuningJobObjectiveMetric);
    assert.equal((await page.$$("rect.objective-point.stopped")).length, stopped.length);
    await screenshot(page, "job-spot-storm");
  });

  test("no console error, uncaught exception or failed request", () => {
    assert.deepEqual(problems, []);
  });
});
