// The dashboard (GET /_emulator/ui) in headless Chromium against a running emulator with the
// blog-fallback scenario (ml.m4.xlarge has no capacity, so every child is answered ICE and
// falls back to ml.m5.4xlarge): what the page shows must match the SageMaker API and the
// control plane, every control must make exactly the change the API then reports, and the
// page must log no console error and make no failed request. Screenshots of every view go to
// $AMT_SCREENSHOT_DIR (run.sh: build/screenshots).
//
//   tests/integration/browser/run.sh        (installs puppeteer-core first; ctest: browser_dashboard)

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { Emulator, REPO_ROOT } from "../js/emulator.mjs";
import { openBrowser, openPage, screenshot, setValue } from "./browser.mjs";

const SCENARIO = path.join(REPO_ROOT, "fixtures", "scenarios", "blog-fallback.json");
const REQUEST = path.join(REPO_ROOT, "tests", "integration", "cli", "blog-tuning-job.json");
const CATALOG = path.join(REPO_ROOT, "fixtures", "catalog", "instance-types.json");
const JOB = "ui-blog";
const PREFERRED = "ml.m4.xlarge";
const FALLBACK = "ml.m5.4xlarge";
const WAIT = { timeout: 15_000, polling: 100 };

const prices = new Map(JSON.parse(readFileSync(CATALOG, "utf8")).instanceTypes.map((t) => [t.name, t.pricePerHour]));

async function children(emu) {
  const list = await emu.sagemaker("ListTrainingJobsForHyperParameterTuningJob", { HyperParameterTuningJobName: JOB, MaxResults: 100 });
  assert.equal(list.NextToken, undefined);
  return Promise.all(list.TrainingJobSummaries.map((s) => emu.sagemaker("DescribeTrainingJob", { TrainingJobName: s.TrainingJobName })));
}

async function allEvents(emu, filters) {
  const doc = await emu.control("GET", "/_emulator/events?" + new URLSearchParams({ ...filters, maxResults: 10000 }));
  assert.equal(doc.nextToken, undefined);
  return doc.events;
}

