//! The versions merging needs: the dot of every field, concurrent values, and each project's
//! context. Most fields keep the dot of their record's birth, so a record stores that dot once
//! (`record_versions`) and only fields written later (or null) store their own
//! (`field_versions`).

use crate::author::{Author, timestamp};
use indmap_core::changes::{FieldChange, FieldKey, Fields};
use indmap_core::schema::Entity;
use indmap_core::version::{Context, Dot, Sibling, Stamp, VersionedProject};
use rusqlite::{Connection, Row, params};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

fn uuid(text: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Notes who made a write and when, once per write.
fn note_write(conn: &Connection, db: &str, counter: i64, at: &str, user: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO writes (db_id, counter, at, user) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![db, counter, at, user])?;
    Ok(())
}

/// The project's context takes in a write of this database.
fn take_in(conn: &Connection, project: &str, db: &str, counter: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO project_context (project_id, db_id, counter) VALUES (?1, ?2, ?3)
         ON CONFLICT (project_id, db_id) DO UPDATE SET counter = max(counter, excluded.counter)",
    )?
    .execute(params![project, db, counter])?;
    Ok(())
}

/// Records that this database wrote `change` in its write `counter`: the field's dot moves to
/// it, the project's context takes it in, and concurrent values of the field are settled by it
/// (the writer saw them all).
pub(crate) fn record_local_write(
    conn: &Connection,
    db_id: Uuid,
    counter: i64,
    author: &Author,
    change: &FieldChange,
) -> rusqlite::Result<()> {
    let key = &change.key;
    let (record, project, db) = (key.record_id.to_string(), change.project_id.to_string(), db_id.to_string());
    note_write(conn, &db, counter, &timestamp(author.at), &author.user)?;
    conn.prepare_cached(
        "INSERT INTO field_versions (project_id, entity, record_id, field, db_id, counter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO UPDATE SET db_id = excluded.db_id, counter = excluded.counter",
    )?
    .execute(params![project, key.entity.as_str(), record, key.field, db, counter])?;
    conn.prepare_cached(
        "DELETE FROM conflicts WHERE project_id = ?1 AND entity = ?2 AND record_id = ?3 AND field = ?4",
    )?
    .execute(params![project, key.entity.as_str(), record, key.field])?;
    take_in(conn, &project, &db, counter)
}

/// Records that this database made a record (a project or a row) in its write `counter`: every
/// field of it with a value carries that dot until written again.
pub(crate) fn record_birth(
    conn: &Connection,
    db_id: Uuid,
    counter: i64,
    author: &Author,
    project_id: Uuid,
    entity: Entity,
    record_id: Uuid,
) -> rusqlite::Result<()> {
    let (project, db) = (project_id.to_string(), db_id.to_string());
    note_write(conn, &db, counter, &timestamp(author.at), &author.user)?;
    conn.prepare_cached(
        "INSERT INTO record_versions (project_id, entity, record_id, db_id, counter) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO UPDATE SET db_id = excluded.db_id, counter = excluded.counter",
    )?
    .execute(params![project, entity.as_str(), record_id.to_string(), db, counter])?;
    take_in(conn, &project, &db, counter)
}

/// What this database has seen of a project (empty when it has never held it). One project by
/// its key (an import asks it of every project of a file): `contexts` is for many at once.
pub(crate) fn context(conn: &Connection, project_id: Uuid) -> rusqlite::Result<Context> {
    let mut stmt = conn.prepare_cached("SELECT db_id, counter FROM project_context WHERE project_id = ?1")?;
    let rows = stmt.query_map([project_id.to_string()], |r| Ok((uuid(r.get(0)?)?, r.get::<_, i64>(1)?)))?;
    Ok(Context(rows.collect::<rusqlite::Result<_>>()?))
}

