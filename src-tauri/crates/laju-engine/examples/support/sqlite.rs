//! The sqlite3 CLI as the benchmarks' baseline: run a script against a database file, and time
//! a script by the process's wall clock (sqlite3's own `.timer` counts whole milliseconds).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub fn run(db: &Path, script: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("sqlite3 CLI not found ({e}); install it to run the baseline"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(script.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() || !out.stderr.is_empty() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(())
}

/// Median wall time of three runs of `script`.
pub fn wall_ms(db: &Path, script: &str) -> Result<f64, Box<dyn std::error::Error>> {
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        run(db, script)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[1])
}

/// Milliseconds per question: `rounds` askings in one process, minus a process asking nothing.
pub fn per_query_ms(
    db: &Path,
    sql: &str,
    rounds: usize,
) -> Result<f64, Box<dyn std::error::Error>> {
    let empty = wall_ms(db, ".output /dev/null\n")?;
    let script = format!(".output /dev/null\n{}", format!("{sql}\n").repeat(rounds));
    Ok((wall_ms(db, &script)? - empty) / rounds as f64)
}
