//! A chart the window rendered, saved as PNG: the window hands the image over as a data URL.

use crate::EngineError;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveChart {
    /// The file's stem, e.g. "funnel".
    pub name: String,
    /// `data:image/png;base64,…` as the chart library gives it.
    pub data_url: String,
}

const PNG_PREFIX: &str = "data:image/png;base64,";
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// A chart at twice the screen's pixels is a few hundred kB; anything near this is not one.
const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Writes the PNG in `data_url` as `<name>-<timestamp>.png` in `dir`, flushed, and returns the
/// path. `name` keeps only letters, digits and dashes, so it cannot leave the folder.
pub fn save_png(
    dir: &Path,
    name: &str,
    data_url: &str,
    now: DateTime<Utc>,
) -> Result<PathBuf, EngineError> {
    let invalid = |why: &str| EngineError::Invalid(format!("The chart image {why}."));
    let encoded = data_url
        .strip_prefix(PNG_PREFIX)
        .ok_or_else(|| invalid("is not a PNG"))?;
    if encoded.len() > MAX_BYTES * 4 / 3 + 4 {
        return Err(invalid("is too large"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| invalid("is damaged"))?;
    if !bytes.starts_with(PNG_MAGIC) {
        return Err(invalid("is not a PNG"));
    }
    let stem: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    let stem = if stem.is_empty() {
        "chart".into()
    } else {
        stem
    };
    super::save_in(dir, &stem, "png", now, |out| {
        std::io::Write::write_all(out, &bytes)
            .map_err(|e| EngineError::Invalid(format!("{}: {e}", dir.display())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0)
            .single()
            .expect("valid")
    }

    fn url(bytes: &[u8]) -> String {
        format!(
            "{PNG_PREFIX}{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }

    #[test]
    fn a_png_lands_in_the_folder_under_a_safe_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let png = [PNG_MAGIC, b"rest of the image"].concat();
        let path = save_png(dir.path(), "../../funnel chart", &url(&png), now()).expect("saved");
        assert_eq!(path, dir.path().join("funnelchart-20261125-093000.png"));
        assert_eq!(std::fs::read(&path).expect("read"), png);
    }

    #[test]
    fn anything_but_a_png_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        for bad in [
            "data:text/html;base64,PGgxPg==".to_string(),
            format!("{PNG_PREFIX}!!!not base64"),
            url(b"GIF89a not a png"),
        ] {
            assert!(save_png(dir.path(), "x", &bad, now()).is_err(), "{bad}");
        }
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}
