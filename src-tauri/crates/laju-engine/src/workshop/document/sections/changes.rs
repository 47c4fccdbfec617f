//! What changed since the version before, from `Workspace::playbook_history`'s edits (dotted
//! JSON paths with the old and new value), worded readably: "MQL threshold: 50 → 40",
//! "Response time for ICP MQL: 5 minutes → 15 minutes". A list item an edit touches is named
//! from the version that has it (the new one, or the old one for a removal).

use super::{list, paragraph, section, shown, Shipped};
use crate::playbook::{Edit, PlaybookVersion};
use crate::workshop::document::words::Words;
use crate::workshop::document::Section;
use laju_core::Stage;
use serde_json::Value;

pub(super) fn changes(
    w: &Words,
    this: &PlaybookVersion,
    previous: Option<&PlaybookVersion>,
    edits: &[Edit],
) -> Section {
    let Some(previous) = previous else {
        return section(
            "changes",
            w.get("doc.changes.headingFirst"),
            vec![paragraph(w.get("doc.changes.first"))],
        );
    };
    let heading = w.fill(
        "doc.changes.heading",
        &[("previous", w.number(previous.version.into()))],
    );
    let mut blocks = vec![paragraph(w.fill(
        "doc.changes.savedBy",
        &[
            ("actor", this.actor.clone()),
            ("date", w.date(super::saved_on(this))),
        ],
    ))];
    if edits.is_empty() {
        blocks.push(paragraph(w.get("doc.changes.none")));
    } else {
        blocks.push(list(false, worded(w, this, previous, edits)));
    }
    section("changes", heading, blocks)
}

/// `edits` (from `previous` to `this`) as lines a person reads.
pub(in crate::workshop::document) fn worded(
    w: &Words,
    this: &PlaybookVersion,
    previous: &PlaybookVersion,
    edits: &[Edit],
) -> Vec<String> {
    let json = |p: &PlaybookVersion| serde_json::to_value(&p.playbook).unwrap_or(Value::Null);
    let versions = Versions {
        after: json(this),
        before: json(previous),
    };
    edits.iter().map(|e| line(w, &versions, e)).collect()
}

struct Versions {
    after: Value,
    before: Value,
}

impl Versions {
    /// The item at `path` in the new version, else in the old one.
    fn item(&self, path: &[&str]) -> Option<&Value> {
        find(&self.after, path).or_else(|| find(&self.before, path))
    }

    fn text(&self, path: &[&str], key: &str) -> String {
        self.item(path)
            .and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    }
}

fn find<'a>(root: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(root, |node, seg| match node {
        Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get(i)),
        Value::Object(map) => map.get(*seg),
        _ => None,
    })
}

/// What an edit touched: the words for it, the path below it, and how its values read.
struct Subject {
    what: String,
    rest: Vec<String>,
    values: Values,
}

