//! Reading and writing what merging needs: projects with their versions, the databases heard
//! of, and receipts of imported files.

use crate::versions::{self, Versions};
use crate::{Result, Store, Writer, codec, log, timestamp};
use indmap_core::changes::{FieldChange, FieldKey, flatten, flatten_records};
use indmap_core::merge_plan::Stored;
use indmap_core::proposal::{Proposal, ProposalStatus};
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, MergedField, Records, VersionedProject};
use indmap_core::{Project, RegionCode, Scope};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A file taken in, as its receipt shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReceipt {
    pub file_name: String,
    pub sha256: String,
    pub sender_db: String,
    pub exported_at: String,
    pub imported_at: String,
    pub user: String,
    pub summary: serde_json::Value,
}

fn versioned(
    project: &Project,
    versions: &Versions,
    deletion: Option<&serde_json::Value>,
    records: Option<&Records>,
) -> VersionedProject {
    let mut values = match records {
        Some(records) => flatten_records(project, |list, id| records.contains(&(list, id))),
        None => flatten(project),
    };
    let key = FieldKey { entity: Entity::Project, record_id: project.id, field: DELETED.into() };
    values.insert(key, deletion.cloned().unwrap_or(serde_json::Value::Null));
    versions.project(project.id, values, records)
}

/// Stored projects, deleted or not, each with the records named (all of them when `None`, or
/// when the project is deleted here; see `Stored`): one query per table for all of them,
/// where loading them one by one takes a dozen per project.
fn load(conn: &Connection, wanted: Vec<(Uuid, Option<Records>)>) -> Result<HashMap<Uuid, Stored>> {
    let ids: Vec<Uuid> = wanted.iter().map(|(id, _)| *id).collect();
    let deletions = codec::deletions(conn, Some(&ids))?;
    let mut wanted: HashMap<Uuid, Option<Records>> = wanted.into_iter().collect();
    wanted.iter_mut().filter(|(id, _)| deletions.contains_key(id)).for_each(|(_, records)| *records = None);
    // The lists of rows to load: those with a record wanted.
    let lists = |id: Uuid| {
        let records = wanted.get(&id)?.as_ref()?;
        Some(records.iter().map(|(entity, _)| *entity).filter(|e| *e != Entity::Project).map(Entity::as_str).collect())
    };
    let projects = codec::load_projects_by_id(conn, &ids, lists)?;
    if projects.is_empty() {
        return Ok(HashMap::new());
    }
    let entities = wanted.values().try_fold(HashSet::from([Entity::Project.as_str()]), |mut all, records| {
        all.extend(records.as_ref()?.iter().map(|(entity, _)| entity.as_str()));
        Some(all)
    });
    let versions = versions::load(conn, &ids, entities.map(Vec::from_iter))?;
    Ok(projects
        .into_iter()
        .map(|project| {
            let deletion = deletions.get(&project.id);
            let records = wanted.remove(&project.id).flatten();
            let versions = versioned(&project, &versions, deletion, records.as_ref());
            (project.id, Stored { project, versions, records })
        })
        .collect())
}

/// The stored projects these versions of them would merge with, as the merge needs them
/// (`VersionedProject::records_a_merge_needs`).
fn load_to_merge(conn: &Connection, remote: &[&VersionedProject]) -> Result<HashMap<Uuid, Stored>> {
    load(conn, remote.iter().map(|vp| (vp.project_id, vp.records_a_merge_needs())).collect())
}

fn load_whole(conn: &Connection, id: Uuid) -> Result<Option<(Project, VersionedProject)>> {
    Ok(load(conn, vec![(id, None)])?.remove(&id).map(|s| (s.project, s.versions)))
}

/// The ids of the projects, deleted or not, that `condition` holds for, by code.
fn project_ids(conn: &Connection, condition: &str, params: impl rusqlite::Params) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare(&format!("SELECT id FROM projects WHERE {condition} ORDER BY code"))?;
    let ids = stmt.query_map(params, |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ids.iter().filter_map(|id| Uuid::parse_str(id).ok()).collect())
}

