//! Who writes, when, and from where: what every change-log entry and version stamp carries.

use chrono::{DateTime, SecondsFormat, Utc};

/// Who writes, when, and from where: stamped on every change-log entry.
#[derive(Debug, Clone)]
pub struct Author {
    pub user: String,
    pub at: DateTime<Utc>,
    /// `local` for edits made here, or the name of the file a change came in with.
    pub origin: String,
}

/// The stored form of a moment: RFC 3339 in UTC to the millisecond, so text order is time order.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}
