//! The outside world the API needs: who is working, what time it is, where new ids come from.
//! Front ends pass the real ones; tests pass fixed ones.

use chrono::{DateTime, Utc};
use indmap_core::IdSource;
use uuid::Uuid;

pub trait Clock: Send {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that always says the same time.
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// UUID v7 from the system clock and random source.
pub struct SystemIds;

impl IdSource for SystemIds {
    fn new_id(&mut self) -> Uuid {
        Uuid::now_v7()
    }
}

/// Ids counted up from a base time: repeatable in tests.
pub struct CountingIds {
    pub unix_millis: u64,
    pub next: u64,
}

impl IdSource for CountingIds {
    fn new_id(&mut self) -> Uuid {
        self.next += 1;
        let mut random = [0u8; 10];
        random[2..].copy_from_slice(&self.next.to_be_bytes());
        indmap_core::ident::uuid_v7(self.unix_millis, random)
    }
}

pub struct Env {
    /// Who makes the changes, as the change log records it.
    pub user: String,
    pub clock: Box<dyn Clock>,
    pub ids: Box<dyn IdSource + Send>,
}

impl Env {
    /// The real world: the login name, the system clock, random ids.
    pub fn system() -> Env {
        let user = std::env::var("INDMAP_USER")
            .or_else(|_| std::env::var("USER"))
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown".into());
        Env { user, clock: Box::new(SystemClock), ids: Box::new(SystemIds) }
    }

    /// A fixed time and counted ids, for tests.
    pub fn fixed(user: &str, at: DateTime<Utc>) -> Env {
        Env {
            user: user.into(),
            clock: Box::new(FixedClock(at)),
            ids: Box::new(CountingIds { unix_millis: at.timestamp_millis().max(0) as u64, next: 0 }),
        }
    }
}
