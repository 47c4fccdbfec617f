//! Who a sample lead is: contact, company and source, with the campaign, event, referrer or
//! partner its kind of source would carry; and the deal fields sales fills in as it moves on
//! (BANT, value and close date, contract). Companies recur, as accounts do, with the same
//! size and industry each time; no two leads share a mail address or a name at one company,
//! so importing the sample never merges two of its leads.

use super::names::{self, Country, Person, INDUSTRIES};
use super::rng::Rng;
use super::team::EVENTS;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use laju_core::lead::{ForecastCategory, LeadProfile, Money, SourceKind};
use std::collections::{HashMap, HashSet};

pub(crate) const SOURCES: [(SourceKind, u32); 7] = [
    (SourceKind::Inbound, 24),
    (SourceKind::PaidAds, 15),
    (SourceKind::Outbound, 12),
    (SourceKind::Event, 13),
    (SourceKind::Referral, 10),
    (SourceKind::Partner, 10),
    (SourceKind::Database, 16),
];

/// Titles the default ICP counts as decision makers, and the rest.
const SENIOR: [&str; 12] = [
    "Owner",
    "Founder",
    "Co-founder",
    "Director",
    "Managing Director",
    "CEO",
    "General Manager",
    "Head of Sales",
    "Marketing Manager",
    "Operations Manager",
    "Sales Manager",
    "Head of Operations",
];
const OTHER: [&str; 11] = [
    "Admin Executive",
    "Sales Executive",
    "Marketing Executive",
    "Accountant",
    "Operations Executive",
    "Customer Service",
    "Intern",
    "Student",
    "Teacher",
    "IT Support",
    "Personal Assistant",
];
const WEBINARS: [&str; 2] = [
    "Webinar: WhatsApp leads that convert",
    "Webinar: From enquiry to invoice",
];
const NEEDS: [&str; 6] = [
    "Stop losing WhatsApp enquiries",
    "One pipeline for all outlets",
    "Faster follow-up on event leads",
    "Replace the sales spreadsheet",
    "See which campaigns bring customers",
    "Hand leads from marketing to sales without gaps",
];
const USE_CASES: [&str; 5] = [
    "WhatsApp lead follow-up",
    "Pipeline for a small sales team",
    "Event lead capture",
    "Marketing to sales handoff",
    "Reseller lead sharing",
];

/// One company as every lead from it sees it.
#[derive(Clone)]
struct Firm {
    domain: String,
    industry: String,
    employees: u32,
    target_account: bool,
}

/// What the leads made so far use, so the next one neither repeats nor contradicts them.
#[derive(Default)]
pub(crate) struct Accounts {
    firms: HashMap<String, Firm>,
    emails: HashSet<String>,
    people: HashSet<(String, String)>,
}

/// The lead's contact, company and source (drawn unless given) as of `created`.
pub(crate) fn profile(
    accounts: &mut Accounts,
    created: DateTime<Utc>,
    source: Option<SourceKind>,
    rng: &mut Rng,
) -> (LeadProfile, Country) {
    let country = rng.weighted(&Country::WEIGHTS);
    let industry = rng.weighted(&INDUSTRIES);
    let (company, domain) = names::company(country, industry, rng);
    let firm = accounts
        .firms
        .entry(company.clone())
        .or_insert_with(|| {
            let employees = employees(rng);
            Firm {
                domain,
                industry: industry.into(),
                employees,
                target_account: rng.chance(if employees >= 200 { 0.15 } else { 0.03 }),
            }
        })
        .clone();
    let person = unused_person(accounts, country, &company, rng);

    let mut p = LeadProfile::default();
    p.contact.name = person.name.clone();
    p.contact.title = title(country, rng);
    let free = rng.chance(if country == Country::Cn { 0.3 } else { 0.15 });
    if rng.chance(0.93) {
        p.contact.email = unused_email(accounts, &person, &firm.domain, free, country, rng);
    }
    if p.contact.email.is_empty() || rng.chance(0.7) {
        p.contact.phone = names::phone(country, rng);
    }
    p.company.name = company;
    p.company.industry = firm.industry;
    p.company.country = country.code().into();
    p.company.employees = Some(firm.employees);
    p.company.target_account = firm.target_account;
    if rng.chance(0.4) {
        p.company.use_case = rng.pick(&USE_CASES).to_string();
    }
    p.source.kind = source.unwrap_or_else(|| rng.weighted(&SOURCES));
    source_details(&mut p, country, created, rng);
    p.consent.do_not_email = rng.chance(0.02);
    p.consent.do_not_call = rng.chance(0.02);
    (p, country)
}

