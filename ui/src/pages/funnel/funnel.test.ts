import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "svelte-i18n";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BlackHoles } from "../../lib/bindings/BlackHoles";
import type { DealFigures } from "../../lib/bindings/DealFigures";
import type { DealSizeSplit } from "../../lib/bindings/DealSizeSplit";
import type { MoneyReport } from "../../lib/bindings/MoneyReport";
import type { FunnelAnswer } from "../../lib/bindings/FunnelAnswer";
import type { ReportQuery } from "../../lib/bindings/ReportQuery";
import type { SlaAnswer } from "../../lib/bindings/SlaAnswer";
import type { StallReport } from "../../lib/bindings/StallReport";
import type { VelocityAnswer } from "../../lib/bindings/VelocityAnswer";
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

/** A stand-in for ECharts: each chart records its options and click handlers. */
type Option = { series: { type: string; data: ({ value: number; stage: string } | number | null)[] }[] };
type FakeChart = {
  el: HTMLElement;
  options: Option[];
  handlers: Record<string, (event: unknown) => void>;
  getDataURL: ReturnType<typeof vi.fn>;
  disposed: boolean;
};
const fake = vi.hoisted(() => ({ charts: [] as unknown[] }));
vi.mock("echarts/core", () => ({
  use: () => {},
  init: (el: HTMLElement) => {
    const chart = {
      el,
      options: [] as unknown[],
      handlers: {} as Record<string, (event: unknown) => void>,
      disposed: false,
      setOption(option: unknown) {
        this.options.push(option);
      },
      on(name: string, handler: (event: unknown) => void) {
        this.handlers[name] = handler;
      },
      getDataURL: vi.fn(() => "data:image/png;base64,AAAA"),
      resize() {},
      dispose() {
        this.disposed = true;
      },
    };
    fake.charts.push(chart);
    return chart;
  },
}));
// Vitest refuses to hand out names a mock lacks, so each part the page registers is an empty stand-in.
vi.mock("echarts/charts", () => ({ FunnelChart: {}, BarChart: {} }));
vi.mock("echarts/components", () => ({
  TooltipComponent: {},
  GridComponent: {},
  LegendComponent: {},
  MarkLineComponent: {},
}));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

import { drill } from "../../lib/state/reportSelection.svelte";
import FunnelPage from "./FunnelPage.svelte";

setupI18n();

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

/** One currency's figures as the backend sends them: three won deals of 1,000, 2,000 and 6,000
 * ringgit and one lost of 500, two open opportunities. */
const figures = (over: Partial<DealFigures> = {}): DealFigures => ({
  currency: "MYR",
  converted: false,
  wonDeals: 3,
  wonValue: 9000,
  averageWon: 3000,
  lostDeals: 1,
  lostValue: 500,
  winRateByCount: 75,
  winRateByValue: 94.73684210526316,
  openDeals: 2,
  openValue: 14000,
  weightedValue: 10200,
  byStage: [{ stage: "opportunity", deals: 2, value: 14000, weightedValue: 10200, winShare: 30, unweightedDeals: 0 }],
  ...over,
});

/** Ringgit and Singapore dollars, with no rate for the dollar: no total. */
const money = (over: Partial<MoneyReport> = {}): MoneyReport => ({
  workspaceCurrency: "MYR",
  currencies: [
    figures(),
    figures({
      currency: "SGD", wonDeals: 1, wonValue: 300, averageWon: 300, lostDeals: 0, lostValue: 0,
      winRateByCount: 100, winRateByValue: 100, openDeals: 1, openValue: 2000, weightedValue: 600,
      byStage: [{ stage: "sql", deals: 1, value: 2000, weightedValue: 0, winShare: null, unweightedDeals: 1 }],
    }),
  ],
  total: null,
  missingRates: ["SGD"],
  closedWinRate: 60,
  ...over,
});

const dealSizes = (over: Partial<DealSizeSplit> = {}): DealSizeSplit => ({
  currency: "MYR",
  bands: [
    {
      size: "small", above: 0, upTo: 20000, won: 4, averageDaysToWon: 40.5, medianDaysToWon: 38,
      opportunityVisits: 6, opportunityAverageDays: 32.3, opportunityMedianDays: 30, typicalDays: 30, verdict: "above",
    },
    {
      size: "medium", above: 20000, upTo: 100000, won: 7, averageDaysToWon: 94, medianDaysToWon: 93,
      opportunityVisits: 9, opportunityAverageDays: 47, opportunityMedianDays: 45, typicalDays: 90, verdict: "within",
    },
    {
      size: "large", above: 100000, upTo: null, won: 2, averageDaysToWon: 112, medianDaysToWon: 96,
      opportunityVisits: 3, opportunityAverageDays: 81, opportunityMedianDays: 80, typicalDays: 180, verdict: "within",
    },
  ],
  unbandedWon: 1,
  unbandedCurrencies: ["IDR"],
  wonWithoutValue: 1,
  ...over,
});

