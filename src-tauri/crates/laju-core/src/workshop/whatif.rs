//! What-if: a Playbook draft replayed over the recorded history, side by side with the
//! Playbook in force. Nothing is written; every figure has a current column (the record, read
//! as the real reports read it) and a draft column (the same leads replayed under the draft).
//!
//! How each lead is replayed — when it becomes an MQL, what its history becomes when the draft
//! disagrees, its priority band — is in [`super::replay`]. From those lead by lead:
//! - **MQLs per month**: leads by the month (UTC) of their first MQL entry.
//! - **Leads per rep, over capacity**: each handoff of the column in time order. The current
//!   column counts the recorded assignments (the rep holding each handoff). The draft column
//!   routes every handoff with the draft's rules ([`crate::routing::route`]: round-robin turns,
//!   weights, account owners, who is away, and capacity against what the replay's own earlier
//!   handoffs still hold), and the current Playbook's rules the same way; where the two
//!   replays pick the same rep, the recorded rep stands, and a recorded handoff with no rep on
//!   record (an imported history's) stays with nobody. A handoff is held from its start to
//!   its recorded answer or close (a draft's new handoff: until now); a rep is over capacity
//!   when at some moment they held more than the column's Playbook allows them.
//! - **SLA**: per recorded handoff, whether its recorded answer (or, unanswered, its close or
//!   now) came after the deadline each Playbook sets — its response time for the lead type,
//!   counted in the team hours of the rep it went to ([`crate::sla::deadline`]); where the two
//!   verdicts agree the recorded breach stands, so the current column is exactly the SLA
//!   report. A handoff the draft opens has no answer: counted, never decided.
//! - **Funnel**: the funnel report's own facts and step arithmetic ([`crate::funnel`]) over
//!   each column's histories, each against its own Playbook's bands.
//! - **Changed leads**: a lead whose stage or priority band differs between the columns.

use super::replay::{
    self, draft_path, DraftPath, HandoffFate, LeadInput, MqlChange, PriorityBand, RecordedMql,
    Replayer, ScoreMemo,
};
pub use super::whatif_sum::{column_sum, compare, settle, summarize};
use crate::classification::{FitClass, Qualification};
use crate::funnel::{Dims, FunnelStep, LeadFacts, SlaStats};
use crate::handoff::{Handoff, Resolution};
use crate::lead::LeadId;
use crate::lifecycle::StageChange;
use crate::playbook::PlaybookProblem;
use crate::sla::SlaType;
use crate::{Playbook, Stage};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// How many changed leads the answer lists (all are counted).
pub const CHANGED_LISTED: usize = 1_000;

