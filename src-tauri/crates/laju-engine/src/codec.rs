//! Keys and values as stored: big-endian integers so sled's byte order is numeric order, JSON
//! values so a record stays readable and can gain fields.

use crate::EngineError;
use serde::{de::DeserializeOwned, Serialize};

pub fn id_key(id: u64) -> [u8; 8] {
    id.to_be_bytes()
}

/// `id ++ seq`: every entry of one lead sits together, in order.
pub fn seq_key(id: u64, seq: u32) -> [u8; 12] {
    let mut key = [0; 12];
    key[..8].copy_from_slice(&id.to_be_bytes());
    key[8..].copy_from_slice(&seq.to_be_bytes());
    key
}

pub fn seq_of(key: &[u8]) -> u32 {
    key.get(8..12)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_be_bytes)
}

/// `lower-cased text ++ 0x00 ++ id`: an index from an email or external id to its leads.
pub fn text_key(text: &str, id: u64) -> Vec<u8> {
    let mut key = text_prefix(text);
    key.extend_from_slice(&id.to_be_bytes());
    key
}

pub fn text_prefix(text: &str) -> Vec<u8> {
    let mut key = text.trim().to_lowercase().into_bytes();
    key.push(0);
    key
}

pub fn id_from_suffix(key: &[u8]) -> Option<u64> {
    let start = key.len().checked_sub(8)?;
    key[start..].try_into().ok().map(u64::from_be_bytes)
}

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
