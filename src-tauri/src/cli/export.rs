//! `laju export leads|history|funnel|velocity|stall|sla|black-holes [--out FILE]`: CSV for a
//! spreadsheet or a script, on standard output unless a file is named.

use clap::{Args, ValueEnum};
use laju_engine::analytics::ReportQuery;
use laju_engine::export::ExportKind;
use laju_engine::{EngineError, Workspace};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    /// One row per lead, every field under its import column name.
    Leads,
    /// One row per stage change.
    History,
    Funnel,
    Velocity,
    Stall,
    Sla,
    BlackHoles,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    what: What,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(ws: &Workspace, args: ExportArgs) -> Result<(), EngineError> {
    let kind = match args.what {
        What::Leads => ExportKind::Leads,
        What::History => ExportKind::History,
        What::Funnel => ExportKind::Funnel,
        What::Velocity => ExportKind::Velocity,
        What::Stall => ExportKind::Stall,
        What::Sla => ExportKind::Sla,
        What::BlackHoles => ExportKind::BlackHoles,
    };
    let query = ReportQuery::default();
    let Some(path) = args.out else {
        ws.export_csv(kind, &query, PipeOut(io::stdout().lock()))?;
        return Ok(());
    };
    let io = |e: io::Error| EngineError::Invalid(format!("{}: {e}", path.display()));
    let mut out = BufWriter::new(File::create(&path).map_err(io)?);
    let rows = ws.export_csv(kind, &query, &mut out)?;
    out.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    out!("wrote {rows} rows to {}", path.display());
    Ok(())
}

/// Standard output that ends the process quietly when the reader has gone (`laju export leads
/// | head`), like the `out!` macro.
struct PipeOut<W>(W);

impl<W: Write> Write for PipeOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).inspect_err(quit_on_closed_pipe)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().inspect_err(quit_on_closed_pipe)
    }
}

fn quit_on_closed_pipe(error: &io::Error) {
    if error.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
}
