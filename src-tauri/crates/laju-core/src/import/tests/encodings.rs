//! Files as Excel saves "CSV" on Chinese, Taiwanese, Japanese and Western Windows, read back
//! to the exact characters; the user's choice of encoding; characters that could not be read.
//! The fixtures are real byte files written by tests/fixtures/import/encodings/make_fixtures.py.

use super::super::{read, read_as, ReadError, Replaced, TextEncoding, ENCODINGS};
use super::{fixture, strings};

fn encoded(name: &str) -> Vec<u8> {
    fixture(&format!("encodings/{name}"))
}

fn rows(bytes: &[u8], encoding: Option<TextEncoding>) -> Vec<Vec<String>> {
    let file = read_as(bytes, encoding).expect("readable");
    file.records()
        .map(|r| r.expect("well formed").fields)
        .collect()
}

fn label(name: &str) -> TextEncoding {
    TextEncoding::from_label(name).expect("a known label")
}

#[test]
fn excel_files_from_chinese_japanese_and_western_windows_read_as_written() {
    let cases: [(&str, &str, [[&str; 4]; 3]); 4] = [
        (
            "gb18030.csv",
            "GB18030",
            [
                [
                    "张伟",
                    "zhang.wei@example.cn",
                    "北京星河科技有限公司",
                    "中国",
                ],
                ["李娜", "li.na@example.cn", "上海东方贸易公司", "中国"],
                // 䶮 is outside GBK: four bytes in GB18030.
                ["刘䶮", "liu.yan@example.cn", "广州南方物流", "中国"],
            ],
        ),
        (
            "big5.csv",
            "Big5",
            [
                [
                    "陳美玲",
                    "chen.meiling@example.tw",
                    "臺北雲端資訊股份有限公司",
                    "臺灣",
                ],
                ["林志明", "lin.zhiming@example.tw", "高雄港灣貿易", "臺灣"],
                ["黃淑芬", "huang.shufen@example.tw", "臺中精密機械", "臺灣"],
            ],
        ),
        (
            "shift_jis.csv",
            "Shift_JIS",
            [
                [
                    "山田太郎",
                    "yamada.taro@example.jp",
                    "東京システム株式会社",
                    "日本",
                ],
                ["佐藤花子", "sato.hanako@example.jp", "大阪物産", "日本"],
                ["鈴木一郎", "suzuki.ichiro@example.jp", "名古屋精工", "日本"],
            ],
        ),
        (
            "windows-1252.csv",
            "windows-1252",
            [
                [
                    "José Müller",
                    "jose.muller@example.de",
                    "Café Señor GmbH",
                    "Deutschland",
                ],
                [
                    "François Dubois",
                    "francois@example.fr",
                    "Crème Brûlée SARL",
                    "France",
                ],
                ["Zoë Ångström", "zoe@example.se", "Smörgås AB", "Sverige"],
            ],
        ),
    ];
    for (name, encoding, expected) in cases {
        let bytes = encoded(name);
        let file = read(&bytes).expect("readable");
        assert_eq!(file.encoding().name(), encoding, "{name}");
        assert_eq!(file.detected().name(), encoding, "{name}");
        assert_eq!(file.replaced(), None, "{name}");
        assert_eq!(
            file.headers(),
            strings(&["Name", "Email", "Company", "Country"])
        );
        let expected: Vec<Vec<String>> = expected.iter().map(|row| strings(row)).collect();
        assert_eq!(rows(&bytes, None), expected, "{name}");
    }
}

#[test]
fn a_short_chinese_file_is_not_taken_for_western_text() {
    // 张伟 in GBK: D5C5 CEB0. CE B0 alone is valid UTF-8 (ΰ); D5 C5 is not.
    let gbk = b"Name,City\r\n\xd5\xc5\xce\xb0,\xb1\xb1\xbe\xa9\r\n";
    assert_eq!(read(gbk).expect("readable").encoding().name(), "GB18030");
    assert_eq!(rows(gbk, None), [strings(&["张伟", "北京"])]);
    // 陳美玲 and 臺北 in Big5.
    let big5 = b"Name,City\r\n\xb3\xaf\xac\xfc\xac\xc2,\xbb\x4f\xa5\x5f\r\n";
    assert_eq!(read(big5).expect("readable").encoding().name(), "Big5");
    assert_eq!(rows(big5, None), [strings(&["陳美玲", "臺北"])]);
}

#[test]
fn a_one_row_file_is_read_in_the_encoding_its_email_addresses_point_to() {
    // Too few characters for the statistics alone (刘洋 read as ISO-8859-5, 山田 as
    // windows-1250): the addresses' .cn, .jp and .tw settle it.
    for (encoding, name, row) in [
        (encoding_rs::GB18030, "GB18030", "刘洋,l@a.cn"),
        (encoding_rs::SHIFT_JIS, "Shift_JIS", "山田,y@a.jp"),
        (encoding_rs::BIG5, "Big5", "陳美玲,m@a.com.tw"),
    ] {
        let text = format!("Name,Email\r\n{row}\r\n");
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{row}");
        assert_eq!(
            read(&bytes).expect("readable").encoding().name(),
            name,
            "{row}"
        );
        let fields: Vec<String> = row.split(',').map(str::to_string).collect();
        assert_eq!(rows(&bytes, None), [fields], "{name}");
    }
}