/// What this database has seen of each of these projects (those it has never held are left out).
pub(crate) fn contexts(conn: &Connection, ids: &[Uuid]) -> rusqlite::Result<HashMap<Uuid, Context>> {
    let mut stmt = conn.prepare_cached(
        "SELECT project_id, db_id, counter FROM project_context WHERE project_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut rows = stmt.query([json_ids(ids)])?;
    let mut out: HashMap<Uuid, Context> = HashMap::new();
    while let Some(r) = rows.next()? {
        out.entry(uuid(r.get(0)?)?).or_default().add(Dot { db: uuid(r.get(1)?)?, counter: r.get(2)? });
    }
    Ok(out)
}

/// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one statement for any number.
pub(crate) fn json_ids(ids: &[Uuid]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// The record a row is about; rows naming an entity this build does not know are skipped.
fn record_of(r: &Row) -> rusqlite::Result<Option<(Entity, Uuid)>> {
    let name: String = r.get("entity")?;
    let record: String = r.get("record_id")?;
    Ok(Entity::parse(&name).zip(Uuid::parse_str(&record).ok()))
}

fn key_of(r: &Row) -> rusqlite::Result<Option<FieldKey>> {
    let Some((entity, record_id)) = record_of(r)? else { return Ok(None) };
    Ok(Some(FieldKey { entity, record_id, field: r.get("field")? }))
}

fn stamp_of(r: &Row) -> rusqlite::Result<Stamp> {
    Ok(Stamp {
        dot: Dot { db: uuid(r.get("db_id")?)?, counter: r.get("counter")? },
        at: r.get("at")?,
        user: r.get("user")?,
    })
}

/// Versions of many projects at once, by project id.
pub(crate) struct Versions {
    /// The dot of each record's birth, by (entity, record id).
    pub births: HashMap<Uuid, HashMap<(Entity, Uuid), Stamp>>,
    /// Fields with a dot of their own.
    pub dots: HashMap<Uuid, Vec<(FieldKey, Stamp)>>,
    pub conflicts: HashMap<Uuid, Vec<(FieldKey, Sibling)>>,
    pub contexts: HashMap<Uuid, Context>,
}

/// The versions of these projects, of the records of these entities only (all when `None`).
pub(crate) fn load(conn: &Connection, ids: &[Uuid], entities: Option<Vec<&'static str>>) -> rusqlite::Result<Versions> {
    let entities = entities.map(|e| serde_json::to_string(&e).unwrap_or_default()).unwrap_or_default();
    // The records' versions of the entities wanted (the project's context is the project's).
    let of_entities =
        if entities.is_empty() { " AND ?2 = ?2" } else { " AND t.entity IN (SELECT value FROM json_each(?2))" };
    let clause = "WHERE t.project_id IN (SELECT value FROM json_each(?1))";
    let arg = json_ids(ids);
    let with_writes = |table: &str| {
        format!(
            "SELECT t.*, w.at, w.user FROM {table} t JOIN writes w ON w.db_id = t.db_id AND w.counter = t.counter {clause}{of_entities}"
        )
    };
    let mut v =
        Versions { births: HashMap::new(), dots: HashMap::new(), conflicts: HashMap::new(), contexts: HashMap::new() };
    let mut stmt = conn.prepare_cached(&with_writes("record_versions"))?;
    let mut rows = stmt.query([&arg, &entities])?;
    while let Some(r) = rows.next()? {
        if let Some(record) = record_of(r)? {
            v.births.entry(uuid(r.get("project_id")?)?).or_default().insert(record, stamp_of(r)?);
        }
    }
    let mut stmt = conn.prepare_cached(&with_writes("field_versions"))?;
    let mut rows = stmt.query([&arg, &entities])?;
    while let Some(r) = rows.next()? {
        if let Some(key) = key_of(r)? {
            v.dots.entry(uuid(r.get("project_id")?)?).or_default().push((key, stamp_of(r)?));
        }
    }
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM conflicts t {clause}{of_entities}"))?;
    let mut rows = stmt.query([&arg, &entities])?;
    while let Some(r) = rows.next()? {
        if let Some(key) = key_of(r)? {
            let value =
                r.get::<_, Option<String>>("value")?.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null);
            v.conflicts
                .entry(uuid(r.get("project_id")?)?)
                .or_default()
                .push((key, Sibling { stamp: stamp_of(r)?, value }));
        }
    }
    let mut stmt =
        conn.prepare_cached(&format!("SELECT project_id, db_id, counter FROM project_context t {clause}"))?;
    let mut rows = stmt.query([&arg])?;
    while let Some(r) = rows.next()? {
        v.contexts.entry(uuid(r.get(0)?)?).or_default().add(Dot { db: uuid(r.get(1)?)?, counter: r.get(2)? });
    }
    Ok(v)
}

impl Versions {
    /// The versioned form of a project whose current field values are `values` (taken, not
    /// copied: a project has a hundred and more fields, and a merge loads thousands), of the
    /// records `values` holds when `records` names them, else of all.
    pub fn project(
        &self,
        project_id: Uuid,
        mut values: Fields,
        records: Option<&indmap_core::version::Records>,
    ) -> VersionedProject {
        let mut vp = VersionedProject {
            project_id,
            context: self.contexts.get(&project_id).cloned().unwrap_or_default(),
            ..Default::default()
        };
        let wanted = |key: &FieldKey| records.is_none_or(|r| r.contains(&(key.entity, key.record_id)));
        for (key, stamp) in self.dots.get(&project_id).into_iter().flatten().filter(|(k, _)| wanted(k)) {
            let value = values.remove(key).unwrap_or(Value::Null);
            vp.fields.insert(key.clone(), vec![Sibling { stamp: stamp.clone(), value }]);
        }
        let births = self.births.get(&project_id);
        for (key, value) in values.into_iter().filter(|(_, v)| !v.is_null()) {
            if let Some(birth) = births.and_then(|b| b.get(&(key.entity, key.record_id))) {
                vp.fields.insert(key, vec![Sibling { stamp: birth.clone(), value }]);
            }
        }
        for (key, sibling) in self.conflicts.get(&project_id).into_iter().flatten().filter(|(k, _)| wanted(k)) {
            vp.fields.entry(key.clone()).or_default().push(sibling.clone());
        }
        for siblings in vp.fields.values_mut() {
            indmap_core::version::newest_first(siblings);
        }
        vp
    }
}

/// A record: its entity and id.
type Record = (Entity, Uuid);

/// For each record, the dot most of its valued fields carry: stored once as its birth.
fn births(vp: &VersionedProject) -> HashMap<Record, &Stamp> {
    let mut counts: HashMap<Record, HashMap<Dot, (usize, &Stamp)>> = HashMap::new();
    for (key, siblings) in &vp.fields {
        if let Some(first) = siblings.first().filter(|s| !s.value.is_null()) {
            counts
                .entry((key.entity, key.record_id))
                .or_default()
                .entry(first.stamp.dot)
                .or_insert((0, &first.stamp))
                .0 += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(record, dots)| {
            dots.into_iter().max_by_key(|(dot, (n, _))| (*n, *dot)).map(|(_, (_, s))| (record, s))
        })
        .collect()
}

/// Makes the stored versions of a project say what `vp` says, where they said what `old` says
/// (the versions as loaded, of the same records, or empty for a project new here): writes only
/// what differs, as a merge usually moves the dots of a field or two. Records neither holds
/// stay as they are.
///
/// A record keeps the birth it has stored (any birth is right, as long as every field whose
/// dot differs from it has a dot of its own); a new record's birth is the dot most of its
/// fields carry.
pub(crate) fn save(
    conn: &Connection,
    old: &VersionedProject,
    vp: &VersionedProject,
    detected_at: &str,
    origin: &str,
) -> rusqlite::Result<()> {
    let project = vp.project_id.to_string();
    let stored: std::collections::HashSet<Record> = old.fields.keys().map(|k| (k.entity, k.record_id)).collect();
    let mut born: HashMap<Record, Dot> = HashMap::new();
    for (record, stamp) in births(vp).into_iter().filter(|(r, _)| !stored.contains(r)) {
        let (entity, record_id) = record;
        note_write(conn, &stamp.dot.db.to_string(), stamp.dot.counter, &stamp.at, &stamp.user)?;
        conn.prepare_cached(
            "INSERT INTO record_versions (project_id, entity, record_id, db_id, counter) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO UPDATE SET db_id = excluded.db_id, counter = excluded.counter",
        )?
        .execute(params![
            project,
            entity.as_str(),
            record_id.to_string(),
            stamp.dot.db.to_string(),
            stamp.dot.counter
        ])?;
        born.insert(record, stamp.dot);
    }
    for (key, siblings) in &vp.fields {
        let before = old.fields.get(key).map_or(&[][..], Vec::as_slice);
        let Some(first) = siblings.first() else { continue };
        let moved = before.first().is_none_or(|b| b.stamp.dot != first.stamp.dot);
        let from_birth = !first.value.is_null() && born.get(&(key.entity, key.record_id)) == Some(&first.stamp.dot);
        if moved && !from_birth {
            let db = first.stamp.dot.db.to_string();
            note_write(conn, &db, first.stamp.dot.counter, &first.stamp.at, &first.stamp.user)?;
            conn.prepare_cached(
                "INSERT INTO field_versions (project_id, entity, record_id, field, db_id, counter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO UPDATE SET db_id = excluded.db_id, counter = excluded.counter",
            )?
            .execute(params![project, key.entity.as_str(), key.record_id.to_string(), key.field, db, first.stamp.dot.counter])?;
        }
        // Concurrent values: the ones after the first.
        let concurrent = |list: &[Sibling], dot: Dot| list.iter().skip(1).any(|s| s.stamp.dot == dot);
        for gone in before.iter().skip(1).filter(|b| !concurrent(siblings, b.stamp.dot)) {
            conn.prepare_cached(
                "DELETE FROM conflicts WHERE entity = ?1 AND record_id = ?2 AND field = ?3 AND db_id = ?4 AND counter = ?5",
            )?
            .execute(params![
                key.entity.as_str(),
                key.record_id.to_string(),
                key.field,
                gone.stamp.dot.db.to_string(),
                gone.stamp.dot.counter
            ])?;
        }
        for s in siblings.iter().skip(1).filter(|s| !concurrent(before, s.stamp.dot)) {
            let value = (!s.value.is_null()).then(|| s.value.to_string());
            conn.prepare_cached(
                "INSERT INTO conflicts (entity, record_id, field, project_id, db_id, counter, at, user, value, detected_at, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                key.entity.as_str(),
                key.record_id.to_string(),
                key.field,
                project,
                s.stamp.dot.db.to_string(),
                s.stamp.dot.counter,
                s.stamp.at,
                s.stamp.user,
                value,
                detected_at,
                origin
            ])?;
        }
    }
    for db in old.context.0.keys().filter(|db| !vp.context.0.contains_key(db)) {
        conn.prepare_cached("DELETE FROM project_context WHERE project_id = ?1 AND db_id = ?2")?
            .execute(params![project, db.to_string()])?;
    }
    for (db, counter) in vp.context.0.iter().filter(|(db, c)| old.context.0.get(db) != Some(c)) {
        conn.prepare_cached(
            "INSERT INTO project_context (project_id, db_id, counter) VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET counter = excluded.counter",
        )?
        .execute(params![project, db.to_string(), counter])?;
    }
    Ok(())
}
