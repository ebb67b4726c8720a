//! The database file: created for a scope, upgraded from older schemas, and its change log
//! append-only.

use chrono::{TimeZone, Utc};
use indmap_core::{Project, RegionCode, Scope};
use indmap_store::{Author, LATEST_VERSION, Store, StoreError, migrations};
use rusqlite::Connection;
use uuid::Uuid;

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap()
}

fn author() -> Author {
    Author { user: "planner".into(), at: at(), origin: "local".into() }
}

fn karaganda() -> Scope {
    Scope::Region(RegionCode::parse("35").unwrap())
}

#[test]
fn a_database_made_by_the_first_schema_is_upgraded_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    // What the first released build wrote: schema 1, its metadata and a project.
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 1).unwrap();
        conn.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('application', 'indmap'), ('db_id', '01900000-0000-7000-8000-000000000001'),
                ('scope', 'region:35'), ('created_at', '2025-01-01T00:00:00.000Z'), ('write_counter', '1');
             INSERT INTO sectors (code, name_kk, name_ru, name_en, position) VALUES ('metallurgy', 'Металлургия', 'Металлургия', 'Metallurgy', 0);
             INSERT INTO financing_sources (code, name_kk, name_ru, name_en, position) VALUES ('own_funds', 'Меншікті қаражат', 'Собственные средства', 'Own funds', 0);
             INSERT INTO projects (id, code, name_kk, name_ru, region, level, status, sector, cost_tiyn, created_at, updated_at)
                VALUES ('01900000-0000-7000-8000-000000000002', '35-0001', 'Теміртау құю зауыты', 'Темиртауский литейный завод', '35',
                        'regional', 'construction', 'metallurgy', 1234500, '2025-01-01', '2025-01-01');
             INSERT INTO financing (id, project_id, position, source, amount_tiyn, year, status)
                VALUES ('01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000002', 0, 'own_funds', 1234500, 2025, 'planned');",
        )
        .unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 1);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().schema_version, LATEST_VERSION);
    const { assert!(LATEST_VERSION > 1, "this test is about an upgrade") };
    assert_eq!(store.info().scope, karaganda());
    let projects = store.projects(&Default::default()).unwrap();
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].name_kk, "Теміртау құю зауыты");
    assert_eq!(projects[0].financing[0].amount, indmap_core::Money(1234500));
    // What schema 2 brought works on the upgraded file.
    assert_eq!(store.setting("monitoring_period").unwrap().as_deref(), Some("quarter"));
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    Store::create(&path, karaganda(), Uuid::nil(), at()).unwrap();
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::TooNew { found: 99, .. }) => {}
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
    assert!(std::fs::read(&path).unwrap() == before, "the file was changed");
}

#[test]
fn other_sqlite_files_are_not_taken_for_indmap_databases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    assert!(matches!(Store::open(&path), Err(StoreError::NotIndmap { .. })));
    std::fs::write(dir.path().join("text.sqlite"), "not a database at all, just text").unwrap();
    assert!(matches!(Store::open(&dir.path().join("text.sqlite")), Err(StoreError::NotIndmap { .. })));
}

#[test]
fn codes_are_issued_under_the_scope_prefix_and_never_twice() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("k.sqlite"), karaganda(), Uuid::nil(), at()).unwrap();
    let region = RegionCode::parse("35").unwrap();
    let project = |n: u128| Project::new(Uuid::from_u128(n), "Атауы".into(), "Название".into(), region);
    let mut arrived = project(2);
    arrived.code = indmap_core::ProjectCode::parse("35-0041");
    let codes = store
        .write(&author(), |w| {
            Ok(vec![w.insert_project(&project(1))?, w.insert_project(&arrived)?, w.insert_project(&project(3))?])
        })
        .unwrap();
    let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    assert_eq!(codes, ["35-0001", "35-0041", "35-0042"]);
    let mut clash = project(4);
    clash.code = indmap_core::ProjectCode::parse("35-0041");
    assert!(matches!(store.write(&author(), |w| w.insert_project(&clash)), Err(StoreError::CodeTaken(_))));
    // The failed write left nothing behind.
    assert_eq!(store.projects(&Default::default()).unwrap().len(), 3);
}

