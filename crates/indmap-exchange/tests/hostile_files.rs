//! Files made to hurt the reader: each is refused, quickly and with a reason, before it can fill
//! the memory or the disk, or hang the import.

use indmap_core::Scope;
use indmap_exchange::{ExchangeError, ExchangeFile, Manifest};
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn manifest() -> Manifest {
    Manifest {
        format: String::new(),
        format_version: 0,
        schema_version: 6,
        db_id: Uuid::from_u128(1),
        scope: Scope::Ministry,
        exported_at: "2026-06-01T09:00:00.000Z".into(),
        user: "u".into(),
        projects: 0,
        databases: Vec::new(),
        changes_for: Vec::new(),
        public_key: None,
        counter: None,
        vouches: Vec::new(),
        sha256: String::new(),
    }
}

/// A sound, empty exchange file, changed by `sql`.
fn file_changed_by(dir: &Path, sql: &str) -> PathBuf {
    let file = dir.join("hostile.gpkg");
    let _ = std::fs::remove_file(&file);
    indmap_exchange::write(&file, manifest(), &[], &[], None).unwrap();
    rusqlite::Connection::open(&file).unwrap().execute_batch(sql).unwrap();
    file
}

fn refusal(path: &Path) -> ExchangeError {
    let started = std::time::Instant::now();
    let error = ExchangeFile::read(path).expect_err("a hostile file was read");
    // Not a timed test: a reader that followed the file would never come back at all.
    eprintln!("{} refused in {:?}: {error}", path.display(), started.elapsed());
    error
}

#[test]
fn a_sound_file_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_changed_by(dir.path(), "");
    assert_eq!(ExchangeFile::read(&file).unwrap().manifest.projects, 0);
}

#[test]
fn tables_that_are_endless_views_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)";
    for sql in [
        format!(
            "DROP TABLE indmap_records; CREATE VIEW indmap_records AS {endless} SELECT i AS project_id, 'x' AS record FROM n;"
        ),
        format!(
            "DROP TABLE indmap_proposals; CREATE VIEW indmap_proposals AS {endless} SELECT i AS id, 'x' AS proposal FROM n;"
        ),
    ] {
        let error = refusal(&file_changed_by(dir.path(), &sql));
        assert!(matches!(error, ExchangeError::Damaged { .. }), "{error}");
        assert!(error.to_string().contains("is not a plain table"), "{error}");
    }
    let error = refusal(&file_changed_by(dir.path(), "DROP TABLE indmap_records;"));
    assert!(error.to_string().contains("it has no table indmap_records"), "{error}");
}

#[test]
fn pipes_and_devices_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.gpkg");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.as_path(), Path::new("/dev/zero")] {
        let error = refusal(path);
        assert!(error.to_string().contains("it is not a regular file"), "{error}");
    }
}

#[test]
fn a_file_beyond_any_map_is_refused_by_its_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.gpkg");
    // Sparse: nine gigabytes the disk does not hold, which reading would still take minutes.
    std::fs::File::create(&file).unwrap().set_len(9 << 30).unwrap();
    let error = refusal(&file);
    assert!(matches!(error, ExchangeError::TooBig { limit, .. } if limit == 8 << 30), "{error}");
    assert!(error.to_string().contains("at most 8589934592"), "{error}");
}

#[test]
fn a_record_beyond_any_project_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_changed_by(
        dir.path(),
        "INSERT INTO indmap_records (project_id, record) VALUES ('x', CAST(zeroblob(17 * 1024 * 1024) AS TEXT));",
    );
    let error = refusal(&file);
    assert!(matches!(error, ExchangeError::TooBig { what: "its longest record in bytes", .. }), "{error}");
}
