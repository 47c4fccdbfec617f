//! Laju's use cases over one sled store. The engine owns storage, time (through [`Clock`]) and
//! the IPC error contract; it knows nothing about Tauri, so the GUI and the CLI share it whole.

pub mod analytics;
pub mod backup;
pub mod clock;
mod codec;
mod commit;
mod derived;
pub mod error;
pub mod export;
mod files;
pub mod handoff;
pub mod import;
pub mod leads;
pub mod playbook;
pub mod rescore;
mod sample;
mod store;
pub mod workshop;
pub mod workspace;

pub use clock::{Clock, FixedClock, OffsetClock, SystemClock};
pub use error::{ApiError, EngineError, ErrorCode};
pub use store::SCHEMA_VERSION;
pub use workspace::{Workspace, WorkspaceStatus};
