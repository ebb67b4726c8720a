//! Where a database's backups live, and what a killed run leaves of them.

use std::path::{Path, PathBuf};

/// Backups of the database at `db` live in a folder beside it: `NAME.sqlite.backups/`.
pub(crate) fn folder(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    db.with_file_name(name)
}

/// Where a restore copies the backup before it renames it over the database.
pub(crate) fn restoring(db: &Path) -> PathBuf {
    db.with_extension("restoring")
}

/// Deletes what a killed run left behind it: backups and restores cut short (`*.partial` in the
/// backups folder, `NAME.restoring` beside the map) and exports cut short (`crate::writing`).
/// Only when no other window or command has the map open: theirs may be under way.
pub(crate) fn clean_leftovers(db: &Path) {
    let Ok(_alone) = indmap_store::lock::exclusive(db, std::time::Duration::ZERO) else { return };
    let _ = std::fs::remove_file(restoring(db));
    crate::writing::clean(db);
    let Ok(entries) = std::fs::read_dir(folder(db)) else { return };
    for entry in entries.flatten() {
        if entry.path().extension().is_some_and(|x| x == "partial") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
