import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Assessment } from "../../lib/bindings/Assessment";
import type { LeadDetail } from "../../lib/bindings/LeadDetail";
import type { LeadQuery } from "../../lib/bindings/LeadQuery";
import type { LeadRow } from "../../lib/bindings/LeadRow";
import type { ScoreLine } from "../../lib/bindings/ScoreLine";
import { applyLocale, setupI18n } from "../../lib/i18n";

// A hand-rolled backend: each command answers from `backend`, and every call is recorded.
const calls: { command: string; input: unknown }[] = [];
let backend: Record<string, (input: unknown) => unknown> = {};
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string, args?: { input?: unknown }) => {
    calls.push({ command, input: args?.input });
    return backend[command]?.(args?.input);
  },
}));

import { emptyProfile, LeadDetailState } from "../../lib/state/leadDetail.svelte";
import { navigation } from "../../lib/state/navigation.svelte";
import ActivityLog from "./ActivityLog.svelte";
import LeadDetailPage from "./LeadDetailPage.svelte";
import LeadList from "./LeadList.svelte";
import LeadForm from "./LeadForm.svelte";
import StageBar from "./StageBar.svelte";
import HistoryTimeline from "./HistoryTimeline.svelte";
import ScorePanel from "./ScorePanel.svelte";

setupI18n();

// jsdom has no layout, so no ResizeObserver: the list then sees a zero-height viewport.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const row = (id: number): LeadRow => ({
  id,
  name: `Lead ${id}`,
  company: "Kedai",
  email: `l${id}@kedai.my`,
  owner: null,
  stage: "known",
  priority: 50,
  engagement: 10,
  source: "inbound",
  qualification: "iql",
  fit: "smb",
  quadrant: "lowFitLowInterest",
  temperature: "warm",
  lastActivityAt: "2026-11-01T00:00:00Z",
  stageEnteredAt: "2026-11-01T00:00:00Z",
});

const detail = (): LeadDetail => ({
  lead: {
    id: 7,
    stage: "sal",
    profile: emptyProfile(),
    createdAt: "2026-11-01T00:00:00Z",
    updatedAt: "2026-11-01T00:00:00Z",
    stageEnteredAt: "2026-11-01T00:00:00Z",
    lastActivityAt: "2026-11-01T00:00:00Z",
    outcome: null,
  },
  assessment: {
    classification: { source: "inbound", qualification: "sal", fit: "smb", temperature: "hot", quadrant: "lowFitLowInterest" },
    priority: { total: 62, lines: [] },
    engagement: { total: 0, fit: 0, interest: 0, negative: 0, threshold: 50, lines: [] },
  },
  activities: [],
  history: [],
  duplicate: false,
  duplicateOf: null,
  next: [
    {
      event: "qualify",
      to: "sql",
      needsReason: false,
      unmet: [
        { criterion: "budgetAnswered", message: "Budget" },
        { criterion: "timelineSet", message: "Timeline" },
      ],
    },
  ],
});

afterEach(cleanup);

beforeEach(() => {
  calls.length = 0;
  backend = {};
});

describe("the lead list", () => {
  it("renders only the rows in view of 100,000 and asks the backend for the pages it needs", async () => {
    backend.list_leads = (input) => {
      const q = input as LeadQuery;
      const rows = Array.from({ length: q.limit }, (_, i) => row(q.offset + i + 1));
      return { total: 100_000, all: 100_000, offset: q.offset, rows };
    };
    render(LeadList);
    await waitFor(() => expect(screen.getAllByTestId("lead-row").length).toBeGreaterThan(0));
    expect(screen.getAllByTestId("lead-row").length).toBeLessThan(60);
    expect(screen.getByTestId("lead-count").textContent).toContain("100,000");
    expect(calls.filter((c) => c.command === "list_leads").map((c) => (c.input as LeadQuery).offset)).toEqual([0]);
  });

  it("offers the sample when the workspace is empty", async () => {
    backend.list_leads = () => ({ total: 0, all: 0, offset: 0, rows: [] });
    render(LeadList);
    expect(await screen.findByTestId("load-sample")).toBeTruthy();
  });
});

