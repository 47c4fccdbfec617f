//! Laying the document's blocks out on A4 pages: headings, wrapped paragraphs, lists with
//! hanging indents, terms, tables as rows of wrapped cells (the header repeated after a page
//! break), sign-off lines, and a footer with the page number. Latin text wraps at spaces;
//! Chinese may wrap after any character, but closing punctuation stays with the character
//! before it. There is no shaping or kerning: one character, one glyph, as the chosen face's
//! character map says.

use super::fonts::Fonts;
use crate::workshop::document::{AgreementDocument, Block, Signatory};

pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
const LEFT: f32 = 56.0;
const TOP: f32 = 60.0;
const BOTTOM: f32 = 64.0;
const WIDTH: f32 = PAGE_WIDTH - 2.0 * LEFT;
const TITLE: f32 = 20.0;
const HEADING: f32 = 14.0;
const SUBHEADING: f32 = 11.5;
const BODY: f32 = 10.0;
const CELL: f32 = 9.0;
const FOOTER: f32 = 8.0;
const INDENT: f32 = 18.0;

pub(super) struct Page {
    pub items: Vec<Item>,
}

pub(super) enum Item {
    Text {
        x: f32,
        /// The baseline.
        y: f32,
        size: f32,
        text: String,
        bold: bool,
        grey: bool,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
    /// A light band behind a table's header row.
    Band { x: f32, y: f32, w: f32, h: f32 },
}

struct Layout<'a> {
    font: &'a Fonts,
    pages: Vec<Page>,
    /// The top of the free space on the current page, from the bottom edge.
    y: f32,
}

pub(super) fn lay_out(doc: &AgreementDocument, font: &Fonts) -> Vec<Page> {
    let mut l = Layout {
        font,
        pages: Vec::new(),
        y: 0.0,
    };
    l.new_page();
    l.wrapped(LEFT, WIDTH, TITLE, &doc.title, true);
    l.gap(6.0);
    for section in &doc.sections {
        l.gap(10.0);
        // A heading keeps its first lines, and the sign-off stays whole: its heading at the
        // foot of one page and the signature lines on the next would read as two parts.
        let signatures: f32 = section
            .blocks
            .iter()
            .map(|b| match b {
                Block::SignOff { parties } => parties.iter().map(signature_height).sum(),
                _ => 0.0,
            })
            .sum();
        l.room(HEADING * 1.4 + 3.0 * BODY * 1.4 + signatures);
        l.line(LEFT, HEADING, &section.heading, true, false);
        l.rule(LEFT, LEFT + WIDTH, l.y + HEADING * 0.2, 0.6);
        l.gap(6.0);
        for block in &section.blocks {
            l.block(block);
        }
    }
    let pages = l.pages.len();
    for (i, page) in l.pages.iter_mut().enumerate() {
        let text = doc
            .footer
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &pages.to_string());
        page.items.push(Item::Text {
            x: LEFT,
            y: BOTTOM / 2.0,
            size: FOOTER,
            text,
            bold: false,
            grey: true,
        });
    }
    l.pages
}