const funnelAnswer = (leads = 1200): FunnelAnswer => ({
  overall: {
    leads,
    steps: [
      { stage: "anonymous", now: 300, reached: 1200, conversion: null, band: null, verdict: null },
      {
        stage: "known", now: 500, reached: 900, conversion: 75,
        band: { from: "anonymous", to: "known", low: 60, high: 80 }, verdict: "within",
      },
      {
        stage: "mql", now: 120, reached: 382, conversion: 42.5,
        band: { from: "known", to: "mql", low: 45, high: 60 }, verdict: "below",
      },
      {
        stage: "sal", now: 40, reached: 210, conversion: 55,
        band: { from: "mql", to: "sal", low: 50, high: 70 }, verdict: "within",
      },
      { stage: "sql", now: 30, reached: 150, conversion: 71.4, band: null, verdict: null },
      { stage: "opportunity", now: 20, reached: 80, conversion: 53.3, band: null, verdict: null },
      { stage: "customer", now: 15, reached: 15, conversion: 18.8, band: null, verdict: null },
    ],
    offPath: [["disqualified", 12]],
    money: money(),
  },
  groups: [],
});

const velocityAnswer = (): VelocityAnswer => ({
  overall: {
    stages: [
      { stage: "mql", visits: 40, averageDays: 3.5, medianDays: 2, typicalDays: 2, bestDays: 1, verdict: "above" },
      { stage: "sal", visits: 30, averageDays: 6, medianDays: 5, typicalDays: 7, bestDays: 3, verdict: "within" },
    ],
    won: 15,
    toWonAverageDays: 64.2,
    toWonMedianDays: 58,
    byDealSize: dealSizes(),
  },
  groups: [],
});

const stallReport = (): StallReport => ({
  stages: [{ stage: "sal", inStage: 40, stalled: 9, rate: 22.5, typicalDays: 7 }],
});

const holes = (): BlackHoles => ({
  holes: [
    {
      kind: "unclaimedMql",
      total: 1,
      leads: [
        {
          since: "2026-11-20T08:00:00Z",
          lead: {
            id: 41, name: "Siti Rahman", company: "Kedai Siti", email: "siti@kedai.my", owner: null, stage: "mql",
            priority: 70, engagement: 50, source: "inbound", qualification: "mql", fit: "icp",
            quadrant: "highFitHighInterest", temperature: "hot", lastActivityAt: "2026-11-20T08:00:00Z",
            stageEnteredAt: "2026-11-20T08:00:00Z",
          },
        },
      ],
    },
    { kind: "stalledSal", total: 0, leads: [] },
    { kind: "sqlWithoutOpportunity", total: 0, leads: [] },
    { kind: "agedOpportunity", total: 0, leads: [] },
  ],
});

const slaAnswer = (): SlaAnswer => ({
  overall: {
    overall: { handoffs: 50, decided: 40, within: 34, breached: 6, compliance: 85, medianMinutes: 12, p90Minutes: 95 },
    byType: [
      {
        leadType: "referral",
        stats: { handoffs: 10, decided: 10, within: 10, breached: 0, compliance: 100, medianMinutes: 4, p90Minutes: 9 },
      },
    ],
    rejections: [{ code: "badContact", count: 3 }],
  },
  groups: [],
});

function fullBackend(leads = 1200) {
  backend = {
    funnel_report: () => funnelAnswer(leads),
    velocity_report: () => velocityAnswer(),
    stall_report: () => stallReport(),
    black_holes: () => holes(),
    sla_report: () => slaAnswer(),
  };
}

/** Read through a call, so TypeScript does not keep the `null` the test itself assigned. */
const readDrill = () => drill.current;
const charts = () => fake.charts as FakeChart[];
function funnelChart(): FakeChart {
  const chart = charts().find((c) => c.el.dataset.testid === "funnel-chart" && !c.disposed);
  if (!chart) throw new Error("no funnel chart");
  return chart;
}
const lastOption = (chart: FakeChart) => {
  const option = chart.options.at(-1);
  if (!option) throw new Error("the chart got no option");
  return option;
};
const funnelValues = () =>
  lastOption(funnelChart()).series[0]?.data.map((d) => (d as { value: number }).value);

