use super::*;
use crate::lead::Money;
use chrono::NaiveDate;
use proptest::prelude::*;
use EventKind as E;
use Stage as S;

/// The agreement, written independently of `target`: every allowed pair and where it leads.
/// Any pair not listed must be refused.
const ALLOWED: [(Stage, EventKind, Stage); 21] = [
    (S::Anonymous, E::Capture, S::Known),
    (S::Anonymous, E::Disqualify, S::Disqualified),
    (S::Known, E::MarkMql, S::Mql),
    (S::Known, E::Disqualify, S::Disqualified),
    (S::Mql, E::Accept, S::Sal),
    (S::Mql, E::Reject, S::Recycled),
    (S::Mql, E::Disqualify, S::Disqualified),
    (S::Sal, E::Qualify, S::Sql),
    (S::Sal, E::Recycle, S::Recycled),
    (S::Sal, E::Disqualify, S::Disqualified),
    (S::Sql, E::CreateOpportunity, S::Opportunity),
    (S::Sql, E::Recycle, S::Recycled),
    (S::Sql, E::Lose, S::ClosedLost),
    (S::Sql, E::Disqualify, S::Disqualified),
    (S::Opportunity, E::Win, S::Customer),
    (S::Opportunity, E::Lose, S::ClosedLost),
    (S::Opportunity, E::Recycle, S::Recycled),
    (S::Recycled, E::MarkMql, S::Mql),
    (S::Recycled, E::Disqualify, S::Disqualified),
    (S::Disqualified, E::Reopen, S::Known),
    (S::ClosedLost, E::Reopen, S::Opportunity),
];

fn event_of(kind: EventKind) -> LifecycleEvent {
    with_reason(kind, "tested")
}

fn with_reason(kind: EventKind, reason: &str) -> LifecycleEvent {
    LifecycleEvent::of(kind, reason, "Ravi")
}

/// A lead that meets every gate, so only the table decides.
fn complete_profile() -> LeadProfile {
    let mut p = LeadProfile::default();
    p.contact.name = "Nurul Huda".into();
    p.contact.email = "nurul@kedai.my".into();
    p.owner = Some("Ravi".into());
    p.bant.budget = "indicated".into();
    p.bant.authority = "Nurul".into();
    p.bant.need = "Faster follow-up".into();
    p.bant.timeline = "this quarter".into();
    p.opportunity.value = Some(Money {
        amount: 12_000,
        currency: "MYR".into(),
    });
    p.opportunity.close_date = NaiveDate::from_ymd_opt(2026, 12, 31);
    p.opportunity.stakeholders = vec!["Nurul".into()];
    p.closing.contract_signed = NaiveDate::from_ymd_opt(2026, 12, 1);
    p.closing.payment_terms = "Net 30".into();
    p.closing.onboarding = NaiveDate::from_ymd_opt(2026, 12, 8);
    p
}

