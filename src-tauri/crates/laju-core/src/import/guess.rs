//! A first mapping for a file nobody described, from the labels spreadsheets and CRMs commonly
//! use; the import wizard starts from it and the user corrects the rest.

use super::target::targets;
use super::Mapping;

/// Labels compared with letters and digits only, lower-cased ("E-mail" is "email").
const LABELS: [(&[&str], &str); 18] = [
    (&["email", "emailaddress", "mail"], "contact.email"),
    (
        &["name", "fullname", "contactname", "leadname"],
        "contact.name",
    ),
    (&["firstname", "givenname"], "contact.firstName"),
    (&["lastname", "surname", "familyname"], "contact.lastName"),
    (
        &[
            "phone",
            "mobile",
            "phonenumber",
            "mobilephone",
            "mobilenumber",
            "telephone",
            "tel",
            "whatsapp",
        ],
        "contact.phone",
    ),
    (
        &[
            "company",
            "companyname",
            "organisation",
            "organization",
            "accountname",
            "business",
        ],
        "company.name",
    ),
    (
        &["title", "jobtitle", "position", "designation", "role"],
        "contact.title",
    ),
    (&["country", "countryregion"], "company.country"),
    (&["industry", "sector"], "company.industry"),
    (
        &[
            "employees",
            "numberofemployees",
            "noofemployees",
            "companysize",
        ],
        "company.employees",
    ),
    (&["source", "leadsource", "originalsource"], "source.kind"),
    (
        &["stage", "lifecyclestage", "status", "leadstatus"],
        "stage",
    ),
    (
        &[
            "created",
            "createdate",
            "createddate",
            "createdat",
            "datecreated",
            "createdon",
        ],
        "createdAt",
    ),
    (
        &["owner", "contactowner", "leadowner", "assignedto"],
        "owner",
    ),
    (
        &["notes", "note", "description", "comments", "comment"],
        "notes",
    ),
    (&["campaign", "campaignname"], "source.campaign"),
    (&["tags", "tag", "labels"], "tags"),
    (
        &["id", "externalid", "recordid", "leadid", "contactid"],
        "source.externalId",
    ),
];

/// Maps each header that is a field name or a common label for one; the rest stay unmapped.
pub fn guess(headers: &[String]) -> Mapping {
    let mut mapping = Mapping::default();
    for header in headers {
        let header = header.trim();
        let target = targets()
            .into_iter()
            .find(|name| name.eq_ignore_ascii_case(header))
            .or_else(|| label(header).map(str::to_string));
        if let Some(target) = target {
            mapping.columns.insert(header.to_string(), target);
        }
    }
    mapping
}

fn label(header: &str) -> Option<&'static str> {
    let squashed: String = header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect();
    LABELS
        .iter()
        .find(|(labels, _)| labels.contains(&squashed.as_str()))
        .map(|(_, target)| *target)
}
