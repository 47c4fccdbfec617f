//! The broken-file corpus: each file gives a clear error or rejected rows, never a panic, and
//! the good rows still convert.

use super::super::{guess, read, ReadError};
use super::{fixture, import};

fn broken(name: &str) -> Vec<u8> {
    fixture(&format!("broken/{name}"))
}

/// Imports with the mapping guessed from the header, as the wizard starts.
fn guessed(bytes: &[u8]) -> (Vec<super::Incoming>, Vec<super::Rejection>) {
    let file = read(bytes).expect("read");
    import(bytes, &guess(file.headers()))
}

fn names(leads: &[super::Incoming]) -> Vec<&str> {
    leads
        .iter()
        .map(|l| l.profile.contact.name.as_str())
        .collect()
}

#[test]
fn files_that_cannot_be_read_say_why() {
    assert_eq!(read(&broken("empty.csv")).err(), Some(ReadError::Empty));
    assert!(matches!(
        read(&broken("duplicate-headers.csv")),
        Err(ReadError::DuplicateHeaders(names)) if names == ["Email"]
    ));
    let header_only = read(&broken("header-only.csv")).expect("a header is a file");
    assert!(header_only.is_empty());
    assert_eq!(header_only.records().count(), 0);
}

#[test]
fn an_unclosed_quote_rejects_its_row_only() {
    let (leads, rejected) = guessed(&broken("unclosed-quote.csv"));
    assert_eq!(names(&leads), ["Aisyah Rahman"]);
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].line, 3);
    assert!(rejected[0].reason.contains("never closed"));
}

#[test]
fn ragged_rows_are_rejected_and_trailing_delimiters_forgiven() {
    let (leads, rejected) = guessed(&broken("ragged.csv"));
    assert_eq!(names(&leads), ["Aisyah Rahman", "Danial Hakim"]);
    let lines: Vec<_> = rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 4]);
    assert_eq!(
        rejected[1].reason,
        "The row has 5 fields where the header has 3"
    );
}

#[test]
fn a_nul_byte_rejects_its_row_naming_the_column() {
    let (leads, rejected) = guessed(&broken("nul-bytes.csv"));
    assert_eq!(names(&leads), ["Aisyah Rahman", "Citra Dewi"]);
    assert_eq!((rejected[0].line, rejected[0].column.as_str()), (3, "Name"));
}

#[test]
fn every_encoding_in_the_corpus_decodes_to_the_same_text() {
    for (file, encoding) in [
        ("utf8-bom.csv", "UTF-8"),
        ("utf16-bom.csv", "UTF-16LE"),
        ("utf16le-no-bom.csv", "UTF-16LE"),
    ] {
        let bytes = broken(file);
        assert_eq!(read(&bytes).expect("read").encoding().name(), encoding);
        let (leads, rejected) = guessed(&bytes);
        assert_eq!(rejected, [], "{file}");
        assert_eq!(names(&leads), ["Nurul Áisyah", "Budi Santoso"], "{file}");
        assert_eq!(leads[0].profile.contact.email, "nurul@kedai.com.my");
    }
    let bytes = broken("wrong-encoding.csv");
    assert_eq!(
        read(&bytes).expect("read").encoding().name(),
        "windows-1252"
    );
    let (leads, _) = guessed(&bytes);
    assert_eq!(names(&leads), ["José García", "Aisyah Rahman"]);
    assert_eq!(leads[0].profile.company.name, "Café Señor");
}

#[test]
fn delimiters_line_endings_and_quoted_newlines_are_handled() {
    let (leads, rejected) = guessed(&broken("crlf-multiline.csv"));
    assert_eq!(rejected, []);
    assert_eq!(
        leads[0].profile.notes,
        "First line\r\nsecond line, with a comma"
    );
    assert_eq!(leads[1].profile.notes, "He said \"call me\" on Monday");
    assert_eq!(leads.iter().map(|l| l.line).collect::<Vec<_>>(), [2, 4, 5]);

    let file = read(&broken("semicolon.csv")).expect("read");
    assert_eq!(file.delimiter(), b';');
    let (leads, _) = guessed(&broken("semicolon.csv"));
    assert_eq!(leads[0].profile.company.name, "Kedai Aisyah, Cafe & Bakery");
    assert_eq!(leads[0].profile.company.employees, Some(1000));
    assert_eq!(leads[1].profile.company.employees, Some(11));

    assert_eq!(read(&broken("tab.tsv")).expect("read").delimiter(), b'\t');
    let (leads, rejected) = guessed(&broken("tab.tsv"));
    assert_eq!(rejected, []);
    assert_eq!(leads[1].profile.company.name, "Toko; Santoso");
}