/** The list's backend: `total` leads numbered from 1, in pages as asked. */
function hundredThousand() {
  backend.list_leads = (input) => {
    const q = input as LeadQuery;
    const rows = Array.from({ length: Math.min(q.limit, 100_000 - q.offset) }, (_, i) => row(q.offset + i + 1));
    return { total: 100_000, all: 100_000, offset: q.offset, rows };
  };
}

const listOffsets = () =>
  calls.filter((c) => c.command === "list_leads").map((c) => (c.input as LeadQuery).offset);

/** jsdom has no layout: scrolling is the viewport reporting a new scrollTop, as a browser does. */
async function scrollTo(viewport: HTMLElement, top: number) {
  Object.defineProperty(viewport, "scrollTop", { value: top, configurable: true, writable: true });
  await fireEvent.scroll(viewport);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the lead list while scrolling and filtering", () => {
  it("fetches only the pages the viewport reaches when scrolled halfway down 100,000 leads", async () => {
    hundredThousand();
    render(LeadList);
    await waitFor(() => expect(screen.getAllByTestId("lead-row")[0]?.dataset.leadId).toBe("1"));

    await scrollTo(screen.getByTestId("lead-viewport"), 44 * 50_000); // row 50,001 at the top
    await waitFor(() => expect(screen.getByText("Lead 50001")).toBeTruthy());
    const ids = screen.getAllByTestId("lead-row").map((r) => Number(r.dataset.leadId));
    expect(ids.length).toBeLessThan(60);
    expect(Math.min(...ids)).toBeGreaterThan(49_900);
    // Two pages around row 50,000 were asked for, not the 500 in between.
    expect(listOffsets()).toEqual([0, 49_900, 50_000]);

    // Back at the top: the first page is still cached, so nothing is fetched again.
    await scrollTo(screen.getByTestId("lead-viewport"), 0);
    await waitFor(() => expect(screen.getByText("Lead 1")).toBeTruthy());
    expect(listOffsets()).toEqual([0, 49_900, 50_000]);
  });

  it("asks again from the top with the chosen stage, and clears filters when nothing matches", async () => {
    backend.list_leads = (input) => {
      const q = input as LeadQuery;
      if (q.stage === "customer") return { total: 0, all: 48, offset: 0, rows: [] };
      return { total: 48, all: 48, offset: 0, rows: Array.from({ length: 48 }, (_, i) => row(i + 1)) };
    };
    render(LeadList);
    await waitFor(() => expect(screen.getByTestId("lead-count").textContent).toContain("48 of 48"));

    await fireEvent.change(screen.getByTestId("filter-stage"), { target: { value: "customer" } });
    expect(await screen.findByText("No lead matches these filters")).toBeTruthy();
    expect(calls.at(-1)?.input).toMatchObject({ stage: "customer", offset: 0 });
    expect(screen.queryAllByTestId("lead-row")).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("clear-filters"));
    await waitFor(() => expect(screen.getAllByTestId("lead-row").length).toBeGreaterThan(0));
    expect(calls.at(-1)?.input).toMatchObject({ stage: null, offset: 0 });
    expect((screen.getByTestId("filter-stage") as HTMLSelectElement).value).toBe("");
  });

  it("searches once the user pauses typing, not on every key", async () => {
    hundredThousand();
    render(LeadList);
    await waitFor(() => expect(listOffsets()).toHaveLength(1));
    const search = screen.getByTestId("lead-search");
    for (const text of ["s", "si", "sit"]) await fireEvent.input(search, { target: { value: text } });
    await sleep(350);
    const searches = calls.filter((c) => c.command === "list_leads").map((c) => (c.input as LeadQuery).search);
    expect(searches).toEqual(["", "sit"]);
  });

  it("loads the sample into an empty workspace and then lists it", async () => {
    let sampled = false;
    let finishSample: () => void = () => {};
    backend.load_sample = () =>
      new Promise((resolve) => {
        finishSample = () => {
          sampled = true;
          resolve(48);
        };
      });
    backend.list_leads = () =>
      sampled
        ? { total: 48, all: 48, offset: 0, rows: Array.from({ length: 48 }, (_, i) => row(i + 1)) }
        : { total: 0, all: 0, offset: 0, rows: [] };
    render(LeadList);
    const button = await screen.findByTestId("load-sample");
    await fireEvent.click(button);
    expect(button.textContent).toContain("Loading sample");
    expect((button as HTMLButtonElement).disabled).toBe(true);
    finishSample();
    await waitFor(() => expect(screen.getByTestId("lead-count").textContent).toContain("48 of 48"));
    expect(screen.queryByTestId("leads-empty")).toBeNull();
  });

  it("opens a new lead with the n key, but not while typing in the search box", async () => {
    hundredThousand();
    location.hash = "#/leads";
    render(LeadList);
    await fireEvent.keyDown(screen.getByTestId("lead-search"), { key: "n" });
    expect(location.hash).toBe("#/leads");
    await fireEvent.keyDown(document.body, { key: "n" });
    expect(location.hash).toBe("#/leads/new");
    location.hash = "";
  });
});

