//! The document as plain text, for `laju playbook document` on a terminal: headings underlined,
//! lists and terms indented, tables as aligned columns.

use super::{AgreementDocument, Block};

pub fn render_text(doc: &AgreementDocument) -> String {
    let mut out = String::new();
    underline(&mut out, &doc.title, '=');
    for section in &doc.sections {
        out.push('\n');
        underline(&mut out, &section.heading, '-');
        for block in &section.blocks {
            block_text(&mut out, block);
        }
    }
    out
}

fn underline(out: &mut String, text: &str, mark: char) {
    out.push_str(text);
    out.push('\n');
    out.push_str(&mark.to_string().repeat(width(text)));
    out.push('\n');
}

fn block_text(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text } => {
            out.push_str(text);
            out.push('\n');
        }
        Block::Subheading { text } => {
            out.push('\n');
            out.push_str(text);
            out.push_str(":\n");
        }
        Block::List { ordered, items } => {
            for (i, item) in items.iter().enumerate() {
                let mark = if *ordered {
                    format!("{}.", i + 1)
                } else {
                    "-".into()
                };
                out.push_str(&format!("  {mark} {item}\n"));
            }
        }
        Block::Table { columns, rows } => table(out, columns, rows),
        Block::Terms { items } => {
            for item in items {
                out.push_str(&format!("  {}\n", item.term));
                for line in &item.lines {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
        Block::SignOff { parties } => {
            for party in parties {
                out.push_str(&format!("\n  {}\n", party.role));
                for field in &party.fields {
                    out.push_str(&format!("    {field}: ______________________________\n"));
                }
            }
        }
    }
}

fn table(out: &mut String, columns: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = columns.iter().map(|c| width(c)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(columns));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
    }
}

/// Columns a text takes on a terminal: CJK characters take two.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if super::pdf::is_cjk(c) { 2 } else { 1 })
        .sum()
}
