//! The append-only change log: one row per field per write. The schema's triggers refuse any
//! update or deletion of it.

use crate::author::{Author, timestamp};
use indmap_core::changes::FieldChange;
use indmap_core::version::MergedField;
use rusqlite::{Connection, params};
use serde::Serialize;
use uuid::Uuid;

/// The field name of a history entry that records a record's birth with all its values.
pub const BIRTH: &str = "*";

/// One logged change, as history shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub db_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub counter: i64,
    pub at: String,
    pub user: String,
    pub entity: String,
    pub record_id: String,
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub old: serde_json::Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub new: serde_json::Value,
    pub origin: String,
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    (!v.is_null()).then(|| v.to_string())
}

pub(crate) fn append(
    conn: &Connection,
    db_id: &Uuid,
    counter: i64,
    author: &Author,
    change: &FieldChange,
) -> crate::Result<()> {
    conn.execute(
        "INSERT INTO change_log (db_id, counter, at, user, entity, record_id, project_id, field, old_value, new_value, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            db_id.to_string(),
            counter,
            timestamp(author.at),
            author.user,
            change.key.entity.as_str(),
            change.key.record_id.to_string(),
            change.project_id.to_string(),
            change.key.field,
            json_text(&change.old),
            json_text(&change.new),
            author.origin,
        ],
    )?;
    Ok(())
}

pub(crate) fn for_project(conn: &Connection, project_id: Uuid) -> crate::Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, db_id, counter, at, user, entity, record_id, field, old_value, new_value, origin
         FROM change_log WHERE project_id = ?1 ORDER BY seq",
    )?;
    let parse =
        |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
    let rows = stmt.query_map([project_id.to_string()], |r| {
        Ok(LogEntry {
            seq: r.get(0)?,
            db_id: r.get(1)?,
            counter: r.get(2)?,
            at: r.get(3)?,
            user: r.get(4)?,
            entity: r.get(5)?,
            record_id: r.get(6)?,
            field: r.get(7)?,
            old: parse(r.get(8)?),
            new: parse(r.get(9)?),
            origin: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Logs a value that a merge made current, with the stamp of the write that made it. A write
/// already logged (a value that was current here before) is not logged again.
pub(crate) fn append_merged(
    conn: &Connection,
    project_id: Uuid,
    change: &MergedField,
    origin: &str,
) -> crate::Result<()> {
    let stamp = &change.stamp;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO change_log (db_id, counter, at, user, entity, record_id, project_id, field, old_value, new_value, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        stamp.dot.db.to_string(),
        stamp.dot.counter,
        stamp.at,
        stamp.user,
        change.key.entity.as_str(),
        change.key.record_id.to_string(),
        project_id.to_string(),
        change.key.field,
        json_text(&change.old),
        json_text(&change.new),
        origin,
    ])?;
    Ok(())
}
