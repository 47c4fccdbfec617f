import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Playbook } from "../../lib/bindings/Playbook";
import type { PlaybookVersion } from "../../lib/bindings/PlaybookVersion";
import type { WhatIf } from "../../lib/bindings/WhatIf";
import { applyLocale, setupI18n } from "../../lib/i18n";
import version1 from "./fixtures/playbook-v1.json";
// What `laju playbook what-if DRAFT.json --json` printed for the sample workspace with the MQL
// threshold at 40 and the ICP SLA at 15 minutes.
import threshold40 from "./fixtures/whatif-threshold-40.json";

const calls: { command: string; input: unknown }[] = [];
let backend: Record<string, (input: unknown) => unknown> = {};
const listeners = new Map<string, (event: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/core", () => ({
  invoke: async (command: string, args?: { input?: unknown }) => {
    calls.push({ command, input: args?.input });
    const answer = backend[command];
    if (!answer) throw { code: "Internal", message: `no fake for ${command}` };
    return answer(args?.input);
  },
}));
vi.mock("@tauri-apps/api/event", () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  },
}));

import PlaybookPage from "./PlaybookPage.svelte";
import { playbookSession } from "../../lib/state/playbookSession.svelte";

setupI18n();

const v1 = version1 as unknown as PlaybookVersion;
const answer = threshold40 as unknown as WhatIf;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  cleanup();
  applyLocale("en");
});

beforeEach(() => {
  playbookSession.reset();
  calls.length = 0;
  listeners.clear();
  backend = {
    get_playbook: () => structuredClone(v1),
    playbook_history: () => [{ version: 1, savedAt: v1.savedAt, actor: "Laju defaults", lines: [] }],
    preview_playbook: () => structuredClone(answer),
  };
});

/** The page with the MQL threshold edited to 40, and the preview asked for. */
async function previewThreshold40() {
  render(PlaybookPage);
  const threshold = (await screen.findByTestId("mql-threshold")) as HTMLInputElement;
  await fireEvent.input(threshold, { target: { value: "40" } });
  await fireEvent.click(await screen.findByTestId("preview-playbook"));
}

const text = (testid: string) => screen.getByTestId(testid).textContent?.replace(/\s+/g, " ").trim();

/** A table row's cells as the reader sees them, one string each. */
const cells = (row: HTMLElement | undefined) =>
  Array.from(row?.children ?? []).map((c) => c.textContent?.replace(/\s+/g, " ").trim());

