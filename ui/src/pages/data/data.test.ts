import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DateWarning } from "../../lib/bindings/DateWarning";
import type { ImportDone } from "../../lib/bindings/ImportDone";
import type { ImportOptions } from "../../lib/bindings/ImportOptions";
import type { ImportPreview } from "../../lib/bindings/ImportPreview";
import type { ImportProgress } from "../../lib/bindings/ImportProgress";
import type { ImportReport } from "../../lib/bindings/ImportReport";
import type { ImportTargets } from "../../lib/bindings/ImportTargets";
import type { ReadImportValues } from "../../lib/bindings/ReadImportValues";
import type { Rejection } from "../../lib/bindings/Rejection";
import type { ValueReading } from "../../lib/bindings/ValueReading";
import { setupI18n } from "../../lib/i18n";

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
/** The backend's events, fired by hand. */
const listeners = new Map<string, (event: { payload: unknown }) => void>();
vi.mock("@tauri-apps/api/event", () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    listeners.set(name, handler);
    return () => listeners.delete(name);
  },
}));
let chosenFile: string | null = null;
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: async () => chosenFile }));

import { ImportJob } from "../../lib/state/importJob.svelte";
import DataPage from "./DataPage.svelte";

setupI18n();

const PATH = "/home/aminah/Downloads/contacts.csv";

/** A few of the backend's encodings: the wizard offers whatever the backend lists. */
const encodings = (): ImportPreview["encodings"] => [
  { name: "UTF-8", family: "unicode" },
  { name: "windows-1252", family: "western" },
  { name: "GB18030", family: "chineseSimplified" },
  { name: "Big5", family: "chineseTraditional" },
];

const preview = (): ImportPreview => ({
  encoding: "windows-1252",
  detected: "windows-1252",
  encodings: encodings(),
  replaced: null,
  delimiter: ";",
  headers: ["Record ID", "Email", "Lead Source", "Notes"],
  sample: [
    ["101", "siti@example.my", "Paid Ads", "met at expo"],
    ["102", "budi@example.id", "Google", ""],
  ],
  records: 12345,
  suggested: null,
  kind: "leads",
  // The backend names the source after the file, as it does for PATH.
  source: "contacts",
  mapping: {
    columns: { "record id": "source.externalId", email: "contact.email", "Lead Source": "source.kind" },
    values: {},
    dateFormats: [],
    timezone: "Asia/Kuala_Lumpur",
    defaults: {},
    currency: "",
  },
});

/** A few of the backend's targets: the page offers whatever the backend lists. */
const catalogue = (): ImportTargets => ({
  leads: [
    { id: "contact", targets: ["contact.name", "contact.email"] },
    { id: "source", targets: ["source.externalId", "source.kind"] },
    { id: "lifecycle", targets: ["stage", "entered.mql"] },
    { id: "other", targets: ["notes"] },
  ],
  activities: [
    { id: "activity", targets: ["activity.kind", "activity.at", "activity.visitorId", "activity.url", "activity.asset"] },
    { id: "contact", targets: ["contact.name", "contact.email"] },
    { id: "source", targets: ["source.externalId", "source.kind"] },
  ],
  enums: [
    { target: "source.kind", values: ["inbound", "paidAds", "referral"] },
    { target: "stage", values: ["known", "mql"] },
    { target: "activity.kind", values: ["pageVisit", "emailOpen", "emailClick", "formSubmit"] },
  ],
  presets: [
    { preset: "hubspot", kind: "leads" },
    { preset: "salesforce", kind: "leads" },
    { preset: "eloqua", kind: "activities" },
    { preset: "mailchimp", kind: "activities" },
    { preset: "googleForms", kind: "activities" },
  ],
});

/** The backend's readings by file text; a text not listed is not recognised. */
let readings: Record<string, ValueReading> = {};

const rejection = (line: number): Rejection => ({
  line,
  column: "Email",
  reason: `"nobody@" is not an email address`,
  fields: [],
});

const done = (dryRun: boolean, rejected = 25, rejectsFile: string | null = null): ImportDone => ({
  report: {
    kind: "leads",
    rows: 12345,
    imported: 12000,
    merged: 320,
    alreadyThere: 0,
    rejected,
    dryRun,
    committed: !dryRun,
    rejections: Array.from({ length: rejected }, (_, i) => rejection(i + 2)),
    warnings: [],
    headers: ["Email", "Notes"],
    unmapped: ["Notes"],
    encoding: "windows-1252",
    replaced: null,
    delimiter: ";",
    millis: 2400,
    balanced: 12000 + 320 + rejected === 12345,
    moved: { known: 0, mql: 0, handoffs: 0, unnamed: 0, leads: [] },
  },
  rejectsFile,
});