#[derive(Clone, Copy)]
enum Values {
    Plain,
    Minutes,
    /// Wire names of a domain group (`gates` hold criterion names).
    Domain(&'static str),
    /// A shipped text may still be the default of this item.
    Stage(Stage),
    Criterion,
    Trigger,
    Routing,
}

fn subject(w: &Words, v: &Versions, segs: &[&str]) -> Subject {
    let named = |key: &str, name: String| w.fill(key, &[("name", name)]);
    let rest = |from: usize| segs.iter().skip(from).map(|s| s.to_string()).collect();
    let plain = |what: String, from: usize| Subject {
        what,
        rest: rest(from),
        values: Values::Plain,
    };
    match segs {
        ["engagement", "mqlThreshold"] => plain(w.get("doc.edit.mqlThreshold"), 2),
        ["priorityBands", "highFrom"] => plain(w.get("doc.edit.highPriorityFrom"), 2),
        ["priorityBands", "mediumFrom"] => plain(w.get("doc.edit.mediumPriorityFrom"), 2),
        ["engagement", "decayHalfLifeDays"] => plain(w.get("doc.edit.halfLife"), 2),
        ["engagement", "criteria", ..] if segs.len() > 2 => {
            let id = v.text(&segs[..3], "id");
            let label = shown(w, Shipped::Criterion(&id), &v.text(&segs[..3], "label"));
            Subject {
                what: named("doc.edit.criterion", label),
                rest: rest(3),
                values: Values::Criterion,
            }
        }
        ["composite", part] => plain(
            named("doc.edit.weight", w.get(&format!("doc.scoring.{part}"))),
            2,
        ),
        [table @ ("sourcePoints" | "qualificationPoints" | "fitPoints"), _, ..] => {
            let (key, field, group) = match *table {
                "sourcePoints" => ("doc.edit.sourcePoints", "source", "sourceKey"),
                "qualificationPoints" => ("doc.edit.qualificationPoints", "level", "qualification"),
                _ => ("doc.edit.fitPoints", "fit", "fit"),
            };
            let name = w.domain(group, &v.text(&segs[..2], field));
            // The row's one number is its points: "Source points: Referral: 100 → 90".
            let below: Vec<String> = rest(2);
            let below = if below == ["points"] {
                Vec::new()
            } else {
                below
            };
            Subject {
                what: named(key, name),
                rest: below,
                values: Values::Plain,
            }
        }
        ["stages", _, ..] => {
            let wire = v.text(&segs[..2], "stage");
            let stage = serde_json::from_value(Value::String(wire.clone())).ok();
            Subject {
                what: named("doc.edit.stage", w.domain("stage", &wire)),
                rest: rest(2),
                values: stage.map_or(Values::Plain, Values::Stage),
            }
        }
        ["gates", ..] => Subject {
            what: w.get("doc.edit.gates"),
            rest: Vec::new(),
            values: Values::Domain("criterion"),
        },
        ["minStakeholders"] => plain(w.get("doc.edit.minStakeholders"), 1),
        ["triggers", _, ..] => {
            let id = v.text(&segs[..2], "id");
            let label = shown(w, Shipped::Trigger(&id), &v.text(&segs[..2], "label"));
            Subject {
                what: named("doc.edit.trigger", label),
                rest: rest(2),
                values: Values::Trigger,
            }
        }
        [area @ ("icp" | "temperature" | "quadrant" | "money"), ..] => {
            plain(w.get(&format!("doc.edit.{area}")), 1)
        }
        ["handoff", "sla", "targets", _, ..] => {
            let name = w.domain("slaType", &v.text(&segs[..4], "leadType"));
            Subject {
                what: named("doc.edit.sla", name),
                rest: Vec::new(),
                values: Values::Minutes,
            }
        }
        ["handoff", "sla", "hours", ..] => plain(w.get("doc.edit.hours"), 3),
        ["handoff", "routing", _, ..] => {
            let id = v.text(&segs[..3], "id");
            let label = shown(w, Shipped::Routing(&id), &v.text(&segs[..3], "label"));
            Subject {
                what: named("doc.edit.routing", label),
                rest: rest(3),
                values: Values::Routing,
            }
        }
        ["handoff", "roster", _, ..] => plain(named("doc.edit.rep", v.text(&segs[..3], "name")), 3),
        ["handoff", "sequences", _, ..] => plain(
            named(
                "doc.edit.sequence",
                w.domain("sequence", &v.text(&segs[..3], "kind")),
            ),
            3,
        ),
        ["handoff", "recycling", ..] => plain(w.get("doc.edit.recycling"), 2),
        ["conversionBands", _, ..] => {
            let from = w.domain("stage", &v.text(&segs[..2], "from"));
            let to = w.domain("stage", &v.text(&segs[..2], "to"));
            plain(named("doc.edit.band", format!("{from} → {to}")), 2)
        }
        _ => plain(segs.join("."), segs.len()),
    }
}

fn line(w: &Words, v: &Versions, edit: &Edit) -> String {
    let segs: Vec<&str> = edit.path.split('.').collect();
    let subject = subject(w, v, &segs);
    let fields: Vec<&str> = subject
        .rest
        .iter()
        .map(String::as_str)
        .filter(|s| s.parse::<usize>().is_err())
        .collect();
    // The most specific field the catalogue names ("condition.count" → "how many").
    let field = fields
        .iter()
        .rev()
        .find(|f| w.has(&format!("doc.field.{f}")))
        .or(fields.first())
        .copied();
    let what = match field {
        Some(f) => {
            let key = format!("doc.field.{f}");
            let word = if w.has(&key) {
                w.get(&key)
            } else {
                f.to_string()
            };
            format!("{} · {word}", subject.what)
        }
        None => subject.what.clone(),
    };
    let show = |v: &Value| value(w, subject.values, field, v);
    match (&edit.before, &edit.after) {
        // A whole list item came or went: its name says enough.
        (None, Some(_)) if field.is_none() => w.fill("doc.changes.addedItem", &[("what", what)]),
        (Some(_), None) if field.is_none() => w.fill("doc.changes.removedItem", &[("what", what)]),
        (None, Some(after)) => w.fill(
            "doc.changes.added",
            &[("what", what), ("after", show(after))],
        ),
        (Some(before), None) => w.fill(
            "doc.changes.removed",
            &[("what", what), ("before", show(before))],
        ),
        (Some(before), Some(after)) => w.fill(
            "doc.changes.line",
            &[
                ("what", what),
                ("before", show(before)),
                ("after", show(after)),
            ],
        ),
        (None, None) => what,
    }
}

/// A value as the document words it: numbers by locale, yes/no, durations, wire names as the
/// window names them, a shipped text in the reader's language, lists joined.
fn value(w: &Words, values: Values, field: Option<&str>, v: &Value) -> String {
    let raw = match v {
        Value::Null => return w.get("doc.changes.empty"),
        Value::String(s) if s.is_empty() => return w.get("doc.changes.empty"),
        Value::Bool(yes) => {
            return w.get(if *yes {
                "doc.changes.yes"
            } else {
                "doc.changes.no"
            })
        }
        Value::Number(n) => {
            return match (n.as_i64(), values) {
                (Some(n), Values::Minutes) => w.minutes(u32::try_from(n).unwrap_or(0)),
                (Some(n), _) => w.number(n),
                (None, _) => w.decimal(n.as_f64().unwrap_or_default(), 6),
            }
        }
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            return w.list(&items);
        }
        Value::Object(_) => return v.to_string(),
        Value::String(s) => s.as_str(),
    };
    let group = match (values, field) {
        (Values::Domain(group), _) => Some(group),
        (_, Some("owner")) => Some("team"),
        (_, Some("role")) => Some("role"),
        (_, Some("kind")) if matches!(values, Values::Criterion) => Some("criterionKind"),
        (_, Some("activity")) => Some("activityType"),
        (_, Some("sources")) => Some("source"),
        (_, Some("fits")) => Some("fit"),
        _ => None,
    };
    if let Some(group) = group {
        return w.domain(group, raw);
    }
    match (values, field) {
        (Values::Stage(stage), Some(f @ ("definition" | "entry" | "exit"))) => {
            shown(w, Shipped::Stage(stage, f), raw)
        }
        // An item's id is not at hand here, so a label is matched against any shipped label of
        // its kind (each shipped label belongs to one id).
        (Values::Criterion, Some("label")) => any_shipped(w, "criterion", raw),
        (Values::Trigger, Some("label")) => any_shipped(w, "trigger", raw),
        (Values::Routing, Some("label")) => any_shipped(w, "routing", raw),
        _ => raw.to_string(),
    }
}

