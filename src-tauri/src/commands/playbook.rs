use super::AppState;
use crate::actor::current_actor;
use laju_engine::playbook::{PlaybookVersion, SavePlaybook};
use laju_engine::workshop::document::{HistoryRequest, VersionChanges};
use laju_engine::{ApiError, Workspace};
use tauri::{AppHandle, Emitter, State};

/// The event the Playbook page listens to while leads are rescored.
pub const RESCORE_PROGRESS: &str = "rescore-progress";

#[tauri::command]
pub async fn get_playbook(state: State<'_, AppState>) -> Result<PlaybookVersion, ApiError> {
    Ok(state.workspace()?.playbook()?)
}

#[tauri::command]
pub async fn playbook_history(
    state: State<'_, AppState>,
    input: HistoryRequest,
) -> Result<Vec<VersionChanges>, ApiError> {
    Ok(state.workspace()?.playbook_changes(&input)?)
}

/// Saves (flushed) and answers at once; every lead is then rescored in the background, with
/// progress events, so the window never waits on it.
#[tauri::command]
pub async fn save_playbook(
    app: AppHandle,
    state: State<'_, AppState>,
    input: SavePlaybook,
) -> Result<PlaybookVersion, ApiError> {
    let workspace = state.workspace()?;
    let saved = workspace.save_playbook(input, &current_actor())?;
    spawn_rescore(app, workspace.clone());
    Ok(saved)
}

pub fn spawn_rescore(app: AppHandle, workspace: Workspace) {
    tauri::async_runtime::spawn_blocking(move || {
        let result = workspace.rescore_all(|progress| {
            let _ = app.emit(RESCORE_PROGRESS, progress);
        });
        if let Err(error) = result {
            eprintln!("laju: rescoring stopped: {error}");
        }
    });
}
