//! Enriching an existing lead from a file: what the file says wins, what it leaves blank
//! keeps the lead's own value, and lists (tags, stakeholders) gain the new entries.

use crate::lead::{LeadProfile, SourceKind};
use serde_json::Value;

/// `base` with every non-empty field of `update` laid over it. A source kind at its default
/// is taken as "not given": a file without a source column must not reset the lead's.
pub fn merge_profile(base: &LeadProfile, update: &LeadProfile) -> LeadProfile {
    let (Ok(mut merged), Ok(mut update)) =
        (serde_json::to_value(base), serde_json::to_value(update))
    else {
        return base.clone();
    };
    if update["source"]["kind"] == serde_json::json!(SourceKind::default()) {
        if let Some(source) = update["source"].as_object_mut() {
            source.remove("kind");
        }
    }
    overlay(&mut merged, update);
    serde_json::from_value(merged).unwrap_or_else(|_| base.clone())
}

fn overlay(base: &mut Value, update: Value) {
    match (base, update) {
        (Value::Object(base), Value::Object(update)) => {
            for (key, value) in update {
                match base.get_mut(&key) {
                    Some(slot) => overlay(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(base), Value::Array(update)) => {
            for item in update {
                if !base.contains(&item) {
                    base.push(item);
                }
            }
        }
        (_, Value::Null) | (_, Value::Bool(false)) => {}
        (_, Value::String(s)) if s.trim().is_empty() => {}
        (slot, value) => *slot = value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_fills_and_overwrites_but_never_blanks() {
        let mut base = LeadProfile::default();
        base.contact.name = "Siti".into();
        base.contact.phone = "+60 12-345 6789".into();
        base.tags = vec!["expo".into()];
        base.consent.do_not_call = true;
        let mut update = LeadProfile::default();
        update.contact.email = "siti@kedai.my".into();
        update.contact.name = "Siti Aminah".into();
        update.tags = vec!["expo".into(), "won".into()];
        let merged = merge_profile(&base, &update);
        assert_eq!(merged.contact.name, "Siti Aminah");
        assert_eq!(merged.contact.email, "siti@kedai.my");
        assert_eq!(merged.contact.phone, "+60 12-345 6789");
        assert_eq!(merged.tags, ["expo", "won"]);
        assert!(merged.consent.do_not_call);

        base.source.kind = SourceKind::Event;
        assert_eq!(merge_profile(&base, &update).source.kind, SourceKind::Event);
        update.source.kind = SourceKind::Referral;
        assert_eq!(
            merge_profile(&base, &update).source.kind,
            SourceKind::Referral
        );
    }
}