fn employees(rng: &mut Rng) -> u32 {
    let (low, high) = rng.weighted(&[
        ((2, 9), 22),
        ((10, 49), 33),
        ((50, 199), 22),
        ((200, 499), 11),
        ((500, 999), 6),
        ((1000, 5000), 6),
    ]);
    let n = rng.between(low, high) as u32;
    // Nobody counts a large company to the person.
    if n >= 50 {
        n - n % 10
    } else {
        n
    }
}

fn title(country: Country, rng: &mut Rng) -> String {
    let local: &[&str] = match country {
        Country::My => &["Pengurus", "Pemilik Kedai"],
        Country::Id => &["Pemilik", "Direktur Utama"],
        Country::Tw => &["總經理", "業務經理"],
        Country::Cn => &["总经理", "销售经理"],
        Country::Sg => &[],
    };
    if !local.is_empty() && rng.chance(0.15) {
        return rng.pick(local).to_string();
    }
    if rng.chance(0.62) {
        rng.pick(&SENIOR).to_string()
    } else {
        rng.pick(&OTHER).to_string()
    }
}

fn unused_person(
    accounts: &mut Accounts,
    country: Country,
    company: &str,
    rng: &mut Rng,
) -> Person {
    let mut person = names::person_in(country, rng);
    for round in 2.. {
        if accounts
            .people
            .insert((person.name.clone(), company.to_string()))
        {
            break;
        }
        person = names::person_in(country, rng);
        // A big account can run out of name combinations; a middle initial tells them apart.
        if round > 12 {
            person.name = format!("{} {}.", person.name, char::from(b'A' + (round % 26) as u8));
        }
    }
    person
}

fn unused_email(
    accounts: &mut Accounts,
    person: &Person,
    domain: &str,
    free: bool,
    country: Country,
    rng: &mut Rng,
) -> String {
    let email = names::email(person, domain, free, country, rng);
    let mut candidate = email.clone();
    let mut n = 2;
    while !accounts.emails.insert(candidate.clone()) {
        candidate = match email.split_once('@') {
            Some((local, domain)) => format!("{local}{n}@{domain}"),
            None => format!("{email}{n}"),
        };
        n += 1;
    }
    candidate
}

fn quarter(at: DateTime<Utc>) -> String {
    format!("Q{} {}", (at.month() - 1) / 3 + 1, at.year())
}

fn source_details(p: &mut LeadProfile, country: Country, created: DateTime<Utc>, rng: &mut Rng) {
    let q = quarter(created);
    let s = &mut p.source;
    match s.kind {
        SourceKind::Inbound => {
            s.detail = rng
                .pick(&[
                    "Organic search",
                    "Blog: WhatsApp follow-up guide",
                    "Pricing page",
                    "Contact form",
                    "Live chat",
                    "Newsletter sign-up",
                ])
                .to_string();
            if s.detail == "Organic search" {
                s.utm = "utm_source=google&utm_medium=organic".into();
            }
            if rng.chance(0.4) {
                s.campaign = "Content: lead follow-up checklist".into();
            }
        }
        SourceKind::PaidAds => {
            let (platform, source) = rng.pick(match country {
                Country::Cn => &[
                    ("Baidu Ads", "baidu"),
                    ("WeChat Ads", "wechat"),
                    ("Xiaohongshu Ads", "xiaohongshu"),
                ][..],
                Country::Tw => &[
                    ("Google Ads", "google"),
                    ("Meta Ads", "meta"),
                    ("LINE Ads", "line"),
                ][..],
                _ => &[
                    ("Google Ads", "google"),
                    ("Meta Ads", "meta"),
                    ("TikTok Ads", "tiktok"),
                    ("LinkedIn Ads", "linkedin"),
                ][..],
            });
            s.detail = platform.into();
            s.campaign = format!("{platform} {q}");
            s.utm = format!(
                "utm_source={source}&utm_medium=cpc&utm_campaign={}",
                q.to_lowercase().replace(' ', "-")
            );
        }
        SourceKind::Outbound => {
            s.detail = rng
                .pick(&["Cold email", "Cold call", "LinkedIn outreach"])
                .to_string();
            s.campaign = format!("Outbound {} {q}", p.company.industry);
        }
        SourceKind::Event => {
            if rng.chance(0.3) {
                s.event_name = rng.pick(&WEBINARS).to_string();
                s.detail = "Webinar attendee".into();
            } else {
                s.event_name = EVENTS
                    .iter()
                    .find(|(c, _)| *c == country.code())
                    .map_or(EVENTS[0].1, |(_, e)| e)
                    .to_string();
                s.detail = rng.pick(&["Badge scan", "Booth conversation"]).to_string();
            }
            s.campaign = format!("{} {}", s.event_name, created.year());
        }
        SourceKind::Referral => {
            let friend = names::person_in(country, rng);
            let (firm, _) = names::company(country, rng.weighted(&INDUSTRIES), rng);
            s.referrer = match rng.between(0, 9) {
                0..=5 => format!("Customer: {} ({firm})", friend.name),
                6..=7 => "Personal network: Farid".into(),
                _ => format!("Friend: {}", friend.name),
            };
            s.detail = if s.referrer.starts_with("Customer") {
                "Customer referral".into()
            } else {
                "Personal network".into()
            };
            s.campaign = "Customer referral programme".into();
        }
        SourceKind::Partner => {
            s.partner = match country {
                Country::My => rng.pick(&["Setia Cloud Resellers", "KL Digital Partners"]),
                Country::Id => "Mitra Digital Nusantara",
                Country::Tw => "Formosa Integrators",
                Country::Cn => "Huaxin Channel Partners",
                Country::Sg => "Merlion SaaS Partners",
            }
            .into();
            s.detail = rng.pick(&["Reseller", "Technology partner"]).to_string();
            s.campaign = format!("{} co-marketing", s.partner);
        }
        SourceKind::Database => {
            s.detail = rng
                .pick(&[
                    "Purchased list: SME directory",
                    "Trade association member list",
                    "Old CRM export",
                ])
                .to_string();
            s.campaign = format!("Database reactivation {q}");
        }
    }
}

