//! The clock the app and the CLI hand the engine. `LAJU_CLOCK_OFFSET_MINUTES` moves it (for
//! rehearsing SLA breaches in a workshop, and for the end-to-end tests).

use laju_engine::{Clock, OffsetClock, SystemClock};
use std::sync::Arc;

pub fn from_env() -> Arc<dyn Clock> {
    match std::env::var("LAJU_CLOCK_OFFSET_MINUTES")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        Some(minutes) if minutes != 0 => {
            eprintln!("laju: the clock runs {minutes} minutes off (LAJU_CLOCK_OFFSET_MINUTES)");
            Arc::new(OffsetClock(chrono::Duration::minutes(minutes)))
        }
        _ => Arc::new(SystemClock),
    }
}
