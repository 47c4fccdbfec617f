import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "svelte-i18n";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HandoffRules } from "../../lib/bindings/HandoffRules";
import type { PlaybookVersion } from "../../lib/bindings/PlaybookVersion";
import type { SavePlaybook } from "../../lib/bindings/SavePlaybook";
import { setupI18n } from "../../lib/i18n";
import version1 from "./fixtures/playbook-v1.json";

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
vi.mock("@tauri-apps/api/event", () => ({ listen: async () => () => {} }));

import PlaybookPage from "./PlaybookPage.svelte";
import { playbookSession } from "../../lib/state/playbookSession.svelte";

setupI18n();

if (!("ResizeObserver" in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

/** A team of two with a short rule list, written here so the test does not depend on the defaults. */
const handoff: HandoffRules = {
  roster: [
    {
      name: "Aisyah Rahman",
      role: "ae",
      territories: ["Malaysia"],
      events: [],
      weight: 1,
      capacity: 25,
      awayFrom: null,
      awayUntil: null,
    },
    {
      name: "Budi Santoso",
      role: "seniorAe",
      territories: ["Indonesia"],
      events: ["Tech in Asia Jakarta"],
      weight: 2,
      capacity: null,
      awayFrom: "2026-12-01T01:00:00Z",
      awayUntil: null,
    },
  ],
  routing: [
    { id: "account", label: "Existing account owner first", when: { sources: [], fits: [] }, assign: { method: "accountOwner" } },
    { id: "standard", label: "Everyone else → AE round-robin", when: { sources: [], fits: [] }, assign: { method: "roundRobin", role: "ae" } },
  ],
  sla: {
    targets: [
      { leadType: "icp", minutes: 5 },
      { leadType: "referral", minutes: 15 },
      { leadType: "inbound", minutes: 30 },
      { leadType: "event", minutes: 1440 },
      { leadType: "database", minutes: 2880 },
      { leadType: "other", minutes: 240 },
    ],
    hours: [],
    complianceGoal: 90,
  },
  sequences: [
    { kind: "demoRequest", touches: 3, everyDays: 2 },
    { kind: "content", touches: 7, everyDays: 3 },
    { kind: "event", touches: 5, everyDays: 2 },
    { kind: "outbound", touches: 8, everyDays: 3 },
    { kind: "cold", touches: 4, everyDays: 4 },
  ],
  recycling: { maxAttempts: 6, maxDays: 14 },
};

const fixture = version1 as unknown as PlaybookVersion;
const v1: PlaybookVersion = { ...fixture, playbook: { ...fixture.playbook, handoff } };

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

beforeEach(() => {
  playbookSession.reset();
  calls.length = 0;
  backend = {
    get_playbook: () => structuredClone(v1),
    playbook_history: () => [{ version: 1, savedAt: v1.savedAt, actor: "Laju defaults", lines: [] }],
    save_playbook: (input) => ({ ...(input as SavePlaybook), version: 2, savedAt: v1.savedAt, actor: "ana" }),
  };
});

/** Clicks save and returns the Playbook the backend was asked to store. */
async function save(): Promise<SavePlaybook> {
  await fireEvent.click(await screen.findByTestId("save-playbook"));
  await waitFor(() => expect(calls.some((c) => c.command === "save_playbook")).toBe(true));
  return calls.find((c) => c.command === "save_playbook")?.input as SavePlaybook;
}

describe("the team roster", () => {
  it("adds a rep whose name is saved with the Playbook", async () => {
    render(PlaybookPage);
    const team = await screen.findByTestId("team-section");
    expect(within(team).getAllByTestId("rep-name")).toHaveLength(2);
    expect(screen.queryByTestId("save-playbook")).toBeNull();

    await fireEvent.click(within(team).getByTestId("add-rep"));
    const names = within(team).getAllByTestId("rep-name") as HTMLInputElement[];
    expect(names).toHaveLength(3);
    await fireEvent.input(names[2]!, { target: { value: "Chen Wei" } });
    const roles = within(team).getAllByTestId("rep-role") as HTMLSelectElement[];
    await fireEvent.change(roles[2]!, { target: { value: "sdr" } });

    const sent = await save();
    expect(sent.baseVersion).toBe(1);
    expect(sent.playbook.handoff.roster).toHaveLength(3);
    expect(sent.playbook.handoff.roster[2]).toEqual({
      name: "Chen Wei",
      role: "sdr",
      territories: [],
      events: [],
      weight: 1,
      capacity: null,
      awayFrom: null,
      awayUntil: null,
    });
  });

  it("saves a cleared capacity as no limit", async () => {
    render(PlaybookPage);
    const capacities = (await screen.findAllByTestId("rep-capacity")) as HTMLInputElement[];
    expect(capacities[0]?.value).toBe("25");
    await fireEvent.input(capacities[0]!, { target: { value: "" } });
    const sent = await save();
    expect(sent.playbook.handoff.roster[0]?.capacity).toBeNull();
    expect(sent.playbook.handoff.roster[0]?.name).toBe("Aisyah Rahman");
  });

  it("shows away times in local time and stores what is typed as UTC", async () => {
    render(PlaybookPage);
    const from = (await screen.findAllByTestId("rep-away-from")) as HTMLInputElement[];
    const shown = new Date("2026-12-01T01:00:00Z");
    const pad = (n: number) => String(n).padStart(2, "0");
    expect(from[1]?.value).toBe(
      `${shown.getFullYear()}-${pad(shown.getMonth() + 1)}-${pad(shown.getDate())}T${pad(shown.getHours())}:${pad(shown.getMinutes())}`,
    );

    const until = (await screen.findAllByTestId("rep-away-until")) as HTMLInputElement[];
    await fireEvent.change(until[1]!, { target: { value: "2026-12-05T09:30" } });
    // Clearing a date stores null.
    await fireEvent.change(from[1]!, { target: { value: "" } });
    const sent = await save();
    const expected = new Date(2026, 11, 5, 9, 30).toISOString().replace(".000Z", "Z");
    expect(sent.playbook.handoff.roster[1]?.awayUntil).toBe(expected);
    expect(sent.playbook.handoff.roster[1]?.awayFrom).toBeNull();
  });

  it("removes a rep only after confirming", async () => {
    const confirm = vi.spyOn(window, "confirm").mockReturnValueOnce(false).mockReturnValueOnce(true);
    render(PlaybookPage);
    const team = await screen.findByTestId("team-section");
    await fireEvent.click(within(team).getAllByTestId("remove-rep")[0]!);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]?.[0]).toContain("Aisyah Rahman");
    expect(within(team).getAllByTestId("rep-name")).toHaveLength(2);

    await fireEvent.click(within(team).getAllByTestId("remove-rep")[0]!);
    const names = within(team).getAllByTestId("rep-name") as HTMLInputElement[];
    expect(names.map((n) => n.value)).toEqual(["Budi Santoso"]);
    const sent = await save();
    expect(sent.playbook.handoff.roster.map((r) => r.name)).toEqual(["Budi Santoso"]);
  });

  it("says what to do when nobody is on the team", async () => {
    backend.get_playbook = () => {
      const empty = structuredClone(v1);
      empty.playbook.handoff.roster = [];
      return empty;
    };
    render(PlaybookPage);
    const team = await screen.findByTestId("team-section");
    expect(team.textContent).toContain("No one on the team yet: add the reps who receive leads");
    expect(within(team).queryAllByTestId("rep-name")).toHaveLength(0);
  });
});