fn any_shipped(w: &Words, kind: &str, raw: &str) -> String {
    let p = super::shipped();
    let ids: Vec<String> = match kind {
        "criterion" => p.engagement.criteria.iter().map(|c| c.id.clone()).collect(),
        "trigger" => p.triggers.iter().map(|t| t.id.clone()).collect(),
        _ => p.handoff.routing.iter().map(|r| r.id.clone()).collect(),
    };
    for id in &ids {
        let item = match kind {
            "criterion" => Shipped::Criterion(id),
            "trigger" => Shipped::Trigger(id),
            _ => Shipped::Routing(id),
        };
        let text = shown(w, item, raw);
        if text != raw {
            return text;
        }
    }
    raw.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use laju_core::{Locale, Playbook};

    fn version(n: u32, playbook: Playbook) -> PlaybookVersion {
        PlaybookVersion {
            version: n,
            saved_at: Utc
                .with_ymd_and_hms(2026, 12, 5, 8, 0, 0)
                .single()
                .expect("valid"),
            actor: "Siti".into(),
            playbook,
        }
    }

    /// `before` and `after` as JSON literals (50, true, ["MY"]); anything else is text.
    fn worded(lang: Locale, path: &str, before: &str, after: &str, p: &Playbook) -> String {
        let json = |s: &str| serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.into()));
        let w = Words::of(lang);
        let v = Versions {
            after: serde_json::to_value(p).expect("json"),
            before: serde_json::to_value(Playbook::default()).expect("json"),
        };
        let edit = Edit {
            path: path.into(),
            before: Some(json(before)),
            after: Some(json(after)),
        };
        line(&w, &v, &edit)
    }

    #[test]
    fn a_text_of_digits_stays_text() {
        let mut p = Playbook::default();
        let rep = laju_core::routing::Rep::new("Aisha", laju_core::routing::Role::Ae);
        p.handoff.roster.push(rep);
        let line = worded(
            Locale::En,
            "handoff.roster.0.territories.0",
            r#""MY""#,
            r#""50450""#,
            &p,
        );
        assert!(
            line.ends_with("MY → 50450"),
            "a postcode, not 50,450: {line}"
        );
        let line = worded(Locale::En, "handoff.roster.0.capacity", "40", "50450", &p);
        assert!(line.ends_with("40 → 50,450"), "a number: {line}");
    }

    #[test]
    fn edits_read_as_what_they_changed() {
        let p = Playbook::default();
        let en = Locale::En;
        assert_eq!(
            worded(en, "engagement.mqlThreshold", "50", "40", &p),
            "MQL threshold: 50 → 40"
        );
        // The first SLA row is the ICP one; minutes read as durations.
        assert_eq!(
            worded(en, "handoff.sla.targets.0.minutes", "5", "15", &p),
            "Response time for ICP MQL: 5 minutes → 15 minutes"
        );
        // The first source row is Referral.
        assert_eq!(
            worded(en, "sourcePoints.0.points", "100", "90", &p),
            "Source points: Referral: 100 → 90"
        );
        assert_eq!(
            worded(en, "stages.2.owner", "marketing", "sales", &p),
            "Stage MQL · owner: Marketing → Sales"
        );
        assert_eq!(
            worded(en, "triggers.3.condition.count", "3", "2", &p),
            "Automatic move “3 pricing-page visits in 14 days → MQL” · how many: 3 → 2"
        );
        assert_eq!(
            worded(Locale::ZhCn, "engagement.mqlThreshold", "50", "40", &p),
            "MQL 阈值：50 → 40"
        );
        assert_eq!(
            worded(Locale::Id, "handoff.roster.0.capacity", "1200", "1500", &{
                let mut p = Playbook::default();
                p.handoff.roster.push(laju_core::routing::Rep::new(
                    "Aisha",
                    laju_core::routing::Role::Ae,
                ));
                p
            }),
            "Anggota tim Aisha · batas prospek terbuka: 1.200 → 1.500"
        );
    }

    #[test]
    fn the_first_version_says_nothing_came_before_it() {
        let w = Words::of(Locale::En);
        let s = changes(&w, &version(1, Playbook::default()), None, &[]);
        assert_eq!(s.heading, "What changed");
        assert_eq!(
            s.blocks,
            vec![paragraph(
                "This is the first version: nothing came before it.".into()
            )]
        );
    }
}
