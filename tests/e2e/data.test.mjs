// E2E of the Data page on the real app window: a HubSpot export is read from a typed path,
// recognised, checked by a dry run (nothing written) and imported (the lead list and the CLI
// see the leads; the bad row is saved as a rejects file); the leads export lands on disk with
// a formula neutralised.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP, AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;
const HUBSPOT = path.resolve("tests/fixtures/import/hubspot-contacts.csv");

describe("the data page", () => {
  const app = new AppSession({ sample: false });
  const exports = mkdtempSync(path.join(tmpdir(), "laju-exports-"));
  app.env.LAJU_EXPORT_DIR = exports;
  let b;
  let expected;
  before(async () => {
    // What the CLI's dry run of the same file says, on a folder of its own.
    const scratch = { ...app.env, LAJU_DATA_DIR: mkdtempSync(path.join(tmpdir(), "laju-dry-")) };
    expected = JSON.parse(
      execFileSync(APP, ["import", HUBSPOT, "--preset", "hubspot", "--dry-run", "--json"], {
        env: scratch,
        encoding: "utf8",
      }),
    );
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`data-${t.name}`));
  after(async () => app.stop());

  const count = async (id) => Number((await (await b.$(byTest(id))).getText()).replace(/\D/g, ""));

  it("reads a typed path and recognises a HubSpot export", async () => {
    await (await b.$('nav a[data-page="data"]')).click();
    await (await b.$(byTest("import-path"))).setValue(HUBSPOT);
    await (await b.$(byTest("import-read"))).click();
    await (await b.$(byTest("import-preview"))).waitForDisplayed({ timeout: 10000 });
    assert.equal(await count("import-records"), expected.rows);
    await (await b.$(byTest("import-suggested"))).waitForDisplayed({ timeout: 5000 });
  });

  it("a dry run counts every row and writes nothing", async () => {
    await (await b.$(byTest("import-dry-run"))).click();
    await (await b.$(byTest("import-result"))).waitForDisplayed({ timeout: 20000 });
    assert.equal(await count("import-rows"), expected.rows);
    assert.equal(await count("import-imported"), expected.imported);
    assert.equal(await count("import-rejected"), expected.rejected);
    assert.ok(expected.rejected > 0, "the fixture has a bad row");
    await (await b.$('nav a[data-page="leads"]')).click();
    await (await b.$(byTest("leads-empty"))).waitForDisplayed({ timeout: 5000 });
  });

  it("imports: the leads are listed and the rejected rows saved to fix", async () => {
    await (await b.$('nav a[data-page="data"]')).click();
    await (await b.$(byTest("import-run"))).waitForClickable({ timeout: 5000 });
    await (await b.$(byTest("import-run"))).click();
    await b.waitUntil(
      async () => (await (await b.$(byTest("import-result"))).getAttribute("data-dry-run")) === "false",
      { timeout: 20000 },
    );
    assert.equal(await count("import-imported"), expected.imported);
    const rejects = await (await b.$(byTest("import-rejects-file"))).getText();
    assert.ok(rejects.startsWith(exports), rejects);
    const text = readFileSync(rejects, "utf8");
    assert.match(text.split("\n")[0], /,line,column,reason\r?$/);
    await (await b.$('nav a[data-page="leads"]')).click();
    await b.waitUntil(
      async () => new RegExp(`^${expected.imported} of ${expected.imported}`).test(
        await (await b.$(byTest("lead-count"))).getText(),
      ),
      { timeout: 10000 },
    );
  });

  it("exports the leads as a CSV in the export folder", async () => {
    await (await b.$('nav a[data-page="data"]')).click();
    await (await b.$(byTest("export-leads"))).click();
    const saved = await b.$(byTest("export-path"));
    await saved.waitForDisplayed({ timeout: 10000 });
    const file = await saved.getText();
    assert.ok(file.startsWith(exports), file);
    const rows = readFileSync(file, "utf8").trim().split("\n");
    assert.equal(rows.length, expected.imported + 1);
    assert.ok(readdirSync(exports).some((f) => /^leads-\d{8}-\d{6}\.csv$/.test(f)));
  });
});
