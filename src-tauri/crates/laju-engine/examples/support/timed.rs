//! An import timed phase by phase from its own progress reports: how the import benchmarks
//! split its time into reading and matching, applying the rules, and the write with its flush.

use laju_engine::import::{ImportOptions, ImportPhase, ImportProgress, ImportReport};
use laju_engine::{EngineError, Workspace};
use std::time::Instant;

/// Seconds in each phase and in all.
pub struct Timed {
    pub read: f64,
    pub rules: f64,
    pub write: f64,
    pub total: f64,
}

pub fn import(
    ws: &Workspace,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(ImportReport, Timed), EngineError> {
    let started = Instant::now();
    // When each phase began: checking rows, applying the rules, the write, done.
    let mut marks = [None::<f64>; 4];
    let mut note = |p: &ImportProgress| {
        let slot = match p.phase {
            ImportPhase::Checking => 0,
            ImportPhase::Applying => 1,
            ImportPhase::Saving => 2,
            ImportPhase::Done => 3,
        };
        marks[slot].get_or_insert(started.elapsed().as_secs_f64());
        true
    };
    let report = ws.import_csv(bytes, options, "bench", &mut note)?;
    let total = started.elapsed().as_secs_f64();
    let at = |i: usize| marks[i].unwrap_or(total);
    let timed = Timed {
        read: at(1),
        rules: at(2) - at(1),
        write: at(3) - at(2),
        total,
    };
    Ok((report, timed))
}
