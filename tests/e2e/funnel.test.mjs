// E2E of the Funnel page on the real app window over the sample workspace: the funnel renders
// with the counts the CLI reports, its breakdown by source shows the CLI's per-source counts, and
// a click on a step lists exactly the leads the CLI lists for that step.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP, AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

describe("the funnel", () => {
  const app = new AppSession({ sample: false });
  const exports = mkdtempSync(path.join(tmpdir(), "laju-exports-"));
  app.env.LAJU_EXPORT_DIR = exports;
  let b;
  let report;
  let bySource;
  let inSal;
  before(async () => {
    // The CLI fills and reads the folder before the window holds it.
    const cli = (...args) => execFileSync(APP, args, { env: app.env, encoding: "utf8" });
    cli("sample");
    report = JSON.parse(cli("report", "funnel", "--json"));
    bySource = JSON.parse(cli("report", "funnel", "--by", "source", "--json"));
    inSal = JSON.parse(cli("lead", "list", "--stage", "sal", "--limit", "1000", "--json"))
      .rows.map((r) => String(r.id))
      .sort();
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`funnel-${t.name}`));
  after(async () => app.stop());

  it("renders every step with the counts the CLI reports", async () => {
    await (await b.$('nav a[data-page="funnel"]')).click();
    await (await b.$(byTest("funnel-chart"))).waitForDisplayed({ timeout: 10000 });
    await b.waitUntil(async () => (await b.$$(byTest("funnel-step"))).length === 7, { timeout: 10000 });
    const shown = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="funnel-step"]')].map((row) => [
        row.getAttribute("data-stage"),
        row.querySelector('[data-testid="step-count"]')?.textContent?.replace(/\D/g, ""),
      ]),
    );
    const expected = report.overall.steps.map((s) => [s.stage, String(s.now)]);
    assert.deepEqual(shown, expected);
    assert.ok(expected.some(([, n]) => Number(n) > 0), "non-zero steps");
    await app.screenshot("funnel-page");
  });

  it("exports the funnel chart as a PNG file and says where", async () => {
    await (await b.$(byTest("funnel-chart-export"))).click();
    const saved = await b.$(byTest("funnel-chart-saved"));
    await saved.waitForDisplayed({ timeout: 5000 });
    assert.ok((await saved.getText()).includes(exports));
    const files = readdirSync(exports);
    assert.equal(files.length, 1);
    assert.match(files[0], /^funnel-\d{8}-\d{6}\.png$/);
    const png = readFileSync(path.join(exports, files[0]));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 1000, `${png.length} bytes`);
  });

  it("breaks the funnel down by source with the per-source counts the CLI reports", async () => {
    const select = await b.$(byTest("breakdown-by"));
    await select.selectByAttribute("value", "source");
    const expected = bySource.groups.slice(0, 50).map((g) => [g.value, String(g.report.leads)]);
    assert.ok(expected.length > 1, "several sources in the sample");
    await b.waitUntil(async () => (await b.$$(byTest("breakdown-row"))).length === expected.length, {
      timeout: 10000,
      timeoutMsg: `expected ${expected.length} sources`,
    });
    const shown = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="breakdown-row"]')].map((row) => [
        row.getAttribute("data-value"),
        row.querySelector('[data-testid="breakdown-leads"]')?.textContent?.replace(/\D/g, ""),
      ]),
    );
    assert.deepEqual(shown, expected);
    await (await b.$(byTest("breakdown"))).scrollIntoView();
    await app.screenshot("funnel-breakdown");
    await select.selectByAttribute("value", "");
    await b.waitUntil(async () => (await b.$$(byTest("breakdown-table"))).length === 0, { timeout: 5000 });
  });

  it("a click on a step opens the lead list with exactly that step's leads", async () => {
    await (await b.$(byTest("step-leads-sal"))).click();
    await (await b.$(byTest("selection-chip"))).waitForDisplayed({ timeout: 5000 });
    await b.waitUntil(
      async () => new RegExp(`^${inSal.length} of 300`).test(await (await b.$(byTest("lead-count"))).getText()),
      { timeout: 5000, timeoutMsg: `expected ${inSal.length} leads` },
    );
    const listed = await b.execute(() =>
      [...document.querySelectorAll('[data-testid="lead-row"]')].map((r) => r.getAttribute("data-lead-id")),
    );
    assert.deepEqual(listed.filter(Boolean).sort(), inSal);
  });
});
