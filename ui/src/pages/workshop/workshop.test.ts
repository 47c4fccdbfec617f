import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "svelte-i18n";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Review } from "../../lib/bindings/Review";
import type { ReviewQuarters } from "../../lib/bindings/ReviewQuarters";
import { setupI18n } from "../../lib/i18n";

// A hand-rolled backend: each command answers from `backend`, and every call is recorded.
const calls: { command: string; input: unknown }[] = [];
let backend: Record<string, (input: unknown) => unknown> = {};
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string, args?: { input?: unknown }) => {
    calls.push({ command, input: args?.input });
    const answer = backend[command];
    if (!answer) throw { code: "Internal", message: `no fake for ${command}` };
    return answer(args?.input);
  },
}));

/** A stand-in for ECharts: each chart records its options. */
type FakeChart = { options: { series: { type: string; data: { value: number; stage: string }[] }[] }[]; disposed: boolean };
const fake = vi.hoisted(() => ({ charts: [] as unknown[] }));
vi.mock("echarts/core", () => ({
  use: () => {},
  init: () => {
    const chart = {
      options: [] as unknown[],
      disposed: false,
      setOption(option: unknown) {
        this.options.push(option);
      },
      on() {},
      getDataURL: () => "data:image/png;base64,AAAA",
      resize() {},
      dispose() {
        this.disposed = true;
      },
    };
    fake.charts.push(chart);
    return chart;
  },
}));
vi.mock("echarts/charts", () => ({ FunnelChart: {}, BarChart: {} }));
vi.mock("echarts/components", () => ({
  TooltipComponent: {},
  GridComponent: {},
  LegendComponent: {},
  MarkLineComponent: {},
}));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

import NavBar from "../../lib/components/NavBar.svelte";
import { pageForShortcut } from "../../lib/state/navigation.svelte";
import WorkshopPage from "./WorkshopPage.svelte";

setupI18n();

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const quarters = (): ReviewQuarters => ({
  current: "2026Q4",
  quarters: [
    { key: "2026Q4", year: 2026, number: 4, leads: 60, current: true },
    { key: "2026Q3", year: 2026, number: 3, leads: 78, current: false },
    { key: "2020Q1", year: 2020, number: 1, leads: 0, current: false },
  ],
});

const noHandoffs = { handoffs: 0, decided: 0, within: 0, breached: 0, compliance: null, medianMinutes: null, p90Minutes: null };

/** A review as the backend sends it: one line of each verdict at least, and a funnel. */
const review = (key = "2026Q4", over: Partial<Review> = {}): Review => ({
  quarter: { key, year: 2026, number: Number(key.slice(-1)), firstMonth: 202610, lastMonth: 202612, current: key === "2026Q4" },
  previousQuarter: { key: "2026Q3", year: 2026, number: 3 },
  agreement: { version: 2, savedAt: "2026-12-06T08:00:00Z", actor: "Aisyah", savedAfterQuarter: false, complianceGoal: 90 },
  leads: 60,
  funnel: [
    { stage: "anonymous", now: 2, reached: 60, conversion: null, band: null, verdict: null },
    { stage: "known", now: 10, reached: 58, conversion: 96.7, band: null, verdict: null },
    { stage: "mql", now: 4, reached: 45, conversion: 77.6, band: null, verdict: null },
    { stage: "sal", now: 5, reached: 15, conversion: 33.3, band: { from: "mql", to: "sal", low: 15, high: 30 }, verdict: "above" },
    { stage: "sql", now: 3, reached: 4, conversion: 26.7, band: { from: "sal", to: "sql", low: 40, high: 60 }, verdict: "below" },
    { stage: "opportunity", now: 0, reached: 0, conversion: 0, band: { from: "sql", to: "opportunity", low: 30, high: 50 }, verdict: "below" },
    { stage: "customer", now: 0, reached: 0, conversion: null, band: { from: "opportunity", to: "customer", low: 20, high: 40 }, verdict: null },
  ],
  conversion: [
    { from: "mql", to: "sal", base: 45, reached: 15, conversion: 33.3, band: { from: "mql", to: "sal", low: 15, high: 30 }, verdict: "kept" },
    { from: "sal", to: "sql", base: 15, reached: 4, conversion: 26.7, band: { from: "sal", to: "sql", low: 40, high: 60 }, verdict: "missed" },
    { from: "opportunity", to: "customer", base: 0, reached: 0, conversion: null, band: { from: "opportunity", to: "customer", low: 20, high: 40 }, verdict: "noData" },
  ],
  stageTime: [{ stage: "mql", visits: 41, averageDays: 1.4, medianDays: 1, typicalDays: 3, bestDays: 1, verdict: "kept" }],
  slaByType: [{ leadType: "icp", targetMinutes: 5, stats: { ...noHandoffs, handoffs: 3, decided: 3, within: 2, compliance: 66.7 }, verdict: "missed" }],
  slaByRep: [
    { rep: "Ravi", onRoster: true, stats: { ...noHandoffs, handoffs: 2, decided: 2, within: 2, compliance: 100 }, verdict: "kept" },
    { rep: null, onRoster: false, stats: noHandoffs, verdict: "noData" },
  ],
  rejections: [
    { code: "notIcp", count: 2, answered: 10, share: 20, previousCount: 6, previousAnswered: 20, previousShare: 30, verdict: "kept" },
  ],
  recycles: [{ from: "sal", reason: null, count: 1, verdict: "missed" }],
  blackHoles: [{ kind: "unclaimedMql", stage: "mql", total: 4, exposed: 45, verdict: "missed" }],
  tally: { kept: 4, missed: 5, noData: 2 },
  ...over,
});

