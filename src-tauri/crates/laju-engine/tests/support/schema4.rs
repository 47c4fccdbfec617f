//! Rewrites a closed workspace folder the way schema 4 stored it: each lead as JSON in
//! `lead_by_id`, its history, activities and list row in trees of their own. Upgrade tests
//! build their fixtures with it from leads made through today's engine.

#[path = "raw_sled.rs"]
pub mod raw_sled;

use laju_engine::leads::{LeadDetail, LeadQuery, LeadRow};
use laju_engine::Workspace;
use std::path::Path;

/// One lead as schema 4 kept it.
pub struct V4Lead {
    pub detail: LeadDetail,
    pub row: LeadRow,
}

/// Every lead of `ws` with its list row, to write back in the old layout once `ws` is closed.
pub fn capture(ws: &Workspace) -> Vec<V4Lead> {
    let page = ws
        .list_leads(&LeadQuery {
            limit: 1_000,
            ..LeadQuery::default()
        })
        .expect("list");
    page.rows
        .into_iter()
        .map(|row| V4Lead {
            detail: ws.lead_detail(row.id).expect("detail"),
            row,
        })
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("json")
}

fn seq_key(id: u64, seq: usize) -> Vec<u8> {
    let mut key = id.to_be_bytes().to_vec();
    key.extend_from_slice(&(seq as u32).to_be_bytes());
    key
}

/// Writes `leads` over their records in the schema-4 layout (other leads stay as they are) and
/// sets the schema to `version` (4, or lower to also replay the older steps).
pub fn write(dir: &Path, leads: &[V4Lead], version: u32) {
    let db = raw_sled::open(dir);
    let tree = |name: &str| db.open_tree(name).expect("tree");
    let (records, history, activities, rows) = (
        tree("lead_by_id"),
        tree("history_by_lead"),
        tree("activity_by_lead"),
        tree("row_by_lead"),
    );
    for lead in leads {
        let id = lead.detail.lead.id;
        records
            .insert(id.to_be_bytes(), json(&lead.detail.lead))
            .expect("insert");
        for (seq, change) in lead.detail.history.iter().enumerate() {
            history
                .insert(seq_key(id, seq), json(change))
                .expect("insert");
        }
        // The detail lists activities newest first; schema 4 kept them in logging order.
        for (seq, activity) in lead.detail.activities.iter().rev().enumerate() {
            activities
                .insert(seq_key(id, seq), json(activity))
                .expect("insert");
        }
        rows.insert(id.to_be_bytes(), json(&lead.row))
            .expect("insert");
    }
    tree("meta")
        .insert("schema_version", &version.to_be_bytes())
        .expect("insert");
    db.flush().expect("flush");
}
