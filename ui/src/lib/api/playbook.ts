import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { PlaybookChange } from "../bindings/PlaybookChange";
import type { PlaybookVersion } from "../bindings/PlaybookVersion";
import type { RescoreProgress } from "../bindings/RescoreProgress";
import type { SavePlaybook } from "../bindings/SavePlaybook";
import { call } from "./invoke";

export const getPlaybook = () => call<PlaybookVersion>("get_playbook");
export const playbookHistory = () => call<PlaybookChange[]>("playbook_history");

/** Saves a new version; the backend then rescores every lead and reports progress. */
export const savePlaybook = (input: SavePlaybook) => call<PlaybookVersion>("save_playbook", { input });

export const onRescoreProgress = (handler: (progress: RescoreProgress) => void): Promise<UnlistenFn> =>
  listen<RescoreProgress>("rescore-progress", (event) => handler(event.payload));