/** A promise the test settles by hand, for a command that is still running. */
function pending<T>() {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const inputOf = <T>(command: string) => calls.filter((c) => c.command === command).at(-1)?.input as T;

function progress(payload: ImportProgress) {
  const handler = listeners.get("import-progress");
  if (!handler) throw new Error("nobody listens to import-progress");
  handler({ payload });
}

beforeEach(() => {
  calls.length = 0;
  listeners.clear();
  chosenFile = null;
  readings = { "Paid Ads": { type: "value", value: "paidAds" } };
  backend = {
    preview_import: () => preview(),
    import_targets: () => catalogue(),
    read_import_values: (input) =>
      (input as ReadImportValues).texts.map(
        (text): ValueReading => readings[text] ?? { type: "unknown", reason: `“${text}” is not a source` },
      ),
    list_backups: () => [],
  };
});

afterEach(cleanup);

async function readFile() {
  render(DataPage, { job: new ImportJob() });
  await fireEvent.input(screen.getByTestId("import-path"), { target: { value: PATH } });
  await fireEvent.click(screen.getByTestId("import-read"));
  return screen.findByTestId("import-preview");
}

describe("the import wizard", () => {
  it("reads a typed path and shows how the file was read and its first rows", async () => {
    const shown = await readFile();
    expect(inputOf("preview_import")).toEqual({ path: PATH, encoding: null });
    const encoding = within(shown).getByTestId("import-encoding") as HTMLSelectElement;
    expect(encoding.value).toBe("windows-1252");
    expect(encoding.selectedOptions[0]?.textContent).toBe("windows-1252 (Western European), detected");
    expect(screen.queryByTestId("import-replaced")).toBeNull();
    expect(within(shown).getByTestId("import-delimiter").textContent).toBe("Semicolon");
    expect(within(shown).getByTestId("import-records").textContent).toBe("12,345");
    const headers = within(shown).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Record ID", "Email", "Lead Source", "Notes"]);
    const rows = within(shown).getAllByTestId("preview-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("siti@example.my");
    expect(screen.queryByTestId("import-empty")).toBeNull();
  });

  it("reads the file the system's chooser picked", async () => {
    chosenFile = "/tmp/badges.tsv";
    render(DataPage, { job: new ImportJob() });
    await fireEvent.click(screen.getByTestId("import-browse"));
    await screen.findByTestId("import-preview");
    expect(inputOf("preview_import")).toEqual({ path: "/tmp/badges.tsv", encoding: null });
    expect((screen.getByTestId("import-path") as HTMLInputElement).value).toBe("/tmp/badges.tsv");
  });

  it("shows a file that cannot be read plainly, with no wizard", async () => {
    backend.preview_import = () => {
      throw { code: "InvalidInput", message: "The file has no header row." };
    };
    render(DataPage, { job: new ImportJob() });
    await fireEvent.input(screen.getByTestId("import-path"), { target: { value: PATH } });
    await fireEvent.click(screen.getByTestId("import-read"));
    expect((await screen.findByTestId("import-error")).textContent).toBe("The file has no header row.");
    expect(screen.queryByTestId("import-dry-run")).toBeNull();
  });

  it("starts from the file's guess and sends the mapping, value maps and match rules as edited", async () => {
    backend.run_import = () => done(true, 0);
    await readFile();
    const targets = screen.getAllByTestId("map-target") as HTMLSelectElement[];
    expect(targets.map((select) => select.value)).toEqual(["source.externalId", "contact.email", "source.kind", "ignore"]);
    // Labels are the user's language, not wire names.
    expect(targets[0]?.selectedOptions[0]?.textContent).toBe("External id");

    await fireEvent.change(targets[3] as HTMLSelectElement, { target: { value: "notes" } });
    const sources = screen.getByTestId("value-map");
    expect(sources.dataset.target).toBe("source.kind");
    const [paidAds, google] = within(sources).getAllByRole("combobox") as HTMLSelectElement[];
    await waitFor(() => expect(paidAds?.selectedOptions[0]?.textContent).toBe("Automatic: Paid ads"));
    expect(google?.selectedOptions[0]?.textContent).toBe("Automatic: not recognised, the row would be rejected");
    await fireEvent.change(google as HTMLSelectElement, { target: { value: "paidAds" } });
    await fireEvent.change(screen.getByTestId("default-stage"), { target: { value: "known" } });
    await fireEvent.change(screen.getByTestId("date-hint"), { target: { value: "dayFirst" } });
    await fireEvent.change(screen.getByTestId("match-email"), { target: { value: "skip" } });
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    await screen.findByTestId("import-result");

    const { path, options } = inputOf<{ path: string; options: ImportOptions }>("run_import");
    expect(path).toBe(PATH);
    expect(options.dryRun).toBe(true);
    expect(options.mapping.columns).toEqual({
      "Record ID": "source.externalId",
      Email: "contact.email",
      "Lead Source": "source.kind",
      Notes: "notes",
    });
    expect(options.mapping.values).toEqual({ "source.kind": { Google: "paidAds" } });
    expect(options.mapping.defaults).toEqual({ stage: "known" });
    expect(options.mapping.dateFormats).toContain("%d/%m/%Y");
    expect(options.mapping.timezone).toBe("Asia/Kuala_Lumpur");
    expect(options.onMatch).toEqual({ externalId: "update", email: "skip", nameCompany: "update" });
    // A leads file: no source, and no activity rows to place.
    expect(options.kind).toBe("leads");
    expect(options.source).toBe("");
    expect(options.unmatched).toBe("create");
  });

  it("labels Automatic with the backend's reading of each text under the starting mapping", async () => {
    readings = { "Paid Ads": { type: "empty" }, Google: { type: "value", value: "referral" } };
    backend.preview_import = () => ({ ...preview(), mapping: { ...preview().mapping, empty: ["paid ads"] } });
    await readFile();
    const [paidAds, google] = within(screen.getByTestId("value-map")).getAllByRole("combobox") as HTMLSelectElement[];
    await waitFor(() => expect(google?.selectedOptions[0]?.textContent).toBe("Automatic: Referral"));
    expect(paidAds?.selectedOptions[0]?.textContent).toBe("Automatic: empty, the default applies");
    const asked = inputOf<ReadImportValues>("read_import_values");
    expect(asked.target).toBe("source.kind");
    expect(asked.texts).toEqual(["Paid Ads", "Google"]);
    expect(asked.mapping.empty).toEqual(["paid ads"]);
    // The picks are not sent: Automatic says what happens when nothing is picked.
    expect(asked.mapping.values).toEqual({});

    // The mapping table offers the backend's targets, grouped as it lists them.
    const notes = screen.getAllByTestId("map-target")[3] as HTMLSelectElement;
    expect([...notes.querySelectorAll("optgroup")].map((group) => group.label)).toEqual([
      "Contact", "Source", "Stage and history", "Owner, tags, notes and consent",
    ]);
    expect(calls.filter((c) => c.command === "import_targets")).toHaveLength(1);
  });

  it("says which export the file looks like and starts from that preset", async () => {
    backend.preview_import = () => ({ ...preview(), suggested: "salesforce" });
    await readFile();
    expect(screen.getByTestId("import-suggested").textContent).toContain("Recognised as Salesforce leads export.");
    expect((screen.getByTestId("import-preset") as HTMLSelectElement).value).toBe("salesforce");
  });

  it("switches to a shipped preset's mapping", async () => {
    backend.mapping_preset = () => ({
      ...preview().mapping,
      columns: { Email: "contact.email", "Record ID": "source.externalId", Notes: "notes" },
    });
    await readFile();
    await fireEvent.change(screen.getByTestId("import-preset"), { target: { value: "hubspot" } });
    await waitFor(() => expect(inputOf("mapping_preset")).toEqual({ preset: "hubspot" }));
    await waitFor(() =>
      expect((screen.getAllByTestId("map-target") as HTMLSelectElement[]).map((s) => s.value)).toEqual([
        "source.externalId", "contact.email", "ignore", "notes",
      ]),
    );
  });

  it("says so when the engine finds the counts do not add up, instead of claiming they do", async () => {
    backend.run_import = () => done(true, 24);
    await readFile();
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    const result = await screen.findByTestId("import-result");
    expect(screen.getByTestId("import-unbalanced").textContent).toContain("12,345 rows");
    expect(result.textContent).not.toContain("every row is accounted for");
  });

  it("a dry run shows the counts, that they add up, and the first 20 rejected rows", async () => {
    backend.run_import = () => done(true);
    await readFile();
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    const result = await screen.findByTestId("import-result");
    expect(result.textContent).toContain("Dry run: nothing was written");
    expect(screen.getByTestId("import-imported").textContent).toBe("12,000");
    expect(screen.getByTestId("import-merged").textContent).toBe("320");
    expect(screen.getByTestId("import-rejected").textContent).toBe("25");
    expect(screen.getByTestId("import-rows").textContent).toBe("12,345");
    expect(result.textContent).toContain("12,000 + 320 + 25 = 12,345: every row is accounted for.");
    expect(result.textContent).toContain("Columns not imported: Notes");
    const rows = screen.getAllByTestId("rejection-row");
    expect(rows).toHaveLength(20);
    expect(rows[0]?.textContent).toContain("2");
    expect(rows[0]?.textContent).toContain("Email");
    expect(rows[0]?.textContent).toContain(`"nobody@" is not an email address`);
    expect(screen.queryByTestId("import-to-leads")).toBeNull();
  });

  it("lists each date out of order with its line, its column and what the engine did", async () => {
    const wonEarly: DateWarning = {
      line: 7,
      column: "MQL date",
      stage: "mql",
      date: "2026-03-02",
      ahead: "customer",
      aheadColumn: "Won date",
      aheadDate: "2026-03-01",
      settled: "countedAsReached",
    };
    const created: DateWarning = {
      line: 9,
      column: "",
      stage: "anonymous",
      date: "2026-03-10",
      ahead: "mql",
      aheadColumn: "MQL date",
      aheadDate: "2026-03-02",
      settled: "createdAtEarliest",
    };
    const answer = done(false, 0);
    backend.run_import = () => ({ ...answer, report: { ...answer.report, warnings: [wonEarly, created] } });
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    const table = await screen.findByTestId("import-warnings");
    expect(table.querySelector("caption")?.textContent).toBe(
      "2 dates are out of the stages' order; those rows were imported anyway. The first 2:",
    );
    const rows = within(table).getAllByTestId("warning-row");
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))).toEqual([
      [
        "7",
        "MQL date",
        "“Won date” 2026-03-01 is before “MQL date” 2026-03-02: the Customer date is kept as given, " +
          "the MQL date is left out, and the lead counts as having reached MQL.",
      ],
      [
        "9",
        "",
        "the creation date 2026-03-10 is after “MQL date” 2026-03-02: the lead counts as created on 2026-03-02.",
      ],
    ]);
  });

  it("shows no warnings table when every date is in order", async () => {
    backend.run_import = () => done(false, 0);
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    expect(screen.queryByTestId("import-warnings")).toBeNull();
  });

  it("a real import says where the rejected rows were saved and leads to the Leads page", async () => {
    backend.run_import = () => done(false, 3, "/home/aminah/Downloads/contacts-rejects-20261125-1000.csv");
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    expect((await screen.findByTestId("import-rejects-file")).textContent).toBe(
      "/home/aminah/Downloads/contacts-rejects-20261125-1000.csv",
    );
    expect(inputOf<{ options: ImportOptions }>("run_import").options.dryRun).toBe(false);
    expect(screen.getByTestId("import-result").textContent).toContain("Import finished");
    expect(screen.getByTestId("import-to-leads").getAttribute("href")).toBe("#/leads");
  });

  it("moves the progress bar and rows/s with the backend's events, and cancels", async () => {
    const running = pending<ImportDone>();
    backend.run_import = () => running.promise;
    backend.cancel_import = () => null;
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    const bar = (await screen.findByTestId("import-progress")) as HTMLProgressElement;
    await waitFor(() => expect(listeners.has("import-progress")).toBe(true));
    expect(screen.getByTestId("import-run")).toHaveProperty("disabled", true);

    progress({ phase: "checking", done: 4000, total: 12345, rowsPerSecond: 15234.6 });
    await waitFor(() => expect(bar.value).toBe(4000));
    expect(bar.max).toBe(12345);
    expect(screen.getByTestId("import-rate").textContent).toBe("15,235 rows/s");
    expect(screen.getByTestId("import-phase").textContent).toBe("Checking rows");
    expect(screen.getByTestId("import-count").textContent).toBe("4,000 of 12,345 rows");

    progress({ phase: "applying", done: 9000, total: 12345, rowsPerSecond: 20000 });
    await waitFor(() =>
      expect(screen.getByTestId("import-phase").textContent).toBe("Classifying, scoring and routing"),
    );
    expect(bar.value).toBe(9000);

    await fireEvent.click(screen.getByTestId("import-cancel"));
    await waitFor(() => expect(calls.some((c) => c.command === "cancel_import")).toBe(true));
    running.reject({ code: "Cancelled", message: "Cancelled: nothing was written." });
    expect((await screen.findByTestId("import-cancelled")).textContent).toBe("Import cancelled — nothing was written.");
    expect(screen.queryByTestId("import-progress")).toBeNull();
    expect(screen.queryByTestId("import-result")).toBeNull();
    expect(listeners.has("import-progress")).toBe(false);
  });

  it("says the save cannot be cancelled while the one transaction runs", async () => {
    backend.run_import = () => pending<ImportDone>().promise;
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    await waitFor(() => expect(listeners.has("import-progress")).toBe(true));
    progress({ phase: "saving", done: 12345, total: 12345, rowsPerSecond: 20000 });
    await waitFor(() => expect(screen.getByTestId("import-phase").textContent).toBe("Saving to disk"));
    // Indeterminate: a full bar would look stuck for the seconds the save takes.
    expect(screen.getByTestId("import-progress").hasAttribute("value")).toBe(false);
    expect(screen.getByTestId("import-saving").textContent?.trim()).toBe(
      "12,345 leads are being saved in one go; this step cannot be cancelled.",
    );
    expect(screen.queryByTestId("import-cancel")).toBeNull();

    // Saved: a full bar, and nothing says it is still saving.
    progress({ phase: "done", done: 12345, total: 12345, rowsPerSecond: 20000 });
    await waitFor(() => expect(screen.getByTestId("import-phase").textContent).toBe("Finishing"));
    expect((screen.getByTestId("import-progress") as HTMLProgressElement).value).toBe(12345);
    expect(screen.queryByTestId("import-saving")).toBeNull();
    expect(screen.queryByTestId("import-cancel")).toBeNull();
  });

  it("shows rows/s in the user's language", async () => {
    const { applyLocale } = await import("../../lib/i18n");
    applyLocale("id");
    try {
      backend.run_import = () => pending<ImportDone>().promise;
      await readFile();
      await fireEvent.click(screen.getByTestId("import-dry-run"));
      await waitFor(() => expect(listeners.has("import-progress")).toBe(true));
      progress({ phase: "checking", done: 1, total: 2, rowsPerSecond: 15234.6 });
      await waitFor(() => expect(screen.getByTestId("import-rate").textContent).toBe("15.235 baris/dtk"));
    } finally {
      applyLocale("en");
    }
  });
});

