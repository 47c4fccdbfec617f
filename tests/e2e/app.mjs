// Shared by the E2E files: start tauri-driver, open and close the real app window on a private
// workspace, save screenshots. tauri-driver starts target/debug/laju through WebKitWebDriver.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

export const APP = path.resolve("target/debug/laju");
export const SHOTS = path.resolve("target/e2e-screenshots");
const PORT = 4444;

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

const appRunning = () => spawnSync("pgrep", ["-f", APP]).status === 0;

/** The next session's launch would hand over to a window still closing (single instance) and
 * never get its own: wait for the app to be gone, ending it after 10 s. */
async function appExited() {
  for (let i = 0; i < 100 && appRunning(); i += 1) await new Promise((r) => setTimeout(r, 100));
  if (appRunning()) spawnSync("pkill", ["-KILL", "-f", APP]);
}

/** A test session on its own data folder; `sample: false` starts from an empty workspace. */
export class AppSession {
  constructor({ sample }) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), "laju-e2e-"));
    this.env = {
      ...process.env,
      LAJU_DATA_DIR: this.dataDir,
      LAJU_SAMPLE: sample ? "1" : "0",
      // The app turns WebKitGTK's DMA-BUF renderer off to save memory (gui.rs); under Xvfb
      // WebKitWebDriver's screenshots then hang for minutes now and then (three in a run of
      // three files, none with it on), so the tests run with the renderer on. What a user sees
      // is the same either way; `npm run measure` checks the shipped setting.
      WEBKIT_DISABLE_DMABUF_RENDERER: "0",
    };
    this.browser = undefined;
    this.driver = undefined;
  }

  async start() {
    mkdirSync(SHOTS, { recursive: true });
    this.driver = spawn("tauri-driver", ["--port", String(PORT)], { env: this.env, stdio: "inherit" });
    await waitForPort(PORT, 15000);
    await this.open();
  }

  async open() {
    this.browser = await remote({
      hostname: "127.0.0.1",
      port: PORT,
      logLevel: "error",
      capabilities: {
        "tauri:options": { application: APP },
        "wdio:enforceWebDriverClassic": true,
      },
    });
    await (await this.browser.$("nav a")).waitForDisplayed({ timeout: 15000 });
  }

  async close() {
    await this.browser?.deleteSession();
    this.browser = undefined;
    await appExited();
  }

  async screenshot(name) {
    if (this.browser) await this.browser.saveScreenshot(path.join(SHOTS, `${name.replace(/\W+/g, "-")}.png`));
  }

  async stop() {
    await this.close().catch(() => {});
    // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would orphan it.
    this.driver?.kill("SIGTERM");
    await new Promise((resolve) => (this.driver ? this.driver.once("exit", resolve) : resolve()));
    await appExited();
  }
}