describe("the lead form", () => {
  it("shows a problem the backend found beside its field", async () => {
    backend.create_lead = () => ({
      type: "invalid",
      problems: [{ field: "contact.email", problem: "invalidEmail", message: "not an email" }],
    });
    const lead = new LeadDetailState();
    render(LeadForm, { lead });
    await lead.save();
    const problem = await screen.findByTestId("field-problem");
    expect(problem.dataset.field).toBe("contact.email");
    expect(problem.textContent).toContain("not an email address");
    expect(document.getElementById("field-contact-email")?.getAttribute("aria-invalid")).toBe("true");
  });
});

describe("the lead page", () => {
  afterEach(async () => {
    navigation.leaveGuard = null;
    vi.restoreAllMocks();
    location.hash = "";
    await sleep(0);
  });

  it("puts the cursor in the first field the backend refused", async () => {
    backend.create_lead = () => ({
      type: "invalid",
      problems: [
        { field: "contact.email", problem: "invalidEmail", message: "not an email" },
        { field: "contact.phone", problem: "invalidPhone", message: "not a phone" },
      ],
    });
    render(LeadDetailPage, { route: "new" });
    await fireEvent.input(document.getElementById("field-contact-email") as HTMLElement, { target: { value: "siti@kedai" } });
    await fireEvent.click(screen.getByTestId("save-lead"));
    await waitFor(() => expect(document.activeElement?.id).toBe("field-contact-email"));
    expect(screen.getAllByTestId("field-problem").map((p) => p.dataset.field)).toEqual(["contact.email", "contact.phone"]);
  });

  it("keeps what the user typed and shows the backend's message when saving fails", async () => {
    backend.create_lead = () => {
      throw { code: "Storage", message: "The disk is full" };
    };
    render(LeadDetailPage, { route: "new" });
    const name = document.getElementById("field-contact-name") as HTMLInputElement;
    await fireEvent.input(name, { target: { value: "Siti Aminah" } });
    await fireEvent.click(screen.getByTestId("save-lead"));
    expect((await screen.findByRole("alert")).textContent).toContain("The disk is full");
    expect(name.value).toBe("Siti Aminah");
  });

  it("asks before leaving unsaved edits, and stays when the user says no", async () => {
    const asked: string[] = [];
    vi.spyOn(window, "confirm").mockImplementation((text) => {
      asked.push(String(text));
      return false;
    });
    location.hash = "#/leads/new";
    await sleep(0);
    render(LeadDetailPage, { route: "new" });
    await fireEvent.input(document.getElementById("field-contact-name") as HTMLElement, { target: { value: "Siti" } });
    location.hash = "#/playbook";
    await waitFor(() => expect(asked).toEqual(["You have unsaved changes. Leave without saving?"]));
    expect(navigation.page).toBe("leads");
    expect(location.hash).toBe("#/leads/new");
  });

  it("goes to the new lead's address once it is created", async () => {
    const created = detail();
    created.lead.id = 41;
    created.lead.profile = { ...created.lead.profile, contact: { ...created.lead.profile.contact, name: "Siti" } };
    backend.create_lead = () => ({ type: "saved", detail: created });
    render(LeadDetailPage, { route: "new" });
    await fireEvent.input(document.getElementById("field-contact-name") as HTMLElement, { target: { value: "Siti" } });
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await waitFor(() => expect(location.hash).toBe("#/leads/41"));
    expect(calls.find((c) => c.command === "create_lead")?.input).toMatchObject({ profile: { contact: { name: "Siti" } } });
  });

  it("offers to merge a duplicate into the lead that came first, after a confirmation", async () => {
    const twin = { ...detail(), duplicate: true, duplicateOf: 3 };
    backend.get_lead = () => twin;
    backend.merge_leads = () => ({ ...detail(), lead: { ...detail().lead, id: 3 } });
    const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
    render(LeadDetailPage, { route: 7 });
    expect((await screen.findByTestId("duplicate-first")).getAttribute("href")).toBe("#/leads/3");
    await fireEvent.click(screen.getByTestId("merge-duplicate"));
    expect(calls.some((c) => c.command === "merge_leads")).toBe(false);
    await fireEvent.click(screen.getByTestId("merge-duplicate"));
    await waitFor(() => expect(location.hash).toBe("#/leads/3"));
    expect(calls.find((c) => c.command === "merge_leads")?.input).toEqual({ keep: 3, duplicate: 7 });
    confirm.mockRestore();
  });

  it("shows no form for a lead the backend cannot find, so nothing is created by mistake", async () => {
    backend.get_lead = () => {
      throw { code: "NotFound", message: "No lead 99" };
    };
    render(LeadDetailPage, { route: 99 });
    expect((await screen.findByRole("alert")).textContent).toContain("No lead 99");
    expect(screen.queryByTestId("save-lead")).toBeNull();
  });
});