const ELOQUA = "/home/aminah/Downloads/eloqua-activities.csv";

/** An Oracle Eloqua activity export, as the backend previews it: it recognises the preset. */
const eloquaPreview = (): ImportPreview => ({
  ...preview(),
  source: "eloqua-activities",
  encoding: "UTF-8",
  detected: "UTF-8",
  delimiter: ",",
  headers: ["ActivityType", "ActivityDate", "EmailAddress", "VisitorId", "AssetName"],
  sample: [
    ["EmailOpen", "2026-05-25 09:12:03.000", "aisha@kedai.my", "", "May newsletter"],
    ["PageView", "2026-05-26 10:01:00.000", "aisha@kedai.my", "V-AISHA", ""],
  ],
  records: 14,
  suggested: "eloqua",
  kind: "activities",
  mapping: {
    ...preview().mapping,
    columns: {
      ActivityType: "activity.kind",
      ActivityDate: "activity.at",
      EmailAddress: "contact.email",
      VisitorId: "activity.visitorId",
      AssetName: "activity.asset",
    },
    defaults: { "activity.kind": "pageVisit" },
  },
});

async function readEloqua() {
  backend.preview_import = () => eloquaPreview();
  render(DataPage, { job: new ImportJob() });
  await fireEvent.input(screen.getByTestId("import-path"), { target: { value: ELOQUA } });
  await fireEvent.click(screen.getByTestId("import-read"));
  return screen.findByTestId("import-preview");
}

