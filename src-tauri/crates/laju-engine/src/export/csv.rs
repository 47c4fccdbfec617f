//! A CSV writer whose every cell is safe to open in a spreadsheet.

use super::write_error;
use crate::EngineError;
use std::borrow::Cow;
use std::io::Write;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
/// that some readers strip first) gets a leading `'`, per OWASP's CSV injection advice: the
/// spreadsheet then shows the text as typed. Laju's import removes that quote again.
///
/// Plain numbers ("-5", "+60123456789", "-3.2") are left alone: a spreadsheet reads them as
/// numbers, never as formulas, and quoting them would turn a column of figures into text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and at most one decimal point with digits after it.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// One CSV table: a header, then rows of the same width, every cell neutralised.
pub(crate) struct Sheet<W: Write> {
    out: ::csv::Writer<W>,
    rows: u64,
}

impl<W: Write> Sheet<W> {
    pub(crate) fn new<S: AsRef<str>>(out: W, header: &[S]) -> Result<Self, EngineError> {
        let mut sheet = Sheet {
            out: ::csv::Writer::from_writer(out),
            rows: 0,
        };
        sheet.write(header)?;
        Ok(sheet)
    }

    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), EngineError> {
        self.write(cells)?;
        self.rows += 1;
        Ok(())
    }

    /// Flushes what is buffered and answers how many data rows were written.
    pub(crate) fn finish(mut self) -> Result<u64, EngineError> {
        self.out.flush().map_err(write_error)?;
        Ok(self.rows)
    }

    fn write<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), EngineError> {
        for cell in cells {
            let cell = neutralise(cell.as_ref());
            self.out.write_field(cell.as_bytes()).map_err(write_error)?;
        }
        // An empty record after the fields ends the line.
        self.out
            .write_record(std::iter::empty::<&[u8]>())
            .map_err(write_error)
    }
}

/// A number with up to two decimals, or an empty cell.
pub(super) fn decimal(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v:.2}"))
}

/// A count or an empty cell.
pub(super) fn count<T: ToString>(value: Option<T>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}
