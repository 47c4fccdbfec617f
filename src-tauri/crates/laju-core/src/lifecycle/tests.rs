use super::*;
use crate::gates::Criterion;
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
    let Err(Refusal::Blocked { to, unmet }) = err else {
        panic!("expected Blocked, got {err:?}")
    };
    let criteria: Vec<_> = unmet.iter().map(|u| u.criterion).collect();
    assert_eq!((to, criteria), (S::Sal, vec![Criterion::OwnerAssigned]));
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

/// A profile with each gate field randomly filled or not, and which ones: `fill[i]` says
/// whether field `i` of the list below is set.
fn any_profile() -> impl Strategy<Value = (Vec<bool>, LeadProfile)> {
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
        (fill, p)
    })
}

/// DOMAIN.md's gates, written out apart from `gates`: the criteria entering `to` needs, each
/// with whether the lead meets it, from the profile's fill flags and whether a rep owns it.
fn domain_gate(to: Stage, fill: &[bool], owned: bool) -> Vec<(Criterion, bool)> {
    use Criterion as C;
    match to {
        // A name and a contact channel (the profiles only ever fill the email).
        S::Known => vec![(C::NameKnown, fill[0]), (C::ContactChannel, fill[1])],
        S::Sal => vec![(C::OwnerAssigned, owned)],
        S::Sql => vec![
            (C::BudgetAnswered, fill[2]),
            (C::AuthorityKnown, fill[3]),
            (C::NeedStated, fill[4]),
            (C::TimelineSet, fill[5]),
        ],
        // The default Playbook asks for one stakeholder; the full profile names one.
        S::Opportunity => vec![
            (C::DealValue, fill[6]),
            (C::CloseDate, fill[7]),
            (C::Stakeholders, fill[8]),
        ],
        S::Customer => vec![
            (C::ContractSigned, fill[9]),
            (C::PaymentTerms, fill[10]),
            (C::OnboardingDate, fill[11]),
        ],
        S::Anonymous | S::Mql | S::Recycled | S::Disqualified | S::ClosedLost => vec![],
    }
}

/// The events the agreement lists from `from`, in `EventKind::ALL` order.
fn listed_events(from: Stage) -> Vec<EventKind> {
    EventKind::ALL
        .into_iter()
        .filter(|e| ALLOWED.iter().any(|(f, k, _)| *f == from && k == e))
        .collect()
}

/// What a move must do, from the `ALLOWED` table, the events that carry a reason and
/// `domain_gate`: never from `target`, `needs_reason` or `gates`.
fn expected(
    from: Stage,
    event: &LifecycleEvent,
    fill: &[bool],
    owned: bool,
) -> Result<(Stage, bool), Refusal> {
    let kind = event.kind();
    let Some(to) = ALLOWED
        .iter()
        .find(|(f, e, _)| *f == from && *e == kind)
        .map(|t| t.2)
    else {
        return Err(Refusal::NotAllowed {
            from,
            event: kind,
            allowed: listed_events(from),
        });
    };
    let reasoned = [E::Reject, E::Lose, E::Disqualify, E::Recycle, E::Reopen];
    let blank = |r: &str| r.trim().is_empty();
    if reasoned.contains(&kind) && event.reason().is_none_or(blank) {
        return Err(Refusal::ReasonRequired { event: kind });
    }
    // Accepting records the rep who accepted, or clears the owner when none is named.
    let owned = match event {
        LifecycleEvent::Accept { owner } => !blank(owner),
        _ => owned,
    };
    let unmet: Vec<Criterion> = domain_gate(to, fill, owned)
        .into_iter()
        .filter(|(_, met)| !met)
        .map(|(c, _)| c)
        .collect();
    if unmet.is_empty() {
        Ok((to, owned))
    } else {
        Err(Refusal::Blocked {
            to,
            unmet: unmet
                .into_iter()
                .map(|criterion| Unmet {
                    criterion,
                    message: criterion.message(&Playbook::default()),
                })
                .collect(),
        })
    }
}

proptest! {
    /// Replays random events on random profiles from any stage (so every gate is reached,
    /// not only the first few): every answer `decide` gives, refusal or move, equals the one
    /// derived from the agreement table and DOMAIN.md's gates, so no move skips a gate, lands
    /// off the table, or goes unexplained.
    #[test]
    fn random_event_sequences_follow_the_table_and_never_skip_a_gate(
        start in proptest::sample::select(Stage::ALL.to_vec()),
        (fill, profile) in any_profile(),
        events in proptest::collection::vec(any_event(), 0..40),
    ) {
        let playbook = Playbook::default();
        let mut stage = start;
        let mut profile = profile;
        let mut owned = fill[12];
        for event in &events {
            let want = expected(stage, event, &fill, owned);
            let got = decide(stage, &profile, event, &playbook);
            match (got, want) {
                (Ok((to, saved)), Ok((want_to, want_owned))) => {
                    prop_assert_eq!(to, want_to, "{:?} + {:?}", stage, event);
                    prop_assert_eq!(saved.owner.is_some(), want_owned, "owner after {:?}", event);
                    stage = to;
                    profile = saved;
                    owned = want_owned;
                }
                (got, want) => prop_assert_eq!(got.map(|(s, _)| s), want.map(|(s, _)| s), "{:?} + {:?}", stage, event),
            }
        }
    }
}
