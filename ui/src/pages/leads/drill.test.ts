import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LeadQuery } from "../../lib/bindings/LeadQuery";
import type { LeadRow } from "../../lib/bindings/LeadRow";
import type { LeadSelection } from "../../lib/bindings/LeadSelection";
import { setupI18n } from "../../lib/i18n";

const calls: { command: string; input: unknown }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string, args?: { input?: unknown }) => {
    calls.push({ command, input: args?.input });
    const query = args?.input as LeadQuery;
    // The selection narrows 1,000 leads to 42.
    const total = query.selection ? 42 : 1000;
    const rows = Array.from({ length: Math.min(query.limit, total) }, (_, i) => row(i + 1));
    return { total, all: 1000, offset: query.offset, rows };
  },
}));

import { drill } from "../../lib/state/reportSelection.svelte";
import LeadList from "./LeadList.svelte";

setupI18n();

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

function row(id: number): LeadRow {
  return {
    id, name: `Lead ${id}`, company: "Kedai", email: `l${id}@kedai.my`, owner: null, stage: "mql", priority: 50,
    engagement: 10, source: "inbound", qualification: "mql", fit: "smb", quadrant: "lowFitLowInterest",
    temperature: "warm", lastActivityAt: "2026-11-01T00:00:00Z", stageEnteredAt: "2026-11-01T00:00:00Z",
  };
}

const selection: LeadSelection = { type: "step", filter: { source: "referral" }, stage: "mql", reached: true };
const listCalls = () => calls.filter((c) => c.command === "list_leads").map((c) => c.input as LeadQuery);

afterEach(cleanup);

beforeEach(() => {
  calls.length = 0;
  drill.current = null;
});

describe("the lead list drilled from a report", () => {
  it("narrows to the selection under a removable chip", async () => {
    drill.current = { selection, label: "MQL, ever reached" };
    render(LeadList);
    const chip = await screen.findByTestId("selection-chip");
    expect(chip.textContent).toContain("From the funnel: MQL, ever reached");
    await waitFor(() => expect(screen.getByTestId("lead-count").textContent).toContain("42 of 1,000"));
    expect(listCalls()[0]?.selection).toEqual(selection);

    await fireEvent.click(screen.getByTestId("selection-clear"));
    await waitFor(() => expect(screen.getByTestId("lead-count").textContent).toContain("1,000 of 1,000"));
    expect(screen.queryByTestId("selection-chip")).toBeNull();
    expect(drill.current).toBeNull();
    expect(listCalls().at(-1)?.selection).toBeNull();
  });

  it("shows no chip and asks for no selection without a drill-down", async () => {
    render(LeadList);
    await waitFor(() => expect(screen.getByTestId("lead-count").textContent).toContain("1,000 of 1,000"));
    expect(screen.queryByTestId("selection-chip")).toBeNull();
    expect(listCalls()[0]?.selection).toBeNull();
  });
});
