// E2E of the agreement document on the real app window: a Playbook change saved as a new
// version shows in that version's document, in its "what changed" section; Save as PDF writes
// the same words into the export folder (checked with pdftotext); another language is asked of
// the engine and shown.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

describe("the agreement document", () => {
  const app = new AppSession({ sample: false });
  const exports = mkdtempSync(path.join(tmpdir(), "laju-e2e-exports-"));
  app.env.LAJU_EXPORT_DIR = exports;
  let b;
  before(async () => {
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`document-${t.name}`));
  after(async () => app.stop());

  const text = async (id) => (await b.$(byTest(id))).getText().catch(() => "");

  it("shows a saved threshold change in the new version's document and in its PDF", async () => {
    await (await b.$('nav a[data-page="playbook"]')).click();
    await (await b.$(byTest("playbook-version"))).waitForDisplayed({ timeout: 5000 });
    assert.match(await text("playbook-version"), /^Version 1,/);
    await (await b.$(byTest("mql-threshold"))).setValue("40");
    await (await b.$(byTest("save-playbook"))).click();
    await b.waitUntil(async () => /^Version 2,/.test(await text("playbook-version")), { timeout: 5000 });

    await (await b.$(byTest("tab-agreement"))).click();
    await b.waitUntil(async () => /MQL threshold: 50 → 40/.test(await text("agreement-section-changes")), {
      timeout: 5000,
    });
    assert.match(await text("agreement-section-changes"), /What changed since version 1/);
    assert.match(await text("agreement-section-scoring"), /reaches 40 points/);

    await (await b.$(byTest("save-agreement-pdf"))).click();
    await b.waitUntil(async () => /agreement-v2-en\.pdf/.test(await text("agreement-saved")), { timeout: 10000 });
    const file = path.join(exports, "agreement-v2-en.pdf");
    assert.match(await text("agreement-saved"), new RegExp(file.replace(/[.]/g, "\\.")));
    const pdf = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    assert.equal(pdf.status, 0, pdf.stderr);
    assert.match(pdf.stdout, /Marketing and sales agreement/);
    assert.match(pdf.stdout, /version 2 · page 1 of/);
    assert.match(pdf.stdout, /MQL threshold: 50 → 40/);
    await app.screenshot("agreement-document");
  });

  it("asks the engine for the document in another language", async () => {
    await (await b.$(byTest("agreement-lang"))).selectByAttribute("value", "zh-CN");
    await b.waitUntil(async () => (await text("agreement-document")).startsWith("市场与销售协议"), { timeout: 5000 });
    assert.match(await text("agreement-section-changes"), /MQL 阈值：50 → 40/);
    await (await b.$(byTest("agreement-version"))).selectByAttribute("value", "1");
    await b.waitUntil(async () => /这是第一版/.test(await text("agreement-section-changes")), { timeout: 5000 });
  });
});
