//! `laju import FILE`: the import wizard's engine from a terminal. Progress goes to stderr so
//! stdout stays the report (text or `--json`).

use clap::{Args, ValueEnum};
use laju_core::import::Mapping;
use laju_engine::import::{
    self, ImportOptions, ImportPhase, ImportProgress, ImportReport, MatchAction, MatchPolicy,
    Preset,
};
use laju_engine::{EngineError, Workspace};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PresetArg {
    Hubspot,
    Salesforce,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OnMatch {
    Update,
    Skip,
    Create,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file (comma, semicolon or tab; its encoding is detected: UTF-8, UTF-16,
    /// GB18030, Big5, Shift_JIS, windows-1252, …).
    file: PathBuf,
    /// Read the file in this encoding instead of the detected one (GB18030, Big5, Shift_JIS,
    /// windows-1252, UTF-8, …; any usual label such as gbk or sjis).
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
    /// Read the columns of a HubSpot contacts or Salesforce leads export.
    #[arg(long, conflicts_with = "map")]
    preset: Option<PresetArg>,
    /// A mapping file (JSON, see the README); without it or --preset, columns are guessed.
    #[arg(long, value_name = "MAP")]
    map: Option<PathBuf>,
    /// Check and count everything; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Save the rejected rows, with line, column and reason, as a CSV to fix and re-import.
    #[arg(long, value_name = "OUT")]
    rejects: Option<PathBuf>,
    /// What to do when a row matches an existing lead (by external id, email, or name and
    /// company); the three flags below choose per rule.
    #[arg(long, value_enum, default_value = "update")]
    on_match: OnMatch,
    /// For a match by external id (default: --on-match).
    #[arg(long, value_enum)]
    on_external_id: Option<OnMatch>,
    /// For a match by email (default: --on-match).
    #[arg(long, value_enum)]
    on_email: Option<OnMatch>,
    /// For a match by name and company (default: --on-match).
    #[arg(long, value_enum)]
    on_name_company: Option<OnMatch>,
    #[arg(long)]
    json: bool,
}

pub fn run(ws: &Workspace, args: ImportArgs) -> Result<(), EngineError> {
    let bytes = import::read_file(&args.file)?;
    let mapping = match (&args.preset, &args.map) {
        (Some(PresetArg::Hubspot), _) => Preset::Hubspot.mapping(),
        (Some(PresetArg::Salesforce), _) => Preset::Salesforce.mapping(),
        (None, Some(map)) => read_mapping(map)?,
        (None, None) => import::preview_as(&bytes, args.encoding.as_deref())?.mapping,
    };
    let action = |rule: Option<OnMatch>| match rule.unwrap_or(args.on_match) {
        OnMatch::Update => MatchAction::Update,
        OnMatch::Skip => MatchAction::Skip,
        OnMatch::Create => MatchAction::Create,
    };
    let options = ImportOptions {
        mapping,
        on_match: MatchPolicy {
            external_id: action(args.on_external_id),
            email: action(args.on_email),
            name_company: action(args.on_name_company),
        },
        dry_run: args.dry_run,
        encoding: args.encoding.clone(),
    };
    let report = ws.import_csv(&bytes, &options, "import", &mut show_progress)?;
    if let Some(out) = &args.rejects {
        let failed = |e: std::io::Error| {
            EngineError::Invalid(format!("{} could not be written: {e}", out.display()))
        };
        let mut file = std::fs::File::create(out).map_err(failed)?;
        import::write_rejects(&mut file, &report.headers, &report.rejections)?;
        file.sync_all().map_err(failed)?;
    }
    if args.json {
        return super::print_json(&report);
    }
    print_report(&report);
    Ok(())
}

fn read_mapping(path: &Path) -> Result<Mapping, EngineError> {
    let bytes = import::read_file(path)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        EngineError::Invalid(format!("The mapping {} is not valid: {e}", path.display()))
    })
}

/// One line on stderr, rewritten in place, at most once per reported step.
fn show_progress(p: &ImportProgress) -> bool {
    let phase = match p.phase {
        ImportPhase::Checking => "checking",
        ImportPhase::Applying => "applying",
        ImportPhase::Saving => "saving",
        ImportPhase::Done => "done",
    };
    let mut err = std::io::stderr();
    let _ = write!(
        err,
        "\r{phase:>8} {}/{} rows ({:.0} rows/s)   ",
        p.done, p.total, p.rows_per_second
    );
    if p.phase == ImportPhase::Done {
        let _ = writeln!(err);
    }
    true
}

fn print_report(r: &ImportReport) {
    let verb = if r.dry_run { "would be" } else { "were" };
    out!(
        "{} rows: {} imported, {} merged, {} rejected ({} {verb} written; {} ms).",
        r.rows,
        r.imported,
        r.merged,
        r.rejected,
        r.imported + r.merged,
        r.millis
    );
    out!(
        "Read as {} with {:?} between fields.",
        r.encoding,
        r.delimiter
    );
    if let Some(replaced) = r.replaced {
        let characters = if replaced.count == 1 {
            "character"
        } else {
            "characters"
        };
        out!(
            "{} {characters} could not be read as {} (the first on line {}) and {verb} stored \
             as �; if names look wrong, try another --encoding.",
            replaced.count,
            r.encoding,
            replaced.first_line
        );
    }
    if !r.unmapped.is_empty() {
        out!("Columns not imported: {}", r.unmapped.join(", "));
    }
    for rejection in r.rejections.iter().take(20) {
        let column = if rejection.column.is_empty() {
            String::new()
        } else {
            format!(" [{}]", rejection.column)
        };
        out!("  line {}{column}: {}", rejection.line, rejection.reason);
    }
    if r.rejections.len() > 20 {
        out!(
            "  … and {} more (save them all with --rejects FILE)",
            r.rejections.len() - 20
        );
    }
    print_warnings(r);
}

/// Dates out of the main path's order: the rows were imported, each line says what was done.
fn print_warnings(r: &ImportReport) {
    if r.warnings.is_empty() {
        return;
    }
    out!(
        "{} date(s) out of order; those rows were imported anyway:",
        r.warnings.len()
    );
    for warning in r.warnings.iter().take(20) {
        out!(
            "  line {} [{}]: {}",
            warning.line,
            warning.column,
            warning.message()
        );
    }
    if r.warnings.len() > 20 {
        out!(
            "  … and {} more (all of them with --json)",
            r.warnings.len() - 20
        );
    }
}
