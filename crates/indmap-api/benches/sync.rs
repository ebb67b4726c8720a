//! The national merge, timed: a national map of N projects (INDMAP_BENCH_PROJECTS, default
//! 100,000) is split into the 20 regional databases; each region changes 10% of its regional
//! projects and sends its file; the ministry imports the 20 files. Prints the time of each step.
//!
//!     cargo bench -p indmap-api --bench sync
//!     INDMAP_BENCH_PROJECTS=10000 cargo bench -p indmap-api --bench sync
//!
//! Side by side, pygeodiff (`pip install pygeodiff`) applies the same changes to the same data:
//! the national map exported before and after the imports gives the changesets (see
//! benches/pygeodiff_apply.py). Without python3 or pygeodiff the bench says so and goes on.

use chrono::{TimeZone, Utc};
use indmap_api::core::reference::REGIONS;
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{CountingIds, Env, Indmap};
use serde_json::{Value, json};
use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

// The allocator of the indmap binaries, so the figures are theirs; counted, for the peak of the heap.
#[global_allocator]
static ALLOCATOR: Counted = Counted;

/// mimalloc, keeping count of the bytes allocated now and at most since `Counted::reset_peak`.
struct Counted;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counted::resize(0, layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Counted::resize(layout.size(), 0);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Counted::resize(layout.size(), new_size);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

impl Counted {
    fn resize(from: usize, to: usize) {
        ALLOCATED.fetch_sub(from, Relaxed);
        PEAK.fetch_max(ALLOCATED.fetch_add(to, Relaxed) + to, Relaxed);
    }

    /// Starts counting the peak afresh; answers what the heap holds now.
    fn reset_peak() -> usize {
        let now = ALLOCATED.load(Relaxed);
        PEAK.store(now, Relaxed);
        now
    }

    /// The most the heap held since the reset, beyond what it held then, in MB.
    fn peak_above(start: usize) -> f64 {
        PEAK.load(Relaxed).saturating_sub(start) as f64 / 1e6
    }
}

const PYGEODIFF_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/pygeodiff_apply.py");

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
    // INDMAP_BENCH_ROUNDS: how many times the imports run, each time into a fresh copy of the
    // national database as it was before them. One run on a shared machine can be off by a
    // second; the rounds show the spread, and the median is the figure to go by.
    let rounds: usize = std::env::var("INDMAP_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let dir = tempfile::tempdir().unwrap();
    let mut rows = Vec::new();
    // INDMAP_BENCH_KEEP=DIR keeps the prepared inputs (the national database before the imports,
    // the 20 files, the national export) in DIR/N and reuses them: building them takes minutes.
    let kept = std::env::var_os("INDMAP_BENCH_KEEP").map(|d| Path::new(&d).join(n.to_string()));
    let (national, files, base, changed) = match kept.as_deref().filter(|k| k.join("changed").exists()) {
        Some(kept) => reuse(kept, dir.path(), &mut rows),
        None => prepare(n, dir.path(), &mut rows),
    };
    if let Some(kept) = kept.as_deref().filter(|k| !k.join("changed").exists()) {
        keep(kept, &national, &files, &base, changed);
    }
    // What each later round starts from: the national database before the imports.
    let pristine = match kept.as_deref().map(|k| k.join("national.sqlite")).filter(|p| p.exists()) {
        Some(kept) => kept,
        None if rounds > 1 => national.backup("pristine").unwrap(),
        None => PathBuf::new(),
    };
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    let first = Round::run(national, &files, changed, 1);
    // INDMAP_BENCH_PYGEODIFF=0 leaves out the comparison (and the export it needs): for profiling.
    let compare = std::env::var("INDMAP_BENCH_PYGEODIFF").map_or(true, |v| v != "0");
    let pygeodiff_dir = dir.path().join("pygeodiff");
    let mut export_heap = None;
    let pygeodiff = compare
        .then(|| {
            let modified = dir.path().join("national-after.gpkg");
            let heap = Counted::reset_peak();
            timed(&mut rows, "export the national map after the imports (for pygeodiff)", || {
                first.national.export(&modified, None).unwrap()
            });
            export_heap = Some(Counted::peak_above(heap));
            std::fs::create_dir_all(&pygeodiff_dir).unwrap();
            timed(&mut rows, "pygeodiff makes its changesets of the same changes", || {
                run_pygeodiff(&[Path::new("prepare"), &base, &modified, &pygeodiff_dir])
            })
        })
        .flatten();
    // Each round of indmap's is followed by one of pygeodiff's, so both meet the machine as it is then.
    let pygeodiff_round =
        || pygeodiff.as_ref().and_then(|_| run_pygeodiff(&[Path::new("apply"), &base, &pygeodiff_dir]));
    let mut runs = vec![(first.times, pygeodiff_round())];
    for round in 2..=rounds {
        let db = dir.path().join(format!("national-{round}.sqlite"));
        std::fs::copy(&pristine, &db).unwrap();
        let national = Indmap::open(&db, env("ministry", 30)).unwrap();
        let times = Round::run(national, &files, changed, round).times;
        remove_database(&db);
        runs.push((times, pygeodiff_round()));
    }
    println!(
        "\nnational merge of {n} projects: {changed} changed in the regions, all merged in every round, {} conflicts",
        first.conflicts
    );
    println!("the 20 regional files hold {:.1} MB", bytes as f64 / 1e6);
    println!("the national database (a backup's size) is {:.1} MB", first.backup_bytes as f64 / 1e6);
    if let Some(mb) = export_heap {
        println!("the national export's heap grew by at most {mb:.0} MB (it loads a slice of the map at a time)");
    }
    println!("{:<60} {:>10}", "step", "seconds");
    for (step, took) in rows {
        println!("{step:<60} {:>10.2}", took.as_secs_f64());
    }
    print_rounds(&runs, pygeodiff.as_ref());
    if let Some(result) = &pygeodiff {
        print_pygeodiff_details(result);
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average (1, 5, 15 min): {}", load.split(' ').take(3).collect::<Vec<_>>().join(" "));
    }
}

/// The figures of one round of imports, in seconds.
struct Times {
    backup: f64,
    imports: f64,
    checkpoint: f64,
}

/// One round: a backup timed alone (how much of the imports it is), then the 20 imports.
struct Round {
    national: Indmap,
    conflicts: usize,
    backup_bytes: u64,
    times: Times,
}

impl Round {
    /// Fails unless the imports merged all `changed` projects: a round's figures count only then.
    fn run(mut national: Indmap, files: &[PathBuf], changed: usize, round: usize) -> Round {
        let took = |step: &str, start: Instant| {
            let took = start.elapsed().as_secs_f64();
            eprintln!("round {round}: {step:<60} {took:>6.2} s");
            took
        };
        // Each timed step starts with what earlier steps wrote on disk, as a user's database is
        // when they import: gigabytes of pages still waiting to be written would slow the
        // kernel's copy of the backup several times over, and differently on every run.
        settle_disk();
        let start = Instant::now();
        let backup_path = national.backup("bench").unwrap();
        let backup = took("one backup of the national database", start);
        let backup_bytes = std::fs::metadata(&backup_path).map(|m| m.len()).unwrap_or(0);
        std::fs::remove_file(&backup_path).unwrap();
        settle_disk();
        let start = Instant::now();
        let reports = national.import_all(files, false).into_iter().map(Result::unwrap).collect::<Vec<_>>();
        let imports = took("the ministry imports the 20 files (goal: under 3 s in all)", start);
        let start = Instant::now();
        national.wait_for_checkpoint();
        let checkpoint = took("the checkpoint they leave running on another thread", start);
        let merged: usize = reports.iter().map(|r| r.changed.len()).sum();
        assert_eq!(merged, changed, "round {round}: every regional change reached the national map");
        let conflicts = reports.iter().map(|r| r.conflicts.len()).sum();
        Round { national, conflicts, backup_bytes, times: Times { backup, imports, checkpoint } }
    }
}

/// Removes a database of a finished round, with its WAL and backups: each is gigabytes.
fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let _ = std::fs::remove_dir_all(format!("{}.backups", db.display()));
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / 2.0 }
}

