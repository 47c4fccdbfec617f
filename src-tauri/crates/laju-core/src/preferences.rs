use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The languages Laju speaks from the first screen. The wire names are BCP 47 tags so the UI
/// can hand them straight to `Intl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Locale {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ms")]
    Ms,
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Locale {
    pub const ALL: [Locale; 5] = [
        Locale::En,
        Locale::Ms,
        Locale::Id,
        Locale::ZhCn,
        Locale::ZhTw,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ms => "ms",
            Locale::Id => "id",
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
        }
    }
}

/// Per-workspace choices the user expects to find again after a restart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Preferences {
    /// `None` until the user picks one; the UI then follows the OS language.
    #[ts(optional = nullable)]
    pub locale: Option<Locale>,
    /// Who the user is on the team roster: the inbox's "my queue".
    #[serde(default)]
    #[ts(optional = nullable)]
    pub rep: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_wire_names_are_the_bcp47_tags() {
        for locale in Locale::ALL {
            let json = serde_json::to_string(&locale).expect("serialise");
            assert_eq!(json, format!("\"{}\"", locale.tag()));
            let back: Locale = serde_json::from_str(&json).expect("parse");
            assert_eq!(back, locale);
        }
    }

    #[test]
    fn preferences_without_a_locale_follow_the_os() {
        let prefs: Preferences = serde_json::from_str("{}").expect("parse");
        assert_eq!(prefs.locale, None);
    }
}
