//! The laid-out pages as PDF objects. Each face is a Type 0 font over a CID font whose CIDs
//! are the subset's glyph ids: `subsetter` keeps only the glyphs drawn and renumbers them from
//! 1 (0 is .notdef), a widths array gives each its advance, and the ToUnicode map says which
//! character each glyph writes, so `pdftotext` and copy-paste get the text back. A line whose
//! characters come from two faces is shown in runs, one per face. Streams are deflated.
//! Headings and table headers are drawn a little heavier (fill and a thin stroke): system
//! faces come in one weight here, no bold file needed.

use super::fonts::{Font, Fonts};
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

const SYSTEM: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One face's glyphs as drawn: new ids in first-use order, and each character's id.
struct Used {
    remapper: GlyphRemapper,
    cids: BTreeMap<char, u16>,
}

pub(super) fn pdf(
    doc: &AgreementDocument,
    fonts: &Fonts,
    pages: &[Page],
) -> Result<Vec<u8>, EngineError> {
    let mut used: Vec<Used> = fonts
        .faces
        .iter()
        .map(|_| Used {
            remapper: GlyphRemapper::new(),
            cids: BTreeMap::new(),
        })
        .collect();
    for page in pages {
        for item in &page.items {
            if let Item::Text { text, .. } = item {
                for c in text.chars() {
                    if let Some((face, gid, _)) = fonts.glyph(c) {
                        let u = &mut used[face];
                        let cid = u.remapper.remap(gid);
                        u.cids.entry(c).or_insert(cid);
                    }
                }
            }
        }
    }

    let mut alloc = Ref::new(1);
    let mut next = || alloc.bump();
    let catalog = next();
    let tree = next();
    let info = next();
    let font_refs: Vec<Ref> = fonts.faces.iter().map(|_| next()).collect();
    let face_objects: Vec<[Ref; 4]> = fonts
        .faces
        .iter()
        .map(|_| [next(), next(), next(), next()])
        .collect();
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
    for (i, face) in fonts.faces.iter().enumerate() {
        embed(&mut pdf, face, &used[i], i, font_refs[i], face_objects[i])?;
    }

    let names: Vec<String> = (1..=fonts.faces.len()).map(|i| format!("F{i}")).collect();
    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut p = pdf.page(*page_ref);
        p.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(*content_ref);
        let mut resources = p.resources();
        let mut dict = resources.fonts();
        for (name, font) in names.iter().zip(&font_refs) {
            dict.pair(Name(name.as_bytes()), *font);
        }
        dict.finish();
        resources.finish();
        p.finish();
        let content = deflate(&page_content(page, fonts, &used, &names))?;
        pdf.stream(*content_ref, &content)
            .filter(Filter::FlateDecode);
    }
    Ok(pdf.finish())
}

/// A face's Type 0 font, CID font, descriptor, subset program and ToUnicode map.
fn embed(
    pdf: &mut Pdf,
    font: &Font,
    used: &Used,
    index: usize,
    type0: Ref,
    [cid_font, descriptor, file, cmap_ref]: [Ref; 4],
) -> Result<(), EngineError> {
    let subset = subsetter::subset(&font.data, font.index, &used.remapper).map_err(|e| {
        EngineError::Invalid(format!(
            "The font {} could not be embedded in the PDF ({e}); point LAJU_FONT_DIR at a \
             folder with another font, or save as HTML. Nothing was written.",
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
    // Six capital letters and a plus mark a subset; one tag per face keeps them apart.
    let tag = ["LAJUAA", "LAJUAB", "LAJUAC"][index.min(2)];
    let base = format!("{tag}+{}", font.name);
    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(cmap_ref);
    let scale = 1000.0 / font.units_per_em;
    let advances: BTreeMap<u16, u16> = font.glyphs.values().copied().collect();
    let widths: Vec<f32> = used
        .remapper
        .remapped_gids()
        .map(|gid| f32::from(advances.get(&gid).copied().unwrap_or(0)) * scale)
        .collect();
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(if font.cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(SYSTEM)
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

    let mut cmap = UnicodeCmap::new(Name(b"Laju-UTF16"), SYSTEM);
    let mut mapped: BTreeMap<u16, char> = BTreeMap::new();
    for (c, cid) in &used.cids {
        mapped.entry(*cid).or_insert(*c);
    }
    for (cid, c) in &mapped {
        cmap.pair(*cid, *c);
    }
    let cmap_bytes = deflate(&cmap.finish())?;
    pdf.cmap(cmap_ref, &cmap_bytes)
        .name(Name(b"Laju-UTF16"))
        .system_info(SYSTEM)
        .filter(Filter::FlateDecode);
    Ok(())
}

fn page_content(page: &Page, fonts: &Fonts, used: &[Used], names: &[String]) -> Vec<u8> {
    let mut c = Content::new();
    for item in &page.items {
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
        c.next_line(*x, *y);
        // Runs of characters from one face; each run's width moves the pen on by itself.
        let mut runs: Vec<(usize, Vec<u8>)> = Vec::new();
        for ch in text.chars() {
            let Some((face, _, _)) = fonts.glyph(ch) else {
                continue;
            };
            let Some(cid) = used[face].cids.get(&ch) else {
                continue;
            };
            match runs.last_mut() {
                Some((f, bytes)) if *f == face => bytes.extend(cid.to_be_bytes()),
                _ => runs.push((face, cid.to_be_bytes().to_vec())),
            }
        }
        for (face, bytes) in runs {
            c.set_font(Name(names[face].as_bytes()), *size);
            c.show(Str(&bytes));
        }
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