describe("the dashboard against the blog-fallback scenario", () => {
  let emu;
  let browser;
  let page;
  let problems;

  const show = async (hash) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
  };
  const text = (selector) => page.$eval(selector, (el) => el.textContent.trim());
  const waitUntil = (fn, ...args) => page.waitForFunction(fn, WAIT, ...args);

  before(async () => {
    emu = await new Emulator(["--clock", "manual", "--scenario", SCENARIO]).start();
    const request = JSON.parse(readFileSync(REQUEST, "utf8"));
    request.HyperParameterTuningJobName = JOB;
    await emu.sagemaker("CreateHyperParameterTuningJob", request);
    await emu.control("POST", "/_emulator/clock", { advanceSeconds: 200 });
    browser = await openBrowser();
    ({ page, problems } = await openPage(browser));
    await page.goto(`${emu.url}/_emulator/ui`, { waitUntil: "load" });
  });

  after(async () => {
    if (browser) await browser.close();
    if (emu) {
      const code = await emu.stop();
      emu.cleanup();
      assert.equal(code, 0, `amt-emulator exited with ${code} on SIGTERM`);
    }
  });

  test("the jobs view lists the running tuning job as the API describes it", async () => {
    await waitUntil((job) => document.querySelector(`tr[data-tuning-job="${job}"]`), JOB);
    const described = await emu.sagemaker("DescribeHyperParameterTuningJob", { HyperParameterTuningJobName: JOB });
    assert.equal(described.HyperParameterTuningJobStatus, "InProgress");
    assert.equal(await text(`tr[data-tuning-job="${JOB}"] .status`), "InProgress");
    assert.equal(await text(`tr[data-tuning-job="${JOB}"] .children`), String((await children(emu)).length));
    await screenshot(page, "jobs-running");
  });

  test("Advance runs the clock by the seconds given, and the page follows the job to its end", async () => {
    const before = await emu.control("GET", "/_emulator/clock");
    await setValue(page, "#advance-seconds", 3000);
    await page.click("#advance");
    await waitUntil((job) => document.querySelector(`tr[data-tuning-job="${job}"] .status`)?.textContent === "Completed", JOB);
    const now = await emu.control("GET", "/_emulator/clock");
    assert.equal(now.elapsedSeconds, before.elapsedSeconds + 3000);
    const row = `tr[data-tuning-job="${JOB}"]`;
    const kids = await children(emu);
    assert.equal(await text(`${row} .children`), String(kids.length));
    assert.equal(await text(`${row} .types`), FALLBACK);
    const described = await emu.sagemaker("DescribeHyperParameterTuningJob", { HyperParameterTuningJobName: JOB });
    const best = described.BestTrainingJob.FinalHyperParameterTuningJobObjectiveMetric;
    assert.equal(await text(`${row} .best`), `${best.MetricName} ${best.Value.toPrecision(5)}`);
    const cost = kids.reduce((sum, k) => sum + ((k.BillableTimeInSeconds + (k.WarmPoolStatus?.ResourceRetainedBillableTimeInSeconds ?? 0)) / 3600) *
      prices.get(k.ResourceConfig.InstanceType) * k.ResourceConfig.InstanceCount, 0);
    assert.ok(cost > 0);
    assert.equal(await text(`${row} .cost`), `$${cost.toFixed(cost < 10 ? 4 : 2)}`);
    await screenshot(page, "jobs");
  });

  test("the job view: a Gantt row per child on the instance the API reports, in the granted zone, with every ICE", async () => {
    await show(`job/${JOB}`);
    const kids = await children(emu);
    await waitUntil((n) => document.querySelectorAll(".gantt-row").length === n, kids.length);
    const events = await allEvents(emu, { tuningJob: JOB });
    let iceTotal = 0;
    for (const kid of kids) {
      const row = `.gantt-row[data-training-job="${kid.TrainingJobName}"]`;
      const shown = await page.$eval(row, (el) => ({ ...el.dataset }));
      assert.equal(shown.instanceType, kid.ResourceConfig.InstanceType, kid.TrainingJobName);
      assert.equal(shown.instanceType, FALLBACK);
      assert.equal(shown.status, kid.TrainingJobStatus);
      const own = events.filter((e) => e.trainingJob === kid.TrainingJobName);
      const placed = own.filter((e) => e.availabilityZone && (e.type === "granted" || e.type === "reused"));
      assert.equal(shown.zone, placed.at(-1).availabilityZone, kid.TrainingJobName);
      const ice = own.filter((e) => e.type === "ice").length;
      assert.ok(ice > 0, `${kid.TrainingJobName} was never answered ICE on ${PREFERRED}`);
      assert.equal((await page.$$(`${row} .mark-ice`)).length, ice, kid.TrainingJobName);
      assert.equal((await page.$$(`${row} .mark-fell-back`)).length, own.filter((e) => e.type === "fell-back").length);
      assert.equal((await page.$$(`${row} .mark-reused`)).length, own.filter((e) => e.type === "reused").length);
      iceTotal += ice;
    }
    assert.equal(await text('[data-fact="ICE answers"]'), String(iceTotal));
    assert.equal(await text('[data-fact="children"]'), String(kids.length));
    const objectives = await page.$$eval(".objective-point", (els) => els.map((el) => Number(el.dataset.value)).sort());
    const expected = kids.map((k) => k.FinalMetricDataList.find((m) => m.MetricName === "validation:rmse").Value).sort();
    assert.deepEqual(objectives, expected);
    await screenshot(page, "job");
    await screenshot(page, "dashboard", false);
  });

  test("the capacity view shows each pool's capacity, in use and available as GET /_emulator/capacity does", async () => {
    await show("capacity");
    await waitUntil((t) => document.querySelectorAll(`.capacity-type[data-instance-type="${t}"] tr[data-pool]`).length === 3, PREFERRED);
    await waitUntil((t) => document.querySelectorAll(`.capacity-type[data-instance-type="${t}"] tr[data-pool]`).length === 3, FALLBACK);
    for (const type of [PREFERRED, FALLBACK]) {
      const { pools } = await emu.control("GET", `/_emulator/capacity?instanceType=${type}`);
      for (const pool of pools) {
        const row = `tr[data-pool="${pool.region}/${pool.instanceType}/${pool.availabilityZone}"]`;
        assert.deepEqual(await page.$eval(row, (el) => [".capacity", ".in-use", ".available"].map((c) => el.querySelector(c).textContent)),
          [pool.capacity, pool.inUse, pool.available].map(String), row);
      }
    }
    // ml.m4.xlarge has no capacity in any zone: each of its charts marks the outage.
    assert.equal((await page.$$(`svg.capacity-chart[data-instance-type="${PREFERRED}"] .outage`)).length, 3);
    assert.equal((await page.$$(`svg.capacity-chart[data-instance-type="${FALLBACK}"] .outage`)).length, 0);
    await screenshot(page, "capacity");
  });

  test("Set capacity makes the one PUT /_emulator/capacity call, and the page shows what the API then reports", async () => {
    await setValue(page, "#cap-type", FALLBACK);
    await setValue(page, "#cap-zone", "us-east-1b");
    await setValue(page, "#cap-value", 3);
    await page.click("#set-capacity");
    const row = `tr[data-pool="us-east-1/${FALLBACK}/us-east-1b"] .capacity`;
    await waitUntil((sel) => document.querySelector(sel)?.textContent === "3", row);
    const { pools } = await emu.control("GET", `/_emulator/capacity?instanceType=${FALLBACK}`);
    assert.deepEqual(pools.map((p) => [p.availabilityZone, p.capacity]),
      [["us-east-1a", 16], ["us-east-1b", 3], ["us-east-1c", 16]]);
    assert.match(await text("#call-log"), /^PUT \/_emulator\/capacity → OK/);
  });

  test("Inject fault adds the fault the API lists, the capacity chart marks it, and Remove deletes it", async () => {
    await setValue(page, "#fault-types", FALLBACK);
    await setValue(page, "#fault-zones", "us-east-1a");
    await setValue(page, "#fault-percentage", 40);
    await setValue(page, "#fault-duration", 600);
    await page.click("#inject-fault");
    await waitUntil(() => document.querySelector("#fault-list li"));
    const { faults } = await emu.control("GET", "/_emulator/faults");
    assert.equal(faults.length, 1);
    const [fault] = faults;
    assert.deepEqual([fault.instanceTypes, fault.availabilityZones, fault.percentage, fault.durationSeconds],
      [[FALLBACK], ["us-east-1a"], 40, 600]);
    await waitUntil((id) => document.querySelector(`svg.capacity-chart[data-zone="us-east-1a"] .fault-band[data-fault="${id}"]`), fault.id);
    assert.equal((await page.$$(`.fault-band[data-fault="${fault.id}"]`)).length, 1, "marked on its one pool only");
    await screenshot(page, "capacity-fault");
    await page.click(`.remove-fault[data-fault="${fault.id}"]`);
    await waitUntil(() => !document.querySelector("#fault-list li"));
    assert.deepEqual((await emu.control("GET", "/_emulator/faults")).faults, []);
  });

  test("the events view shows the API's pages, with its filters", async () => {
    await show("events");
    await setValue(page, "#events-type", "ice");
    await setValue(page, "#events-job", JOB);
    const ice = await allEvents(emu, { tuningJob: JOB, type: "ice" });
    await waitUntil((n) => document.querySelectorAll("table.events tbody tr").length === n &&
      [...document.querySelectorAll("table.events tbody tr")].every((r) => r.dataset.type === "ice"), ice.length);
    // Unfiltered, 50 a page: the second page is the API's second page.
    await setValue(page, "#events-type", "");
    await setValue(page, "#events-job", "");
    await setValue(page, "#events-page-size", 50);
    const first = await emu.control("GET", "/_emulator/events?maxResults=50");
    const second = await emu.control("GET", `/_emulator/events?maxResults=50&nextToken=${encodeURIComponent(first.nextToken)}`);
    const sequences = () => page.$$eval("table.events tbody tr", (rows) => rows.map((r) => Number(r.dataset.sequence)));
    await waitUntil((s) => document.querySelector("table.events tbody tr")?.dataset.sequence === String(s), first.events[0].sequence);
    assert.deepEqual(await sequences(), first.events.map((e) => e.sequence));
    await page.click("#events-next");
    await waitUntil((s) => document.querySelector("table.events tbody tr")?.dataset.sequence === String(s), second.events[0].sequence);
    assert.deepEqual(await sequences(), second.events.map((e) => e.sequence));
    // Instance type and zone narrow the page that came back.
    await setValue(page, "#events-zone", "us-east-1c");
    await waitUntil(() => [...document.querySelectorAll("table.events tbody tr")].every((r) => r.children[7].textContent === "us-east-1c"));
    assert.deepEqual(await sequences(), second.events.filter((e) => e.availabilityZone === "us-east-1c").map((e) => e.sequence));
    await setValue(page, "#events-zone", "");
    await screenshot(page, "events");
  });

  test("the poll stays light, and stops while the tab is hidden or live is off", async () => {
    await show("jobs");
    const count = async (ms) => {
      let n = 0;
      const onRequest = () => n++;
      page.on("request", onRequest);
      await new Promise((resolve) => setTimeout(resolve, ms));
      page.off("request", onRequest);
      return n;
    };
    const busy = await count(6000);
    assert.ok(busy > 0 && busy <= 18, `${busy} requests in 6 s on a finished job`);
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    assert.equal(await count(4500), 0, "requests while the tab is hidden");
    await page.evaluate(() => {
      delete document.visibilityState; // the prototype's getter again: visible
      document.dispatchEvent(new Event("visibilitychange"));
    });
    assert.ok(await count(3000) > 0, "no poll after the tab is shown again");
    await page.click("#live");
    assert.equal(await count(4500), 0, "requests with live off");
    await page.click("#live");
  });

  test("the region choice reads SageMaker in that region only", async () => {
    const request = JSON.parse(readFileSync(REQUEST, "utf8"));
    request.HyperParameterTuningJobName = "ui-west";
    const res = await fetch(`${emu.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "SageMaker.CreateHyperParameterTuningJob",
        authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-west-2/sagemaker/aws4_request, SignedHeaders=host, Signature=0" },
      body: JSON.stringify(request),
    });
    assert.equal(res.status, 200, await res.text());
    await waitUntil(() => [...document.querySelectorAll("#region option")].some((o) => o.value === "us-west-2"));
    assert.equal(await page.$eval("#region", (el) => el.value), "us-east-1", "the default region is not the one chosen");
    assert.equal(await page.$('tr[data-tuning-job="ui-west"]'), null);
    await setValue(page, "#region", "us-west-2");
    await waitUntil((job) => document.querySelector('tr[data-tuning-job="ui-west"]') && !document.querySelector(`tr[data-tuning-job="${job}"]`), JOB);
    await setValue(page, "#region", "us-east-1");
    await waitUntil((job) => document.querySelector(`tr[data-tuning-job="${job}"]`) && !document.querySelector('tr[data-tuning-job="ui-west"]'), JOB);
    // The events view's region filter is the API's: that region's events and those of no region.
    await show("events");
    await waitUntil(() => [...document.querySelectorAll("#events-region option")].some((o) => o.value === "us-west-2"));
    await setValue(page, "#events-region", "us-west-2");
    const west = await emu.control("GET", "/_emulator/events?region=us-west-2&maxResults=100");
    assert.ok(west.events.some((e) => e.tuningJob === "ui-west") && west.events.every((e) => e.region !== "us-east-1"));
    await waitUntil((s) => document.querySelector("table.events tbody tr")?.dataset.sequence === String(s), west.events[0].sequence);
    assert.deepEqual(await page.$$eval("table.events tbody tr", (rows) => rows.map((r) => Number(r.dataset.sequence))),
      west.events.map((e) => e.sequence));
    await setValue(page, "#events-region", "");
    await show("jobs");
  });

  test("Reset takes two clicks and then makes the one POST /_emulator/reset call", async () => {
    await page.click("#reset");
    assert.equal((await emu.control("GET", "/_emulator/clock")).elapsedSeconds, 3200, "one click reset");
    await page.click("#reset");
    await waitUntil(() => /^POST \/_emulator\/reset → OK/.test(document.querySelector("#call-log").textContent));
    assert.equal((await emu.control("GET", "/_emulator/clock")).elapsedSeconds, 0);
    assert.deepEqual((await emu.sagemaker("ListHyperParameterTuningJobs", {})).HyperParameterTuningJobSummaries, []);
    await show("jobs");
    await waitUntil(() => document.querySelectorAll("table.jobs tbody tr").length === 0);
  });

  test("no console error, uncaught exception or failed request on the way", () => {
    assert.deepEqual(problems, []);
  });
});
