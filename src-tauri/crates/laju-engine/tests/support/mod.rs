//! Set-up shared by the engine's integration tests: workspaces on a clock that stands still, so
//! every stamp, deadline and report is the same on every run.
//!
//! Each test binary compiles this module on its own, so a helper that only some of them call
//! would warn as dead code in the others: keep here only what every binary uses.

use chrono::{DateTime, TimeZone, Utc};
use laju_engine::{FixedClock, Workspace};
use std::sync::Arc;

/// 08:00 UTC on a day of 2026, the year every fixture lives in.
pub fn morning(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 8, 0, 0)
        .single()
        .expect("valid")
}

/// A clock standing at `at` until the test moves it.
pub fn clock(at: DateTime<Utc>) -> Arc<FixedClock> {
    Arc::new(FixedClock::at(at))
}

/// A new workspace in a temporary folder of its own, on a clock standing at `at`. Hold on to the
/// folder as long as the workspace: dropping it deletes the store.
pub fn opened(at: DateTime<Utc>) -> (tempfile::TempDir, Arc<FixedClock>, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = clock(at);
    let ws = Workspace::open(dir.path(), clock.clone()).expect("open");
    (dir, clock, ws)
}
