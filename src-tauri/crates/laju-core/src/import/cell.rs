//! Reading one cell's text as a typed value. Each parser returns the reason a user reads when the
//! text does not fit, naming the value and what was expected.

use crate::activity::{ActivityType, Channel, TouchOutcome};
use crate::lead::{ForecastCategory, SourceKind};
use crate::Stage;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use std::sync::LazyLock;

/// The formats tried after RFC 3339 when a mapping gives none: ISO, M/D/YYYY and DD-MM-YYYY,
/// with or without a time.
pub const DEFAULT_DATE_FORMATS: [&str; 10] = [
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%d-%m-%Y",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y",
];

/// Cell texts that mean "no value" when a mapping does not list its own.
pub const DEFAULT_EMPTY: [&str; 10] = [
    "",
    "select",
    "n/a",
    "na",
    "-",
    "--",
    "null",
    "none",
    "nil",
    "undefined",
];

/// How dates without a zone are read.
#[derive(Debug, Clone)]
pub(super) struct Dates {
    pub formats: Vec<String>,
    pub zone: Tz,
}

/// A parsed date: the instant, and the calendar day as the file wrote it.
pub(super) struct When {
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
}

impl Dates {
    pub fn parse(&self, text: &str) -> Result<When, String> {
        if let Ok(at) = DateTime::parse_from_rfc3339(text) {
            return Ok(When {
                at: at.with_timezone(&Utc),
                day: at.date_naive(),
            });
        }
        for format in &self.formats {
            if let Some(local) = local(text, format) {
                return Ok(When {
                    at: self.instant(local),
                    day: local.date(),
                });
            }
        }
        Err(format!(
            "“{text}” is not a date in a known format (such as 2024-03-31, 3/31/2024 or \
             31-03-2024); add its format to the mapping's date formats"
        ))
    }

    /// Which of the formats in `among` (bit n: the n-th format) read `text`.
    pub fn fitting(&self, text: &str, among: u64) -> u64 {
        let mut fits = 0;
        for (n, format) in self.formats.iter().enumerate().take(64) {
            if among & (1 << n) != 0 && local(text, format).is_some() {
                fits |= 1 << n;
            }
        }
        fits
    }

    /// A local time skipped by a daylight-saving jump is read an hour later, as clocks show it.
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        self.zone
            .from_local_datetime(&local)
            .earliest()
            .or_else(|| {
                self.zone
                    .from_local_datetime(&(local + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc))
    }
}

/// `text` as a local date and time in `format` (a date alone starts at midnight).
fn local(text: &str, format: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, format)
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, format)
                .ok()
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
}

pub(super) fn boolean(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!(
            "“{text}” is not yes or no (expected yes/no, true/false or 1/0)"
        )),
    }
}

/// Company sizes are often ranges ("11-50"): the first number is the one that is certain.
pub(super) fn employees(text: &str) -> Result<u32, String> {
    let expected = || format!("“{text}” is not a number of employees (expected 50 or 11-50)");
    let start = text
        .find(|c: char| c.is_ascii_digit())
        .ok_or_else(expected)?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().map_err(|_| expected())
}

/// Whole units: small-business deals do not need cents, so "1,234.50" is 1234. A leading
/// currency symbol or code ("RM 1,200", "$300") is allowed.
pub(super) fn amount(text: &str) -> Result<u64, String> {
    let expected = || format!("“{text}” is not an amount (expected a number such as 1,234.50)");
    let cleaned: String = text
        .trim_start_matches(|c: char| !c.is_ascii_digit() && c != '.' && c != '-')
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    let value: f64 = cleaned.parse().map_err(|_| expected())?;
    if !value.is_finite() || value < 0.0 || value >= u64::MAX as f64 {
        return Err(expected());
    }
    // Truncation is the rule: whole units, never rounded up.
    Ok(value.trunc() as u64)
}

pub(super) fn source_kind(text: &str) -> Result<SourceKind, String> {
    wire(&SourceKind::ALL, SourceKind::key, text).ok_or_else(|| {
        format!(
            "“{text}” is not a source (expected inbound, outbound, paidAds, event, referral, \
                 partner or database); map it in the mapping's values"
        )
    })
}

