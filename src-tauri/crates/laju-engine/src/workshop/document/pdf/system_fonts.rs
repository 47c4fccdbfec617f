//! Where each OS keeps its fonts, and which files to try first: a Latin face for Latin text,
//! a Chinese face of the document's script for Chinese.

use laju_core::Locale;
use std::path::{Path, PathBuf};

/// Folders to search, and the files to try first, for this OS.
pub(super) fn places(cjk: bool, lang: Locale) -> (Vec<PathBuf>, Vec<PathBuf>) {
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
pub(super) fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
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