function step(stage: string): HTMLElement {
  const row = screen.getAllByTestId("funnel-step").find((r) => r.dataset.stage === stage);
  if (!row) throw new Error(`no step ${stage}`);
  return row;
}

afterEach(() => {
  cleanup();
  locale.set("en");
});

beforeEach(() => {
  calls.length = 0;
  fake.charts.length = 0;
  drill.current = null;
  location.hash = "#/funnel";
  fullBackend();
});

describe("the funnel page", () => {
  it("asks all five reports in parallel and charts the backend's counts, snapshot or cohort", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    expect(calls.map((c) => c.command).sort()).toEqual(
      ["black_holes", "funnel_report", "sla_report", "stall_report", "velocity_report"],
    );
    await waitFor(() => expect(funnelValues()).toEqual([300, 500, 120, 40, 30, 20, 15]));
    expect(lastOption(funnelChart()).series[0]?.type).toBe("funnel");
    expect(within(step("mql")).getByTestId("step-count").textContent).toBe("120");

    await fireEvent.click(screen.getByTestId("view-cohort"));
    await waitFor(() => expect(funnelValues()).toEqual([1200, 900, 382, 210, 150, 80, 15]));
    expect(within(step("anonymous")).getByTestId("step-count").textContent).toBe("1,200");
  });

  it("shows each step's conversion for the locale, with its agreed band and verdict", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    const mql = step("mql");
    expect(within(mql).getByTestId("step-conversion").textContent).toBe("42.5%");
    expect(within(mql).getByTestId("step-band").textContent).toBe("45%–60%");
    expect(within(mql).getByTestId("step-verdict").textContent).toBe("Below the band");
    expect(within(step("sql")).getByTestId("step-band").textContent).toBe("—");

    locale.set("id");
    await waitFor(() => expect(within(step("mql")).getByTestId("step-conversion").textContent).toBe("42,5%"));
    expect(within(step("mql")).getByTestId("step-verdict").textContent).toBe("Di bawah rentang");
    expect(within(step("anonymous")).getByTestId("step-count").textContent).toBe("300");
  });

  it("hands a step's leads to the lead list from the table and from the chart", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.click(screen.getByTestId("step-leads-mql"));
    expect(drill.current?.selection).toEqual({
      type: "step",
      filter: expect.objectContaining({ source: null }),
      stage: "mql",
      reached: false,
    });
    expect(drill.current?.label).toBe("MQL, in the stage now");
    expect(location.hash).toBe("#/leads");

    location.hash = "#/funnel";
    drill.current = null;
    await fireEvent.click(screen.getByTestId("view-cohort"));
    await waitFor(() => expect(funnelValues()?.[0]).toBe(1200));
    funnelChart().handlers.click?.({ dataIndex: 3 });
    const picked = readDrill();
    expect(picked?.selection).toMatchObject({ type: "step", stage: "sal", reached: true });
    expect(picked?.label).toBe("SAL, ever reached");
    expect(location.hash).toBe("#/leads");
  });

  it("lists the black holes and opens one in the lead list", async () => {
    render(FunnelPage);
    const hole = (await screen.findAllByTestId("hole")).find((h) => h.dataset.kind === "unclaimedMql");
    if (!hole) throw new Error("no unclaimedMql hole");
    expect(within(hole).getByRole("link", { name: "Siti Rahman" }).getAttribute("href")).toBe("#/leads/41");
    const empty = screen.getAllByTestId("hole").find((h) => h.dataset.kind === "stalledSal");
    expect(empty && within(empty).getByTestId("hole-empty").textContent).toBe("Nothing is stuck here.");
    expect(screen.queryByTestId("hole-leads-stalledSal")).toBeNull();

    await fireEvent.click(screen.getByTestId("hole-leads-unclaimedMql"));
    expect(drill.current?.selection).toMatchObject({ type: "blackHole", kind: "unclaimedMql" });
    expect(drill.current?.label).toBe("Unclaimed MQLs");
    expect(location.hash).toBe("#/leads");
  });

  it("shows velocity, stall and SLA figures as the backend gives them", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    const velocity = charts().find((c) => c.el.dataset.testid === "velocity-chart");
    const option = velocity && lastOption(velocity);
    expect(option?.series.map((s) => s.data)).toEqual([
      [3.5, 6],
      [2, 7],
      [1, 3],
    ]);
    expect(screen.getByTestId("to-won").textContent).toContain("64.2 days on average");
    expect(screen.getByTestId("stall-stage").textContent).toContain("22.5%");
    const rows = screen.getAllByTestId("sla-row");
    expect(rows[0]?.textContent).toContain("85%");
    expect(rows[0]?.textContent).toContain("95 min");
    expect(rows[1]?.textContent).toContain("Referral");
    expect(screen.getByTestId("rejection").textContent).toContain("Contact details wrong");
  });

  it("asks again with the new filter when one changes, and clears them", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    calls.length = 0;
    await fireEvent.change(screen.getByTestId("filter-source"), { target: { value: "referral" } });
    await waitFor(() => expect(calls).toHaveLength(5));
    for (const call of calls) expect((call.input as ReportQuery).filter.source).toBe("referral");

    calls.length = 0;
    await fireEvent.change(screen.getByTestId("filter-from"), { target: { value: "2026-03" } });
    await waitFor(() => expect(calls).toHaveLength(5));
    expect((calls[0]?.input as ReportQuery).filter).toMatchObject({ from: 202603, source: "referral" });

    calls.length = 0;
    await fireEvent.change(screen.getByTestId("filter-campaign"), { target: { value: " Raya 2026 " } });
    await waitFor(() => expect(calls).toHaveLength(5));
    expect((calls[0]?.input as ReportQuery).filter.campaign).toBe("Raya 2026");

    await fireEvent.click(screen.getByTestId("step-leads-sal"));
    expect(drill.current?.selection.filter).toMatchObject({ from: 202603, source: "referral", campaign: "Raya 2026" });

    calls.length = 0;
    await fireEvent.click(screen.getByTestId("clear-report-filters"));
    await waitFor(() => expect(calls).toHaveLength(5));
    expect(Object.values((calls[0]?.input as ReportQuery).filter).every((v) => v === null)).toBe(true);
  });

  it("exports a chart as a PNG through the backend and says where it went", async () => {
    backend.save_chart_png = () => "/home/ana/Downloads/funnel-20261125-093000.png";
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.click(screen.getByTestId("funnel-chart-export"));
    expect(funnelChart().getDataURL).toHaveBeenCalledWith(
      expect.objectContaining({ type: "png", pixelRatio: 2, backgroundColor: expect.any(String) }),
    );
    const saved = await screen.findByTestId("funnel-chart-saved");
    expect(saved.textContent).toBe("Saved to /home/ana/Downloads/funnel-20261125-093000.png");
    const sent = calls.find((c) => c.command === "save_chart_png")?.input as { name: string; dataUrl: string };
    expect(sent.name).toBe("funnel");
  });

  it("shows a friendly empty state for an empty workspace", async () => {
    fullBackend(0);
    render(FunnelPage);
    const empty = await screen.findByTestId("funnel-empty");
    expect(empty.textContent).toContain("No funnel to show yet");
    expect(screen.queryByTestId("funnel-chart")).toBeNull();
  });

  it("shows the backend's message when a report fails", async () => {
    backend.stall_report = () => {
      throw { code: "Internal", message: "The store is unreadable" };
    };
    render(FunnelPage);
    expect((await screen.findByRole("alert")).textContent).toContain("The store is unreadable");
  });

  it("disposes its charts when it goes away", async () => {
    const { unmount } = render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    unmount();
    expect(charts().every((c) => c.disposed)).toBe(true);
  });
});