type Prepared = (Indmap, Vec<PathBuf>, PathBuf, usize);

/// Waits until everything written so far is on disk (`sync`).
fn settle_disk() {
    if let Err(e) = std::process::Command::new("sync").status() {
        eprintln!("sync could not be run ({e}); the timings below may include earlier steps' writes");
    }
}

/// Builds the national map, the 20 regional databases and their files of changes, and the
/// national export pygeodiff starts from.
fn prepare(n: usize, dir: &Path, rows: &mut Vec<(String, Duration)>) -> Prepared {
    let mut national = Indmap::init(&dir.join("national.sqlite"), Scope::Ministry, env("ministry", 0)).unwrap();
    timed(rows, &format!("sample national map of {n} projects"), || national.add_sample(n, 1).unwrap());
    let slices: Vec<_> = timed(rows, "export 20 regional slices of the national map", || {
        REGIONS
            .iter()
            .map(|r| {
                let path = dir.join(format!("slice-{}.gpkg", r.kato));
                national.export(&path, RegionCode::parse(r.kato)).unwrap();
                (r.kato, path)
            })
            .collect()
    });
    let mut regions: Vec<Indmap> = timed(rows, "20 regional databases import their slices", || {
        slices
            .iter()
            .enumerate()
            .map(|(i, (kato, path))| {
                let scope = Scope::Region(RegionCode::parse(kato).unwrap());
                let mut db =
                    Indmap::init(&dir.join(format!("r{kato}.sqlite")), scope, env(kato, i as u64 + 1)).unwrap();
                db.import(path, false).unwrap();
                db
            })
            .collect()
    });
    let changed = timed(rows, "each region changes 10% of its projects", || {
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
    let files: Vec<_> = timed(rows, "20 regions export their changes for the ministry", || {
        regions
            .iter()
            .enumerate()
            .map(|(i, db)| {
                let path = dir.join(format!("region-{i}.gpkg"));
                db.export_for(&path, None, Some(Scope::Ministry)).unwrap();
                path
            })
            .collect()
    });
    let base = dir.join("national-before.gpkg");
    timed(rows, "export the national map before the imports (for pygeodiff)", || national.export(&base, None).unwrap());
    (national, files, base, changed)
}

/// Saves what `prepare` built in `kept`, for later runs.
fn keep(kept: &Path, national: &Indmap, files: &[PathBuf], base: &Path, changed: usize) {
    std::fs::create_dir_all(kept).unwrap();
    std::fs::rename(national.backup("kept").unwrap(), kept.join("national.sqlite")).unwrap();
    for (i, file) in files.iter().enumerate() {
        std::fs::copy(file, kept.join(format!("region-{i}.gpkg"))).unwrap();
    }
    std::fs::copy(base, kept.join("national-before.gpkg")).unwrap();
    std::fs::write(kept.join("changed"), changed.to_string()).unwrap();
}

/// Takes what an earlier run kept: a copy of its national database, its files.
fn reuse(kept: &Path, dir: &Path, rows: &mut Vec<(String, Duration)>) -> Prepared {
    let db = dir.join("national.sqlite");
    timed(rows, &format!("copy the prepared national database from {}", kept.display()), || {
        std::fs::copy(kept.join("national.sqlite"), &db).unwrap()
    });
    // A fresh id range: the ids the sample took are in the database already.
    let national = Indmap::open(&db, env("ministry", 30)).unwrap();
    let files = (0..REGIONS.len()).map(|i| kept.join(format!("region-{i}.gpkg"))).collect();
    let changed = std::fs::read_to_string(kept.join("changed")).unwrap().trim().parse().unwrap();
    (national, files, kept.join("national-before.gpkg"), changed)
}

/// Runs benches/pygeodiff_apply.py with these arguments (`prepare` the changesets, or `apply`
/// them once). Never fails the bench: a missing python3 or pygeodiff is one line, and no
/// comparison.
fn run_pygeodiff(args: &[&Path]) -> Option<Value> {
    let output = Command::new("python3").arg(PYGEODIFF_SCRIPT).args(args).output();
    let result: Value = match output {
        Err(e) => {
            println!("no pygeodiff comparison: python3 cannot be run ({e})");
            return None;
        }
        Ok(out) => match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(_) => {
                let stderr = String::from_utf8_lossy(&out.stderr);
                println!("no pygeodiff comparison: the script failed: {}", stderr.trim());
                return None;
            }
        },
    };
    if result["ok"] != true {
        let error = result["error"].as_str().unwrap_or("unknown error");
        println!("no pygeodiff comparison: {error}");
        return None;
    }
    Some(result)
}

/// The rounds side by side: indmap's imports (with the backup they take, which pygeodiff does
/// not), and pygeodiff applying the same changes as the 20 files' changesets and as one.
fn print_rounds(rounds: &[(Times, Option<Value>)], pygeodiff: Option<&Value>) {
    let theirs = |way: &str| -> Vec<f64> { rounds.iter().filter_map(|(_, r)| r.as_ref()?[way].as_f64()).collect() };
    let (chain, one) = (theirs("chain_s"), theirs("one_s"));
    let runs: Vec<&Times> = rounds.iter().map(|(t, _)| t).collect();
    let changesets = pygeodiff.and_then(|r| r["per_region"]["changesets"].as_u64()).unwrap_or(0);
    println!("\n{} rounds, in seconds (each of indmap's followed by one of pygeodiff's):", runs.len());
    println!(
        "{:>6} {:>14} {:>24} {:>12} {:>27} {:>26}",
        "round",
        "backup alone",
        "indmap imports (< 3 s)",
        "checkpoint",
        if changesets > 0 { format!("pygeodiff, {changesets} changesets") } else { "pygeodiff, per region".to_owned() },
        "pygeodiff, one changeset"
    );
    let cell = |v: Option<&f64>| v.map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"));
    for (i, run) in runs.iter().enumerate() {
        println!(
            "{:>6} {:>14.2} {:>24.2} {:>12.2} {:>27} {:>26}",
            i + 1,
            run.backup,
            run.imports,
            run.checkpoint,
            cell(chain.get(i)),
            cell(one.get(i))
        );
    }
    let imports: Vec<f64> = runs.iter().map(|r| r.imports).collect();
    let ours = median(imports.clone());
    let of = |v: &[f64]| (!v.is_empty()).then(|| median(v.to_vec()));
    println!(
        "{:>6} {:>14.2} {:>24.2} {:>12.2} {:>27} {:>26}",
        "median",
        median(runs.iter().map(|r| r.backup).collect()),
        ours,
        median(runs.iter().map(|r| r.checkpoint).collect()),
        cell(of(&chain).as_ref()),
        cell(of(&one).as_ref())
    );
    let under = imports.iter().filter(|&&s| s < 3.0).count();
    let slowest = imports.iter().copied().fold(0.0, f64::max);
    println!("indmap's imports took under 3 s in {under} of {} rounds (the slowest: {slowest:.2} s)", imports.len());
    // The goal's comparison: the same changes as the files bring them, a changeset per region
    // applied in turn. One changeset of all of them is the diff of the national map before and
    // after the merge, which only the merge can make: a bound for pygeodiff, shown for reference.
    let ways = [
        ("the goal", format!("the {changesets} changesets of the regions and the manifest in turn"), &chain),
        ("for reference", "one changeset of all the changes (the diff of the merged map)".to_owned(), &one),
    ];
    for (role, label, theirs) in ways {
        if let Some(median_theirs) = of(theirs) {
            let verdict = match ours.total_cmp(&median_theirs) {
                std::cmp::Ordering::Less => "indmap is faster",
                std::cmp::Ordering::Equal => "as fast",
                std::cmp::Ordering::Greater => "pygeodiff is faster",
            };
            let won = imports.iter().zip(theirs.iter()).filter(|(a, b)| a < b).count();
            println!(
                "{role}: median indmap {ours:.2} s, pygeodiff applying {label} {median_theirs:.2} s: {verdict} \
                 (indmap faster in {won} of {} rounds)",
                theirs.len()
            );
        }
    }
}

/// What pygeodiff applied: its version, the changes and their tables.
fn print_pygeodiff_details(result: &Value) {
    let no_pk = result["tables_without_pk"].as_array().map(Vec::len).unwrap_or(0);
    if no_pk > 0 {
        println!("pygeodiff skips tables without a primary key: {}", result["tables_without_pk"]);
    }
    let region = &result["per_region"];
    let regions = region["regions"].as_array().map(Vec::len).unwrap_or(0);
    let changesets = region["changesets"].as_u64().unwrap_or(0) as usize;
    let manifest = if changesets > regions { " + 1 for the manifest" } else { "" };
    println!(
        "pygeodiff {}: one changeset of {} changes (creating it took {:.2} s); {changesets} changesets ({regions} regions{manifest}) of {} changes",
        result["version"].as_str().unwrap_or("?"),
        result["changes"],
        result["create_s"].as_f64().unwrap_or(f64::NAN),
        region["changes"],
    );
    println!("pygeodiff changes by table: {}", result["summary"]);
    println!(
        "pygeodiff applies them to a copy of the national GeoPackage of {:.1} MB",
        result["base_mb"].as_f64().unwrap_or(f64::NAN)
    );
}
