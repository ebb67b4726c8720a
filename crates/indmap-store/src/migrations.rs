//! The schema's history. A database records its version in `PRAGMA user_version`; opening it
//! with a newer build applies the migrations it has not seen, in one transaction each.

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
];

/// The schema version this build writes.
pub const LATEST_VERSION: usize = STEPS.len();

pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().expect("every migration applies to an empty database");
    }
}
