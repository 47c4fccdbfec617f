//! The Playbook page's preview of a draft. `preview_playbook` replays it on a blocking thread
//! and reports `preview-progress`; `cancel_preview` raises a flag the engine reads between
//! chunks of leads. Nothing is written either way.

use super::AppState;
use laju_engine::workshop::whatif::{PreviewPlaybook, WhatIf, WhatIfProgress};
use laju_engine::{ApiError, EngineError};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, Manager, State};

pub const PREVIEW_PROGRESS: &str = "preview-progress";

/// Raised by `cancel_preview`, lowered when a preview starts.
#[derive(Default)]
pub struct PreviewCancel(AtomicBool);

#[tauri::command]
pub async fn preview_playbook(
    app: AppHandle,
    state: State<'_, AppState>,
    cancel: State<'_, PreviewCancel>,
    input: PreviewPlaybook,
) -> Result<WhatIf, ApiError> {
    let workspace = state.workspace()?.clone();
    cancel.0.store(false, Ordering::SeqCst);
    let handle = app.clone();
    let answer = tauri::async_runtime::spawn_blocking(move || {
        let cancel = handle.state::<PreviewCancel>();
        let mut progress = |p: WhatIfProgress| {
            let _ = handle.emit(PREVIEW_PROGRESS, p);
            !cancel.0.load(Ordering::SeqCst)
        };
        workspace.what_if(&input.draft, &mut progress)
    })
    .await
    .map_err(|e| EngineError::Invalid(format!("The preview stopped: {e}")))??;
    Ok(answer)
}

#[tauri::command]
pub async fn cancel_preview(cancel: State<'_, PreviewCancel>) -> Result<(), ApiError> {
    cancel.0.store(true, Ordering::SeqCst);
    Ok(())
}
