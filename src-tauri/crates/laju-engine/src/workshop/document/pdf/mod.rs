//! The document as a PDF: laid out on A4 pages ([`layout`]) in system fonts ([`fonts`]),
//! written with `pdf-writer` as CID fonts holding only the glyphs used (`subsetter`), with a
//! ToUnicode map so the text can be searched, copied and extracted.

mod fonts;
mod layout;
mod system_fonts;
mod write;

use super::{AgreementDocument, Block};
use crate::EngineError;
use std::collections::BTreeSet;

pub fn render_pdf(doc: &AgreementDocument) -> Result<Vec<u8>, EngineError> {
    let fonts = fonts::pick(&characters(doc), doc.language)?;
    let pages = layout::lay_out(doc, &fonts);
    write::pdf(doc, &fonts, &pages)
}

/// Every character the document will draw: its texts, and what the layout adds (list numbers,
/// page numbers, the ":" after a sign-off field).
fn characters(doc: &AgreementDocument) -> BTreeSet<char> {
    let mut texts: Vec<&str> = vec![&doc.title, "0123456789.:-"];
    for section in &doc.sections {
        texts.push(&section.heading);
        for block in &section.blocks {
            match block {
                Block::Paragraph { text } | Block::Subheading { text } => texts.push(text),
                Block::List { items, .. } => texts.extend(items.iter().map(String::as_str)),
                Block::Table { columns, rows } => {
                    texts.extend(columns.iter().map(String::as_str));
                    texts.extend(rows.iter().flatten().map(String::as_str));
                }
                Block::Terms { items } => {
                    for item in items {
                        texts.push(&item.term);
                        texts.extend(item.lines.iter().map(String::as_str));
                    }
                }
                Block::SignOff { parties } => {
                    for party in parties {
                        texts.push(&party.role);
                        texts.extend(party.fields.iter().map(String::as_str));
                    }
                }
            }
        }
    }
    // The footer's placeholders are replaced by digits before they are drawn.
    let footer = doc.footer.replace("{page}", "").replace("{pages}", "");
    texts
        .iter()
        .flat_map(|t| t.chars())
        .chain(footer.chars())
        .collect()
}

/// Han, kana, Hangul and the full-width forms: scripts written without spaces, where a line
/// may break after any character (and a terminal gives each two columns).
pub fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x11FF
            | 0x2E80..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x2FA1F
    )
}