describe("the routing rules", () => {
  it("moves a rule up and saves the new order", async () => {
    render(PlaybookPage);
    const rules = await screen.findAllByTestId("routing-rule");
    expect(rules).toHaveLength(2);
    expect(within(rules[0]!).getByTestId("rule-up")).toHaveProperty("disabled", true);
    await fireEvent.click(within(rules[1]!).getByTestId("rule-up"));
    const moved = screen.getAllByTestId("routing-rule");
    expect((within(moved[0]!).getByTestId("rule-label") as HTMLInputElement).value).toBe("Everyone else → AE round-robin");
    const sent = await save();
    expect(sent.playbook.handoff.routing.map((r) => r.id)).toEqual(["standard", "account"]);
  });

  it("shows a role only for round-robin and weighted, and saves the matches ticked", async () => {
    render(PlaybookPage);
    const rules = await screen.findAllByTestId("routing-rule");
    expect(within(rules[0]!).queryByTestId("rule-role")).toBeNull();
    expect(within(rules[1]!).getByTestId("rule-role")).toBeTruthy();

    await fireEvent.change(within(rules[0]!).getByTestId("rule-method"), { target: { value: "weighted" } });
    const role = await within(rules[0]!).findByTestId("rule-role");
    await fireEvent.change(role, { target: { value: "seniorAe" } });
    await fireEvent.click(within(rules[0]!).getByTestId("rule-fit-icp"));
    await fireEvent.click(within(rules[0]!).getByTestId("rule-source-paidAds"));
    await fireEvent.click(within(rules[0]!).getByTestId("rule-source-inbound"));

    const sent = await save();
    expect(sent.playbook.handoff.routing[0]).toEqual({
      id: "account",
      label: "Existing account owner first",
      when: { sources: ["inbound", "paidAds"], fits: ["icp"] },
      assign: { method: "weighted", role: "seniorAe" },
    });
  });

  it("adds a rule at the bottom with a fresh id", async () => {
    render(PlaybookPage);
    await fireEvent.click(await screen.findByTestId("add-rule"));
    await fireEvent.click(screen.getByTestId("add-rule"));
    const rules = screen.getAllByTestId("routing-rule");
    expect(rules).toHaveLength(4);
    await fireEvent.input(within(rules[2]!).getByTestId("rule-label"), { target: { value: "Thailand → Somchai" } });
    const sent = await save();
    const added = sent.playbook.handoff.routing.slice(2);
    expect(added[0]).toMatchObject({
      label: "Thailand → Somchai",
      when: { sources: [], fits: [] },
      assign: { method: "roundRobin", role: "ae" },
    });
    expect(added[0]?.id).toMatch(/^rule-/);
    expect(new Set(sent.playbook.handoff.routing.map((r) => r.id)).size).toBe(4);
  });
});