beforeEach(() => {
  calls.length = 0;
  fake.charts.length = 0;
  backend = {
    review_quarters: () => quarters(),
    quarterly_review: (input) => review((input as { quarter: string }).quarter),
  };
  locale.set("en");
});

afterEach(() => cleanup());

const lines = () => screen.getAllByTestId("review-line");
const line = (topic: string, key: string) =>
  lines().find((row) => row.dataset.topic === topic && row.dataset.key === key) ?? null;

describe("the Workshop page", () => {
  it("opens on the current quarter and says each line's verdict in words beside its mark", async () => {
    render(WorkshopPage);
    await waitFor(() => expect(lines()).toHaveLength(10));
    expect(calls.map((c) => [c.command, c.input])).toEqual([
      ["review_quarters", undefined],
      ["quarterly_review", { quarter: "2026Q4" }],
    ]);
    expect((screen.getByTestId("review-quarter") as HTMLSelectElement).value).toBe("2026Q4");
    expect(within(line("conversion", "mql-sal")!).getByTestId("verdict").textContent).toBe("✓ Kept");
    expect(within(line("conversion", "sal-sql")!).getByTestId("verdict").textContent).toBe("✗ Missed");
    expect(within(line("conversion", "opportunity-customer")!).getByTestId("verdict").textContent).toBe("– No data");
    expect(within(line("recycles", "sal:")!).getByText("No reason given")).toBeTruthy();
    expect(within(line("slaByRep", "")!).getByText("No owner")).toBeTruthy();
    expect(screen.getByTestId("review-tally").textContent).toBe("4 kept · 5 missed · 2 no data");
    expect(screen.getByTestId("review-agreement").textContent?.trim()).toBe(
      "Held to Playbook version 2, saved on December 6, 2026 by Aisyah.",
    );
    expect(screen.getByTestId("review-leads").textContent?.trim()).toBe("60 leads created in Q4 2026");
    // The rejection hint names the quarter compared with, in words.
    expect(screen.getByTestId("topic-rejections").textContent).toContain("against Q3 2026");

    locale.set("ms");
    await waitFor(() =>
      expect(within(line("conversion", "sal-sql")!).getByTestId("verdict").textContent).toBe("✗ Terlepas"),
    );
    expect(within(line("conversion", "mql-sal")!).getByTestId("verdict").textContent).toBe("✓ Ditunaikan");
  });

  it("asks for another quarter when one is chosen and says when today's version stands in", async () => {
    backend.quarterly_review = (input) =>
      review((input as { quarter: string }).quarter, {
        agreement: { version: 2, savedAt: "2026-12-06T08:00:00Z", actor: "sample", savedAfterQuarter: true, complianceGoal: 90 },
      });
    render(WorkshopPage);
    const select = (await screen.findByTestId("review-quarter")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      "Q4 2026, under way · 60 leads",
      "Q3 2026 · 78 leads",
      "Q1 2020 · no leads",
    ]);
    await fireEvent.change(select, { target: { value: "2026Q3" } });
    await waitFor(() => expect(calls.at(-1)).toEqual({ command: "quarterly_review", input: { quarter: "2026Q3" } }));
    await waitFor(() => expect(screen.getByTestId("review-summary").dataset.quarter).toBe("2026Q3"));
    expect(screen.getByTestId("review-agreement").textContent?.trim()).toBe(
      "No Playbook version was saved before this quarter ended, so today's version 2 stands in.",
    );
  });

  it("explains a quarter with no leads instead of showing empty tables", async () => {
    backend.quarterly_review = () => review("2020Q1", { quarter: { key: "2020Q1", year: 2020, number: 1, firstMonth: 202001, lastMonth: 202003, current: false }, leads: 0, conversion: [], stageTime: [], slaByType: [], slaByRep: [], rejections: [], recycles: [], blackHoles: [], tally: { kept: 0, missed: 0, noData: 0 } });
    render(WorkshopPage);
    const empty = await screen.findByTestId("review-empty");
    expect(within(empty).getByText("No leads were created in Q1 2020")).toBeTruthy();
    expect(screen.queryAllByTestId("review-line")).toHaveLength(0);
    expect((screen.getByTestId("presenter-open") as HTMLButtonElement).disabled).toBe(true);
  });

  it("offers the sample year in an empty workspace and reviews its current quarter once loaded", async () => {
    let loaded = false;
    const none = { ...quarters(), quarters: [{ key: "2026Q4", year: 2026, number: 4, leads: 0, current: true }] };
    backend.review_quarters = () => (loaded ? quarters() : none);
    backend.quarterly_review = (input) => {
      const key = (input as { quarter: string }).quarter;
      return loaded ? review(key) : review(key, { leads: 0, tally: { kept: 0, missed: 0, noData: 0 } });
    };
    backend.load_sample = () => {
      loaded = true;
      return 300;
    };
    render(WorkshopPage);
    const empty = await screen.findByTestId("review-no-leads");
    expect(within(empty).getByText("No leads yet")).toBeTruthy();
    await fireEvent.click(within(empty).getByTestId("review-load-sample"));
    expect(await screen.findByTestId("review-summary")).toBeTruthy();
    expect(calls.map((c) => c.command)).toContain("load_sample");
    expect(screen.queryByTestId("review-no-leads")).toBeNull();
    expect(lines().length).toBeGreaterThan(0);
  });

  it("the presenter view shows the quarter's funnel and lines in a dark or light theme, and Escape leaves it", async () => {
    render(WorkshopPage);
    await waitFor(() => expect(lines()).toHaveLength(10));
    await fireEvent.click(screen.getByTestId("presenter-open"));
    const presenter = screen.getByTestId("presenter");
    expect(presenter.getAttribute("role")).toBe("dialog");
    expect(presenter.dataset.theme).toBe("dark");
    expect(within(presenter).getByRole("heading", { level: 1 }).textContent).toBe("Quarterly review · Q4 2026");
    expect(within(presenter).getByTestId("presenter-tally").textContent).toBe("4 kept · 5 missed · 2 no data");
    // Only the presenter's copy of the lines is on screen.
    expect(lines()).toHaveLength(10);
    expect(within(presenter).getAllByTestId("review-line")).toHaveLength(10);
    // The Funnel page's chart, on the cohort: each step's reached count.
    const chart = fake.charts.at(-1) as FakeChart;
    const data = chart.options.at(-1)?.series[0]?.data.map((d) => [d.stage, d.value]);
    expect(data).toEqual([
      ["anonymous", 60], ["known", 58], ["mql", 45], ["sal", 15], ["sql", 4], ["opportunity", 0], ["customer", 0],
    ]);

    await fireEvent.click(within(presenter).getByTestId("presenter-theme-light"));
    expect(screen.getByTestId("presenter").dataset.theme).toBe("light");
    expect(within(presenter).getByTestId("presenter-theme-light").getAttribute("aria-pressed")).toBe("true");
    expect(chart.disposed).toBe(true);
    expect(fake.charts).toHaveLength(2);

    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("presenter")).toBeNull();
    expect(line("conversion", "mql-sal")).not.toBeNull();
  });
});

describe("reaching the Workshop page", () => {
  it("Ctrl+6 and ⌘6 go to the Workshop page; other keys go nowhere", () => {
    const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
      pageForShortcut({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
    expect(key("6", { ctrlKey: true })).toBe("workshop");
    expect(key("6", { metaKey: true })).toBe("workshop");
    expect(key("5", { ctrlKey: true })).toBe("data");
    expect(key("6")).toBeNull();
    expect(key("6", { ctrlKey: true, shiftKey: true })).toBeNull();
    expect(key("7", { ctrlKey: true })).toBeNull();
    expect(key("0", { ctrlKey: true })).toBeNull();
  });

  it("the navigation lists the Workshop page sixth with its shortcut", () => {
    render(NavBar, { current: "workshop" });
    const links = screen.getAllByRole("link");
    const workshop = links[5]!;
    expect(workshop.textContent).toBe("Workshop");
    expect(workshop.getAttribute("href")).toBe("#/workshop");
    expect(workshop.getAttribute("title")).toBe("Ctrl+6");
    expect(workshop.getAttribute("aria-current")).toBe("page");
  });
});
