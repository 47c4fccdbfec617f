// E2E on the real app window: tauri-driver bridges WebDriver to WebKitWebDriver, which starts
// target/debug/laju on its own temporary workspace. Run through scripts/e2e.sh (Xvfb + D-Bus).
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { remote } from "webdriverio";

const APP = path.resolve("target/debug/laju");
const SHOTS = path.resolve("target/e2e-screenshots");
const DATA_DIR = mkdtempSync(path.join(tmpdir(), "laju-e2e-"));
const PORT = 4444;
// LAJU_SAMPLE=0: these tests start from the empty workspace a new user without the sample sees.
const env = { ...process.env, LAJU_DATA_DIR: DATA_DIR, LAJU_SAMPLE: "0" };

let driver;
let browser;

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

async function openApp() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    capabilities: {
      "tauri:options": { application: APP },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  await (await browser.$("nav a")).waitForDisplayed({ timeout: 15000 });
}

async function closeApp() {
  await browser?.deleteSession();
  browser = undefined;
}

const navText = async (page) => (await browser.$(`nav a[data-page="${page}"]`)).getText();
const heading = async () => (await browser.$("main h1")).getText();

describe("the app shell", () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    driver = spawn("tauri-driver", ["--port", String(PORT)], { env, stdio: "inherit" });
    await waitForPort(PORT, 15000);
    await openApp();
  });

  afterEach(async (t) => {
    if (browser) await browser.saveScreenshot(path.join(SHOTS, `${t.name.replace(/\W+/g, "-")}.png`));
  });

  after(async () => {
    await closeApp().catch(() => {});
    // SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would orphan it.
    driver?.kill("SIGTERM");
  });

  it("opens on the Leads page with its empty state", async () => {
    assert.equal(await heading(), "Leads");
    const empty = await (await browser.$("main .empty h2")).getText();
    assert.equal(empty, "No leads yet");
    const footer = await (await browser.$("footer")).getText();
    assert.match(footer, new RegExp(`Data folder: ${DATA_DIR.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  it("navigates to every page by clicking and by keyboard", async () => {
    const titles = { inbox: "Handoff inbox", funnel: "Funnel", playbook: "Playbook", leads: "Leads" };
    for (const [page, title] of Object.entries(titles)) {
      await (await browser.$(`nav a[data-page="${page}"]`)).click();
      await browser.waitUntil(async () => (await heading()) === title, { timeout: 5000 });
      const current = await (await browser.$(`nav a[data-page="${page}"]`)).getAttribute("aria-current");
      assert.equal(current, "page");
    }
    await browser.keys(["Control", "3"]);
    await browser.waitUntil(async () => (await heading()) === "Funnel", { timeout: 5000 });
  });

  it("switches language everywhere at once and remembers it after a restart", async () => {
    const select = await browser.$("#language");
    await select.selectByAttribute("value", "ms");
    await browser.waitUntil(async () => (await navText("leads")) === "Prospek", { timeout: 5000 });
    assert.equal(await navText("inbox"), "Peti Masuk");
    assert.equal(await browser.execute(() => document.documentElement.lang), "ms");

    await select.selectByAttribute("value", "zh-TW");
    await browser.waitUntil(async () => (await navText("inbox")) === "收件匣", { timeout: 5000 });
    await browser.waitUntil(async () => !(await (await browser.$("footer")).getText()).includes("儲存"), {
      timeout: 5000,
    });

    await closeApp();
    await openApp();
    assert.equal(await navText("inbox"), "收件匣");
    assert.equal(await (await browser.$("#language")).getValue(), "zh-TW");
    await (await browser.$("#language")).selectByAttribute("value", "en");
    await browser.waitUntil(async () => (await navText("leads")) === "Leads", { timeout: 5000 });
  });

  it("a second launch hands over to the open window and exits without a panic", async () => {
    const second = spawnSync(APP, [], { env, timeout: 20000, encoding: "utf8" });
    assert.equal(second.error, undefined, "the second launch finished");
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /panicked/);
    assert.equal(await heading(), "Leads", "the first window still answers");
  });

  it("a headless command on the open workspace names the folder instead of panicking", async () => {
    const doctor = spawnSync(APP, ["doctor"], { env, timeout: 20000, encoding: "utf8" });
    assert.equal(doctor.status, 1);
    assert.match(doctor.stderr, /already in use/);
    assert.ok(doctor.stderr.includes(DATA_DIR), doctor.stderr);
    assert.doesNotMatch(doctor.stderr, /panicked/);
  });
});
