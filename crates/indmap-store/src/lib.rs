//! The indmap database: one SQLite file (WAL, foreign keys on, CHECK constraints) created for one
//! scope, upgraded by versioned migrations, written only in transactions, and carrying an
//! append-only log of every field ever changed.
//!
//! This crate knows SQL and nothing about the command line or the window. It trusts that
//! projects given to it have been validated; the schema's constraints are the last line.

mod codec;
#[cfg(target_os = "linux")]
mod copy;
mod error;
mod log;
mod migrations;
mod reference;
mod store;
mod sync;
mod versions;
mod writer;

pub use error::{Result, StoreError};
pub use log::LogEntry;
pub use migrations::{LATEST_VERSION, migrations};
pub use reference::ReferenceList;
pub use store::{MapTotals, Store};
pub use sync::{ImportReceipt, Reader, StoredProject};
pub use writer::{Batch, Writer};

pub(crate) use store::{connect, totals};

use chrono::{DateTime, SecondsFormat, Utc};
use indmap_core::Scope;
use std::path::PathBuf;
use uuid::Uuid;

/// The field name of a history entry that records a record's birth with all its values.
pub const BIRTH: &str = "*";

/// What a database is: its own id, whose map it keeps, and its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct DbInfo {
    pub path: PathBuf,
    pub db_id: Uuid,
    pub scope: Scope,
    pub created_at: String,
    pub schema_version: usize,
}

/// Who writes, when, and from where: stamped on every change-log entry.
#[derive(Debug, Clone)]
pub struct Author {
    pub user: String,
    pub at: DateTime<Utc>,
    /// `local` for edits made here, or the name of the file a change came in with.
    pub origin: String,
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}
