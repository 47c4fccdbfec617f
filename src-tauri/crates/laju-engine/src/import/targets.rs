//! What the import wizard offers and shows before a run: the fields a column can fill, the
//! encodings a file can be read in, and what the file's values become under the mapping being
//! edited. All are laju-core's answers, so the window keeps no copy of the import's rules.

use super::Preset;
use crate::EngineError;
use laju_core::import::{self, EncodingFamily, ImportKind, Mapping, Reading};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportTargets {
    /// What a leads file can fill, in the order the mapping table's select shows them;
    /// `ignore` is in none.
    pub leads: Vec<TargetGroup>,
    /// What an activities file can fill, likewise.
    pub activities: Vec<TargetGroup>,
    /// The fields whose values are a closed set; value maps and defaults pick from these.
    pub enums: Vec<EnumTarget>,
    /// The shipped presets, each with the kind of file it reads.
    pub presets: Vec<PresetInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PresetInfo {
    pub preset: Preset,
    pub kind: ImportKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TargetGroup {
    pub id: String,
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EnumTarget {
    pub target: String,
    /// Wire names, in the order a select lists them.
    pub values: Vec<String>,
}

/// One encoding the wizard's select offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EncodingOption {
    /// What `ImportOptions::encoding` takes and the preview reports ("GB18030").
    pub name: String,
    /// The script it was made for, which the window names in the user's language.
    pub family: EncodingFamily,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReadImportValues {
    pub mapping: Mapping,
    pub target: String,
    /// File texts, as the sample shows them.
    pub texts: Vec<String>,
}

/// What one file text becomes in the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ValueReading {
    /// A placeholder or mapped to nothing: the field gets its default, if any.
    Empty,
    /// For a closed set, the wire name.
    Value { value: String },
    /// A row carrying the text would be rejected for this reason.
    Unknown { reason: String },
}

pub fn import_targets() -> ImportTargets {
    let groups = |kind| {
        import::target_groups(kind)
            .into_iter()
            .map(|(id, targets)| TargetGroup {
                id: id.to_string(),
                targets,
            })
            .collect()
    };
    ImportTargets {
        leads: groups(ImportKind::Leads),
        activities: groups(ImportKind::Activities),
        enums: import::enum_targets()
            .into_iter()
            .map(|(target, values)| EnumTarget { target, values })
            .collect(),
        presets: Preset::ALL
            .into_iter()
            .map(|preset| PresetInfo {
                preset,
                kind: preset.kind(),
            })
            .collect(),
    }
}

/// laju-core's catalogue of encodings, in its order.
pub fn encoding_options() -> Vec<EncodingOption> {
    import::ENCODINGS
        .iter()
        .map(|e| EncodingOption {
            name: e.name().to_string(),
            family: e.family(),
        })
        .collect()
}

/// One reading per text, in the same order.
pub fn read_values(input: &ReadImportValues) -> Result<Vec<ValueReading>, EngineError> {
    let readings = input
        .mapping
        .read_values(&input.target, &input.texts)
        .map_err(|e| EngineError::Invalid(e.to_string()))?;
    Ok(readings
        .into_iter()
        .map(|reading| match reading {
            Reading::Empty => ValueReading::Empty,
            Reading::Value(value) => ValueReading::Value { value },
            Reading::Unknown(reason) => ValueReading::Unknown { reason },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_travel_as_tagged_unions() {
        let input: ReadImportValues = serde_json::from_value(serde_json::json!({
            "mapping": { "values": { "source.kind": { "Google": "paidAds" } } },
            "target": "source.kind",
            "texts": ["google", "N/A", "Fax"],
        }))
        .expect("the window's shape");
        let readings = read_values(&input).expect("a known field");
        let json = serde_json::to_value(readings).expect("serialisable");
        assert_eq!(
            json[0],
            serde_json::json!({ "type": "value", "value": "paidAds" })
        );
        assert_eq!(json[1], serde_json::json!({ "type": "empty" }));
        assert_eq!(json[2]["type"], "unknown");
        assert!(json[2]["reason"].to_string().contains("“Fax”"));
    }

    #[test]
    fn an_unknown_field_is_a_request_to_fix() {
        let input = ReadImportValues {
            mapping: Mapping::default(),
            target: "colour".into(),
            texts: vec![],
        };
        assert!(matches!(read_values(&input), Err(EngineError::Invalid(_))));
    }

    #[test]
    fn the_catalogue_lists_the_groups_of_each_kind_and_the_enums() {
        let catalogue = import_targets();
        assert_eq!(catalogue.leads[0].id, "contact");
        assert_eq!(catalogue.leads[0].targets[0], "contact.name");
        assert_eq!(catalogue.activities[0].id, "activity");
        assert_eq!(catalogue.activities[0].targets[0], "activity.kind");
        assert_eq!(catalogue.enums[0].target, "source.kind");
        assert!(catalogue.enums[0].values.contains(&"paidAds".to_string()));
    }
}
