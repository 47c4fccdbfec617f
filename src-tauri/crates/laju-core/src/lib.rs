//! Laju's pure domain. Nothing here reads a clock, touches storage or knows about Tauri:
//! every function is a decision over values, so it can be tested exhaustively.

pub mod preferences;

pub use preferences::{Locale, Preferences};
