use super::AppState;
use laju_engine::export::{save_png, SaveChart};
use laju_engine::ApiError;
use std::path::PathBuf;
use tauri::State;

/// Saves a chart image in the user's Downloads folder (`LAJU_EXPORT_DIR` overrides it) and
/// answers with the file's path.
#[tauri::command]
pub async fn save_chart_png(
    state: State<'_, AppState>,
    input: SaveChart,
) -> Result<String, ApiError> {
    let workspace = state.workspace()?;
    let dir = std::env::var_os("LAJU_EXPORT_DIR")
        .map(PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| workspace.dir().to_path_buf());
    let path = save_png(&dir, &input.name, &input.data_url, workspace.now())?;
    Ok(path.display().to_string())
}
