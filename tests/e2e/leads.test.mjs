// E2E of the lead lifecycle on the real app window: a lead created in the form becomes an MQL
// by a Playbook rule as activities are logged; its score breakdown and history say why; a gated
// move shows the unmet criteria. Then the sample workspace a new user sees on first run.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

describe("a lead from the form to a gated move", () => {
  const app = new AppSession({ sample: false });
  let b;
  before(async () => {
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`lead-${t.name}`));
  after(async () => app.stop());

  // The page re-renders as answers arrive; an element caught mid-render reads as null.
  const stage = async () =>
    (await b.$(byTest("current-stage"))).getAttribute("data-stage").catch(() => null);

  async function logActivity(type) {
    const before = (await b.$$(byTest("activity"))).length;
    await (await b.$(byTest("activity-type"))).selectByAttribute("value", type);
    await (await b.$(byTest("log-activity"))).click();
    await b.waitUntil(async () => (await b.$$(byTest("activity"))).length === before + 1, { timeout: 5000 });
  }

  it("offers the sample and a first lead on an empty workspace", async () => {
    await (await b.$(byTest("leads-empty"))).waitForDisplayed({ timeout: 5000 });
    assert.ok(await (await b.$(byTest("load-sample"))).isDisplayed());
    await (await b.$(byTest("new-lead"))).click();
    await (await b.$("#field-contact-name")).waitForDisplayed({ timeout: 5000 });
  });

  it("shows the backend's validation beside the field, then creates the lead as Known", async () => {
    await (await b.$("#field-contact-name")).setValue("Siti Aminah");
    await (await b.$("#field-contact-email")).setValue("siti@kedai");
    await (await b.$(byTest("save-lead"))).click();
    const problem = await b.$(`${byTest("field-problem")}[data-field="contact.email"]`);
    await problem.waitForDisplayed({ timeout: 5000 });
    assert.match(await problem.getText(), /email/i);

    await (await b.$("#field-contact-email")).setValue("siti@kedai.com.my");
    await (await b.$("#field-company-name")).setValue("Kedai Runcit Aminah");
    await (await b.$(byTest("save-lead"))).click();
    await b.waitUntil(async () => /#\/leads\/\d+$/.test(await b.getUrl()), { timeout: 5000 });
    await b.waitUntil(async () => (await stage()) === "known", { timeout: 5000 });
    const history = await b.$$(byTest("history-entry"));
    assert.equal(history.length, 2);
    assert.match(await history[1].getText(), /by rule: Contact captured/);
  });

  it("becomes an MQL by rule after the third pricing-page visit, with the points shown", async () => {
    await logActivity("pricingVisit");
    await logActivity("pricingVisit");
    assert.equal(await stage(), "known", "two visits are not enough");
    await logActivity("pricingVisit");
    await b.waitUntil(async () => (await stage()) === "mql", { timeout: 5000 });
    const entries = await b.$$(byTest("history-entry"));
    assert.match(await entries[entries.length - 1].getText(), /by rule: 3 pricing-page visits in 14 days → MQL/);
    const line = await b.$(`${byTest("score-line")}[data-criterion="pricing-visits"]`);
    assert.match(await line.getText(), /\+30/);
    assert.ok(Number(await (await b.$(byTest("priority-score"))).getText()) > 0);
  });

  it("accepts with an owner, then shows what blocks qualification", async () => {
    await (await b.$(byTest("next-accept"))).click();
    await (await b.$(byTest("move-answer"))).setValue("Rina");
    await b.keys("Enter");
    await b.waitUntil(async () => (await stage()) === "sal", { timeout: 5000 });

    const unmet = await b.$(byTest("unmet-list"));
    assert.equal((await unmet.$$("li")).length, 4);
    await (await b.$(byTest("next-qualify"))).click();
    const refusal = await b.$(byTest("refusal"));
    await refusal.waitForDisplayed({ timeout: 5000 });
    const text = await refusal.getText();
    for (const word of ["Budget", "Authority", "Need", "Timeline"]) assert.match(text, new RegExp(word));
    assert.equal(await stage(), "sal", "a blocked move changes nothing");
  });
});

describe("the sample workspace on first run", () => {
  const app = new AppSession({ sample: true });
  let b;
  before(async () => {
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`sample-${t.name}`));
  after(async () => app.stop());

  it("lists the sample leads by priority and filters them by stage", async () => {
    await b.waitUntil(async () => (await b.$$(byTest("lead-row"))).length > 10, { timeout: 10000 });
    assert.match(await (await b.$(byTest("lead-count"))).getText(), /300 of 300 leads/);
    await (await b.$(byTest("filter-stage"))).selectByAttribute("value", "customer");
    await b.waitUntil(async () => /^6 of 300/.test(await (await b.$(byTest("lead-count"))).getText()), { timeout: 5000 });
    await (await b.$(byTest("filter-stage"))).selectByAttribute("value", "");
    await b.waitUntil(async () => /^300 of 300/.test(await (await b.$(byTest("lead-count"))).getText()), { timeout: 5000 });
  });

  it("opens a lead at the opportunity stage with its breakdown, scored as the list shows it", async () => {
    await (await b.$(byTest("filter-stage"))).selectByAttribute("value", "opportunity");
    await b.waitUntil(async () => /^6 of 300/.test(await (await b.$(byTest("lead-count"))).getText()), { timeout: 5000 });
    const row = await b.$(byTest("lead-row"));
    const listed = await (await row.$(".score")).getText();
    await row.click();
    await b.waitUntil(async () => (await (await b.$(byTest("current-stage"))).getAttribute("data-stage")) === "opportunity", {
      timeout: 5000,
    });
    await b.waitUntil(async () => (await b.$$(byTest("score-line"))).length > 0, { timeout: 5000 });
    // The breakdown's total is the score the list sorted the lead by.
    assert.equal(await (await b.$(byTest("priority-score"))).getText(), listed);
    // docs/screenshot.png, the README's picture, is a copy of this one.
    await app.screenshot("lead-detail");
  });

  it("saves a Playbook change as a new version and shows what changed", async () => {
    await (await b.$('nav a[data-page="playbook"]')).click();
    const version = await b.$(byTest("playbook-version"));
    await version.waitForDisplayed({ timeout: 5000 });
    assert.match(await version.getText(), /^Version 2,/);
    await (await b.$(byTest("mql-threshold"))).setValue("40");
    await (await b.$(byTest("save-playbook"))).click();
    await b.waitUntil(async () => /^Version 3,/.test(await (await b.$(byTest("playbook-version"))).getText()), {
      timeout: 5000,
    });
    const latest = await b.$(byTest("history-version"));
    assert.match(await latest.getText(), /MQL threshold: 50 → 40/);
  });
});
