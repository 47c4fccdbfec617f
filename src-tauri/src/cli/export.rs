//! `laju export leads|history|funnel|velocity|stall|sla|black-holes [--out FILE] [filters]`: CSV for a
//! spreadsheet or a script, on standard output unless a file is named.

use super::report::QueryArgs;
use clap::Args;
use laju_engine::export::ExportKind;
use laju_engine::{EngineError, Workspace};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// leads (every field under its import column name), history (one row per stage change),
    /// funnel, velocity, stall, sla or black-holes.
    #[arg(value_parser = parse_kind)]
    what: ExportKind,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Report filters, as `laju report` takes them.
    #[command(flatten)]
    query: QueryArgs,
}

fn parse_kind(text: &str) -> Result<ExportKind, String> {
    ExportKind::ALL
        .into_iter()
        .find(|kind| kind.stem() == text)
        .ok_or_else(|| {
            let names: Vec<_> = ExportKind::ALL.iter().map(|k| k.stem()).collect();
            format!("expected one of {}", names.join(", "))
        })
}

pub fn run(ws: &Workspace, args: ExportArgs) -> Result<(), EngineError> {
    let kind = args.what;
    let query = args.query.query();
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
