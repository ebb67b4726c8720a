//! What every command shares: the open database (the session), what the window's screens keep
//! between commands, and the error the window receives.

use indmap_api::core::Problem;
use indmap_api::{ErrorKind, Indmap, Opened};
use serde::Serialize;
use std::sync::Mutex;

/// The open database, if any: none on a first start, until the user creates, opens or explores.
pub(crate) struct Session {
    pub(crate) db: Indmap,
    pub(crate) opened: Opened,
}

#[derive(Default)]
pub(crate) struct AppState {
    pub(crate) session: Mutex<Option<Session>>,
    /// The last import preview of each file: the merge bill saved is the one the user read.
    pub(crate) previews: Mutex<indmap_api::Previews>,
    /// The page count of the printout previewed last, keyed by its request: the print dialog
    /// asks for it right after the preview, and laying out an atlas twice would double the wait.
    pub(crate) last_page_count: Mutex<Option<(String, u32)>>,
    /// The atlas jobs the window cancelled. A job is named by the window, so a cancel that
    /// arrives before its atlas has started still stops it.
    pub(crate) atlas_cancelled: Mutex<std::collections::BTreeSet<u32>>,
    /// Why the database named at start could not be opened, shown on the start screen.
    pub(crate) start_error: Mutex<Option<UiError>>,
}

/// The error the window receives.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UiError {
    pub kind: ErrorKind,
    pub message: String,
    /// For `invalid`: every error and warning, each naming its field (`financing[1].amount_kzt`).
    pub problems: Vec<Problem>,
}

impl From<indmap_api::Error> for UiError {
    fn from(e: indmap_api::Error) -> Self {
        UiError { kind: e.kind, message: e.message, problems: e.problems }
    }
}

impl UiError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        UiError { kind, message: message.into(), problems: Vec::new() }
    }
    fn no_database() -> Self {
        UiError::new(ErrorKind::NotFound, "no map is open; create or open one first")
    }
}

pub(crate) type Answer<T> = Result<T, UiError>;

pub(crate) fn lock<T>(m: &Mutex<T>) -> Answer<std::sync::MutexGuard<'_, T>> {
    m.lock().map_err(|_| {
        UiError::new(ErrorKind::Internal, "the database is busy after an earlier failure; restart the app")
    })
}

pub(crate) fn with_db<T>(state: &AppState, f: impl FnOnce(&mut Indmap) -> indmap_api::Result<T>) -> Answer<T> {
    let mut session = lock(&state.session)?;
    let session = session.as_mut().ok_or_else(UiError::no_database)?;
    Ok(f(&mut session.db)?)
}
