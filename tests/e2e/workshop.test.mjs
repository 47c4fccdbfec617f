// E2E of the Workshop page on the real app window over the sample workspace: Ctrl+6 opens the
// current quarter's review, and every line (its verdict and its counts), the cohort and the
// tally equal `laju review --json`, for the current quarter and the one before, chosen in the
// page; the presenter view shows the same lines with the quarter's funnel, dark and light.
// Screenshots of the review and the presenter view land in target/e2e-screenshots/.
import { after, afterEach, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { APP, AppSession } from "./app.mjs";

const byTest = (id) => `[data-testid="${id}"]`;

/** What the page must show for a review, line by line in the page's order: the topic, the
 * line's key, its verdict and its counts by name (digits only, as any locale groups them). */
function expectedLines(review) {
  const digits = (n) => String(n);
  const rows = [];
  const add = (topic, key, verdict, figures) =>
    rows.push([topic, key, verdict, Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, digits(v)]))]);
  for (const l of review.conversion) add("conversion", `${l.from}-${l.to}`, l.verdict, { reached: l.reached, base: l.base });
  for (const l of review.stageTime) add("stageTime", l.stage, l.verdict, { visits: l.visits });
  for (const l of review.slaByType) {
    add("slaByType", l.leadType, l.verdict, { within: l.stats.within, decided: l.stats.decided, handoffs: l.stats.handoffs });
  }
  for (const l of review.slaByRep) {
    add("slaByRep", l.rep ?? "", l.verdict, { within: l.stats.within, decided: l.stats.decided, handoffs: l.stats.handoffs });
  }
  for (const l of review.rejections) {
    add("rejections", l.code, l.verdict, {
      count: l.count,
      answered: l.answered,
      previousCount: l.previousCount,
      previousAnswered: l.previousAnswered,
    });
  }
  for (const l of review.recycles) add("recycles", `${l.from}:${l.reason ?? ""}`, l.verdict, { count: l.count });
  for (const l of review.blackHoles) add("blackHoles", l.kind, l.verdict, { total: l.total, exposed: l.exposed });
  return rows;
}

/** The same, read off the window (inside `scope`, the page or the presenter view). */
async function shownLines(b, scope) {
  return b.execute((scope) => {
    const root = scope ? document.querySelector(scope) : document;
    return [...root.querySelectorAll('[data-testid="review-line"]')].map((row) => [
      row.dataset.topic,
      row.dataset.key,
      row.dataset.verdict,
      Object.fromEntries(
        [...row.querySelectorAll('[data-testid="figure"]')].map((cell) => [
          cell.dataset.name,
          cell.textContent.replace(/\D/g, ""),
        ]),
      ),
    ]);
  }, scope);
}