impl Layout<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page { items: Vec::new() });
        self.y = PAGE_HEIGHT - TOP;
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.page().items.push(Item::Rule { x1, x2, y, width });
    }

    /// One line of text whose top is at the cursor; moves the cursor below it.
    fn line(&mut self, x: f32, size: f32, text: &str, bold: bool, grey: bool) {
        self.room(size * 1.4);
        let y = self.y - size;
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            text: text.to_string(),
            bold,
            grey,
        });
        self.y -= size * 1.4;
    }

    fn wrapped(&mut self, x: f32, width: f32, size: f32, text: &str, bold: bool) {
        for line in wrap(self.font, text, size, width) {
            self.line(x, size, &line, bold, false);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { text } => {
                self.wrapped(LEFT, WIDTH, BODY, text, false);
                self.gap(5.0);
            }
            Block::Subheading { text } => {
                self.gap(6.0);
                self.room(SUBHEADING * 1.4 + 2.0 * BODY * 1.4);
                self.wrapped(LEFT, WIDTH, SUBHEADING, text, true);
                self.gap(2.0);
            }
            Block::List { ordered, items } => {
                let bullet = if self.font.has('•') { "•" } else { "-" };
                for (i, item) in items.iter().enumerate() {
                    let mark = if *ordered {
                        format!("{}.", i + 1)
                    } else {
                        bullet.to_string()
                    };
                    let lines = wrap(self.font, item, BODY, WIDTH - INDENT);
                    self.room(BODY * 1.4);
                    let top = self.y;
                    self.line(LEFT + 4.0, BODY, &mark, false, false);
                    self.y = top;
                    for line in lines {
                        self.line(LEFT + INDENT, BODY, &line, false, false);
                    }
                    self.gap(1.5);
                }
                self.gap(4.0);
            }
            Block::Terms { items } => {
                for item in items {
                    self.room(2.0 * BODY * 1.4);
                    self.wrapped(LEFT, WIDTH, BODY, &item.term, true);
                    for line in &item.lines {
                        self.wrapped(LEFT + INDENT, WIDTH - INDENT, BODY, line, false);
                    }
                    self.gap(3.0);
                }
                self.gap(3.0);
            }
            Block::Table { columns, rows } => {
                self.table(columns, rows);
                self.gap(8.0);
            }
            Block::SignOff { parties } => {
                for party in parties {
                    self.room(signature_height(party));
                    self.gap(6.0);
                    self.line(LEFT, SUBHEADING, &party.role, true, false);
                    for field in &party.fields {
                        self.gap(BODY * 1.6);
                        let label = format!("{field}:");
                        let end = LEFT + self.font.width(&label, BODY) + 6.0;
                        self.line(LEFT, BODY, &label, false, false);
                        let baseline = self.y + BODY * 0.4;
                        self.rule(end, LEFT + WIDTH * 0.7, baseline, 0.5);
                    }
                    self.gap(8.0);
                }
            }
        }
    }

    fn table(&mut self, columns: &[String], rows: &[Vec<String>]) {
        let pad = 4.0;
        let widths = column_widths(self.font, columns, rows, pad);
        let cells = |row: &[String]| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = row.get(i).map_or("", String::as_str);
                    wrap(self.font, text, CELL, w - 2.0 * pad)
                })
                .collect()
        };
        let header = cells(columns);
        self.room(height(&header, pad) * 2.0);
        self.row(&widths, &header, pad, true);
        for row in rows {
            let lines = cells(row);
            if self.y - height(&lines, pad) < BOTTOM {
                self.new_page();
                self.row(&widths, &header, pad, true);
            }
            self.row(&widths, &lines, pad, false);
        }
    }

    fn row(&mut self, widths: &[f32], cells: &[Vec<String>], pad: f32, header: bool) {
        let h = height(cells, pad);
        let total: f32 = widths.iter().sum();
        let top = self.y;
        if header {
            self.page().items.push(Item::Band {
                x: LEFT,
                y: top - h,
                w: total,
                h,
            });
            self.rule(LEFT, LEFT + total, top, 0.6);
        }
        let mut x = LEFT;
        for (w, lines) in widths.iter().zip(cells) {
            for (k, line) in lines.iter().enumerate() {
                let y = top - pad - CELL - k as f32 * CELL * 1.35;
                self.page().items.push(Item::Text {
                    x: x + pad,
                    y,
                    size: CELL,
                    text: line.clone(),
                    bold: header,
                    grey: false,
                });
            }
            x += w;
        }
        self.y = top - h;
        self.rule(LEFT, LEFT + total, self.y, if header { 0.6 } else { 0.3 });
    }
}

/// One party's role and signature lines, with the gaps around them.
fn signature_height(party: &Signatory) -> f32 {
    BODY * 1.4 * (1.0 + 2.2 * party.fields.len() as f32) + 14.0
}

fn height(cells: &[Vec<String>], pad: f32) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL * 1.35 + 2.0 * pad
}

