// One amt-emulator process on a free 127.0.0.1 port for the SDK-JS v3 tests: started with
// child_process.spawn (every AMT_EMULATOR_* variable of the environment removed), checked
// healthy through /_emulator/health, stopped by its PID (SIGTERM, then SIGKILL). The binary is
// $AMT_EMULATOR_BIN (ctest sets it), else <repo>/build/amt-emulator.

import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, accessSync, constants } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, "..", "..", "..");
const BINARY = process.env.AMT_EMULATOR_BIN || path.join(REPO_ROOT, "build", "amt-emulator");
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One amt-emulator process on a free loopback port. */
export class Emulator {
  constructor(args) {
    this.args = args;
    this.child = null;
    this.exitCode = null;
    this.dir = mkdtempSync(path.join(os.tmpdir(), "amt-js-test-"));
    this.logPath = path.join(this.dir, "amt-emulator.log");
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    accessSync(BINARY, constants.X_OK);
    let lastError;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.startOnce();
        return this;
      } catch (err) {
        lastError = err;
        if (!err.earlyExit) break;
      }
    }
    throw lastError;
  }

  async startOnce() {
    this.port = await freePort();
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("AMT_EMULATOR_")),
    );
    const log = openSync(this.logPath, "w");
    this.exitCode = null;
    this.child = spawn(
      BINARY,
      ["--host", "127.0.0.1", "--port", String(this.port), ...this.args],
      { env, stdio: ["ignore", log, log] },
    );
    this.child.on("exit", (code, signal) => {
      this.exitCode = code ?? signal;
    });
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (this.exitCode !== null) {
        const err = new Error(`amt-emulator exited (${this.exitCode}) before it was healthy\n${this.logTail()}`);
        err.earlyExit = true;
        this.child = null;
        throw err;
      }
      try {
        const res = await fetch(`${this.url}/_emulator/health`, { signal: AbortSignal.timeout(1000) });
        const doc = await res.json();
        if (res.status === 200 && doc.status === "ok") return;
        last = `HTTP ${res.status} ${JSON.stringify(doc)}`;
      } catch (err) {
        last = String(err);
      }
      await sleep(20);
    }
    await this.stop();
    throw new Error(`amt-emulator not healthy within ${STARTUP_TIMEOUT_MS} ms (last: ${last})\n${this.logTail()}`);
  }

  /** SIGTERM to the PID, SIGKILL after STOP_TIMEOUT_MS. */
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || this.exitCode !== null) return this.exitCode;
    const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
    process.kill(child.pid, "SIGTERM");
    const code = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => "timeout")]);
    if (code !== "timeout") return code;
    process.kill(child.pid, "SIGKILL");
    return exited;
  }

  cleanup() {
    if (!process.env.AMT_TEST_KEEP_LOGS) rmSync(this.dir, { recursive: true, force: true });
  }

  logTail(limit = 6000) {
    try {
      const text = readFileSync(this.logPath, "utf8");
      return `---- amt-emulator log ----\n${text.slice(-limit)}\n---- end of log ----`;
    } catch (err) {
      return `(log unreadable: ${err})`;
    }
  }

  async control(method, urlPath, body) {
    const res = await fetch(this.url + urlPath, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, 200, `${method} ${urlPath} -> ${res.status}: ${text}`);
    return JSON.parse(text);
  }
}
