//! Where an imported lead stands and how it got there: the stage history its dates describe,
//! for a new lead or on top of an existing one. The source is trusted about the past (no gate
//! is checked for what already happened), but an older file never moves a lead backwards.

use super::Incoming;
use crate::lead::Outcome;
use crate::lifecycle::{Actor, StageChange};
use crate::Stage;
use chrono::{DateTime, Utc};

/// The stage history an import adds, and where it leaves the lead.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub history: Vec<StageChange>,
    pub stage: Stage,
    pub entered_at: DateTime<Utc>,
    pub outcome: Option<Outcome>,
}

/// Where the lead stands before the import, when it already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Current {
    pub stage: Stage,
    pub since: DateTime<Utc>,
}

/// When a new lead first appeared: the file's creation date, else its earliest stage date.
pub fn created_at(incoming: &Incoming, now: DateTime<Utc>) -> DateTime<Utc> {
    let earliest = incoming.entered.iter().map(|(_, at)| *at).min();
    incoming
        .created_at
        .into_iter()
        .chain(earliest)
        .min()
        .unwrap_or(now)
        .min(now)
}

/// The history to append: the creation entry for a new lead (`current` is `None`), then each
/// dated stage in time order, then the stage the file names if no date led there. Stages that
/// would not move the lead forward are left out, so a stage dated after a further one (a win
/// dated before the MQL) has no entry; the dates kept are as given. See `order` for how the
/// funnel still counts such a stage and how the import reports it.
pub fn place(
    incoming: &Incoming,
    current: Option<Current>,
    actor: &str,
    now: DateTime<Utc>,
) -> Placement {
    let person = Actor::Person {
        name: actor.to_string(),
    };
    let mut history = Vec::new();
    let (mut stage, mut since) = match current {
        Some(c) => (c.stage, c.since),
        None => {
            let created = created_at(incoming, now);
            history.push(StageChange {
                from: None,
                to: Stage::Anonymous,
                at: created,
                actor: person.clone(),
                event: None,
                reason: None,
            });
            (Stage::Anonymous, created)
        }
    };
    let walked = walk(incoming, stage, since, now);
    for (to, at) in walked.entered {
        history.push(StageChange {
            from: Some(stage),
            to,
            at,
            actor: person.clone(),
            event: None,
            reason: off_path(to).then(|| reason(incoming, to)),
        });
        stage = to;
        since = at;
    }
    let outcome = match stage {
        _ if history.is_empty() && current.is_some() => None,
        Stage::Customer => Some(Outcome::Won { on: since }),
        Stage::ClosedLost => Some(Outcome::Lost {
            on: since,
            reason: reason(incoming, stage),
        }),
        Stage::Disqualified => Some(Outcome::Disqualified {
            on: since,
            reason: reason(incoming, stage),
        }),
        _ => None,
    };
    Placement {
        history,
        stage,
        entered_at: since,
        outcome,
    }
}

/// One step the file asks for that would not move the lead forward: the lead was at `ahead`
/// when the file has it enter `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Skipped {
    pub stage: Stage,
    pub ahead: Stage,
    /// From a stage-date column; false for the stage the file names without a date.
    pub dated: bool,
}

/// What one pass over the file's steps does from `(stage, since)`.
pub(super) struct Walk {
    /// The entries to append, in order.
    pub entered: Vec<(Stage, DateTime<Utc>)>,
    pub skipped: Vec<Skipped>,
}

