//! The `due_by_time` index: what falls due when, ordered by time, so the inbox, the task list
//! and the breach ticker read a range instead of scanning leads. Its entries are derived from
//! the lead alone, so the write path can drop the old ones and add the new in one transaction.

use crate::codec::encode;
use crate::EngineError;
use chrono::{DateTime, Utc};
use laju_core::lead::{Lead, LeadId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Due {
    /// A pending handoff's deadline → JSON `Handoff`.
    Deadline = 1,
    /// A SAL's next follow-up touch → JSON `FollowUp`.
    Touch = 2,
    /// When the recycling rule's day limit runs out → empty.
    Recycle = 3,
    /// A pending handoff's deadline within its assignee's queue (`rep_key`) → JSON `Handoff`.
    RepDeadline = 4,
}

/// `kind ++ time ++ lead id`: one kind's entries sit together, earliest first.
pub(crate) fn key(kind: Due, at: DateTime<Utc>, id: LeadId) -> [u8; 17] {
    let mut key = [0; 17];
    key[0] = kind as u8;
    key[1..9].copy_from_slice(&sortable(at).to_be_bytes());
    key[9..].copy_from_slice(&id.to_be_bytes());
    key
}

/// `4 ++ rep ++ 0 ++ time ++ lead id`: one rep's queue sits together, earliest first, so
/// "my queue" reads its own range instead of filtering everyone's.
pub(crate) fn rep_key(rep: &str, at: DateTime<Utc>, id: LeadId) -> Vec<u8> {
    let mut key = rep_prefix(rep);
    key.extend_from_slice(&sortable(at).to_be_bytes());
    key.extend_from_slice(&id.to_be_bytes());
    key
}

pub(crate) fn rep_prefix(rep: &str) -> Vec<u8> {
    let mut key = vec![Due::RepDeadline as u8];
    key.extend_from_slice(rep.as_bytes());
    key.push(0);
    key
}

/// Every key of `kind` due at or before `at`.
pub(crate) fn up_to(kind: Due, at: DateTime<Utc>) -> std::ops::RangeInclusive<[u8; 17]> {
    key(kind, DateTime::<Utc>::MIN_UTC, 0)..=key(kind, at, LeadId::MAX)
}

/// Every key ends with the lead id.
pub(crate) fn id_of(key: &[u8]) -> Option<LeadId> {
    let start = key.len().checked_sub(8)?;
    key[start..].try_into().ok().map(LeadId::from_be_bytes)
}

/// Milliseconds with the sign bit flipped, so byte order is time order for any instant.
fn sortable(at: DateTime<Utc>) -> u64 {
    (at.timestamp_millis() as u64) ^ (1 << 63)
}

pub(crate) type Entry = (Vec<u8>, Vec<u8>);

pub(crate) fn entries(lead: Option<&Lead>) -> Result<Vec<Entry>, EngineError> {
    let Some(lead) = lead else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    if let Some(h) = lead.handoff.as_ref().filter(|h| h.is_pending()) {
        let json = encode("handoff", h)?;
        if let Some(rep) = h.assignee() {
            out.push((rep_key(rep, h.deadline, lead.id), json.clone()));
        }
        out.push((key(Due::Deadline, h.deadline, lead.id).to_vec(), json));
    }
    if let Some(f) = &lead.follow_up {
        if let Some(at) = f.next_due {
            out.push((
                key(Due::Touch, at, lead.id).to_vec(),
                encode("follow-up", f)?,
            ));
        }
        if let Some(at) = f.recycle_at {
            out.push((key(Due::Recycle, at, lead.id).to_vec(), Vec::new()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn keys_sort_by_kind_then_time_then_lead_even_before_1970() {
        let t = |y| {
            Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0)
                .single()
                .expect("valid")
        };
        let mut keys = [
            key(Due::Touch, t(1990), 1),
            key(Due::Deadline, t(2026), 2),
            key(Due::Deadline, t(1960), 9),
            key(Due::Deadline, t(2026), 1),
        ];
        keys.sort();
        let ids: Vec<_> = keys.iter().filter_map(|k| id_of(k)).collect();
        assert_eq!(ids, [9, 1, 2, 1]);
        assert!(up_to(Due::Deadline, t(2026)).contains(&key(Due::Deadline, t(2026), 5)));
        assert!(!up_to(Due::Deadline, t(2025)).contains(&key(Due::Deadline, t(2026), 5)));
        let mine = rep_key("Budi", t(2026), 7);
        assert!(mine.starts_with(&rep_prefix("Budi")));
        assert!(
            !mine.starts_with(&rep_prefix("Bud")),
            "a name is not a prefix of another"
        );
        assert_eq!(id_of(&mine), Some(7));
    }
}
