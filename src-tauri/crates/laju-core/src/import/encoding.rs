//! The encodings a file can be read in: the catalogue the wizard and the CLI offer, and the
//! label a user types or picks turned into one of them. Every encoding the detector can answer
//! (chardetng 1.0's candidates; ISO-2022-JP is never asked for) is in the catalogue, so
//! whatever was detected can also be picked.

use encoding_rs::Encoding;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The script an encoding was made for: what tells a user which one their file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum EncodingFamily {
    Unicode,
    Western,
    ChineseSimplified,
    ChineseTraditional,
    Japanese,
    Korean,
    Thai,
    Vietnamese,
    CentralEuropean,
    Cyrillic,
    Greek,
    Turkish,
    Hebrew,
    Arabic,
    Baltic,
}

/// One encoding of the catalogue.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    name: &'static str,
    family: EncodingFamily,
    encoding: &'static Encoding,
}

impl TextEncoding {
    /// The name shown and sent on the wire ("UTF-8", "GB18030", "Big5", "Shift_JIS").
    pub fn name(self) -> &'static str {
        self.name
    }

    pub fn family(self) -> EncodingFamily {
        self.family
    }

    pub(super) fn encoding(self) -> &'static Encoding {
        self.encoding
    }

    /// The catalogue entry for an encoding_rs encoding. GBK is read as GB18030: the WHATWG
    /// decoders of the two are the same, and GB18030 is the name that covers every file.
    pub(super) fn of(encoding: &'static Encoding) -> Option<TextEncoding> {
        let encoding = if encoding == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            encoding
        };
        ENCODINGS.iter().copied().find(|e| e.encoding == encoding)
    }

    /// The encoding a label names: a catalogue name in any case, or any WHATWG label of one
    /// ("gbk", "gb2312", "sjis", "latin1", "utf-16").
    pub fn from_label(label: &str) -> Result<TextEncoding, UnknownEncoding> {
        let label = label.trim();
        ENCODINGS
            .iter()
            .copied()
            .find(|e| e.name.eq_ignore_ascii_case(label))
            .or_else(|| Encoding::for_label(label.as_bytes()).and_then(TextEncoding::of))
            .ok_or_else(|| UnknownEncoding(label.to_string()))
    }
}

impl std::fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl std::fmt::Debug for TextEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "“{label}” is not an encoding Laju can read. Use one of {names}, or leave the encoding out \
     to have it detected.",
    label = .0,
    names = ENCODINGS.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
)]
pub struct UnknownEncoding(pub String);

const fn entry(
    name: &'static str,
    family: EncodingFamily,
    encoding: &'static Encoding,
) -> TextEncoding {
    TextEncoding {
        name,
        family,
        encoding,
    }
}

use EncodingFamily as F;

pub(super) const UTF_8: TextEncoding = entry("UTF-8", F::Unicode, encoding_rs::UTF_8);
pub(super) const WINDOWS_1252: TextEncoding =
    entry("windows-1252", F::Western, encoding_rs::WINDOWS_1252);

/// In the order a select lists them: Unicode, then the encodings of the markets Laju is sold
/// in (Excel's "CSV" on Western, Chinese, Japanese, Korean, Thai and Vietnamese Windows), then
/// the rest of what the detector can answer.
pub const ENCODINGS: &[TextEncoding] = &[
    UTF_8,
    entry("UTF-16LE", F::Unicode, encoding_rs::UTF_16LE),
    entry("UTF-16BE", F::Unicode, encoding_rs::UTF_16BE),
    WINDOWS_1252,
    entry("GB18030", F::ChineseSimplified, encoding_rs::GB18030),
    entry("Big5", F::ChineseTraditional, encoding_rs::BIG5),
    entry("Shift_JIS", F::Japanese, encoding_rs::SHIFT_JIS),
    entry("EUC-JP", F::Japanese, encoding_rs::EUC_JP),
    entry("EUC-KR", F::Korean, encoding_rs::EUC_KR),
    entry("windows-874", F::Thai, encoding_rs::WINDOWS_874),
    entry("windows-1258", F::Vietnamese, encoding_rs::WINDOWS_1258),
    // Excel for Mac saves "CSV" in Mac Roman.
    entry("macintosh", F::Western, encoding_rs::MACINTOSH),
    entry("ISO-8859-15", F::Western, encoding_rs::ISO_8859_15),
    entry(
        "windows-1250",
        F::CentralEuropean,
        encoding_rs::WINDOWS_1250,
    ),
    entry("ISO-8859-2", F::CentralEuropean, encoding_rs::ISO_8859_2),
    entry("windows-1251", F::Cyrillic, encoding_rs::WINDOWS_1251),
    entry("KOI8-U", F::Cyrillic, encoding_rs::KOI8_U),
    entry("IBM866", F::Cyrillic, encoding_rs::IBM866),
    entry("ISO-8859-5", F::Cyrillic, encoding_rs::ISO_8859_5),
    entry("windows-1253", F::Greek, encoding_rs::WINDOWS_1253),
    entry("ISO-8859-7", F::Greek, encoding_rs::ISO_8859_7),
    entry("windows-1254", F::Turkish, encoding_rs::WINDOWS_1254),
    entry("windows-1255", F::Hebrew, encoding_rs::WINDOWS_1255),
    entry("ISO-8859-8", F::Hebrew, encoding_rs::ISO_8859_8),
    entry("windows-1256", F::Arabic, encoding_rs::WINDOWS_1256),
    entry("ISO-8859-6", F::Arabic, encoding_rs::ISO_8859_6),
    entry("windows-1257", F::Baltic, encoding_rs::WINDOWS_1257),
    entry("ISO-8859-13", F::Baltic, encoding_rs::ISO_8859_13),
    entry("ISO-8859-4", F::Baltic, encoding_rs::ISO_8859_4),
];

/// Characters the chosen encoding could not read, each now U+FFFD (�): the sign that the file
/// is in another encoding, or damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Replaced {
    /// How many byte sequences became U+FFFD.
    pub count: u64,
    /// The file line of the first, as an editor numbers lines (the header is line 1).
    pub first_line: u64,
}
