import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LeadDetail } from "../../lib/bindings/LeadDetail";
import type { LeadQuery } from "../../lib/bindings/LeadQuery";
import type { LeadRow } from "../../lib/bindings/LeadRow";
import { setupI18n } from "../../lib/i18n";

// A hand-rolled backend: each command answers from `backend`, and every call is recorded.
const calls: { command: string; input: unknown }[] = [];
let backend: Record<string, (input: unknown) => unknown> = {};
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string, args?: { input?: unknown }) => {
    calls.push({ command, input: args?.input });
    return backend[command]?.(args?.input);
  },
}));

import { LeadDetailState } from "../../lib/state/leadDetail.svelte";
import LeadList from "./LeadList.svelte";
import LeadForm from "./LeadForm.svelte";
import StageBar from "./StageBar.svelte";
import HistoryTimeline from "./HistoryTimeline.svelte";

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
    profile: new LeadDetailState().draft,
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
