import { LajuError } from "../api/invoke";
import { cancelPreview, onPreviewProgress, previewPlaybook } from "../api/whatif";
import type { Playbook } from "../bindings/Playbook";
import type { WhatIf } from "../bindings/WhatIf";
import type { WhatIfProgress } from "../bindings/WhatIfProgress";

/** How long a preview may run before the page shows its progress and a Cancel button. */
export const PROGRESS_AFTER_MS = 300;

/** The Playbook page's "Preview the effect": one run at a time, its progress once it has taken
 * longer than {@link PROGRESS_AFTER_MS}, and the backend's answer or refusal. Every figure is
 * the backend's. */
export class PreviewState {
  result = $state<WhatIf | null>(null);
  /** The draft the result is for, to tell when the draft has been edited since. */
  previewed = $state<string | null>(null);
  running = $state(false);
  /** Set once the run has taken longer than PROGRESS_AFTER_MS. */
  progress = $state<WhatIfProgress | null>(null);
  slow = $state(false);
  /** The backend's refusal (an invalid draft names its field) or failure. */
  error = $state<string | null>(null);
  invalid = $state(false);
  cancelled = $state(false);

  isStale(draft: Playbook | null): boolean {
    return this.previewed !== null && JSON.stringify(draft) !== this.previewed;
  }

  async run(draft: Playbook): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.slow = false;
    this.progress = null;
    this.error = null;
    this.invalid = false;
    this.cancelled = false;
    const snapshot = $state.snapshot(draft) as Playbook;
    const timer = setTimeout(() => (this.slow = true), PROGRESS_AFTER_MS);
    const stop = await onPreviewProgress((p) => (this.progress = p));
    try {
      this.result = await previewPlaybook(snapshot);
      this.previewed = JSON.stringify(snapshot);
    } catch (error) {
      const code = error instanceof LajuError ? error.code : null;
      this.cancelled = code === "Cancelled";
      this.invalid = code === "InvalidInput";
      if (!this.cancelled) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
      stop();
      this.running = false;
      this.slow = false;
      this.progress = null;
    }
  }

  async cancel(): Promise<void> {
    await cancelPreview();
  }

  close(): void {
    this.result = null;
    this.previewed = null;
    this.error = null;
    this.invalid = false;
    this.cancelled = false;
  }
}
