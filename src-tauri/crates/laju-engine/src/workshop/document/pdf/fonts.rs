//! Finding a system font that can write every character of the document. Laju ships no font
//! (the installer must stay small): it looks in the usual places per OS, preferring a Latin
//! font for Latin documents and a CJK font of the right script for Chinese ones. It takes the
//! first face (of a file, or of a `.ttc` collection) whose character map covers the document
//! (for a Latin document: its characters outside Chinese), and a second face for whatever the
//! first lacks. `LAJU_FONT_DIR` replaces the system folders with one folder of your own.

use super::system_fonts::{font_files, places};
use crate::EngineError;
use laju_core::Locale;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use ttf_parser::{name_id, Face};

/// The face chosen, its metrics, and the glyph and advance of every character it must write.
pub(crate) struct Font {
    pub data: Vec<u8>,
    pub index: u32,
    pub path: PathBuf,
    /// PostScript name, for the PDF's font dictionaries.
    pub name: String,
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
    pub cap_height: f32,
    pub bbox: [f32; 4],
    /// CFF outlines (OpenType `.otf`/`.otc`, e.g. Noto Sans CJK) embed differently from
    /// TrueType ones.
    pub cff: bool,
    pub glyphs: BTreeMap<char, (u16, u16)>,
}

/// The faces a document is written in: the first writes every character it has, the second
/// (when there is one) the characters the first lacks, e.g. the Chinese words of a criterion
/// in an English document, which then keeps its Latin face.
pub(crate) struct Fonts {
    pub faces: Vec<Font>,
}

impl Fonts {
    /// The face that writes `c`, its glyph and its advance.
    pub fn glyph(&self, c: char) -> Option<(usize, u16, u16)> {
        self.faces
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.glyphs.get(&c).map(|(gid, adv)| (i, *gid, *adv)))
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .filter_map(|c| {
                let (face, _, advance) = self.glyph(c)?;
                Some(f32::from(advance) * size / self.faces[face].units_per_em)
            })
            .sum()
    }

    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }
}

/// Faces for every character of `chars`: a Latin document in a Latin face where one is
/// installed, a Chinese one in a face of its script; or an error saying what is missing and
/// what to install.
pub(crate) fn pick(chars: &BTreeSet<char>, lang: Locale) -> Result<Fonts, EngineError> {
    let wanted: BTreeSet<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let cjk = matches!(lang, Locale::ZhCn | Locale::ZhTw);
    let (dirs, preferred) = places(cjk, lang);
    let mut files: Vec<PathBuf> = preferred.into_iter().filter(|p| p.is_file()).collect();
    let mut candidates = Candidates::default();
    // The main face: for Chinese, one that writes everything if any does; for the others, one
    // that writes every character outside Chinese.
    let main_set: BTreeSet<char> = if cjk {
        wanted.clone()
    } else {
        wanted
            .iter()
            .copied()
            .filter(|c| !super::is_cjk(*c))
            .collect()
    };
    let mut main = candidates.first_covering(&files, &main_set, lang);
    if main.is_none() {
        files.extend(font_files(&dirs));
        main = candidates.first_covering(&files, &main_set, lang);
    }
    if main.is_none() && cjk {
        let han: BTreeSet<char> = wanted
            .iter()
            .copied()
            .filter(|c| super::is_cjk(*c))
            .collect();
        main = candidates.first_covering(&files, &han, lang);
    }
    let Some((path, index)) = main else {
        return Err(no_font(lang, cjk, &dirs, candidates.closest));
    };
    let first = load(&path, index, &wanted)?;
    let rest: BTreeSet<char> = wanted
        .iter()
        .copied()
        .filter(|c| !first.glyphs.contains_key(c))
        .collect();
    if rest.is_empty() {
        return Ok(Fonts { faces: vec![first] });
    }
    let rest_cjk = rest.iter().any(|c| super::is_cjk(*c));
    let (_, more) = places(rest_cjk, lang);
    let mut others: Vec<PathBuf> = more.into_iter().filter(|p| p.is_file()).collect();
    let mut second = candidates.first_covering(&others, &rest, lang);
    if second.is_none() {
        others.extend(font_files(&dirs));
        second = candidates.first_covering(&others, &rest, lang);
    }
    let Some((path, index)) = second else {
        return Err(no_font(lang, rest_cjk, &dirs, Some(rest)));
    };
    let second = load(&path, index, &rest)?;
    Ok(Fonts {
        faces: vec![first, second],
    })
}

/// Font files read so far, and the characters the closest miss lacked (for the error).
#[derive(Default)]
struct Candidates {
    read: BTreeMap<PathBuf, Option<Vec<u8>>>,
    closest: Option<BTreeSet<char>>,
}

impl Candidates {
    fn first_covering(
        &mut self,
        files: &[PathBuf],
        wanted: &BTreeSet<char>,
        lang: Locale,
    ) -> Option<(PathBuf, u32)> {
        for path in files {
            let data = self
                .read
                .entry(path.clone())
                .or_insert_with(|| std::fs::read(path).ok());
            let Some(data) = data.as_deref() else {
                continue;
            };
            match covering_face(data, wanted, lang) {
                Ok(index) => return Some((path.clone(), index)),
                Err(missing) => {
                    if self
                        .closest
                        .as_ref()
                        .is_none_or(|c| missing.len() < c.len())
                    {
                        self.closest = Some(missing);
                    }
                }
            }
        }
        None
    }
}

