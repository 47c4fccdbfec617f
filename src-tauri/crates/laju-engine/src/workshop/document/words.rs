//! The document's one catalogue of words: `words/<lang>.json`, embedded, one per language.
//! `doc.*` is the document's own wording; `domain.*` and `defaults.*` are the window's words for
//! stages, sources, fits… and for the shipped Playbook texts, copied from `ui/src/locales` (a
//! test keeps them equal), so the document calls everything what the window calls it.
//!
//! Also here: numbers, dates, durations and money as each language writes them.

use chrono::{Datelike, NaiveDate};
use laju_core::Locale;
use serde_json::Value;
use std::sync::OnceLock;

const SOURCES: [(Locale, &str); 5] = [
    (Locale::En, include_str!("words/en.json")),
    (Locale::Ms, include_str!("words/ms.json")),
    (Locale::Id, include_str!("words/id.json")),
    (Locale::ZhCn, include_str!("words/zh-CN.json")),
    (Locale::ZhTw, include_str!("words/zh-TW.json")),
];

fn catalogue(lang: Locale) -> &'static Value {
    static PARSED: OnceLock<Vec<(Locale, Value)>> = OnceLock::new();
    let all = PARSED.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(lang, text)| {
                // The files are part of the build; a test parses every one of them.
                let value = serde_json::from_str(text).unwrap_or(Value::Null);
                (*lang, value)
            })
            .collect()
    });
    all.iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, v)| v)
        .unwrap_or(&Value::Null)
}

/// The words of one language.
#[derive(Clone, Copy)]
pub(crate) struct Words {
    pub lang: Locale,
    map: &'static Value,
}

impl Words {
    pub fn of(lang: Locale) -> Words {
        Words {
            lang,
            map: catalogue(lang),
        }
    }

