// E2E on the real app window: tauri-driver bridges WebDriver to WebKitWebDriver, which starts
// target/debug/laju on its own temporary workspace. Run through scripts/e2e.sh (Xvfb + D-Bus).
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { APP, AppSession } from "./app.mjs";

// These tests start from the empty workspace a new user without the sample sees.
const app = new AppSession({ sample: false });
const DATA_DIR = app.dataDir;
const env = app.env;
let browser;

async function openApp() {
  await app.open();
  browser = app.browser;
}

async function closeApp() {
  await app.close();
  browser = undefined;
}

const navText = async (page) => (await browser.$(`nav a[data-page="${page}"]`)).getText();
const heading = async () => (await browser.$("main h1")).getText();

describe("the app shell", () => {
  before(async () => {
    await app.start();
    browser = app.browser;
  });

  afterEach(async (t) => app.screenshot(t.name));

  after(async () => app.stop());

  it("opens on the Leads page with its empty state", async () => {
    assert.equal(await heading(), "Leads");
    const empty = await (await browser.$("main .empty h2")).getText();
    assert.equal(empty, "No leads yet");
    const footer = await (await browser.$("footer")).getText();
    assert.match(footer, new RegExp(`Data folder: ${DATA_DIR.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  it("navigates to every page by clicking and by keyboard", async () => {
    const titles = { inbox: "Handoff inbox", funnel: "Funnel", playbook: "Playbook", data: "Data", leads: "Leads" };
    for (const [page, title] of Object.entries(titles)) {
      await (await browser.$(`nav a[data-page="${page}"]`)).click();
      await browser.waitUntil(async () => (await heading()) === title, { timeout: 5000 });
      const current = await (await browser.$(`nav a[data-page="${page}"]`)).getAttribute("aria-current");
      assert.equal(current, "page");
    }
    await browser.keys(["Control", "3"]);
    await browser.waitUntil(async () => (await heading()) === "Funnel", { timeout: 5000 });
    await browser.keys(["Control", "5"]);
    await browser.waitUntil(async () => (await heading()) === "Data", { timeout: 5000 });
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