/// The qualification call's answers (SQL's gate).
pub(crate) fn qualify(p: &mut LeadProfile, country: Country, rng: &mut Rng) {
    p.bant.budget = if rng.chance(0.45) {
        "indicated".into()
    } else {
        let value = deal_value(p, country, rng);
        format!("{} {}", value.currency, grouped(value.amount))
    };
    p.bant.authority = if SENIOR.iter().any(|t| *t == p.contact.title) {
        p.contact.name.clone()
    } else {
        format!("{} (Owner)", names::person_in(country, rng).name)
    };
    p.bant.need = rng.pick(&NEEDS).to_string();
    p.bant.timeline = rng
        .pick(&[
            "this quarter",
            "next quarter",
            "within 60 days",
            "before year end",
        ])
        .to_string();
}

/// The opportunity's fields (its gate): value in the country's currency, the close date the
/// rep projects, and who else is involved.
pub(crate) fn open_deal(p: &mut LeadProfile, country: Country, close: NaiveDate, rng: &mut Rng) {
    p.opportunity.value = Some(deal_value(p, country, rng));
    p.opportunity.close_date = Some(close);
    p.opportunity.stakeholders = vec![p.contact.name.clone()];
    if p.company.employees.unwrap_or(0) >= 50 || rng.chance(0.3) {
        let role = rng.pick(&["Finance", "IT", "Operations", "Owner"]);
        p.opportunity
            .stakeholders
            .push(format!("{} ({role})", names::person_in(country, rng).name));
    }
    p.opportunity.sales_stage = rng
        .pick(&["Discovery", "Proposal", "Negotiation"])
        .to_string();
    p.opportunity.forecast = Some(rng.weighted(&[
        (ForecastCategory::Pipeline, 5),
        (ForecastCategory::BestCase, 3),
        (ForecastCategory::Commit, 2),
    ]));
}

/// The contract (Customer's gate), signed on the day the deal was won.
pub(crate) fn win(p: &mut LeadProfile, on: DateTime<Utc>, rng: &mut Rng) {
    let day = on.date_naive();
    p.opportunity.close_date = Some(day);
    p.opportunity.sales_stage = "Closed won".into();
    p.opportunity.forecast = Some(ForecastCategory::Commit);
    p.closing.contract_signed = Some(day);
    p.closing.payment_terms = rng
        .pick(&["Monthly", "Annual upfront", "Quarterly", "Net 30"])
        .to_string();
    p.closing.onboarding = Some(day + Duration::days(rng.between(3, 14) as i64));
}

/// A yearly contract sized by headcount, drawn in dollars, quoted in local currency and
/// rounded as a salesperson would (two significant figures).
fn deal_value(p: &LeadProfile, country: Country, rng: &mut Rng) -> Money {
    let dollars = match p.company.employees.unwrap_or(10) {
        0..=9 => rng.between(600, 2_500),
        10..=49 => rng.between(2_000, 8_000),
        50..=199 => rng.between(6_000, 25_000),
        200..=499 => rng.between(15_000, 60_000),
        _ => rng.between(40_000, 200_000),
    };
    Money {
        amount: two_figures(dollars as f64 * country.per_dollar()),
        currency: country.currency().into(),
    }
}

fn two_figures(x: f64) -> u64 {
    let scale = 10f64.powi((x.max(1.0).log10().floor() as i32 - 1).max(0));
    ((x / scale).round() * scale) as u64
}

/// 12,000 rather than 12000, as a budget is written.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
