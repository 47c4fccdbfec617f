//! The leads one file has created or touched so far, by the keys that find them, so later rows
//! of the same file match them before anything is stored; the workspace's own leads are found
//! in the contact index (`derived::Contacts`). Both the leads and the activities batch keep one.

use crate::derived::{Contacts, Keys};
use laju_core::lead::LeadId;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Seen {
    by_external_id: HashMap<String, LeadId>,
    by_email: HashMap<String, LeadId>,
    by_name_company: HashMap<(String, String), LeadId>,
    by_visitor: HashMap<String, LeadId>,
}

impl Seen {
    /// The file's first lead with a key keeps it.
    pub fn remember(&mut self, keys: Keys, id: LeadId) {
        if let Some(k) = keys.external_id {
            self.by_external_id.entry(k).or_insert(id);
        }
        if let Some(k) = keys.email {
            self.by_email.entry(k).or_insert(id);
        }
        if let Some(k) = keys.name_company {
            self.by_name_company.entry(k).or_insert(id);
        }
        if let Some(k) = keys.visitor {
            self.by_visitor.entry(k).or_insert(id);
        }
    }

    /// This file's lead with the (normalised) external id, else the workspace's.
    pub fn external_id(&self, key: &str, stored: &Contacts) -> Option<LeadId> {
        let ours = self.by_external_id.get(key).copied();
        ours.or_else(|| stored.by_external_id(key))
    }

    pub fn email(&self, key: &str, stored: &Contacts) -> Option<LeadId> {
        let ours = self.by_email.get(key).copied();
        ours.or_else(|| stored.by_email(key))
    }

    pub fn name_company(&self, key: &(String, String), stored: &Contacts) -> Option<LeadId> {
        let ours = self.by_name_company.get(key).copied();
        ours.or_else(|| stored.by_name_company(key))
    }

    /// Only this file's: the workspace's leads by visitor id are all its candidates
    /// (`Contacts::by_visitor`), not just the first.
    pub fn visitor(&self, key: &str) -> Option<LeadId> {
        self.by_visitor.get(key).copied()
    }
}
