//! Finding a system font that can write every character of the document. Laju ships no font
//! (the installer must stay small): it looks in the usual places per OS, preferring a Latin
//! font for Latin documents and a CJK font of the right script for Chinese ones, and takes the
//! first face (of a file, or of a `.ttc` collection) whose character map covers the whole
//! document. `LAJU_FONT_DIR` replaces the system folders with one folder of your own.

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

impl Font {
    /// Width of `text` at `size` points; characters the face lacks count as nothing (the face
    /// was chosen because it lacks none the document uses).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| self.glyphs.get(&c).map_or(0, |g| u32::from(g.1)))
            .sum();
        units as f32 * size / self.units_per_em
    }

    pub fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&c)
    }
}

/// Characters a document needs written; spaces and line breaks are laid out, not drawn from
/// the character map alone, but the face must still have a space.
pub(crate) fn pick(chars: &BTreeSet<char>, lang: Locale) -> Result<Font, EngineError> {
    let wanted: BTreeSet<char> = chars.iter().copied().filter(|c| !c.is_control()).collect();
    let cjk = wanted.iter().any(|c| super::is_cjk(*c));
    let (dirs, preferred) = places(cjk, lang);
    let mut tried: BTreeSet<PathBuf> = BTreeSet::new();
    let mut best_miss: Option<(usize, BTreeSet<char>)> = None;
    let candidates = preferred
        .into_iter()
        .filter(|p| p.is_file())
        .chain(font_files(&dirs));
    for path in candidates {
        if !tried.insert(path.clone()) {
            continue;
        }
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        match covering_face(&data, &wanted, lang) {
            Ok(index) => return load(data, index, path, &wanted),
            Err(missing) => {
                if best_miss.as_ref().is_none_or(|(n, _)| missing.len() < *n) {
                    best_miss = Some((missing.len(), missing));
                }
            }
        }
    }
    Err(no_font(lang, cjk, &dirs, best_miss.map(|(_, m)| m)))
}

/// Folders to search, and the files to try first, for this OS.
fn places(cjk: bool, lang: Locale) -> (Vec<PathBuf>, Vec<PathBuf>) {
    if let Some(dir) = std::env::var_os("LAJU_FONT_DIR") {
        return (vec![PathBuf::from(dir)], Vec::new());
    }
    let (dirs, latin, chinese): (&[&str], &[&str], &[&str]) = if cfg!(target_os = "macos") {
        (
            &["/System/Library/Fonts", "/Library/Fonts"],
            &[
                "/System/Library/Fonts/Helvetica.ttc",
                "/System/Library/Fonts/Supplemental/Arial.ttf",
                "/Library/Fonts/Arial.ttf",
            ],
            &[
                "/System/Library/Fonts/PingFang.ttc",
                "/System/Library/Fonts/Hiragino Sans GB.ttc",
                "/System/Library/Fonts/STHeiti Light.ttc",
                "/Library/Fonts/Arial Unicode.ttf",
            ],
        )
    } else if cfg!(windows) {
        (
            &["C:\\Windows\\Fonts"],
            &[
                "C:\\Windows\\Fonts\\arial.ttf",
                "C:\\Windows\\Fonts\\segoeui.ttf",
            ],
            if lang == Locale::ZhTw {
                &[
                    "C:\\Windows\\Fonts\\msjh.ttc",
                    "C:\\Windows\\Fonts\\msyh.ttc",
                ]
            } else {
                &[
                    "C:\\Windows\\Fonts\\msyh.ttc",
                    "C:\\Windows\\Fonts\\msjh.ttc",
                ]
            },
        )
    } else {
        (
            &["/usr/share/fonts", "/usr/local/share/fonts"],
            &[
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/TTF/DejaVuSans.ttf",
                "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                "/usr/share/fonts/noto/NotoSans-Regular.ttf",
                "/usr/share/fonts/google-noto/NotoSans-Regular.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            ],
            &[
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            ],
        )
    };
    let mut preferred: Vec<PathBuf> = Vec::new();
    let (first, then) = if cjk {
        (chinese, latin)
    } else {
        (latin, chinese)
    };
    preferred.extend(first.iter().chain(then).map(PathBuf::from));
    let mut dirs: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    (dirs, preferred)
}

/// Every font file under `dirs`, a few levels deep, in a stable order.
fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() && depth < 4 {
                walk(&path, depth + 1, out);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            }) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        walk(dir, 0, &mut out);
    }
    out
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
        Locale::ZhCn => &[" SC", "SC ", "CN", "Hans", "YaHei"],
        Locale::En | Locale::Ms | Locale::Id => &[],
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

fn load(
    data: Vec<u8>,
    index: u32,
    path: PathBuf,
    wanted: &BTreeSet<char>,
) -> Result<Font, EngineError> {
    let unreadable = || {
        EngineError::Invalid(format!(
            "The font {} could not be read for the PDF.",
            path.display()
        ))
    };
    let face = Face::parse(&data, index).map_err(|_| unreadable())?;
    let mut glyphs = BTreeMap::new();
    for c in wanted.iter().copied().chain([' ']) {
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
        .and_then(|n| n.to_string())
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
        path,
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
        format!(" (the closest one lacks \"{sample}\")")
    };
    EngineError::Invalid(format!(
        "No font on this computer can write the {} agreement document{which}; looked in {}. \
         Install {install}, or save it as HTML instead. Nothing was written.",
        lang.tag(),
        looked.join(", ")
    ))
}
