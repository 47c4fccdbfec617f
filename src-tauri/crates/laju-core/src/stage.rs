use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a lead stands in its lifecycle: the seven stages of the main path, then the three
/// off-path stages that always carry a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Stage {
    Anonymous,
    Known,
    Mql,
    Sal,
    Sql,
    Opportunity,
    Customer,
    Recycled,
    Disqualified,
    ClosedLost,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Anonymous,
        Stage::Known,
        Stage::Mql,
        Stage::Sal,
        Stage::Sql,
        Stage::Opportunity,
        Stage::Customer,
        Stage::Recycled,
        Stage::Disqualified,
        Stage::ClosedLost,
    ];

    /// The main path, in order; funnel steps and "forward" are defined by it.
    pub const MAIN_PATH: [Stage; 7] = [
        Stage::Anonymous,
        Stage::Known,
        Stage::Mql,
        Stage::Sal,
        Stage::Sql,
        Stage::Opportunity,
        Stage::Customer,
    ];

    /// Where the stage sits on the main path (Anonymous is 0); `None` off it.
    pub fn path_position(self) -> Option<usize> {
        Stage::MAIN_PATH.iter().position(|s| *s == self)
    }

    /// Stable one-byte code for index keys; never reorder.
    pub fn code(self) -> u8 {
        match self {
            Stage::Anonymous => 0,
            Stage::Known => 1,
            Stage::Mql => 2,
            Stage::Sal => 3,
            Stage::Sql => 4,
            Stage::Opportunity => 5,
            Stage::Customer => 6,
            Stage::Recycled => 7,
            Stage::Disqualified => 8,
            Stage::ClosedLost => 9,
        }
    }

    pub fn from_code(code: u8) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The wire name, also what the CLI accepts.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Anonymous => "anonymous",
            Stage::Known => "known",
            Stage::Mql => "mql",
            Stage::Sal => "sal",
            Stage::Sql => "sql",
            Stage::Opportunity => "opportunity",
            Stage::Customer => "customer",
            Stage::Recycled => "recycled",
            Stage::Disqualified => "disqualified",
            Stage::ClosedLost => "closedLost",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(text.trim()))
    }

    /// English label for the CLI and error messages; the UI translates the key instead.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Anonymous => "Anonymous visitor",
            Stage::Known => "Known lead",
            Stage::Mql => "MQL",
            Stage::Sal => "SAL",
            Stage::Sql => "SQL",
            Stage::Opportunity => "Opportunity",
            Stage::Customer => "Customer",
            Stage::Recycled => "Recycled",
            Stage::Disqualified => "Disqualified",
            Stage::ClosedLost => "Closed lost",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_keys_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_code(stage.code()), Some(stage));
            assert_eq!(Stage::parse(stage.key()), Some(stage));
            let json = serde_json::to_string(&stage).expect("serialise");
            assert_eq!(json, format!("\"{}\"", stage.key()));
        }
    }
}
