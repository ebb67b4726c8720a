//! A file whose manifest names a scope or a database id that is not one is refused whole, with
//! an error that says so (its content is never read).

use indmap_core::{RegionCode, Scope};
use indmap_exchange::{ExchangeError, KnownDatabase, Manifest};
use uuid::Uuid;

fn manifest() -> Manifest {
    let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
    Manifest {
        format: String::new(),
        format_version: 0,
        schema_version: 6,
        db_id: Uuid::from_u128(1),
        scope: karaganda,
        exported_at: "2026-06-01T09:00:00.000Z".into(),
        user: "u".into(),
        projects: 0,
        databases: vec![KnownDatabase { id: Uuid::from_u128(2), scope: Scope::Ministry }],
        changes_for: vec![Uuid::from_u128(2)],
        public_key: None,
        counter: None,
        vouches: Vec::new(),
        sha256: String::new(),
    }
}

#[test]
fn a_file_is_read_back_with_its_manifest_typed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.gpkg");
    let written = indmap_exchange::write(&file, manifest(), &[], &[], None).unwrap();
    let read = indmap_exchange::ExchangeFile::read(&file).unwrap().manifest;
    assert_eq!(read, written);
    assert_eq!(read.databases, manifest().databases);
}

#[test]
fn a_file_with_a_malformed_scope_or_id_in_its_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        (r#""scope":"region:35""#, r#""scope":"region:99""#),
        (r#""ministry"]"#, r#""everyone"]"#),
        (r#""changes_for":["00000000-0000-0000-0000-000000000002"]"#, r#""changes_for":["two"]"#),
    ] {
        let file = dir.path().join("forged.gpkg");
        indmap_exchange::write(&file, manifest(), &[], &[], None).unwrap();
        let conn = rusqlite::Connection::open(&file).unwrap();
        let text: String = conn.query_row("SELECT value FROM indmap_manifest", [], |r| r.get(0)).unwrap();
        assert!(text.contains(from), "{text}");
        conn.execute("UPDATE indmap_manifest SET value = ?1", [text.replace(from, to)]).unwrap();
        drop(conn);
        match indmap_exchange::ExchangeFile::read(&file) {
            Err(e @ ExchangeError::BadManifest { .. }) => assert!(e.to_string().contains("forged.gpkg"), "{e}"),
            other => panic!("{to}: {other:?}"),
        }
    }
}
