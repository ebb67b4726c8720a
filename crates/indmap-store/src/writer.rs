//! The writes of one transaction: every change to a project, logged field by field.

use crate::author::{Author, timestamp};
use crate::log::BIRTH;
use crate::{ReferenceList, Result, StoreError, codec, codes, log, reference, versions};
use indmap_core::changes::{FieldChange, FieldKey, flatten, project_changes};
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, Dot};
use indmap_core::{Project, ProjectCode, Scope};
use rusqlite::{Savepoint, params};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use uuid::Uuid;

/// A batch of writes under way (see `Store::begin_batch`), with its backup being written.
pub struct Batch {
    pub(crate) copy: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    pub(crate) backup: PathBuf,
}

/// One write operation in progress (see [`Store::write`]).
pub struct Writer<'c> {
    pub(crate) tx: Savepoint<'c>,
    pub(crate) scope: Scope,
    pub(crate) db_id: Uuid,
    pub(crate) author: Author,
    pub(crate) counter: i64,
    /// How much merged projects changed the totals (count, cost, jobs of live projects).
    pub(crate) merged_totals: (i64, i128, i64),
}

impl Writer<'_> {
    /// This database's id.
    pub fn db_id(&self) -> Uuid {
        self.db_id
    }

    /// The counter this write stamps its changes with: above every earlier write of this database.
    pub fn counter(&self) -> i64 {
        self.counter
    }

    /// Registers a new project, giving it the next code of this database when it has none, and
    /// returns the code.
    pub fn insert_project(&mut self, project: &Project) -> Result<ProjectCode> {
        if self.project_exists(project.id)? {
            return Err(StoreError::IdTaken(project.id));
        }
        let mut project = project.clone();
        let code = match project.code.take() {
            Some(code) => {
                self.claim_code(&code)?;
                code
            }
            None => self.next_code()?,
        };
        project.code = Some(code.clone());
        let at = timestamp(self.author.at);
        codec::insert_project(&self.tx, &project, &at)?;
        self.log(None, Some(&project))?;
        Ok(code)
    }

    /// Replaces a live project's content with `new` (same id). A new code must be one no
    /// project here carries.
    pub fn replace_project(&mut self, old: &Project, new: &Project) -> Result<()> {
        if let Some(code) = new.code.as_ref().filter(|c| old.code.as_ref() != Some(*c)) {
            self.claim_code(code)?;
        }
        codec::update_project(&self.tx, old, new, &timestamp(self.author.at), Vec::new())?;
        self.log(Some(old), Some(new))
    }

    /// Deletes a project, keeping it as a tombstone with the reason and with what this database
    /// had seen of it, so an edit made elsewhere without seeing the deletion is told apart.
    pub fn delete_project(&mut self, project: &Project, reason: Option<&str>) -> Result<()> {
        let mut seen = versions::context(&self.tx, project.id)?;
        seen.add(Dot { db: self.db_id, counter: self.counter });
        let deletion = serde_json::json!({ "reason": reason, "context": seen });
        let at = timestamp(self.author.at);
        self.tx.execute(
            "UPDATE projects SET deleted_at = ?2, deleted_reason = ?3, deletion = ?4, updated_at = ?2 WHERE id = ?1",
            params![project.id.to_string(), at, reason, deletion.to_string()],
        )?;
        let key = FieldKey { entity: Entity::Project, record_id: project.id, field: DELETED.into() };
        self.record(&FieldChange { key, project_id: project.id, old: serde_json::Value::Null, new: deletion })
    }

    /// Adds an item to an editable reference list, or relabels it.
    pub fn put_reference(&mut self, list: ReferenceList, item: &indmap_core::reference::ReferenceItem) -> Result<()> {
        reference::put(&self.tx, list.table(), item)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Removes a setting: its default applies again.
    pub fn clear_setting(&mut self, key: &str) -> Result<()> {
        self.tx.execute("DELETE FROM settings WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Logs what changed from `old` to `new`. A record born here (the project, or a row added
    /// to it) is logged once, with all its values, and its fields carry its birth's dot; fields
    /// of records that were there are logged and versioned one by one.
    fn log(&mut self, old: Option<&Project>, new: Option<&Project>) -> Result<()> {
        let existed: HashSet<(Entity, Uuid)> =
            old.map(|o| flatten(o).into_keys().map(|k| (k.entity, k.record_id)).collect()).unwrap_or_default();
        let mut born: BTreeMap<(Entity, Uuid), serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
        let mut project_id = None;
        for change in project_changes(old, new) {
            project_id = Some(change.project_id);
            if existed.contains(&(change.key.entity, change.key.record_id)) {
                self.record(&change)?;
            } else {
                born.entry((change.key.entity, change.key.record_id)).or_default().insert(change.key.field, change.new);
            }
        }
        for ((entity, record_id), fields) in born {
            let project_id = project_id.unwrap_or(record_id);
            let key = FieldKey { entity, record_id, field: BIRTH.into() };
            let change =
                FieldChange { key, project_id, old: serde_json::Value::Null, new: serde_json::Value::Object(fields) };
            log::append(&self.tx, &self.db_id, self.counter, &self.author, &change)?;
            versions::record_birth(&self.tx, self.db_id, self.counter, &self.author, project_id, entity, record_id)?;
        }
        Ok(())
    }

    /// Logs a change this database makes and moves the field's version to this write.
    pub(crate) fn record(&mut self, change: &FieldChange) -> Result<()> {
        log::append(&self.tx, &self.db_id, self.counter, &self.author, change)?;
        versions::record_local_write(&self.tx, self.db_id, self.counter, &self.author, change)?;
        Ok(())
    }

    fn next_code(&mut self) -> Result<ProjectCode> {
        let prefix = self.scope.code_prefix();
        self.next_code_under(prefix)
    }

    /// Issues the next code under a prefix that no project this database has seen carries.
    pub fn next_code_under(&mut self, prefix: &str) -> Result<ProjectCode> {
        let code = codes::next_free(&self.tx, prefix)?;
        self.note_code(&code)?;
        Ok(code)
    }

    /// Every project here, live or deleted, that carries `code`, as this write sees them.
    pub fn code_claims(&self, code: &ProjectCode) -> Result<Vec<indmap_core::code_clash::Claim>> {
        codes::claims(&self.tx, code)
    }

    /// A live project by id, as this write sees it.
    pub fn project(&self, id: Uuid) -> Result<Option<Project>> {
        codec::load_project(&self.tx, id)
    }

    /// Whether a project with this id is stored, deleted or not.
    pub fn project_exists(&self, id: Uuid) -> Result<bool> {
        Ok(self.tx.query_row("SELECT EXISTS (SELECT 1 FROM projects WHERE id = ?1)", [id.to_string()], |r| r.get(0))?)
    }

    /// Takes a code given with a new project (a user's, or a file's being added): refused when
    /// another project here has it.
    pub(crate) fn claim_code(&mut self, code: &ProjectCode) -> Result<()> {
        let taken: bool =
            self.tx
                .query_row("SELECT EXISTS (SELECT 1 FROM projects WHERE code = ?1)", [code.as_str()], |r| r.get(0))?;
        if taken {
            return Err(StoreError::CodeTaken(code.clone()));
        }
        self.note_code(code)
    }

    /// Moves the sequence of the code's prefix past it, so this database never issues it again.
    pub(crate) fn note_code(&mut self, code: &ProjectCode) -> Result<()> {
        self.tx.execute(
            "INSERT INTO code_sequences (prefix, last) VALUES (?1, ?2) ON CONFLICT (prefix) DO UPDATE SET last = max(last, excluded.last)",
            params![code.prefix(), code.number()],
        )?;
        Ok(())
    }
}
