//! The agreement as a document: shown in the window in the reader's language, saved as PDF or
//! HTML in the export folder.

use super::{export_dir, AppState};
use laju_engine::workshop::document::save::SaveAgreement;
use laju_engine::workshop::document::{AgreementDocument, AgreementRequest};
use laju_engine::ApiError;
use tauri::State;

/// The agreement of one Playbook version (the one in force when none is given), worded in the
/// requested language, as blocks the window lays out.
#[tauri::command]
pub async fn agreement_document(
    state: State<'_, AppState>,
    input: AgreementRequest,
) -> Result<AgreementDocument, ApiError> {
    Ok(state.workspace()?.agreement_document(&input)?)
}

/// Saves the agreement as `agreement-v<N>-<lang>.pdf|html` in the export folder (Downloads, or
/// `LAJU_EXPORT_DIR`) and answers with the file's path.
#[tauri::command]
pub async fn save_agreement(
    state: State<'_, AppState>,
    input: SaveAgreement,
) -> Result<String, ApiError> {
    let workspace = state.workspace()?;
    let path = workspace.save_agreement(input, &export_dir(workspace))?;
    Ok(path.display().to_string())
}
