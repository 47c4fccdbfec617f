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
import { playbookSession } from "../../lib/state/playbookSession.svelte";

setupI18n();

const v1 = version1 as unknown as PlaybookVersion;

afterEach(() => {
  cleanup();
  applyLocale("en");
});

beforeEach(() => {
  playbookSession.reset();
  calls.length = 0;
  backend = {
    get_playbook: () => structuredClone(v1),
    playbook_history: () => [{ version: 1, savedAt: v1.savedAt, actor: "Laju defaults", lines: [] }],
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
      { version: 2, savedAt: v1.savedAt, actor: "ana", lines: ["MQL threshold: 50 → 40"] },
      { version: 1, savedAt: v1.savedAt, actor: "Laju defaults", lines: [] },
    ];
    render(PlaybookPage);
    const versions = await screen.findAllByTestId("history-version");
    expect(versions[0]?.textContent).toContain("MQL threshold: 50 → 40");
    expect(versions[1]?.textContent).toContain("The defaults Laju started with.");
    // The engine words the lines in the reader's language.
    expect(calls.find((c) => c.command === "playbook_history")?.input).toEqual({ lang: "en" });
  });
});

describe("the Playbook's money rules", () => {
  it("saves a changed rate, a new one, a deal size's bound and a forecast weight as typed", async () => {
    backend.save_playbook = (input) => ({ ...(input as SavePlaybook), version: 2, savedAt: v1.savedAt, actor: "ana" });
    render(PlaybookPage);
    const currency = (await screen.findByTestId("money-currency")) as HTMLInputElement;
    expect(currency.value).toBe(v1.playbook.money.currency);
    const rates = screen.getAllByTestId("money-rate-value") as HTMLInputElement[];
    expect(rates).toHaveLength(v1.playbook.money.rates.length);
    await fireEvent.input(rates[1]!, { target: { value: "3.5" } });
    await fireEvent.click(screen.getByTestId("money-rate-add"));
    const codes = screen.getAllByTestId("money-rate-currency") as HTMLInputElement[];
    await fireEvent.input(codes.at(-1)!, { target: { value: "THB" } });
    const added = screen.getAllByTestId("money-rate-value") as HTMLInputElement[];
    await fireEvent.input(added.at(-1)!, { target: { value: "0.13" } });
    const small = screen.getAllByTestId("money-size").find((r) => r.dataset.size === "small");
    await fireEvent.input(small!.querySelector("[data-testid=money-size-up-to]")!, { target: { value: "15000" } });
    await setNumber("money-weight-pipeline", 25);

    await fireEvent.click(await screen.findByTestId("save-playbook"));
    await waitFor(() => expect(calls.some((c) => c.command === "save_playbook")).toBe(true));
    const sent = (calls.find((c) => c.command === "save_playbook")?.input as SavePlaybook).playbook.money;
    const shipped = v1.playbook.money;
    expect(sent.rates[1]).toEqual({ currency: shipped.rates[1]?.currency, rate: 3.5 });
    expect(sent.rates.at(-1)).toEqual({ currency: "THB", rate: 0.13 });
    expect(sent.rates).toHaveLength(shipped.rates.length + 1);
    expect(sent.dealSizes[0]?.upTo).toBe(15000);
    expect(sent.dealSizes.slice(1)).toEqual(shipped.dealSizes.slice(1));
    expect(sent.forecastWeights.find((w) => w.category === "pipeline")?.percent).toBe(25);
  });

  it("sends an empty workspace currency as none, and shows the backend's refusal naming the field", async () => {
    backend.save_playbook = () => {
      throw { code: "InvalidInput", message: "money.rates.0.rate: the rate for USD must be a number above 0." };
    };
    render(PlaybookPage);
    await fireEvent.input(await screen.findByTestId("money-currency"), { target: { value: " " } });
    await fireEvent.click(await screen.findByTestId("save-playbook"));
    expect((await screen.findByRole("alert")).textContent).toContain("money.rates.0.rate");
    const sent = calls.find((c) => c.command === "save_playbook")?.input as SavePlaybook;
    expect(sent.playbook.money.currency).toBeNull();

    for (let left = v1.playbook.money.rates.length; left > 0; left--) {
      await fireEvent.click(screen.getAllByTestId("money-rate-remove")[0]!);
    }
    expect(screen.getByTestId("money-no-rates").textContent).toBe("No rates: each currency is reported on its own.");
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
