use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(
        "The data folder {} is already in use by another Laju window or command. \
         Close it and try again, or choose another folder with --data-dir.",
        path.display()
    )]
    Locked { path: PathBuf },

    #[error(
        "The data folder {} was written by a newer Laju (schema {found}; this Laju reads up \
         to {supported}). Update Laju to open it.",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("The data folder {} could not be opened: {reason}", path.display())]
    Open { path: PathBuf, reason: String },

    #[error("Storage error: {0}")]
    Storage(#[from] sled::Error),

    #[error(
        "Lead {id} in the data folder {} could not be read ({reason}), so the workspace was not \
         opened. Its daily backups are in {}: restore the latest with `laju restore FILE` or \
         from the Data page of another data folder.",
        path.display(),
        crate::backup::backups_dir(path).display()
    )]
    DamagedLead {
        id: u64,
        path: PathBuf,
        reason: String,
    },

    #[error("A stored record could not be read ({what}): {reason}")]
    Corrupt { what: String, reason: String },

    /// The request is wrong; the text says how to fix it.
    #[error("{0}")]
    Invalid(String),

    #[error("{what} was not found.")]
    NotFound { what: String },

    /// Someone saved first; the caller must reload before saving again.
    #[error("{0}")]
    Conflict(String),

    #[error("Cancelled: nothing was written.")]
    Cancelled,
}

/// The closed set of failure kinds the UI can branch on. Anything the UI only shows to the
/// user travels as `Internal` with its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    /// The data folder is held by another Laju process.
    StoreLocked,
    /// The data folder needs a newer Laju.
    StoreTooNew,
    /// The request itself is wrong; the message says how to fix it.
    InvalidInput,
    /// The record asked for does not exist (any more).
    NotFound,
    /// The record changed since it was read; reload, then save again.
    Conflict,
    Cancelled,
    Internal,
}

/// What every failed command returns over IPC: `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl EngineError {
    pub fn code(&self) -> ErrorCode {
        match self {
            EngineError::Locked { .. } => ErrorCode::StoreLocked,
            EngineError::NewerSchema { .. } => ErrorCode::StoreTooNew,
            EngineError::Invalid(_) => ErrorCode::InvalidInput,
            EngineError::NotFound { .. } => ErrorCode::NotFound,
            EngineError::Conflict(_) => ErrorCode::Conflict,
            EngineError::Cancelled => ErrorCode::Cancelled,
            EngineError::Open { .. }
            | EngineError::Storage(_)
            | EngineError::Corrupt { .. }
            | EngineError::DamagedLead { .. } => ErrorCode::Internal,
        }
    }
}

impl From<&EngineError> for ApiError {
    fn from(error: &EngineError) -> Self {
        ApiError {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(error: EngineError) -> Self {
        ApiError::from(&error)
    }
}
