//! A database's identity: its id and the signing key it signs its exchange files with (both
//! settled in one step when a file is copied); and the keys of the databases it has heard from:
//! pinned by the first signed file each sent, with the highest write counter a file of theirs
//! vouched for.

use crate::author::timestamp;
use crate::{Result, Store, Writer};
use chrono::{DateTime, Utc};
use indmap_core::trust::Pin;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use uuid::Uuid;

fn pins(conn: &Connection) -> Result<HashMap<Uuid, Pin>> {
    let mut stmt = conn.prepare_cached("SELECT db_id, public_key, signed_counter FROM databases")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (db, public_key, signed_counter) = row?;
        if let Ok(db) = Uuid::parse_str(&db) {
            out.insert(db, Pin { public_key, signed_counter: signed_counter.unwrap_or(0) });
        }
    }
    Ok(out)
}

/// A new secret key, from randomness the caller passes in (each new id carries 74 random bits).
pub(crate) fn new_secret(mut draw: impl FnMut() -> Uuid) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new_with_prefix(b"indmap signing key");
    for _ in 0..4 {
        hash.update(draw().as_bytes());
    }
    hash.finalize().into()
}

/// Gives the database the signing key `secret`, inside the caller's transaction.
pub(crate) fn put_signing_key(conn: &Connection, secret: [u8; 32]) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('signing_key', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [hex::encode(secret)],
    )?;
    Ok(())
}

impl Store {
    /// Makes sure this file has a database id and a signing key of its own. A file copied from
    /// another database (to another folder or machine) still carries the original's id and key;
    /// two databases writing under one id would make their versions collide, and a copy signing
    /// with the original's key could speak for it. So the copy takes a fresh id and key, drawn from
    /// `draw`, and notes the id it came from; a database made before files were signed takes
    /// only the key. `home` names where this file lives (path and file identity). All of it is
    /// one transaction: a kill never leaves a new id with the old key. Returns the previous id
    /// when the database was forked.
    pub fn settle_identity(
        &mut self,
        home: &str,
        mut draw: impl FnMut() -> Uuid,
        at: DateTime<Utc>,
    ) -> Result<Option<Uuid>> {
        let known: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'home'", [], |r| r.get(0)).optional()?;
        let has_key = self.signing_key()?.is_some();
        let moved = match known.as_deref() {
            Some(known) if known == home => {
                if has_key {
                    return Ok(None);
                }
                false
            }
            // Made before files knew their home, or just created: this is the original.
            None => false,
            Some(_) => true,
        };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('home', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [home],
        )?;
        let new_id = moved.then(&mut draw);
        if moved || !has_key {
            put_signing_key(&tx, new_secret(&mut draw))?;
        }
        let forked = match new_id {
            Some(id) => {
                let old = self.info.db_id;
                tx.execute("UPDATE meta SET value = ?1 WHERE key = 'db_id'", [id.to_string()])?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('forked_from', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [old.to_string()],
                )?;
                tx.execute(
                    "INSERT INTO databases (db_id, scope, first_seen) VALUES (?1, ?2, ?3)",
                    params![id.to_string(), self.info.scope.code(), timestamp(at)],
                )?;
                Some((old, id))
            }
            None => None,
        };
        tx.commit()?;
        Ok(forked.map(|(old, id)| {
            self.info.db_id = id;
            old
        }))
    }

    /// The secret this database signs its files with; `None` for a database made before files
    /// were signed, until its next open (`settle_identity`).
    pub fn signing_key(&self) -> Result<Option<[u8; 32]>> {
        let text: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'signing_key'", [], |r| r.get(0)).optional()?;
        Ok(text.and_then(|t| <[u8; 32]>::try_from(hex::decode(t).ok()?).ok()))
    }

    /// How many writes this database has made: what a file it exports now vouches for.
    pub fn write_counter(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'write_counter'", [], |r| r.get(0))?)
    }

    /// The pinned keys and vouched counters of every database heard of.
    pub fn pins(&self) -> Result<HashMap<Uuid, Pin>> {
        pins(&self.conn)
    }
}

impl Writer<'_> {
    /// As `Store::pins`, as this transaction sees them.
    pub fn pins(&self) -> Result<HashMap<Uuid, Pin>> {
        pins(&self.tx)
    }

    /// Pins `public_key` for `db` if it has none yet, and raises what its files have vouched for
    /// to `counter`. (A key that differs from the pinned one is refused before this, by the import.)
    pub fn pin(&mut self, db: Uuid, public_key: &str, counter: i64) -> Result<()> {
        if !self.vouch(db, public_key, counter)? {
            // Another process pinned another key for it since the import looked.
            return Err(crate::StoreError::Constraint(format!("database {db} is pinned to another key")));
        }
        Ok(())
    }

    /// As `pin`, for a key another database vouched for: whether it was taken (not when `db`
    /// is unknown here, or pinned to another key, which stays).
    pub fn vouch(&mut self, db: Uuid, public_key: &str, counter: i64) -> Result<bool> {
        let pinned = self.tx.execute(
            "UPDATE databases SET public_key = coalesce(public_key, ?2),
                 signed_counter = max(coalesce(signed_counter, 0), ?3)
             WHERE db_id = ?1 AND (public_key IS NULL OR public_key = ?2)",
            params![db.to_string(), public_key, counter],
        )?;
        Ok(pinned > 0)
    }
}
