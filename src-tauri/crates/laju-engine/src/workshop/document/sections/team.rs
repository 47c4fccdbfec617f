//! Parts 3, 4 and 6 of the agreement as sales lives them: response times with team hours, who
//! receives a lead (routing rules in order, the team), and follow-up and recycling.

use super::{list, paragraph, section, shown, subheading, Shipped};
use crate::workshop::document::words::Words;
use crate::workshop::document::{Block, Section};
use laju_core::handoff::RejectCode;
use laju_core::routing::{Assign, RoutingRule};
use laju_core::{wire, Playbook, Stage};

pub(super) fn sla(w: &Words, p: &Playbook) -> Section {
    let sla = &p.handoff.sla;
    let mut blocks = vec![
        paragraph(w.get("doc.sla.intro")),
        Block::Table {
            columns: vec![w.get("doc.sla.leadType"), w.get("doc.sla.within")],
            rows: sla
                .targets
                .iter()
                .map(|t| {
                    vec![
                        w.domain("slaType", &wire(&t.lead_type)),
                        w.minutes(t.minutes),
                    ]
                })
                .collect(),
        },
        paragraph(w.fill(
            "doc.sla.goal",
            &[("goal", format!("{} %", sla.compliance_goal))],
        )),
        subheading(w.get("doc.sla.hoursTitle")),
    ];
    if sla.hours.is_empty() {
        blocks.push(paragraph(w.get("doc.sla.noHours")));
    } else {
        blocks.push(paragraph(w.get("doc.sla.hoursIntro")));
        blocks.push(Block::Table {
            columns: ["team", "days", "open", "zone"]
                .iter()
                .map(|k| w.get(&format!("doc.sla.{k}")))
                .collect(),
            rows: sla
                .hours
                .iter()
                .map(|t| {
                    let h = &t.hours;
                    vec![
                        w.domain("role", &wire(&t.role)),
                        weekdays(w, &h.days),
                        format!("{}–{}", clock(h.start_minute), clock(h.end_minute)),
                        h.time_zone.clone(),
                    ]
                })
                .collect(),
        });
    }
    section("sla", w.get("doc.sla.heading"), blocks)
}

/// Minutes after midnight as 24-hour time; 24:00 is written 00:00, as the editor does.
fn clock(minute: u32) -> String {
    format!("{:02}:{:02}", (minute / 60) % 24, minute % 60)
}

/// ISO weekdays as short names, runs of three or more as a range: "Mon–Fri, Sun".
fn weekdays(w: &Words, days: &[u8]) -> String {
    let mut sorted: Vec<u8> = days
        .iter()
        .copied()
        .filter(|d| (1..=7).contains(d))
        .collect();
    sorted.sort_unstable();
    sorted.dedup();
    let name = |d: u8| w.get(&format!("doc.weekday.{d}"));
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}–{}", name(sorted[i]), name(sorted[j])));
        } else {
            parts.extend(sorted[i..=j].iter().map(|d| name(*d)));
        }
        i = j + 1;
    }
    w.list(&parts)
}

pub(super) fn routing(w: &Words, p: &Playbook) -> Section {
    let h = &p.handoff;
    let mut blocks = vec![paragraph(w.get("doc.routing.intro"))];
    if h.routing.is_empty() {
        blocks.push(paragraph(w.get("doc.routing.empty")));
    } else {
        let rules = h.routing.iter().map(|r| routing_rule(w, r)).collect();
        blocks.push(list(true, rules));
        blocks.push(paragraph(w.get("doc.routing.fallback")));
    }
    blocks.push(subheading(w.get("doc.routing.teamTitle")));
    if h.roster.is_empty() {
        blocks.push(paragraph(w.get("doc.routing.noTeam")));
    } else {
        blocks.push(Block::Table {
            columns: ["name", "role", "capacity", "covers"]
                .iter()
                .map(|k| w.get(&format!("doc.routing.{k}")))
                .collect(),
            rows: h
                .roster
                .iter()
                .map(|rep| {
                    let covers: Vec<String> =
                        rep.territories.iter().chain(&rep.events).cloned().collect();
                    vec![
                        rep.name.clone(),
                        w.domain("role", &wire(&rep.role)),
                        rep.capacity
                            .map_or_else(|| w.get("doc.routing.noLimit"), |c| w.number(c.into())),
                        if covers.is_empty() {
                            w.get("doc.none")
                        } else {
                            w.list(&covers)
                        },
                    ]
                })
                .collect(),
        });
    }
    section("routing", w.get("doc.routing.heading"), blocks)
}

/// "ICP inbound → top AE: source Inbound, Paid ads · fit ICP → Weighted distribution among
/// Senior AE".
fn routing_rule(w: &Words, rule: &RoutingRule) -> String {
    let mut when = Vec::new();
    if !rule.when.sources.is_empty() {
        let names: Vec<String> = rule
            .when
            .sources
            .iter()
            .map(|s| w.domain("source", &wire(s)))
            .collect();
        when.push(w.fill("doc.routing.sources", &[("list", w.list(&names))]));
    }
    if !rule.when.fits.is_empty() {
        let names: Vec<String> = rule
            .when
            .fits
            .iter()
            .map(|f| w.domain("fit", &wire(f)))
            .collect();
        when.push(w.fill("doc.routing.fits", &[("list", w.list(&names))]));
    }
    let when = if when.is_empty() {
        w.get("doc.routing.anyLead")
    } else {
        when.join(" · ")
    };
    let among = |method: &str, role| {
        w.fill(
            "doc.routing.among",
            &[
                ("method", w.domain("assign", method)),
                ("role", w.domain("role", &wire(role))),
            ],
        )
    };
    let assign = match &rule.assign {
        Assign::AccountOwner => w.domain("assign", "accountOwner"),
        Assign::EventAttendee => w.domain("assign", "eventAttendee"),
        Assign::Territory => w.domain("assign", "territory"),
        Assign::RoundRobin { role } => among("roundRobin", role),
        Assign::Weighted { role } => among("weighted", role),
    };
    w.fill(
        "doc.routing.rule",
        &[
            ("label", shown(w, Shipped::Routing(&rule.id), &rule.label)),
            ("when", when),
            ("assign", assign),
        ],
    )
}

pub(super) fn recycling(w: &Words, p: &Playbook) -> Section {
    let h = &p.handoff;
    let blocks = vec![
        paragraph(w.get("doc.recycling.intro")),
        Block::Table {
            columns: ["sequence", "touches", "every"]
                .iter()
                .map(|k| w.get(&format!("doc.recycling.{k}")))
                .collect(),
            rows: h
                .sequences
                .iter()
                .map(|s| {
                    vec![
                        w.domain("sequence", &wire(&s.kind)),
                        w.number(s.touches.into()),
                        w.days(s.every_days),
                    ]
                })
                .collect(),
        },
        paragraph(w.fill(
            "doc.recycling.rule",
            &[
                ("stage", w.stage(Stage::Sal)),
                ("recycled", w.stage(Stage::Recycled)),
                ("attempts", w.number(h.recycling.max_attempts.into())),
                ("days", w.days(h.recycling.max_days)),
            ],
        )),
        paragraph(w.get("doc.recycling.reject")),
        list(
            false,
            RejectCode::ALL
                .iter()
                .map(|c| w.domain("rejectCode", c.key()))
                .collect(),
        ),
    ];
    section("recycling", w.get("doc.recycling.heading"), blocks)
}
