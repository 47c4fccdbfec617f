//! Integration tests of the `laju` binary, as a user meets it from a terminal. One test binary
//! with modules, because each binary links the whole Tauri app.

mod activities_cli;
mod backup_cli;
mod cli;
mod document_cli;
mod export_cli;
mod import_cli;
mod inbox_cli;
mod lead_cli;
mod locked_folder;
mod report_cli;
mod review_cli;
mod whatif_cli;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the real binary with an isolated data folder and no display.
pub fn laju(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_laju"))
        .args(args)
        .env("LAJU_DATA_DIR", data_dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the laju binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
