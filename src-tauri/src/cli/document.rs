//! `laju playbook document [--version N] [--out FILE.pdf|FILE.html] [--lang en|ms|id|zh-CN|zh-TW]
//! [--review 2026Q4]`: the agreement as a document, with a quarter's review as an appendix. The file's format follows its extension; without `--out` the
//! document is printed as plain text (or, with `--json`, as the blocks the window lays out).

use clap::Args;
use laju_core::Locale;
use laju_engine::workshop::document::text::render_text;
use laju_engine::workshop::document::{AgreementFormat, AgreementRequest};
use laju_engine::{EngineError, Workspace};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The Playbook version (default: the one in force).
    #[arg(long, value_name = "N")]
    version: Option<u32>,
    /// Write a PDF or an HTML page (by the file's extension) instead of printing text. A PDF
    /// needs a system font that covers the language (LAJU_FONT_DIR names another font folder).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The document's language (default: the workspace's language, else English).
    #[arg(long, value_parser = parse_locale, value_name = "en|ms|id|zh-CN|zh-TW")]
    lang: Option<Locale>,
    /// Print the document's sections and blocks as JSON (what the window shows).
    #[arg(long, conflicts_with = "out")]
    json: bool,
    /// Append the quarterly review of this quarter (e.g. 2026Q4): the agreement against what
    /// happened, line by line.
    #[arg(long, value_name = "QUARTER")]
    review: Option<String>,
}

fn parse_locale(text: &str) -> Result<Locale, String> {
    Locale::ALL
        .into_iter()
        .find(|l| l.tag().eq_ignore_ascii_case(text))
        .ok_or_else(|| "expected one of en, ms, id, zh-CN, zh-TW".into())
}

pub fn run(ws: &Workspace, args: DocumentArgs) -> Result<(), EngineError> {
    let lang = match args.lang {
        Some(lang) => lang,
        None => ws.preferences()?.locale.unwrap_or(Locale::En),
    };
    let request = AgreementRequest {
        version: args.version,
        lang,
        review: args.review,
    };
    let Some(path) = args.out else {
        let doc = ws.agreement_document(&request)?;
        if args.json {
            return super::print_json(&doc);
        }
        out!("{}", render_text(&doc).trim_end());
        return Ok(());
    };
    let format = AgreementFormat::of_path(&path).ok_or_else(|| {
        EngineError::Invalid(format!(
            "--out {}: the file must end in .pdf or .html (its format follows the extension).",
            path.display()
        ))
    })?;
    ws.write_agreement_file(&request, format, &path)?;
    out!("saved {}", path.display());
    Ok(())
}
