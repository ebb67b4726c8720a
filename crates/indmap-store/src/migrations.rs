//! The schema's history. A database records its version in `PRAGMA user_version`; opening it
//! with a newer build applies the migrations it has not seen, in one transaction each.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

/// What `meta.application` says in every indmap database, to tell one from any other SQLite file.
pub const APPLICATION: &str = "indmap";

const STEPS: &[&str] = &[
    include_str!("migrations/001_schema.sql"),
    include_str!("migrations/002_settings_and_indexes.sql"),
    include_str!("migrations/003_sync.sql"),
    include_str!("migrations/004_totals_index.sql"),
    include_str!("migrations/005_responsible_person.sql"),
    include_str!("migrations/006_signing_keys.sql"),
    include_str!("migrations/007_codes_may_clash.sql"),
    include_str!("migrations/008_editions.sql"),
    include_str!("migrations/009_export_receipts.sql"),
    include_str!("migrations/010_period_acts.sql"),
    include_str!("migrations/011_support_year.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: usize = STEPS.len();

pub fn migrations() -> Migrations<'static> {
    // Every step ends with a foreign key check, as steps that rebuild a table run with
    // foreign keys off (see `migrate`).
    Migrations::new(STEPS.iter().map(|sql| M::up(sql).foreign_key_check()).collect())
}

/// Brings a database's schema up to date. Foreign keys are off meanwhile, as SQLite's way of
/// rebuilding a table needs (a pragma that cannot change inside the steps' transactions).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrations().to_latest(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrate(&mut conn).expect("every migration applies to an empty database");
    }

    /// Rebuilding `projects` (007) keeps every project and the rows that point at it, and lets
    /// two projects share a code.
    #[test]
    fn rebuilding_projects_keeps_their_rows() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        super::migrations().to_version(&mut conn, 6).unwrap();
        conn.execute_batch(
            "INSERT OR IGNORE INTO financing_sources (code, name_kk, name_ru, name_en, position) VALUES ('own', 'Меншікті', 'Собственные', 'Own', 0);
             INSERT INTO projects (id, code, name_kk, name_ru, region, level, status, created_at, updated_at, responsible_person)
               VALUES ('00000000-0000-7000-8000-000000000001', '35-0010', 'Жоба', 'Проект', '35', 'regional', 'candidate', 't', 't', 'Әсел');
             INSERT INTO financing (id, project_id, position, source, amount_tiyn, year, status)
               VALUES ('00000000-0000-7000-8000-0000000000f1', '00000000-0000-7000-8000-000000000001', 0, 'own', 5, 2026, 'planned');",
        )
        .unwrap();
        super::migrate(&mut conn).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT count(*) FROM financing"), 1);
        assert_eq!(count("SELECT count(*) FROM projects WHERE responsible_person = 'Әсел'"), 1);
        assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
        assert_eq!(count("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%projects_v%'"), 0);
        conn.execute(
            "INSERT INTO projects (id, code, name_kk, name_ru, region, level, status, created_at, updated_at)
             VALUES ('00000000-0000-7000-8000-000000000002', '35-0010', 'Жоба', 'Проект', '35', 'regional', 'candidate', 't', 't')",
            [],
        )
        .unwrap();
        conn.execute("DELETE FROM projects WHERE id = '00000000-0000-7000-8000-000000000001'", []).unwrap();
        assert_eq!(count("SELECT count(*) FROM financing"), 0, "rows still follow their project");
    }
}