describe("the activity log", () => {
  it("logs a contact attempt and shows the lead the backend returns, newest first", async () => {
    const lead = new LeadDetailState();
    lead.detail = detail();
    backend.log_activity = () => ({
      ...detail(),
      activities: [
        { at: "2026-11-03T09:00:00Z", kind: { type: "touch", channel: "call", outcome: "noAnswer" }, actor: "Rina", note: "try again" },
        { at: "2026-11-02T09:00:00Z", kind: { type: "pageVisit", url: "/pricing", pricing: true }, actor: "", note: "" },
      ],
    });
    render(ActivityLog, { lead });
    await fireEvent.change(screen.getByTestId("activity-type"), { target: { value: "touch" } });
    await fireEvent.input(screen.getByTestId("activity-note"), { target: { value: "try again" } });
    await fireEvent.click(screen.getByTestId("log-activity"));
    await waitFor(() => expect(screen.getAllByTestId("activity")).toHaveLength(2));
    const [newest, older] = screen.getAllByTestId("activity");
    expect(newest?.textContent).toContain("Contact attempt");
    expect(newest?.textContent).toContain("Call · No answer");
    expect(newest?.textContent).toContain("by Rina");
    expect(older?.textContent).toContain("Pricing-page visit");
    expect(calls.at(-1)).toEqual({
      command: "log_activity",
      input: { id: 7, kind: { type: "touch", channel: "call", outcome: "noAnswer" }, at: null, note: "try again" },
    });
    await waitFor(() => expect((screen.getByTestId("activity-note") as HTMLInputElement).value).toBe(""));
  });
});

describe("the stage bar", () => {
  it("lists what blocks a move and shows the backend's refusal when it is tried", async () => {
    backend.move_lead = () => ({
      type: "refused",
      refusal: { type: "blocked", to: "sql", unmet: detail().next[0]?.unmet ?? [] },
      message: "Cannot move to SQL",
    });
    const lead = new LeadDetailState();
    lead.detail = detail();
    render(StageBar, { lead });
    const unmet = screen.getByTestId("unmet-list");
    expect(unmet.textContent).toContain("Budget: an amount");
    expect(unmet.textContent).toContain("Timeline: a date or a period");
    await fireEvent.click(screen.getByTestId("next-qualify"));
    const refusal = await screen.findByTestId("refusal");
    expect(refusal.textContent).toContain("Cannot move to SQL yet");
    expect(calls.at(-1)).toEqual({ command: "move_lead", input: { id: 7, event: { type: "qualify" } } });
  });
});

