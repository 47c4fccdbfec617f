use super::AppState;
use laju_engine::{ApiError, Workspace};
use tauri::State;

/// Adds the sample leads to an empty workspace and answers how many.
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Result<u32, ApiError> {
    Ok(state.workspace()?.load_sample(Workspace::SAMPLE_LEADS)?)
}