/** A group's funnel: `leads` leads, conversion into MQL at `mql` percent against the 45–60 band. */
function groupReport(leads: number, mql: number, verdict: "below" | "within" | "above"): FunnelAnswer["overall"] {
  const base = funnelAnswer(leads).overall;
  return {
    ...base,
    steps: base.steps.map((s) => (s.stage === "mql" ? { ...s, conversion: mql, verdict } : s)),
  };
}

const velocityGroup = (median: number | null, average: number | null): VelocityAnswer["overall"] => ({
  ...velocityAnswer().overall,
  won: median === null ? 0 : 4,
  toWonMedianDays: median,
  toWonAverageDays: average,
});

/** The page on the SOURCES backend, broken down by source. */
async function showBySource() {
  breakdownBackend(SOURCES);
  render(FunnelPage);
  await screen.findAllByTestId("funnel-step");
  await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "source" } });
  await screen.findByTestId("breakdown-table");
}

/** The backend with a breakdown: `groups` answers each `by` (most leads first, as the engine orders). */
function breakdownBackend(groups: Record<string, { value: string; leads: number; mql: number; median: number | null }[]>) {
  fullBackend();
  backend.funnel_report = (input) => {
    const by = (input as ReportQuery).by;
    return {
      ...funnelAnswer(),
      groups: by
        ? (groups[by] ?? []).map((g) => ({ value: g.value, report: groupReport(g.leads, g.mql, g.mql < 45 ? "below" : "within") }))
        : [],
    };
  };
  backend.velocity_report = (input) => {
    const by = (input as ReportQuery).by;
    return {
      ...velocityAnswer(),
      groups: by
        ? (groups[by] ?? []).map((g) => ({ value: g.value, report: velocityGroup(g.median, g.median === null ? null : g.median + 1.5) }))
        : [],
    };
  };
}

