//! The import wizard's commands. The import itself runs on a blocking thread and reports
//! `import-progress`; `cancel_import` raises a flag the engine checks between rows.

use super::{export_dir, AppState};
use laju_core::import::Mapping;
use laju_engine::import::{
    self, GetPreset, ImportDone, ImportFile, ImportPreview, ImportProgress, ImportTargets,
    ReadImportValues, RunImport, ValueReading,
};
use laju_engine::{ApiError, EngineError};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, Manager, State};

pub const IMPORT_PROGRESS: &str = "import-progress";

/// Raised by `cancel_import`, lowered when an import starts.
#[derive(Default)]
pub struct ImportCancel(AtomicBool);

#[tauri::command]
pub async fn preview_import(input: ImportFile) -> Result<ImportPreview, ApiError> {
    Ok(import::preview_file(
        Path::new(&input.path),
        input.encoding.as_deref(),
    )?)
}

#[tauri::command]
pub async fn mapping_preset(input: GetPreset) -> Result<Mapping, ApiError> {
    Ok(input.preset.mapping())
}

#[tauri::command]
pub async fn import_targets() -> Result<ImportTargets, ApiError> {
    Ok(import::import_targets())
}

#[tauri::command]
pub async fn read_import_values(input: ReadImportValues) -> Result<Vec<ValueReading>, ApiError> {
    Ok(import::read_values(&input)?)
}

#[tauri::command]
pub async fn run_import(
    app: AppHandle,
    state: State<'_, AppState>,
    cancel: State<'_, ImportCancel>,
    input: RunImport,
) -> Result<ImportDone, ApiError> {
    let workspace = state.workspace()?.clone();
    cancel.0.store(false, Ordering::SeqCst);
    let path = Path::new(&input.path).to_path_buf();
    let bytes = import::read_file(&path)?;
    let handle = app.clone();
    let report = tauri::async_runtime::spawn_blocking(move || {
        let cancel = handle.state::<ImportCancel>();
        let mut progress = |p: &ImportProgress| {
            let _ = handle.emit(IMPORT_PROGRESS, p);
            !cancel.0.load(Ordering::SeqCst)
        };
        workspace.import_csv(&bytes, &input.options, "import", &mut progress)
    })
    .await
    .map_err(|e| EngineError::Invalid(format!("The import stopped: {e}")))??;
    let rejects_file = if report.rejections.is_empty() || report.dry_run {
        None
    } else {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("import");
        let ws = state.workspace()?;
        let saved = import::save_rejects(
            &export_dir(ws),
            stem,
            &report.headers,
            &report.rejections,
            ws.now(),
        )?;
        Some(saved.display().to_string())
    };
    Ok(ImportDone {
        report,
        rejects_file,
    })
}

#[tauri::command]
pub async fn cancel_import(cancel: State<'_, ImportCancel>) -> Result<(), ApiError> {
    cancel.0.store(true, Ordering::SeqCst);
    Ok(())
}
