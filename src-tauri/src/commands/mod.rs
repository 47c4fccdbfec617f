//! Thin IPC commands: one typed input, one engine call, one typed output or `ApiError`.
//! Each is async so storage work never runs on the UI thread.

// `generate_handler!` needs each command's own module path (it looks for items the
// `#[tauri::command]` macro generates beside the function), so the modules are public and
// the handler list names them in full.
pub mod agreement;
pub mod backup;
pub mod export;
pub mod handoff;
pub mod import;
pub mod leads;
pub mod playbook;
pub mod preferences;
pub mod reports;
pub mod review;
pub mod sample;
pub mod status;
pub mod whatif;

use laju_engine::{ApiError, Workspace};

/// The workspace the window works on, or why it could not be opened (for example another
/// Laju process holding the folder); every command then answers with that error.
pub struct AppState(Result<Workspace, ApiError>);

impl AppState {
    pub fn new(opened: Result<Workspace, ApiError>) -> Self {
        Self(opened)
    }

    fn workspace(&self) -> Result<&Workspace, ApiError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

/// Where exports land: the user's Downloads folder (`LAJU_EXPORT_DIR` overrides it), else
/// home, else the data folder.
pub fn export_dir(workspace: &Workspace) -> std::path::PathBuf {
    std::env::var_os("LAJU_EXPORT_DIR")
        .map(std::path::PathBuf::from)
        .or_else(dirs::download_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| workspace.dir().to_path_buf())
}