describe("the SLA, sequences and recycling", () => {
  it("saves an edited ICP response time", async () => {
    render(PlaybookPage);
    const section = await screen.findByTestId("sla-section");
    for (const type of ["icp", "referral", "inbound", "event", "database", "other"]) {
      expect(within(section).getByTestId(`sla-minutes-${type}`)).toBeTruthy();
    }
    expect(section.textContent).toContain("ICP MQL");
    const icp = within(section).getByTestId("sla-minutes-icp") as HTMLInputElement;
    expect(icp.value).toBe("5");
    await fireEvent.input(icp, { target: { value: "10" } });
    const sent = await save();
    expect(sent.playbook.handoff.sla.targets.find((t) => t.leadType === "icp")?.minutes).toBe(10);
    expect(sent.playbook.handoff.sla.targets.find((t) => t.leadType === "referral")?.minutes).toBe(15);
  });

  it("adds a team's business hours with weekdays and open and close times", async () => {
    render(PlaybookPage);
    const section = await screen.findByTestId("sla-section");
    await fireEvent.click(within(section).getByTestId("add-hours"));
    const row = within(section).getByTestId("team-hours");
    await fireEvent.change(within(row).getByTestId("hours-role"), { target: { value: "sdr" } });
    await fireEvent.input(within(row).getByTestId("hours-zone"), { target: { value: "Asia/Kuala_Lumpur" } });
    await fireEvent.click(within(row).getByTestId("hours-day-5"));
    await fireEvent.click(within(row).getByTestId("hours-day-6"));
    await fireEvent.change(within(row).getByTestId("hours-open"), { target: { value: "08:30" } });
    await fireEvent.change(within(row).getByTestId("hours-close"), { target: { value: "17:45" } });
    expect(within(row).queryByRole("status")).toBeNull();

    const sent = await save();
    expect(sent.playbook.handoff.sla.hours).toEqual([
      { role: "sdr", hours: { timeZone: "Asia/Kuala_Lumpur", days: [1, 2, 3, 4, 6], startMinute: 510, endMinute: 1065 } },
    ]);
  });

  it("names the weekdays in the chosen language and flags a time zone that does not exist", async () => {
    render(PlaybookPage);
    const section = await screen.findByTestId("sla-section");
    await fireEvent.click(within(section).getByTestId("add-hours"));
    const row = within(section).getByTestId("team-hours");
    const monday = new Intl.DateTimeFormat("en", { weekday: "short" }).format(new Date(2024, 0, 1));
    expect(within(row).getByTestId("hours-day-1").parentElement?.textContent).toContain(monday);
    locale.set("zh-CN");
    try {
      const zhMonday = new Intl.DateTimeFormat("zh-CN", { weekday: "short" }).format(new Date(2024, 0, 1));
      await waitFor(() => expect(within(row).getByTestId("hours-day-1").parentElement?.textContent).toContain(zhMonday));
      expect(section.textContent).toContain("营业时间");
    } finally {
      locale.set("en");
    }
    await fireEvent.input(within(row).getByTestId("hours-zone"), { target: { value: "Mars/Olympus" } });
    expect((await within(row).findByRole("status")).textContent).toContain("Mars/Olympus");
  });

  it("saves follow-up sequences and the recycling rule", async () => {
    render(PlaybookPage);
    await fireEvent.input(await screen.findByTestId("sequence-touches-cold"), { target: { value: "6" } });
    await fireEvent.input(screen.getByTestId("sequence-days-demoRequest"), { target: { value: "1" } });
    await fireEvent.input(screen.getByTestId("recycling-attempts"), { target: { value: "8" } });
    await fireEvent.input(screen.getByTestId("recycling-days"), { target: { value: "21" } });
    const sent = await save();
    expect(sent.playbook.handoff.sequences.find((s) => s.kind === "cold")).toEqual({ kind: "cold", touches: 6, everyDays: 4 });
    expect(sent.playbook.handoff.sequences.find((s) => s.kind === "demoRequest")?.everyDays).toBe(1);
    expect(sent.playbook.handoff.recycling).toEqual({ maxAttempts: 8, maxDays: 21 });
  });
});
