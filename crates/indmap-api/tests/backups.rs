//! Backups are kept by a rule the user can set, and what a killed run left is cleaned up at
//! the next start.

mod common;

use chrono::{TimeZone, Utc};
use indmap_api::core::{Rule, Scope};
use indmap_api::{Env, Indmap};
use serde_json::json;

fn env(user: &str, seed: u64, minute: u32) -> Env {
    let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, minute, 0).unwrap());
    env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
    env
}

fn names(db: &Indmap) -> Vec<String> {
    db.backups().unwrap().into_iter().map(|b| b.name).collect()
}

#[test]
fn backups_beyond_the_rule_go_oldest_first_and_leftovers_of_a_kill_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite");
    let mut source = Indmap::init(&dir.path().join("s.sqlite"), Scope::Ministry, env("s", 1, 0)).unwrap();
    Indmap::init(&path, Scope::Ministry, env("m", 2, 0)).unwrap();
    let e = Indmap::open(&path, env("m", 2, 0)).unwrap().set_setting("backups_keep", "0").unwrap_err();
    assert_eq!(e.problems[0].rule, Rule::SettingCount);
    Indmap::open(&path, env("m", 2, 0)).unwrap().set_setting("backups_keep", "3").unwrap();
    let mut made = Vec::new();
    for i in 0..5 {
        let feature = json!({"type": "Feature", "geometry": null, "properties": {
            "name_kk": format!("Зауыт {i}"), "name_ru": format!("Завод {i}"), "region": "35"}});
        source.add_projects(&feature.to_string()).unwrap();
        let file = dir.path().join(format!("{i}.gpkg"));
        source.export(&file, None).unwrap();
        // Each import at a minute of its own: backups are named by the time.
        let mut db = Indmap::open(&path, env("m", 2, i + 1)).unwrap();
        if i == 0 {
            common::trust(&mut db, &file);
        }
        let report = db.import(&file, false).unwrap();
        made.push(report.backup.unwrap().file_name().unwrap().to_string_lossy().into_owned());
    }
    let db = Indmap::open(&path, env("m", 2, 30)).unwrap();
    assert_eq!(names(&db), made[2..], "the newest three are kept");
    assert_eq!(db.retention().unwrap().keep, 3);

    // By size: at most 1 MB in all keeps what fits, and always the newest.
    let mut db = db;
    db.set_setting("backups_keep", "100").unwrap();
    db.set_setting("backups_max_mb", "1").unwrap();
    let one = db.backups().unwrap()[0].bytes;
    db.backup("by-hand").unwrap();
    let left = db.backups().unwrap();
    let total: u64 = left.iter().map(|b| b.bytes).sum();
    assert!(total <= 1 << 20 || left.len() == 1, "{total} bytes in {} backups of {one}", left.len());
    assert!(left.last().unwrap().name.ends_with("by-hand.sqlite"));
    drop(db);

    // A backup and a restore cut short by a kill: gone at the next start, never listed.
    let backups = dir.path().join("m.sqlite.backups");
    std::fs::write(backups.join("20261125T100000.000Z-before-import-x.sqlite.partial"), b"cut short").unwrap();
    std::fs::write(dir.path().join("m.restoring"), b"cut short").unwrap();
    let db = Indmap::open(&path, env("m", 2, 31)).unwrap();
    assert!(!backups.join("20261125T100000.000Z-before-import-x.sqlite.partial").exists());
    assert!(!dir.path().join("m.restoring").exists());
    assert!(names(&db).iter().all(|n| n.ends_with(".sqlite")));
}

#[test]
fn two_backups_in_the_same_millisecond_are_two_files_and_sort_in_the_order_taken() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.sqlite");
    Indmap::init(&path, Scope::Ministry, env("m", 2, 0)).unwrap();
    // The same fixed clock: both names would be the same time and label.
    let (first, second) = (Indmap::open(&path, env("m", 2, 5)).unwrap(), Indmap::open(&path, env("m", 2, 5)).unwrap());
    let a = first.backup("by-hand").unwrap();
    let b = second.backup("by-hand").unwrap();
    assert_ne!(a, b, "the second backup took the first one's name");
    let listed = names(&first);
    assert_eq!(listed.len(), 2, "{listed:?}");
    let file = |p: &std::path::Path| p.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(listed, [file(&a), file(&b)], "oldest first");
    for backup in first.backups().unwrap() {
        let conn = rusqlite::Connection::open(&backup.path).unwrap();
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "{}", backup.name);
        assert!(backup.bytes > 0, "{} is empty", backup.name);
    }
}
