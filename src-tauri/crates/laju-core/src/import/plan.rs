//! A [`Mapping`] checked against one file's header: every name resolved to a column index once,
//! every setting validated, so converting a row is only lookups and parsing.

use super::cell::{Dates, DEFAULT_DATE_FORMATS, DEFAULT_EMPTY};
use super::convert::Draft;
use super::target::Target;
use super::Mapping;
use chrono::format::{Item, StrftimeItems};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("Column “{header}” is mapped to “{target}”, which is not a field Laju knows.")]
    UnknownTarget { header: String, target: String },
    #[error("The mapping's {section} name “{target}”, which is not a field Laju knows.")]
    UnknownField {
        section: &'static str,
        target: String,
    },
    #[error("“{0}” is not a time zone (expected an IANA name such as Asia/Kuala_Lumpur).")]
    Timezone(String),
    #[error("“{0}” is not a date format (expected chrono notation such as %d/%m/%Y).")]
    DateFormat(String),
    #[error("“{0}” is not a currency (expected a three-letter code such as MYR, IDR or USD).")]
    Currency(String),
    #[error("The default for {target} does not fit: {reason}.")]
    Default { target: String, reason: String },
    #[error(
        "The value map for {target} turns “{from}” into something that does not fit: {reason}."
    )]
    Value {
        target: String,
        from: String,
        reason: String,
    },
}

/// File text (lower-cased) → the value to parse instead.
pub(super) type ValueMap = BTreeMap<String, String>;

/// One column feeding one field.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub column: usize,
    pub header: String,
    pub target: Target,
    /// A date column held to the one format that reads all its cells (`dates.rs`).
    pub dates: Option<Dates>,
}

/// A mapping compiled for one file; [`Plan::convert`] turns its records into leads.
#[derive(Debug, Clone)]
pub struct Plan {
    /// In file order, so when two columns fill one field the leftmost non-empty one wins.
    pub(super) rules: Vec<Rule>,
    /// Vectors and B-trees rather than hash maps: a handful of short keys, looked up once per
    /// cell, compare faster than they hash.
    pub(super) values: Vec<(Target, ValueMap)>,
    pub(super) empty: Vec<String>,
    pub(super) defaults: Vec<(Target, String)>,
    pub(super) dates: Dates,
    pub(super) currency: String,
    missing: Vec<String>,
    unmapped: Vec<String>,
}

impl Plan {
    /// Columns the mapping names that this file does not have.
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// Named columns of the file that no rule reads: their data would not be imported.
    pub fn unmapped(&self) -> &[String] {
        &self.unmapped
    }
}

impl Mapping {
    /// Resolves the mapping against a file's header (names matched trimmed, case-insensitive).
    /// A header that is itself a field name ("contact.email") maps to it unless the mapping
    /// says otherwise, so a Laju export imports back without a mapping.
    pub fn compile(&self, headers: &[String]) -> Result<Plan, MappingError> {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (column, header) in headers.iter().enumerate() {
            if !header.trim().is_empty() {
                index.entry(key(header)).or_insert(column);
            }
        }
        let mut rules = Vec::new();
        let mut missing = Vec::new();
        for (header, name) in &self.columns {
            let target = Target::parse(name).ok_or_else(|| MappingError::UnknownTarget {
                header: header.clone(),
                target: name.clone(),
            })?;
            match index.get(&key(header)) {
                Some(&column) => rules.push(Rule {
                    column,
                    header: headers[column].trim().to_string(),
                    target,
                    dates: None,
                }),
                None => missing.push(header.clone()),
            }
        }
        let mentioned: HashSet<String> = self.columns.keys().map(|h| key(h)).collect();
        for (column, header) in headers.iter().enumerate() {
            if mentioned.contains(&key(header)) {
                continue;
            }
            if let Some(target) = Target::exact(header.trim()) {
                rules.push(Rule {
                    column,
                    header: header.trim().to_string(),
                    target,
                    dates: None,
                });
            }
        }
        rules.sort_by_key(|rule| rule.column);
        let read: HashSet<usize> = rules.iter().map(|rule| rule.column).collect();
        let unmapped = headers
            .iter()
            .enumerate()
            .filter(|(column, header)| !header.trim().is_empty() && !read.contains(column))
            .map(|(_, header)| header.trim().to_string())
            .collect();

        let dates = self.dates()?;
        Ok(Plan {
            rules,
            values: self.value_maps(&dates)?,
            empty: self.empties(),
            defaults: self.defaults(&dates)?,
            dates,
            currency: self.currency()?,
            missing,
            unmapped,
        })
    }

