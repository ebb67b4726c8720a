//! Reading an exchange file: nothing in it is believed until its size, its tables, its format
//! and its checksum have been checked.

use crate::error::name;
use crate::{ExchangeError, FORMAT, FORMAT_VERSION, Manifest, WireError, signature, wire};
use indmap_core::edition::{self, EditionRecord};
use indmap_core::period_act::PeriodAct;
use indmap_core::proposal::Proposal;
use indmap_core::version::VersionedProject;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// An exchange file as read and checked.
#[derive(Debug)]
pub struct ExchangeFile {
    pub manifest: Manifest,
    pub content: Content,
    /// The SHA-256 of the whole file, for receipts: made from the one reading of it.
    pub sha256: String,
}

/// What a file carries besides its manifest.
#[derive(Debug, Default)]
pub struct Content {
    pub projects: Vec<VersionedProject>,
    pub proposals: Vec<Proposal>,
    /// Approved editions, and the texts of their plans by fingerprint (each checked against
    /// its fingerprint; every plan an edition names is there).
    pub editions: Vec<EditionRecord>,
    pub plans: HashMap<String, String>,
    /// The acts of reporting periods (submissions, approvals, acceptances), each readable.
    pub period_acts: Vec<PeriodAct>,
}

/// The most any file is read: a national map of 100,000 projects with a decade of history
/// is about 2 GB.
pub const MAX_FILE_BYTES: u64 = 8 << 30;
/// The most projects a file carries (the national map holds a few thousand).
pub const MAX_RECORDS: u64 = 1_000_000;
/// The most one project's record, or one proposal, takes (a big project's is some 100 KB).
pub const MAX_RECORD_BYTES: u64 = 16 << 20;

impl ExchangeFile {
    /// Reads and checks an exchange file. Nothing in it is returned unless all of it is sound;
    /// what the file says about its size is checked before the file is read whole.
    pub fn read(path: &Path) -> Result<ExchangeFile, ExchangeError> {
        let file = name(path);
        let unreadable = |e: std::io::Error| ExchangeError::Unreadable(file.clone(), e.to_string());
        let metadata = std::fs::metadata(path).map_err(unreadable)?;
        if !metadata.is_file() {
            // A pipe or a device would be read for ever.
            return Err(ExchangeError::Unreadable(file, "it is not a regular file".into()));
        }
        let size = metadata.len();
        if size > MAX_FILE_BYTES {
            return Err(ExchangeError::TooBig { file, what: "its size in bytes", found: size, limit: MAX_FILE_BYTES });
        }
        let mut reader = std::fs::File::open(path).map_err(unreadable)?;
        let mut start = Vec::new();
        (&mut reader).take(16).read_to_end(&mut start).map_err(unreadable)?;
        if !start.starts_with(b"SQLite format 3\0") {
            return Err(ExchangeError::Foreign(file, "it is not a GeoPackage".into()));
        }
        let open = OpenFile::open(path)?;
        open.check_size(size)?;
        open.check_tables()?;
        // Hashed once its size is known to be what SQLite reads.
        let mut hash = Sha256::new_with_prefix(&start);
        std::io::copy(&mut reader.take(size - start.len() as u64), &mut hash).map_err(unreadable)?;
        let (manifest, text) = open.manifest()?;
        let content = open.content(&manifest, &text)?;
        Ok(ExchangeFile { manifest, content, sha256: format!("{:x}", hash.finalize()) })
    }
}

/// A file SQLite has opened, read only, and its name for messages.
struct OpenFile {
    file: String,
    conn: Connection,
}

impl OpenFile {
    fn open(path: &Path) -> Result<OpenFile, ExchangeError> {
        let file = name(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| ExchangeError::Unreadable(file.clone(), e.to_string()))?;
        Ok(OpenFile { file, conn })
    }

    /// Refuses `found` when it is beyond `limit`.
    fn at_most(&self, what: &'static str, found: i64, limit: u64) -> Result<(), ExchangeError> {
        match u64::try_from(found) {
            Ok(found) if found <= limit => Ok(()),
            _ => Err(ExchangeError::TooBig { file: self.file.clone(), what, found: found.max(0) as u64, limit }),
        }
    }

