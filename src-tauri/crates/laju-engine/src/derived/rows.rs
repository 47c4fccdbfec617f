//! The lead list's rows in memory, with what queries compare pre-computed, the last query's
//! order, and the per-rep workloads and account owners routing reads.

use crate::leads::{LeadPage, LeadQuery, LeadRow, LeadSort};
use chrono::{DateTime, Utc};
use laju_core::classification::Temperature;
use laju_core::lead::LeadId;
use laju_core::playbook::TemperatureRules;
use laju_core::Stage;
use std::collections::{BTreeMap, HashSet};

/// A row with what queries compare pre-computed, so a query over 100,000 rows only compares.
struct Entry {
    row: LeadRow,
    haystack: String,
    name_key: String,
}

/// The last query's ordered ids. Scrolling asks the same question with another offset, so a
/// page after the first is a slice, not a sort of every row again.
struct Ordered {
    query: LeadQuery,
    generation: u64,
    at: DateTime<Utc>,
    hits: Vec<(LeadId, Temperature)>,
}

/// How long a cached order stays valid: temperatures move with the clock.
const ORDER_TTL_SECONDS: i64 = 30;

/// Equal when they hold the same rows, workloads and account owners (the query cache and its
/// generation are how they got there, not what they hold).
impl PartialEq for RowIndex {
    fn eq(&self, other: &RowIndex) -> bool {
        self.rows.len() == other.rows.len()
            && self.all().eq(other.all())
            && self.held_by_rep == other.held_by_rep
            && self.owners_by_company == other.owners_by_company
    }
}

impl std::fmt::Debug for RowIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowIndex")
            .field("rows", &self.rows.len())
            .field("held_by_rep", &self.held_by_rep)
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
pub(crate) struct RowIndex {
    rows: BTreeMap<LeadId, Entry>,
    /// Bumped by every change, which drops the cached order.
    generation: u64,
    ordered: std::sync::Mutex<Option<Ordered>>,
    /// Kept in step by `put` so routing reads workloads and account owners without a scan.
    held_by_rep: BTreeMap<String, u32>,
    owners_by_company: BTreeMap<String, BTreeMap<LeadId, String>>,
}

impl RowIndex {
    pub fn put(&mut self, row: LeadRow) {
        if let Some(old) = self.rows.get(&row.id).map(|e| e.row.clone()) {
            self.count(&old, false);
        }
        self.count(&row, true);
        let entry = Entry {
            haystack: row.haystack(),
            name_key: row.name.to_lowercase(),
            row,
        };
        self.rows.insert(entry.row.id, entry);
        self.generation += 1;
    }

    fn count(&mut self, row: &LeadRow, add: bool) {
        if let Some(rep) = row.held_by() {
            let n = self.held_by_rep.entry(rep.to_string()).or_default();
            *n = if add { *n + 1 } else { n.saturating_sub(1) };
        }
        let company = row.company.trim().to_lowercase();
        if let (false, Some(owner)) = (company.is_empty(), row.owner.as_ref()) {
            let owners = self.owners_by_company.entry(company).or_default();
            if add {
                owners.insert(row.id, owner.clone());
            } else {
                owners.remove(&row.id);
            }
        }
    }

    pub fn ids_in(&self, stage: Stage) -> Vec<LeadId> {
        self.rows
            .values()
            .filter(|e| e.row.stage == stage)
            .map(|e| e.row.id)
            .collect()
    }

    pub fn all(&self) -> impl Iterator<Item = &LeadRow> {
        self.rows.values().map(|e| &e.row)
    }

    pub fn get(&self, id: LeadId) -> Option<&LeadRow> {
        self.rows.get(&id).map(|e| &e.row)
    }

    /// Open leads each rep holds now (for capacity limits).
    pub fn held_by_rep(&self) -> BTreeMap<String, u32> {
        self.held_by_rep.clone()
    }

    /// The owner of the earliest other lead at the same company.
    pub fn account_owner(&self, company: &str, except: LeadId) -> Option<String> {
        self.owners_by_company
            .get(&company.trim().to_lowercase())?
            .iter()
            .find(|(id, _)| **id != except)
            .map(|(_, owner)| owner.clone())
    }

    /// `only`: the ids the query's selection resolved to.
    pub fn query(
        &self,
        q: &LeadQuery,
        only: Option<&HashSet<LeadId>>,
        now: DateTime<Utc>,
        rules: &TemperatureRules,
    ) -> LeadPage {
        let key = LeadQuery {
            offset: 0,
            limit: 0,
            ..q.clone()
        };
        let mut cache = self.ordered.lock().unwrap_or_else(|p| p.into_inner());
        let fresh = cache.as_ref().is_some_and(|c| {
            c.query == key
                && c.generation == self.generation
                && (now - c.at).num_seconds().abs() < ORDER_TTL_SECONDS
        });
        if !fresh {
            *cache = Some(Ordered {
                hits: self.order(&key, only, now, rules),
                query: key,
                generation: self.generation,
                at: now,
            });
        }
        let hits = cache.as_ref().map_or(&[][..], |c| c.hits.as_slice());
        let limit = if q.limit == 0 {
            200
        } else {
            q.limit.min(1_000)
        };
        let rows = hits
            .iter()
            .skip(q.offset as usize)
            .take(limit as usize)
            .filter_map(|(id, temperature)| {
                self.rows.get(id).map(|e| LeadRow {
                    temperature: *temperature,
                    ..e.row.clone()
                })
            })
            .collect();
        LeadPage {
            total: hits.len() as u32,
            all: self.rows.len() as u32,
            offset: q.offset,
            rows,
        }
    }

    /// Filters and sorts references, never cloning a row.
    fn order(
        &self,
        q: &LeadQuery,
        only: Option<&HashSet<LeadId>>,
        now: DateTime<Utc>,
        rules: &TemperatureRules,
    ) -> Vec<(LeadId, Temperature)> {
        let needle = q.search.trim().to_lowercase();
        let mut hits: Vec<(&Entry, Temperature)> = self
            .rows
            .values()
            .filter(|e| {
                let r = &e.row;
                only.is_none_or(|ids| ids.contains(&r.id))
                    && q.stage.is_none_or(|s| r.stage == s)
                    && q.source.is_none_or(|s| r.source == s)
                    && q.qualification.is_none_or(|s| r.qualification == s)
                    && q.fit.is_none_or(|s| r.fit == s)
                    && (needle.is_empty() || e.haystack.contains(&needle))
            })
            .map(|e| (e, Temperature::of(e.row.last_activity_at, now, rules)))
            .filter(|(_, t)| q.temperature.is_none_or(|wanted| *t == wanted))
            .collect();
        match q.sort {
            LeadSort::Priority => hits.sort_unstable_by(|(a, _), (b, _)| {
                (b.row.priority, b.row.last_activity_at, a.row.id).cmp(&(
                    a.row.priority,
                    a.row.last_activity_at,
                    b.row.id,
                ))
            }),
            LeadSort::Recent => hits.sort_unstable_by_key(|(e, _)| {
                (std::cmp::Reverse(e.row.last_activity_at), e.row.id)
            }),
            LeadSort::Name => hits.sort_unstable_by(|(a, _), (b, _)| {
                (&a.name_key, a.row.id).cmp(&(&b.name_key, b.row.id))
            }),
            LeadSort::Stage => hits.sort_unstable_by_key(|(e, _)| {
                (
                    e.row.stage.code(),
                    std::cmp::Reverse(e.row.priority),
                    e.row.id,
                )
            }),
        }
        hits.into_iter().map(|(e, t)| (e.row.id, t)).collect()
    }
}
