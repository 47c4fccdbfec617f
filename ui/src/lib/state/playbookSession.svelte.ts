import { PlaybookState } from "./playbook.svelte";
import { PreviewState } from "./preview.svelte";

/** The Playbook page's draft and its preview, kept for the whole session: a changed lead in the
 * preview is a link, and the draft and the preview are still there when the user comes back.
 * They end with a save, a discard or the app closing (which asks first). */
class PlaybookSession {
  playbook = new PlaybookState();
  preview = new PreviewState();

  /** A new session (the tests start each case from one). */
  reset(): void {
    this.playbook = new PlaybookState();
    this.preview = new PreviewState();
  }
}

export const playbookSession = new PlaybookSession();
