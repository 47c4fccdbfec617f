// E2E of the handoff inbox on the real app window with the sample workspace: MQLs wait with
// countdowns that tick every second; accepting makes a SAL; with the clock moved past every
// deadline (LAJU_CLOCK_OFFSET_MINUTES on a restart) the backend's ticker reassigns each waiting
// MQL and the inbox marks it breached.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

describe("the handoff inbox", () => {
  const app = new AppSession({ sample: true });
  let b;
  before(async () => {
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`inbox-${t.name}`));
  after(async () => app.stop());

  async function openInbox() {
    await (await b.$('nav a[data-page="inbox"]')).click();
    await b.waitUntil(async () => (await b.$$(byTest("inbox-item"))).length >= 2, { timeout: 10000 });
  }

  /** [lead id, assignee] of each waiting MQL, in the order shown. */
  async function waiting() {
    return b.execute(() =>
      [...document.querySelectorAll('[data-testid="inbox-item"]')].map((el) => [
        el.getAttribute("data-lead"),
        el.querySelector('[data-testid="assignee"]')?.textContent ?? "",
      ]),
    );
  }

  it("lists the sample's MQLs by deadline with a countdown that ticks", async () => {
    await openInbox();
    const first = await (await b.$(byTest("countdown"))).getText();
    assert.match(first, /left|Overdue/);
    await b.waitUntil(async () => (await (await b.$(byTest("countdown"))).getText()) !== first, {
      timeout: 4000,
      timeoutMsg: "the countdown did not move within 4 s",
    });
    assert.ok((await b.$$(byTest("routing-reason"))).length >= 2);
  });

  it("accepting moves the lead to SAL with the routed rep as owner", async () => {
    const [[id, rep]] = await waiting();
    const card = await b.$(`[data-testid="inbox-item"][data-lead="${id}"]`);
    await (await card.$(byTest("accept"))).click();
    await b.waitUntil(async () => !(await waiting()).some(([other]) => other === id), { timeout: 5000 });
    await b.execute((lead) => (location.hash = `#/leads/${lead}`), id);
    await b.waitUntil(
      async () => (await (await b.$(byTest("current-stage"))).getAttribute("data-stage")) === "sal",
      { timeout: 5000 },
    );
    // The handoff panel names who accepted it: the rep the inbox showed it routed to.
    const resolution = await (await b.$(byTest("handoff-resolution"))).getText();
    assert.ok(rep.length > 0 && resolution.includes(rep), `${resolution} should name ${rep}`);
  });

  it("past the deadline each waiting MQL is reassigned and marked breached", async () => {
    await openInbox();
    const before = await waiting();
    await app.stop();
    // Three days on: past even the 48-hour database SLA.
    app.env.LAJU_CLOCK_OFFSET_MINUTES = String(3 * 24 * 60);
    await app.start();
    b = app.browser;
    await openInbox();
    await b.waitUntil(async () => (await b.$$(byTest("breached"))).length === before.length, {
      timeout: 15000,
      timeoutMsg: "the ticker did not mark every waiting MQL breached",
    });
    const after = new Map(await waiting());
    for (const [id, rep] of before) assert.notEqual(after.get(id), rep, `lead ${id} stayed with ${rep}`);
    await app.screenshot("inbox-breached");
  });
});