/// Each column as wide as its widest cell; when they do not all fit, the narrow columns keep
/// their width and the wide ones share the rest in proportion, wrapping their text.
fn column_widths(font: &Fonts, columns: &[String], rows: &[Vec<String>], pad: f32) -> Vec<f32> {
    let natural: Vec<f32> = (0..columns.len())
        .map(|i| {
            std::iter::once(&columns[i])
                .chain(rows.iter().filter_map(|r| r.get(i)))
                .map(|t| font.width(t, CELL) + 2.0 * pad + 1.0)
                .fold(0.0, f32::max)
        })
        .collect();
    if natural.iter().sum::<f32>() <= WIDTH {
        return natural;
    }
    let fair = WIDTH / columns.len() as f32;
    let narrow: f32 = natural.iter().filter(|w| **w <= fair).sum();
    let wide: f32 = natural.iter().filter(|w| **w > fair).sum();
    let share = (WIDTH - narrow).max(0.0) / wide.max(1.0);
    natural
        .iter()
        .map(|w| if *w <= fair { *w } else { w * share })
        .collect()
}

/// `text` in lines no wider than `max` points.
pub(super) fn wrap(font: &Fonts, text: &str, size: f32, max: f32) -> Vec<String> {
    let text: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let fits = |line: &str| font.width(line.trim_end(), size) <= max;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for segment in segments(&text) {
        let candidate = format!("{line}{segment}");
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line.clear();
        }
        // A segment wider than the line on its own is broken between characters.
        for c in segment.trim_start().chars() {
            let candidate = format!("{line}{c}");
            if !fits(&candidate) && !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
                line.clear();
                if c == ' ' {
                    continue;
                }
            }
            line.push(c);
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Pieces a line may break after: a word with its trailing spaces, or one CJK character (with
/// any closing punctuation that follows it).
fn segments(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut after_space = false;
    for c in text.chars() {
        if closes(c) {
            current.push(c);
            continue;
        }
        if super::is_cjk(c) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
            after_space = false;
            continue;
        }
        let last_cjk = current.chars().last().is_some_and(super::is_cjk);
        if (after_space && c != ' ') || last_cjk {
            out.push(std::mem::take(&mut current));
        }
        after_space = c == ' ';
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Punctuation that must not start a line.
fn closes(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | ','
            | '.'
            | ':'
            | ';'
            | ')'
            | '!'
            | '?'
    )
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{Font, Fonts};
    use super::wrap;
    use std::path::PathBuf;

    /// A face where every character is half an em wide: at 10 pt, 5 pt each.
    fn monospace(text: &str) -> Fonts {
        let glyphs = text
            .chars()
            .chain([' '])
            .enumerate()
            .map(|(i, c)| (c, (i as u16 + 1, 500)))
            .collect();
        Fonts {
            faces: vec![Font {
                data: Vec::new(),
                index: 0,
                path: PathBuf::new(),
                name: "Test".into(),
                units_per_em: 1000.0,
                ascender: 800.0,
                descender: -200.0,
                cap_height: 700.0,
                bbox: [0.0, -200.0, 500.0, 800.0],
                cff: false,
                glyphs,
            }],
        }
    }

    #[test]
    fn latin_text_wraps_at_spaces_and_breaks_a_word_longer_than_the_line() {
        let text = "one two three abcdefghijkl";
        let fonts = monospace(text);
        // 8 characters of 5 pt fit in 40 pt.
        assert_eq!(
            wrap(&fonts, text, 10.0, 40.0),
            ["one two", "three", "abcdefgh", "ijkl"]
        );
    }

    #[test]
    fn chinese_wraps_after_any_character_but_a_comma_stays_with_the_one_before() {
        let text = "市场部认为，该线索已可以交给销售。";
        let fonts = monospace(text);
        // Five characters to a line; the comma would start the second line, so it joins the
        // first and the line before it gives up its last character.
        assert_eq!(
            wrap(&fonts, text, 10.0, 25.0),
            ["市场部认", "为，该线索", "已可以交给", "销售。"]
        );
    }
}
