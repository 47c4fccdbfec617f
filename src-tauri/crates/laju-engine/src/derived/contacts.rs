//! Who a lead is by email, external id, name + company and website visitor id: how duplicates
//! are spotted and how an import finds the lead a row belongs to, without reading the store.

use laju_core::lead::{Lead, LeadId, LeadProfile};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Default, PartialEq)]
pub(crate) struct Contacts {
    by_email: HashMap<String, BTreeSet<LeadId>>,
    by_external_id: HashMap<String, BTreeSet<LeadId>>,
    by_name_company: HashMap<(String, String), BTreeSet<LeadId>>,
    by_visitor: HashMap<String, BTreeSet<LeadId>>,
}

/// The ways a lead is recognised, normalised as matching compares them (trimmed, lower case;
/// name + company only when both are given).
pub(crate) struct Keys {
    pub email: Option<String>,
    pub external_id: Option<String>,
    pub name_company: Option<(String, String)>,
    pub visitor: Option<String>,
}

impl Keys {
    pub fn of(profile: &LeadProfile) -> Keys {
        let text = |s: &str| Some(s.trim().to_lowercase()).filter(|t| !t.is_empty());
        Keys {
            email: text(&profile.contact.email),
            external_id: text(&profile.source.external_id),
            name_company: text(&profile.contact.name).zip(text(&profile.company.name)),
            visitor: text(&profile.source.visitor_id),
        }
    }
}

impl Contacts {
    pub fn put(&mut self, before: Option<&Lead>, after: &Lead) {
        let id = after.id;
        if let Some(before) = before {
            let old = Keys::of(&before.profile);
            forget(&mut self.by_email, old.email, id);
            forget(&mut self.by_external_id, old.external_id, id);
            forget(&mut self.by_name_company, old.name_company, id);
            forget(&mut self.by_visitor, old.visitor, id);
        }
        let new = Keys::of(&after.profile);
        remember(&mut self.by_email, new.email, id);
        remember(&mut self.by_external_id, new.external_id, id);
        remember(&mut self.by_name_company, new.name_company, id);
        remember(&mut self.by_visitor, new.visitor, id);
    }

    /// The earliest lead with this (normalised) email.
    pub fn by_email(&self, email: &str) -> Option<LeadId> {
        first(self.by_email.get(email))
    }

    pub fn by_external_id(&self, external_id: &str) -> Option<LeadId> {
        first(self.by_external_id.get(external_id))
    }

    pub fn by_name_company(&self, key: &(String, String)) -> Option<LeadId> {
        first(self.by_name_company.get(key))
    }

    /// Every lead carrying this (normalised) visitor id, oldest first: the anonymous visitor
    /// its visits made and, once joined, the person it turned out to be.
    pub fn by_visitor(&self, visitor: &str) -> Vec<LeadId> {
        self.by_visitor
            .get(visitor)
            .map(|ids| ids.iter().copied().collect())
            .unwrap_or_default()
    }

    /// The earliest other lead with the same email, when one was there first.
    pub fn duplicate_of(&self, lead: &Lead) -> Option<LeadId> {
        let email = Keys::of(&lead.profile).email?;
        self.by_email(&email).filter(|other| *other < lead.id)
    }
}

fn first(ids: Option<&BTreeSet<LeadId>>) -> Option<LeadId> {
    ids.and_then(|ids| ids.first().copied())
}

fn remember<K: std::hash::Hash + Eq>(
    index: &mut HashMap<K, BTreeSet<LeadId>>,
    key: Option<K>,
    id: LeadId,
) {
    if let Some(key) = key {
        index.entry(key).or_default().insert(id);
    }
}

fn forget<K: std::hash::Hash + Eq>(
    index: &mut HashMap<K, BTreeSet<LeadId>>,
    key: Option<K>,
    id: LeadId,
) {
    if let Some(key) = key {
        if let Some(ids) = index.get_mut(&key) {
            ids.remove(&id);
            if ids.is_empty() {
                index.remove(&key);
            }
        }
    }
}
