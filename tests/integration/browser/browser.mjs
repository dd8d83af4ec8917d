// Headless Chromium for the dashboard tests, and the page's misbehaviour collected as it
// happens: console errors, uncaught exceptions, failed requests and HTTP errors. The flags:
// --no-sandbox because the tests may run as root (Chromium refuses its sandbox then) or in a
// container without user namespaces; --disable-dev-shm-usage because a container's /dev/shm is
// often 64 MB; --disable-gpu as there is none.

import { mkdirSync } from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

export const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
const SCREENSHOTS = process.env.AMT_SCREENSHOT_DIR || path.resolve("screenshots");

export async function openBrowser() {
  const executablePath = process.env.CHROMIUM_BIN || "chromium";
  return puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

// A laptop-sized page that records every problem into `problems`.
export async function openPage(browser) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "assert") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return { page, problems };
}

// The whole page, or with fullPage false what a laptop screen shows (docs/dashboard.png is one).
export async function screenshot(page, name, fullPage = true) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

// Sets an input's or select's value as a user would, so its change handlers run.
export async function setValue(page, selector, value) {
  await page.$eval(selector, (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, String(value));
}
