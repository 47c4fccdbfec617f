//! Turning a file's bytes into text, and guessing its delimiter, the way a user's spreadsheet
//! would have: users do not know (or say) which encoding their export used.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How much of the file the encoding and binary checks look at; enough to be sure, cheap on a
/// 100 MB file.
const SAMPLE: usize = 4096;

/// The text and the display name of the encoding it was read with.
pub(super) fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let name = if encoding == UTF_8 {
            "UTF-8 (BOM)"
        } else if encoding == UTF_16LE {
            "UTF-16LE"
        } else {
            "UTF-16BE"
        };
        let rest = bytes.get(bom..).unwrap_or_default();
        return (decode_with(encoding, rest), name);
    }
    if let Some((encoding, name)) = utf16_without_bom(bytes) {
        return (decode_with(encoding, bytes), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        // Excel on Windows saves "CSV" in the ANSI code page, which is this for Western text.
        Err(_) => (decode_with(WINDOWS_1252, bytes), "windows-1252"),
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Text in UTF-16 is mostly ASCII, so every other byte is NUL: the odd ones in little-endian,
/// the even ones in big-endian. A UTF-8 file with a stray NUL is nowhere near that pattern.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 3 >= pairs && even * 20 <= odd {
        Some((UTF_16LE, "UTF-16LE"))
    } else if even * 3 >= pairs && odd * 20 <= even {
        Some((UTF_16BE, "UTF-16BE"))
    } else {
        None
    }
}

/// Images, archives and spreadsheets saved as .xlsx are full of control characters; text CSVs
/// have almost none.
pub(super) fn looks_binary(text: &str) -> bool {
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            control += 1;
        }
    }
    control * 10 > total
}

/// The delimiter that occurs most often outside quotes on the first non-blank line; ',' on a tie
/// or a one-column file.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let start = text.trim_start_matches(['\r', '\n']);
    for c in start.chars() {
        match c {
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    [(b';', counts[1]), (b'\t', counts[2])]
        .into_iter()
        .fold(
            (b',', counts[0]),
            |best, next| {
                if next.1 > best.1 {
                    next
                } else {
                    best
                }
            },
        )
        .0
}
