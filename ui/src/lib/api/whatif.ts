import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Playbook } from "../bindings/Playbook";
import type { PreviewPlaybook } from "../bindings/PreviewPlaybook";
import type { WhatIf } from "../bindings/WhatIf";
import type { WhatIfProgress } from "../bindings/WhatIfProgress";
import { call } from "./invoke";

/** Replays a draft Playbook over the recorded history beside the one in force; writes nothing.
 * Progress arrives through `onPreviewProgress`; a draft that fails validation is refused with
 * `InvalidInput`, naming the field. */
export const previewPlaybook = (draft: Playbook) =>
  call<WhatIf>("preview_playbook", { input: { draft } satisfies PreviewPlaybook });

/** Stops the running preview; its `previewPlaybook` then fails with `Cancelled`. */
export const cancelPreview = () => call<null>("cancel_preview");

export const onPreviewProgress = (handler: (progress: WhatIfProgress) => void): Promise<UnlistenFn> =>
  listen<WhatIfProgress>("preview-progress", (event) => handler(event.payload));
