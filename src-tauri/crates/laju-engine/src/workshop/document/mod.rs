//! The agreement as a document: one Playbook version worded for people in one language, with
//! the six parts of the alignment agreement (stages and definitions, entry and exit criteria,
//! SLAs, ownership, the handoff, recycling), what changed since the version before, and lines
//! for the marketing and sales leads to sign.
//!
//! The document is built once, fully worded, as blocks ([`AgreementDocument`]); the window, the
//! HTML page ([`html`]), the PDF ([`pdf`]) and the CLI's text ([`text`]) only lay those blocks
//! out, so all of them show exactly the same words. Nothing here writes to the store; [`save`]
//! writes the exported file.

mod history;
pub mod html;
pub mod pdf;
pub mod save;
mod sections;
pub mod text;
mod words;

pub use history::{HistoryRequest, VersionChanges};
pub use save::AgreementFormat;

use crate::codec::decode;
use crate::playbook::{Edit, PlaybookVersion};
use crate::store::trees;
use crate::{EngineError, Workspace};
use chrono::{DateTime, Utc};
use laju_core::Locale;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use words::Words;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgreementDocument {
    pub version: u32,
    /// When this version was saved: the agreement is in force from then.
    pub saved_at: DateTime<Utc>,
    pub saved_by: String,
    pub language: Locale,
    pub title: String,
    /// Printed on every page of the PDF: the title, the version and the page ("page 2 of 5").
    /// `{page}` and `{pages}` are left for the page layout to fill.
    pub footer: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Section {
    /// Stable across languages and versions ("stages", "changes", …): tests and anchors use it.
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// One piece of a section, already worded. Renderers lay these out and add no words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A heading inside a section.
    Subheading {
        text: String,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Table {
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Terms with their descriptions, e.g. each stage with its definition and owner.
    Terms {
        items: Vec<Term>,
    },
    /// Blank lines to sign on, one group per signatory.
    SignOff {
        parties: Vec<Signatory>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Term {
    pub term: String,
    /// One line each.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Signatory {
    /// "Marketing lead".
    pub role: String,
    /// The blanks to fill in: name, signature, date.
    pub fields: Vec<String>,
}

/// The window's request (and the CLI's flags): which version, in which language, and the
/// quarterly review to append, if one is asked for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgreementRequest {
    /// The version in force when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub version: Option<u32>,
    pub lang: Locale,
    /// A quarter ("2026Q4") whose review goes in as an appendix.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub review: Option<String>,
}

impl Workspace {
    /// The agreement of the requested version (the one in force when none is given) worded in
    /// the requested language, with the quarter's review as an appendix when one is asked for.
    /// An unknown version is an `Invalid` error that names it and the versions there are; a
    /// malformed quarter, one that names the expected form.
    pub fn agreement_document(
        &self,
        request: &AgreementRequest,
    ) -> Result<AgreementDocument, EngineError> {
        let lang = request.lang;
        let current = self.playbook()?;
        let number = request.version.unwrap_or(current.version);
        let this = self.playbook_version(number)?.ok_or_else(|| {
            EngineError::Invalid(format!(
                "Playbook version {number} does not exist: this workspace has versions 1 to {}.",
                current.version
            ))
        })?;
        let previous = match number {
            0 | 1 => None,
            n => self.playbook_version(n - 1)?,
        };
        let edits = previous.as_ref().map_or_else(Vec::new, |p| {
            crate::playbook::edits_between(&p.playbook, &this.playbook)
        });
        let mut doc = compose(&this, previous.as_ref(), &edits, lang);
        if let Some(quarter) = &request.review {
            let review = self.review(quarter)?;
            doc.sections
                .push(sections::review(&Words::of(lang), &review));
        }
        Ok(doc)
    }

    /// One stored version, read straight from the versions tree (the in-memory copy holds only
    /// the one in force).
    fn playbook_version(&self, version: u32) -> Result<Option<PlaybookVersion>, EngineError> {
        let versions = self.db().open_tree(trees::PLAYBOOK_BY_VERSION)?;
        match versions.get(version.to_be_bytes())? {
            Some(raw) => Ok(Some(decode("playbook", &raw)?)),
            None => Ok(None),
        }
    }
}

/// The whole document from a version, the one before it (for naming what an edit touched) and
/// its list of edits.
fn compose(
    this: &PlaybookVersion,
    previous: Option<&PlaybookVersion>,
    edits: &[Edit],
    lang: Locale,
) -> AgreementDocument {
    let w = Words::of(lang);
    let title = w.get("doc.title");
    let footer = w.fill(
        "doc.footer",
        &[
            ("title", title.clone()),
            ("version", w.number(this.version.into())),
            // Left as placeholders: only the page layout knows them.
            ("page", "{page}".into()),
            ("pages", "{pages}".into()),
        ],
    );
    AgreementDocument {
        version: this.version,
        saved_at: this.saved_at,
        saved_by: this.actor.clone(),
        language: lang,
        title,
        footer,
        sections: sections::all(&w, this, previous, edits),
    }
}
