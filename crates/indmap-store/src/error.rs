//! What can go wrong in the store, each case saying what to do.

use indmap_core::ProjectCode;
use std::path::PathBuf;
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no indmap database at {0}")]
    Missing(PathBuf),
    #[error("a file already exists at {0}")]
    AlreadyExists(PathBuf),
    #[error("{path} is not an indmap database ({reason})")]
    NotIndmap { path: PathBuf, reason: String },
    #[error(
        "the database at {path} was made by a newer indmap (schema {found}, this build knows up to {known}); update indmap"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
    #[error("project code {0} is already used by another project")]
    CodeTaken(ProjectCode),
    #[error("a project with id {0} already exists")]
    IdTaken(Uuid),
    #[error("the database refused the change: {0}")]
    Constraint(String),
    /// Another process (an import, a restore, the window) held the database longer than a
    /// writer waits for its turn.
    #[error(
        "the map is busy with another operation (an import, a restore or another window); wait a moment and try again"
    )]
    Busy,
    /// Another window or command has the map open, and a restore must be alone with it.
    #[error("the map at {0} is open in another window or command; close it, then try again")]
    OpenElsewhere(PathBuf),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
