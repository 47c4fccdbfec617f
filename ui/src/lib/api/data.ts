import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open, type DialogFilter } from "@tauri-apps/plugin-dialog";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { ExportKind } from "../bindings/ExportKind";
import type { ImportDone } from "../bindings/ImportDone";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { Mapping } from "../bindings/Mapping";
import type { Preset } from "../bindings/Preset";
import type { ReportQuery } from "../bindings/ReportQuery";
import type { SourceKind } from "../bindings/SourceKind";
import type { Stage } from "../bindings/Stage";
import { call } from "./invoke";

export type { BackupInfo, ExportKind };

/** Reads the file's encoding, delimiter, headers and first rows, and guesses a mapping. */
export const previewImport = (path: string) => call<ImportPreview>("preview_import", { input: { path } });

export const mappingPreset = (preset: Preset) => call<Mapping>("mapping_preset", { input: { preset } });

/** Runs (or, with `dryRun`, only checks) an import; progress arrives through `onImportProgress`. */
export const runImport = (path: string, options: ImportOptions) =>
  call<ImportDone>("run_import", { input: { path, options } });

/** Stops the running import; its `runImport` then fails and nothing is written. */
export const cancelImport = () => call<null>("cancel_import");

export const onImportProgress = (handler: (progress: ImportProgress) => void): Promise<UnlistenFn> =>
  listen<ImportProgress>("import-progress", (event) => handler(event.payload));

/** Writes a CSV into the export folder; resolves with its path. */
export const exportCsv = (kind: ExportKind, query: ReportQuery | null = null) =>
  call<string>("export_csv", { input: { kind, query } });

export const backupNow = () => call<BackupInfo>("backup_now");

/** The automatic daily backups, newest first. */
export const listBackups = () => call<BackupInfo[]>("list_backups");

/** Verifies the backup, then the app restarts on it (the current folder is kept aside). */
export const restoreBackup = (path: string) => call<BackupInfo>("restore_backup", { input: { path } });

export const CSV_FILTERS: DialogFilter[] = [{ name: "CSV", extensions: ["csv", "tsv", "txt"] }];

/** The backup file's extension, for the restore chooser's filter. */
export const BACKUP_EXTENSIONS = ["lajubak"];

/** The system's file chooser; resolves with the chosen path, or null when the user closed it. */
export const chooseFile = (filters?: DialogFilter[]) => open({ multiple: false, directory: false, filters });

// The mapping targets the backend accepts (the strings a Mapping's columns point at), grouped
// as the mapping table's select shows them.

export const SOURCE_KINDS: SourceKind[] = ["inbound", "outbound", "paidAds", "event", "referral", "partner", "database"];
export const STAGES: Stage[] = [
  "anonymous", "known", "mql", "sal", "sql", "opportunity", "customer", "recycled", "disqualified", "closedLost",
];

/** Cell texts that count as empty when a mapping names none of its own. */
export const EMPTY_TEXTS = ["", "select", "n/a", "na", "-", "--", "null", "none", "nil", "undefined"];

/** The target of a column whose cells are not read. */
export const IGNORE = "ignore";

export const TARGET_GROUPS: { id: string; targets: string[] }[] = [
  {
    id: "contact",
    targets: ["contact.name", "contact.firstName", "contact.lastName", "contact.email", "contact.phone", "contact.title"],
  },
  {
    id: "company",
    targets: [
      "company.name", "company.employees", "company.industry", "company.country", "company.useCase",
      "company.targetAccount", "company.techStack",
    ],
  },
  {
    id: "source",
    targets: [
      "source.externalId", "source.kind", "source.detail", "source.campaign", "source.utm", "source.eventName",
      "source.referrer", "source.partner",
    ],
  },
  { id: "lifecycle", targets: ["stage", "createdAt", ...STAGES.map((s) => `entered.${s}`), "reason"] },
  {
    id: "opportunity",
    targets: [
      "opportunity.value", "opportunity.currency", "opportunity.closeDate", "opportunity.stakeholders",
      "opportunity.salesStage", "opportunity.forecast",
    ],
  },
  { id: "closing", targets: ["closing.contractSigned", "closing.paymentTerms", "closing.onboarding"] },
  { id: "bant", targets: ["bant.budget", "bant.authority", "bant.need", "bant.timeline"] },
  { id: "other", targets: ["owner", "tags", "notes", "consent.doNotEmail", "consent.doNotCall"] },
];

const ALL: ReadonlySet<string> = new Set([IGNORE, ...TARGET_GROUPS.flatMap((g) => g.targets)]);

export const isTarget = (text: string) => ALL.has(text);

/** The targets whose values are a closed set, and that set: the value maps edit these. */
export const ENUM_TARGETS: Record<string, readonly string[]> = { "source.kind": SOURCE_KINDS, stage: STAGES };
