//! The deal-value lines of `laju report funnel` and `laju report velocity` as text: each
//! currency on its own, the workspace-currency total only when the engine gives one, and why
//! not when it does not.

use laju_core::funnel::{DealFigures, DealSizeSplit, MoneyReport, Verdict};
use laju_core::playbook::DealSize;

pub fn print_money(money: &MoneyReport) {
    if money.currencies.is_empty() {
        out!("No deal value yet.");
        return;
    }
    out!("Deal value");
    for figures in &money.currencies {
        print_figures(&figures.currency, figures);
    }
    match (&money.total, &money.workspace_currency) {
        (Some(total), Some(code)) if money.currencies.len() > 1 => {
            print_figures(&format!("all in {code} (Playbook rates)"), total);
        }
        (Some(_), _) => {}
        (None, Some(code)) => out!(
            "  No total in {code}: the Playbook has no rate for {}.",
            money.missing_rates.join(", ")
        ),
        (None, None) => out!("  No total: the Playbook sets no workspace currency."),
    }
    if let Some(rate) = money.closed_win_rate {
        out!("  Closed leads won (with a value or without): {rate:.1}%");
    }
}

fn print_figures(label: &str, f: &DealFigures) {
    let rate = |r: Option<f64>| r.map_or("-".into(), |r| format!("{r:.1}%"));
    let average = f
        .average_won
        .map_or(String::new(), |a| format!(" (average {})", amount(a)));
    out!(
        "  {label}: won {}, {}{average}; lost {}, {}; win rate {} by count, {} by value",
        super::counted(f.won_deals, "deal"),
        amount(f.won_value),
        super::counted(f.lost_deals, "deal"),
        amount(f.lost_value),
        rate(f.win_rate_by_count),
        rate(f.win_rate_by_value)
    );
    out!(
        "    open {}, {}; weighted {}",
        super::counted(f.open_deals, "deal"),
        amount(f.open_value),
        amount(f.weighted_value)
    );
    for s in &f.by_stage {
        let share = s
            .win_share
            .map_or(String::new(), |w| format!(", {w:.1}% agreed to Customer"));
        out!(
            "      {:<12} {:>10} {:>16}  weighted {:>16}{share}",
            s.stage.label(),
            super::counted(s.deals, "deal"),
            amount(s.value),
            amount(s.weighted_value)
        );
    }
}

pub fn print_deal_sizes(split: &DealSizeSplit) {
    let Some(code) = &split.currency else {
        out!("By deal size: the Playbook sets no workspace currency.");
        return;
    };
    out!("By deal size ({code})");
    for b in &split.bands {
        let range = match b.up_to {
            Some(up_to) => format!("{}–{}", amount(b.above as f64), amount(up_to as f64)),
            None => format!("above {}", amount(b.above as f64)),
        };
        let days = |d: Option<f64>| d.map_or("-".into(), |d| format!("{d:.1}"));
        let median = |d: Option<f64>| d.map_or("-".into(), |d| format!("{d:.1}"));
        let pace = match b.verdict {
            Some(Verdict::Above) => ", slower than typical",
            Some(Verdict::Within) => ", on pace",
            Some(Verdict::Below) | None => "",
        };
        let typical = b
            .typical_days
            .map_or(String::new(), |t| format!(" (typical {t} d{pace})"));
        out!(
            "  {:<7} {range:<22} won {:>5}: to won average {:>6} d, median {:>4} d; as an opportunity average {} d over {}{typical}",
            size_label(b.size),
            b.won,
            days(b.average_days_to_won),
            median(b.median_days_to_won),
            days(b.opportunity_average_days),
            super::counted(b.opportunity_visits, "finished visit")
        );
    }
    if split.unbanded_won > 0 {
        out!(
            "  {} won deals in no band: no rate for {}.",
            split.unbanded_won,
            split.unbanded_currencies.join(", ")
        );
    }
    if split.won_without_value > 0 {
        out!("  {} won without a deal value.", split.won_without_value);
    }
}

fn size_label(size: DealSize) -> &'static str {
    match size {
        DealSize::Small => "Small",
        DealSize::Medium => "Medium",
        DealSize::Large => "Large",
    }
}

/// A whole amount with thousands separators, as a budget is written: 1,234,567.
fn amount(value: f64) -> String {
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    match value.round() < 0.0 {
        true => format!("-{out}"),
        false => out,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_whole_and_grouped_in_thousands() {
        assert_eq!(super::amount(9_000.0), "9,000");
        assert_eq!(super::amount(1_234_567.4), "1,234,567");
        assert_eq!(super::amount(999.5), "1,000");
        assert_eq!(super::amount(0.0), "0");
    }
}