const SOURCES = {
  source: [
    { value: "referral", leads: 700, mql: 50, median: 41 },
    { value: "inbound", leads: 480, mql: 32.5, median: null },
  ],
};

function breakdownRow(value: string): HTMLElement {
  const row = screen.getAllByTestId("breakdown-row").find((r) => r.dataset.value === value);
  if (!row) throw new Error(`no breakdown row ${value}`);
  return row;
}
const rate = (row: HTMLElement, stage: string) => {
  const cell = within(row).getAllByTestId("breakdown-rate").find((c) => c.dataset.stage === stage);
  if (!cell) throw new Error(`no rate into ${stage}`);
  return cell;
};
const rateText = (row: HTMLElement, stage: string) => within(rate(row, stage)).getByTestId("breakdown-rate-value").textContent;

describe("the breakdown card", () => {
  it("asks nothing more until a dimension is chosen", async () => {
    breakdownBackend(SOURCES);
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    expect(calls).toHaveLength(5);
    for (const call of calls) expect((call.input as ReportQuery).by).toBeNull();
    expect((screen.getByTestId("breakdown-by") as HTMLSelectElement).value).toBe("");
    expect(screen.getByTestId("breakdown-hint").textContent).toContain("Choose a dimension");
    expect(screen.queryByTestId("breakdown-table")).toBeNull();
    const options = [...(screen.getByTestId("breakdown-by") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(["None", "Source", "Campaign", "Owner", "Segment", "Industry"]);
  });

  it("choosing source asks with by: source and the page's filter, and shows each value's counts and rates", async () => {
    breakdownBackend(SOURCES);
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.change(screen.getByTestId("filter-campaign"), { target: { value: "Raya 2026" } });
    await waitFor(() => expect(calls).toHaveLength(10));

    calls.length = 0;
    await fireEvent.change(screen.getByLabelText("Break down by"), { target: { value: "source" } });
    await screen.findByTestId("breakdown-table");
    expect(calls.map((c) => c.command).sort()).toEqual(["funnel_report", "velocity_report"]);
    for (const call of calls) {
      expect(call.input).toEqual({ filter: expect.objectContaining({ campaign: "Raya 2026", source: null }), by: "source" });
    }

    const rows = screen.getAllByTestId("breakdown-row");
    expect(rows.map((r) => r.dataset.value)).toEqual(["referral", "inbound"]);
    const referral = breakdownRow("referral");
    expect(within(referral).getByTestId("breakdown-value").textContent).toBe("Referral");
    expect(within(referral).getByTestId("breakdown-leads").textContent).toBe("700");
    expect(rateText(referral, "mql")).toBe("50%");
    expect(rate(referral, "mql").className).toContain("verdict-within");
    expect(rateText(referral, "known")).toBe("75%");
    expect(rateText(referral, "customer")).toBe("18.8%");
    expect(within(referral).getByTestId("breakdown-median").textContent).toBe("41");
    expect(within(referral).getByTestId("breakdown-average").textContent).toBe("42.5");

    const inbound = breakdownRow("inbound");
    expect(rateText(inbound, "mql")).toBe("32.5%");
    expect(rate(inbound, "mql").className).toContain("verdict-below");
    expect(rate(inbound, "mql").title).toBe("Agreed band: 45%–60% · Below the band");
    expect(rate(inbound, "mql").textContent).toContain("(Below the band)");
    expect(within(inbound).getByTestId("breakdown-median").textContent).toBe("—");
    // The first step has nothing before it, so no conversion column.
    expect(within(inbound).getAllByTestId("breakdown-rate").map((c) => c.dataset.stage)).toEqual([
      "known", "mql", "sal", "sql", "opportunity", "customer",
    ]);
    expect(screen.getByRole("columnheader", { name: "Conversion from Known lead to MQL" })).toBeTruthy();

    locale.set("id");
    await waitFor(() => expect(within(breakdownRow("inbound")).getByTestId("breakdown-value").textContent).toBe("Inbound"));
    expect(rateText(breakdownRow("inbound"), "mql")).toBe("32,5%");
    expect(within(breakdownRow("referral")).getByTestId("breakdown-value").textContent).toBe("Referensi");
  });

  it("a value's button sets the page's filter, and the breakdown follows it", async () => {
    await showBySource();

    calls.length = 0;
    await fireEvent.click(screen.getByRole("button", { name: "Filter the reports to Source: Referral" }));
    await waitFor(() => expect(calls).toHaveLength(7));
    for (const call of calls) expect((call.input as ReportQuery).filter.source).toBe("referral");
    expect(calls.filter((c) => (c.input as ReportQuery).by === "source").map((c) => c.command).sort()).toEqual([
      "funnel_report",
      "velocity_report",
    ]);
    await waitFor(() => expect((screen.getByTestId("filter-source") as HTMLSelectElement).value).toBe("referral"));

    await fireEvent.click(screen.getByTestId("step-leads-mql"));
    expect(drill.current?.selection.filter).toMatchObject({ source: "referral" });
  });

  it("None removes the table without asking again", async () => {
    await showBySource();

    calls.length = 0;
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "" } });
    await waitFor(() => expect(screen.queryByTestId("breakdown-table")).toBeNull());
    expect(screen.getByTestId("breakdown-hint")).toBeTruthy();
    expect(calls).toHaveLength(0);

    // A filter change with no breakdown asks only the five reports.
    await fireEvent.change(screen.getByTestId("filter-source"), { target: { value: "inbound" } });
    await waitFor(() => expect(calls).toHaveLength(5));
    for (const call of calls) expect((call.input as ReportQuery).by).toBeNull();
  });

  it("says so when there is no value to break down", async () => {
    breakdownBackend({});
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "segment" } });
    expect((await screen.findByTestId("breakdown-empty")).textContent).toBe("No lead in these reports to break down.");
    expect(screen.queryByTestId("breakdown-table")).toBeNull();
  });

  it("shows free text as typed, the empty value as (none), and the 50 largest values with how many more", async () => {
    const owners = [
      { value: "Aisyah", leads: 900, mql: 50, median: 30 },
      { value: "", leads: 800, mql: 50, median: 30 },
      ...Array.from({ length: 51 }, (_, i) => ({ value: `rep-${i}`, leads: 100 - i, mql: 50, median: 30 })),
    ];
    breakdownBackend({ owner: owners, segment: [{ value: "smb", leads: 12, mql: 50, median: 30 }] });
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "owner" } });
    await screen.findByTestId("breakdown-table");

    const rows = screen.getAllByTestId("breakdown-row");
    expect(rows).toHaveLength(50);
    expect(rows[0]?.dataset.value).toBe("Aisyah");
    expect(rows[49]?.dataset.value).toBe("rep-47");
    expect(screen.getByTestId("breakdown-more").textContent).toBe("…and 3 more values with fewer leads.");
    expect(within(breakdownRow("Aisyah")).getByRole("button", { name: "Filter the reports to Owner: Aisyah" })).toBeTruthy();
    const none = breakdownRow("");
    expect(within(none).getByTestId("breakdown-value").textContent).toBe("(none)");
    expect(within(none).queryByRole("button")).toBeNull();

    locale.set("zh-TW");
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "segment" } });
    await waitFor(() => expect(screen.getAllByTestId("breakdown-row")).toHaveLength(1));
    expect(within(breakdownRow("smb")).getByTestId("breakdown-value").textContent).toBe("中小企業");
    expect(screen.queryByTestId("breakdown-more")).toBeNull();
  });

  it("shows the backend's message when the breakdown fails", async () => {
    breakdownBackend(SOURCES);
    const plain = backend.velocity_report;
    backend.velocity_report = (input) => {
      if ((input as ReportQuery).by) throw { code: "Internal", message: "The cells are unreadable" };
      return plain?.(input);
    };
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "source" } });
    expect((await screen.findByTestId("breakdown-error")).textContent).toBe("The cells are unreadable");
    expect(screen.queryByTestId("funnel-error")).toBeNull();
  });
});

