import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Locale } from "../bindings/Locale";
import type { PlaybookVersion } from "../bindings/PlaybookVersion";
import type { RescoreProgress } from "../bindings/RescoreProgress";
import type { SavePlaybook } from "../bindings/SavePlaybook";
import type { VersionChanges } from "../bindings/VersionChanges";
import { call } from "./invoke";

export const getPlaybook = () => call<PlaybookVersion>("get_playbook");
/** Each version and what it changed, worded by the engine in `lang`; newest first. */
export const playbookHistory = (lang: Locale) =>
  call<VersionChanges[]>("playbook_history", { input: { lang } });

/** Saves a new version; the backend then rescores every lead and reports progress. */
export const savePlaybook = (input: SavePlaybook) => call<PlaybookVersion>("save_playbook", { input });

export const onRescoreProgress = (handler: (progress: RescoreProgress) => void): Promise<UnlistenFn> =>
  listen<RescoreProgress>("rescore-progress", (event) => handler(event.payload));
