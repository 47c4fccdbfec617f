use super::super::{read, ReadError};
use super::{record, strings};
use proptest::prelude::*;

#[test]
fn records_start_on_their_own_line_even_after_a_quoted_newline() {
    let file = read(b"Name,Notes\nAisyah,\"two\nlines\"\nBudi,one\n").expect("read");
    assert_eq!(file.encoding().name(), "UTF-8");
    assert_eq!(file.delimiter(), b',');
    assert_eq!(file.headers(), strings(&["Name", "Notes"]));
    assert_eq!(file.len(), 2);
    let records: Vec<_> = file.records().collect();
    assert_eq!(
        records,
        [
            Ok(record(2, &["Aisyah", "two\nlines"])),
            Ok(record(4, &["Budi", "one"]))
        ]
    );
}

#[test]
fn headers_are_trimmed_and_lose_a_stray_bom() {
    let file = read("  \u{feff}Name ,\tEmail\n".as_bytes()).expect("read");
    assert_eq!(file.headers(), strings(&["Name", "Email"]));
    assert!(file.is_empty());
}

#[test]
fn the_delimiter_is_the_commonest_one_outside_quotes() {
    let file = read(b"\"Name, full\";Email;Phone\nA;a@b.co;123456\n").expect("read");
    assert_eq!(file.delimiter(), b';');
    assert_eq!(file.headers()[0], "Name, full");
    assert_eq!(read(b"Name\nAisyah\n").expect("read").delimiter(), b',');
    assert_eq!(read(b"A\tB,C\tD\n").expect("read").delimiter(), b'\t');
}

#[test]
fn utf16_is_recognised_with_or_without_a_byte_order_mark() {
    let text = "Name,Company\nNurul Áisyah,Kedai 咖啡\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, name) in [
        ([&[0xFF, 0xFE][..], &le].concat(), "UTF-16LE"),
        ([&[0xFE, 0xFF][..], &be].concat(), "UTF-16BE"),
        (le.clone(), "UTF-16LE"),
        (be.clone(), "UTF-16BE"),
    ] {
        let file = read(&bytes).expect("read");
        assert_eq!(file.encoding().name(), name);
        assert_eq!(file.headers(), strings(&["Name", "Company"]));
        let first = file
            .records()
            .next()
            .expect("a record")
            .expect("well formed");
        assert_eq!(first.fields, strings(&["Nurul Áisyah", "Kedai 咖啡"]));
    }
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
    let file = read(b"Name,Company\nJos\xe9,Caf\xe9 \x80 Co\n").expect("read");
    assert_eq!(file.encoding().name(), "windows-1252");
    let first = file
        .records()
        .next()
        .expect("a record")
        .expect("well formed");
    assert_eq!(first.fields, strings(&["José", "Café € Co"]));
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let file = read(b"Name,Email\rAisyah,a@kedai.my\rBudi,b@toko.id").expect("read");
    assert_eq!(file.len(), 2);
    let fields: Vec<_> = file
        .records()
        .map(|r| r.expect("well formed").fields)
        .collect();
    assert_eq!(
        fields,
        [
            strings(&["Aisyah", "a@kedai.my"]),
            strings(&["Budi", "b@toko.id"])
        ]
    );
}

#[test]
fn file_level_problems_are_clear_errors() {
    assert_eq!(read(b"").err(), Some(ReadError::Empty));
    assert_eq!(read(b" \r\n\n").err(), Some(ReadError::Empty));
    assert_eq!(read(b"\xef\xbb\xbf").err(), Some(ReadError::Empty));
    assert_eq!(read(b",,,\nA,B,C,D\n").err(), Some(ReadError::BlankHeader));
    assert_eq!(read(&[0u8; 64]).err(), Some(ReadError::NotText));
    assert_eq!(read(b"Name\0,Email\nA,B\n").err(), Some(ReadError::NotText));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x5c\x72\xa8\x66";
    assert_eq!(read(png).err(), Some(ReadError::NotText));
    // A spreadsheet saved as .xlsx: a zip, compressed bytes after a short header.
    let mut xlsx = b"PK\x03\x04\x14\0\x06\0".to_vec();
    let mut seed = 0x2545_f491_u32;
    xlsx.extend((0..4096).map(|_| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed.to_le_bytes()[0]
    }));
    assert_eq!(read(&xlsx).err(), Some(ReadError::NotText));
    assert_eq!(
        read(b"\"Name,Email\nAisyah,a@kedai.my\n").err(),
        Some(ReadError::OpenQuoteInHeader)
    );
    // A quoted line break inside a column name is allowed.
    let file = read(b"\"First\nName\",Email\nAisyah,a@kedai.my\n").expect("read");
    assert_eq!(file.headers()[0], "First\nName");
    assert_eq!(
        read(b"aisyah@kedai.my,Aisyah\nbudi@toko.id,Budi\n").err(),
        Some(ReadError::NoHeader("aisyah@kedai.my".into()))
    );
    let duplicate = read(b"Name,Email,Phone,EMAIL,Phone\n").expect_err("an error");
    assert_eq!(
        duplicate,
        ReadError::DuplicateHeaders(strings(&["Email", "Phone"]))
    );
    assert_eq!(
        duplicate.to_string(),
        "The first row names “Email”, “Phone” more than once. Give each column its own name."
    );
}

