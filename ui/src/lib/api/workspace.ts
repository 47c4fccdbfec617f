import type { Preferences } from "../bindings/Preferences";
import type { RestoreOutcome } from "../bindings/RestoreOutcome";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";
import { call } from "./invoke";

export const appStatus = () => call<WorkspaceStatus>("app_status");

/** How the restore performed at this start ended, if there was one; the backend hands it over
 * only once. */
export const takeRestoreOutcome = () => call<RestoreOutcome | null>("take_restore_outcome");

export const getPreferences = () => call<Preferences>("get_preferences");

/** Resolves only after the backend has flushed the change to disk. */
export const savePreferences = (input: Preferences) =>
  call<Preferences>("save_preferences", { input });
