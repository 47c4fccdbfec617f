//! Who each handoff goes to under the draft, and every rep's load in both columns (the
//! semantics are in `whatif.rs`). Routing is sequential by nature — each pick changes the
//! round-robin turns, weights and workloads the next one sees — so it runs after the
//! per-lead replay, over the handoffs in time order.

use super::whatif::{ColumnHandoff, Compared, LeadReplay, Playbooks, RepFigures, RepLoad};
use crate::classification::FitClass;
use crate::lead::{Lead, LeadId};
use crate::routing::{self, Rep, RoutingContext, RoutingState};
use crate::Playbook;
use chrono::{DateTime, Utc};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// Gives each draft handoff its rep: the recorded one where the current and the draft replay
/// agree, else the draft's pick; a recorded handoff whose record names no rep keeps none.
pub(super) fn route(leads: &mut [LeadReplay], books: &Playbooks) {
    let (c, d) = (&books.current, &books.draft);
    let same_rules = c.handoff.roster == d.handoff.roster
        && c.handoff.routing == d.handoff.routing
        && c.icp == d.icp;
    let start = |h: Option<&ColumnHandoff>| h.map(|h| h.started_at);
    let same_handoffs = leads
        .iter()
        .all(|l| start(l.current.handoff.as_ref()) == start(l.draft.handoff.as_ref()));
    if same_rules && same_handoffs {
        // Both replays would pick alike for every handoff: the recorded reps stand.
        return;
    }
    let owners = AccountOwners::of(leads);
    let current = replay(leads, |l| l.current.handoff.as_ref(), c, &owners);
    let draft = replay(leads, |l| l.draft.handoff.as_ref(), d, &owners);
    for (i, lead) in leads.iter_mut().enumerate() {
        let Some(handoff) = lead.draft.handoff.as_mut() else {
            continue;
        };
        // A history that says how an MQL ended but not who had it (an imported one) leaves
        // no rep to compare a pick with: the draft column cannot say who it went to either,
        // or every such handoff would move to a rep for no reason of the draft's.
        let as_recorded = handoff.recorded && (handoff.rep.is_none() || current[i] == draft[i]);
        if !as_recorded {
            handoff.rep = draft[i].clone();
            handoff.first_rep = draft[i].clone();
        }
    }
}

