//! The laid-out pages as PDF objects. The font is a Type 0 font over a CID font whose CIDs are
//! the subset's glyph ids: `subsetter` keeps only the glyphs drawn and renumbers them from 1
//! (0 is .notdef), a widths array gives each its advance, and the ToUnicode map says which
//! character each glyph writes, so `pdftotext` and copy-paste get the text back. Streams are
//! deflated. Headings and table headers are drawn a little heavier (fill and a thin stroke):
//! one system face, no bold file needed.

use super::fonts::Font;
use super::layout::{Item, Page, PAGE_HEIGHT, PAGE_WIDTH};
use crate::workshop::document::AgreementDocument;
use crate::EngineError;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::collections::BTreeMap;
use std::io::Write;
use subsetter::GlyphRemapper;

const FONT_NAME: Name<'static> = Name(b"F1");

pub(super) fn pdf(
    doc: &AgreementDocument,
    font: &Font,
    pages: &[Page],
) -> Result<Vec<u8>, EngineError> {
    // New glyph ids in first-use order; each character keeps the one its glyph got.
    let mut remapper = GlyphRemapper::new();
    let mut cids: BTreeMap<char, u16> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            if let Item::Text { text, .. } = item {
                for c in text.chars() {
                    if let Some((gid, _)) = font.glyphs.get(&c) {
                        let cid = remapper.remap(*gid);
                        cids.entry(c).or_insert(cid);
                    }
                }
            }
        }
    }
    let subset = subsetter::subset(&font.data, font.index, &remapper).map_err(|e| {
        EngineError::Invalid(format!(
            "The font {} could not be embedded in the PDF ({e}); install another font \
             (see `laju playbook document --help`) or save as HTML.",
            font.path.display()
        ))
    })?;
    let program = if font.cff {
        // A CFF face is embedded as its bare CFF table (FontFile3 / CIDFontType0C).
        ttf_parser::RawFace::parse(&subset, 0)
            .ok()
            .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    } else {
        subset
    };

    let mut alloc = Ref::new(1);
    let mut next = || alloc.bump();
    let catalog = next();
    let tree = next();
    let info = next();
    let type0 = next();
    let cid_font = next();
    let descriptor = next();
    let file = next();
    let cmap_ref = next();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (next(), next())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog)
        .pages(tree)
        .lang(TextStr(doc.language.tag()));
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("Laju"));
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(page, _)| *page))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));

    let base = format!("LAJUAA+{}", font.name);
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(cmap_ref);
    let scale = 1000.0 / font.units_per_em;
    let advances: BTreeMap<u16, u16> = font.glyphs.values().copied().collect();
    let widths: Vec<f32> = remapper
        .remapped_gids()
        .map(|gid| f32::from(advances.get(&gid).copied().unwrap_or(0)) * scale)
        .collect();
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(if font.cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(system)
    .font_descriptor(descriptor)
    .default_width(0.0);
    if !font.cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid.widths().consecutive(0, widths);
    cid.finish();

    let b = font.bbox;
    let mut desc = pdf.font_descriptor(descriptor);
    desc.name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            b[0] * scale,
            b[1] * scale,
            b[2] * scale,
            b[3] * scale,
        ))
        .italic_angle(0.0)
        .ascent(font.ascender * scale)
        .descent(font.descender * scale)
        .cap_height(font.cap_height * scale)
        .stem_v(80.0);
    if font.cff {
        desc.font_file3(file);
    } else {
        desc.font_file2(file);
    }
    desc.finish();

    let packed = deflate(&program)?;
    let mut stream = pdf.stream(file, &packed);
    stream.filter(Filter::FlateDecode);
    if font.cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        stream.pair(
            Name(b"Length1"),
            i32::try_from(program.len()).unwrap_or(i32::MAX),
        );
    }
    stream.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Laju-UTF16"), system);
    let mut mapped: BTreeMap<u16, char> = BTreeMap::new();
    for (c, cid) in &cids {
        mapped.entry(*cid).or_insert(*c);
    }
    for (cid, c) in &mapped {
        cmap.pair(*cid, *c);
    }
    let cmap_bytes = deflate(&cmap.finish())?;
    pdf.cmap(cmap_ref, &cmap_bytes)
        .name(Name(b"Laju-UTF16"))
        .system_info(system)
        .filter(Filter::FlateDecode);

    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(*content_ref);
        p.resources().fonts().pair(FONT_NAME, type0);
        p.finish();
        let content = deflate(&page_content(page, &cids))?;
        pdf.stream(*content_ref, &content)
            .filter(Filter::FlateDecode);
    }
    Ok(pdf.finish())
}

fn page_content(page: &Page, cids: &BTreeMap<char, u16>) -> Vec<u8> {
    let mut c = Content::new();
    for item in page.items.iter().filter(|i| matches!(i, Item::Band { .. })) {
        if let Item::Band { x, y, w, h } = item {
            c.set_fill_gray(0.93).rect(*x, *y, *w, *h).fill_nonzero();
        }
    }
    c.set_stroke_gray(0.55);
    for item in &page.items {
        if let Item::Rule { x1, x2, y, width } = item {
            c.set_line_width(*width)
                .move_to(*x1, *y)
                .line_to(*x2, *y)
                .stroke();
        }
    }
    for item in &page.items {
        let Item::Text {
            x,
            y,
            size,
            text,
            bold,
            grey,
        } = item
        else {
            continue;
        };
        let gray = if *grey { 0.4 } else { 0.1 };
        c.begin_text();
        c.set_fill_gray(gray).set_stroke_gray(gray);
        if *bold {
            c.set_text_rendering_mode(TextRenderingMode::FillStroke)
                .set_line_width(size * 0.035);
        } else {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
        }
        c.set_font(FONT_NAME, *size).next_line(*x, *y);
        let bytes: Vec<u8> = text
            .chars()
            .filter_map(|ch| cids.get(&ch))
            .flat_map(|cid| cid.to_be_bytes())
            .collect();
        c.show(Str(&bytes));
        c.end_text();
    }
    c.finish().into_vec()
}

fn deflate(bytes: &[u8]) -> Result<Vec<u8>, EngineError> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|e| EngineError::Invalid(format!("The PDF could not be compressed: {e}")))
}
