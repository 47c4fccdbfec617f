//! The `laju` binary: with no subcommand it opens the desktop app, with one it runs headless.
//! Both paths share one engine; this crate only wires it to Tauri and to the terminal.

mod actor;
mod cli;
mod clock;
mod commands;
mod data_dir;
mod gui;
mod ticker;

pub use cli::main;
