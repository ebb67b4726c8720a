//! The exchange file regions and the ministry send each other. It is a valid GeoPackage: QGIS
//! opens its `projects` layer as a map (EPSG:4326), while the tables `indmap_manifest` and
//! `indmap_records` carry what merging needs: every project with the version of every field.
//!
//! A file is checked before anything in it is believed: its format and version, and a SHA-256
//! over the manifest and the records, so a truncated, corrupted or hand-edited file is refused.

mod geopackage;
pub mod layers;
mod manifest;
mod signature;
mod wire;
mod writer;

pub use manifest::{KnownDatabase, Manifest, scope_code};
pub use wire::WireError;
pub use writer::FileWriter;

use indmap_core::Project;
use indmap_core::proposal::Proposal;
use indmap_core::version::VersionedProject;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// What `indmap_manifest.format` says in every exchange file.
pub const FORMAT: &str = "indmap-exchange";
/// The version of the exchange format this build writes; it reads this and every older one.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("{0} cannot be read as a file: {1}")]
    Unreadable(String, String),
    #[error("{0} is not an indmap exchange file ({1})")]
    Foreign(String, String),
    #[error(
        "{file} was written by a newer indmap (exchange format {found}, this build reads up to {FORMAT_VERSION}); update indmap to import it"
    )]
    TooNew { file: String, found: u32 },
    #[error("{0} is damaged or was changed after export: its content does not match its checksum")]
    Tampered(String),
    #[error("{file} is damaged: {reason}")]
    Damaged { file: String, reason: String },
    #[error("{file} has a manifest that cannot be read: {reason}")]
    BadManifest { file: String, reason: String },
    #[error("writing {0} failed: {1}")]
    Write(String, String),
}

fn name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// What a file carries besides its manifest.
#[derive(Debug, Default)]
pub struct Content {
    pub projects: Vec<VersionedProject>,
    pub proposals: Vec<Proposal>,
}

/// Writes `projects` and `proposals` to a new exchange file at `path` and returns its manifest
/// with the checksum (`FileWriter` writes a slice of projects at a time). A failed export leaves
/// no half-written file, and any earlier one whole.
pub fn write(
    path: &Path,
    manifest: Manifest,
    projects: &[(Project, VersionedProject)],
    proposals: &[Proposal],
) -> Result<Manifest, ExchangeError> {
    let mut file = FileWriter::create(path)?;
    file.add(projects)?;
    file.finish(manifest, proposals)
}

/// Reads and checks an exchange file. Nothing in it is returned unless all of it is sound.
pub fn read(path: &Path) -> Result<(Manifest, Content), ExchangeError> {
    read_with_sha256(path).map(|(manifest, content, _)| (manifest, content))
}

/// `read`, and the SHA-256 of the whole file (for receipts), from the one reading of it.
pub fn read_with_sha256(path: &Path) -> Result<(Manifest, Content, String), ExchangeError> {
    let file = name(path);
    let unreadable = |e: std::io::Error| ExchangeError::Unreadable(file.clone(), e.to_string());
    // Hashed as it is read: the file itself is read by SQLite.
    let mut reader = std::fs::File::open(path).map_err(unreadable)?;
    let (mut hash, mut start) = (Sha256::new(), Vec::new());
    (&mut reader).take(16).read_to_end(&mut start).map_err(unreadable)?;
    hash.update(&start);
    let size = start.len() + std::io::copy(&mut reader, &mut hash).map_err(unreadable)? as usize;
    let (manifest, content) = check_and_decode(path, &start, size)?;
    Ok((manifest, content, format!("{:x}", hash.finalize())))
}

/// `start`: the file's first bytes; `size`: its size.
fn check_and_decode(path: &Path, start: &[u8], size: usize) -> Result<(Manifest, Content), ExchangeError> {
    let file = name(path);
    if !start.starts_with(b"SQLite format 3\0") {
        return Err(ExchangeError::Foreign(file, "it is not a GeoPackage".into()));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| ExchangeError::Unreadable(file.clone(), e.to_string()))?;
    let damaged = |e: rusqlite::Error| ExchangeError::Damaged { file: file.clone(), reason: e.to_string() };
    // A file cut short still opens: SQLite reads what pages it finds. Its header knows its size.
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(damaged)?;
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(damaged)?;
    if pages * page_size != size as i64 {
        let reason = format!(
            "it holds {size} bytes where its header promises {}; it was cut short or padded",
            pages * page_size
        );
        return Err(ExchangeError::Damaged { file, reason });
    }
    // The tables an import reads are checked whole; the `projects` layer, most of the file,
    // is there for QGIS and is not read.
    for table in ["indmap_manifest", "indmap_records", "indmap_proposals"] {
        let exists: bool = conn
            .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)", [table], |r| {
                r.get(0)
            })
            .map_err(damaged)?;
        if !exists {
            continue;
        }
        let integrity: String =
            conn.query_row(&format!("PRAGMA quick_check({table})"), [], |r| r.get(0)).map_err(damaged)?;
        if integrity != "ok" {
            return Err(ExchangeError::Damaged { file, reason: integrity });
        }
    }
    let manifest_text: Option<String> = conn
        .query_row("SELECT value FROM indmap_manifest WHERE key = 'manifest'", [], |r| r.get(0))
        .optional()
        .map_err(|_| ExchangeError::Foreign(file.clone(), "it has no indmap manifest".into()))?;
    let manifest_text =
        manifest_text.ok_or_else(|| ExchangeError::Foreign(file.clone(), "it has no indmap manifest".into()))?;
    let raw: serde_json::Value = serde_json::from_str(&manifest_text)
        .map_err(|e| ExchangeError::Damaged { file: file.clone(), reason: e.to_string() })?;
    if raw.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ExchangeError::Foreign(file, "its manifest is not indmap's".into()));
    }
    let found = raw.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if found > FORMAT_VERSION {
        return Err(ExchangeError::TooNew { file, found });
    }
    let manifest: Manifest = serde_json::from_value(raw)
        .map_err(|e| ExchangeError::BadManifest { file: file.clone(), reason: e.to_string() })?;
    let texts = |sql: &str| -> Result<Vec<String>, ExchangeError> {
        let mut stmt = conn.prepare(sql).map_err(damaged)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(damaged)?;
        rows.collect::<rusqlite::Result<_>>().map_err(damaged)
    };
    let records = texts("SELECT record FROM indmap_records ORDER BY project_id")?;
    let proposals = texts("SELECT proposal FROM indmap_proposals ORDER BY id")?;
    let unsigned = signature::unsigned_text(&manifest_text)
        .map_err(|e| ExchangeError::Damaged { file: file.clone(), reason: e.to_string() })?;
    if signature::checksum(&unsigned, records.iter().chain(&proposals)) != manifest.sha256
        || records.len() != manifest.projects
    {
        return Err(ExchangeError::Tampered(file));
    }
    let bad = |e: WireError| ExchangeError::Damaged { file: file.clone(), reason: e.to_string() };
    let content = Content {
        projects: records.iter().map(|t| wire::decode(t)).collect::<Result<_, _>>().map_err(bad)?,
        proposals: proposals.iter().map(|t| wire::decode_proposal(t)).collect::<Result<_, _>>().map_err(bad)?,
    };
    Ok((manifest, content))
}
