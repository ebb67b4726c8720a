//! Alerts, the dashboard and the effectiveness of support of a national map, timed: a ministry
//! database with a sample national map of N projects (INDMAP_BENCH_PROJECTS, default 100,000)
//! and an approved republican map. Prints the time the core takes to compute every alert, the
//! dashboard and the effectiveness from projects in memory, each project measured against a
//! baseline as an approved one is (what the window redoes on each filter change; the goal is
//! under 0.5 s at 100,000), and the whole API calls with their reads (`alerts`, and the
//! window's `view`, which counts them).
//!
//!     cargo bench -p indmap-api --bench alerts
//!     INDMAP_BENCH_PROJECTS=10000 cargo bench -p indmap-api --bench alerts

use chrono::{TimeZone, Utc};
use indmap_api::core::alert::{self, Context, Thresholds};
use indmap_api::core::monitoring::Every;
use indmap_api::core::{ProjectFilter, Scope};
use indmap_api::{Approval, Env, Indmap, ViewFilter};
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The best of `runs` timings of `f`, in seconds, and its last answer.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let started = Instant::now();
        out = Some(f());
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let count: usize = std::env::var("INDMAP_BENCH_PROJECTS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("national.sqlite");
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    let mut db = Indmap::init(&path, Scope::Ministry, Env::fixed("bench", at)).unwrap();
    let started = Instant::now();
    db.add_sample(count, 1).unwrap();
    let approval = Approval {
        act: "№ 1".into(),
        date: "2026-03-01".into(),
        body: "Қазақстан Республикасының Үкіметі".into(),
        signatory: None,
    };
    db.approve_edition(&approval).unwrap();
    println!("sample of {count} projects, republican map approved: {:.1} s", started.elapsed().as_secs_f64());

    let (read, projects) = best(3, || db.list(&ProjectFilter::default()).unwrap());
    println!("api: reading the whole map's projects (what every call below does first): {read:.2} s");
    let today = at.date_naive();
    let cx =
        Context { today, due_period: alert::due_period(Every::Quarter, today, 10), thresholds: Thresholds::default() };
    let (compute, alerts) = best(5, || projects.iter().map(|p| alert::of(p, Some(p), &cx).len()).sum::<usize>());
    println!(
        "core: every alert of {count} projects in memory: {:.3} s ({alerts} alerts; goal < 0.5 s at 100,000)",
        compute
    );
    let baselines: std::collections::HashMap<_, _> = projects.iter().map(|p| (p.id, p.clone())).collect();
    let (dashboard, d) = best(5, || indmap_api::core::dashboard::of(&projects, &baselines, today));
    println!(
        "core: the dashboard of {count} projects in memory: {dashboard:.3} s ({} regions, {} financing cells)",
        d.by_region.len(),
        d.financing.len()
    );
    let methodology = indmap_api::core::effectiveness::Methodology::default();
    let (effect, e) = best(5, || indmap_api::core::effectiveness::of(&projects, &methodology, None));
    println!(
        "core: the effectiveness of support of {count} projects in memory: {effect:.3} s ({} supported, {} measures)",
        e.total.projects, e.total.measures
    );
    println!(
        "core: alerts, dashboard and effectiveness together: {:.3} s (goal < 0.5 s at 100,000)",
        compute + dashboard + effect
    );
    let (whole, list) = best(3, || db.alerts(&ProjectFilter::default()).unwrap());
    println!(
        "api: alerts of the whole map, read and baselines included: {whole:.2} s ({} alerts, {} against the edition)",
        list.alerts.len(),
        list.by_kind.iter().filter(|k| k.key.ends_with("_slipped")).map(|k| k.count).sum::<u32>()
    );
    let (view, shown) = best(3, || db.view(&ViewFilter::default()).unwrap());
    println!("api: the window's view of the whole map, alerts counted: {view:.2} s ({} alerts)", shown.summary.alerts);
    let region = ViewFilter { regions: vec!["35".into()], ..Default::default() };
    let (one, shown) = best(3, || db.view(&region).unwrap());
    println!("api: the window's view of one region (35): {one:.3} s ({} alerts)", shown.summary.alerts);
}
