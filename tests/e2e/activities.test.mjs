// E2E of importing what leads did, on the sample workspace in the real app window: a Google
// Forms responses file names four new people, then an Oracle Eloqua activity export shows
// three of them visiting the pricing page; each file is dry-run first, imported, and its
// counts equal `laju import --json` run on a copy of the same workspace. The three become
// MQLs by the Playbook's rule and wait in the handoff inbox with their SLA countdowns.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP, AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;
const DAY = 24 * 60 * 60 * 1000;

/** Google Forms writes M/D/YYYY H:MM:SS in the sheet's zone; the preset reads it as UTC. */
const formsTime = (d) =>
  `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, "0")}:${String(
    d.getUTCMinutes(),
  ).padStart(2, "0")}:00`;
/** Eloqua's bulk export: YYYY-MM-DD HH:MM:SS.mmm. */
const eloquaTime = (d) => d.toISOString().replace("T", " ").replace("Z", "");

const PEOPLE = [
  ["Dewi Lestari", "dewi@batik-lestari.id", "Batik Lestari"],
  ["Farid Hassan", "farid@faridmotors.my", "Farid Motors"],
  ["Wong Mei Lin", "meilin@kopi-wong.sg", "Kopi Wong"],
  ["Arif Budiman", "arif@budiman.co.id", "Budiman & Co"],
];

function files(dir) {
  const now = Date.now();
  const forms = ["Timestamp,Email Address,Name,Company,Phone Number"];
  PEOPLE.forEach(([name, email, company], i) => {
    forms.push(`${formsTime(new Date(now - (10 - i) * DAY))},${email},${name},${company},+60 12-555 01${i}0`);
  });
  const eloqua = ["ActivityId,ActivityType,ActivityDate,EmailAddress,AssetName,CampaignId,Url"];
  let id = 5000;
  // The first three visit the pricing page three times in the last week (the default MQL
  // trigger is three within 14 days); the fourth only opens a newsletter.
  PEOPLE.slice(0, 3).forEach(([, email], i) => {
    for (const daysAgo of [6, 4, 2]) {
      const at = eloquaTime(new Date(now - daysAgo * DAY - i * 60_000));
      eloqua.push(`${id++},PageView,${at},${email},,,https://laju.example/pricing`);
    }
  });
  eloqua.push(`${id++},EmailOpen,${eloquaTime(new Date(now - DAY))},${PEOPLE[3][1]},Newsletter,CMP-1,`);
  const formsFile = path.join(dir, "contact-form-responses.csv");
  const eloquaFile = path.join(dir, "eloqua-activities.csv");
  writeFileSync(formsFile, `${forms.join("\n")}\n`);
  writeFileSync(eloquaFile, `${eloqua.join("\n")}\n`);
  return { formsFile, eloquaFile };
}

describe("importing activities into the sample workspace", () => {
  const app = new AppSession({ sample: true });
  const dir = mkdtempSync(path.join(tmpdir(), "laju-activities-"));
  const { formsFile, eloquaFile } = files(dir);
  let b;
  const expected = {};
  before(async () => {
    // The sample the app opens on, and a copy of it the CLI imports the same files into.
    execFileSync(APP, ["demo"], { env: app.env });
    const copy = mkdtempSync(path.join(tmpdir(), "laju-cli-"));
    cpSync(app.dataDir, copy, { recursive: true });
    const cli = (file, preset) =>
      JSON.parse(
        execFileSync(APP, ["import", file, "--preset", preset, "--json"], {
          env: { ...app.env, LAJU_DATA_DIR: copy },
          encoding: "utf8",
        }),
      );
    expected.forms = cli(formsFile, "google-forms");
    expected.eloqua = cli(eloquaFile, "eloqua");
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`activities-${t.name}`));
  after(async () => app.stop());

  const count = async (id) => Number((await (await b.$(byTest(id))).getText()).replace(/\D/g, ""));

  async function read(file) {
    await (await b.$('nav a[data-page="data"]')).click();
    const input = await b.$(byTest("import-path"));
    await input.waitForDisplayed({ timeout: 5000 });
    await input.setValue(file);
    await (await b.$(byTest("import-read"))).click();
    await (await b.$(byTest("import-preview"))).waitForDisplayed({ timeout: 10000 });
    await b.waitUntil(async () => (await b.$("#import-kind-activities")).isSelected(), {
      timeout: 5000,
      timeoutMsg: "an activity export is recognised as activities",
    });
  }

  async function run(button, dryRun) {
    await (await b.$(byTest(button))).waitForClickable({ timeout: 5000 });
    await (await b.$(byTest(button))).click();
    await b.waitUntil(
      async () => (await (await b.$(byTest("import-result"))).getAttribute("data-dry-run")) === String(dryRun),
      { timeout: 30000 },
    );
  }

  async function countsEqual(report) {
    assert.equal(await count("import-rows"), report.rows);
    assert.equal(await count("import-imported"), report.imported);
    assert.equal(await count("import-merged"), report.merged);
    assert.equal(await count("import-already-there"), report.alreadyThere);
    assert.equal(await count("import-rejected"), report.rejected);
  }

  it("a form tool's responses: the dry run counts what the CLI imports, then the people are leads", async () => {
    await read(formsFile);
    await run("import-dry-run", true);
    await countsEqual(expected.forms);
    assert.equal(expected.forms.imported, PEOPLE.length, "four new people");
    await run("import-run", false);
    await countsEqual(expected.forms);
    assert.equal(await count("moved-known"), expected.forms.moved.known);
    assert.equal(expected.forms.moved.known, PEOPLE.length, "each form names a person: Known");
  });

  it("an email tool's activity export makes MQLs that wait in the inbox with countdowns", async () => {
    await read(eloquaFile);
    await run("import-dry-run", true);
    await countsEqual(expected.eloqua);
    await run("import-run", false);
    await countsEqual(expected.eloqua);
    assert.equal(await count("moved-mql"), expected.eloqua.moved.mql);
    assert.equal(await count("moved-handoffs"), expected.eloqua.moved.handoffs);
    assert.equal(expected.eloqua.moved.mql, 3, "three pricing visits in a week is an MQL");

    await (await b.$('nav a[data-page="inbox"]')).click();
    const mqls = expected.eloqua.moved.leads.filter((lead) => lead.to === "mql");
    assert.deepEqual(
      mqls.map((lead) => lead.name).sort(),
      PEOPLE.slice(0, 3).map(([name]) => name).sort(),
    );
    for (const lead of mqls) {
      // The app's workspace and the CLI's copy gave the same ids to the same people.
      const card = await b.$(`${byTest("inbox-item")}[data-lead="${lead.id}"]`);
      await card.waitForDisplayed({ timeout: 10000, timeoutMsg: `${lead.name} waits in the inbox` });
      assert.ok((await card.getText()).includes(lead.name));
      const countdown = await card.$(byTest("countdown"));
      assert.ok(await countdown.isDisplayed(), `${lead.name}'s card shows its SLA countdown`);
    }
    const inbox = await (await b.$("main")).getText();
    assert.ok(!inbox.includes(PEOPLE[3][0]), "a newsletter open alone is no MQL");
  });
});
