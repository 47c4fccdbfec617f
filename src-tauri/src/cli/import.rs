//! `laju import FILE`: the import wizard's engine from a terminal. Progress goes to stderr so
//! stdout stays the report (text or `--json`).

use clap::{Args, ValueEnum};
use laju_core::import::{ImportKind, Mapping};
use laju_engine::import::{
    self, ImportOptions, ImportPhase, ImportProgress, ImportReport, MatchAction, MatchPolicy,
    Preset, Unmatched,
};
use laju_engine::{EngineError, Workspace};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PresetArg {
    Hubspot,
    Salesforce,
    Eloqua,
    Mailchimp,
    GoogleForms,
}

impl PresetArg {
    fn preset(self) -> Preset {
        match self {
            PresetArg::Hubspot => Preset::Hubspot,
            PresetArg::Salesforce => Preset::Salesforce,
            PresetArg::Eloqua => Preset::Eloqua,
            PresetArg::Mailchimp => Preset::Mailchimp,
            PresetArg::GoogleForms => Preset::GoogleForms,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Leads,
    Activities,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UnmatchedArg {
    Create,
    Reject,
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
    /// What the rows are: a lead each, or an activity each (an email tool's activity export,
    /// form responses, a visit log…). Default: the preset's kind, else leads.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Read the columns of a known export: HubSpot contacts, Salesforce leads (leads); Oracle
    /// Eloqua activities, Mailchimp email activity, Google Forms responses (activities).
    #[arg(long, conflicts_with = "map")]
    preset: Option<PresetArg>,
    /// Activities: the system the file comes from; an activity with the same lead, kind, time
    /// and source is never added twice. Default: the preset's name, else the file's name
    /// without the marks a copy or a second download adds ("visits (1).csv" is "visits").
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// Activities: a row that finds no lead creates one (known when it names a person, an
    /// anonymous visitor for a visitor id alone), or is rejected.
    #[arg(long, value_enum, default_value = "create")]
    unmatched: UnmatchedArg,
    /// A mapping file (JSON, see the README); without it or --preset, a file with a known
    /// export's columns is read as that export, any other file's columns are guessed.
    #[arg(long, value_name = "MAP")]
    map: Option<PathBuf>,
    /// Check and count everything; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import even when some characters cannot be read in the encoding (they are stored as
    /// �); without it such a file is refused before anything is written.
    #[arg(long)]
    keep_replaced: bool,
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
    let preview = import::preview_as(&bytes, args.encoding.as_deref())?;
    if let (false, false, Some(replaced)) = (args.dry_run, args.keep_replaced, preview.replaced) {
        return Err(EngineError::Invalid(format!(
            "{} characters of {} cannot be read as {} (the first on line {}); nothing was \
             imported. Try --encoding {} (what the file looks like) or another, or add \
             --keep-replaced to store them as �.",
            replaced.count,
            args.file.display(),
            preview.encoding,
            replaced.first_line,
            preview.detected,
        )));
    }
    // Without --preset or --map, a file whose columns are a known export's is read as that
    // export (its kind and source too), as the window does.
    let recognised = preview.suggested.filter(|_| args.map.is_none());
    let preset = args.preset.map(PresetArg::preset).or(recognised);
    let mapping = match (preset, &args.map) {
        (Some(preset), _) => preset.mapping(),
        (None, Some(map)) => read_mapping(map)?,
        (None, None) => preview.mapping,
    };
    let kind = match args.kind {
        Some(KindArg::Leads) => ImportKind::Leads,
        Some(KindArg::Activities) => ImportKind::Activities,
        None => preset.map_or(ImportKind::Leads, Preset::kind),
    };
    let source = args.source.clone().unwrap_or_else(|| match preset {
        Some(preset) => laju_core::wire(&preset),
        None => laju_core::import::source_named_by(&args.file.to_string_lossy()),
    });
    let action = |rule: Option<OnMatch>| match rule.unwrap_or(args.on_match) {
        OnMatch::Update => MatchAction::Update,
        OnMatch::Skip => MatchAction::Skip,
        OnMatch::Create => MatchAction::Create,
    };
    let options = ImportOptions {
        kind,
        source,
        unmatched: match args.unmatched {
            UnmatchedArg::Create => Unmatched::Create,
            UnmatchedArg::Reject => Unmatched::Reject,
        },
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
    match r.kind {
        ImportKind::Leads => out!(
            "{} rows: {} imported, {} merged, {} rejected ({} {verb} written; {} ms).",
            r.rows,
            r.imported,
            r.merged,
            r.rejected,
            r.imported + r.merged,
            r.millis
        ),
        ImportKind::Activities => out!(
            "{} rows: {} created a lead, {} attached to a lead, {} already there, {} rejected \
             ({} activities {verb} added; {} ms).",
            r.rows,
            r.imported,
            r.merged,
            r.already_there,
            r.rejected,
            r.imported + r.merged,
            r.millis
        ),
    }
    if r.committed {
        let m = &r.moved;
        out!(
            "{} became known, {} became MQLs, {} handoffs opened (SLA clocks start now).",
            super::counted(m.known, "lead"),
            super::counted(m.mql, "lead"),
            m.handoffs
        );
        if m.unnamed > 0 {
            out!(
                "Left anonymous for want of a name (an email or phone, but no name): {}; the \
                 Playbook's way into Known asks for a name too.",
                super::counted(m.unnamed, "lead")
            );
        }
    }
    out!(
        "Read as {} with {:?} between fields.",
        r.encoding,
        r.delimiter
    );
    if let Some(replaced) = r.replaced {
        out!(
            "{} could not be read as {} (the first on line {}) and {verb} stored \
             as �; if names look wrong, try another --encoding.",
            super::counted(replaced.count, "character"),
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
