//! Several `indmap` processes on one database at once, as when the window is open while the
//! command line imports or exports: nobody fails for being second, nothing is torn or doubled.

mod common;

use common::Db;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn spawn(db: &Db, args: &[&str]) -> Child {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("indmap"));
    c.env("INDMAP_DB", &db.path).env("INDMAP_USER", "test-planner").args(args);
    c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// Waits for a process and returns its exit code and what it printed.
fn finish(child: Child) -> (Option<i32>, String) {
    let out = child.wait_with_output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code(), said)
}

/// A file of a national sample map: big enough that importing it takes the write lock for a while.
fn sample_file(projects: &str) -> (Db, String) {
    let source = Db::init(&["--ministry"]);
    source.cmd(&["sample", "--projects", projects, "--seed", "7"]).assert().success();
    let file = source.dir.path().join("national.gpkg").to_string_lossy().into_owned();
    source.cmd(&["export", "--out", &file]).assert().success();
    (source, file)
}

fn count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn writes_made_while_an_import_runs_wait_their_turn_and_all_land() {
    let (_source, file) = sample_file("1500");
    let db = Db::init(&["--ministry"]);
    db.trust(&file);
    let import = spawn(&db, &["import", &file]);
    let started = Instant::now();
    let mut writers = Vec::new();
    // One write every 150 ms through the import (and a little after it): before the import
    // takes the lock, while it holds it, and as it lets go. (Settings: new projects of this
    // database would take codes the file's projects have.)
    while writers.len() < 12 {
        let threshold = format!("{}", 20_000_000_000_i64 + writers.len() as i64);
        writers.push((threshold.clone(), spawn(&db, &["settings", "republican_threshold_kzt", &threshold])));
        std::thread::sleep(Duration::from_millis(150));
    }
    let (code, said) = finish(import);
    assert_eq!(code, Some(0), "the import failed: {said}");
    eprintln!("the import took {:?}", started.elapsed());
    for (i, (_, writer)) in writers.into_iter().enumerate() {
        let (code, said) = finish(writer);
        assert_eq!(code, Some(0), "write {i} did not wait its turn: {said}");
    }
    assert_eq!(count(&db.path, "SELECT count(*) FROM projects"), 1500);
    let kept: String = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("SELECT value FROM settings WHERE key = 'republican_threshold_kzt'", [], |r| r.get(0))
        .unwrap();
    assert!(kept.starts_with("200000000"), "{kept}");
}

#[test]
fn one_file_imported_by_two_processes_at_once_is_imported_once() {
    let (_source, file) = sample_file("600");
    let db = Db::init(&["--ministry"]);
    db.trust(&file);
    let (first, second) = (spawn(&db, &["import", &file]), spawn(&db, &["import", &file]));
    let said: Vec<(Option<i32>, String)> = [first, second].into_iter().map(finish).collect();
    for (code, text) in &said {
        assert_eq!(*code, Some(0), "{text}");
    }
    assert_eq!(said.iter().filter(|(_, text)| text.contains("imported already")).count(), 1, "{said:?}");
    assert_eq!(count(&db.path, "SELECT count(*) FROM imports"), 1, "two receipts for one file");
    assert_eq!(db.json(&["backups"]).as_array().unwrap().len(), 1, "a backup of an import that never happened");
    assert_eq!(count(&db.path, "SELECT count(*) FROM projects"), 600);
}