/// The databases heard of, by when they were first: those whose id and scope read (a scope is
/// written as `Scope::code`, and files that name another are refused).
fn databases(conn: &Connection) -> Result<Vec<(Uuid, Scope)>> {
    let mut stmt = conn.prepare_cached("SELECT db_id, scope FROM databases ORDER BY first_seen, db_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (db, scope) = row?;
        if let (Ok(db), Some(scope)) = (Uuid::parse_str(&db), Scope::parse(&scope)) {
            out.push((db, scope));
        }
    }
    Ok(out)
}

fn database_scopes(conn: &Connection) -> Result<HashMap<Uuid, Scope>> {
    Ok(databases(conn)?.into_iter().collect())
}

fn imported_at(conn: &Connection, sha256: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached("SELECT imported_at FROM imports WHERE sha256 = ?1 ORDER BY id LIMIT 1")?;
    Ok(stmt.query_row([sha256], |r| r.get(0)).optional()?)
}

/// A second connection to the database, for reading ahead on another thread while a batch
/// writes. It sees the database as it was before the batch (whose writes are not committed), so
/// what it reads holds only for projects the batch has not written since.
pub struct Reader {
    conn: Connection,
}

impl Reader {
    /// The projects of a file that are stored here and that an import would merge, as the
    /// merge needs them (the same choice as the import's, `Context::needs_merge_with`).
    pub fn projects_to_merge(&mut self, remote: &[VersionedProject]) -> Result<HashMap<Uuid, Stored>> {
        // One snapshot for all the reads.
        let tx = self.conn.transaction()?;
        let ids: Vec<Uuid> = remote.iter().map(|vp| vp.project_id).collect();
        let seen = versions::contexts(&tx, &ids)?;
        let to_merge: Vec<&VersionedProject> = remote
            .iter()
            .filter(|vp| seen.get(&vp.project_id).is_none_or(|seen| seen.needs_merge_with(&vp.context)))
            .collect();
        load_to_merge(&tx, &to_merge)
    }

    /// The scope each known database keeps.
    pub fn database_scopes(&self) -> Result<HashMap<Uuid, Scope>> {
        database_scopes(&self.conn)
    }
}

impl Store {
    /// A `Reader` of this database.
    pub fn reader(&self) -> Result<Reader> {
        Ok(Reader { conn: crate::connect(&self.info.path)? })
    }

    /// The ids of every project (of one region, if given), deleted ones too, by code: what an
    /// exchange file carries, to be loaded with `versioned_projects` a slice at a time (a
    /// national map loaded whole with its versions takes gigabytes).
    pub fn project_ids(&self, region: Option<RegionCode>) -> Result<Vec<Uuid>> {
        project_ids(&self.conn, "?1 IS NULL OR region = ?1", [region.as_ref().map(|r| r.as_str())])
    }

    /// These projects, deleted or not, with their versions, in the order of `ids` (ids of no
    /// project are left out).
    pub fn versioned_projects(&self, ids: &[Uuid]) -> Result<Vec<(Project, VersionedProject)>> {
        let mut loaded = load(&self.conn, ids.iter().map(|id| (*id, None)).collect())?;
        Ok(ids.iter().filter_map(|id| loaded.remove(id)).map(|s| (s.project, s.versions)).collect())
    }

    /// The projects a conflict can be about, by code: those with concurrent values kept, and
    /// the deleted ones (an edit may have arrived against the deletion).
    pub fn projects_with_conflicts(&self) -> Result<Vec<Uuid>> {
        project_ids(&self.conn, "id IN (SELECT project_id FROM conflicts) OR deletion IS NOT NULL", [])
    }

    /// One project, deleted or not, with its versions.
    pub fn versioned_project(&self, id: Uuid) -> Result<Option<(Project, VersionedProject)>> {
        load_whole(&self.conn, id)
    }

    /// The databases this one has heard of (itself among them), with the scope each said it
    /// keeps, by when they were first heard of.
    pub fn databases(&self) -> Result<Vec<(Uuid, Scope)>> {
        databases(&self.conn)
    }

