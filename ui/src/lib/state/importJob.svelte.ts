import {
  cancelImport,
  chooseFile,
  CSV_FILTERS,
  IGNORE,
  importTargets,
  mappingPreset,
  onImportProgress,
  previewImport,
  readImportValues,
  runImport,
  type ImportTargets,
  type ValueReading,
} from "../api/data";
import { LajuError } from "../api/invoke";
import type { ImportDone } from "../bindings/ImportDone";
import type { ImportKind } from "../bindings/ImportKind";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { Mapping } from "../bindings/Mapping";
import type { MatchPolicy } from "../bindings/MatchPolicy";
import type { Preset } from "../bindings/Preset";
import type { TargetGroup } from "../bindings/TargetGroup";
import type { Unmatched } from "../bindings/Unmatched";

/** Where the mapping starts: the preview's own guess for this file, or a shipped preset. */
export type PresetChoice = "guess" | Preset;

/** How dates without a zone are read: the built-in list, day first, month first, or the
 * formats the starting mapping brought along. */
export type DateHint = "auto" | "dayFirst" | "monthFirst" | "mapping";

const ISO = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"];
/** ISO always parses; the hint only decides which way an ambiguous 03/04/2025 goes. */
const DATE_FORMATS: Record<Exclude<DateHint, "mapping">, string[]> = {
  auto: [],
  dayFirst: [...ISO, "%d/%m/%Y", "%d/%m/%Y %H:%M", "%d-%m-%Y", "%d-%m-%Y %H:%M", "%d.%m.%Y"],
  monthFirst: [...ISO, "%m/%d/%Y", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m-%d-%Y"],
};

const key = (text: string) => text.trim().toLowerCase();

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A cancelled import is an error with its own code: nothing was written. */
const isCancel = (error: unknown) => error instanceof LajuError && error.code === "Cancelled";

/**
 * The import wizard: the chosen file's preview, the mapping being edited, and the run with
 * its live progress and report. The backend reads, maps and counts every row; this only keeps
 * what the user chose and what the backend answered.
 */
export class ImportJob {
  /** The path field as typed (or filled by the file chooser). */
  path = $state("");
  /** The file the preview (and so the import) is about. */
  file = $state<string | null>(null);
  preview = $state<ImportPreview | null>(null);
  reading = $state(false);
  error = $state<string | null>(null);
  /** The encoding the user picked for this file; null reads it in the one detected. */
  encoding = $state<string | null>(null);
  /** The fields a column can fill, as the backend lists them; asked for with the first file. */
  targets = $state<ImportTargets | null>(null);

  /** What the file's rows are; starts at what the preview says they look like. */
  kind = $state<ImportKind>("leads");
  preset = $state<PresetChoice>("guess");
  /** The mapping the editor started from: its value maps, empties and currency carry over. */
  base = $state<Mapping | null>(null);
  /** One target per header, in the file's order. */
  columns = $state<string[]>([]);
  /** Target → (file text → value), as the value-map editor leaves it. */
  values = $state<Record<string, Record<string, string>>>({});
  /** Target → value used when a cell is empty; "" means none. */
  defaults = $state<Record<string, string>>({});
  dateHint = $state<DateHint>("auto");
  timezone = $state("");
  policy = $state<MatchPolicy>({ externalId: "update", email: "update", nameCompany: "update" });
  /** Activities: the system the file comes from, which keeps a second import of it from
   * adding the same activities again. */
  source = $state("");
  /** Activities: what a row that finds no lead does. */
  unmatched = $state<Unmatched>("create");

  running = $state<"dry" | "real" | null>(null);
  cancelling = $state(false);
  progress = $state<ImportProgress | null>(null);
  done = $state<ImportDone | null>(null);
  cancelled = $state(false);

  /** Opens the system's file chooser and reads what was chosen. */
  async browse(): Promise<void> {
    try {
      const chosen = await chooseFile(CSV_FILTERS);
      if (!chosen) return;
      this.path = chosen;
      await this.read();
    } catch (error) {
      this.error = message(error);
    }
  }

  async read(): Promise<void> {
    const path = this.path.trim();
    if (!path || this.reading || this.running) return;
    this.reading = true;
    this.error = null;
    this.done = null;
    this.cancelled = false;
    this.encoding = null;
    try {
      const [preview] = await Promise.all([previewImport(path), this.loadTargets()]);
      this.preview = preview;
      this.file = path;
      this.kind = preview.kind;
      this.preset = preview.suggested ?? "guess";
      this.start(preview.mapping);
    } catch (error) {
      this.preview = null;
      this.file = null;
      this.error = message(error);
    } finally {
      this.reading = false;
    }
  }

  /** Reads the file again in another encoding. The mapping as edited stays when the headers
   * read the same; otherwise the editor starts from the new reading's suggestion. A reading
   * that fails leaves the last one shown, with the reason. */
  async chooseEncoding(name: string): Promise<void> {
    const file = this.file;
    const before = this.preview;
    if (!file || !before || this.reading || this.running) return;
    this.reading = true;
    this.error = null;
    this.done = null;
    this.cancelled = false;
    try {
      const preview = await previewImport(file, name);
      this.preview = preview;
      this.encoding = name;
      const same = preview.headers.length === before.headers.length && preview.headers.every((h, i) => h === before.headers[i]);
      if (!same) {
        this.kind = preview.kind;
        this.preset = preview.suggested ?? "guess";
        this.start(preview.mapping);
      }
    } catch (error) {
      this.error = message(error);
    } finally {
      this.reading = false;
    }
  }

  private async loadTargets(): Promise<void> {
    this.targets ??= await importTargets();
  }

  /** What a file of the chosen kind can fill, grouped as the mapping table offers it. */
  get groups(): TargetGroup[] {
    return this.targets?.[this.kind] ?? [];
  }

  /** The shipped presets that read a file of the chosen kind. */
  get presets(): Preset[] {
    return (this.targets?.presets ?? []).filter((info) => info.kind === this.kind).map((info) => info.preset);
  }

  /** Whether the backend lists the name as a target of the chosen kind; `ignore` is one. */
  isTarget(name: string): boolean {
    return name === IGNORE || this.groups.some((group) => group.targets.includes(name));
  }

  /** A target only the other kind of file fills ("stage" in an activities file): switching
   * kind leaves such a column unread. A name neither lists (a newer preset's) is kept. */
  private otherKindOnly(name: string): boolean {
    if (this.isTarget(name)) return false;
    const other = this.kind === "leads" ? this.targets?.activities : this.targets?.leads;
    return (other ?? []).some((group) => group.targets.includes(name));
  }

  /** Switches what the rows are read as; the mapping starts again from the file's own
   * suggestion, or its guess when that preset reads the other kind of file. */
  chooseKind(kind: ImportKind): void {
    if (!this.preview || kind === this.kind) return;
    this.kind = kind;
    const suggested = this.preview.suggested;
    this.preset = suggested && this.presets.includes(suggested) ? suggested : "guess";
    this.start(this.preview.mapping);
  }

  async choosePreset(choice: PresetChoice): Promise<void> {
    if (!this.preview) return;
    this.preset = choice;
    this.error = null;
    try {
      this.start(choice === "guess" ? this.preview.mapping : await mappingPreset(choice));
    } catch (error) {
      this.error = message(error);
    }
  }

  /** Resets the editor to a mapping: each header gets the target it names (trimmed, any case),
   * or itself when it is a target name (a Laju export), or nothing. */
  start(mapping: Mapping): void {
    const headers = this.preview?.headers ?? [];
    const named = new Map(Object.entries(mapping.columns).map(([header, target]) => [key(header), target]));
    this.base = mapping;
    this.columns = headers
      .map((h) => named.get(key(h)) ?? (this.isTarget(h.trim()) ? h.trim() : IGNORE))
      .map((target) => (this.otherKindOnly(target) ? IGNORE : target));
    this.values = $state.snapshot(mapping.values);
    this.defaults = { ...mapping.defaults };
    this.dateHint = mapping.dateFormats.length > 0 ? "mapping" : "auto";
    this.timezone = mapping.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
    // The preset's wire name is the system the file comes from; else the file's name as the
    // backend reads it ("visits (1).csv" is "visits").
    this.source = this.preset === "guess" ? (this.preview?.source ?? "") : this.preset;
  }

  /** The value a file text maps to for a target, or "" when none is set. */
  valueFor(target: string, text: string): string {
    const map = this.values[target] ?? {};
    const found = Object.entries(map).find(([from]) => key(from) === key(text));
    return found?.[1] ?? "";
  }

  /** What each text becomes in the field when nothing is picked for it: the starting mapping's
   * placeholders apply, but no value map, since only the field's own could change the answer
   * and its entries are the picks. */
  automatic(target: string, texts: string[]): Promise<ValueReading[]> {
    const base = $state.snapshot(this.base);
    if (!base) return Promise.resolve([]);
    return readImportValues({ mapping: { ...base, values: {} }, target, texts });
  }

  setValue(target: string, text: string, value: string): void {
    const map = Object.fromEntries(Object.entries(this.values[target] ?? {}).filter(([from]) => key(from) !== key(text)));
    if (value) map[text.trim()] = value;
    this.values = { ...this.values, [target]: map };
  }

  setDefault(target: string, value: string): void {
    this.defaults = { ...this.defaults, [target]: value };
  }

  /** The distinct non-empty texts the sample shows in the columns mapped to a target. */
  sampleValues(target: string): string[] {
    const seen = new Map<string, string>();
    for (const row of this.preview?.sample ?? []) {
      this.columns.forEach((mapped, i) => {
        const text = (row[i] ?? "").trim();
        if (mapped === target && text && !seen.has(key(text))) seen.set(key(text), text);
      });
    }
    return [...seen.values()];
  }

  /** The mapping as the user left it, for the backend; null before a file is read. */
  mapping(): Mapping | null {
    const base = $state.snapshot(this.base);
    if (!base || !this.preview) return null;
    const headers = this.preview.headers;
    // Defaults and value maps of fields only the other kind of file fills stay behind.
    const defaults = Object.fromEntries(
      Object.entries(this.defaults).filter(([target, value]) => value !== "" && !this.otherKindOnly(target)),
    );
    const values = Object.fromEntries(
      Object.entries($state.snapshot(this.values)).filter(
        ([target, map]) => Object.keys(map).length > 0 && !this.otherKindOnly(target),
      ),
    );
    return {
      ...base,
      // "ignore" is written out, so a header that happens to be a target name stays ignored.
      columns: Object.fromEntries(headers.map((h, i) => [h, this.columns[i] ?? IGNORE])),
      values,
      defaults,
      dateFormats: this.dateHint === "mapping" ? base.dateFormats : DATE_FORMATS[this.dateHint],
      timezone: this.timezone.trim(),
    };
  }

  /** Checks (dry run) or imports the file; progress events move the bar until it answers. */
  async run(dryRun: boolean): Promise<void> {
    const file = this.file;
    const mapping = this.mapping();
    if (!file || !mapping || !this.preview || this.running) return;
    const activities = this.kind === "activities";
    const options: ImportOptions = {
      kind: this.kind,
      mapping,
      onMatch: $state.snapshot(this.policy),
      // A leads file has no source or unmatched rows; the engine's defaults go with it.
      unmatched: activities ? this.unmatched : "create",
      source: activities ? this.source.trim() : "",
      dryRun,
      encoding: this.encoding,
    };
    this.running = dryRun ? "dry" : "real";
    this.error = null;
    this.done = null;
    this.cancelled = false;
    this.progress = { phase: "checking", done: 0, total: this.preview.records, rowsPerSecond: 0 };
    // Without the event channel the import still runs; only the bar stays still.
    const stop = await onImportProgress((progress) => {
      if (this.running) this.progress = progress;
    }).catch(() => null);
    try {
      this.done = await runImport(file, options);
    } catch (error) {
      if (isCancel(error)) this.cancelled = true;
      else this.error = message(error);
    } finally {
      stop?.();
      this.running = null;
      this.cancelling = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running || this.cancelling) return;
    this.cancelling = true;
    try {
      await cancelImport();
    } catch (error) {
      this.cancelling = false;
      this.error = message(error);
    }
  }
}

/** One import for the whole window: leaving the Data page and coming back finds it still there. */
export const importJob = new ImportJob();