#[test]
fn the_change_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite");
    let mut store = Store::create(&path, karaganda(), Uuid::nil(), at()).unwrap();
    let p = Project::new(Uuid::from_u128(1), "Атауы".into(), "Название".into(), RegionCode::parse("35").unwrap());
    store.write(&author(), |w| w.insert_project(&p)).unwrap();
    let history = store.history(p.id).unwrap();
    assert!(
        history.iter().any(|e| e.field == indmap_store::BIRTH && e.new["name_kk"] == "Атауы" && e.user == "planner")
    );
    let conn = Connection::open(&path).unwrap();
    assert!(conn.execute("UPDATE change_log SET user = 'someone else'", []).is_err());
    assert!(conn.execute("DELETE FROM change_log", []).is_err());
    assert_eq!(store.log_len().unwrap(), history.len() as i64);
}

#[test]
fn every_write_of_a_database_takes_the_next_counter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("k.sqlite"), karaganda(), Uuid::nil(), at()).unwrap();
    let region = RegionCode::parse("35").unwrap();
    let p = Project::new(Uuid::from_u128(1), "Бір".into(), "Один".into(), region);
    store.write(&author(), |w| w.insert_project(&p)).unwrap();
    let mut changed = p.clone();
    changed.code = indmap_core::ProjectCode::parse("35-0001");
    changed.name_ru = "Первый".into();
    let old = store.project(p.id).unwrap().unwrap();
    store.write(&author(), |w| w.replace_project(&old, &changed)).unwrap();
    let history = store.history(p.id).unwrap();
    let last = history.last().unwrap();
    assert_eq!((last.field.as_str(), last.counter), ("name_ru", 2));
    assert!(history.iter().filter(|e| e.field != "name_ru").all(|e| e.counter == 1));
    assert_eq!(history.len(), 2, "a birth is one entry, an edit one per field");
}

#[test]
fn a_schema_2_database_is_upgraded_with_every_field_versioned_from_its_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite");
    {
        let mut conn = Connection::open(&path).unwrap();
        migrations().to_version(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO meta (key, value) VALUES ('application', 'indmap'), ('db_id', '01900000-0000-7000-8000-000000000001'),
                ('scope', 'region:35'), ('created_at', '2025-01-01T00:00:00.000Z'), ('write_counter', '2');
             INSERT INTO projects (id, code, name_kk, name_ru, region, level, status, created_at, updated_at)
                VALUES ('01900000-0000-7000-8000-000000000002', '35-0001', 'Атауы', 'Название', '35', 'regional', 'design', 'x', 'x');
             INSERT INTO change_log (db_id, counter, at, user, entity, record_id, project_id, field, old_value, new_value)
                VALUES ('01900000-0000-7000-8000-000000000001', 1, 't1', 'a', 'project', '01900000-0000-7000-8000-000000000002',
                        '01900000-0000-7000-8000-000000000002', 'status', NULL, '\"candidate\"'),
                       ('01900000-0000-7000-8000-000000000001', 2, 't2', 'b', 'project', '01900000-0000-7000-8000-000000000002',
                        '01900000-0000-7000-8000-000000000002', 'status', '\"candidate\"', '\"design\"');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let (_, vp) =
        store.versioned_project(Uuid::parse_str("01900000-0000-7000-8000-000000000002").unwrap()).unwrap().unwrap();
    let status = vp.fields.iter().find(|(k, _)| k.field == "status").unwrap().1;
    assert_eq!(
        (status[0].stamp.dot.counter, &*status[0].stamp.user),
        (2, "b"),
        "the field's version is its last logged write"
    );
    assert_eq!(vp.context.0.values().copied().collect::<Vec<_>>(), vec![2]);
}

#[test]
fn a_backup_name_is_claimed_once_and_a_batch_whose_backup_fails_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("k.sqlite"), karaganda(), Uuid::nil(), at()).unwrap();
    let backup = dir.path().join("b.sqlite");
    assert!(indmap_store::claim_backup_name(&backup).unwrap());
    assert!(!indmap_store::claim_backup_name(&backup).unwrap(), "one name claimed twice");
    // The copy cannot be written: where it goes until it is whole is a folder.
    let partial = dir.path().join("b.sqlite.partial");
    std::fs::remove_file(&partial).unwrap();
    std::fs::create_dir(&partial).unwrap();
    let batch = store.begin_batch(&backup).unwrap();
    let p = Project::new(Uuid::from_u128(1), "Бір".into(), "Один".into(), RegionCode::parse("35").unwrap());
    store.write(&author(), |w| w.insert_project(&p)).unwrap();
    assert!(store.end_batch(batch, true).is_err());
    assert!(store.projects(&Default::default()).unwrap().is_empty(), "the batch's write stayed");
    assert!(!backup.exists());

    // A backup written keeps its name from the next claim.
    let written = dir.path().join("c.sqlite");
    assert!(indmap_store::claim_backup_name(&written).unwrap());
    store.backup_to(&written).unwrap();
    assert!(written.exists() && !dir.path().join("c.sqlite.partial").exists());
    assert!(!indmap_store::claim_backup_name(&written).unwrap(), "a written backup's name claimed again");
    assert!(!dir.path().join("c.sqlite.partial").exists());
}