    /// What each of `peers` had seen of each project, per their last files: a project appears
    /// when every peer has sent a context for it, with the contexts of all of them.
    pub fn peer_contexts(
        &self,
        peers: &[Uuid],
    ) -> Result<std::collections::HashMap<Uuid, Vec<indmap_core::version::Context>>> {
        let mut out: std::collections::HashMap<Uuid, Vec<indmap_core::version::Context>> =
            std::collections::HashMap::new();
        let mut stmt = self.conn.prepare("SELECT project_id, context FROM peer_contexts WHERE peer_db = ?1")?;
        for peer in peers {
            let rows = stmt.query_map([peer.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (project, context) = row?;
                if let (Ok(id), Ok(ctx)) = (Uuid::parse_str(&project), serde_json::from_str(&context)) {
                    out.entry(id).or_default().push(ctx);
                }
            }
        }
        out.retain(|_, contexts| contexts.len() == peers.len());
        Ok(out)
    }

    /// When a file of this SHA-256 was imported, if it was.
    pub fn imported_at(&self, sha256: &str) -> Result<Option<String>> {
        imported_at(&self.conn, sha256)
    }
}

impl Writer<'_> {
    /// The stored projects these versions of them would merge with, as the merge needs them
    /// (see `Reader::projects_to_merge`), as this transaction sees them.
    pub fn projects_to_merge(&self, remote: &[&VersionedProject]) -> Result<HashMap<Uuid, Stored>> {
        load_to_merge(&self.tx, remote)
    }

    /// The scope each known database keeps.
    pub fn database_scopes(&self) -> Result<HashMap<Uuid, Scope>> {
        database_scopes(&self.tx)
    }

    /// What this database has seen of a project (empty when it has never held it).
    pub fn context(&self, project_id: Uuid) -> Result<indmap_core::version::Context> {
        Ok(versions::context(&self.tx, project_id)?)
    }

    /// How many live projects there are, their cost and their permanent jobs, as this
    /// transaction sees them.
    pub fn totals(&self) -> Result<crate::MapTotals> {
        crate::totals(&self.tx)
    }

    /// `before` (the totals when this transaction began) plus what `apply_merged` changed:
    /// the totals without reading every project again.
    pub fn totals_after_merges(&self, before: crate::MapTotals) -> crate::MapTotals {
        let (count, cost, jobs) = self.merged_totals;
        crate::MapTotals {
            projects: (before.projects as i64).saturating_add(count).max(0) as usize,
            cost_tiyn: crate::store::saturate(i128::from(before.cost_tiyn) + cost),
            jobs: before.jobs.saturating_add(jobs),
        }
    }

    /// Stores the result of merging another database's version of a project (`previous` is
    /// how it is stored here, if it is, with the versions loaded for the merge): its content
    /// (or tombstone), its versions, and a history entry for every field whose value changed,
    /// stamped with the write that made it and the file it came in with. All of it or, when it
    /// fails, none of it.
    pub fn apply_merged(
        &mut self,
        previous: Option<(&Project, &VersionedProject)>,
        project: &Project,
        vp: &VersionedProject,
        changed: &[MergedField],
    ) -> Result<()> {
        // A savepoint lets a merge that breaks a rule be refused alone, whatever it wrote
        // before. A stored project whose rows stay as they are needs none: its UPDATE is then
        // the one write that can break a rule (`StoreError::Constraint`), and it fails whole; any
        // other failure fails the import.
        if previous.is_some_and(|(stored, _)| codec::same_rows(stored, project)) {
            return self.apply_merged_unguarded(previous, project, vp, changed);
        }
        self.tx.execute_batch("SAVEPOINT merged")?;
        let applied = self.apply_merged_unguarded(previous, project, vp, changed);
        let end = if applied.is_ok() { "RELEASE merged" } else { "ROLLBACK TO merged; RELEASE merged" };
        self.tx.execute_batch(end)?;
        applied
    }