const radio = (id: string) => document.getElementById(id) as HTMLInputElement;
const presetNames = () =>
  [...(screen.getByTestId("import-preset") as HTMLSelectElement).options].map((o) => o.textContent);
const groupLabels = (column = 0) =>
  [...(screen.getAllByTestId("map-target")[column] as HTMLSelectElement).querySelectorAll("optgroup")].map((g) => g.label);

/** An activities file's report: every row landed on a lead, was there already, or was rejected. */
const activitiesDone = (dryRun: boolean, moved = { known: 0, mql: 0, handoffs: 0, unnamed: 0, leads: [] } as ImportReport["moved"]): ImportDone => ({
  report: {
    ...done(dryRun, 2).report,
    kind: "activities",
    rows: 14,
    imported: 3,
    merged: 8,
    alreadyThere: 1,
    rejected: 2,
    rejections: [rejection(14), rejection(15)],
    unmapped: [],
    balanced: true,
    moved,
  },
  rejectsFile: null,
});

describe("an activities file", () => {
  it("switching to activities offers the activity fields and presets, and the source in place of the match rules", async () => {
    await readFile();
    expect(radio("import-kind-leads").checked).toBe(true);
    expect(presetNames()).toEqual(["This file's columns (best guess)", "HubSpot contacts export", "Salesforce leads export"]);
    expect(groupLabels()).toEqual(["Contact", "Source", "Stage and history", "Owner, tags, notes and consent"]);
    expect(screen.getByTestId("match-email")).toBeTruthy();
    expect(screen.queryByTestId("import-source")).toBeNull();

    await fireEvent.click(radio("import-kind-activities"));
    expect(radio("import-kind-activities").checked).toBe(true);
    expect(presetNames()).toEqual([
      "This file's columns (best guess)",
      "Oracle Eloqua activity export",
      "Mailchimp email activity",
      "Google Forms responses",
    ]);
    expect((screen.getByTestId("import-preset") as HTMLSelectElement).value).toBe("guess");
    expect(groupLabels()).toEqual(["Activity", "Contact", "Source"]);
    const first = screen.getAllByTestId("map-target")[0] as HTMLSelectElement;
    expect([...first.querySelectorAll("optgroup")[0]!.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      "Activity type", "Activity date and time", "Visitor id", "Page address (URL)", "Asset (email, form, file)",
    ]);
    // Fields both kinds fill stay mapped; the lead stage has no place in an activities file.
    expect(mapped()).toEqual(["source.externalId", "contact.email", "source.kind", "ignore"]);
    expect(screen.queryByTestId("default-stage")).toBeNull();
    const kinds = screen.getByTestId("default-activity-kind") as HTMLSelectElement;
    expect([...kinds.options].map((o) => o.textContent)).toEqual(["No default", "Page visit", "Email open", "Email click", "Form submit"]);
    expect(screen.queryByTestId("match-email")).toBeNull();
    expect((screen.getByLabelText("Source system") as HTMLInputElement).value).toBe("contacts");
    const unmatched = screen.getByLabelText("When a row finds no lead") as HTMLSelectElement;
    expect(unmatched.id).toBe("import-unmatched");
    expect([...unmatched.options].map((o) => o.textContent)).toEqual([
      "Create the lead (known when the row names a person, an anonymous visitor for a visitor id alone)",
      "Reject the row",
    ]);
    expect(unmatched.value).toBe("create");

    await fireEvent.click(radio("import-kind-leads"));
    expect(groupLabels()).toEqual(["Contact", "Source", "Stage and history", "Owner, tags, notes and consent"]);
    expect(screen.getByTestId("match-email")).toBeTruthy();
    expect(screen.queryByTestId("import-source")).toBeNull();
  });

  it("starts as the preview says, names the preset's source, and sends kind, source and unmatched", async () => {
    backend.run_import = () => activitiesDone(true);
    backend.mapping_preset = () => ({ ...eloquaPreview().mapping, columns: { EmailAddress: "contact.email" } });
    const shown = await readEloqua();
    expect(within(shown).getByTestId("import-suggested").textContent).toContain("Recognised as Oracle Eloqua activity export.");
    expect(radio("import-kind-activities").checked).toBe(true);
    expect((screen.getByTestId("import-preset") as HTMLSelectElement).value).toBe("eloqua");
    expect(mapped()).toEqual(["activity.kind", "activity.at", "contact.email", "activity.visitorId", "activity.asset"]);
    const source = document.getElementById("import-source") as HTMLInputElement;
    expect(source.value).toBe("eloqua");
    expect(screen.getByText(/adds nothing twice/)).toBeTruthy();

    await fireEvent.input(source, { target: { value: "eloqua-emea" } });
    await fireEvent.change(document.getElementById("import-unmatched") as HTMLSelectElement, { target: { value: "reject" } });
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    await screen.findByTestId("import-result");
    const { path, options } = inputOf<{ path: string; options: ImportOptions }>("run_import");
    expect(path).toBe(ELOQUA);
    expect(options).toMatchObject({ kind: "activities", source: "eloqua-emea", unmatched: "reject", dryRun: true });
    expect(options.mapping.columns).toEqual({
      ActivityType: "activity.kind",
      ActivityDate: "activity.at",
      EmailAddress: "contact.email",
      VisitorId: "activity.visitorId",
      AssetName: "activity.asset",
    });
    expect(options.mapping.defaults).toEqual({ "activity.kind": "pageVisit" });

    // Another preset names another source; the guess names the file.
    await fireEvent.change(screen.getByTestId("import-preset"), { target: { value: "mailchimp" } });
    await waitFor(() => expect(source.value).toBe("mailchimp"));
    await fireEvent.change(screen.getByTestId("import-preset"), { target: { value: "guess" } });
    await waitFor(() => expect(source.value).toBe("eloqua-activities"));
  });

  it("a file read as activities leaves the lead-only defaults behind", async () => {
    backend.run_import = () => activitiesDone(true);
    backend.preview_import = () => ({
      ...preview(),
      mapping: { ...preview().mapping, defaults: { stage: "known", "source.kind": "event" } },
    });
    render(DataPage, { job: new ImportJob() });
    await fireEvent.input(screen.getByTestId("import-path"), { target: { value: PATH } });
    await fireEvent.click(screen.getByTestId("import-read"));
    await screen.findByTestId("import-preview");
    await fireEvent.click(radio("import-kind-activities"));
    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-result");
    const { options } = inputOf<{ options: ImportOptions }>("run_import");
    expect(options).toMatchObject({ kind: "activities", source: "contacts", unmatched: "create", dryRun: false });
    expect(options.mapping.defaults).toEqual({ "source.kind": "event" });
  });

  it("the result counts each row by where it went, and that they add up as the engine says", async () => {
    backend.run_import = () => activitiesDone(true);
    await readEloqua();
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    const result = await screen.findByTestId("import-result");
    expect(screen.getByTestId("import-counts").textContent?.trim()).toBe(
      "14 rows: 3 created a lead, 8 attached to a lead, 1 already there, 2 rejected",
    );
    expect(screen.getByTestId("import-balance").textContent).toBe("3 + 8 + 1 + 2 = 14: every row is accounted for.");
    expect(screen.getByTestId("import-imported").textContent).toBe("3");
    expect(screen.getByTestId("import-merged").textContent).toBe("8");
    expect(screen.getByTestId("import-already-there").textContent).toBe("1");
    expect(screen.getByTestId("import-rejected").textContent).toBe("2");
    expect(screen.getByTestId("import-rows").textContent).toBe("14");
    expect(result.textContent).toContain("Created a lead");
    expect(result.textContent).toContain("Attached to a lead");
    expect(result.textContent).toContain("Already there");
    // A dry run moves nobody.
    expect(screen.queryByTestId("import-moved")).toBeNull();
  });

  it("believes the engine's balance, not the sum", async () => {
    backend.run_import = () => {
      const answer = activitiesDone(true);
      return { ...answer, report: { ...answer.report, balanced: false } };
    };
    await readEloqua();
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    expect((await screen.findByTestId("import-unbalanced")).textContent).toContain("14 rows");
    expect(screen.queryByTestId("import-balance")).toBeNull();
  });

  it("words the counts in the user's language", async () => {
    const { applyLocale } = await import("../../lib/i18n");
    applyLocale("zh-CN");
    try {
      backend.run_import = () => {
        const answer = activitiesDone(true);
        return { ...answer, report: { ...answer.report, rows: 12345, merged: 12339 } };
      };
      await readEloqua();
      await fireEvent.click(screen.getByTestId("import-dry-run"));
      expect((await screen.findByTestId("import-counts")).textContent?.trim()).toBe(
        "12,345 行：3 行新建了线索，12,339 行归入已有线索，1 行已存在，2 行被拒绝",
      );
    } finally {
      applyLocale("en");
    }
  });
});