#[test]
fn every_stage_event_pair_is_allowed_or_refused_with_the_allowed_list() {
    let playbook = Playbook::default();
    let profile = complete_profile();
    for from in Stage::ALL {
        for kind in EventKind::ALL {
            let expected = ALLOWED
                .iter()
                .find(|(f, e, _)| *f == from && *e == kind)
                .map(|t| t.2);
            let got = decide(from, &profile, &event_of(kind), &playbook);
            match expected {
                Some(to) => assert_eq!(got.map(|(s, _)| s), Ok(to), "{from:?} + {kind:?}"),
                None => {
                    let allowed: Vec<_> = EventKind::ALL
                        .into_iter()
                        .filter(|e| ALLOWED.iter().any(|(f, k, _)| *f == from && k == e))
                        .collect();
                    assert_eq!(
                        got,
                        Err(Refusal::NotAllowed {
                            from,
                            event: kind,
                            allowed
                        }),
                        "{from:?} + {kind:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_customer_is_final_and_says_so() {
    let err = decide(
        S::Customer,
        &complete_profile(),
        &LifecycleEvent::Recycle { reason: "x".into() },
        &Playbook::default(),
    )
    .expect_err("customers do not recycle");
    assert!(err.to_string().contains("final"), "{err}");
}

#[test]
fn backward_and_off_path_moves_need_a_reason() {
    for kind in [E::Reject, E::Lose, E::Disqualify, E::Recycle, E::Reopen] {
        let from = ALLOWED
            .iter()
            .find(|(_, e, _)| *e == kind)
            .map(|t| t.0)
            .expect("allowed somewhere");
        let blank = with_reason(kind, "  ");
        assert_eq!(
            decide(from, &complete_profile(), &blank, &Playbook::default()),
            Err(Refusal::ReasonRequired { event: kind })
        );
    }
}

#[test]
fn a_gated_move_lists_every_unmet_criterion_in_words() {
    let mut p = LeadProfile::default();
    p.contact.name = "Budi".into();
    let err =
        decide(S::Sal, &p, &LifecycleEvent::Qualify, &Playbook::default()).expect_err("no BANT");
    let Refusal::Blocked { to, unmet } = &err else {
        panic!("expected Blocked, got {err:?}")
    };
    assert_eq!(*to, S::Sql);
    assert_eq!(unmet.len(), 4);
    let text = err.to_string();
    for word in ["Budget", "Authority", "Need", "Timeline"] {
        assert!(text.contains(word), "{text}");
    }
}

#[test]
fn accepting_records_the_owner_and_a_blank_owner_is_blocked() {
    let p = LeadProfile::default();
    let (to, saved) = decide(
        S::Mql,
        &p,
        &LifecycleEvent::Accept {
            owner: " Mei Ling ".into(),
        },
        &Playbook::default(),
    )
    .expect("accepted");
    assert_eq!(to, S::Sal);
    assert_eq!(saved.owner.as_deref(), Some("Mei Ling"));
    let err = decide(
        S::Mql,
        &p,
        &LifecycleEvent::Accept { owner: " ".into() },
        &Playbook::default(),
    );
    assert!(matches!(err, Err(Refusal::Blocked { to: S::Sal, .. })));
}

fn any_event() -> impl Strategy<Value = LifecycleEvent> {
    let reason = prop_oneof![Just(String::new()), Just("no budget".to_string())];
    prop_oneof![
        Just(LifecycleEvent::Capture),
        Just(LifecycleEvent::MarkMql),
        prop_oneof![Just(String::new()), Just("Ravi".to_string())]
            .prop_map(|owner| LifecycleEvent::Accept { owner }),
        reason
            .clone()
            .prop_map(|reason| LifecycleEvent::Reject { reason }),
        Just(LifecycleEvent::Qualify),
        Just(LifecycleEvent::CreateOpportunity),
        Just(LifecycleEvent::Win),
        reason
            .clone()
            .prop_map(|reason| LifecycleEvent::Lose { reason }),
        reason
            .clone()
            .prop_map(|reason| LifecycleEvent::Disqualify { reason }),
        reason
            .clone()
            .prop_map(|reason| LifecycleEvent::Recycle { reason }),
        reason.prop_map(|reason| LifecycleEvent::Reopen { reason }),
    ]
}

/// A profile with each gate field randomly filled or not.
fn any_profile() -> impl Strategy<Value = LeadProfile> {
    proptest::collection::vec(any::<bool>(), 13).prop_map(|fill| {
        let full = complete_profile();
        let mut p = LeadProfile::default();
        if fill[0] {
            p.contact.name = full.contact.name.clone()
        }
        if fill[1] {
            p.contact.email = full.contact.email.clone()
        }
        if fill[2] {
            p.bant.budget = full.bant.budget.clone()
        }
        if fill[3] {
            p.bant.authority = full.bant.authority.clone()
        }
        if fill[4] {
            p.bant.need = full.bant.need.clone()
        }
        if fill[5] {
            p.bant.timeline = full.bant.timeline.clone()
        }
        if fill[6] {
            p.opportunity.value = full.opportunity.value.clone()
        }
        if fill[7] {
            p.opportunity.close_date = full.opportunity.close_date
        }
        if fill[8] {
            p.opportunity.stakeholders = full.opportunity.stakeholders.clone()
        }
        if fill[9] {
            p.closing.contract_signed = full.closing.contract_signed
        }
        if fill[10] {
            p.closing.payment_terms = full.closing.payment_terms.clone()
        }
        if fill[11] {
            p.closing.onboarding = full.closing.onboarding
        }
        if fill[12] {
            p.owner = full.owner.clone()
        }
        p
    })
}

proptest! {
    /// Replays random events the way the engine does: every accepted move appends a history
    /// entry chained to the previous one, and lands only where every gate is met.
    #[test]
    fn random_event_sequences_keep_history_and_never_skip_a_gate(
        profile in any_profile(),
        events in proptest::collection::vec(any_event(), 0..40),
    ) {
        let playbook = Playbook::default();
        let mut stage = S::Anonymous;
        let mut profile = profile;
        let mut history = vec![(None::<Stage>, S::Anonymous)];
        for event in &events {
            if let Ok((to, saved)) = decide(stage, &profile, event, &playbook) {
                prop_assert_eq!(target(stage, event.kind()), Some(to));
                prop_assert!(gates::unmet(to, &saved, &playbook).is_empty(), "entered {:?} with unmet gates", to);
                if event.kind().needs_reason() {
                    prop_assert!(event.reason().is_some_and(|r| !r.trim().is_empty()));
                }
                history.push((Some(stage), to));
                stage = to;
                profile = saved;
            }
        }
        prop_assert!(!history.is_empty());
        for pair in history.windows(2) {
            prop_assert_eq!(pair[1].0, Some(pair[0].1), "history chain broken");
        }
        prop_assert_eq!(history.last().map(|h| h.1), Some(stage));
    }
}
