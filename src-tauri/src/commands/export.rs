use super::{export_dir, AppState};
use laju_engine::export::{save_png, ExportCsv, SaveChart};
use laju_engine::ApiError;
use tauri::State;

/// Saves a chart image in the user's Downloads folder (`LAJU_EXPORT_DIR` overrides it) and
/// answers with the file's path.
#[tauri::command]
pub async fn save_chart_png(
    state: State<'_, AppState>,
    input: SaveChart,
) -> Result<String, ApiError> {
    let workspace = state.workspace()?;
    let path = save_png(
        &export_dir(workspace),
        &input.name,
        &input.data_url,
        workspace.now(),
    )?;
    Ok(path.display().to_string())
}

/// Saves the leads, their stage history or a report (with the Funnel page's filters) as CSV
/// in the same folder and answers with the file's path.
#[tauri::command]
pub async fn export_csv(state: State<'_, AppState>, input: ExportCsv) -> Result<String, ApiError> {
    let workspace = state.workspace()?;
    let query = input.query.unwrap_or_default();
    let path = workspace.export_csv_file(input.kind, &query, &export_dir(workspace))?;
    Ok(path.display().to_string())
}