    /// Each result is checked once here: one that does not parse would reject every row
    /// carrying that value.
    fn value_maps(&self, dates: &Dates) -> Result<Vec<(Target, ValueMap)>, MappingError> {
        let mut out = Vec::new();
        for (name, map) in &self.values {
            let target = Target::parse(name).ok_or_else(|| MappingError::UnknownField {
                section: "values",
                target: name.clone(),
            })?;
            for (from, to) in map {
                let to = to.trim();
                if !to.is_empty() {
                    Draft::new(0)
                        .apply(target, "", to, dates)
                        .map_err(|reason| MappingError::Value {
                            target: name.clone(),
                            from: from.clone(),
                            reason,
                        })?;
                }
            }
            out.push((target, value_map(map)));
        }
        Ok(out)
    }

    /// The placeholders, compared by [`key`].
    pub(super) fn empties(&self) -> Vec<String> {
        match &self.empty {
            Some(list) => list.iter().map(|e| key(e)).collect(),
            None => DEFAULT_EMPTY.iter().map(|e| key(e)).collect(),
        }
    }

    pub(super) fn dates(&self) -> Result<Dates, MappingError> {
        Ok(Dates {
            formats: self.formats()?,
            zone: self.zone()?,
        })
    }

    fn formats(&self) -> Result<Vec<String>, MappingError> {
        if self.date_formats.is_empty() {
            return Ok(DEFAULT_DATE_FORMATS.iter().map(|f| f.to_string()).collect());
        }
        for format in &self.date_formats {
            if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
                return Err(MappingError::DateFormat(format.clone()));
            }
        }
        Ok(self.date_formats.clone())
    }

    fn zone(&self) -> Result<Tz, MappingError> {
        let name = self.timezone.trim();
        if name.is_empty() {
            return Ok(Tz::UTC);
        }
        name.parse()
            .map_err(|_| MappingError::Timezone(self.timezone.clone()))
    }

    fn currency(&self) -> Result<String, MappingError> {
        let code = self.currency.trim().to_ascii_uppercase();
        if code.is_empty() || (code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic())) {
            Ok(code)
        } else {
            Err(MappingError::Currency(self.currency.clone()))
        }
    }

    /// Checked once here: a bad default would otherwise reject every row that uses it.
    fn defaults(&self, dates: &Dates) -> Result<Vec<(Target, String)>, MappingError> {
        let mut out = Vec::new();
        for (name, value) in &self.defaults {
            let target = Target::parse(name).ok_or_else(|| MappingError::UnknownField {
                section: "defaults",
                target: name.clone(),
            })?;
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            Draft::new(0)
                .apply(target, "", &value, dates)
                .map_err(|reason| MappingError::Default {
                    target: name.clone(),
                    reason,
                })?;
            out.push((target, value));
        }
        Ok(out)
    }
}

/// A mapping's value map as a lookup: keys by [`key`], values trimmed; of two keys that differ
/// only in case, the later wins.
pub(super) fn value_map(map: &BTreeMap<String, String>) -> ValueMap {
    map.iter()
        .map(|(from, to)| (key(from), to.trim().to_string()))
        .collect()
}

/// How headers, value-map keys and placeholders are compared.
pub(super) fn key(text: &str) -> String {
    text.trim().to_lowercase()
}
