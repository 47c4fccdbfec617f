// E2E of a Playbook change in a workshop, on the sample workspace in the real app window: the
// MQL threshold is lowered by 10, "Preview the effect" shows the MQLs the draft would have made
// (the same figures as `laju playbook what-if --json` on a copy of the workspace), the draft is
// adopted as a new version, and that version's agreement document names the change in its "what
// changed" section; Save as PDF writes the same words into the export folder (checked with
// pdftotext); another language is asked of the engine and shown.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP, AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

describe("a Playbook change, previewed, adopted and documented", () => {
  const app = new AppSession({ sample: true });
  const exports = mkdtempSync(path.join(tmpdir(), "laju-e2e-exports-"));
  app.env.LAJU_EXPORT_DIR = exports;
  let b;
  let current;
  let expected;
  before(async () => {
    // The sample the app opens on, and what the CLI's what-if says of the same draft on a copy.
    execFileSync(APP, ["demo"], { env: app.env });
    const copy = mkdtempSync(path.join(tmpdir(), "laju-cli-"));
    cpSync(app.dataDir, copy, { recursive: true });
    const cli = (args) =>
      execFileSync(APP, args, { env: { ...app.env, LAJU_DATA_DIR: copy }, encoding: "utf8" });
    current = JSON.parse(cli(["playbook", "--json"]));
    const draft = structuredClone(current);
    draft.playbook.engagement.mqlThreshold -= 10;
    const file = path.join(copy, "draft.json");
    writeFileSync(file, JSON.stringify(draft));
    expected = JSON.parse(cli(["playbook", "what-if", file, "--json"]));
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`document-${t.name}`));
  after(async () => app.stop());

  const text = async (id) => (await b.$(byTest(id))).getText().catch(() => "");

  it("previews a lower MQL threshold, adopts it, and its document and PDF name the change", async () => {
    const version = current.version;
    const threshold = current.playbook.engagement.mqlThreshold;
    const lower = threshold - 10;
    await (await b.$('nav a[data-page="playbook"]')).click();
    await (await b.$(byTest("playbook-version"))).waitForDisplayed({ timeout: 5000 });
    assert.match(await text("playbook-version"), new RegExp(`^Version ${version},`));
    await (await b.$(byTest("mql-threshold"))).setValue(String(lower));

    await (await b.$(byTest("preview-playbook"))).click();
    await (await b.$(byTest("preview-panel"))).waitForDisplayed({ timeout: 20000 });
    const number = async (id) => Number((await text(id)).replace(/\D/g, ""));
    assert.equal(await number("preview-mqls-current"), expected.mqls.current);
    assert.equal(await number("preview-mqls-draft"), expected.mqls.draft);
    assert.ok(expected.mqls.draft > expected.mqls.current, "a lower threshold makes more MQLs");
    await (await b.$(byTest("preview-panel"))).scrollIntoView({ block: "start" });
    await b.pause(400); // the picture once the page has settled
    await app.screenshot("workshop-preview");

    await (await b.$(byTest("save-playbook"))).click();
    await b.waitUntil(async () => new RegExp(`^Version ${version + 1},`).test(await text("playbook-version")), {
      timeout: 5000,
    });

    // Back up from the preview panel, so the tab is clear of the fixed navigation bar.
    const tab = await b.$(byTest("tab-agreement"));
    await tab.scrollIntoView({ block: "center" });
    await tab.click();
    const change = `MQL threshold: ${threshold} → ${lower}`;
    await b.waitUntil(async () => (await text("agreement-section-changes")).includes(change), {
      timeout: 5000,
    });
    assert.match(await text("agreement-section-changes"), new RegExp(`What changed since version ${version}`));
    assert.match(await text("agreement-section-scoring"), new RegExp(`reaches ${lower} points`));

    await (await b.$(byTest("save-agreement-pdf"))).click();
    const name = `agreement-v${version + 1}-en.pdf`;
    await b.waitUntil(async () => (await text("agreement-saved")).includes(name), { timeout: 10000 });
    const file = path.join(exports, name);
    assert.match(await text("agreement-saved"), new RegExp(file.replace(/[.]/g, "\\.")));
    const pdf = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    assert.equal(pdf.status, 0, pdf.stderr);
    assert.match(pdf.stdout, /Marketing and sales agreement/);
    assert.match(pdf.stdout, new RegExp(`version ${version + 1} · page 1 of`));
    assert.ok(pdf.stdout.includes(change), "the PDF's what-changed section names the change");
    await app.screenshot("agreement-document");
  });

  it("asks the engine for the document in another language", async () => {
    await (await b.$(byTest("agreement-lang"))).selectByAttribute("value", "zh-CN");
    await b.waitUntil(async () => (await text("agreement-document")).startsWith("市场与销售协议"), { timeout: 5000 });
    const threshold = current.playbook.engagement.mqlThreshold;
    assert.ok((await text("agreement-section-changes")).includes(`MQL 阈值：${threshold} → ${threshold - 10}`));
    await (await b.$(byTest("agreement-version"))).selectByAttribute("value", "1");
    await b.waitUntil(async () => /这是第一版/.test(await text("agreement-section-changes")), { timeout: 5000 });
  });
});
