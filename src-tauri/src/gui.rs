//! The desktop app: plugins, managed state and the command list.

use crate::commands::{self, AppState};
use laju_engine::{ApiError, SystemClock, Workspace};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use tauri::Manager;

pub fn run(data_dir: PathBuf) -> ExitCode {
    let result = tauri::Builder::default()
        // First, so a second launch hands over to the running window and exits before it
        // would contend for the data folder.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .setup(move |app| {
            let opened = Workspace::open(&data_dir, Arc::new(SystemClock)).map_err(|error| {
                eprintln!("laju: {error}");
                ApiError::from(error)
            });
            app.manage(AppState::new(opened));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::get_preferences,
            commands::save_preferences,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("laju: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
