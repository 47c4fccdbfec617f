//! Reading a CSV file into a header and records. File-level problems (nothing to read, no
//! header) are a [`ReadError`]; a bad row is a [`Rejection`] so the rest of the file still
//! imports.

use super::decode::{decode, looks_binary, sniff_delimiter, Decoded};
use super::encoding::{Replaced, TextEncoding};
use super::Rejection;

/// Longer than any real cell; beyond it a field is a runaway quote or pasted binary.
const MAX_FIELD_CHARS: usize = 100_000;

/// One data row, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file line the record starts on; the header is line 1.
    pub line: u64,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("The file is empty.")]
    Empty,
    #[error(
        "This does not look like a text CSV file (it holds binary data). Save or export it as \
         CSV from your spreadsheet or CRM and try again."
    )]
    NotText,
    #[error("The first row is blank. It must name the columns (for example Name, Email, Phone).")]
    BlankHeader,
    #[error(
        "The first row looks like data (“{0}”), not column names. Add a first row that names \
         each column."
    )]
    NoHeader(String),
    #[error(
        "The first row names {} more than once. Give each column its own name.",
        quoted(.0)
    )]
    DuplicateHeaders(Vec<String>),
    #[error(
        "A quote in the first row is never closed, so the whole file reads as one column name. \
         Check the quotes in the first row."
    )]
    OpenQuoteInHeader,
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A decoded CSV file: its header, and its records, each read once when the file is.
#[derive(Debug, Clone)]
pub struct CsvFile {
    encoding: TextEncoding,
    detected: TextEncoding,
    replaced: Option<Replaced>,
    delimiter: u8,
    headers: Vec<String>,
    records: Vec<Result<Record, Rejection>>,
}

/// Reads a file in the encoding it is detected to be in.
pub fn read(bytes: &[u8]) -> Result<CsvFile, ReadError> {
    read_as(bytes, None)
}

/// Reads a file in the chosen encoding, or the detected one when `None`.
pub fn read_as(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<CsvFile, ReadError> {
    let Decoded {
        mut text,
        encoding,
        detected,
        replaced,
    } = decode(bytes, encoding);
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if looks_binary(&text) {
        return Err(ReadError::NotText);
    }
    let delimiter = sniff_delimiter(&text);
    let mut raw = Raw::new(&text, delimiter);
    if !matches!(raw.next(), Some(Ok(()))) {
        return Err(ReadError::Empty);
    }
    let headers: Vec<String> = raw
        .record
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    if raw.ran_off_the_end() && headers.iter().any(|h| h.contains(['\n', '\r'])) {
        return Err(ReadError::OpenQuoteInHeader);
    }
    check_headers(&headers)?;
    let records = Records {
        raw,
        headers: &headers,
    }
    .collect();
    Ok(CsvFile {
        encoding,
        detected,
        replaced,
        delimiter,
        headers,
        records,
    })
}

fn check_headers(headers: &[String]) -> Result<(), ReadError> {
    if headers.iter().any(|h| h.contains('\0')) {
        return Err(ReadError::NotText);
    }
    if headers.iter().all(String::is_empty) {
        return Err(ReadError::BlankHeader);
    }
    if let Some(data) = headers.iter().find(|h| looks_like_data(h)) {
        return Err(ReadError::NoHeader(data.clone()));
    }
    // Blank names are left alone: exports often end every line with a delimiter, and a nameless
    // column cannot be mapped anyway.
    let mut seen: Vec<(String, &String)> = Vec::new();
    let mut twice: Vec<String> = Vec::new();
    for header in headers.iter().filter(|h| !h.is_empty()) {
        let key = header.to_lowercase();
        match seen.iter().find(|(k, _)| *k == key) {
            Some((_, first)) if !twice.contains(first) => twice.push((*first).clone()),
            Some(_) => {}
            None => seen.push((key, header)),
        }
    }
    if twice.is_empty() {
        Ok(())
    } else {
        Err(ReadError::DuplicateHeaders(twice))
    }
}

/// An email address or a number is a value, never a column's name.
fn looks_like_data(header: &str) -> bool {
    crate::lead::is_valid_email(header)
        || (!header.is_empty()
            && header
                .chars()
                .all(|c| c.is_ascii_digit() || ".,-".contains(c)))
}

impl CsvFile {
    /// The encoding the file was read in: the chosen one, else the detected one.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// The encoding the file looks to be in, whichever was chosen.
    pub fn detected(&self) -> TextEncoding {
        self.detected
    }

    /// The characters [`CsvFile::encoding`] could not read, if any: each is U+FFFD in the text.
    pub fn replaced(&self) -> Option<Replaced> {
        self.replaced
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Column names, trimmed; a name may be blank when a line ends with a delimiter.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Number of records after the header, each of which [`CsvFile::records`] yields once.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every record after the header, in file order: a [`Record`] when it is well formed, or a
    /// [`Rejection`] saying which line, which column and why.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, Rejection>> + '_ {
        self.records.iter().cloned()
    }

    /// The records, given up without a copy (an import converts each once).
    pub fn into_records(self) -> Vec<Result<Record, Rejection>> {
        self.records
    }
}

/// The csv reader over the decoded text, one record buffer reused.
struct Raw<'a> {
    text: &'a str,
    reader: csv::Reader<&'a [u8]>,
    record: csv::ByteRecord,
    stuck: bool,
    lines: Lines,
}

