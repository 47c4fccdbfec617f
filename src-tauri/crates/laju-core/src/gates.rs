//! Exit criteria made checkable. A gate belongs to the stage a lead is moving *into*; a blocked
//! move reports every unmet criterion at once.

use crate::lead::LeadProfile;
use crate::{Playbook, Stage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Criterion {
    NameKnown,
    ContactChannel,
    OwnerAssigned,
    BudgetAnswered,
    AuthorityKnown,
    NeedStated,
    TimelineSet,
    DealValue,
    CloseDate,
    Stakeholders,
    ContractSigned,
    PaymentTerms,
    OnboardingDate,
}

/// One unmet criterion, with English words for the CLI; the UI translates `criterion`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Unmet {
    pub criterion: Criterion,
    pub message: String,
}

impl Criterion {
    pub const ALL: [Criterion; 13] = [
        Criterion::NameKnown,
        Criterion::ContactChannel,
        Criterion::OwnerAssigned,
        Criterion::BudgetAnswered,
        Criterion::AuthorityKnown,
        Criterion::NeedStated,
        Criterion::TimelineSet,
        Criterion::DealValue,
        Criterion::CloseDate,
        Criterion::Stakeholders,
        Criterion::ContractSigned,
        Criterion::PaymentTerms,
        Criterion::OnboardingDate,
    ];

    /// The stage this criterion guards the way into.
    pub fn gate(self) -> Stage {
        match self {
            Criterion::NameKnown | Criterion::ContactChannel => Stage::Known,
            Criterion::OwnerAssigned => Stage::Sal,
            Criterion::BudgetAnswered
            | Criterion::AuthorityKnown
            | Criterion::NeedStated
            | Criterion::TimelineSet => Stage::Sql,
            Criterion::DealValue | Criterion::CloseDate | Criterion::Stakeholders => {
                Stage::Opportunity
            }
            Criterion::ContractSigned | Criterion::PaymentTerms | Criterion::OnboardingDate => {
                Stage::Customer
            }
        }
    }

    fn met(self, p: &LeadProfile, playbook: &Playbook) -> bool {
        let filled = |text: &str| !text.trim().is_empty();
        match self {
            Criterion::NameKnown => filled(&p.contact.name),
            Criterion::ContactChannel => filled(&p.contact.email) || filled(&p.contact.phone),
            Criterion::OwnerAssigned => p.owner.as_deref().is_some_and(filled),
            Criterion::BudgetAnswered => filled(&p.bant.budget),
            Criterion::AuthorityKnown => filled(&p.bant.authority),
            Criterion::NeedStated => filled(&p.bant.need),
            Criterion::TimelineSet => filled(&p.bant.timeline),
            Criterion::DealValue => p.opportunity.value.as_ref().is_some_and(|v| v.amount > 0),
            Criterion::CloseDate => p.opportunity.close_date.is_some(),
            Criterion::Stakeholders => {
                let named = p.opportunity.stakeholders.iter().filter(|s| filled(s));
                named.count() >= playbook.min_stakeholders as usize
            }
            Criterion::ContractSigned => p.closing.contract_signed.is_some(),
            Criterion::PaymentTerms => filled(&p.closing.payment_terms),
            Criterion::OnboardingDate => p.closing.onboarding.is_some(),
        }
    }

    pub fn message(self, playbook: &Playbook) -> String {
        match self {
            Criterion::NameKnown => "The lead needs a name.".into(),
            Criterion::ContactChannel => "The lead needs an email or a phone number.".into(),
            Criterion::OwnerAssigned => "A rep must own the lead (accepted or assigned).".into(),
            Criterion::BudgetAnswered => "Budget: an amount, or \"indicated\".".into(),
            Criterion::AuthorityKnown => "Authority: who makes the decision.".into(),
            Criterion::NeedStated => "Need: what problem they want solved.".into(),
            Criterion::TimelineSet => "Timeline: a date or a period such as this quarter.".into(),
            Criterion::DealValue => {
                "The opportunity needs an estimated value with currency.".into()
            }
            Criterion::CloseDate => "The opportunity needs a projected close date.".into(),
            Criterion::Stakeholders => format!(
                "The opportunity needs at least {} named stakeholder(s).",
                playbook.min_stakeholders
            ),
            Criterion::ContractSigned => "The date the contract was signed.".into(),
            Criterion::PaymentTerms => "The agreed payment terms.".into(),
            Criterion::OnboardingDate => "The onboarding date.".into(),
        }
    }
}

/// Every enforced criterion for entering `target` that `profile` does not meet.
pub fn unmet(target: Stage, profile: &LeadProfile, playbook: &Playbook) -> Vec<Unmet> {
    Criterion::ALL
        .into_iter()
        .filter(|c| c.gate() == target && playbook.enforces(*c) && !c.met(profile, playbook))
        .map(|criterion| Unmet {
            criterion,
            message: criterion.message(playbook),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_lead_misses_all_four_bant_answers() {
        let missing: Vec<_> = unmet(Stage::Sql, &LeadProfile::default(), &Playbook::default())
            .into_iter()
            .map(|u| u.criterion)
            .collect();
        assert_eq!(
            missing,
            [
                Criterion::BudgetAnswered,
                Criterion::AuthorityKnown,
                Criterion::NeedStated,
                Criterion::TimelineSet
            ]
        );
    }

    #[test]
    fn a_criterion_the_team_dropped_is_not_checked() {
        let mut playbook = Playbook::default();
        playbook.gates.retain(|c| *c != Criterion::PaymentTerms);
        let missing: Vec<_> = unmet(Stage::Customer, &LeadProfile::default(), &playbook)
            .into_iter()
            .map(|u| u.criterion)
            .collect();
        assert_eq!(
            missing,
            [Criterion::ContractSigned, Criterion::OnboardingDate]
        );
    }

    #[test]
    fn stakeholder_minimum_comes_from_the_playbook() {
        let mut playbook = Playbook::default();
        playbook.min_stakeholders = 2;
        let mut p = LeadProfile::default();
        p.opportunity.stakeholders = vec!["CFO".into()];
        let missing = unmet(Stage::Opportunity, &p, &playbook);
        let criteria: Vec<_> = missing.iter().map(|u| u.criterion).collect();
        assert_eq!(
            criteria,
            [
                Criterion::DealValue,
                Criterion::CloseDate,
                Criterion::Stakeholders
            ],
            "one named stakeholder is short of two"
        );
        assert!(
            missing[2].message.contains("at least 2"),
            "{}",
            missing[2].message
        );
    }
}