    fn damaged(&self, reason: impl ToString) -> ExchangeError {
        ExchangeError::Damaged { file: self.file.clone(), reason: reason.to_string() }
    }

    fn number(&self, pragma: &str) -> Result<i64, ExchangeError> {
        self.conn.query_row(pragma, [], |r| r.get(0)).map_err(|e| self.damaged(e))
    }

    /// A file cut short still opens: SQLite reads what pages it finds. Its header knows its size.
    fn check_size(&self, size: u64) -> Result<(), ExchangeError> {
        let promised = self.number("PRAGMA page_count")? * self.number("PRAGMA page_size")?;
        if u64::try_from(promised).ok() != Some(size) {
            let reason =
                format!("it holds {size} bytes where its header promises {promised}; it was cut short or padded");
            return Err(self.damaged(reason));
        }
        Ok(())
    }

    /// The tables an import reads are checked whole; the `projects` layer, most of the file, is
    /// there for QGIS and is not read. They must be plain tables (a view or a virtual table
    /// could make reading them endless), holding no more than a map can.
    fn check_tables(&self) -> Result<(), ExchangeError> {
        for (table, [key, column], needed) in [
            ("indmap_manifest", ["key", "value"], true),
            ("indmap_records", ["project_id", "record"], true),
            ("indmap_proposals", ["id", "proposal"], false),
            ("indmap_editions", ["id", "edition"], false),
            ("indmap_plans", ["hash", "plan"], false),
            ("indmap_period_acts", ["id", "act"], false),
        ] {
            let kind: Option<(String, String)> = self
                .conn
                .query_row(
                    "SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE",
                    [table],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(|e| self.damaged(e))?;
            let (kind, sql) = match kind {
                Some(found) => found,
                None if needed => {
                    return Err(ExchangeError::Foreign(self.file.clone(), format!("it has no table {table}")));
                }
                None => continue,
            };
            if kind != "table" || sql.trim_start().to_ascii_uppercase().starts_with("CREATE VIRTUAL") {
                return Err(self.damaged(format!("its {table} is not a plain table")));
            }
            // Its columns are the two written, stored as they are: a generated column would be
            // computed anew for every row read. (SQLite finds a table by its name in any case.)
            let columns =
                self.texts(&format!("SELECT name || ':' || hidden FROM pragma_table_xinfo('{table}') ORDER BY cid"))?;
            if columns != [format!("{key}:0"), format!("{column}:0")] {
                return Err(self.damaged(format!("its {table} has other columns than {key} and {column}")));
            }
            let integrity: String = self
                .conn
                .query_row(&format!("PRAGMA quick_check({table})"), [], |r| r.get(0))
                .map_err(|e| self.damaged(e))?;
            if integrity != "ok" {
                return Err(self.damaged(integrity));
            }
            let (rows, longest): (i64, i64) = self
                .conn
                .query_row(
                    &format!("SELECT count(*), coalesce(max(length(CAST({column} AS BLOB))), 0) FROM {table}"),
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(|e| self.damaged(e))?;
            self.at_most("its number of records", rows, MAX_RECORDS)?;
            self.at_most("its longest record in bytes", longest, MAX_RECORD_BYTES)?;
        }
        Ok(())
    }

    /// The manifest, and its text as stored (what the checksum covers).
    fn manifest(&self) -> Result<(Manifest, String), ExchangeError> {
        let foreign = |why: &str| ExchangeError::Foreign(self.file.clone(), why.into());
        let text: String = self
            .conn
            .query_row("SELECT value FROM indmap_manifest WHERE key = 'manifest'", [], |r| r.get(0))
            .optional()
            .map_err(|_| foreign("it has no indmap manifest"))?
            .ok_or_else(|| foreign("it has no indmap manifest"))?;
        let raw: serde_json::Value = serde_json::from_str(&text).map_err(|e| self.damaged(e))?;
        if raw.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(foreign("its manifest is not indmap's"));
        }
        let found = raw.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        if found > FORMAT_VERSION {
            return Err(ExchangeError::TooNew { file: self.file.clone(), found });
        }
        let manifest = serde_json::from_value(raw)
            .map_err(|e| ExchangeError::BadManifest { file: self.file.clone(), reason: e.to_string() })?;
        Ok((manifest, text))
    }

    fn has_table(&self, table: &str) -> Result<bool, ExchangeError> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = ?1 COLLATE NOCASE)", [table], |r| {
                r.get(0)
            })
            .map_err(|e| self.damaged(e))
    }

    /// `texts`, or none when the file has no `table`.
    fn texts_if(&self, table: &str, sql: &str) -> Result<Vec<String>, ExchangeError> {
        if self.has_table(table)? { self.texts(sql) } else { Ok(Vec::new()) }
    }

    /// Two texts a row, or none when the file has no `table`.
    fn pairs_if(&self, table: &str, sql: &str) -> Result<Vec<(String, String)>, ExchangeError> {
        if !self.has_table(table)? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.damaged(e))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.damaged(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.damaged(e))
    }

    fn texts(&self, sql: &str) -> Result<Vec<String>, ExchangeError> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.damaged(e))?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(|e| self.damaged(e))?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| self.damaged(e))
    }

    /// The records and proposals, once their checksum matches the manifest's.
    fn content(&self, manifest: &Manifest, manifest_text: &str) -> Result<Content, ExchangeError> {
        let records = self.texts("SELECT record FROM indmap_records ORDER BY project_id")?;
        let proposals = self.texts("SELECT proposal FROM indmap_proposals ORDER BY id")?;
        // Files of format 1 carry no editions; one that does is checksummed with them.
        let (editions, plans) = if manifest.format_version >= 2 {
            (
                self.texts_if("indmap_editions", "SELECT edition FROM indmap_editions ORDER BY id")?,
                self.pairs_if("indmap_plans", "SELECT hash, plan FROM indmap_plans ORDER BY hash")?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        // Files before format 3 carry no acts of periods; one that does is checksummed with them.
        let acts = if manifest.format_version >= 3 {
            self.texts_if("indmap_period_acts", "SELECT act FROM indmap_period_acts ORDER BY id")?
        } else {
            Vec::new()
        };
        let plan_texts: Vec<&String> = plans.iter().map(|(_, text)| text).collect();
        let unsigned = signature::unsigned_text(manifest_text).map_err(|e| self.damaged(e))?;
        // A fuzzer's mutations almost never keep the checksum, so under `cfg(fuzzing)` (cargo-fuzz
        // only) the seal is not checked and mutated records reach the decoders below.
        let sealed = cfg!(fuzzing)
            || signature::checksum(
                &unsigned,
                records.iter().chain(&proposals).chain(&editions).chain(plan_texts).chain(&acts),
            ) == manifest.sha256;
        if !sealed || records.len() != manifest.projects {
            return Err(ExchangeError::Tampered(self.file.clone()));
        }
        if let Some(key) = manifest.public_key.as_ref().filter(|_| !cfg!(fuzzing)) {
            let signed = self.texts("SELECT value FROM indmap_manifest WHERE key = 'signature'")?;
            if !signed.first().is_some_and(|s| signature::verify(key, &manifest.sha256, s)) {
                return Err(ExchangeError::BadSignature(self.file.clone()));
            }
        }
        let bad = |e: WireError| self.damaged(e);
        let editions: Vec<EditionRecord> =
            editions.iter().map(|t| wire::decode_edition(t)).collect::<Result<_, _>>().map_err(bad)?;
        let plans: HashMap<String, String> = plans.into_iter().collect();
        if plans.iter().any(|(hash, text)| edition::fingerprint(text) != *hash) {
            return Err(self.damaged("a plan of an edition is not the plan its fingerprint names"));
        }
        if editions.iter().flat_map(|e| &e.plans).any(|(_, hash)| !plans.contains_key(hash)) {
            return Err(self.damaged("an edition names a plan the file does not carry"));
        }
        Ok(Content {
            projects: records.iter().map(|t| wire::decode(t)).collect::<Result<_, _>>().map_err(bad)?,
            proposals: proposals.iter().map(|t| wire::decode_proposal(t)).collect::<Result<_, _>>().map_err(bad)?,
            editions,
            plans,
            period_acts: acts.iter().map(|t| wire::decode_period_act(t)).collect::<Result<_, _>>().map_err(bad)?,
        })
    }
}