describe("the stage bar's questions", () => {
  it("asks for a required reason, sends it, and Escape closes the question", async () => {
    backend.move_lead = () => ({ type: "moved", detail: { ...detail(), next: [] } });
    const lead = new LeadDetailState();
    lead.detail = { ...detail(), next: [{ event: "recycle", to: "recycled", needsReason: true, unmet: [] }] };
    render(StageBar, { lead });

    await fireEvent.click(screen.getByTestId("next-recycle"));
    const answer = screen.getByTestId("move-answer");
    await fireEvent.keyDown(answer, { key: "Escape" });
    expect(screen.queryByTestId("move-dialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("next-recycle"));
    expect(calls).toHaveLength(0);

    await fireEvent.click(screen.getByTestId("next-recycle"));
    const submit = screen.getByRole("button", { name: "Recycle to marketing" }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // no reason, no move
    await fireEvent.input(screen.getByTestId("move-answer"), { target: { value: "No budget this year" } });
    await fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByTestId("move-dialog")).toBeNull());
    expect(calls.at(-1)).toEqual({
      command: "move_lead",
      input: { id: 7, event: { type: "recycle", reason: "No budget this year" } },
    });
  });

  it("asks who accepts the lead and sends that owner", async () => {
    backend.move_lead = () => ({ type: "moved", detail: detail() });
    const lead = new LeadDetailState();
    lead.detail = { ...detail(), next: [{ event: "accept", to: "sal", needsReason: false, unmet: [] }] };
    render(StageBar, { lead });
    await fireEvent.click(screen.getByTestId("next-accept"));
    expect(screen.getByRole("textbox", { name: /Who accepts it\?/ })).toBeTruthy();
    await fireEvent.input(screen.getByTestId("move-answer"), { target: { value: "Rina" } });
    await fireEvent.submit(screen.getByTestId("move-answer").closest("form") as HTMLFormElement);
    await waitFor(() => expect(calls.at(-1)?.input).toEqual({ id: 7, event: { type: "accept", owner: "Rina" } }));
  });

  it("shows the backend's words when a move is not allowed from this stage", async () => {
    backend.move_lead = () => ({
      type: "refused",
      refusal: { type: "notAllowed", from: "sal", event: "win", allowed: ["qualify"] },
      message: "A lead at SAL cannot be won.",
    });
    const lead = new LeadDetailState();
    lead.detail = { ...detail(), next: [{ event: "markMql", to: "mql", needsReason: false, unmet: [] }] };
    render(StageBar, { lead });
    await fireEvent.click(screen.getByTestId("next-markMql"));
    expect((await screen.findByTestId("refusal")).textContent).toContain("A lead at SAL cannot be won.");
  });
});

describe("the stage history", () => {
  it("names the rule that moved the lead", () => {
    render(HistoryTimeline, {
      history: [
        { from: null, to: "anonymous", at: "2026-11-01T08:00:00Z", actor: { type: "person", name: "Aisyah" }, event: null, reason: null },
        {
          from: "known",
          to: "mql",
          at: "2026-11-02T08:00:00Z",
          actor: { type: "rule", ruleId: "demo-request", label: "Demo request → MQL" },
          event: "markMql",
          reason: null,
        },
      ],
    });
    const entries = screen.getAllByTestId("history-entry");
    expect(entries[0]?.textContent).toContain("by Aisyah");
    expect(entries[1]?.textContent).toContain("by rule: Demo request → MQL");
  });
});

describe("the shipped Playbook's texts in the reader's language", () => {
  afterEach(() => applyLocale("en"));

  const ruleMoved = (label: string) => ({
    from: "known" as const,
    to: "mql" as const,
    at: "2026-11-02T08:00:00Z",
    actor: { type: "rule" as const, ruleId: "demo-request", label },
    event: "markMql" as const,
    reason: null,
  });

  it("names an unedited default rule in Malay, and an edited one as the team wrote it", () => {
    applyLocale("ms");
    render(HistoryTimeline, { history: [ruleMoved("Demo request → MQL"), ruleMoved("Demo dari Shopee → MQL")] });
    const entries = screen.getAllByTestId("history-entry");
    expect(entries[0]?.textContent).toContain("Permintaan demo → MQL");
    expect(entries[1]?.textContent).toContain("Demo dari Shopee → MQL");
  });

  it("labels the score lines in Chinese while they are the defaults", () => {
    applyLocale("zh-CN");
    render(ScorePanel, {
      assessment: {
        classification: { source: "referral", qualification: "mql", fit: "icp", temperature: "hot", quadrant: "highFitHighInterest" },
        priority: {
          total: 87,
          lines: [
            {
              criterion: "source", label: "Source", kind: null, points: 30,
              detail: { type: "weighted", value: "referral", points: 100, weight: 30 },
            },
          ],
        },
        engagement: {
          total: 45, fit: 15, interest: 30, negative: 0, threshold: 50,
          lines: [
            { criterion: "senior-title", label: "Decision-maker title", kind: "explicit", points: 15, detail: { type: "matched" } },
            {
              criterion: "demo-request", label: "Demo booked", kind: "implicit", points: 30,
              detail: { type: "counted", count: 1, points: 30 },
            },
          ],
        },
      },
    });
    const label = (criterion: string) =>
      document.querySelector(`[data-criterion="${criterion}"] td`)?.textContent;
    expect(label("source")).toBe("来源");
    expect(label("senior-title")).toBe("决策者职位");
    expect(label("demo-request")).toBe("Demo booked");
    // How the points came about is worded in the reader's language too, not the wire names.
    const detail = (criterion: string) =>
      document.querySelector(`[data-criterion="${criterion}"] .detail`)?.textContent;
    expect(detail("source")).toBe("转介绍：100 × 30%");
    expect(detail("demo-request")).toBe("1 次 × 30");
    expect(detail("senior-title")).toBe("");
  });
});

describe("a counted score line", () => {
  afterEach(() => applyLocale("en"));

  /** An assessment with one counted engagement line: `points` is what decay and the cap left. */
  const scored = (points: number, detail: ScoreLine["detail"]) => ({
    assessment: {
      classification: { source: "inbound", qualification: "mql", fit: "icp", temperature: "warm", quadrant: "highFitHighInterest" },
      priority: { total: 60, lines: [] },
      engagement: {
        total: 11, fit: 0, interest: 11, negative: 0, threshold: 50,
        lines: [{ criterion: "pricing-visit", label: "Pricing page", kind: "implicit", points, detail }],
      },
    } as Assessment,
  });
  const detail = () => document.querySelector(`[data-criterion="pricing-visit"] .detail`)?.textContent;

  it("says how old the last activity is and what decay left of the cap", () => {
    render(ScorePanel, scored(10.7, { type: "counted", count: 3, points: 10, lastDaysAgo: 40, cap: 30 }));
    expect(detail()).toBe("3 × 10, last 40 days ago: +10.7 of 30");
  });

  it("leaves out the cap when the criterion has none, and words one day and today", () => {
    render(ScorePanel, scored(9.8, { type: "counted", count: 1, points: 10, lastDaysAgo: 1, cap: null }));
    expect(detail()).toBe("1 × 10, last 1 day ago: +9.8");
    cleanup();
    render(ScorePanel, scored(20, { type: "counted", count: 2, points: 10, lastDaysAgo: 0 }));
    expect(detail()).toBe("2 × 10, last today: +20");
  });

  it("reads in the user's language, numbers included", () => {
    applyLocale("zh-CN");
    render(ScorePanel, scored(10.7, { type: "counted", count: 3, points: 10, lastDaysAgo: 40, cap: 30 }));
    expect(detail()).toBe("3 次 × 10，最近一次在 40 天前：+10.7（上限 30）");
    cleanup();
    applyLocale("id");
    render(ScorePanel, scored(1234.5, { type: "counted", count: 1500, points: 1, lastDaysAgo: 1200, cap: 2000 }));
    expect(detail()).toBe("1.500 × 1, terakhir 1.200 hari lalu: +1.234,5 dari 2.000");
  });
});