#[test]
fn blank_header_names_are_allowed_and_not_duplicates() {
    let file = read(b"Name,,Email,\nAisyah,,a@kedai.my,\n").expect("read");
    assert_eq!(file.headers(), strings(&["Name", "", "Email", ""]));
    assert_eq!(file.records().filter(Result::is_ok).count(), 1);
}

#[test]
fn bad_rows_are_rejections_with_line_column_and_reason() {
    let text = b"Name,Email,Company\n\
        Aisyah,a@kedai.my,Kedai\n\
        Budi,b@toko.id\n\
        Citra,c@batik.id,Batik,,\n\
        Dani,d@hakim.my,Hakim,x\n\
        E\0ka,e@eka.id,Eka\n";
    let file = read(text).expect("read");
    let results: Vec<_> = file.records().collect();
    assert_eq!(results.len(), file.len());
    assert_eq!(
        results[0].as_ref().expect("well formed").fields,
        strings(&["Aisyah", "a@kedai.my", "Kedai"])
    );
    let short = results[1].as_ref().expect_err("short row");
    assert_eq!((short.line, short.column.as_str()), (3, ""));
    assert_eq!(short.reason, "The row has 2 fields where the header has 3");
    assert_eq!(short.fields, strings(&["Budi", "b@toko.id"]));
    // Empty fields from trailing delimiters lose nothing.
    assert_eq!(
        results[2].as_ref().expect("trailing delimiters").fields,
        strings(&["Citra", "c@batik.id", "Batik"])
    );
    let long = results[3].as_ref().expect_err("long row");
    assert_eq!(long.reason, "The row has 4 fields where the header has 3");
    let nul = results[4].as_ref().expect_err("NUL");
    assert_eq!((nul.line, nul.column.as_str()), (6, "Name"));
    assert!(nul.reason.contains("NUL"));
}

#[test]
fn an_unclosed_quote_rejects_the_row_it_opens_in() {
    let file = read(b"Name,Email,Notes\nAisyah,a@kedai.my,fine\nBudi,b@toko.id,\"never closed\nCitra,c@batik.id,x\n")
        .expect("read");
    let results: Vec<_> = file.records().collect();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0].as_ref().expect("well formed").fields,
        strings(&["Aisyah", "a@kedai.my", "fine"])
    );
    let open = results[1].as_ref().expect_err("unclosed");
    assert_eq!((open.line, open.column.as_str()), (3, "Notes"));
    assert!(open.reason.contains("never closed"), "{}", open.reason);
    // A quote left open at the very end of the file, with nothing after it.
    let file = read(b"Name,Notes\nAisyah,\"").expect("read");
    assert_eq!(file.records().filter(Result::is_err).count(), 0);
}

#[test]
fn a_ten_megabyte_field_is_rejected_and_the_next_row_still_reads() {
    let mut bytes = b"Name,Notes\nAisyah,\"".to_vec();
    bytes.resize(bytes.len() + 10 * 1024 * 1024, b'x');
    bytes.extend_from_slice(b"\"\nBudi,short\n");
    let file = read(&bytes).expect("read");
    let results: Vec<_> = file.records().collect();
    let huge = results[0].as_ref().expect_err("too long");
    assert_eq!(huge.column, "Notes");
    assert_eq!(huge.reason, "Is longer than 100,000 characters");
    assert_eq!(
        results[1].as_ref().expect("short row").fields,
        strings(&["Budi", "short"])
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever the bytes, reading and iterating end without a panic, and `len` counts exactly
    /// what `records` yields.
    #[test]
    fn any_bytes_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(file) = read(&bytes) {
            prop_assert_eq!(file.records().count(), file.len());
        }
    }

    #[test]
    fn any_csv_like_text_reads_without_panic(
        parts in proptest::collection::vec(
            prop_oneof![
                Just(","), Just(";"), Just("\t"), Just("\""), Just("\"\""), Just("\r"),
                Just("\n"), Just("\r\n"), Just("\0"), Just("é"), Just("Name"), Just("a@b.co"),
                Just("\u{feff}"), Just(" "), Just("1"),
            ],
            0..60,
        )
    ) {
        let text = parts.concat();
        if let Ok(file) = read(text.as_bytes()) {
            let plan = super::super::guess(file.headers()).compile(file.headers());
            prop_assert!(plan.is_ok());
            let plan = plan.expect("checked");
            let mut count = 0;
            for record in file.records() {
                count += 1;
                if let Ok(record) = record {
                    let _ = plan.convert(&record);
                }
            }
            prop_assert_eq!(count, file.len());
        }
    }
}
