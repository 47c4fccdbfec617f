//! What-if: a Playbook draft replayed over the workspace's recorded history, beside the
//! Playbook in force (the semantics, figure by figure, are in
//! `laju_core::workshop::whatif`). Writes nothing: it validates the draft, reads every record
//! (`record::all` — a replay of history is the one kind of question that must read them all),
//! replays the leads in parallel with rayon, routes the draft's handoffs in time order, and
//! sums the two columns in parallel parts, in memory.

use crate::store::{record, LeadRecord};
use crate::{EngineError, Workspace};
use laju_core::funnel::Cell;
use laju_core::workshop::replay::LeadInput;
use laju_core::workshop::whatif::{self, Compared, LeadReplay, Playbooks};
use laju_core::Playbook;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use laju_core::workshop::whatif::WhatIf;

/// Leads replayed between two progress reports (and chances to cancel): small enough to
/// answer a cancel within a few milliseconds, large enough to keep both cores busy.
const CHUNK: usize = 4_096;

/// The Playbook page's question: what would this draft have done?
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewPlaybook {
    pub draft: Playbook,
}

/// How far a preview is: leads replayed of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WhatIfProgress {
    pub done: u64,
    pub total: u64,
}

impl Workspace {
    /// Replays every lead under the Playbook in force and under `draft`, calling `progress`
    /// as leads are replayed; `progress` answering false cancels. A draft that fails
    /// validation is refused, naming the field and why, before anything is read.
    pub fn what_if(
        &self,
        draft: &Playbook,
        progress: &mut dyn FnMut(WhatIfProgress) -> bool,
    ) -> Result<WhatIf, EngineError> {
        draft.validate().map_err(|problem| {
            EngineError::Invalid(format!(
                "The draft cannot be previewed: {} — {problem}",
                whatif::problem_field(&problem, draft)
            ))
        })?;
        let current = self.playbook()?.playbook;
        let now = self.now();
        let records = record::all(self.db(), self.dir())?;
        // A lead merged into another is that other person: the funnel counts it once, there.
        let counted: Vec<&LeadRecord> = records.iter().filter(|r| r.links.into.is_none()).collect();
        let duplicate: Vec<bool> = {
            let derived = self.derived();
            counted
                .par_iter()
                .map(|r| derived.contacts.duplicate_of(&r.lead).is_some())
                .collect()
        };
        let total = counted.len() as u64;
        if !progress(WhatIfProgress { done: 0, total }) {
            return Err(EngineError::Cancelled);
        }
        let books = Playbooks::new(&current, draft, now);
        let mut leads: Vec<LeadReplay> = Vec::with_capacity(counted.len());
        for (records, duplicate) in counted.chunks(CHUNK).zip(duplicate.chunks(CHUNK)) {
            let replayed: Vec<LeadReplay> = records
                .par_iter()
                .zip(duplicate)
                .map(|(r, duplicate)| {
                    let input = LeadInput {
                        lead: &r.lead,
                        history: &r.history,
                        activities: &r.activities,
                        duplicate: *duplicate,
                    };
                    whatif::replay_lead(input, &books)
                })
                .collect();
            leads.extend(replayed);
            let done = leads.len() as u64;
            if !progress(WhatIfProgress { done, total }) {
                return Err(EngineError::Cancelled);
            }
        }
        whatif::settle(&mut leads, &books);
        let sum = |draft: bool| {
            leads
                .par_chunks(CHUNK)
                .map(|part| whatif::column_sum(part, draft))
                .reduce(Cell::default, |mut all, part| {
                    all.merge(&part);
                    all
                })
        };
        let (current, draft) = rayon::join(|| sum(false), || sum(true));
        let answer = whatif::summarize(&leads, &books, Compared { current, draft });
        drop(leads);
        drop(counted);
        // 100,000 records are many small allocations to return: the answer need not wait.
        rayon::spawn(move || drop(records));
        Ok(answer)
    }
}
