//! The draft column's SLA verdict for each handoff (the semantics are in `whatif.rs`): the
//! recorded answer against the deadline each Playbook sets, the recorded breach standing
//! wherever the two agree.

use super::whatif::{LeadReplay, Playbooks};
use crate::classification::FitClass;
use crate::funnel::HandoffFact;
use crate::handoff::Resolution;
use crate::sla::SlaType;
use crate::Playbook;

/// Puts each draft handoff's fact into the draft column's funnel facts.
pub(super) fn settle(leads: &mut [LeadReplay], books: &Playbooks) {
    let (c, d) = (books.current, books.draft);
    let same_policy = c.handoff.sla == d.handoff.sla && c.icp == d.icp;
    for lead in leads.iter_mut() {
        let Some(handoff) = lead.draft.handoff.as_ref() else {
            continue;
        };
        let profile = &lead.input.lead.profile;
        let type_in =
            |p: &Playbook| SlaType::of(profile.source.kind, FitClass::of(profile, &p.icp));
        let recorded = lead
            .input
            .lead
            .handoff
            .as_ref()
            .filter(|_| handoff.recorded);
        let fact = match (recorded, lead.current.handoff.as_ref()) {
            (Some(recorded), Some(was)) => {
                let fact = HandoffFact::of(recorded);
                let moved = handoff.started_at != was.started_at;
                let role = |p: &Playbook, rep: Option<&String>| {
                    rep.and_then(|r| p.handoff.rep(r)).map(|r| r.role)
                };
                let alike = same_policy
                    && !moved
                    && role(c, was.first_rep.as_ref()) == role(d, handoff.first_rep.as_ref());
                if alike {
                    fact
                } else {
                    let resolution = recorded.resolution.as_ref();
                    let answered_at = resolution.and_then(Resolution::answered_at);
                    let end = resolution.map_or(books.now, Resolution::at);
                    let late = |p: &Playbook, start, rep: Option<&String>| {
                        let deadline = p.handoff.deadline_for(
                            start,
                            p.handoff.sla.minutes(type_in(p)),
                            rep.map(String::as_str),
                        );
                        match answered_at {
                            Some(at) => at > deadline,
                            None => deadline <= end,
                        }
                    };
                    let was_late = late(c, was.started_at, was.first_rep.as_ref());
                    let is_late = late(d, handoff.started_at, handoff.first_rep.as_ref());
                    let (t_current, t_draft) = (type_in(c), type_in(d));
                    HandoffFact {
                        lead_type: if t_current == t_draft {
                            fact.lead_type
                        } else {
                            t_draft
                        },
                        answered_minutes: match (moved, answered_at) {
                            (false, _) => fact.answered_minutes,
                            (true, at) => {
                                at.map(|at| (at - handoff.started_at).num_minutes().max(0) as u64)
                            }
                        },
                        breached: if was_late == is_late {
                            fact.breached
                        } else {
                            is_late
                        },
                        rejected: fact.rejected,
                    }
                }
            }
            // Opened by the draft: nobody answered it, so it is counted and never decided.
            _ => HandoffFact {
                lead_type: type_in(d),
                answered_minutes: None,
                breached: false,
                rejected: None,
            },
        };
        if let Some(facts) = lead.draft.facts.as_mut() {
            facts.handoff = Some(fact);
        }
    }
}
