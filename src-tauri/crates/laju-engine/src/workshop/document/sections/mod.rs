//! The document's sections, in reading order. Each takes the words of the document's language
//! and the Playbook version, and returns fully worded blocks.

mod changes;
mod review;
mod scoring;
mod stages;
mod team;

use super::words::Words;
use super::{Block, Section, Signatory, Term};
use crate::playbook::{Edit, PlaybookVersion};
use laju_core::{Playbook, Stage};
use std::sync::OnceLock;

pub(super) use changes::worded;
pub(super) use review::review;

pub(super) fn all(
    w: &Words,
    this: &PlaybookVersion,
    previous: Option<&PlaybookVersion>,
    edits: &[Edit],
) -> Vec<Section> {
    let p = &this.playbook;
    vec![
        about(w, this),
        stages::stages(w, p),
        stages::criteria(w, p),
        scoring::scoring(w, p),
        team::sla(w, p),
        team::routing(w, p),
        handoff(w),
        team::recycling(w, p),
        changes::changes(w, this, previous, edits),
        sign_off(w),
    ]
}

pub(super) fn section(id: &str, heading: String, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        heading,
        blocks,
    }
}

pub(super) fn paragraph(text: String) -> Block {
    Block::Paragraph { text }
}

pub(super) fn subheading(text: String) -> Block {
    Block::Subheading { text }
}

pub(super) fn list(ordered: bool, items: Vec<String>) -> Block {
    Block::List { ordered, items }
}

fn about(w: &Words, this: &PlaybookVersion) -> Section {
    let fact = |key: &str, value: String| Term {
        term: w.get(key),
        lines: vec![value],
    };
    section(
        "about",
        w.get("doc.about.heading"),
        vec![
            paragraph(w.get("doc.about.intro")),
            Block::Terms {
                items: vec![
                    fact("doc.about.version", w.number(this.version.into())),
                    fact("doc.about.effective", w.date(saved_on(this))),
                    fact("doc.about.savedBy", this.actor.clone()),
                ],
            },
        ],
    )
}

/// The day a version was saved, in the team's time zone (the first team hours the Playbook
/// names), else in UTC: a version saved at 07:00 in Kuala Lumpur is in force from that day,
/// not from the day before.
pub(super) fn saved_on(version: &PlaybookVersion) -> chrono::NaiveDate {
    version
        .playbook
        .handoff
        .sla
        .hours
        .first()
        .and_then(|team| team.hours.time_zone.parse::<chrono_tz::Tz>().ok())
        .map_or_else(
            || version.saved_at.date_naive(),
            |zone| version.saved_at.with_timezone(&zone).date_naive(),
        )
}

/// What `HandoffPacket` carries to sales, in words (the packet is fixed by the engine, not by
/// the Playbook, so this list changes only with Laju).
fn handoff(w: &Words) -> Section {
    let items = [
        "contact",
        "company",
        "source",
        "classification",
        "priority",
        "engagement",
        "recent",
        "notes",
        "routing",
    ]
    .iter()
    .map(|k| w.get(&format!("doc.handoff.{k}")))
    .collect();
    section(
        "handoff",
        w.get("doc.handoff.heading"),
        vec![
            paragraph(w.get("doc.handoff.intro")),
            list(false, items),
            paragraph(w.get("doc.handoff.verify")),
        ],
    )
}

fn sign_off(w: &Words) -> Section {
    let fields = || {
        ["name", "signature", "date"]
            .iter()
            .map(|k| w.get(&format!("doc.signOff.{k}")))
            .collect()
    };
    section(
        "signOff",
        w.get("doc.signOff.heading"),
        vec![
            paragraph(w.get("doc.signOff.intro")),
            Block::SignOff {
                parties: vec![
                    Signatory {
                        role: w.get("doc.signOff.marketing"),
                        fields: fields(),
                    },
                    Signatory {
                        role: w.get("doc.signOff.sales"),
                        fields: fields(),
                    },
                ],
            },
        ],
    )
}

/// The Playbook Laju ships: a stored text equal to its default is shown in the reader's
/// language, anything else as the team typed it (as `ui/src/lib/defaultText.ts` does).
fn shipped() -> &'static Playbook {
    static SHIPPED: OnceLock<Playbook> = OnceLock::new();
    SHIPPED.get_or_init(Playbook::default)
}

/// Which shipped text a stored one may still be.
pub(super) enum Shipped<'a> {
    Stage(Stage, &'a str),
    Criterion(&'a str),
    Trigger(&'a str),
    Routing(&'a str),
}

/// `stored`, or its translation while it is exactly the text Laju shipped for that item.
pub(super) fn shown(w: &Words, item: Shipped<'_>, stored: &str) -> String {
    let p = shipped();
    let (default, key) = match item {
        Shipped::Stage(stage, field) => {
            let d = p.definition(stage);
            let text = match field {
                "definition" => d.map(|d| d.definition.as_str()),
                "entry" => d.map(|d| d.entry.as_str()),
                "exit" => d.map(|d| d.exit.as_str()),
                _ => None,
            };
            let wire = laju_core::wire(&stage);
            (text, format!("defaults.stage.{wire}.{field}"))
        }
        Shipped::Criterion(id) => (
            p.engagement
                .criteria
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.label.as_str()),
            format!("defaults.criterion.{id}.label"),
        ),
        Shipped::Trigger(id) => (
            p.triggers
                .iter()
                .find(|t| t.id == id)
                .map(|t| t.label.as_str()),
            format!("defaults.trigger.{id}.label"),
        ),
        Shipped::Routing(id) => (
            p.handoff
                .routing
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.label.as_str()),
            format!("defaults.routing.{id}.label"),
        ),
    };
    if default == Some(stored) && w.has(&key) {
        w.get(&key)
    } else {
        stored.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use laju_core::Locale;

    #[test]
    fn a_shipped_text_reads_in_the_readers_language_and_an_edited_one_as_typed() {
        let ms = Words::of(Locale::Ms);
        let shipped = "Marketing believes they are ready for sales.";
        let translated = shown(&ms, Shipped::Stage(Stage::Mql, "definition"), shipped);
        assert_ne!(translated, shipped, "the shipped definition is translated");
        assert_eq!(translated, ms.get("defaults.stage.mql.definition"));
        let edited = "Marketing thinks they are ready.";
        assert_eq!(
            shown(&ms, Shipped::Stage(Stage::Mql, "definition"), edited),
            edited
        );
        let label = shown(&ms, Shipped::Routing("icp-inbound"), "ICP inbound → top AE");
        assert_eq!(label, ms.get("defaults.routing.icp-inbound.label"));
    }

    #[test]
    fn the_english_defaults_in_the_catalogue_are_the_shipped_playbook() {
        let en = Words::of(Locale::En);
        let p = Playbook::default();
        for d in &p.stages {
            let wire = laju_core::wire(&d.stage);
            assert_eq!(
                en.get(&format!("defaults.stage.{wire}.definition")),
                d.definition
            );
            assert_eq!(en.get(&format!("defaults.stage.{wire}.entry")), d.entry);
            assert_eq!(en.get(&format!("defaults.stage.{wire}.exit")), d.exit);
        }
        for c in &p.engagement.criteria {
            assert_eq!(
                en.get(&format!("defaults.criterion.{}.label", c.id)),
                c.label
            );
        }
        for t in &p.triggers {
            assert_eq!(en.get(&format!("defaults.trigger.{}.label", t.id)), t.label);
        }
        for r in &p.handoff.routing {
            assert_eq!(en.get(&format!("defaults.routing.{}.label", r.id)), r.label);
        }
    }
}