/** Text as a reader sees it: Intl's no-break spaces as plain ones. */
const seen = (el: HTMLElement | null | undefined) => (el?.textContent ?? "").replace(/\u00a0/g, " ").trim();

function valueRow(currency: string): HTMLElement {
  const row = screen.getAllByTestId("value-row").find((r) => r.dataset.currency === currency);
  if (!row) throw new Error(`no value row ${currency}`);
  return row;
}
const cell = (row: HTMLElement, testid: string) => seen(within(row).getByTestId(testid));

describe("the deal value card", () => {
  it("shows each currency's won, lost and open value as the backend sums them, money for the locale", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("value-row");
    expect(screen.getAllByTestId("value-row").map((r) => r.dataset.currency)).toEqual(["MYR", "SGD"]);
    const myr = valueRow("MYR");
    expect(seen(within(myr).getByRole("rowheader"))).toBe("Malaysian Ringgit (MYR)");
    expect(cell(myr, "value-won")).toBe("MYR 9,000");
    expect(cell(myr, "value-won-deals")).toBe("3");
    expect(cell(myr, "value-average")).toBe("MYR 3,000");
    expect(cell(myr, "value-lost")).toBe("MYR 500");
    expect(cell(myr, "value-rate-count")).toBe("75%");
    expect(cell(myr, "value-rate-value")).toBe("94.7%");
    expect(cell(myr, "value-open")).toBe("MYR 14,000");
    expect(cell(myr, "value-weighted")).toBe("MYR 10,200");
    expect(cell(valueRow("SGD"), "value-won")).toBe("SGD 300");
    // No total from the backend: the page says why rather than adding the two up.
    expect(screen.queryAllByTestId("value-row").some((r) => r.dataset.currency === "total")).toBe(false);
    expect(seen(screen.getByTestId("value-no-total"))).toBe(
      "No total in Malaysian Ringgit: the Playbook has no rate for SGD.",
    );
    expect(seen(screen.getByTestId("value-closed-rate"))).toBe(
      "Of every closed lead, with a deal value or without, 60% were won.",
    );

    locale.set("ms");
    await waitFor(() => expect(cell(valueRow("MYR"), "value-won")).toBe("RM 9,000"));
    expect(seen(within(valueRow("MYR")).getByRole("rowheader"))).toBe("Ringgit Malaysia (MYR)");
    expect(cell(valueRow("MYR"), "value-rate-value")).toBe("94.7%");
  });

  it("adds the workspace-currency total the backend sends, and lists the open pipeline by stage", async () => {
    backend.funnel_report = () => {
      const answer = funnelAnswer();
      answer.overall.money = money({
        missingRates: [],
        total: figures({ converted: true, wonValue: 10050, wonDeals: 4, averageWon: 2512.5, openValue: 21000 }),
      });
      return answer;
    };
    render(FunnelPage);
    await screen.findAllByTestId("value-row");
    const total = valueRow("total");
    expect(seen(within(total).getByRole("rowheader"))).toBe("All in Malaysian Ringgit (Playbook rates)");
    expect(cell(total, "value-won")).toBe("MYR 10,050");
    expect(cell(total, "value-average")).toBe("MYR 2,513");
    expect(screen.queryByTestId("value-no-total")).toBeNull();

    const pipeline = screen.getAllByTestId("pipeline-row");
    expect(pipeline.map((r) => `${r.dataset.currency}/${r.dataset.stage}`)).toEqual([
      "MYR/opportunity",
      "SGD/sql",
      "total/opportunity",
    ]);
    const sql = pipeline[1];
    expect(cell(sql!, "pipeline-value")).toBe("SGD 2,000");
    expect(cell(sql!, "pipeline-weighted-value")).toBe("SGD 0");
    expect(cell(sql!, "pipeline-unweighted")).toBe("1 deal without a weight");
    expect(within(pipeline[0]!).queryByTestId("pipeline-unweighted")).toBeNull();
    expect(cell(sql!, "pipeline-share")).toBe("—");
    expect(cell(pipeline[0]!, "pipeline-share")).toBe("30%");
  });

  it("says so when no deal has a value", async () => {
    backend.funnel_report = () => {
      const answer = funnelAnswer();
      answer.overall.money = money({ currencies: [], missingRates: [], closedWinRate: null });
      return answer;
    };
    render(FunnelPage);
    expect(seen(await screen.findByTestId("value-empty"))).toBe("No deal in these reports has a value yet.");
    expect(screen.queryByTestId("value-table")).toBeNull();
  });
});

