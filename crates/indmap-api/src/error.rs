//! The error every front end sees: a kind to branch on and one sentence to show.

use indmap_core::Problem;
use indmap_store::StoreError;
use serde::Serialize;

/// What went wrong, in the terms a front end acts on. The window branches on this, never on
/// the message; the command line maps it to its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorKind {
    /// The input (a file, a form, an argument) breaks a rule; `problems` says which.
    Invalid,
    /// The project, file or database asked for does not exist.
    NotFound,
    /// The input is fine but the database holds something that contradicts it (a code in use).
    Conflict,
    /// The database file cannot be used by this build (not indmap, or newer schema).
    Incompatible,
    /// Reading or writing a file failed.
    Io,
    /// Another operation held the database longer than this one waits; trying again later works.
    Busy,
    /// Anything else: a bug or a broken disk.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// For `Invalid`: every error and warning found, each naming its field.
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), problems: Vec::new() }
    }

    pub fn invalid(problems: indmap_core::Problems) -> Error {
        let errors: Vec<String> = problems.errors().map(|p| p.to_string()).collect();
        let message = match errors.len() {
            1 => errors[0].clone(),
            n => format!("{n} problems: {}", errors.join("; ")),
        };
        Error { kind: ErrorKind::Invalid, message, problems: problems.0 }
    }

    pub fn not_found(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::NotFound, message)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        let kind = match &e {
            StoreError::Missing(_) => ErrorKind::NotFound,
            StoreError::AlreadyExists(_) | StoreError::CodeTaken(_) | StoreError::IdTaken(_) => ErrorKind::Conflict,
            StoreError::NotIndmap { .. } | StoreError::TooNew { .. } => ErrorKind::Incompatible,
            StoreError::Constraint(_) => ErrorKind::Invalid,
            StoreError::Io { .. } => ErrorKind::Io,
            StoreError::Busy | StoreError::OpenElsewhere(_) => ErrorKind::Busy,
            StoreError::Sqlite(_) | StoreError::Migration(_) => ErrorKind::Internal,
        };
        Error::new(kind, e.to_string())
    }
}

impl From<indmap_exchange::ExchangeError> for Error {
    fn from(e: indmap_exchange::ExchangeError) -> Self {
        use indmap_exchange::ExchangeError::*;
        let kind = match e {
            Unreadable(..) => ErrorKind::NotFound,
            TooNew { .. } => ErrorKind::Incompatible,
            _ => ErrorKind::Invalid,
        };
        Error::new(kind, e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
