import type { Preferences } from "../bindings/Preferences";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";
import { call } from "./invoke";

export const appStatus = () => call<WorkspaceStatus>("app_status");

export const getPreferences = () => call<Preferences>("get_preferences");

/** Resolves only after the backend has flushed the change to disk. */
export const savePreferences = (input: Preferences) =>
  call<Preferences>("save_preferences", { input });
