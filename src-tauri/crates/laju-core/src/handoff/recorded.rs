//! The handoff an imported history implies. A file (or the sample's generated year) that says a
//! lead became an MQL on one date and was accepted (SAL), sent back to marketing (Recycled) or
//! moved on otherwise on a later one describes a handoff that already happened: when sales got
//! it, who took it, how long the answer took. Recording it lets the SLA report, the quarterly
//! review and the what-if replay measure a team's past response times from its history, not
//! only from what Laju saw live.

use super::{Breach, Handoff, RejectCode, Resolution};
use crate::classification::FitClass;
use crate::lead::LeadProfile;
use crate::lifecycle::StageChange;
use crate::routing::Assignment;
use crate::sla::SlaType;
use crate::{Playbook, Stage};

/// The rule id a recorded handoff's assignment names: no routing rule chose the rep, the
/// history says who took the lead.
pub const RECORDED_RULE_ID: &str = "recorded";

/// The handoff of the lead's last MQL in `history`, when the history also says how it ended;
/// `None` while the lead is still an MQL (the live handoff opens then) or never was one.
/// `profile.owner` is the rep who accepted it, when the history ends the MQL by acceptance.
pub fn from_history(
    history: &[StageChange],
    profile: &LeadProfile,
    playbook: &Playbook,
) -> Option<Handoff> {
    let last = history.iter().rposition(|h| h.to == Stage::Mql)?;
    let started = history[last].at;
    let next = history.get(last + 1)?;
    let rules = &playbook.handoff;
    let owner = profile.owner.clone().unwrap_or_default();
    let resolution = match next.to {
        Stage::Sal => Resolution::Accepted {
            at: next.at,
            owner: owner.clone(),
            response_minutes: (next.at - started).num_minutes().max(0),
        },
        Stage::Recycled => {
            let reason = next.reason.clone().unwrap_or_default();
            Resolution::Rejected {
                at: next.at,
                code: RejectCode::parse(&reason),
                note: reason,
            }
        }
        stage => Resolution::Closed { at: next.at, stage },
    };
    let fit = FitClass::of(profile, &playbook.icp);
    let sla_type = SlaType::of(profile.source.kind, fit);
    let minutes = rules.sla.minutes(sla_type);
    // Only an acceptance names the rep; a rejection or a close leaves who had it unknown.
    let assignment = matches!(resolution, Resolution::Accepted { .. })
        .then(|| rules.rep(&owner))
        .flatten()
        .map(|rep| Assignment {
            rep: rep.name.clone(),
            rule_id: RECORDED_RULE_ID.into(),
            rule_label: String::new(),
            assign: None,
        });
    let deadline = rules.deadline(started, minutes, assignment.as_ref());
    // Past its deadline unanswered: the breach the SLA tick would have recorded then.
    let breaches = (next.at > deadline)
        .then(|| Breach {
            at: deadline,
            deadline,
            from: assignment.as_ref().map(|a| a.rep.clone()),
            to: assignment.as_ref().map(|a| a.rep.clone()),
            manager: rules.manager().map(|m| m.name.clone()),
        })
        .into_iter()
        .collect();
    Some(Handoff {
        sla_type,
        minutes,
        assignment,
        started_at: started,
        deadline,
        breaches,
        resolution: Some(resolution),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lead::SourceKind;
    use crate::lifecycle::Actor;
    use crate::routing::{Rep, Role};
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 3, hour, minute, 0)
            .single()
            .expect("valid")
    }

    fn step(from: Option<Stage>, to: Stage, when: DateTime<Utc>, reason: &str) -> StageChange {
        StageChange {
            from,
            to,
            at: when,
            actor: Actor::Person {
                name: "import".into(),
            },
            event: None,
            reason: (!reason.is_empty()).then(|| reason.to_string()),
        }
    }

    fn playbook() -> Playbook {
        let mut p = Playbook::default();
        p.handoff.roster = vec![
            Rep::new("Aisha", Role::InsideSales),
            Rep::new("Farid", Role::Manager),
        ];
        p
    }

    fn profile() -> LeadProfile {
        let mut p = LeadProfile::default();
        p.source.kind = SourceKind::Inbound;
        p.owner = Some("Aisha".into());
        p
    }

    #[test]
    fn an_mql_accepted_in_the_history_is_an_answered_handoff_with_its_response_time() {
        let mql = at(2, 0);
        let history = [
            step(None, Stage::Known, mql - Duration::days(3), ""),
            step(Some(Stage::Known), Stage::Mql, mql, ""),
            step(
                Some(Stage::Mql),
                Stage::Sal,
                mql + Duration::minutes(12),
                "",
            ),
        ];
        let h = from_history(&history, &profile(), &playbook()).expect("a handoff");
        assert_eq!(h.started_at, mql);
        assert_eq!(h.sla_type, SlaType::Inbound);
        assert_eq!(h.minutes, 30, "standard inbound: 30 minutes");
        assert_eq!(h.assignee(), Some("Aisha"));
        assert!(h.breaches.is_empty(), "12 minutes is within 30");
        assert_eq!(
            h.resolution,
            Some(Resolution::Accepted {
                at: mql + Duration::minutes(12),
                owner: "Aisha".into(),
                response_minutes: 12
            })
        );
    }

    #[test]
    fn a_late_answer_records_the_breach_at_the_deadline() {
        let mql = at(2, 0);
        let history = [
            step(None, Stage::Mql, mql, ""),
            step(Some(Stage::Mql), Stage::Sal, mql + Duration::hours(30), ""),
        ];
        let h = from_history(&history, &profile(), &playbook()).expect("a handoff");
        assert_eq!(h.breaches.len(), 1);
        assert_eq!(h.breaches[0].at, h.deadline);
        assert!(h.deadline > mql && h.deadline < mql + Duration::hours(30));
        assert_eq!(h.breaches[0].manager.as_deref(), Some("Farid"));
    }

    #[test]
    fn a_rejection_keeps_its_code_and_a_lead_still_waiting_has_no_recorded_handoff() {
        let mql = at(2, 0);
        let rejected = [
            step(None, Stage::Mql, mql, ""),
            step(
                Some(Stage::Mql),
                Stage::Recycled,
                mql + Duration::minutes(5),
                "tooEarly: revisit next quarter",
            ),
        ];
        let h = from_history(&rejected, &profile(), &playbook()).expect("a handoff");
        assert!(matches!(
            h.resolution,
            Some(Resolution::Rejected {
                code: RejectCode::TooEarly,
                ..
            })
        ));
        assert_eq!(h.assignment, None, "a rejection does not say who had it");
        let waiting = [step(None, Stage::Mql, mql, "")];
        assert_eq!(from_history(&waiting, &profile(), &playbook()), None);
        let never = [step(None, Stage::Known, mql, "")];
        assert_eq!(from_history(&never, &profile(), &playbook()), None);
    }
}
