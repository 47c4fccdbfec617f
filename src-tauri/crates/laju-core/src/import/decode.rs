//! Turning a file's bytes into text, and guessing its delimiter, the way a user's spreadsheet
//! would have: users do not know (or say) which encoding their export used. A byte order mark
//! or UTF-16's NUL pattern decides first, then valid (or nearly valid) UTF-8, then chardetng,
//! Firefox's detector, picks among the legacy encodings — so a GBK, Big5 or Shift_JIS file is
//! never read as windows-1252 just because it is not UTF-8.

use super::encoding::{Replaced, TextEncoding, UTF_8, WINDOWS_1252};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE};

/// How much of the file the UTF-16 and binary checks look at; enough to be sure, cheap on a
/// 100 MB file.
const SAMPLE: usize = 4096;

/// How much of the file, from its first non-ASCII byte, the detector reads. Legacy text shows
/// its encoding within a few hundred characters; the bound keeps a 100 MB file from being read
/// a second time, and starting at the first non-ASCII byte keeps a long ASCII start (ids,
/// emails) from hiding the names further down.
const DETECT_BYTES: usize = 1 << 20;

/// A UTF-8 file with a damaged byte, or a last character cut off, is still UTF-8. Legacy text
/// seldom forms a valid multi-byte UTF-8 sequence (GBK's 伟, CE B0, happens to), so this many
/// valid non-ASCII characters per malformed sequence tell the two apart.
const UTF8_VALID_PER_MALFORMED: usize = 10;

/// The text of a file and how it was read.
pub(super) struct Decoded {
    pub text: String,
    /// The encoding the text was read in: the chosen one, else the detected one.
    pub encoding: TextEncoding,
    pub detected: TextEncoding,
    pub replaced: Option<Replaced>,
}

/// Reads the bytes in the chosen encoding, or the detected one when none is chosen. A byte
/// order mark of the encoding used is dropped.
pub(super) fn decode(bytes: &[u8], chosen: Option<TextEncoding>) -> Decoded {
    let detected = detect(bytes);
    let encoding = chosen.unwrap_or(detected);
    let bom = Encoding::for_bom(bytes)
        .filter(|(found, _)| *found == encoding.encoding())
        .map_or(0, |(_, len)| len);
    let (text, replaced) =
        decode_counting(encoding.encoding(), bytes.get(bom..).unwrap_or_default());
    Decoded {
        text,
        encoding,
        detected,
        replaced,
    }
}

/// The encoding the bytes are most likely in.
fn detect(bytes: &[u8]) -> TextEncoding {
    if let Some(found) = Encoding::for_bom(bytes).and_then(|(e, _)| TextEncoding::of(e)) {
        return found;
    }
    if let Some(found) = utf16_without_bom(bytes).and_then(TextEncoding::of) {
        return found;
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        return UTF_8;
    }
    let start = Encoding::ascii_valid_up_to(bytes);
    let end = start.saturating_add(DETECT_BYTES).min(bytes.len());
    // ISO-2022-JP is mail's encoding, not a spreadsheet's.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes.get(..end).unwrap_or(bytes), end == bytes.len());
    // Every answer chardetng can give is in the catalogue; windows-1252 is its own default.
    let tld = email_tld(bytes.get(..end).unwrap_or(bytes));
    TextEncoding::of(detector.guess(tld.as_deref(), Utf8Detection::Allow)).unwrap_or(WINDOWS_1252)
}

/// The top-level domain most of the file's email addresses end in ("cn", "tw", "jp"), as
/// chardetng's hint: a short file has too few characters to tell GBK from a Cyrillic code page,
/// but its addresses, ASCII in every encoding, say where it was written.
fn email_tld(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut counts: Vec<(Vec<u8>, usize)> = Vec::new();
    for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'@') {
        let domain: Vec<u8> = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'.' || **b == b'-')
            .map(u8::to_ascii_lowercase)
            .collect();
        let Some(dot) = domain.iter().rposition(|b| *b == b'.') else {
            continue;
        };
        let tld = domain[dot + 1..].to_vec();
        if tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
            continue;
        }
        match counts.iter_mut().find(|(t, _)| *t == tld) {
            Some((_, n)) => *n += 1,
            None => counts.push((tld, 1)),
        }
    }
    // The most frequent; among equals, the first seen.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(t, _)| t)
}

fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut malformed) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    valid >= malformed.saturating_mul(UTF8_VALID_PER_MALFORMED)
}

/// The text, with U+FFFD for each byte sequence the encoding cannot read, counted as it goes.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, Option<Replaced>) {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut rest = bytes;
    let mut count = 0u64;
    let mut first = None;
    loop {
        let room = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len());
        text.reserve(room);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                count += 1;
                first.get_or_insert(text.len());
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let replaced = first.map(|at| Replaced {
        count,
        first_line: line_at(&text, at),
    });
    (text, replaced)
}

/// The line a byte offset of the text is on, counting "\r\n", "\n" and a lone "\r" as one
/// break each, as an editor (and the record line numbers) do.
fn line_at(text: &str, offset: usize) -> u64 {
    let before = text.get(..offset).unwrap_or(text);
    let breaks = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    u64::try_from(breaks).unwrap_or(u64::MAX) + 1
}

/// Text in UTF-16 is mostly ASCII, so every other byte is NUL: the odd ones in little-endian,
/// the even ones in big-endian. A UTF-8 file with a stray NUL is nowhere near that pattern.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
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
        Some(UTF_16LE)
    } else if even * 3 >= pairs && odd * 20 <= even {
        Some(UTF_16BE)
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
