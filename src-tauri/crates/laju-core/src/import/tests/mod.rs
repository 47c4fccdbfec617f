//! Import tests: reading, mapping, presets, the broken-file corpus and the real X Education
//! export. Fixtures live in the repository's tests/fixtures/import.

mod activities;
mod converting;
mod corpus;
mod dates;
mod encodings;
mod presets;
mod reading;
mod values;
mod xeducation;

use super::{read, Incoming, Mapping, Record, Rejection};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!(
        "{}/../../../tests/fixtures/import/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&full).unwrap_or_else(|e| panic!("fixture {full}: {e}"))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn record(line: u64, fields: &[&str]) -> Record {
    Record {
        line,
        fields: strings(fields),
    }
}

/// The whole pure pipeline: read, compile, convert every record.
fn import(bytes: &[u8], mapping: &Mapping) -> (Vec<Incoming>, Vec<Rejection>) {
    let file = read(bytes).expect("readable file");
    let mut plan = mapping.compile(file.headers()).expect("valid mapping");
    // As the engine reads a file: every record first, each date column held to one format.
    let records: Vec<_> = file.records().collect();
    plan.settle_date_formats(records.iter().filter_map(|r| r.as_ref().ok()));
    let mut leads = Vec::new();
    let mut rejected = Vec::new();
    for record in records {
        match record.and_then(|r| plan.convert(&r)) {
            Ok(lead) => leads.push(lead),
            Err(rejection) => rejected.push(rejection),
        }
    }
    assert_eq!(
        leads.len() + rejected.len(),
        file.len(),
        "every record counted"
    );
    (leads, rejected)
}

/// A mapping from `(header, target)` pairs.
fn mapping(columns: &[(&str, &str)]) -> Mapping {
    let mut m = Mapping::default();
    for (header, target) in columns {
        m.columns.insert(header.to_string(), target.to_string());
    }
    m
}