/// Each dated stage in time order (path order at a tie; a date after `now` counts as `now`),
/// then the stage the file names if no date led there. A step that would not move the lead
/// forward is skipped; one dated before the existing lead's current stage was entered is
/// entered at that moment instead.
pub(super) fn walk(
    incoming: &Incoming,
    mut stage: Stage,
    mut since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Walk {
    let mut steps: Vec<(Stage, DateTime<Utc>, bool)> = incoming
        .entered
        .iter()
        .map(|(s, at)| (*s, (*at).min(now), true))
        .collect();
    steps.sort_by_key(|(s, at, _)| (*at, rank(*s)));
    if let Some(named) = incoming.stage {
        if !steps.iter().any(|(s, _, _)| *s == named) {
            steps.push((named, now.max(since), false));
        }
    }
    let mut walked = Walk {
        entered: Vec::new(),
        skipped: Vec::new(),
    };
    for (to, at, dated) in steps {
        if !moves_forward(stage, to) {
            walked.skipped.push(Skipped {
                stage: to,
                ahead: stage,
                dated,
            });
            continue;
        }
        let at = at.max(since);
        walked.entered.push((to, at));
        stage = to;
        since = at;
    }
    walked
}

fn off_path(stage: Stage) -> bool {
    !Stage::MAIN_PATH.contains(&stage)
}

/// Main-path stages in order; every off-path stage after them, so a tie in time puts the
/// ending last.
fn rank(stage: Stage) -> usize {
    stage.path_position().unwrap_or(Stage::MAIN_PATH.len())
}

/// Further along the main path, or out of it from an open stage; a customer stays a customer.
fn moves_forward(from: Stage, to: Stage) -> bool {
    match (off_path(from), off_path(to)) {
        (false, false) => rank(to) > rank(from),
        (false, true) => from != Stage::Customer,
        // A recycled lead may come back to the path; a closed one only by a person's decision.
        (true, false) => from == Stage::Recycled && rank(to) > rank(Stage::Known),
        (true, true) => false,
    }
}

fn reason(incoming: &Incoming, stage: Stage) -> String {
    let given = incoming.reason.trim();
    if !given.is_empty() {
        return given.to_string();
    }
    match stage {
        Stage::ClosedLost => "Lost before the import".into(),
        Stage::Disqualified => "Disqualified before the import".into(),
        _ => "Recycled before the import".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::LeadProfile;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0)
            .single()
            .expect("valid date")
    }

    fn incoming(stage: Option<Stage>, entered: &[(Stage, u32)]) -> Incoming {
        let mut i = Incoming::new(2, LeadProfile::default());
        i.stage = stage;
        i.entered = entered.iter().map(|(s, d)| (*s, day(*d))).collect();
        i
    }

    fn path(p: &Placement) -> Vec<(Stage, DateTime<Utc>)> {
        p.history.iter().map(|h| (h.to, h.at)).collect()
    }

    #[test]
    fn dates_become_a_history_in_time_order_from_the_earliest() {
        let i = incoming(
            Some(Stage::Customer),
            &[(Stage::Customer, 20), (Stage::Mql, 5), (Stage::Sql, 9)],
        );
        let p = place(&i, None, "import", day(28));
        assert_eq!(
            path(&p),
            [
                (Stage::Anonymous, day(5)),
                (Stage::Mql, day(5)),
                (Stage::Sql, day(9)),
                (Stage::Customer, day(20)),
            ]
        );
        assert_eq!(p.outcome, Some(Outcome::Won { on: day(20) }));
        assert_eq!(p.entered_at, day(20));
    }

    #[test]
    fn a_named_stage_without_a_date_is_entered_at_import_time() {
        let mut i = incoming(Some(Stage::ClosedLost), &[]);
        i.created_at = Some(day(1));
        i.reason = "Budget cut".into();
        let p = place(&i, None, "import", day(28));
        assert_eq!(
            path(&p),
            [(Stage::Anonymous, day(1)), (Stage::ClosedLost, day(28))]
        );
        assert_eq!(p.history[1].reason.as_deref(), Some("Budget cut"));
        assert_eq!(
            p.outcome,
            Some(Outcome::Lost {
                on: day(28),
                reason: "Budget cut".into()
            })
        );
    }

    #[test]
    fn a_second_file_advances_but_never_moves_back() {
        let now = Some(Current {
            stage: Stage::Sql,
            since: day(10),
        });
        let won = incoming(Some(Stage::Customer), &[(Stage::Customer, 15)]);
        assert_eq!(
            path(&place(&won, now, "import", day(28))),
            [(Stage::Customer, day(15))]
        );
        let older = incoming(Some(Stage::Mql), &[(Stage::Mql, 2)]);
        let p = place(&older, now, "import", day(28));
        assert!(p.history.is_empty());
        assert_eq!((p.stage, p.outcome), (Stage::Sql, None));
    }

    #[test]
    fn no_stage_and_no_dates_leaves_a_new_lead_anonymous_for_the_rules() {
        let p = place(&incoming(None, &[]), None, "import", day(28));
        assert_eq!(path(&p), [(Stage::Anonymous, day(28))]);
        assert_eq!(p.stage, Stage::Anonymous);
    }
}
