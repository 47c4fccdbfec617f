//! How a file's text reads for one field under a mapping, answered by the code the import
//! itself runs, so a wizard can show what a value becomes before anything is imported.

use super::cell::{self, Dates};
use super::convert::{settle, Draft};
use super::plan::value_map;
use super::target::Target;
use super::{Mapping, MappingError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// A placeholder, a blank or mapped to nothing: the field is left to its default.
    Empty,
    /// What the field gets; for a closed set, the wire name the text spells.
    Value(String),
    /// The field cannot take the text, so a row carrying it would be rejected for this reason.
    Unknown(String),
}

impl Mapping {
    /// Each text as if it were a cell of a column mapped to `target`. Columns, defaults and
    /// currency play no part, so a mapping still being edited answers; only its date settings,
    /// which date fields are parsed with, must be valid.
    pub fn read_values(
        &self,
        target: &str,
        texts: &[String],
    ) -> Result<Vec<Reading>, MappingError> {
        let field = Target::parse(target).ok_or_else(|| MappingError::UnknownField {
            section: "values",
            target: target.to_string(),
        })?;
        let dates = self.dates()?;
        // The first map naming the field, as compiling picks it.
        let map = self
            .values
            .iter()
            .find(|(name, _)| Target::parse(name) == Some(field))
            .map(|(_, map)| value_map(map));
        let empty = self.empties();
        Ok(texts
            .iter()
            .map(|text| match settle(text, map.as_ref(), &empty) {
                None => Reading::Empty,
                Some(text) => match parse(field, &text, &dates) {
                    Ok(value) => Reading::Value(value),
                    Err(reason) => Reading::Unknown(reason),
                },
            })
            .collect())
    }
}

/// The parsers a lead's fields are filled with; a closed set answers with its wire name rather
/// than the file's spelling ("Paid Ads" reads as `paidAds`).
fn parse(field: Target, text: &str, dates: &Dates) -> Result<String, String> {
    match field {
        Target::SourceKind => cell::source_kind(text).map(|kind| kind.key().to_string()),
        Target::Stage => cell::stage(text).map(|stage| stage.key().to_string()),
        _ => Draft::new(0)
            .apply(field, "", text, dates)
            .map(|()| text.to_string()),
    }
}
