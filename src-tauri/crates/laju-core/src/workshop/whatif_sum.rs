//! The comparison summed from the replayed leads: both columns' MQLs by month, rep loads,
//! SLA and funnel figures, and the leads that change (the semantics are in `whatif.rs`).

use super::replay::{MqlChange, PriorityBand};
use super::whatif::{
    ChangeCounts, ChangedLead, Compared, LeadReplay, MonthMqls, MqlChanges, Playbooks, SlaByType,
    WhatIf, CHANGED_LISTED,
};
use crate::funnel::{self, Cell, FunnelFilter};
use crate::sla::SlaType;
use chrono::{DateTime, Datelike, Utc};
use std::collections::BTreeMap;

/// Routes the draft's handoffs, settles their SLA verdicts and sums both columns: [`settle`],
/// [`column_sum`] for each column, then [`summarize`]. A caller with threads sums the columns
/// in parts and merges them (`Cell::merge`) instead.
pub fn compare(leads: &mut [LeadReplay], books: &Playbooks) -> WhatIf {
    settle(leads, books);
    let sums = Compared {
        current: column_sum(leads, false),
        draft: column_sum(leads, true),
    };
    summarize(leads, books, sums)
}

/// What depends on every other lead: the draft's routing in time order, then each draft
/// handoff's SLA verdict (which reads the rep it went to).
pub fn settle(leads: &mut [LeadReplay], books: &Playbooks) {
    super::whatif_routing::route(leads, books);
    super::whatif_sla::settle(leads, books);
}

/// The funnel and SLA cells of `leads` in one column (the draft's once [`settle`]d), summed.
pub fn column_sum(leads: &[LeadReplay], draft: bool) -> Cell {
    let facts = leads.iter().filter_map(|l| match draft {
        true => l.draft.facts.as_ref(),
        false => l.current.facts.as_ref(),
    });
    let cells = funnel::recompute(facts);
    funnel::total(&cells, &FunnelFilter::default())
}

/// The comparison from settled leads and both columns' sums.
pub fn summarize(leads: &[LeadReplay], books: &Playbooks, sums: Compared<Cell>) -> WhatIf {
    let reps = super::whatif_routing::loads(leads, books);
    let sla = Compared {
        current: funnel::sla_performance(&sums.current),
        draft: funnel::sla_performance(&sums.draft),
    };
    let funnel = Compared {
        current: funnel::funnel(
            &sums.current,
            &books.current.conversion_bands,
            &books.current.money,
        ),
        draft: funnel::funnel(
            &sums.draft,
            &books.draft.conversion_bands,
            &books.draft.money,
        ),
    };
    let (mqls, mqls_by_month) = mqls(leads);
    let (changed, changed_leads) = changes(leads, books);
    WhatIf {
        leads: leads.len() as u64,
        now: books.now,
        mqls,
        mqls_by_month,
        mql_changes: mql_changes(leads),
        unrouted: reps.unrouted,
        reps_over_capacity: Compared {
            current: reps
                .rows
                .iter()
                .filter(|r| r.figures.current.over_capacity)
                .count() as u64,
            draft: reps
                .rows
                .iter()
                .filter(|r| r.figures.draft.over_capacity)
                .count() as u64,
        },
        reps: reps.rows,
        sla_by_type: by_type(&sla.current.by_type, &sla.draft.by_type),
        sla: Compared {
            current: sla.current.overall,
            draft: sla.draft.overall,
        },
        funnel: funnel
            .current
            .steps
            .into_iter()
            .zip(funnel.draft.steps)
            .map(|(current, draft)| Compared { current, draft })
            .collect(),
        changed,
        changed_leads,
    }
}

fn mqls(leads: &[LeadReplay]) -> (Compared<u64>, Vec<MonthMqls>) {
    let month = |at: DateTime<Utc>| at.year() as u32 * 100 + at.month();
    let mut by_month: BTreeMap<u32, Compared<u64>> = BTreeMap::new();
    let mut total = Compared {
        current: 0,
        draft: 0,
    };
    for lead in leads {
        if let Some(at) = lead.current.first_mql {
            by_month
                .entry(month(at))
                .or_insert(Compared {
                    current: 0,
                    draft: 0,
                })
                .current += 1;
            total.current += 1;
        }
        if let Some(at) = lead.draft.first_mql {
            by_month
                .entry(month(at))
                .or_insert(Compared {
                    current: 0,
                    draft: 0,
                })
                .draft += 1;
            total.draft += 1;
        }
    }
    let months = by_month
        .into_iter()
        .map(|(month, mqls)| MonthMqls { month, mqls })
        .collect();
    (total, months)
}

fn mql_changes(leads: &[LeadReplay]) -> MqlChanges {
    let mut out = MqlChanges::default();
    for lead in leads {
        match lead.mql {
            MqlChange::Same => {}
            MqlChange::Earlier => out.earlier += 1,
            MqlChange::New => out.new += 1,
            MqlChange::Dropped => out.dropped += 1,
        }
    }
    out
}

/// Each column bands priority as its own Playbook draws the bands.
fn changes(leads: &[LeadReplay], books: &Playbooks) -> (ChangeCounts, Vec<ChangedLead>) {
    let mut counts = ChangeCounts::default();
    let mut listed = Vec::new();
    for lead in leads {
        let (c, d) = (&lead.current, &lead.draft);
        let band = Compared {
            current: PriorityBand::of(c.priority, &books.current.priority_bands),
            draft: PriorityBand::of(d.priority, &books.draft.priority_bands),
        };
        let stage_moved = c.stage != d.stage;
        let band_moved = band.current != band.draft;
        if !stage_moved && !band_moved {
            continue;
        }
        counts.leads += 1;
        counts.stage += u64::from(stage_moved);
        counts.band += u64::from(band_moved);
        listed.push(ChangedLead {
            id: lead.input.lead.id,
            name: display_name(lead),
            stage: Compared {
                current: c.stage,
                draft: d.stage,
            },
            priority: Compared {
                current: c.priority,
                draft: d.priority,
            },
            band,
            mql: lead.mql,
        });
    }
    listed.sort_by_key(|l| l.id);
    listed.truncate(CHANGED_LISTED);
    (counts, listed)
}

fn display_name(lead: &LeadReplay) -> String {
    let p = &lead.input.lead.profile;
    [&p.contact.name, &p.contact.email, &p.company.name]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// Every lead type either column has, in the types' order.
fn by_type(current: &[funnel::TypeSla], draft: &[funnel::TypeSla]) -> Vec<SlaByType> {
    let stats = |list: &[funnel::TypeSla], t: SlaType| {
        list.iter()
            .find(|x| x.lead_type == t)
            .map_or_else(funnel::SlaStats::default, |x| x.stats.clone())
    };
    SlaType::ALL
        .into_iter()
        .filter(|t| current.iter().chain(draft).any(|x| x.lead_type == *t))
        .map(|lead_type| SlaByType {
            lead_type,
            sla: Compared {
                current: stats(current, lead_type),
                draft: stats(draft, lead_type),
            },
        })
        .collect()
}
