use super::AppState;
use laju_engine::{ApiError, WorkspaceStatus};
use tauri::State;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, ApiError> {
    Ok(state.workspace()?.status()?)
}
