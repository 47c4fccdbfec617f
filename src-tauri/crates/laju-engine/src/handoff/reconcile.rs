//! Part of every lead change, after the Playbook's triggers: open a handoff when a lead enters
//! MQL, settle it when the lead leaves, keep the follow-up sequence of a SAL current, and apply
//! the recycling rule. Because it runs inside the one write path, the inbox and task indexes
//! can never disagree with the lead.

use crate::commit::Change;
use crate::derived::RowIndex;
use chrono::{DateTime, Utc};
use laju_core::classification::FitClass;
use laju_core::followup::{FollowUp, SequenceKind};
use laju_core::handoff::{Handoff, RejectCode, Resolution};
use laju_core::lifecycle::{Actor, EventKind, LifecycleEvent};
use laju_core::routing::{RoutingContext, RoutingState};
use laju_core::{Playbook, Stage};

pub(crate) const RECYCLING_RULE_ID: &str = "recycling";

/// Answers whether it routed a lead, so the caller stores the changed routing `state`. `rows`
/// gives the reps' workloads and account owners, including every earlier change of the batch.
pub(crate) fn reconcile(
    change: &mut Change,
    playbook: &Playbook,
    now: DateTime<Utc>,
    state: &mut RoutingState,
    rows: &RowIndex,
) -> bool {
    settle(change, now);
    let lead = &change.lead;
    let waiting = lead.handoff.as_ref().is_some_and(Handoff::is_pending);
    let mut routed = false;
    if lead.stage == Stage::Mql && !waiting {
        let fit = FitClass::of(&lead.profile, &playbook.icp);
        let ctx = routing_context(lead, state, None, rows);
        let opened = change.sla_from.unwrap_or(now).min(now);
        let handoff = Handoff::open(&lead.profile, fit, &playbook.handoff, &ctx, opened);
        if let Some(assignment) = &handoff.assignment {
            state.record(assignment);
            routed = true;
        }
        change.lead.handoff = Some(handoff);
    }
    follow_up(change, playbook, now);
    routed
}

pub(crate) fn routing_context<'a>(
    lead: &laju_core::lead::Lead,
    state: &'a RoutingState,
    exclude: Option<String>,
    rows: &RowIndex,
) -> RoutingContext<'a> {
    RoutingContext {
        open_leads: rows.held_by_rep(),
        account_owner: rows.account_owner(&lead.profile.company.name, lead.id),
        state,
        exclude,
    }
}

/// A lead that left MQL settles its handoff: accepted, rejected with a reason code, or closed.
fn settle(change: &mut Change, now: DateTime<Utc>) {
    let stage = change.lead.stage;
    let owner = change.lead.profile.owner.clone().unwrap_or_default();
    let left_by = change
        .added()
        .iter()
        .rev()
        .find(|c| c.from == Some(Stage::Mql))
        .map(|c| (c.event, c.reason.clone().unwrap_or_default()));
    let Some(handoff) = change.lead.handoff.as_mut().filter(|h| h.is_pending()) else {
        return;
    };
    if stage == Stage::Mql {
        return;
    }
    handoff.resolution = Some(match left_by {
        Some((Some(EventKind::Accept), _)) => Resolution::Accepted {
            at: now,
            owner,
            response_minutes: (now - handoff.started_at).num_minutes(),
        },
        Some((Some(EventKind::Reject), reason)) => Resolution::Rejected {
            at: now,
            code: RejectCode::parse(&reason),
            note: reason,
        },
        _ => Resolution::Closed { at: now, stage },
    });
}

/// While a SAL: its sequence, re-planned from the logged touches; past the recycling rule, back
/// to marketing with the reason in the history.
fn follow_up(change: &mut Change, playbook: &Playbook, now: DateTime<Utc>) {
    let rules = &playbook.handoff;
    if change.lead.stage != Stage::Sal {
        change.lead.follow_up = None;
        return;
    }
    let lead = &change.lead;
    let kind = lead.follow_up.as_ref().map_or_else(
        || SequenceKind::of(&lead.profile, &change.activities),
        |f| f.kind,
    );
    let plan = FollowUp::plan(
        kind,
        lead.stage_entered_at,
        &change.activities,
        &rules.sequences,
        rules.recycling,
    );
    let Some(reason) = plan.recycle_reason(rules.recycling, now) else {
        change.lead.follow_up = Some(plan);
        return;
    };
    let event = LifecycleEvent::Recycle { reason };
    let rule = Actor::Rule {
        rule_id: RECYCLING_RULE_ID.into(),
        label: "Recycling rule".into(),
    };
    if !change.move_by_rule(&event, rule, playbook, now) {
        change.lead.follow_up = Some(plan);
        return;
    }
    change.lead.follow_up = None;
}
