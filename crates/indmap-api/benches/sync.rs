//! The national merge, timed: a national map of N projects (INDMAP_BENCH_PROJECTS, default
//! 100,000) is split into the 20 regional databases; each region changes 10% of its regional
//! projects and sends its file; the ministry imports the 20 files. Prints the time of each step.
//!
//!     cargo bench -p indmap-api --bench sync
//!     INDMAP_BENCH_PROJECTS=10000 cargo bench -p indmap-api --bench sync

use chrono::{TimeZone, Utc};
use indmap_api::core::reference::REGIONS;
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{CountingIds, Env, Indmap};
use serde_json::json;
use std::time::{Duration, Instant};

fn env(user: &str, n: u64) -> Env {
    let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    env.ids = Box::new(CountingIds { unix_millis: 1_764_000_000_000 + n * 10_000_000, next: 0 });
    env
}

fn timed<T>(rows: &mut Vec<(String, Duration)>, step: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    let took = start.elapsed();
    eprintln!("{step:<60} {:>10.2} s", took.as_secs_f64());
    rows.push((step.to_owned(), took));
    value
}

fn main() {
    let n: usize = std::env::var("INDMAP_BENCH_PROJECTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    let mut national = Indmap::init(&dir.path().join("national.sqlite"), Scope::Ministry, env("ministry", 0)).unwrap();
    timed(&mut rows, &format!("sample national map of {n} projects"), || national.add_sample(n, 1).unwrap());
    let slices: Vec<_> = timed(&mut rows, "export 20 regional slices of the national map", || {
        REGIONS
            .iter()
            .map(|r| {
                let path = dir.path().join(format!("slice-{}.gpkg", r.kato));
                national.export(&path, RegionCode::parse(r.kato)).unwrap();
                (r.kato, path)
            })
            .collect()
    });
    let mut regions: Vec<Indmap> = timed(&mut rows, "20 regional databases import their slices", || {
        slices
            .iter()
            .enumerate()
            .map(|(i, (kato, path))| {
                let scope = Scope::Region(RegionCode::parse(kato).unwrap());
                let mut db =
                    Indmap::init(&dir.path().join(format!("r{kato}.sqlite")), scope, env(kato, i as u64 + 1)).unwrap();
                db.import(path, false).unwrap();
                db
            })
            .collect()
    });
    let changed = timed(&mut rows, "each region changes 10% of its projects", || {
        let mut changed = 0;
        for db in &mut regions {
            // Regional projects: the region owns them (republican ones it could only propose for).
            let filter = indmap_api::core::ProjectFilter {
                level: Some(indmap_api::core::MapLevel::Regional),
                ..Default::default()
            };
            let projects = db.list(&filter).unwrap();
            for p in projects.iter().step_by(10) {
                let jobs = p.jobs_permanent.unwrap_or(0) + 7;
                let patch = json!({"type": "Feature", "geometry": null, "properties": {"jobs_permanent": jobs, "status": "delayed"}});
                db.update_project(&p.id.to_string(), &patch.to_string()).unwrap();
                changed += 1;
            }
        }
        changed
    });
    let files: Vec<_> = timed(&mut rows, "20 regions export their changes for the ministry", || {
        regions
            .iter()
            .enumerate()
            .map(|(i, db)| {
                let path = dir.path().join(format!("region-{i}.gpkg"));
                db.export_for(&path, None, Some("ministry")).unwrap();
                path
            })
            .collect()
    });
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    // The imports below take one backup of the national database first (a copy of the whole
    // file, history included); timing one alone shows how much of the import time it is.
    let backup = timed(&mut rows, "one backup of the national database", || national.backup("bench").unwrap());
    let backup_bytes = std::fs::metadata(&backup).map(|m| m.len()).unwrap_or(0);
    let reports = timed(&mut rows, "the ministry imports the 20 files (goal: under 3 s in all)", || {
        national.import_all(&files, false).into_iter().map(Result::unwrap).collect::<Vec<_>>()
    });
    let merged: usize = reports.iter().map(|r| r.changed.len()).sum();
    let conflicts: usize = reports.iter().map(|r| r.conflicts.len()).sum();
    println!(
        "\nnational merge of {n} projects: {changed} changed in the regions, {merged} merged, {conflicts} conflicts"
    );
    println!("the 20 regional files hold {:.1} MB", bytes as f64 / 1e6);
    println!("the national database (a backup's size) is {:.1} MB", backup_bytes as f64 / 1e6);
    println!("{:<60} {:>10}", "step", "seconds");
    for (step, took) in rows {
        println!("{step:<60} {:>10.2}", took.as_secs_f64());
    }
    assert_eq!(merged, changed, "every regional change reached the national map");
}