describe("what a written import moved", () => {
  const moved: ImportReport["moved"] = {
    known: 3,
    mql: 38,
    handoffs: 12,
    unnamed: 2,
    leads: [
      { id: 41, name: "Siti Rahman", from: "known", to: "mql" },
      { id: 57, name: "", from: null, to: "anonymous" },
    ],
  };

  it("leads with the counts, says the SLA clocks start now, and opens a moved lead", async () => {
    backend.run_import = () => activitiesDone(false, moved);
    location.hash = "#/data";
    await readEloqua();
    await fireEvent.click(screen.getByTestId("import-run"));
    const summary = await screen.findByTestId("import-moved");
    expect(summary.textContent?.replace(/\s+/g, " ").trim()).toBe(
      "38 leads became MQLs · 12 handoffs opened · 3 leads became known",
    );
    expect(screen.getByTestId("moved-unnamed").textContent).toBe(
      "2 leads have an email or phone but no name, so they stay anonymous visitors: the Playbook's way into Known lead asks for a name too.",
    );
    expect(screen.getByTestId("moved-mql").textContent).toContain("38");
    expect(screen.getByTestId("moved-handoffs").textContent).toContain("12");
    expect(screen.getByTestId("moved-known").textContent).toContain("3");
    expect(screen.getByTestId("moved-sla").textContent).toContain("SLA clock starts now, at the import");
    const leads = screen.getAllByTestId("moved-lead");
    expect(leads.map((li) => li.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Siti Rahman Known lead → MQL",
      "Lead #57 new → Anonymous visitor",
    ]);
    const siti = within(leads[0] as HTMLElement).getByRole("link", { name: "Siti Rahman" });
    await fireEvent.click(siti);
    await waitFor(() => expect(location.hash).toBe("#/leads/41"));
    // Still there, as with a leads file.
    expect(screen.getByTestId("import-to-leads").getAttribute("href")).toBe("#/leads");
  });

  it("after a leads file too, in the singular when one moved", async () => {
    backend.run_import = () => {
      const answer = done(false);
      return {
        ...answer,
        report: { ...answer.report, moved: { known: 1, mql: 1, handoffs: 0, unnamed: 0, leads: [{ id: 7, name: "Budi", from: "known", to: "mql" }] } },
      };
    };
    await readFile();
    await fireEvent.click(screen.getByTestId("import-run"));
    expect((await screen.findByTestId("moved-mql")).textContent).toBe("1 lead became an MQL");
    expect(screen.getByTestId("moved-handoffs").textContent).toBe("0 handoffs opened");
    expect(screen.getByTestId("moved-known").textContent).toBe("1 lead became known");
    expect(screen.queryByTestId("moved-sla")).toBeNull();
    expect(screen.queryByTestId("import-counts")).toBeNull();
    expect(screen.getByTestId("import-balance").textContent).toBe("12,000 + 320 + 25 = 12,345: every row is accounted for.");
  });
});

