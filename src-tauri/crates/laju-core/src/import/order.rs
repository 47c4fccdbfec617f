//! Dates that contradict the main path's order: a win dated before the MQL, a lead created
//! after it was qualified. The row still imports (the file is trusted about the past) and
//! [`place`](super::place::place) settles its history; a [`DateWarning`] says, per date it
//! could not keep as given, what that did, so nothing is changed silently.
//!
//! The rule, shared with the funnel: dates the history keeps are kept as given, never moved.
//! A stage dated after a further one is left out of the history (entering it would move the
//! lead back), yet the lead still counts as having reached it when it later entered a further
//! main-path stage (`funnel::LeadFacts::reached`). A creation date after a stage date gives
//! way to that stage's date: a lead exists from its first recorded step.

use super::place::{created_at, walk};
use super::plan::Plan;
use super::read::Record;
use super::target::Target;
use super::Incoming;
use crate::Stage;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One date of a record out of the main path's order, and what the import did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DateWarning {
    /// The file line the record starts on.
    pub line: u64,
    /// The header of the column whose date the history does not keep as given.
    pub column: String,
    /// The stage that column dates (`anonymous` for the creation date), and the cell as read.
    pub stage: Stage,
    pub date: String,
    /// The stage dated earlier although it comes later (for the creation date: the earliest
    /// dated stage), its column and its cell.
    pub ahead: Stage,
    pub ahead_column: String,
    pub ahead_date: String,
    pub settled: DateSettlement,
}

/// What the import did with a date out of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DateSettlement {
    /// The history has no entry for `stage` (the lead was already further on by its date), and
    /// the lead counts as having reached it, on its way to a further main-path stage.
    CountedAsReached,
    /// The history has no entry for `stage` and the lead does not count as having reached it:
    /// by that date it had already left the main path (lost, disqualified, recycled).
    LeftOut,
    /// The creation date is after `ahead`'s: the lead counts as created on that earlier date.
    CreatedAtEarliest,
}

impl DateWarning {
    /// English, for the CLI; the window words it from the typed fields.
    pub fn message(&self) -> String {
        let name = |column: &str, dates: &str| {
            if column.is_empty() {
                format!("the {dates} date")
            } else {
                format!("“{column}”")
            }
        };
        let this = match self.settled {
            DateSettlement::CreatedAtEarliest => name(&self.column, "creation"),
            DateSettlement::CountedAsReached | DateSettlement::LeftOut => {
                name(&self.column, self.stage.label())
            }
        };
        let ahead = name(&self.ahead_column, self.ahead.label());
        let (date, ahead_date) = (&self.date, &self.ahead_date);
        let (stage, ahead_stage) = (self.stage.label(), self.ahead.label());
        match self.settled {
            DateSettlement::CountedAsReached => format!(
                "{ahead} {ahead_date} is before {this} {date}: the {ahead_stage} date is kept as \
                 given, the {stage} date is left out, and the lead counts as having reached {stage}."
            ),
            DateSettlement::LeftOut => format!(
                "{ahead} {ahead_date} is before {this} {date}: the lead was already \
                 {ahead_stage} by then, so the {stage} date is left out and it does not count as \
                 having reached {stage}."
            ),
            DateSettlement::CreatedAtEarliest => format!(
                "{this} {date} is after {ahead} {ahead_date}: the lead counts as created on \
                 {ahead_date}."
            ),
        }
    }
}

/// One date out of order, before it is tied to its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OutOfOrder {
    pub stage: Stage,
    pub ahead: Stage,
    pub settled: DateSettlement,
}

/// The record's dates out of order, as a new lead's history settles them. Dates are compared
/// as given: a date in the future is not taken as today here, since no clock is read.
pub(super) fn out_of_order(incoming: &Incoming) -> Vec<OutOfOrder> {
    let far = DateTime::<Utc>::MAX_UTC;
    let mut found = Vec::new();
    let earliest = incoming
        .entered
        .iter()
        .min_by_key(|(stage, at)| (*at, stage.path_position().unwrap_or(usize::MAX)));
    if let (Some(created), Some((first, at))) = (incoming.created_at, earliest) {
        if *at < created {
            found.push(OutOfOrder {
                stage: Stage::Anonymous,
                ahead: *first,
                settled: DateSettlement::CreatedAtEarliest,
            });
        }
    }
    let walked = walk(incoming, Stage::Anonymous, created_at(incoming, far), far);
    let furthest = walked
        .entered
        .iter()
        .filter_map(|(stage, _)| stage.path_position())
        .max()
        .unwrap_or(0);
    for skipped in walked.skipped {
        // A repeat of the stage the lead is in, an undated named stage, or an ending after a
        // win are not dates out of order.
        let Some(position) = skipped.stage.path_position() else {
            continue;
        };
        if !skipped.dated || skipped.stage == skipped.ahead {
            continue;
        }
        found.push(OutOfOrder {
            stage: skipped.stage,
            ahead: skipped.ahead,
            settled: if position < furthest {
                DateSettlement::CountedAsReached
            } else {
                DateSettlement::LeftOut
            },
        });
    }
    found
}

impl Plan {
    /// The warnings for a record [`Plan::convert`] turned into `incoming`: each of its dates
    /// out of the main path's order, with the columns and cells to look at.
    pub fn date_warnings(&self, record: &Record, incoming: &Incoming) -> Vec<DateWarning> {
        out_of_order(incoming)
            .into_iter()
            .map(|o| {
                let own = match o.settled {
                    DateSettlement::CreatedAtEarliest => Target::CreatedAt,
                    DateSettlement::CountedAsReached | DateSettlement::LeftOut => {
                        Target::Entered(o.stage)
                    }
                };
                let (column, date) = self.dated_cell(own, record);
                let (ahead_column, ahead_date) = self.dated_cell(Target::Entered(o.ahead), record);
                DateWarning {
                    line: record.line,
                    column,
                    stage: o.stage,
                    date,
                    ahead: o.ahead,
                    ahead_column,
                    ahead_date,
                    settled: o.settled,
                }
            })
            .collect()
    }

    /// The header and text of the cell that gave `target` its date: the leftmost non-empty
    /// mapped column, as in `convert`, else the mapping's default (no header).
    fn dated_cell(&self, target: Target, record: &Record) -> (String, String) {
        self.rules
            .iter()
            .filter(|rule| rule.target == target)
            .find_map(|rule| Some((rule.header.clone(), self.cell(rule, record)?)))
            .or_else(|| {
                self.defaults
                    .iter()
                    .find(|(t, _)| *t == target)
                    .map(|(_, value)| (String::new(), value.clone()))
            })
            .unwrap_or_default()
    }
}
