//! What the lead list shows and how it is asked for; `derived::RowIndex` holds the rows.

use crate::analytics::LeadSelection;
use crate::derived::Scored;
use chrono::{DateTime, Utc};
use laju_core::classification::{FitClass, Quadrant, Qualification, Temperature};
use laju_core::lead::{Lead, LeadId, SourceKind};
use laju_core::Stage;
use serde::{Deserialize, Serialize};
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
    /// Who must accept it, while a handoff is pending.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub assignee: Option<String>,
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
    pub(crate) fn of(lead: &Lead, scored: &Scored) -> LeadRow {
        LeadRow {
            id: lead.id,
            name: lead.profile.contact.name.clone(),
            company: lead.profile.company.name.clone(),
            email: lead.profile.contact.email.clone(),
            owner: lead.profile.owner.clone(),
            assignee: lead
                .handoff
                .as_ref()
                .filter(|h| h.is_pending())
                .and_then(|h| h.assignee())
                .map(str::to_string),
            stage: lead.stage,
            priority: scored.priority,
            engagement: scored.engagement,
            source: scored.source,
            qualification: scored.qualification,
            fit: scored.fit,
            quadrant: scored.quadrant,
            temperature: scored.temperature,
            last_activity_at: lead.last_activity_at,
            stage_entered_at: lead.stage_entered_at,
        }
    }

    /// The rep whose workload this lead adds to: the assignee while it waits for acceptance,
    /// the owner while sales works it.
    pub(crate) fn held_by(&self) -> Option<&str> {
        match self.stage {
            Stage::Mql => self.assignee.as_deref(),
            Stage::Sal | Stage::Sql | Stage::Opportunity => self.owner.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn haystack(&self) -> String {
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
    /// Only the leads a report names (a funnel step, a black hole).
    #[ts(optional = nullable)]
    pub selection: Option<LeadSelection>,
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
