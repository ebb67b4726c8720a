//! What several test files of the API need: a fixed world, regions, a database's secret key.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{CountingIds, Env, Indmap};

/// A fixed clock (2026-11-25 09:00 UTC) and counted ids of their own for each `seed`.
pub fn env(user: &str, seed: u64) -> Env {
    let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    env.ids = Box::new(CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
    env
}

pub fn region(kato: &str) -> Scope {
    Scope::Region(RegionCode::parse(kato).unwrap())
}

/// The key a database signs its files with, read from its file as a thief of the laptop would.
pub fn secret_of(db: &Indmap) -> [u8; 32] {
    let conn = rusqlite::Connection::open(&db.info().path).unwrap();
    let hex: String = conn.query_row("SELECT value FROM meta WHERE key = 'signing_key'", [], |r| r.get(0)).unwrap();
    std::array::from_fn(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
}

/// Trusts the database that signed `file` as a person does once by phone: the fingerprint the
/// preview shows is confirmed (a new ministry database's files wait for it).
pub fn trust(db: &mut Indmap, file: &std::path::Path) {
    let fingerprint = db.import(file, true).unwrap().signature.fingerprint.unwrap();
    db.trust_sender(file, &fingerprint).unwrap();
}

/// The text of a PDF as pdftotext reads it, its words joined by single spaces (a table cell
/// wraps its words onto several lines).
pub fn pdf_text(bytes: &[u8], dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext read {name}");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}
