//! Approving and comparing editions of a national map, timed: a ministry database with a sample
//! national map of N projects (INDMAP_BENCH_PROJECTS, default 100,000) approves the republican
//! map, changes 100 of its plans, approves it again and compares the two editions. Prints the
//! time of each step and what the editions add to the database file.
//!
//!     cargo bench -p indmap-api --bench editions
//!     INDMAP_BENCH_PROJECTS=10000 cargo bench -p indmap-api --bench editions

use chrono::{TimeZone, Utc};
use indmap_api::core::Scope;
use indmap_api::{Approval, Env, Indmap};
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let count: usize = std::env::var("INDMAP_BENCH_PROJECTS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("national.sqlite");
    let env = Env::fixed("bench", Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
    let mut db = Indmap::init(&path, Scope::Ministry, env).unwrap();
    let started = Instant::now();
    db.add_sample(count, 1).unwrap();
    db.wait_for_checkpoint();
    // The pages the database holds (the WAL's included, as SQLite counts them), not the files'
    // lengths: a WAL is reused and would hide what a write added.
    let size = |_: &Indmap| {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        (pages * page) as f64 / 1e6
    };
    let before = size(&db);
    println!("sample of {count} projects: {:.1} s, {before:.0} MB", started.elapsed().as_secs_f64());
    let approve = |db: &mut Indmap, act: &str| {
        let approval = Approval {
            act: act.into(),
            date: "2026-12-15".into(),
            body: "Қазақстан Республикасының Үкіметі".into(),
            signatory: None,
        };
        let started = Instant::now();
        let e = db.approve_edition(&approval).unwrap();
        println!(
            "approve {act}: {} projects on the republican map in {:.2} s",
            e.totals.projects,
            started.elapsed().as_secs_f64()
        );
        e
    };
    let first = approve(&mut db, "№ 1");
    let after_first = size(&db);
    let on_map = db.edition(&first.id).unwrap().projects;
    let started = Instant::now();
    for (i, p) in on_map.iter().take(100).enumerate() {
        let patch = format!(
            r#"{{"type":"Feature","geometry":null,"properties":{{"jobs_permanent":{}}}}}"#,
            p.jobs_permanent.unwrap_or(0) + 1 + i as u32
        );
        db.update_project(&p.id, &patch).unwrap();
    }
    println!("100 plans changed: {:.1} s", started.elapsed().as_secs_f64());
    let second = approve(&mut db, "№ 2");
    let after_second = size(&db);
    let started = Instant::now();
    let diff = db.edition_diff(&first.id, &second.id).unwrap();
    println!(
        "diff: {} changed, {} added, {} excluded in {:.2} s",
        diff.changed.len(),
        diff.added.len(),
        diff.excluded.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "database: {before:.0} MB; first edition +{:.1} MB; second (100 plans new) +{:.1} MB",
        after_first - before,
        after_second - after_first
    );
}