/// The face of `data` that covers `wanted`, preferring one named for the document's script
/// ("… SC" for simplified, "… TC" for traditional Chinese); or the characters the closest face
/// lacks.
fn covering_face(
    data: &[u8],
    wanted: &BTreeSet<char>,
    lang: Locale,
) -> Result<u32, BTreeSet<char>> {
    let faces = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    let mut fewest: Option<BTreeSet<char>> = None;
    let mut covering: Vec<(u32, String)> = Vec::new();
    for index in 0..faces {
        let Ok(face) = Face::parse(data, index) else {
            continue;
        };
        let missing: BTreeSet<char> = wanted
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() && face.glyph_index(*c).is_none())
            .collect();
        if missing.is_empty() && face.glyph_index(' ').is_some() {
            covering.push((index, family(&face)));
        } else if fewest.as_ref().is_none_or(|f| missing.len() < f.len()) {
            fewest = Some(missing);
        }
    }
    let marks: &[&str] = match lang {
        Locale::ZhTw => &[" TC", "TC ", "TW", "Hant", "JhengHei"],
        // Chinese words in a Malay or English text are most likely simplified (Malaysia).
        Locale::ZhCn | Locale::En | Locale::Ms | Locale::Id => {
            &[" SC", "SC ", "CN", "Hans", "YaHei"]
        }
    };
    covering
        .iter()
        .find(|(_, name)| marks.iter().any(|m| name.contains(m)))
        .or(covering.first())
        .map(|(index, _)| *index)
        .ok_or_else(|| fewest.unwrap_or_default())
}

fn family(face: &Face<'_>) -> String {
    let names = face.names();
    [
        name_id::TYPOGRAPHIC_FAMILY,
        name_id::FAMILY,
        name_id::FULL_NAME,
    ]
    .iter()
    .find_map(|id| {
        (0..names.len())
            .filter_map(|i| names.get(i))
            .find(|n| n.name_id == *id && n.is_unicode())
            .and_then(|n| n.to_string())
    })
    .unwrap_or_default()
}

fn load(path: &Path, index: u32, wanted: &BTreeSet<char>) -> Result<Font, EngineError> {
    let unreadable = || {
        EngineError::Invalid(format!(
            "The font {} could not be read for the PDF.",
            path.display()
        ))
    };
    let data = std::fs::read(path).map_err(|_| unreadable())?;
    let face = Face::parse(&data, index).map_err(|_| unreadable())?;
    let mut glyphs = BTreeMap::new();
    // The space, and the list bullet when the face has one (the layout falls back to '-').
    for c in wanted.iter().copied().chain([' ', '•']) {
        let gid = face
            .glyph_index(c)
            .or_else(|| c.is_whitespace().then(|| face.glyph_index(' ')).flatten());
        if let Some(gid) = gid {
            glyphs.insert(c, (gid.0, face.glyph_hor_advance(gid).unwrap_or(0)));
        }
    }
    let names = face.names();
    let name = (0..names.len())
        .filter_map(|i| names.get(i))
        .find(|n| n.name_id == name_id::POST_SCRIPT_NAME)
        .and_then(|n| {
            // Often stored only as Macintosh Roman bytes, which `to_string` does not decode.
            n.to_string().or_else(|| {
                n.name
                    .is_ascii()
                    .then(|| String::from_utf8_lossy(n.name).into())
            })
        })
        .unwrap_or_else(|| "LajuFont".into())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let bbox = face.global_bounding_box();
    let cff = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"CFF "))
        .is_some();
    Ok(Font {
        index,
        name,
        units_per_em: f32::from(face.units_per_em()),
        ascender: f32::from(face.ascender()),
        descender: f32::from(face.descender()),
        cap_height: f32::from(face.capital_height().unwrap_or(face.ascender())),
        bbox: [
            f32::from(bbox.x_min),
            f32::from(bbox.y_min),
            f32::from(bbox.x_max),
            f32::from(bbox.y_max),
        ],
        cff,
        glyphs,
        path: path.to_path_buf(),
        data,
    })
}

/// Says which characters could not be written and what to install, instead of a broken file.
fn no_font(
    lang: Locale,
    cjk: bool,
    dirs: &[PathBuf],
    missing: Option<BTreeSet<char>>,
) -> EngineError {
    let looked: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let sample: String = missing.unwrap_or_default().into_iter().take(12).collect();
    let install = if cjk {
        "a Chinese font such as Noto Sans CJK (Debian/Ubuntu: apt install fonts-noto-cjk, or \
         fonts-wqy-microhei), PingFang on macOS or Microsoft YaHei on Windows"
    } else {
        "a font such as DejaVu Sans or Noto Sans (Debian/Ubuntu: apt install fonts-dejavu-core)"
    };
    let which = if sample.is_empty() {
        String::new()
    } else {
        format!(": none has \"{sample}\"")
    };
    EngineError::Invalid(format!(
        "No font on this computer can write the {} agreement document{which} (looked in {}). \
         Install {install}, or save it as HTML instead. Nothing was written.",
        lang.tag(),
        looked.join(", ")
    ))
}