/** A Chinese Excel file as the backend reads it in each encoding: in Big5 the GBK bytes of
 * 张伟 and of the headers 姓名/邮箱 come out wrong, in GB18030 they read as written. */
function chineseFile(detected = "Big5") {
  const wrong: ImportPreview = {
    ...preview(),
    encoding: detected,
    detected,
    delimiter: ",",
    headers: ["咻靡", "蚗眊"],
    sample: [["梒庋", "zhang.wei@example.cn"]],
    records: 3,
    replaced: { count: 3, firstLine: 2 },
    mapping: { ...preview().mapping, columns: {} },
  };
  const right: ImportPreview = {
    ...wrong,
    encoding: "GB18030",
    headers: ["姓名", "邮箱"],
    sample: [["张伟", "zhang.wei@example.cn"]],
    replaced: null,
    mapping: { ...preview().mapping, columns: { 姓名: "contact.name", 邮箱: "contact.email" } },
  };
  backend.preview_import = (input) => ((input as { encoding: string | null }).encoding === "GB18030" ? right : wrong);
}

const encodingSelect = () => screen.getByTestId("import-encoding") as HTMLSelectElement;
const mapped = () => (screen.getAllByTestId("map-target") as HTMLSelectElement[]).map((s) => s.value);

describe("the file's encoding", () => {
  it("warns of characters that could not be read and reads the file again in the encoding picked", async () => {
    chineseFile();
    backend.run_import = () => done(true, 0);
    const shown = await readFile();
    expect(within(shown).getByTestId("import-replaced").textContent?.trim()).toBe(
      "3 characters could not be read as Big5 — the first on line 2 — and became �. " +
        "If names look wrong, pick the encoding the file was saved in.",
    );
    expect([...encodingSelect().options].map((o) => o.textContent)).toEqual([
      "UTF-8 (Unicode)",
      "windows-1252 (Western European)",
      "GB18030 (Chinese, Simplified)",
      "Big5 (Chinese, Traditional), detected",
    ]);
    expect(mapped()).toEqual(["ignore", "ignore"]);

    await fireEvent.change(encodingSelect(), { target: { value: "GB18030" } });
    await waitFor(() => expect(screen.queryByTestId("import-replaced")).toBeNull());
    expect(inputOf("preview_import")).toEqual({ path: PATH, encoding: "GB18030" });
    expect(encodingSelect().value).toBe("GB18030");
    expect(screen.getByTestId("import-detected").textContent).toBe("Detected: Big5");
    expect(screen.getAllByTestId("preview-row")[0]?.textContent).toContain("张伟");
    // New headers: the mapping starts again from the new reading's suggestion.
    expect(mapped()).toEqual(["contact.name", "contact.email"]);

    await fireEvent.click(screen.getByTestId("import-dry-run"));
    await screen.findByTestId("import-result");
    expect(inputOf<{ options: ImportOptions }>("run_import").options.encoding).toBe("GB18030");
  });

  it("keeps the mapping as edited when the headers read the same in the new encoding", async () => {
    backend.preview_import = (input) =>
      (input as { encoding: string | null }).encoding === "UTF-8"
        ? { ...preview(), encoding: "UTF-8", sample: [["101", "siti@example.my", "Paid Ads", "jumpa di ekspo ☕"]] }
        : preview();
    await readFile();
    await fireEvent.change(screen.getAllByTestId("map-target")[3] as HTMLSelectElement, { target: { value: "notes" } });
    await fireEvent.change(encodingSelect(), { target: { value: "UTF-8" } });
    await waitFor(() => expect(encodingSelect().value).toBe("UTF-8"));
    expect(screen.getAllByTestId("preview-row")[0]?.textContent).toContain("jumpa di ekspo ☕");
    expect(mapped()).toEqual(["source.externalId", "contact.email", "source.kind", "notes"]);
  });

  it("says why an encoding cannot read the file and keeps the last reading", async () => {
    backend.preview_import = (input) => {
      if ((input as { encoding: string | null }).encoding === "UTF-8") {
        throw { code: "InvalidInput", message: "This does not look like a text CSV file (it holds binary data)." };
      }
      return preview();
    };
    await readFile();
    await fireEvent.change(encodingSelect(), { target: { value: "UTF-8" } });
    expect((await screen.findByTestId("import-error")).textContent).toBe(
      "This does not look like a text CSV file (it holds binary data).",
    );
    expect(screen.getAllByTestId("preview-row")).toHaveLength(2);
    await waitFor(() => expect(encodingSelect().value).toBe("windows-1252"));
    expect(screen.queryByTestId("import-detected")).toBeNull();
  });

  it("the dry run's report warns of the characters that would be stored as �", async () => {
    backend.run_import = () => {
      const dry = done(true, 0);
      return { ...dry, report: { ...dry.report, encoding: "UTF-8", replaced: { count: 1, firstLine: 57 } } };
    };
    await readFile();
    await fireEvent.click(screen.getByTestId("import-dry-run"));
    expect((await screen.findByTestId("import-result-replaced")).textContent?.trim()).toBe(
      "1 character could not be read as UTF-8 — the first on line 57 — and became �. " +
        "If names look wrong, pick the encoding the file was saved in.",
    );
  });

  it("names the encodings and the warning in the user's language", async () => {
    const { applyLocale } = await import("../../lib/i18n");
    applyLocale("zh-TW");
    try {
      chineseFile();
      await readFile();
      const options = [...encodingSelect().options].map((o) => o.textContent);
      expect(options[2]).toBe("GB18030（簡體中文）");
      expect(options[3]).toBe("Big5（繁體中文），偵測結果");
      expect(screen.getByTestId("import-replaced").textContent?.trim()).toBe(
        "3 個字元無法以 Big5 讀取（第一個在第 2 行），已變成 �。如果名字看起來不對，請選擇檔案儲存時使用的編碼。",
      );
    } finally {
      applyLocale("en");
    }
  });
});