#[test]
fn the_chosen_encoding_is_used_and_detection_is_still_reported() {
    let bytes = encoded("gb18030.csv");
    let file = read_as(&bytes, Some(label("Big5"))).expect("readable");
    assert_eq!(file.encoding().name(), "Big5");
    assert_eq!(file.detected().name(), "GB18030");
    let first = &rows(&bytes, Some(label("Big5")))[0][0];
    assert_ne!(first, "张伟");
    // The user's pick of the right encoding reads the names right.
    assert_eq!(
        rows(&bytes, Some(label("gb18030")))[0][0],
        "张伟".to_string()
    );
}

#[test]
fn characters_the_chosen_encoding_cannot_read_are_counted_from_their_line() {
    // 张伟 read as UTF-8: D5 then C5 each start a sequence the next byte does not continue
    // (two U+FFFD); CE B0 is ΰ.
    let bytes = b"Name\nAisyah\n\xd5\xc5\xce\xb0\nBudi\n";
    let file = read_as(bytes, Some(label("UTF-8"))).expect("readable");
    assert_eq!(
        file.replaced(),
        Some(Replaced {
            count: 2,
            first_line: 3
        })
    );
    assert_eq!(rows(bytes, Some(label("UTF-8")))[1], ["\u{fffd}\u{fffd}ΰ"]);
    let gb = read_as(bytes, Some(label("GB18030"))).expect("readable");
    assert_eq!(gb.replaced(), None);
}

#[test]
fn a_utf8_file_with_one_damaged_byte_stays_utf8_and_says_where() {
    let bytes = encoded("utf8-damaged.csv");
    let file = read(&bytes).expect("readable");
    assert_eq!(file.encoding().name(), "UTF-8");
    assert_eq!(
        file.replaced(),
        Some(Replaced {
            count: 1,
            first_line: 3
        })
    );
    let names: Vec<String> = rows(&bytes, None)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(names, ["Nurul Áisyah", "Ana L\u{fffd}pez", "Søren Ærø"]);
}

#[test]
fn a_byte_order_mark_is_dropped_when_its_encoding_is_chosen() {
    let bytes = b"\xef\xbb\xbfName\nNurul \xc3\x81isyah\n";
    let file = read_as(bytes, Some(label("utf-8"))).expect("readable");
    assert_eq!(file.headers(), strings(&["Name"]));
    assert_eq!(file.replaced(), None);
    assert_eq!(
        rows(bytes, Some(label("UTF-8"))),
        [strings(&["Nurul Áisyah"])]
    );
}

#[test]
fn labels_name_encodings_by_any_of_their_usual_names() {
    for (given, name) in [
        ("GB18030", "GB18030"),
        ("gbk", "GB18030"),
        ("GB2312", "GB18030"),
        ("cp1252", "windows-1252"),
        ("big5", "Big5"),
        ("Shift_JIS", "Shift_JIS"),
        ("sjis", "Shift_JIS"),
        ("windows-1252", "windows-1252"),
        ("latin1", "windows-1252"),
        ("utf8", "UTF-8"),
        (" UTF-8 ", "UTF-8"),
        ("utf-16", "UTF-16LE"),
    ] {
        assert_eq!(label(given).name(), name, "{given}");
    }
}

#[test]
fn an_unknown_label_is_refused_with_the_names_to_use() {
    for given in ["GB2313", "", "iso-2022-kr", "x-user-defined"] {
        let error = TextEncoding::from_label(given).expect_err(given);
        let message = error.to_string();
        assert!(message.starts_with(&format!("“{given}” is not an encoding")));
        assert!(message.contains("GB18030, Big5, Shift_JIS"), "{message}");
    }
}

#[test]
fn a_wrongly_chosen_encoding_that_makes_binary_is_a_read_error() {
    // UTF-8 text read as UTF-16LE pairs every two letters into one CJK character; the NULs of
    // a UTF-16 file read as UTF-8 are control characters.
    let utf16: Vec<u8> = "Name\nAisyah\nBudi\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(
        read_as(&utf16, Some(label("UTF-8"))).map(|_| ()),
        Err(ReadError::NotText)
    );
}

#[test]
fn every_encoding_family_has_a_label_in_each_language() {
    for tag in ["en", "ms", "id", "zh-CN", "zh-TW"] {
        let path = format!(
            "{}/../../../ui/src/locales/data/{tag}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let messages: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        for encoding in ENCODINGS {
            let family = crate::wire(&encoding.family());
            let label = &messages["encoding"]["family"][&family];
            assert!(
                label.as_str().is_some_and(|l| !l.trim().is_empty()),
                "{tag}: encoding.family.{family}"
            );
        }
    }
}

#[test]
fn every_name_in_the_catalogue_reads_back_as_itself_once() {
    let names: Vec<&str> = ENCODINGS.iter().map(|e| e.name()).collect();
    for name in &names {
        assert_eq!(label(name).name(), *name);
        assert_eq!(names.iter().filter(|n| *n == name).count(), 1, "{name}");
    }
}
