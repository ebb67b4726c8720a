//! The indmap database: one SQLite file (WAL, foreign keys on, CHECK constraints) created for one
//! scope, upgraded by versioned migrations, written only in transactions, and carrying an
//! append-only log of every field ever changed.
//!
//! This crate knows SQL and nothing about the command line or the window. It trusts that
//! projects given to it have been validated; the schema's constraints are the last line.

mod codec;
#[cfg(target_os = "linux")]
mod copy;
mod log;
mod migrations;
mod reference;
mod sync;
mod versions;

pub use log::LogEntry;
pub use migrations::{LATEST_VERSION, migrations};
pub use reference::ReferenceList;
pub use sync::{ImportReceipt, Reader, StoredProject};

use chrono::{DateTime, SecondsFormat, Utc};
use indmap_core::changes::{FieldChange, FieldKey, flatten, project_changes};
use indmap_core::schema::Entity;
use indmap_core::version::{DELETED, Dot};
use indmap_core::{Project, ProjectCode, ProjectFilter, Scope};
use rusqlite::{Connection, OptionalExtension, Savepoint, params};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no indmap database at {0}")]
    Missing(PathBuf),
    #[error("a file already exists at {0}")]
    AlreadyExists(PathBuf),
    #[error("{path} is not an indmap database ({reason})")]
    NotIndmap { path: PathBuf, reason: String },
    #[error(
        "the database at {path} was made by a newer indmap (schema {found}, this build knows up to {known}); update indmap"
    )]
    TooNew { path: PathBuf, found: usize, known: usize },
    #[error("project code {0} is already used by another project")]
    CodeTaken(ProjectCode),
    #[error("a project with id {0} already exists")]
    IdTaken(Uuid),
    #[error("the database refused the change: {0}")]
    Constraint(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The field name of a history entry that records a record's birth with all its values.
pub const BIRTH: &str = "*";

/// What a database is: its own id, whose map it keeps, and its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct DbInfo {
    pub path: PathBuf,
    pub db_id: Uuid,
    pub scope: Scope,
    pub created_at: String,
    pub schema_version: usize,
}

/// Who writes, when, and from where: stamped on every change-log entry.
#[derive(Debug, Clone)]
pub struct Author {
    pub user: String,
    pub at: DateTime<Utc>,
    /// `local` for edits made here, or the name of the file a change came in with.
    pub origin: String,
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub struct Store {
    conn: Connection,
    info: DbInfo,
    /// The checkpoint the last batch left running on another thread (see `resume_checkpoints`).
    checkpoint: std::cell::RefCell<Option<std::thread::JoinHandle<()>>>,
}

#[cfg(target_os = "linux")]
use copy::copy_file;

/// Elsewhere the system's own copy (direct I/O is a Linux interface).
#[cfg(not(target_os = "linux"))]
fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to).map(|_| ())
}

fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A national map with its history is about 18 KB a project (2 GB for 100,000); SQLite's
    // default 2 MB page cache would send most lookups of a merge to the file.
    conn.pragma_update(None, "cache_size", -65_536)?;
    // Pages are read from a memory map instead of a read() each: a merge looks up thousands of
    // rows spread over a file of gigabytes. (2 GB is SQLite's default ceiling for it.)
    conn.pragma_update(None, "mmap_size", 0x7fff_0000_i64)?;
    // Each merged project is a savepoint, whose journal of the pages it changes would otherwise
    // be a temporary file written page by page: kept in memory, a rollback still works.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A merge runs some forty different statements per project; with rusqlite's default cache
    // of 16 most of them would be compiled again for every project.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(conn)
}

/// How many live projects the map holds, their cost and their permanent jobs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MapTotals {
    pub projects: usize,
    pub cost_tiyn: i64,
    pub jobs: i64,
}

fn totals(conn: &Connection) -> Result<MapTotals> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(cost_tiyn), 0), coalesce(sum(jobs_permanent), 0) FROM projects WHERE deleted_at IS NULL",
        [],
        |r| Ok(MapTotals { projects: r.get::<_, i64>(0)? as usize, cost_tiyn: r.get(1)?, jobs: r.get(2)? }),
    )?)
}

fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).map(|v| v.max(0) as usize)
}

impl Drop for Store {
    fn drop(&mut self) {
        self.wait_for_checkpoint();
    }
}

impl Store {
    /// Creates a database for `scope` at `path`, which must not exist yet.
    pub fn create(path: &Path, scope: Scope, db_id: Uuid, at: DateTime<Utc>) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_owned()));
        }
        let result = Self::create_new(path, scope, db_id, at);
        if result.is_err() {
            // Leave nothing half-made behind.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        result
    }

    fn create_new(path: &Path, scope: Scope, db_id: Uuid, at: DateTime<Utc>) -> Result<Store> {
        let mut conn = connect(path)?;
        migrations().to_latest(&mut conn)?;
        let tx = conn.transaction()?;
        for (key, value) in [
            ("application", migrations::APPLICATION.to_owned()),
            ("db_id", db_id.to_string()),
            ("scope", scope.code()),
            ("created_at", timestamp(at)),
            ("write_counter", "0".to_owned()),
        ] {
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
        }
        reference::seed(&tx)?;
        tx.execute(
            "INSERT INTO databases (db_id, scope, first_seen) VALUES (?1, ?2, ?3)",
            params![db_id.to_string(), scope.code(), timestamp(at)],
        )?;
        tx.commit()?;
        Self::from_connection(path, conn)
    }

    /// Opens an existing database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let not_indmap = |reason: String| StoreError::NotIndmap { path: path.to_owned(), reason };
        let mut conn = connect(path).map_err(|e| not_indmap(e.to_string()))?;
        let version = schema_version(&conn).map_err(|e| not_indmap(e.to_string()))?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew { path: path.to_owned(), found: version, known: LATEST_VERSION });
        }
        let application: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'application'", [], |r| r.get(0))
            .optional()
            .map_err(|_| not_indmap("it has no indmap metadata".into()))?;
        if application.as_deref() != Some(migrations::APPLICATION) {
            return Err(not_indmap("it has no indmap metadata".into()));
        }
        migrations().to_latest(&mut conn)?;
        Self::from_connection(path, conn)
    }

    /// Makes sure this file has a database id of its own. A file copied from another database
    /// (to another folder or machine) still carries the original's id; two databases writing
    /// under one id would make their versions collide, so the copy takes `new_id` and notes
    /// the id it came from. `home` names where this file lives (path and file identity).
    /// Returns the previous id when the database was forked.
    pub fn settle_identity(
        &mut self,
        home: &str,
        new_id: impl FnOnce() -> Uuid,
        at: DateTime<Utc>,
    ) -> Result<Option<Uuid>> {
        let known: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'home'", [], |r| r.get(0)).optional()?;
        let forked = match known {
            Some(known) if known == home => return Ok(None),
            // Made before files knew their home, or just created: this is the original.
            None => None,
            Some(_) => Some(new_id()),
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('home', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [home],
        )?;
        if let Some(id) = forked {
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
            tx.commit()?;
            self.info.db_id = id;
            return Ok(Some(old));
        }
        tx.commit()?;
        Ok(None)
    }

    fn from_connection(path: &Path, conn: Connection) -> Result<Store> {
        let meta = |key: &str| -> Result<String> {
            Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
        };
        let bad =
            |what: &str| StoreError::NotIndmap { path: path.to_owned(), reason: format!("its {what} is damaged") };
        let info = DbInfo {
            path: path.to_owned(),
            db_id: Uuid::parse_str(&meta("db_id")?).map_err(|_| bad("database id"))?,
            scope: Scope::parse(&meta("scope")?).ok_or_else(|| bad("scope"))?,
            created_at: meta("created_at")?,
            schema_version: schema_version(&conn)?,
        };
        Ok(Store { conn, info, checkpoint: Default::default() })
    }

    pub fn info(&self) -> &DbInfo {
        &self.info
    }

    /// Runs `f` in one transaction, as one write operation of this database: every change it
    /// logs carries the same counter value. Nothing is kept if `f` fails.
    pub fn write<T>(&mut self, author: &Author, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.transaction(author, true, f)
    }

    /// Runs `f` as [`Store::write`] does, then rolls everything back: what a write would do,
    /// without doing it (an import's preview).
    pub fn trial<T>(&mut self, author: &Author, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.transaction(author, false, f)
    }

    fn transaction<T>(
        &mut self,
        author: &Author,
        commit: bool,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        // A savepoint: a transaction of its own, or a part of a batch (see `begin_batch`).
        let tx = self.conn.savepoint()?;
        let counter: i64 =
            tx.query_row("SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'write_counter'", [], |r| r.get(0))?;
        tx.execute("UPDATE meta SET value = ?1 WHERE key = 'write_counter'", [counter.to_string()])?;
        let mut writer = Writer {
            tx,
            scope: self.info.scope,
            db_id: self.info.db_id,
            author: author.clone(),
            counter,
            merged_totals: (0, 0, 0),
        };
        let value = f(&mut writer)?;
        if commit {
            writer.tx.commit()?;
        }
        Ok(value)
    }

    /// Stops emptying the WAL into the database file after every transaction, until
    /// `resume_checkpoints`: a batch of imports then writes each hot page back once, not per file.
    fn pause_checkpoints(&self) -> Result<()> {
        Ok(self.conn.pragma_update(None, "wal_autocheckpoint", 0)?)
    }

    /// Goes back to emptying the WAL into the database file after transactions, and empties
    /// what a batch left in it on another thread, over a connection of its own: after a national
    /// merge that is a hundred megabytes to write and sync, which the user need not wait for.
    /// (A checkpoint takes no lock that readers or writers wait on; until it is done, readers
    /// find the pages in the WAL.)
    fn resume_checkpoints(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
        self.wait_for_checkpoint();
        let path = self.info.path.clone();
        let checkpoint = std::thread::spawn(move || {
            // Should it fail, the WAL is emptied by the next checkpoint instead.
            if let Ok(conn) = connect(&path) {
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            }
        });
        *self.checkpoint.borrow_mut() = Some(checkpoint);
        Ok(())
    }

    /// Waits for the checkpoint a batch left running, if any: before a batch copies the file,
    /// and before the database is closed.
    pub fn wait_for_checkpoint(&self) {
        if let Some(checkpoint) = self.checkpoint.borrow_mut().take() {
            let _ = checkpoint.join();
        }
    }

    /// Starts a batch of writes that are committed together by `end_batch`, and a copy of the
    /// database as it is now to `backup`, made on another thread while the batch writes.
    ///
    /// This is safe because in WAL mode writes go to the WAL, and only a checkpoint moves them
    /// into the database file: the WAL is emptied first, the write lock is then held until the
    /// batch ends, and checkpoints wait until then. So the file the thread copies does not change.
    /// Should another process have written between the checkpoint and the lock, the copy is made
    /// page by page before the batch starts instead.
    pub fn begin_batch(&self, backup: &Path) -> Result<Batch> {
        self.wait_for_checkpoint();
        self.pause_checkpoints()?;
        let started = self.start_batch(backup);
        if started.is_err() {
            let _ = self.resume_checkpoints();
        }
        started
    }

    fn start_batch(&self, backup: &Path) -> Result<Batch> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let wal = PathBuf::from(format!("{}-wal", self.info.path.display()));
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            self.conn.execute_batch("COMMIT")?;
            self.backup_page_by_page(backup)?;
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            return Ok(Batch { copy: None, backup: backup.to_owned() });
        }
        let (from, to) = (self.info.path.clone(), backup.to_owned());
        let copy = std::thread::spawn(move || copy_file(&from, &to));
        Ok(Batch { copy: Some(copy), backup: backup.to_owned() })
    }

    /// Ends a batch: once the backup is written, commits its writes (or, without `commit`, rolls
    /// them back). A backup that could not be written rolls the batch back and is the error.
    pub fn end_batch(&self, batch: Batch, commit: bool) -> Result<()> {
        let copied = match batch.copy {
            Some(copy) => copy.join().unwrap_or_else(|_| Err(std::io::Error::other("the copying thread failed"))),
            None => Ok(()),
        };
        let copied = copied.map_err(|source| StoreError::Io { path: batch.backup.clone(), source });
        if copied.is_err() {
            let _ = std::fs::remove_file(&batch.backup);
        }
        let end = if commit && copied.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end);
        let _ = self.resume_checkpoints();
        copied?;
        Ok(ended?)
    }

    /// Writes a consistent copy of the database to `path`: an empty batch, whose backup is the
    /// point. The file itself is copied (by the kernel): a national map's 2 GB take well under a
    /// second, where SQLite's page-by-page backup takes several. The copy is not synced: it exists
    /// to undo a merge later, and by then the system has written it out; a crash before that would
    /// roll the merge back too.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        let batch = self.begin_batch(path)?;
        self.end_batch(batch, false)
    }

    fn backup_page_by_page(&self, path: &Path) -> Result<()> {
        let mut copy = Connection::open(path)?;
        copy.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
        // -1: every page in one step, under one read lock.
        while backup.step(-1)? != rusqlite::backup::StepResult::Done {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Ok(())
    }

    /// How many live projects there are, their cost and their permanent jobs.
    pub fn totals(&self) -> Result<MapTotals> {
        totals(&self.conn)
    }

    /// A live project by id; deleted projects are not returned.
    pub fn project(&self, id: Uuid) -> Result<Option<Project>> {
        codec::load_project(&self.conn, id)
    }

    /// Whether the id belongs to a deleted project, and when and why it was deleted.
    pub fn deletion(&self, id: Uuid) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT deleted_at, deleted_reason FROM projects WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn project_id_by_code(&self, code: &ProjectCode) -> Result<Option<Uuid>> {
        let id: Option<String> =
            self.conn.query_row("SELECT id FROM projects WHERE code = ?1", [code.as_str()], |r| r.get(0)).optional()?;
        Ok(id.and_then(|s| Uuid::parse_str(&s).ok()))
    }

    /// The live projects that pass the filter, ordered by code.
    pub fn projects(&self, filter: &ProjectFilter) -> Result<Vec<Project>> {
        let all = codec::load_projects(&self.conn, filter)?;
        Ok(all.into_iter().filter(|p| filter.matches(p)).collect())
    }

    pub fn reference(&self, list: ReferenceList) -> Result<Vec<indmap_core::reference::ReferenceItem>> {
        reference::list(&self.conn, list.table())
    }

    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Every logged change to a project and its rows, oldest first.
    pub fn history(&self, project_id: Uuid) -> Result<Vec<LogEntry>> {
        log::for_project(&self.conn, project_id)
    }

    /// How many changes the log holds, for tests and diagnostics.
    pub fn log_len(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?)
    }
}

