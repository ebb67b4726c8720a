//! The indmap database: one SQLite file (WAL, foreign keys on, CHECK constraints) created for one
//! scope, upgraded by versioned migrations, written only in transactions, and carrying an
//! append-only log of every field ever changed.
//!
//! This crate knows SQL and nothing about the command line or the window. It trusts that
//! projects given to it have been validated; the schema's constraints are the last line.

mod author;
mod codec;
mod codes;
#[cfg(target_os = "linux")]
mod copy;
mod editions;
mod error;
mod exports;
mod keys;
pub mod lock;
mod log;
mod migrations;
mod period_acts;
mod reference;
mod store;
mod sync;
mod versions;
mod writer;

pub use author::{Author, timestamp};
pub use error::{Result, StoreError};
pub use exports::ExportReceipt;
pub use log::{BIRTH, LogEntry};
pub use migrations::{LATEST_VERSION, migrations};
pub use reference::ReferenceList;
pub use store::{DbInfo, MapTotals, Store, claim_backup_name, release_backup_name};
pub use sync::{ImportReceipt, Reader};
pub use writer::{Batch, Writer};

pub(crate) use store::{connect, totals};
