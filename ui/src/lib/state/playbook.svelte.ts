import { getPlaybook, onRescoreProgress, playbookHistory, savePlaybook } from "../api/playbook";
import type { Locale } from "../bindings/Locale";
import type { Playbook } from "../bindings/Playbook";
import type { PlaybookVersion } from "../bindings/PlaybookVersion";
import type { RescoreProgress } from "../bindings/RescoreProgress";
import type { VersionChanges } from "../bindings/VersionChanges";
import { LajuError } from "../api/invoke";

/** The Playbook page: the saved version, the draft being edited, its history, and the
 * rescoring that follows a save. The backend validates; the draft survives a refusal. */
export class PlaybookState {
  saved = $state<PlaybookVersion | null>(null);
  draft = $state<Playbook | null>(null);
  history = $state<VersionChanges[]>([]);
  /** The language the history is worded in. */
  lang: Locale = "en";
  progress = $state<RescoreProgress | null>(null);
  error = $state<string | null>(null);
  conflict = $state(false);
  busy = $state(false);

  readonly dirty = $derived(
    this.saved !== null && JSON.stringify(this.draft) !== JSON.stringify(this.saved.playbook),
  );

  /** The page opened (again): a draft left unsaved on an earlier visit is kept, with the
   * version it was edited from, so saving it after the Playbook changed elsewhere is a
   * conflict, never a silent overwrite; otherwise the version in force is read. */
  async resume(): Promise<void> {
    if (!this.dirty) return this.load();
    await this.#run(async () => {
      this.history = await playbookHistory(this.lang);
    });
  }

  /** Reads the version in force and starts the draft from it. */
  async load(): Promise<void> {
    await this.#run(async () => {
      const [saved, history] = await Promise.all([getPlaybook(), playbookHistory(this.lang)]);
      this.saved = saved;
      this.draft = structuredClone(saved.playbook);
      this.history = history;
      this.conflict = false;
    });
  }

  /** Listens for rescoring progress; returns the function that stops listening. */
  async listen(): Promise<() => void> {
    return onRescoreProgress((progress) => {
      this.progress = progress.done >= progress.total ? null : progress;
    });
  }

  async save(): Promise<void> {
    const saved = this.saved;
    const draft = this.draft;
    if (!saved || !draft) return;
    await this.#run(async () => {
      const next = await savePlaybook({ baseVersion: saved.version, playbook: $state.snapshot(draft) as Playbook });
      this.saved = next;
      this.draft = structuredClone(next.playbook);
      this.history = await playbookHistory(this.lang);
    });
  }

  /** The history worded in another language (the reader switched). */
  async reword(lang: Locale): Promise<void> {
    if (lang === this.lang) return;
    this.lang = lang;
    await this.#run(async () => {
      this.history = await playbookHistory(lang);
    });
  }

  discard(): void {
    if (this.saved) this.draft = structuredClone(this.saved.playbook);
    this.error = null;
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.conflict = error instanceof LajuError && error.code === "Conflict";
    } finally {
      this.busy = false;
    }
  }
}