describe("export", () => {
  it("saves each kind through the backend and says where", async () => {
    backend.export_csv = (input) =>
      `/home/aminah/Downloads/laju-${(input as { kind: string }).kind}-20261125.csv`;
    render(DataPage, { job: new ImportJob() });
    await fireEvent.click(screen.getByTestId("export-history"));
    const saved = await screen.findByTestId("export-saved");
    expect(saved.textContent).toContain("Saved to");
    expect(screen.getByTestId("export-path").textContent).toBe("/home/aminah/Downloads/laju-history-20261125.csv");
    expect(inputOf("export_csv")).toEqual({ kind: "history", query: null });
    await fireEvent.click(screen.getByTestId("export-blackHoles"));
    await waitFor(() => expect(inputOf("export_csv")).toEqual({ kind: "blackHoles", query: null }));
  });

  it("shows a failed export plainly", async () => {
    backend.export_csv = () => {
      throw { code: "Internal", message: "Downloads is not writable." };
    };
    render(DataPage, { job: new ImportJob() });
    await fireEvent.click(screen.getByTestId("export-leads"));
    expect((await screen.findByTestId("export-error")).textContent).toBe("The export failed: Downloads is not writable.");
    expect(screen.queryByTestId("export-saved")).toBeNull();
  });
});