    fn lookup(&self, key: &str) -> Option<&'static str> {
        key.split('.')
            .try_fold(self.map, |node, part| node.get(part))
            .and_then(Value::as_str)
    }

    /// The text at a dotted key; a key missing in this language falls back to English, then to
    /// the key itself (the catalogue test keeps both from happening).
    pub fn get(&self, key: &str) -> String {
        self.lookup(key)
            .or_else(|| Words::of(Locale::En).lookup(key))
            .unwrap_or(key)
            .to_string()
    }

    /// Whether the catalogue has this key (used for words keyed by data, such as a field name).
    pub fn has(&self, key: &str) -> bool {
        self.lookup(key).is_some()
    }

    /// `get` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut text = self.get(key);
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `fill`, taking `<key>_one` when `n` is 1 and the language has it (English does; Malay,
    /// Indonesian and Chinese do not inflect).
    pub fn count(&self, key: &str, n: i64, args: &[(&str, String)]) -> String {
        let one = format!("{key}_one");
        let key = if n == 1 && self.lookup(&one).is_some() {
            one.as_str()
        } else {
            key
        };
        self.fill(key, args)
    }

    /// A wire-named value's word in `domain.<group>` ("stage", "mql" → "MQL").
    pub fn domain(&self, group: &str, wire: &str) -> String {
        let key = format!("domain.{group}.{wire}");
        if self.has(&key) {
            self.get(&key)
        } else {
            wire.to_string()
        }
    }

    pub fn stage(&self, stage: laju_core::Stage) -> String {
        self.domain("stage", &laju_core::wire(&stage))
    }

    pub fn list(&self, items: &[String]) -> String {
        items.join(&self.get("doc.listSeparator"))
    }

    /// 1,234 (English, Malay, Chinese) or 1.234 (Indonesian).
    pub fn number(&self, n: i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.group_separator());
            }
            out.push(c);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// Up to `places` decimals, trailing zeros dropped: 1,234.5 or 1.234,5.
    pub fn decimal(&self, x: f64, places: usize) -> String {
        let text = format!("{:.*}", places, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let fraction = fraction.trim_end_matches('0');
        let whole: i64 = whole.parse().unwrap_or(0);
        let sign = if x < 0.0 && (whole != 0 || !fraction.is_empty()) {
            "-"
        } else {
            ""
        };
        let mut out = format!("{sign}{}", self.number(whole));
        if !fraction.is_empty() {
            out.push(self.decimal_separator());
            out.push_str(fraction);
        }
        out
    }

    fn group_separator(&self) -> char {
        match self.lang {
            Locale::Id => '.',
            Locale::En | Locale::Ms | Locale::ZhCn | Locale::ZhTw => ',',
        }
    }

    fn decimal_separator(&self) -> char {
        match self.lang {
            Locale::Id => ',',
            Locale::En | Locale::Ms | Locale::ZhCn | Locale::ZhTw => '.',
        }
    }

    /// "5 December 2026", "5 Disember 2026", "5 Desember 2026", "2026年12月5日".
    pub fn date(&self, at: NaiveDate) -> String {
        self.fill(
            "doc.dateFormat",
            &[
                ("day", at.day().to_string()),
                ("month", self.get(&format!("doc.month.{}", at.month()))),
                ("year", at.year().to_string()),
            ],
        )
    }

    /// An amount with its currency code: "MYR 20,000".
    pub fn money(&self, amount: u64, currency: &str) -> String {
        format!(
            "{currency} {}",
            self.number(i64::try_from(amount).unwrap_or(i64::MAX))
        )
    }

    /// A response time or a wait as a person says it: whole days past two days, whole hours,
    /// else minutes ("5 minutes", "24 hours", "3 days").
    pub fn minutes(&self, minutes: u32) -> String {
        const DAY: u32 = 24 * 60;
        let (key, n) = if minutes > 2 * DAY && minutes.is_multiple_of(DAY) {
            ("doc.duration.days", minutes / DAY)
        } else if minutes >= 60 && minutes.is_multiple_of(60) {
            ("doc.duration.hours", minutes / 60)
        } else {
            ("doc.duration.minutes", minutes)
        };
        self.count(key, n.into(), &[("n", self.number(n.into()))])
    }

    pub fn days(&self, days: u32) -> String {
        self.count(
            "doc.duration.days",
            days.into(),
            &[("n", self.number(days.into()))],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    keys(&path, v, out);
                }
            }
            _ => {
                out.insert(prefix.to_string());
            }
        }
    }

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    #[test]
    fn every_key_exists_in_every_language_with_the_same_placeholders() {
        let mut english = BTreeSet::new();
        keys("", catalogue(Locale::En), &mut english);
        assert!(english.contains("doc.title"), "the English file parsed");
        // English alone inflects: its `_one` forms have no counterpart elsewhere.
        let needed: BTreeSet<_> = english.iter().filter(|k| !k.ends_with("_one")).collect();
        for lang in Locale::ALL {
            let mut these = BTreeSet::new();
            keys("", catalogue(lang), &mut these);
            let missing: Vec<_> = needed.iter().filter(|k| !these.contains(**k)).collect();
            assert!(missing.is_empty(), "{}: missing {missing:?}", lang.tag());
            let extra: Vec<_> = these.iter().filter(|k| !english.contains(*k)).collect();
            assert!(extra.is_empty(), "{}: not in English {extra:?}", lang.tag());
            let en = Words::of(Locale::En);
            let w = Words::of(lang);
            for key in &needed {
                assert_eq!(
                    placeholders(&w.get(key)),
                    placeholders(&en.get(key)),
                    "{}: placeholders of {key}",
                    lang.tag()
                );
            }
        }
    }

    #[test]
    fn the_domain_words_are_the_windows_words() {
        let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../ui/src/locales");
        let read = |path: String| -> Value {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        for lang in Locale::ALL {
            let tag = lang.tag();
            let ours = catalogue(lang);
            let domain = read(format!("{ui}/domain/{tag}.json"));
            for group in ["stage", "source", "fit", "activityType", "team", "slaType"] {
                assert_eq!(
                    ours["domain"][group], domain[group],
                    "{tag}: domain.{group}"
                );
            }
            let playbook = read(format!("{ui}/playbook/{tag}.json"));
            assert_eq!(ours["domain"]["sourceKey"], playbook["sourceKey"], "{tag}");
            let defaults = read(format!("{ui}/defaults/{tag}.json"));
            for group in ["stage", "criterion", "trigger", "routing"] {
                assert_eq!(ours["defaults"][group], defaults[group], "{tag}: {group}");
            }
        }
    }

    #[test]
    fn numbers_and_dates_read_as_each_language_writes_them() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 5).expect("valid");
        let expect = [
            (Locale::En, "1,234.5", "5 December 2026"),
            (Locale::Ms, "1,234.5", "5 Disember 2026"),
            (Locale::Id, "1.234,5", "5 Desember 2026"),
            (Locale::ZhCn, "1,234.5", "2026年12月5日"),
            (Locale::ZhTw, "1,234.5", "2026年12月5日"),
        ];
        for (lang, number, date) in expect {
            let w = Words::of(lang);
            assert_eq!(w.decimal(1234.5, 2), number, "{}", lang.tag());
            assert_eq!(w.date(at), date, "{}", lang.tag());
        }
        let en = Words::of(Locale::En);
        assert_eq!(en.number(-1_234_567), "-1,234,567");
        assert_eq!(en.decimal(0.000275, 6), "0.000275");
        assert_eq!(Words::of(Locale::Id).money(20_000, "MYR"), "MYR 20.000");
    }

    #[test]
    fn durations_read_in_the_largest_whole_unit() {
        let en = Words::of(Locale::En);
        assert_eq!(en.minutes(5), "5 minutes");
        assert_eq!(en.minutes(1), "1 minute");
        assert_eq!(en.minutes(90), "90 minutes");
        assert_eq!(en.minutes(24 * 60), "24 hours");
        assert_eq!(en.minutes(48 * 60), "48 hours");
        assert_eq!(en.minutes(7 * 24 * 60), "7 days");
        assert_eq!(Words::of(Locale::ZhCn).minutes(15), "15 分钟");
        assert_eq!(Words::of(Locale::Ms).days(1), "1 hari");
    }
}
