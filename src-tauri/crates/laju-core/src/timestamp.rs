//! How a moment is written, for `#[serde(with = "crate::timestamp")]`: RFC 3339 text in formats
//! people read (JSON for the window, the Playbook, exports), nanoseconds since 1970 in binary
//! ones (the lead records). Parsing text was half the time spent decoding a record, and a large
//! workspace decodes every record when it opens.
//!
//! Reading accepts both forms whatever the format says of itself: records written before
//! moments became numbers hold text, and serde reads the fields of internally tagged enums
//! (`Outcome`, `Resolution`) through a buffer that calls itself human-readable.

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    match at.timestamp_nanos_opt() {
        Some(nanos) if !serializer.is_human_readable() => serializer.serialize_i64(nanos),
        // Outside 1677–2262 nanoseconds overflow an i64; such a moment stays text.
        _ => at.serialize(serializer),
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_any(Moment)
}

/// The same for optional moments.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        at: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => serializer.serialize_some(&Written(at)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        deserializer.deserialize_option(Maybe)
    }

    struct Written<'a>(&'a DateTime<Utc>);

    impl Serialize for Written<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize(self.0, serializer)
        }
    }

    struct Maybe;

    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<DateTime<Utc>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a moment or nothing")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            super::deserialize(deserializer).map(Some)
        }
    }
}

struct Moment;

impl Visitor<'_> for Moment {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 moment or nanoseconds since 1970")
    }

    fn visit_i64<E: de::Error>(self, nanos: i64) -> Result<Self::Value, E> {
        Ok(DateTime::from_timestamp_nanos(nanos))
    }

    fn visit_u64<E: de::Error>(self, nanos: u64) -> Result<Self::Value, E> {
        i64::try_from(nanos)
            .map(DateTime::from_timestamp_nanos)
            .map_err(|_| E::custom(format!("{nanos} ns is past the year 2262")))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        text.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Stamped {
        #[serde(with = "crate::timestamp")]
        at: DateTime<Utc>,
        #[serde(with = "crate::timestamp::option", default)]
        due: Option<DateTime<Utc>>,
    }

    fn stamped() -> Stamped {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 5, 9, 30, 0)
            .single()
            .expect("valid");
        Stamped {
            at: at + chrono::Duration::nanoseconds(123_456_789),
            due: Some(at),
        }
    }

    #[test]
    fn people_read_rfc_3339_text() {
        let json = serde_json::to_string(&stamped()).expect("json");
        assert_eq!(
            json,
            r#"{"at":"2026-03-05T09:30:00.123456789Z","due":"2026-03-05T09:30:00Z"}"#
        );
        assert_eq!(
            serde_json::from_str::<Stamped>(&json).expect("reads"),
            stamped()
        );
        let none: Stamped = serde_json::from_str(r#"{"at":"2026-03-05T09:30:00+08:00"}"#)
            .expect("an absent optional moment is none");
        assert_eq!(none.due, None);
        assert_eq!(none.at, Utc.with_ymd_and_hms(2026, 3, 5, 1, 30, 0).unwrap());
    }

    #[test]
    fn a_moment_too_far_out_for_nanoseconds_stays_text() {
        let far = Stamped {
            at: Utc.with_ymd_and_hms(2300, 1, 1, 0, 0, 0).unwrap(),
            due: None,
        };
        let json = serde_json::to_string(&far).expect("json");
        assert!(json.contains("2300-01-01T00:00:00Z"), "{json}");
        assert!(serde_json::from_str::<Stamped>(r#"{"at":"soon"}"#).is_err());
    }
}
