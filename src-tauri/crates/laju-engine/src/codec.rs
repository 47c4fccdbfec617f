//! Settings and Playbook versions as stored: JSON, so they stay readable and can gain fields.
//! Lead records have their own binary encoding (`store/record.rs`).

use crate::EngineError;
use serde::{de::DeserializeOwned, Serialize};

pub fn encode<T: Serialize>(what: &str, value: &T) -> Result<Vec<u8>, EngineError> {
    serde_json::to_vec(value).map_err(|e| EngineError::Corrupt {
        what: what.into(),
        reason: e.to_string(),
    })
}

pub fn decode<T: DeserializeOwned>(what: &str, raw: &[u8]) -> Result<T, EngineError> {
    serde_json::from_slice(raw).map_err(|e| EngineError::Corrupt {
        what: what.into(),
        reason: e.to_string(),
    })
}