function sizeRow(size: string): HTMLElement {
  const row = screen.getAllByTestId("deal-size-row").find((r) => r.dataset.size === size);
  if (!row) throw new Error(`no deal size ${size}`);
  return row;
}

describe("velocity by deal size", () => {
  it("shows each band's range in the workspace currency and the backend's days, and the deals in no band", async () => {
    render(FunnelPage);
    await screen.findAllByTestId("deal-size-row");
    expect(screen.getAllByTestId("deal-size-row").map((r) => r.dataset.size)).toEqual(["small", "medium", "large"]);
    const small = sizeRow("small");
    expect(seen(within(small).getByRole("rowheader"))).toBe("Small");
    expect(cell(small, "deal-size-range")).toBe("up to MYR 20,000");
    expect(cell(small, "deal-size-won")).toBe("4");
    expect(cell(small, "deal-size-median")).toBe("38");
    expect(cell(small, "deal-size-average")).toBe("40.5");
    expect(cell(small, "deal-size-opportunity")).toBe("32.3");
    expect(cell(small, "deal-size-pace")).toBe("Slower than typical");
    expect(cell(sizeRow("medium"), "deal-size-range")).toBe("MYR 20,000 – MYR 100,000");
    expect(cell(sizeRow("large"), "deal-size-range")).toBe("above MYR 100,000");
    expect(seen(screen.getByTestId("deal-size-unbanded"))).toBe(
      "1 won deal is in no size band: the Playbook has no rate for IDR.",
    );
    expect(seen(screen.getByTestId("deal-size-no-value"))).toBe("1 deal was won without a value.");

    locale.set("zh-CN");
    await waitFor(() => expect(seen(within(sizeRow("large")).getByRole("rowheader"))).toBe("大"));
    expect(cell(sizeRow("large"), "deal-size-range")).toBe("超过 MYR 100,000");
  });

  it("asks for a workspace currency when the Playbook has none", async () => {
    backend.velocity_report = () => {
      const answer = velocityAnswer();
      answer.overall.byDealSize = dealSizes({ currency: null, bands: [], unbandedCurrencies: ["MYR"], unbandedWon: 5 });
      return answer;
    };
    render(FunnelPage);
    expect(seen(await screen.findByTestId("deal-size-no-currency"))).toBe(
      "Set a workspace currency in the Playbook to split velocity by deal size.",
    );
    expect(screen.queryByTestId("deal-size-table")).toBeNull();
    expect(screen.queryByTestId("deal-size-unbanded")).toBeNull();
  });
});

