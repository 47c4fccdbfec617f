import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Inbox } from "../../lib/bindings/Inbox";
import type { InboxItem } from "../../lib/bindings/InboxItem";
import { EngineClock } from "../../lib/countdown";
import { setupI18n } from "../../lib/i18n";
import { InboxState } from "../../lib/state/inbox.svelte";

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
/** The backend's "inbox-changed" event, fired by hand. */
let emitInboxChanged: () => void = () => {};
vi.mock("@tauri-apps/api/event", () => ({
  listen: async (_name: string, handler: (event: { payload: unknown }) => void) => {
    emitInboxChanged = () => handler({ payload: { breaches: [], recycled: [] } });
    return () => {};
  },
}));

import InboxPage from "./InboxPage.svelte";

setupI18n();

const NOW = "2026-11-25T10:00:00Z";

function item(id: number, name: string, deadline: string, rep: string, breaches = 0): InboxItem {
  return {
    lead: {
      id, name, company: `${name} Sdn Bhd`, email: "", owner: null, assignee: rep, stage: "mql", priority: 60,
      engagement: 55, source: "inbound", qualification: "mql", fit: "nearIcp", quadrant: "highFitHighInterest",
      temperature: "hot", lastActivityAt: NOW, stageEnteredAt: NOW,
    },
    handoff: {
      slaType: "inbound", minutes: 30,
      assignment: { rep, ruleId: "standard", ruleLabel: "Everyone else → AE round-robin", assign: { method: "roundRobin", role: "ae" } },
      startedAt: "2026-11-25T09:50:00Z", deadline,
      breaches: Array.from({ length: breaches }, () => ({
        at: "2026-11-25T09:55:00Z", deadline: "2026-11-25T09:54:00Z", from: "Budi", to: rep, manager: "Farid",
      })),
      resolution: null,
    },
  };
}

/** The n-th element, or a clear failure when the page shows fewer. */
function at(list: HTMLElement[], n: number): HTMLElement {
  const element = list[n];
  if (!element) throw new Error(`expected at least ${n + 1} elements, found ${list.length}`);
  return element;
}

let inbox: Inbox;
/** A monotonic timer the test moves. */
let mono = 0;
let wall = 0;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

beforeEach(() => {
  calls.length = 0;
  mono = 0;
  wall = 0;
  inbox = {
    now: NOW,
    items: [item(1, "Aminah", "2026-11-25T10:20:00Z", "Budi"), item(2, "Bakar", "2026-11-25T10:00:30Z", "Citra")],
    more: false,
    tasks: [],
  };
  backend = {
    get_inbox: () => structuredClone(inbox),
    get_playbook: () => ({ playbook: { handoff: { roster: [{ name: "Budi", role: "ae" }, { name: "Citra", role: "ae" }, { name: "Farid", role: "manager" }] } } }),
    get_preferences: () => ({}),
  };
});

function mount() {
  const state = new InboxState(new EngineClock(() => mono, () => wall));
  render(InboxPage, { inbox: state });
  return state;
}

describe("the handoff inbox", () => {
  it("counts down from the engine's time every second, going red and then overdue", async () => {
    vi.useFakeTimers();
    mount();
    const cards = await vi.waitFor(async () => {
      const found = screen.getAllByTestId("inbox-item");
      expect(found).toHaveLength(2);
      return found;
    });
    const bakar = within(at(cards, 1)).getByTestId("countdown");
    expect(bakar.textContent).toContain("0:30 left");
    expect(bakar.dataset.phase).toBe("red");
    const aminah = within(at(cards, 0)).getByTestId("countdown");
    expect(aminah.textContent).toContain("20:00 left");
    expect(aminah.dataset.phase).toBe("green");
    mono += 31_000;
    wall += 31_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(within(at(screen.getAllByTestId("inbox-item"), 1)).getByTestId("countdown").textContent).toContain(
      "Overdue by 0:01",
    );
    expect(within(at(screen.getAllByTestId("inbox-item"), 0)).getByTestId("countdown").textContent).toContain("19:29 left");
  });

  it("shows who it went to and why, and the reassignment the backend made, without a reload", async () => {
    mount();
    const reasons = await screen.findAllByTestId("routing-reason");
    expect(at(reasons, 0).textContent).toContain("Budi");
    expect(at(reasons, 0).textContent).toContain("Everyone else → AE round-robin");
    expect(screen.queryByTestId("breached")).toBeNull();
    inbox.items[0] = item(1, "Aminah", "2026-11-25T10:40:00Z", "Citra", 1);
    emitInboxChanged();
    const breached = await screen.findByTestId("breached");
    expect(breached.textContent).toContain("Breached 1 time");
    expect(at(screen.getAllByTestId("assignee"), 0).textContent).toBe("Citra");
  });

  it("asks the engine again after a sleep instead of trusting the screen's clock", async () => {
    vi.useFakeTimers();
    mount();
    await vi.waitFor(() => expect(screen.getAllByTestId("inbox-item")).toHaveLength(2));
    const asked = calls.filter((c) => c.command === "get_inbox").length;
    wall += 3_600_000; // an hour asleep: the monotonic timer did not move
    inbox.now = "2026-11-25T11:00:00Z";
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.filter((c) => c.command === "get_inbox").length).toBe(asked + 1);
    await vi.waitFor(() =>
      expect(within(at(screen.getAllByTestId("inbox-item"), 0)).getByTestId("countdown").textContent).toContain(
        "Overdue by 40:00",
      ),
    );
  });

  it("accepts for the assigned rep and rejects with a reason code", async () => {
    backend.accept_handoff = () => ({ type: "moved", detail: {} });
    backend.reject_handoff = () => ({ type: "moved", detail: {} });
    mount();
    const cards = await screen.findAllByTestId("inbox-item");
    await fireEvent.click(within(at(cards, 0)).getByTestId("accept"));
    await waitFor(() => expect(calls.find((c) => c.command === "accept_handoff")?.input).toEqual({ id: 1, owner: null }));
    await fireEvent.click(within(at(cards, 1)).getByTestId("reject"));
    const code = within(at(cards, 1)).getByTestId("reject-code") as HTMLSelectElement;
    await fireEvent.change(code, { target: { value: "badContact" } });
    await fireEvent.input(within(at(cards, 1)).getByTestId("reject-note"), { target: { value: "bounced" } });
    await fireEvent.click(within(at(cards, 1)).getByTestId("confirm-reject"));
    await waitFor(() =>
      expect(calls.find((c) => c.command === "reject_handoff")?.input).toEqual({ id: 2, code: "badContact", note: "bounced" }),
    );
  });

  it("shows a refusal from the backend and an empty state when nothing waits", async () => {
    backend.accept_handoff = () => ({ type: "refused", refusal: {}, message: "Not allowed from SAL." });
    mount();
    const cards = await screen.findAllByTestId("inbox-item");
    await fireEvent.click(within(at(cards, 0)).getByTestId("accept"));
    expect((await screen.findByRole("alert")).textContent).toContain("Not allowed from SAL.");
    cleanup();
    inbox.items = [];
    mount();
    expect(await screen.findByText("Nothing is waiting for sales")).toBeTruthy();
  });
});