/// One write operation in progress (see [`Store::write`]).
/// A batch of writes under way (see `Store::begin_batch`), with its backup being written.
pub struct Batch {
    copy: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    backup: PathBuf,
}

pub struct Writer<'c> {
    tx: Savepoint<'c>,
    scope: Scope,
    db_id: Uuid,
    author: Author,
    counter: i64,
    /// How much merged projects changed the totals (count, cost, jobs of live projects).
    merged_totals: (i64, i64, i64),
}

impl Writer<'_> {
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

    /// Replaces a live project's content with `new` (same id and code).
    pub fn replace_project(&mut self, old: &Project, new: &Project) -> Result<()> {
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
        let last: i64 = self
            .tx
            .query_row("SELECT last FROM code_sequences WHERE prefix = ?1", [prefix], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        let code = ProjectCode::new(prefix, (last + 1) as u32);
        self.note_code(&code)?;
        Ok(code)
    }

    /// Whether a project with this id is stored, deleted or not.
    pub(crate) fn project_exists(&self, id: Uuid) -> Result<bool> {
        Ok(self.tx.query_row("SELECT EXISTS (SELECT 1 FROM projects WHERE id = ?1)", [id.to_string()], |r| r.get(0))?)
    }

    /// Takes a code that arrived with a project: refused when another project has it.
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