/// A copy takes its new id and its new key in the one transaction of `settle_identity`: in CI a
/// restore killed between two separate writes left a forked id with the original's key, and no
/// later open would draw it a key of its own.
#[test]
fn a_copied_database_takes_a_new_id_and_a_new_key_in_one_step_and_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("k.sqlite"), karaganda(), Uuid::nil(), at()).unwrap();
    let mut draws = (1u128..).map(Uuid::from_u128);
    assert_eq!(store.settle_identity("here", || draws.next().unwrap(), at()).unwrap(), None);
    let key = store.signing_key().unwrap().expect("a new database draws its first key");
    assert_eq!(store.info().db_id, Uuid::nil(), "the original keeps its id");
    assert_eq!(store.settle_identity("here", || draws.next().unwrap(), at()).unwrap(), None);
    assert_eq!(store.signing_key().unwrap(), Some(key), "an open at home keeps the key");

    let forked = store.settle_identity("elsewhere", || draws.next().unwrap(), at()).unwrap();
    assert_eq!(forked, Some(Uuid::nil()), "the copy names the id it came from");
    assert_ne!(store.info().db_id, Uuid::nil());
    let copy_key = store.signing_key().unwrap().unwrap();
    assert_ne!(copy_key, key, "the copy signs with a key of its own");
    assert_eq!(store.settle_identity("elsewhere", || draws.next().unwrap(), at()).unwrap(), None);
    assert_eq!(store.signing_key().unwrap(), Some(copy_key));
}

/// `info` counts the live projects in SQL: the same number reading them gives, a deleted one
/// not counted.
#[test]
fn the_project_count_is_that_of_the_live_projects() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("k.sqlite"), karaganda(), Uuid::nil(), at()).unwrap();
    let region = RegionCode::parse("35").unwrap();
    let projects: Vec<Project> =
        (1..=3).map(|n| Project::new(Uuid::from_u128(n), format!("Жоба {n}"), format!("Проект {n}"), region)).collect();
    store.write(&author(), |w| projects.iter().try_for_each(|p| w.insert_project(p).map(drop))).unwrap();
    assert_eq!(store.project_count().unwrap(), 3);
    let gone = store.project(Uuid::from_u128(2)).unwrap().unwrap();
    store.write(&author(), |w| w.delete_project(&gone, Some("қате енгізілген"))).unwrap();
    assert_eq!(store.project_count().unwrap(), 2);
    assert_eq!(store.projects(&indmap_core::ProjectFilter::default()).unwrap().len(), 2);
}