describe("previewing a Playbook draft", () => {
  it("sends the edited draft and shows each figure beside the Playbook in force, with the changed leads as links", async () => {
    await previewThreshold40();
    const panel = await screen.findByTestId("preview-panel");
    const sent = calls.find((c) => c.command === "preview_playbook")?.input as { draft: Playbook };
    expect(sent.draft.engagement.mqlThreshold).toBe(40);
    expect(calls.some((c) => c.command === "save_playbook")).toBe(false);

    expect(within(panel).getByText(/300 leads replayed under the draft and under version 1/)).toBeTruthy();
    expect(text("preview-mqls-current")).toBe("232");
    expect(text("preview-mqls-draft")).toBe("235");
    const december = screen.getAllByTestId("preview-month").find((r) => r.dataset.month === "202612");
    expect(cells(december)).toEqual(["Dec 2026", "14", "15"]);
    expect(text("preview-mql-changes")).toContain("3 new MQLs, 0 sooner, 0 no longer MQLs.");
    expect(text("preview-mql-changes")).toContain("what sales would then have done is unknown");

    const mql = screen.getAllByTestId("preview-step").find((r) => r.dataset.stage === "mql");
    expect(cells(mql)).toEqual(["MQL", "232", "79.2%", "235", "80.2%"]);
    const all = screen.getAllByTestId("preview-sla-row").find((r) => r.dataset.type === "all");
    expect(cells(all)).toEqual(["All lead types", "15.8% (3 of 19)", "16", "15.8% (3 of 19)", "16"]);
    const ravi = screen.getAllByTestId("preview-rep").find((r) => r.dataset.rep === "Ravi");
    expect(cells(ravi)).toEqual(["Ravi", "2 · 2 / 40", "3 · 3 / 40"]);
    expect(text("preview-unrouted-draft")).toBe("0");

    expect(text("preview-changed-count")).toBe("3 leads would change: 3 in stage, 1 in priority band.");
    const leads = screen.getAllByTestId("preview-changed-lead");
    expect(leads.map((l) => l.dataset.leadId)).toEqual(["72", "108", "199"]);
    const link = within(leads[0]!).getByRole("link");
    expect(link.getAttribute("href")).toBe("#/leads/72");
    expect(link.textContent).toBe("Zulkifli Salleh");
    expect(cells(leads[0])).toEqual(["Zulkifli Salleh", "Known lead → MQL (new MQL)", "55 (medium) → 63 (medium)"]);
    expect(cells(leads[2])[2]).toBe("67 (medium) → 75 (high)");
  });

  it("keeps the draft and its preview while the user looks at a changed lead and comes back", async () => {
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    cleanup(); // the changed lead's link leaves the page
    render(PlaybookPage);
    await screen.findByTestId("preview-panel");
    expect(text("preview-mqls-draft")).toBe("235");
    expect(((await screen.findByTestId("mql-threshold")) as HTMLInputElement).value).toBe("40");
    expect(screen.getByTestId("save-playbook")).toBeTruthy();
    expect(calls.filter((c) => c.command === "get_playbook")).toHaveLength(1);
  });

  it("marks an SLA figure that reads differently in the draft, even when only the decided count moved", async () => {
    const changed = structuredClone(answer);
    changed.sla.draft = { ...changed.sla.current, decided: changed.sla.current.decided + 1 };
    backend.preview_playbook = () => changed;
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    const all = screen.getAllByTestId("preview-sla-row").find((r) => r.dataset.type === "all");
    const [, current, , draft] = Array.from(all?.children ?? []);
    expect(current?.classList.contains("moved")).toBe(false);
    expect(draft?.textContent).not.toBe(current?.textContent);
    expect(draft?.classList.contains("moved")).toBe(true);
  });

  it("writes numbers, months and words in the reader's language", async () => {
    applyLocale("id");
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    const mql = screen.getAllByTestId("preview-step").find((r) => r.dataset.stage === "mql");
    expect(cells(mql)).toEqual(["MQL", "232", "79,2%", "235", "80,2%"]);
    const december = screen.getAllByTestId("preview-month").find((r) => r.dataset.month === "202612");
    expect(december?.querySelector("th")?.textContent).toBe("Des 2026");
    expect(text("preview-changed-count")).toBe("3 prospek akan berubah: 3 tahapnya, 1 pita prioritasnya.");
  });

  it("shows progress with Cancel once a preview takes longer than 300 ms, and a cancel saves nothing", async () => {
    let stop: (reason: unknown) => void = () => {};
    backend.preview_playbook = () => new Promise((_, reject) => (stop = reject));
    backend.cancel_preview = () => {
      stop({ code: "Cancelled", message: "Cancelled: nothing was written." });
      return null;
    };
    await previewThreshold40();
    await sleep(100);
    expect(screen.queryByTestId("preview-progress")).toBeNull();
    await sleep(300);
    const progress = await screen.findByTestId("preview-progress");
    listeners.get("preview-progress")?.({ payload: { done: 4096, total: 100000 } });
    await waitFor(() => expect(progress.textContent).toContain("Replaying leads: 4,096 of 100,000"));
    expect(progress.querySelector("progress")?.value).toBe(4096);
    await fireEvent.click(screen.getByTestId("cancel-preview"));
    expect(await screen.findByTestId("preview-cancelled")).toBeTruthy();
    expect(text("preview-cancelled")).toBe("Preview cancelled. Nothing was saved.");
    expect(screen.queryByTestId("preview-progress")).toBeNull();
    expect(screen.queryByTestId("preview-panel")).toBeNull();
    expect(calls.map((c) => c.command)).toContain("cancel_preview");
    expect(calls.some((c) => c.command === "save_playbook")).toBe(false);
  });

  it("shows no progress at all for a preview that answers at once", async () => {
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    await sleep(400);
    expect(screen.queryByTestId("preview-progress")).toBeNull();
  });

  it("refuses an invalid draft clearly, naming the field, and shows no figures", async () => {
    backend.preview_playbook = () => {
      throw {
        code: "InvalidInput",
        message:
          "The draft cannot be previewed: composite — The composite weights add up to 110%; they must add up to 100%.",
      };
    };
    await previewThreshold40();
    const alert = await screen.findByTestId("preview-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("This draft cannot be previewed until it is valid:");
    expect(alert.textContent).toContain("composite — The composite weights add up to 110%");
    expect(screen.queryByTestId("preview-panel")).toBeNull();
  });

  it("explains an empty workspace instead of showing empty tables", async () => {
    backend.preview_playbook = () => ({
      ...structuredClone(answer),
      leads: 0,
      mqls: { current: 0, draft: 0 },
      mqlsByMonth: [],
      changedLeads: [],
    });
    await previewThreshold40();
    expect(text("preview-empty")).toBe(
      "This workspace has no leads yet, so there is no history to replay. Import leads or load the sample, then preview again.",
    );
    expect(screen.queryByTestId("preview-mqls")).toBeNull();
  });

  it("says when the draft has changed since the preview", async () => {
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    expect(screen.queryByTestId("preview-stale")).toBeNull();
    const threshold = (await screen.findByTestId("mql-threshold")) as HTMLInputElement;
    await fireEvent.input(threshold, { target: { value: "35" } });
    expect(await screen.findByTestId("preview-stale")).toBeTruthy();
  });
});

describe("after a preview", () => {
  it("closes it once the draft is saved as the next version, whose figures it no longer compares with", async () => {
    backend.save_playbook = (input) => ({ ...(input as object), version: 2, savedAt: v1.savedAt, actor: "ana" });
    await previewThreshold40();
    await screen.findByTestId("preview-panel");
    await fireEvent.click(screen.getByTestId("save-playbook"));
    await waitFor(() => expect(screen.getByTestId("playbook-version").textContent).toContain("Version 2"));
    expect(screen.queryByTestId("preview-panel")).toBeNull();
  });
});