/// Routes the handoffs `side` gives, in time order, from a fresh routing memory; a rep's
/// workload is what this replay handed them and they still hold.
fn replay(
    leads: &[LeadReplay],
    side: for<'r, 's> fn(&'r LeadReplay<'s>) -> Option<&'r ColumnHandoff>,
    playbook: &Playbook,
    owners: &AccountOwners,
) -> Vec<Option<String>> {
    let mut order: Vec<(DateTime<Utc>, LeadId, usize)> = leads
        .iter()
        .enumerate()
        .filter_map(|(i, l)| side(l).map(|h| (h.started_at, l.input.lead.id, i)))
        .collect();
    order.sort_unstable();
    let rules = &playbook.handoff;
    let mut picks = vec![None; leads.len()];
    let mut state = RoutingState::default();
    let mut held: BTreeMap<String, u32> = BTreeMap::new();
    let mut releases: BinaryHeap<Reverse<(DateTime<Utc>, String)>> = BinaryHeap::new();
    for (at, _, i) in order {
        while releases
            .peek()
            .is_some_and(|Reverse((until, _))| *until <= at)
        {
            if let Some(Reverse((_, rep))) = releases.pop() {
                if let Some(n) = held.get_mut(&rep) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        let lead = leads[i].input.lead;
        let fit = FitClass::of(&lead.profile, &playbook.icp);
        let assignment = {
            let ctx = RoutingContext {
                open_leads: held.clone(),
                account_owner: owners.of_lead(lead),
                state: &state,
                exclude: None,
            };
            routing::route(&lead.profile, fit, &rules.roster, &rules.routing, &ctx, at)
        };
        let Some(assignment) = assignment else {
            continue;
        };
        state.record(&assignment);
        *held.entry(assignment.rep.clone()).or_default() += 1;
        if let Some(handoff) = side(&leads[i]) {
            releases.push(Reverse((handoff.held_until, assignment.rep.clone())));
        }
        picks[i] = Some(assignment.rep);
    }
    picks
}

/// The owner of the earliest other lead at the same company, as the write path's row index
/// answers it (read as of now: the record keeps no owner history).
struct AccountOwners(BTreeMap<String, BTreeMap<LeadId, String>>);

impl AccountOwners {
    fn of(leads: &[LeadReplay]) -> AccountOwners {
        let mut map: BTreeMap<String, BTreeMap<LeadId, String>> = BTreeMap::new();
        for lead in leads.iter().map(|l| l.input.lead) {
            let company = lead.profile.company.name.trim().to_lowercase();
            if let (false, Some(owner)) = (company.is_empty(), lead.profile.owner.as_ref()) {
                map.entry(company)
                    .or_default()
                    .insert(lead.id, owner.clone());
            }
        }
        AccountOwners(map)
    }

    fn of_lead(&self, lead: &Lead) -> Option<String> {
        self.0
            .get(&lead.profile.company.name.trim().to_lowercase())?
            .iter()
            .find(|(id, _)| **id != lead.id)
            .map(|(_, owner)| owner.clone())
    }
}

/// Each rep's handoffs and peak in both columns, and the handoffs nobody took.
pub(super) struct Loads {
    pub rows: Vec<RepLoad>,
    pub unrouted: Compared<u64>,
}

pub(super) fn loads(leads: &[LeadReplay], books: &Playbooks) -> Loads {
    let (current, current_unrouted) = column_loads(
        leads.iter().filter_map(|l| l.current.handoff.as_ref()),
        &books.current.handoff.roster,
    );
    let (draft, draft_unrouted) = column_loads(
        leads.iter().filter_map(|l| l.draft.handoff.as_ref()),
        &books.draft.handoff.roster,
    );
    let mut names: Vec<&String> = books
        .draft
        .handoff
        .roster
        .iter()
        .chain(&books.current.handoff.roster)
        .map(|r| &r.name)
        .collect();
    names.extend(current.keys().chain(draft.keys()));
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.as_str()));
    let rows = names
        .into_iter()
        .map(|rep| RepLoad {
            rep: rep.clone(),
            figures: Compared {
                current: current.get(rep).cloned().unwrap_or_default(),
                draft: draft.get(rep).cloned().unwrap_or_default(),
            },
        })
        .collect();
    Loads {
        rows,
        unrouted: Compared {
            current: current_unrouted,
            draft: draft_unrouted,
        },
    }
}

/// Per rep: handoffs, the most held at once (a release counts before a start at the same
/// moment) and capacity from `roster`; plus how many handoffs have no rep.
fn column_loads<'a>(
    handoffs: impl Iterator<Item = &'a ColumnHandoff>,
    roster: &[Rep],
) -> (BTreeMap<String, RepFigures>, u64) {
    let mut moves: BTreeMap<&str, Vec<(DateTime<Utc>, i8)>> = BTreeMap::new();
    let mut unrouted = 0;
    for handoff in handoffs {
        match handoff.rep.as_deref() {
            None => unrouted += 1,
            Some(rep) => {
                let rep_moves = moves.entry(rep).or_default();
                rep_moves.push((handoff.started_at, 1));
                rep_moves.push((handoff.held_until.max(handoff.started_at), -1));
            }
        }
    }
    let mut out: BTreeMap<String, RepFigures> = roster
        .iter()
        .map(|r| {
            let figures = RepFigures {
                on_roster: true,
                capacity: r.capacity,
                ..RepFigures::default()
            };
            (r.name.clone(), figures)
        })
        .collect();
    for (rep, mut rep_moves) in moves {
        rep_moves.sort_unstable();
        let (mut held, mut peak) = (0i64, 0i64);
        for (_, step) in &rep_moves {
            held += i64::from(*step);
            peak = peak.max(held);
        }
        let figures = out.entry(rep.to_string()).or_default();
        figures.handoffs = (rep_moves.len() / 2) as u64;
        figures.peak_held = peak as u64;
        figures.over_capacity = figures.capacity.is_some_and(|cap| peak > i64::from(cap));
    }
    (out, unrouted)
}