/// Every value an exchange file carries is the value its stamp's write logged: a value from
/// before a write must not travel with the write's stamp, or the receiver holds the stamp and
/// never takes the real value. Returns how many values were checked against the log.
fn check_untorn(exported: &Path, db: &Path) -> usize {
    let file = indmap_exchange::ExchangeFile::read(exported).unwrap();
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut logged = conn
        .prepare(
            "SELECT new_value FROM change_log WHERE db_id = ?1 AND counter = ?2 AND entity = ?3 AND record_id = ?4 AND field = ?5",
        )
        .unwrap();
    let mut checked = 0;
    for vp in &file.content.projects {
        for (key, siblings) in &vp.fields {
            for sibling in siblings {
                let dot = sibling.stamp.dot;
                let params =
                    (dot.db.to_string(), dot.counter, key.entity.as_str(), key.record_id.to_string(), &key.field);
                let found: Option<Option<String>> =
                    logged.query_row(params, |r| r.get(0)).map(Some).unwrap_or_else(|_| None);
                let Some(text) = found else { continue };
                let value: Value = text.map_or(Value::Null, |t| serde_json::from_str(&t).unwrap());
                assert_eq!(
                    sibling.value,
                    value,
                    "{} carries {key:?} = {} stamped with write {} that wrote {value}",
                    exported.display(),
                    sibling.value,
                    dot.counter
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn an_export_made_while_another_process_writes_is_one_moment_of_the_map() {
    let db = Db::init(&["--region", "35"]);
    db.cmd(&["sample", "--projects", "300", "--seed", "3"]).assert().success();
    let codes: Vec<String> = (1..=20).map(|n| format!("35-{n:04}")).collect();
    // The writer: another process changing costs as fast as it can.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, path, dir) = (stop.clone(), db.path.clone(), db.dir.path().to_owned());
        std::thread::spawn(move || {
            let mut written = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let code = &codes[written % codes.len()];
                let patch = dir.join("patch.json");
                let cost = 2_000_000_000 + written as i64 * 1000;
                let feature = json!({"type": "Feature", "geometry": null, "properties": {"cost_kzt": cost}});
                std::fs::write(&patch, feature.to_string()).unwrap();
                let status = Command::new(assert_cmd::cargo::cargo_bin("indmap"))
                    .env("INDMAP_DB", &path)
                    .args(["project", "update", code, patch.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
                written += 1;
            }
            written
        })
    };
    let mut checked = 0;
    for i in 0..40 {
        let out = db.dir.path().join(format!("export-{i}.gpkg"));
        db.cmd(&["export", "--out", out.to_str().unwrap()]).assert().success();
        checked += check_untorn(&out, &db.path);
        std::fs::remove_file(&out).unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    eprintln!("{written} writes during 40 exports; {checked} values checked against the change log");
    assert!(written >= 10, "the writer wrote only {written} times during the exports");
}

fn backup_names(db: &Db) -> Vec<String> {
    db.json(&["backups"]).as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap().to_owned()).collect()
}

/// A restore while an import runs waits for the import to end: the import's work is kept in the
/// safety copy the restore takes first, and nothing is written into a file that is no longer
/// the map.
#[test]
fn a_restore_during_an_import_waits_for_it_and_loses_nothing() {
    let (_source, file) = sample_file("800");
    let db = Db::init(&["--ministry"]);
    // A first backup to restore: the state before anything was imported (a file of no
    // projects, from a database of its own).
    let empty = Db::init(&["--ministry"]);
    let small = empty.dir.path().join("empty.gpkg");
    empty.cmd(&["export", "--out", small.to_str().unwrap()]).assert().success();
    db.trust(small.to_str().unwrap());
    db.trust(&file);
    db.cmd(&["import", small.to_str().unwrap()]).assert().success();
    let first = backup_names(&db)[0].clone();
    let import = spawn(&db, &["import", &file]);
    std::thread::sleep(Duration::from_millis(400));
    let restore = spawn(&db, &["restore", &first]);
    let (import, restore) = (finish(import), finish(restore));
    assert_eq!(import.0, Some(0), "{}", import.1);
    assert_eq!(restore.0, Some(0), "{}", restore.1);
    // The restore came after the import: the map is the first backup, and the safety copy
    // taken before the restore holds what the import merged.
    assert_eq!(count(&db.path, "SELECT count(*) FROM projects"), 0);
    let safety = backup_names(&db).into_iter().find(|n| n.contains("before-restore")).expect("a safety copy");
    let safety = db.path.with_file_name("map.sqlite.backups").join(safety);
    assert_eq!(count(&safety, "SELECT count(*) FROM projects"), 800);
}

/// A window that keeps the map open is never left writing into a replaced file: the restore
/// is refused, saying why, and changes nothing. Checking a backup does not change it.
#[test]
fn a_restore_is_refused_while_the_map_is_open_elsewhere_and_checks_backups_without_touching_them() {
    let (_source, file) = sample_file("5");
    let db = Db::init(&["--ministry"]);
    db.trust(&file);
    db.cmd(&["import", &file]).assert().success();
    let name = backup_names(&db)[0].clone();
    let backup = db.path.with_file_name("map.sqlite.backups").join(&name);
    let bytes = std::fs::read(&backup).unwrap();
    let before = db.content();
    {
        let _window = indmap_api::Indmap::open(&db.path, indmap_api::Env::system()).unwrap();
        db.cmd(&["restore", &name]).assert().code(5).stderr(predicates::str::contains("open in another window"));
    }
    assert_eq!(db.content(), before, "a refused restore changed the map");
    db.cmd(&["restore", &name]).assert().success();
    assert_eq!(count(&db.path, "SELECT count(*) FROM projects"), 0);
    assert_eq!(std::fs::read(&backup).unwrap(), bytes, "the backup was changed by its check");
    let beside: Vec<_> = std::fs::read_dir(backup.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-wal") || n.ends_with("-shm") || n.ends_with(".partial"))
        .collect();
    assert!(beside.is_empty(), "files written beside the backups: {beside:?}");

    // A damaged backup is refused before anything is replaced.
    let mut damaged = bytes.clone();
    let half = damaged.len() / 2;
    damaged[half..half + 4096].fill(0xA5);
    std::fs::write(&backup, &damaged).unwrap();
    let before = db.content();
    db.cmd(&["restore", &name]).assert().failure().stderr(predicates::str::contains("damaged"));
    assert_eq!(db.content(), before);
}
