import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AgreementDocument } from "../../lib/bindings/AgreementDocument";
import type { AgreementRequest } from "../../lib/bindings/AgreementRequest";
import type { PlaybookVersion } from "../../lib/bindings/PlaybookVersion";
import type { SaveAgreement } from "../../lib/bindings/SaveAgreement";
import { applyLocale, setupI18n } from "../../lib/i18n";
// What `laju playbook document --json [--lang ms]` printed for a new workspace.
import englishDocument from "./fixtures/agreement-v1-en.json";
import malayDocument from "./fixtures/agreement-v1-ms.json";
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
const en = englishDocument as unknown as AgreementDocument;
const ms = malayDocument as unknown as AgreementDocument;

afterEach(() => {
  cleanup();
  applyLocale("en");
});

beforeEach(() => {
  playbookSession.reset();
  calls.length = 0;
  backend = {
    get_playbook: () => structuredClone(v1),
    playbook_history: () => [
      { version: 2, savedAt: v1.savedAt, actor: "Nurul", lines: ["MQL threshold: 50 → 40"] },
      { version: 1, savedAt: v1.savedAt, actor: "Laju defaults", lines: [] },
    ],
    agreement_document: (input) => structuredClone((input as AgreementRequest).lang === "ms" ? ms : en),
    review_quarters: () => ({
      current: "2026Q4",
      quarters: [
        { key: "2026Q4", year: 2026, number: 4, leads: 60, current: true },
        { key: "2026Q3", year: 2026, number: 3, leads: 78, current: false },
      ],
    }),
  };
});

const asked = (command: string) => calls.filter((c) => c.command === command).map((c) => c.input);

async function openDocument() {
  render(PlaybookPage);
  await fireEvent.click(await screen.findByTestId("tab-agreement"));
  return screen.findByTestId("agreement-document");
}

describe("the agreement document view", () => {
  it("lays out the engine's blocks: headings, terms, tables, ordered rules and sign-off lines", async () => {
    const doc = await openDocument();
    expect(asked("agreement_document")).toEqual([{ version: null, lang: "en", review: null }]);
    expect(within(doc).getByRole("heading", { level: 1 }).textContent).toBe("Marketing and sales agreement");
    const headings = within(doc).getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(en.sections.map((s) => s.heading));
    expect(headings[0]).toBe("About this agreement");

    const sla = screen.getByTestId("agreement-section-sla");
    const rows = within(sla).getAllByRole("row").map((r) => Array.from(r.children, (c) => c.textContent));
    expect(rows[0]).toEqual(["Lead type", "Answer within"]);
    expect(rows[1]).toEqual(["ICP MQL", "5 minutes"]);

    const routing = screen.getByTestId("agreement-section-routing");
    const rules = within(routing).getAllByRole("listitem");
    expect(routing.querySelector("ol")).not.toBeNull();
    expect(rules[0]?.textContent).toBe("Existing account owner first: any lead → Existing account owner");

    const stages = screen.getByTestId("agreement-section-stages");
    const terms = Array.from(stages.querySelectorAll("dt"), (t) => t.textContent);
    expect(terms.slice(0, 3)).toEqual(["Anonymous visitor", "Known lead", "MQL"]);

    const signOff = screen.getByTestId("agreement-section-signOff");
    expect(within(signOff).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual([
      "Marketing lead",
      "Sales lead",
    ]);
    expect(signOff.querySelectorAll(".blank")).toHaveLength(6);
  });

  it("asks the engine again for another language or version, and shows its words", async () => {
    await openDocument();
    await fireEvent.change(screen.getByTestId("agreement-lang"), { target: { value: "ms" } });
    await waitFor(() =>
      expect(within(screen.getByTestId("agreement-document")).getByRole("heading", { level: 1 }).textContent).toBe(
        "Perjanjian pemasaran dan jualan",
      ),
    );
    expect(screen.getByTestId("agreement-document").getAttribute("lang")).toBe("ms");
    const versions = Array.from(
      (screen.getByTestId("agreement-version") as HTMLSelectElement).options,
      (o) => o.textContent,
    );
    expect(versions).toEqual(["The version in force", "Version 2", "Version 1"]);
    await fireEvent.change(screen.getByTestId("agreement-version"), { target: { value: "1" } });
    await waitFor(() => expect(asked("agreement_document")).toHaveLength(3));
    expect(asked("agreement_document")).toEqual([
      { version: null, lang: "en", review: null },
      { version: null, lang: "ms", review: null },
      { version: 1, lang: "ms", review: null },
    ]);
  });

  it("asks for a quarter's review as an appendix, and saves the document with it", async () => {
    backend.save_agreement = () => "/home/ana/Downloads/agreement-v2-en-review-2026Q3.pdf";
    await openDocument();
    const quarters = Array.from(
      (screen.getByTestId("agreement-review") as HTMLSelectElement).options,
      (o) => o.textContent?.trim(),
    );
    expect(quarters).toEqual(["No review appendix", "Appendix: review of Q4 2026", "Appendix: review of Q3 2026"]);
    await fireEvent.change(screen.getByTestId("agreement-review"), { target: { value: "2026Q3" } });
    await waitFor(() => expect(asked("agreement_document")).toHaveLength(2));
    expect(asked("agreement_document")[1]).toEqual({ version: null, lang: "en", review: "2026Q3" });
    await fireEvent.click(screen.getByTestId("save-agreement-pdf"));
    await screen.findByTestId("agreement-saved");
    expect(asked("save_agreement")).toEqual([{ version: null, lang: "en", review: "2026Q3", format: "pdf" }]);
  });

  it("starts in the window's language", async () => {
    applyLocale("ms");
    await openDocument();
    expect(asked("agreement_document")).toEqual([{ version: null, lang: "ms", review: null }]);
    expect(screen.getByTestId("tab-agreement").textContent?.trim()).toBe("Dokumen perjanjian");
  });

  it("saves as PDF or HTML and shows the saved path, or the engine's error", async () => {
    backend.save_agreement = (input) => {
      const { format, lang } = input as SaveAgreement;
      if (format === "html") {
        throw { code: "InvalidInput", message: "The agreement could not be saved to /home/ana/Downloads/agreement-v1-en.html: Permission denied (os error 13)" };
      }
      return `/home/ana/Downloads/agreement-v1-${lang}.${format}`;
    };
    await openDocument();
    await fireEvent.click(screen.getByTestId("save-agreement-pdf"));
    expect((await screen.findByTestId("agreement-saved")).textContent).toContain(
      "/home/ana/Downloads/agreement-v1-en.pdf",
    );
    expect(asked("save_agreement")).toEqual([{ version: null, lang: "en", review: null, format: "pdf" }]);
    await fireEvent.click(screen.getByTestId("save-agreement-html"));
    expect((await screen.findByTestId("agreement-save-error")).textContent).toContain(
      "could not be saved to /home/ana/Downloads/agreement-v1-en.html",
    );
    expect(screen.queryByTestId("agreement-saved")).toBeNull();
  });

  it("shows why a version cannot be shown", async () => {
    backend.agreement_document = () => {
      throw { code: "InvalidInput", message: "Playbook version 7 does not exist: this workspace has versions 1 to 2." };
    };
    render(PlaybookPage);
    await fireEvent.click(await screen.findByTestId("tab-agreement"));
    expect((await screen.findByRole("alert")).textContent).toContain("Playbook version 7 does not exist");
  });
});
