//! Thin IPC commands: one typed input, one engine call, one typed output or `ApiError`.
//! Each is async so storage work never runs on the UI thread.

// `generate_handler!` needs each command's own module path (it looks for items the
// `#[tauri::command]` macro generates beside the function), so the modules are public and
// the handler list names them in full.
pub mod export;
pub mod handoff;
pub mod leads;
pub mod playbook;
pub mod preferences;
pub mod reports;
pub mod sample;
pub mod status;

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
