import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open, type DialogFilter } from "@tauri-apps/plugin-dialog";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { ExportKind } from "../bindings/ExportKind";
import type { ImportDone } from "../bindings/ImportDone";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportTargets } from "../bindings/ImportTargets";
import type { Mapping } from "../bindings/Mapping";
import type { Preset } from "../bindings/Preset";
import type { ReadImportValues } from "../bindings/ReadImportValues";
import type { ReportQuery } from "../bindings/ReportQuery";
import type { ValueReading } from "../bindings/ValueReading";
import { call } from "./invoke";

export type { BackupInfo, ExportKind, ImportTargets, ValueReading };

/** Reads the file's encoding, delimiter, headers and first rows, and guesses a mapping; in the
 * given encoding (a name from the preview's `encodings`), else in the one detected. */
export const previewImport = (path: string, encoding: string | null = null) =>
  call<ImportPreview>("preview_import", { input: { path, encoding } });

export const mappingPreset = (preset: Preset) => call<Mapping>("mapping_preset", { input: { preset } });

/** The fields a column can fill, grouped as the mapping table offers them, and the closed sets. */
export const importTargets = () => call<ImportTargets>("import_targets");

/** What each file text becomes in a field under a mapping, one reading per text. */
export const readImportValues = (input: ReadImportValues) =>
  call<ValueReading[]>("read_import_values", { input });

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

/** The target of a column whose cells are not read. */
export const IGNORE = "ignore";