    fn apply_merged_unguarded(
        &mut self,
        previous: Option<(&Project, &VersionedProject)>,
        project: &Project,
        vp: &VersionedProject,
        changed: &[MergedField],
    ) -> Result<()> {
        let at = timestamp(self.author.at);
        let deletion = vp.deletion().map(|(current, _)| current);
        let tombstone = || {
            let (deleted_at, reason, deletion) = match deletion {
                Some(current) => (
                    Sql::Text(current.stamp.at.to_string()),
                    current.value.get("reason").and_then(|r| r.as_str()).map_or(Sql::Null, |r| Sql::Text(r.to_owned())),
                    Sql::Text(current.value.to_string()),
                ),
                None => (Sql::Null, Sql::Null, Sql::Null),
            };
            vec![("deleted_at", deleted_at), ("deleted_reason", reason), ("deletion", deletion)]
        };
        let empty = VersionedProject::default();
        let old_versions = previous.map_or(&empty, |(_, versions)| versions);
        let was_deleted = old_versions.deletion().map(|(current, _)| current);
        // A code another project here has too is kept (`code_clash` decides who holds it), and
        // this database never issues it.
        if let Some(code) = project.code.as_ref().filter(|c| previous.is_none_or(|(p, _)| p.code.as_ref() != Some(c))) {
            self.note_code(code)?;
        }
        match previous {
            Some((previous, _)) => {
                let moved = was_deleted.map(|s| s.stamp.dot) != deletion.map(|s| s.stamp.dot);
                codec::update_project(&self.tx, previous, project, &at, if moved { tombstone() } else { Vec::new() })?
            }
            None => {
                codec::insert_project(&self.tx, project, &at)?;
                if deletion.is_some() {
                    codec::update_project(&self.tx, project, project, &at, tombstone())?;
                }
            }
        }
        versions::save(&self.tx, old_versions, vp, &at, &self.author.origin)?;
        for change in changed {
            log::append_merged(&self.tx, project.id, change, &self.author.origin)?;
        }
        // What the project adds to the totals, live (1, cost, jobs) or deleted (nothing).
        let adds = |p: Option<&Project>, deleted: bool| match p.filter(|_| !deleted) {
            Some(p) => (1, p.cost.map_or(0, |c| i128::from(c.0)), p.jobs_permanent.map_or(0, i64::from)),
            None => (0, 0, 0),
        };
        let (before, after) =
            (adds(previous.map(|(p, _)| p), was_deleted.is_some()), adds(Some(project), deletion.is_some()));
        let sum = &mut self.merged_totals;
        *sum = (sum.0 + after.0 - before.0, sum.1 + after.1 - before.1, sum.2.saturating_add(after.2 - before.2));
        Ok(())
    }

    /// Records a write of `value` to a field even when it equals the current value: settling a
    /// conflict in favour of the value in force is still a decision made having seen the others.
    pub fn settle(&mut self, key: &FieldKey, project_id: Uuid, value: &serde_json::Value) -> Result<()> {
        let already: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM change_log WHERE db_id = ?1 AND counter = ?2 AND entity = ?3 AND record_id = ?4 AND field = ?5)",
            params![self.db_id.to_string(), self.counter, key.entity.as_str(), key.record_id.to_string(), key.field],
            |r| r.get(0),
        )?;
        if already {
            return Ok(());
        }
        self.record(&FieldChange { key: key.clone(), project_id, old: value.clone(), new: value.clone() })
    }

    /// Brings a deleted project back: its `deleted` field becomes null by a new write.
    pub fn undelete_project(&mut self, project: &Project) -> Result<()> {
        let old: Option<String> =
            self.tx.query_row("SELECT deletion FROM projects WHERE id = ?1", [project.id.to_string()], |r| r.get(0))?;
        self.tx.execute(
            "UPDATE projects SET deleted_at = NULL, deleted_reason = NULL, deletion = NULL, updated_at = ?2 WHERE id = ?1",
            params![project.id.to_string(), timestamp(self.author.at)],
        )?;
        let old = old.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
        let key = FieldKey { entity: Entity::Project, record_id: project.id, field: DELETED.into() };
        self.record(&FieldChange { key, project_id: project.id, old, new: serde_json::Value::Null })
    }

    /// Notes what `peer` had seen of a project when it exported it.
    pub fn note_peer_context(
        &mut self,
        peer: Uuid,
        project_id: Uuid,
        context: &indmap_core::version::Context,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO peer_contexts (peer_db, project_id, context) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET context = excluded.context",
            )?
            .execute(params![
                peer.to_string(),
                project_id.to_string(),
                serde_json::to_string(context).unwrap_or_default()
            ])?;
        Ok(())
    }

    /// Notes a database and the scope it says it keeps. A database keeps the scope it was first
    /// heard of with: returns that scope (as stored) when `scope` contradicts it.
    pub fn note_database(&mut self, db_id: Uuid, scope: Scope) -> Result<Option<String>> {
        let known: Option<String> = self
            .tx
            .query_row("SELECT scope FROM databases WHERE db_id = ?1", [db_id.to_string()], |r| r.get(0))
            .optional()?;
        match known {
            Some(known) if Scope::parse(&known) != Some(scope) => Ok(Some(known)),
            Some(_) => Ok(None),
            None => {
                self.tx.execute(
                    "INSERT INTO databases (db_id, scope, first_seen) VALUES (?1, ?2, ?3)",
                    params![db_id.to_string(), scope.code(), timestamp(self.author.at)],
                )?;
                Ok(None)
            }
        }
    }

    /// As `Store::imported_at`, as this transaction sees it.
    pub fn imported_at(&self, sha256: &str) -> Result<Option<String>> {
        imported_at(&self.tx, sha256)
    }

    pub fn record_import(&mut self, receipt: &ImportReceipt) -> Result<()> {
        self.tx.execute(
            "INSERT INTO imports (file_name, sha256, sender_db, exported_at, imported_at, user, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                receipt.file_name,
                receipt.sha256,
                receipt.sender_db,
                receipt.exported_at,
                receipt.imported_at,
                receipt.user,
                receipt.summary.to_string()
            ],
        )?;
        Ok(())
    }
}