/// A figure under the Playbook in force and under the draft.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Compared<T> {
    pub current: T,
    pub draft: T,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WhatIf {
    /// Leads replayed (a lead merged into another counts through that one); 0 for an empty
    /// workspace, when there is nothing to compare.
    pub leads: u64,
    /// The moment the replay ran to: the engine's clock.
    pub now: DateTime<Utc>,
    /// Leads that became MQLs.
    pub mqls: Compared<u64>,
    /// By the month of their first MQL, oldest first.
    pub mqls_by_month: Vec<MonthMqls>,
    pub mql_changes: MqlChanges,
    /// Every rep on either roster or holding a handoff, the draft's roster order first.
    pub reps: Vec<RepLoad>,
    /// Handoffs no rep took (everyone full, away, or no rule for them).
    pub unrouted: Compared<u64>,
    pub reps_over_capacity: Compared<u64>,
    pub sla: Compared<SlaStats>,
    pub sla_by_type: Vec<SlaByType>,
    /// The main path, Anonymous to Customer.
    pub funnel: Vec<Compared<FunnelStep>>,
    pub changed: ChangeCounts,
    /// The first [`CHANGED_LISTED`] changed leads, by id.
    pub changed_leads: Vec<ChangedLead>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MonthMqls {
    /// `yyyymm`.
    pub month: u32,
    pub mqls: Compared<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MqlChanges {
    /// MQLs sooner than recorded.
    pub earlier: u64,
    /// MQLs only under the draft: they stop at MQL, since what sales would then have done is
    /// unknown.
    pub new: u64,
    /// MQLs the draft would not make, with every stage after.
    pub dropped: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RepLoad {
    pub rep: String,
    pub figures: Compared<RepFigures>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RepFigures {
    /// On this column's roster.
    pub on_roster: bool,
    pub handoffs: u64,
    /// The most handoffs held at once.
    pub peak_held: u64,
    #[ts(optional = nullable)]
    pub capacity: Option<u32>,
    pub over_capacity: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlaByType {
    pub lead_type: SlaType,
    pub sla: Compared<SlaStats>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangeCounts {
    /// Leads whose stage or priority band changes.
    pub leads: u64,
    pub stage: u64,
    pub band: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangedLead {
    pub id: LeadId,
    /// The contact's name, else the email, else the company.
    pub name: String,
    pub stage: Compared<Stage>,
    pub priority: Compared<i32>,
    pub band: Compared<PriorityBand>,
    pub mql: MqlChange,
}

/// The draft field a validation problem is about, as the Playbook's JSON spells it, so a
/// refusal can name it. Read from the problem's kind (and, for a short score table, from the
/// draft: the problem only carries the table's label).
pub fn problem_field(problem: &PlaybookProblem, draft: &Playbook) -> &'static str {
    match problem {
        PlaybookProblem::WeightsNot100(_) => "composite",
        PlaybookProblem::PriorityBands { .. } => "priorityBands",
        PlaybookProblem::MissingRow(_) if draft.source_points.len() < 8 => "sourcePoints",
        PlaybookProblem::MissingRow(_)
            if draft.qualification_points.len() < Qualification::ALL.len() =>
        {
            "qualificationPoints"
        }
        PlaybookProblem::MissingRow(_) => "fitPoints",
        PlaybookProblem::TemperatureOrder => "temperature",
        PlaybookProblem::DuplicateCriterion(_) => "engagement.criteria",
        PlaybookProblem::EmptyEmployeeRange => "icp.employeesMin",
        PlaybookProblem::MissingStage(_) => "stages",
        PlaybookProblem::RepName(_) => "handoff.roster",
        PlaybookProblem::DuplicateRoutingRule(_) => "handoff.routing",
        PlaybookProblem::ZeroSla => "handoff.sla.targets",
        PlaybookProblem::ComplianceGoal(_) => "handoff.sla.complianceGoal",
        PlaybookProblem::Band(_) => "conversionBands",
        PlaybookProblem::TeamHours { .. } => "handoff.sla.hours",
        PlaybookProblem::Money(_) => "money",
    }
}

/// The two Playbooks and the moment to replay to, with what they share worked out once.
pub struct Playbooks<'a> {
    pub current: &'a Playbook,
    pub draft: &'a Playbook,
    pub now: DateTime<Utc>,
    /// Same triggers and scoring: every MQL decision is the same, so none is replayed.
    same_mql_rules: bool,
    /// Same scoring model: an engagement total computed for one serves the other.
    same_scoring: bool,
    /// Same ICP: a lead's strategic fit is the same under both.
    same_icp: bool,
    /// Same composite weights, tables and ICP: a lead in the same stage has the same priority.
    same_priority: bool,
}

impl<'a> Playbooks<'a> {
    pub fn new(current: &'a Playbook, draft: &'a Playbook, now: DateTime<Utc>) -> Playbooks<'a> {
        let (c, d) = (&current.engagement, &draft.engagement);
        let same_scoring =
            c.criteria == d.criteria && c.decay_half_life_days == d.decay_half_life_days;
        Playbooks {
            current,
            draft,
            now,
            // The whole model, so a field added to it later cannot be missed here.
            same_mql_rules: c == d && current.triggers == draft.triggers,
            same_scoring,
            same_icp: current.icp == draft.icp,
            same_priority: current.icp == draft.icp
                && current.composite == draft.composite
                && current.source_points == draft.source_points
                && current.qualification_points == draft.qualification_points
                && current.fit_points == draft.fit_points,
        }
    }
}

/// One lead in both columns.
pub struct LeadReplay<'a> {
    pub input: LeadInput<'a>,
    pub mql: MqlChange,
    pub current: Column,
    pub draft: Column,
}

/// One lead in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub stage: Stage,
    pub first_mql: Option<DateTime<Utc>>,
    /// What the lead adds to the funnel and SLA cells (`None` without any history).
    pub facts: Option<LeadFacts>,
    pub priority: i32,
    pub handoff: Option<ColumnHandoff>,
}

/// A handoff in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnHandoff {
    pub started_at: DateTime<Utc>,
    /// Held by its rep until then: the recorded answer or close, else now.
    pub held_until: DateTime<Utc>,
    /// It stands for the lead's recorded handoff (false: the draft opened it).
    pub recorded: bool,
    /// Who holds it, once routed.
    pub rep: Option<String>,
    /// Who it went to first: their team's hours set the deadline.
    pub first_rep: Option<String>,
}

impl ColumnHandoff {
    fn of(handoff: &Handoff, now: DateTime<Utc>) -> ColumnHandoff {
        let held_until = handoff.resolution.as_ref().map_or(now, Resolution::at);
        let rep = handoff.assignee().map(str::to_string);
        ColumnHandoff {
            started_at: handoff.started_at,
            held_until,
            recorded: true,
            first_rep: handoff
                .breaches
                .first()
                .map_or_else(|| rep.clone(), |b| b.from.clone()),
            rep,
        }
    }
}

/// Both columns of one lead. Pure and independent of every other lead, so the engine runs it
/// in parallel; routing and SLA verdicts, which depend on other leads, come in [`compare`].
pub fn replay_lead<'a>(input: LeadInput<'a>, books: &Playbooks) -> LeadReplay<'a> {
    let path = match RecordedMql::of(input.history) {
        RecordedMql::Person => DraftPath::AS_RECORDED,
        RecordedMql::Rule | RecordedMql::Never if books.same_mql_rules => DraftPath::AS_RECORDED,
        RecordedMql::Rule | RecordedMql::Never => {
            let replayer = Replayer::new(&input);
            if replayer.is_empty() {
                DraftPath::AS_RECORDED
            } else {
                let mut memo = ScoreMemo::default();
                let current = replayer.first_mql(books.current, &mut memo);
                if !books.same_scoring {
                    memo = ScoreMemo::default();
                }
                let draft = replayer.first_mql(books.draft, &mut memo);
                draft_path(input.history, current.as_ref(), draft.as_ref())
            }
        }
    };
    let lead = input.lead;
    let now = books.now;
    let recorded = lead.handoff.as_ref().map(|h| ColumnHandoff::of(h, now));
    let fit = FitClass::of(&lead.profile, &books.current.icp);
    let current = Column::of(
        &input,
        input.history,
        lead.stage,
        fit,
        replay::priority(&input, lead.stage, books.current, now),
        recorded.clone(),
    );
    let handoff = match path.handoff {
        HandoffFate::AsRecorded => recorded,
        HandoffFate::Moved(at) => recorded.map(|h| ColumnHandoff {
            started_at: at,
            ..h
        }),
        HandoffFate::Opened(at) => Some(ColumnHandoff {
            started_at: at,
            held_until: now,
            recorded: false,
            rep: None,
            first_rep: None,
        }),
        HandoffFate::Dropped => None,
    };
    let history = path.history.as_deref().unwrap_or(input.history);
    let stage = history.last().map_or(lead.stage, |h| h.to);
    // What is the same under both Playbooks is computed once.
    let fit = match books.same_icp {
        true => fit,
        false => FitClass::of(&lead.profile, &books.draft.icp),
    };
    let priority = match books.same_priority && stage == current.stage {
        true => current.priority,
        false => replay::priority(&input, stage, books.draft, now),
    };
    let draft = Column::of(&input, history, stage, fit, priority, handoff);
    LeadReplay {
        input,
        mql: path.change,
        current,
        draft,
    }
}

impl Column {
    fn of(
        input: &LeadInput,
        history: &[StageChange],
        stage: Stage,
        fit: FitClass,
        priority: i32,
        handoff: Option<ColumnHandoff>,
    ) -> Column {
        // Only totals are read, so the cells need not be split further than source and fit.
        let dims = Dims {
            source: input.lead.profile.source.kind,
            campaign: String::new(),
            owner: String::new(),
            segment: fit,
            industry: String::new(),
        };
        // The recorded handoff's facts, as the SLA report reads them; the draft's are settled
        // once routing is known.
        let fact_of = handoff
            .as_ref()
            .filter(|h| h.recorded)
            .and(input.lead.handoff.as_ref());
        Column {
            stage,
            first_mql: history.iter().find(|h| h.to == Stage::Mql).map(|h| h.at),
            facts: LeadFacts::of(history, dims, fact_of),
            priority,
            handoff,
        }
    }
}

#[cfg(test)]
mod tests;