describe("the breakdown's value columns", () => {
  it("show the workspace-currency total where the backend has one, else each currency apart", async () => {
    breakdownBackend(SOURCES);
    const plain = backend.funnel_report;
    backend.funnel_report = (input) => {
      const answer = plain?.(input) as FunnelAnswer;
      const [referral, inbound] = answer.groups;
      if (referral) referral.report.money = money({ missingRates: [], total: figures({ converted: true, wonValue: 12000 }) });
      if (inbound) inbound.report.money = money({ currencies: [], missingRates: [], total: null });
      return answer;
    };
    render(FunnelPage);
    await screen.findAllByTestId("funnel-step");
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "source" } });
    await screen.findByTestId("breakdown-table");
    expect(cell(breakdownRow("referral"), "breakdown-won-value")).toBe("MYR 12,000");
    expect(cell(breakdownRow("referral"), "breakdown-open-value")).toBe("MYR 14,000");
    expect(cell(breakdownRow("inbound"), "breakdown-won-value")).toBe("—");
    const headers = within(screen.getByTestId("breakdown-table")).getAllByRole("columnheader").map((h) => seen(h));
    expect(headers.slice(-2)).toEqual(["Won revenue", "Open pipeline"]);

    // With no rate, each currency is shown on its own, never added up.
    backend.funnel_report = (input) => {
      const answer = plain?.(input) as FunnelAnswer;
      for (const group of answer.groups) group.report.money = money();
      return answer;
    };
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("breakdown-by"), { target: { value: "source" } });
    await waitFor(() => expect(cell(breakdownRow("referral"), "breakdown-won-value")).toBe("MYR 9,000 · SGD 300"));
  });
});