describe("backup and restore", () => {
  const info = { path: "/home/aminah/Downloads/laju-2026-11-25.lajubak", bytes: 1_536_000, leads: 1234, createdAt: "2026-11-25T10:00:00Z" };

  it("backs up now and shows where, how big and how many leads", async () => {
    backend.backup_now = () => info;
    render(DataPage, { job: new ImportJob() });
    expect(await screen.findByTestId("backups-empty")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("backup-now"));
    const saved = await screen.findByTestId("backup-saved");
    expect(screen.getByTestId("backup-path").textContent).toBe(info.path);
    expect(saved.textContent).toContain("(1.5 MB, 1,234 leads)");
  });

  it("lists the automatic backups", async () => {
    backend.list_backups = () => [info, { ...info, path: "/data/backups/laju-2026-11-24.lajubak", bytes: 900, leads: 12 }];
    render(DataPage, { job: new ImportJob() });
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("1.5 MB");
    expect(rows[0]?.textContent).toContain("1,234");
    expect(rows[1]?.textContent).toContain("900 byte");
    await fireEvent.click(within(rows[1] as HTMLElement).getByRole("button"));
    expect((screen.getByTestId("restore-path") as HTMLInputElement).value).toBe("/data/backups/laju-2026-11-24.lajubak");
  });

  it("asks before restoring, and only then calls restore_backup", async () => {
    backend.restore_backup = () => info;
    render(DataPage, { job: new ImportJob() });
    await fireEvent.input(screen.getByTestId("restore-path"), { target: { value: info.path } });
    await fireEvent.click(screen.getByTestId("restore-start"));
    const dialog = await screen.findByTestId("restore-dialog");
    expect(dialog.getAttribute("role")).toBe("alertdialog");
    expect(dialog.textContent).toContain("The current workspace will be replaced by the backup");
    expect(dialog.textContent).toContain(info.path);
    expect(dialog.textContent).toContain("kept aside as a copy");
    expect(dialog.textContent).toContain("Laju restarts");
    expect(calls.some((c) => c.command === "restore_backup")).toBe(false);

    await fireEvent.click(screen.getByTestId("restore-keep"));
    expect(screen.queryByTestId("restore-dialog")).toBeNull();
    expect(calls.some((c) => c.command === "restore_backup")).toBe(false);

    await fireEvent.click(screen.getByTestId("restore-start"));
    await fireEvent.click(await screen.findByTestId("restore-confirm"));
    await waitFor(() => expect(inputOf("restore_backup")).toEqual({ path: info.path }));
    expect((await screen.findByTestId("restore-done")).textContent).toContain("1,234 leads");
  });

  it("says nothing was replaced when the backup does not verify", async () => {
    backend.restore_backup = () => {
      throw { code: "InvalidInput", message: "This file is not a Laju backup." };
    };
    render(DataPage, { job: new ImportJob() });
    await fireEvent.input(screen.getByTestId("restore-path"), { target: { value: "/tmp/x.csv" } });
    await fireEvent.click(screen.getByTestId("restore-start"));
    await fireEvent.click(await screen.findByTestId("restore-confirm"));
    expect((await screen.findByTestId("restore-error")).textContent).toBe(
      "Nothing was replaced: This file is not a Laju backup.",
    );
  });
});
