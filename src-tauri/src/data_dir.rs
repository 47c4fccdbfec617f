use std::path::PathBuf;

/// Must equal `identifier` in tauri.conf.json, so the CLI and the app (whose app-data folder
/// is `<OS data dir>/<identifier>`) find the same store.
pub const APP_IDENTIFIER: &str = "io.laju.desktop";

/// `--data-dir` / `LAJU_DATA_DIR` win; otherwise the OS's per-user app-data folder.
pub fn resolve(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(APP_IDENTIFIER)
    })
}