/// Line numbers as an editor shows them. The csv reader's own count ignores lone '\r' (old Mac
/// files) and lags a line after CRLF (it stops between '\r' and '\n'), so lines are counted
/// here, onward from the last record. `str::matches` because it runs on memchr.
#[derive(Debug, Default)]
struct Lines {
    offset: usize,
    breaks: u64,
}

impl Lines {
    /// The line of the first character at or after `byte` that is not a line break: where the
    /// record the reader placed at `byte` really starts.
    fn at(&mut self, text: &str, byte: u64) -> u64 {
        let bytes = text.as_bytes();
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        // Both ends sit on a record's first character (or the end), so no "\r\n" pair is cut.
        if let Some(between) = text.get(self.offset..start) {
            let lf = between.matches('\n').count();
            let lone_cr = between.matches('\r').count() - between.matches("\r\n").count();
            self.breaks += u64::try_from(lf + lone_cr).unwrap_or(u64::MAX);
            self.offset = start;
        }
        self.breaks + 1
    }
}

impl<'a> Raw<'a> {
    fn new(text: &'a str, delimiter: u8) -> Raw<'a> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        Raw {
            text,
            reader,
            record: csv::ByteRecord::new(),
            stuck: false,
            lines: Lines::default(),
        }
    }

    /// The next record into `self.record`; `None` at the end. An error that did not move the
    /// reader ends the file rather than repeating forever.
    fn next(&mut self) -> Option<Result<(), csv::Error>> {
        if self.stuck {
            return None;
        }
        let before = self.reader.position().byte();
        match self.reader.read_byte_record(&mut self.record) {
            Ok(true) => Some(Ok(())),
            Ok(false) => None,
            Err(error) => {
                self.stuck = self.reader.position().byte() == before;
                Some(Err(error))
            }
        }
    }

    /// The line the current record starts on.
    fn line(&mut self) -> u64 {
        let byte = self.record.position().map_or(0, csv::Position::byte);
        self.lines.at(self.text, byte)
    }

    /// The record ran to the end of the file inside a quote that was never closed. Quotes come
    /// in pairs in well-formed CSV (`""` escapes one), so an odd count in the record's raw text
    /// means one was left open.
    fn ran_off_the_end(&self) -> bool {
        let start = self.record.position().map_or(0, csv::Position::byte);
        let end = self.reader.position().byte();
        let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
            return false;
        };
        end >= self.text.len()
            && self
                .text
                .get(start..end)
                .is_some_and(|raw| raw.matches('"').count() % 2 == 1)
    }
}

struct Records<'a> {
    raw: Raw<'a>,
    headers: &'a [String],
}

impl Iterator for Records<'_> {
    type Item = Result<Record, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(match self.raw.next()? {
            Ok(()) => {
                let line = self.raw.line();
                self.check(line)
            }
            Err(error) => Err(Rejection {
                line: error
                    .position()
                    .map_or(0, |p| self.raw.lines.at(self.raw.text, p.byte())),
                column: String::new(),
                reason: format!("The row could not be read as CSV: {error}"),
                fields: Vec::new(),
            }),
        })
    }
}

impl Records<'_> {
    fn check(&self, line: u64) -> Result<Record, Rejection> {
        let mut fields: Vec<String> = self
            .raw
            .record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let width = self.headers.len();
        let reject = |column: String, reason: String, fields: Vec<String>| Rejection {
            line,
            column,
            reason,
            fields,
        };
        if self.raw.ran_off_the_end()
            && (fields.len() != width || fields.iter().any(|f| f.contains(['\n', '\r'])))
        {
            let column = self.column(fields.len().saturating_sub(1));
            let reason = "A quote opened in this column is never closed, so the rest of the \
                          file was read into it"
                .to_string();
            return Err(reject(column, reason, fields));
        }
        // A trailing delimiter adds empty fields that lose nothing when dropped.
        while fields.len() > width && fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        if fields.len() != width {
            let reason = format!(
                "The row has {} fields where the header has {width}",
                fields.len()
            );
            return Err(reject(String::new(), reason, fields));
        }
        let bad = fields.iter().enumerate().find_map(|(index, field)| {
            if field.contains('\0') {
                Some((
                    index,
                    "Contains a NUL byte (binary data), which a text field cannot hold",
                ))
            } else if field.len() > MAX_FIELD_CHARS && field.chars().count() > MAX_FIELD_CHARS {
                Some((index, "Is longer than 100,000 characters"))
            } else {
                None
            }
        });
        if let Some((index, reason)) = bad {
            return Err(reject(self.column(index), reason.into(), fields));
        }
        Ok(Record { line, fields })
    }

    /// The header, or "column 3" when the header left it unnamed.
    fn column(&self, index: usize) -> String {
        match self.headers.get(index) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => format!("column {}", index + 1),
        }
    }
}
