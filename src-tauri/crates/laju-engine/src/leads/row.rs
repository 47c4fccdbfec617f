//! What the lead list shows, and the in-memory index that serves it. The rows are stored in
//! `row_by_lead` beside each lead (same transaction) and loaded once at open, so a list query
//! filters memory instead of decoding every lead from disk.

use crate::codec::decode;
use crate::store::trees;
use crate::EngineError;
use chrono::{DateTime, Utc};
use laju_core::assess::Assessment;
use laju_core::classification::{FitClass, Quadrant, Qualification, Temperature};
use laju_core::lead::{Lead, LeadId, SourceKind};
use laju_core::playbook::TemperatureRules;
use laju_core::Stage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeadRow {
    pub id: LeadId,
    pub name: String,
    pub company: String,
    pub email: String,
    #[ts(optional = nullable)]
    pub owner: Option<String>,
    pub stage: Stage,
    pub priority: i32,
    pub engagement: i32,
    pub source: SourceKind,
    pub qualification: Qualification,
    pub fit: FitClass,
    pub quadrant: Quadrant,
    /// As of the moment the list was asked for, not when the row was stored.
    pub temperature: Temperature,
    pub last_activity_at: DateTime<Utc>,
    pub stage_entered_at: DateTime<Utc>,
}

impl LeadRow {
    pub fn of(lead: &Lead, assessment: &Assessment) -> LeadRow {
        let c = &assessment.classification;
        LeadRow {
            id: lead.id,
            name: lead.profile.contact.name.clone(),
            company: lead.profile.company.name.clone(),
            email: lead.profile.contact.email.clone(),
            owner: lead.profile.owner.clone(),
            stage: lead.stage,
            priority: assessment.priority.total,
            engagement: assessment.engagement.total,
            source: c.source,
            qualification: c.qualification,
            fit: c.fit,
            quadrant: c.quadrant,
            temperature: c.temperature,
            last_activity_at: lead.last_activity_at,
            stage_entered_at: lead.stage_entered_at,
        }
    }

    fn haystack(&self) -> String {
        format!("{}\u{1f}{}\u{1f}{}", self.name, self.company, self.email).to_lowercase()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LeadSort {
    /// Highest composite score first; ties by most recent activity.
    #[default]
    Priority,
    Recent,
    Name,
    Stage,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct LeadQuery {
    #[ts(optional = nullable)]
    pub stage: Option<Stage>,
    #[ts(optional = nullable)]
    pub source: Option<SourceKind>,
    #[ts(optional = nullable)]
    pub qualification: Option<Qualification>,
    #[ts(optional = nullable)]
    pub fit: Option<FitClass>,
    #[ts(optional = nullable)]
    pub temperature: Option<Temperature>,
    /// Matches name, company or email, ignoring case.
    pub search: String,
    pub sort: LeadSort,
    pub offset: u32,
    /// 0 means the default page of 200.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeadPage {
    /// How many leads match the filters (the list's scroll height).
    pub total: u32,
    /// How many leads the workspace holds, to tell "no match" from "no leads".
    pub all: u32,
    pub offset: u32,
    pub rows: Vec<LeadRow>,
}

#[derive(Default)]
pub(crate) struct RowIndex {
    rows: BTreeMap<LeadId, (LeadRow, String)>,
}

impl RowIndex {
    pub fn load(db: &sled::Db) -> Result<RowIndex, EngineError> {
        let mut index = RowIndex::default();
        for entry in db.open_tree(trees::ROW_BY_LEAD)?.iter() {
            let (_, raw) = entry?;
            index.put(decode("lead row", &raw)?);
        }
        Ok(index)
    }

    pub fn put(&mut self, row: LeadRow) {
        let hay = row.haystack();
        self.rows.insert(row.id, (row, hay));
    }

    pub fn query(&self, q: &LeadQuery, now: DateTime<Utc>, rules: &TemperatureRules) -> LeadPage {
        let needle = q.search.trim().to_lowercase();
        let mut hits: Vec<LeadRow> = self
            .rows
            .values()
            .filter(|(r, hay)| {
                q.stage.is_none_or(|s| r.stage == s)
                    && q.source.is_none_or(|s| r.source == s)
                    && q.qualification.is_none_or(|s| r.qualification == s)
                    && q.fit.is_none_or(|s| r.fit == s)
                    && (needle.is_empty() || hay.contains(&needle))
            })
            .map(|(r, _)| {
                let mut row = r.clone();
                row.temperature = Temperature::of(r.last_activity_at, now, rules);
                row
            })
            .filter(|r| q.temperature.is_none_or(|t| r.temperature == t))
            .collect();
        match q.sort {
            LeadSort::Priority => hits.sort_by(|a, b| {
                b.priority
                    .cmp(&a.priority)
                    .then(b.last_activity_at.cmp(&a.last_activity_at))
            }),
            LeadSort::Recent => hits.sort_by_key(|r| std::cmp::Reverse(r.last_activity_at)),
            LeadSort::Name => hits.sort_by_cached_key(|r| r.name.to_lowercase()),
            LeadSort::Stage => hits.sort_by_key(|r| (r.stage.code(), -r.priority)),
        }
        let total = hits.len() as u32;
        let limit = if q.limit == 0 {
            200
        } else {
            q.limit.min(1_000)
        };
        let rows = hits
            .into_iter()
            .skip(q.offset as usize)
            .take(limit as usize)
            .collect();
        LeadPage {
            total,
            all: self.rows.len() as u32,
            offset: q.offset,
            rows,
        }
    }
}
