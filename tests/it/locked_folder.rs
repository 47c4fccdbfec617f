//! While the app (or any Laju process) holds a data folder, a second process must say so
//! plainly, naming the folder, and never panic.

use crate::{laju, stderr};
use laju_engine::{SystemClock, Workspace};
use std::sync::Arc;

#[test]
fn a_headless_command_on_a_held_folder_names_it_and_exits_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _held = Workspace::open(dir.path(), Arc::new(SystemClock)).expect("hold the folder");

    let out = laju(dir.path(), &["doctor"]);

    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains(&dir.path().display().to_string()),
        "{message}"
    );
    assert!(message.contains("already in use"), "{message}");
    assert!(!message.contains("panicked"), "{message}");
}