pub(super) fn stage(text: &str) -> Result<Stage, String> {
    wire(&Stage::ALL, Stage::key, text).ok_or_else(|| {
        format!(
            "“{text}” is not a stage (expected anonymous, known, mql, sal, sql, opportunity, \
                 customer, recycled, disqualified or closedLost); map it in the mapping's values"
        )
    })
}

pub(super) fn forecast(text: &str) -> Result<ForecastCategory, String> {
    match loose(text).as_str() {
        "pipeline" => Ok(ForecastCategory::Pipeline),
        "bestcase" => Ok(ForecastCategory::BestCase),
        "commit" => Ok(ForecastCategory::Commit),
        "omitted" => Ok(ForecastCategory::Omitted),
        _ => Err(format!(
            "“{text}” is not a forecast category (expected pipeline, bestCase, commit or omitted)"
        )),
    }
}

pub(super) fn activity_type(text: &str) -> Result<ActivityType, String> {
    static NAMES: LazyLock<Vec<(String, ActivityType)>> =
        LazyLock::new(|| loose_names(&ActivityType::ALL));
    by_wire(&NAMES, text).ok_or_else(|| {
        format!(
            "“{text}” is not an activity kind (expected pageVisit, pricingVisit, \
             contentDownload, webinar, emailOpen, emailClick, demoRequest, formSubmit, \
             contactUsForm, touch, meeting or note); map it in the mapping's values"
        )
    })
}

pub(super) fn channel(text: &str) -> Result<Channel, String> {
    static NAMES: LazyLock<Vec<(String, Channel)>> = LazyLock::new(|| loose_names(&Channel::ALL));
    by_wire(&NAMES, text)
        .ok_or_else(|| format!("“{text}” is not a channel (expected call, email or social)"))
}

pub(super) fn outcome(text: &str) -> Result<TouchOutcome, String> {
    static NAMES: LazyLock<Vec<(String, TouchOutcome)>> =
        LazyLock::new(|| loose_names(&TouchOutcome::ALL));
    by_wire(&NAMES, text).ok_or_else(|| {
        format!(
            "“{text}” is not a touch outcome (expected connected, replied, noAnswer, \
             leftMessage or bounced)"
        )
    })
}

/// Each value with its serde wire name as [`loose`] compares it, worked out once: a file has
/// a kind on every one of its million rows.
fn loose_names<T: Copy + serde::Serialize>(all: &[T]) -> Vec<(String, T)> {
    all.iter().map(|v| (loose(&crate::wire(v)), *v)).collect()
}

/// The value whose serde wire name the text spells, as loosely as [`wire`] reads.
fn by_wire<T: Copy>(names: &[(String, T)], text: &str) -> Option<T> {
    let wanted = loose(text);
    names
        .iter()
        .find(|(name, _)| *name == wanted)
        .map(|(_, v)| *v)
}

pub(super) fn currency(text: &str) -> String {
    text.to_ascii_uppercase()
}

/// Tags split on ';' or ',', blanks dropped, each kept once.
pub(super) fn tags(text: &str, into: &mut Vec<String>) {
    for tag in text.split([';', ',']).map(str::trim) {
        if !tag.is_empty() && !into.iter().any(|t| t == tag) {
            into.push(tag.to_string());
        }
    }
}

/// The variant whose wire name the text spells, ignoring case, spaces, '-' and '_': "Paid Ads",
/// "paid-ads" and "PAID_ADS" all name `paidAds`. Exact spellings, the common case, allocate
/// nothing.
fn wire<T: Copy>(all: &[T], key: fn(T) -> &'static str, text: &str) -> Option<T> {
    if let Some(exact) = all.iter().find(|v| key(**v).eq_ignore_ascii_case(text)) {
        return Some(*exact);
    }
    let wanted = loose(text);
    all.iter().find(|v| loose(key(**v)) == wanted).copied()
}

fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}
