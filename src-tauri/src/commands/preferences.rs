use super::AppState;
use laju_core::Preferences;
use laju_engine::ApiError;
use tauri::State;

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<Preferences, ApiError> {
    Ok(state.workspace()?.preferences()?)
}

#[tauri::command]
pub async fn save_preferences(
    state: State<'_, AppState>,
    input: Preferences,
) -> Result<Preferences, ApiError> {
    let workspace = state.workspace()?;
    workspace.save_preferences(&input)?;
    Ok(input)
}
