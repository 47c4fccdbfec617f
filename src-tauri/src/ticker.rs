//! While the window is open, the engine's tick runs every few seconds: handoffs past their
//! deadline are reassigned and the recycling rule applied. Whatever changed is announced to the
//! window (`inbox-changed`) and, for a breach, on the desktop.

use laju_core::Locale;
use laju_engine::handoff::{BreachNotice, TickReport};
use laju_engine::Workspace;
use std::time::Duration;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;

const EVERY: Duration = Duration::from_secs(5);
pub const INBOX_CHANGED: &str = "inbox-changed";
/// More breaches than this in one tick are announced as one summary.
const MAX_NOTICES: usize = 3;

pub fn spawn(app: AppHandle, workspace: Workspace) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        // After a sleep, one catch-up tick is enough: the engine finds everything overdue.
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let ws = workspace.clone();
            let report = match tauri::async_runtime::spawn_blocking(move || ws.tick()).await {
                Ok(Ok(report)) => report,
                Ok(Err(error)) => {
                    eprintln!("laju: the SLA tick failed: {error}");
                    continue;
                }
                Err(_) => continue,
            };
            if report == TickReport::default() {
                continue;
            }
            let _ = app.emit(INBOX_CHANGED, &report);
            let locale = workspace
                .preferences()
                .ok()
                .and_then(|p| p.locale)
                .unwrap_or(Locale::En);
            // After an import or a long sleep many may breach at once: one line each for a few,
            // one summary for a flood, so the desktop is not buried.
            let texts: Vec<_> = if report.breaches.len() > MAX_NOTICES {
                vec![flood_text(report.breaches.len(), locale)]
            } else {
                report
                    .breaches
                    .iter()
                    .map(|n| breach_text(n, locale))
                    .collect()
            };
            for (title, body) in texts {
                // Showing one is a D-Bus round trip on Linux that can wait on a missing
                // notification daemon: keep it off the ticker's worker.
                let app = app.clone();
                tauri::async_runtime::spawn_blocking(move || {
                    if let Err(error) = app.notification().builder().title(title).body(body).show()
                    {
                        eprintln!("laju: no desktop notification: {error}");
                    }
                });
            }
        }
    });
}

fn breach_text(notice: &BreachNotice, locale: Locale) -> (String, String) {
    let b = &notice.breach;
    let nobody = match locale {
        Locale::En => "nobody",
        Locale::Ms => "tiada sesiapa",
        Locale::Id => "tidak ada",
        Locale::ZhCn => "无人",
        Locale::ZhTw => "無人",
    };
    let from = b.from.as_deref().unwrap_or(nobody);
    let to = b.to.as_deref().unwrap_or(nobody);
    let manager = b.manager.as_deref().unwrap_or(nobody);
    let name = &notice.name;
    match locale {
        Locale::En => (
            format!("SLA breached: {name}"),
            format!("Reassigned from {from} to {to}. Manager told: {manager}."),
        ),
        Locale::Ms => (
            format!("SLA dilanggar: {name}"),
            format!("Diagih semula daripada {from} kepada {to}. Pengurus dimaklumkan: {manager}."),
        ),
        Locale::Id => (
            format!("SLA terlewati: {name}"),
            format!("Dialihkan dari {from} ke {to}. Manajer diberi tahu: {manager}."),
        ),
        Locale::ZhCn => (
            format!("SLA 超时：{name}"),
            format!("已从 {from} 改派给 {to}。已通知经理：{manager}。"),
        ),
        Locale::ZhTw => (
            format!("SLA 逾時：{name}"),
            format!("已從 {from} 改派給 {to}。已通知經理：{manager}。"),
        ),
    }
}

fn flood_text(count: usize, locale: Locale) -> (String, String) {
    match locale {
        Locale::En => (
            format!("{count} SLAs breached"),
            "Each was reassigned and its manager told. See the Inbox.".into(),
        ),
        Locale::Ms => (
            format!("{count} SLA dilanggar"),
            "Setiap satu diagih semula dan pengurusnya dimaklumkan. Lihat Peti Masuk.".into(),
        ),
        Locale::Id => (
            format!("{count} SLA terlewati"),
            "Masing-masing dialihkan dan manajernya diberi tahu. Lihat Kotak Masuk.".into(),
        ),
        Locale::ZhCn => (
            format!("{count} 个 SLA 超时"),
            "均已改派并通知经理。请查看收件箱。".into(),
        ),
        Locale::ZhTw => (
            format!("{count} 個 SLA 逾時"),
            "均已改派並通知經理。請查看收件匣。".into(),
        ),
    }
}