describe("the workshop", () => {
  const app = new AppSession({ sample: false });
  let b;
  let current;
  let previous;
  before(async () => {
    // The CLI fills and reads the folder before the window holds it. `tick` first settles every
    // deadline already past, so the window's own ticker finds nothing to change.
    const cli = (...args) => execFileSync(APP, args, { env: app.env, encoding: "utf8" });
    cli("sample");
    cli("tick");
    current = JSON.parse(cli("review", "--json"));
    previous = JSON.parse(cli("review", "--quarter", current.previousQuarter.key, "--json"));
    await app.start();
    b = app.browser;
  });
  afterEach(async (t) => app.screenshot(`workshop-${t.name}`));
  after(async () => app.stop());

  const verdictWords = async () =>
    b.execute(() => [...document.querySelectorAll('[data-testid="verdict"]')].map((v) => v.textContent.trim()));

  it("Ctrl+6 opens the current quarter's review with the figures laju review --json gives", async () => {
    await b.keys(["Control", "6"]);
    await b.waitUntil(async () => (await (await b.$("main h1")).getText()) === "Workshop", { timeout: 5000 });
    const summary = await b.$(byTest("review-summary"));
    await summary.waitForDisplayed({ timeout: 10000 });
    assert.equal(await summary.getAttribute("data-quarter"), current.quarter.key);
    assert.equal(await (await b.$(byTest("review-quarter"))).getValue(), current.quarter.key);
    const q = current.quarter;
    assert.equal(
      await (await b.$(byTest("review-leads"))).getText(),
      `${current.leads.toLocaleString("en")} leads created in Q${q.number} ${q.year}`,
    );
    assert.ok(current.leads > 0, "the sample has leads this quarter");
    assert.equal(
      await (await b.$(byTest("review-agreement"))).getAttribute("data-version"),
      String(current.agreement.version),
    );
    const t = current.tally;
    assert.equal(await (await b.$(byTest("review-tally"))).getText(), `${t.kept} kept · ${t.missed} missed · ${t.noData} no data`);
    assert.deepEqual(await shownLines(b), expectedLines(current));
    // Each verdict is a word, whatever its colour.
    const words = await verdictWords();
    assert.equal(words.length, t.kept + t.missed + t.noData);
    assert.ok(words.every((w) => /^[✓✗–] (Kept|Missed|No data)$/.test(w)), words.join(", "));
    await app.screenshot("workshop-review");
  });

  it("choosing the quarter before shows laju review --quarter for it", async () => {
    const select = await b.$(byTest("review-quarter"));
    await select.selectByAttribute("value", previous.quarter.key);
    await b.waitUntil(
      async () => (await (await b.$(byTest("review-summary"))).getAttribute("data-quarter")) === previous.quarter.key,
      { timeout: 10000 },
    );
    assert.deepEqual(await shownLines(b), expectedLines(previous));
    const t = previous.tally;
    assert.ok(t.kept > 0 && t.missed > 0, `the sample's ${previous.quarter.key} has kept and missed lines`);
    assert.equal(await (await b.$(byTest("review-tally"))).getText(), `${t.kept} kept · ${t.missed} missed · ${t.noData} no data`);
  });

  it("the presenter view shows the same lines and the quarter's funnel, dark and light", async () => {
    await (await b.$(byTest("presenter-open"))).click();
    const presenter = await b.$(byTest("presenter"));
    await presenter.waitForDisplayed({ timeout: 5000 });
    assert.equal(await presenter.getAttribute("data-theme"), "dark");
    await (await b.$(`${byTest("presenter")} ${byTest("funnel-chart")}`)).waitForDisplayed({ timeout: 10000 });
    assert.deepEqual(await shownLines(b, byTest("presenter")), expectedLines(previous));
    // Large type: the presenter's table text is bigger than the page's body text.
    const sizes = await b.execute(() => {
      const px = (el) => parseFloat(getComputedStyle(el).fontSize);
      return [px(document.querySelector('[data-testid="presenter"] table.report td')), px(document.body)];
    });
    assert.ok(sizes[0] >= sizes[1] * 1.4, `presenter ${sizes[0]}px against ${sizes[1]}px`);
    const background = async () => b.execute(() => getComputedStyle(document.querySelector('[data-testid="presenter"]')).backgroundColor);
    const dark = await background();
    await app.screenshot("workshop-presenter");

    await (await b.$(byTest("presenter-theme-light"))).click();
    await b.waitUntil(async () => (await presenter.getAttribute("data-theme")) === "light", { timeout: 5000 });
    assert.equal(await background(), "rgb(255, 255, 255)");
    assert.notEqual(dark, "rgb(255, 255, 255)");
    await (await b.$(`${byTest("presenter")} ${byTest("funnel-chart")}`)).waitForDisplayed({ timeout: 10000 });
    await app.screenshot("workshop-presenter-light");

    await b.keys("Escape");
    await b.waitUntil(async () => (await b.$$(byTest("presenter"))).length === 0, { timeout: 5000 });
    assert.deepEqual(await shownLines(b), expectedLines(previous));
  });
});
