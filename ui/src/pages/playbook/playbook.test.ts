import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PlaybookVersion } from "../../lib/bindings/PlaybookVersion";
import type { SavePlaybook } from "../../lib/bindings/SavePlaybook";
import { applyLocale, setupI18n } from "../../lib/i18n";
// What `laju playbook --json` printed for a new workspace: the real default Playbook.
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

setupI18n();

const v1 = version1 as unknown as PlaybookVersion;

afterEach(() => {
  cleanup();
  applyLocale("en");
});

beforeEach(() => {
  calls.length = 0;
  backend = {
    get_playbook: () => structuredClone(v1),
    playbook_history: () => [{ version: 1, savedAt: v1.savedAt, actor: "Laju defaults", edits: [] }],
  };
});

async function setNumber(testid: string, value: number) {
  const input = (await screen.findByTestId(testid)) as HTMLInputElement;
  await fireEvent.input(input, { target: { value: String(value) } });
}

describe("the Playbook page", () => {
  it("saves an edited MQL threshold as the next version, from the version it started on", async () => {
    backend.save_playbook = (input) => ({ ...(input as SavePlaybook), version: 2, savedAt: v1.savedAt, actor: "ana" });
    render(PlaybookPage);
    expect((await screen.findByTestId("playbook-version")).textContent).toContain("Version 1");
    expect(screen.queryByTestId("save-playbook")).toBeNull();
    await setNumber("mql-threshold", 40);
    const save = await screen.findByTestId("save-playbook");
    expect(save.textContent).toContain("version 2");
    await fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.command === "save_playbook")).toBe(true));
    const sent = calls.find((c) => c.command === "save_playbook")?.input as SavePlaybook;
    expect(sent.baseVersion).toBe(1);
    expect(sent.playbook.engagement.mqlThreshold).toBe(40);
  });

  it("shows the weights' sum as it is edited and keeps the draft when the backend refuses it", async () => {
    backend.save_playbook = () => {
      throw { code: "InvalidInput", message: "The composite weights add up to 110%; they must add up to 100%." };
    };
    render(PlaybookPage);
    await setNumber("weight-fit", 40);
    expect((await screen.findByTestId("weights-sum")).textContent).toContain("110%");
    await fireEvent.click(await screen.findByTestId("save-playbook"));
    expect((await screen.findByRole("alert")).textContent).toContain("add up to 110%");
    expect(((await screen.findByTestId("weight-fit")) as HTMLInputElement).value).toBe("40");
    expect(screen.getByTestId("save-playbook")).toBeTruthy();
  });

  it("lists what each version changed", async () => {
    backend.playbook_history = () => [
      { version: 2, savedAt: v1.savedAt, actor: "ana", edits: [{ path: "engagement.mqlThreshold", before: "50", after: "40" }] },
      { version: 1, savedAt: v1.savedAt, actor: "Laju defaults", edits: [] },
    ];
    render(PlaybookPage);
    const versions = await screen.findAllByTestId("history-version");
    expect(versions[0]?.textContent).toContain("engagement.mqlThreshold: 50 → 40");
    expect(versions[1]?.textContent).toContain("The defaults Laju started with.");
  });
});

describe("the Playbook page in another language", () => {
  it("shows the shipped defaults in Malay without changing the draft, and saves only what the user typed", async () => {
    backend.save_playbook = (input) => ({ ...(input as SavePlaybook), version: 2, savedAt: v1.savedAt, actor: "ana" });
    applyLocale("ms");
    render(PlaybookPage);
    const label = (await screen.findByTestId("criterion-label-demo-request")) as HTMLInputElement;
    expect(label.value).toBe("Permintaan demo");
    expect(screen.getByTestId("trigger-demo-request").closest("label")?.textContent).toContain("Permintaan demo → MQL");
    const routing = screen.getAllByTestId("rule-label") as HTMLInputElement[];
    expect(routing[0]?.value).toBe("Utamakan pemilik akaun sedia ada");
    // Showing a translation is not an edit.
    expect(screen.queryByTestId("save-playbook")).toBeNull();

    await fireEvent.input(label, { target: { value: "Permintaan demo (laman web)" } });
    await fireEvent.click(await screen.findByTestId("save-playbook"));
    await waitFor(() => expect(calls.some((c) => c.command === "save_playbook")).toBe(true));
    const sent = (calls.find((c) => c.command === "save_playbook")?.input as SavePlaybook).playbook;
    expect(sent.engagement.criteria.find((c) => c.id === "demo-request")?.label).toBe("Permintaan demo (laman web)");
    // Everything the user left alone is still stored as shipped.
    expect(sent.engagement.criteria.find((c) => c.id === "meetings")?.label).toBe("Meetings");
    expect(sent.triggers.find((t) => t.id === "demo-request")?.label).toBe("Demo request → MQL");
    expect(sent.stages.find((d) => d.stage === "sql")?.definition).toBe("Qualified: BANT answered.");
  });
});