fn proposal_from_row(r: &rusqlite::Row) -> rusqlite::Result<Option<Proposal>> {
    let id = |text: String| Uuid::parse_str(&text).ok();
    let entity_name: String = r.get("entity")?;
    let (Some(entity), Some(pid), Some(record_id), Some(proposer_db), Some(status)) = (
        Entity::parse(&entity_name),
        id(r.get("id")?),
        id(r.get("record_id")?),
        id(r.get("proposer_db")?),
        ProposalStatus::from_code(&r.get::<_, String>("status")?),
    ) else {
        return Ok(None);
    };
    Ok(Some(Proposal {
        id: pid,
        project_id: id(r.get("project_id")?).unwrap_or_default(),
        key: FieldKey { entity, record_id, field: r.get("field")? },
        value: r.get::<_, Option<String>>("value")?.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default(),
        proposer_db,
        user: r.get("user")?,
        at: r.get("at")?,
        status,
        decided_by: r.get("decided_by")?,
        decided_at: r.get("decided_at")?,
        reason: r.get("reason")?,
    }))
}

fn load_proposals(conn: &Connection) -> Result<Vec<Proposal>> {
    let mut stmt = conn.prepare("SELECT * FROM proposals ORDER BY at, id")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.extend(proposal_from_row(r)?);
    }
    Ok(out)
}

impl Store {
    /// Every proposal this database holds: its own, others' about its records, and decisions.
    pub fn proposals(&self) -> Result<Vec<Proposal>> {
        load_proposals(&self.conn)
    }
}

impl Writer<'_> {
    pub fn proposals(&self) -> Result<Vec<Proposal>> {
        load_proposals(&self.tx)
    }

    /// Stores a proposal, or merges it with the copy already here (see `Proposal::merged`).
    pub fn put_proposal(&mut self, proposal: &Proposal) -> Result<()> {
        let existing = load_proposals(&self.tx)?.into_iter().find(|p| p.id == proposal.id);
        let p = match existing {
            Some(e) => e.merged(proposal.clone()),
            None => proposal.clone(),
        };
        self.tx.execute(
            "INSERT INTO proposals (id, project_id, entity, record_id, field, value, proposer_db, user, at, status, decided_by, decided_at, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, decided_by = excluded.decided_by,
                decided_at = excluded.decided_at, reason = excluded.reason",
            params![
                p.id.to_string(),
                p.project_id.to_string(),
                p.key.entity.as_str(),
                p.key.record_id.to_string(),
                p.key.field,
                (!p.value.is_null()).then(|| p.value.to_string()),
                p.proposer_db.to_string(),
                p.user,
                p.at,
                p.status.code(),
                p.decided_by,
                p.decided_at,
                p.reason
            ],
        )?;
        Ok(())
    }
}
