//! An open database: opening and creating it, reads, the transactions every write goes through,
//! batches of imports and their backup.

use crate::author::{Author, timestamp};
use crate::{Batch, LATEST_VERSION, LogEntry, ReferenceList, Result, StoreError, Writer};
use crate::{codec, codes, log, migrations, reference};
use chrono::{DateTime, Utc};
use indmap_core::{Project, ProjectCode, ProjectFilter, Scope, code_clash};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// What a database is: its own id, whose map it keeps, and its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct DbInfo {
    pub path: PathBuf,
    pub db_id: Uuid,
    pub scope: Scope,
    pub created_at: String,
    pub schema_version: usize,
}

/// An open indmap database.
pub struct Store {
    pub(crate) conn: Connection,
    /// Held while the database is open (see `lock`). Declared after `conn`, so it is let go
    /// only once the connection is closed.
    _lock: crate::lock::FileLock,
    pub(crate) info: DbInfo,
    /// The checkpoint the last batch left running on another thread (see `resume_checkpoints`).
    pub(crate) checkpoint: std::cell::RefCell<Option<std::thread::JoinHandle<()>>>,
}

#[cfg(target_os = "linux")]
use crate::copy::copy_file;

/// Elsewhere the system's own copy (direct I/O is a Linux interface).
#[cfg(not(target_os = "linux"))]
pub(crate) fn copy_file(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to).map(|_| ())
}

/// How long a writer waits for another to finish before it says the map is busy: longer than a
/// national batch of imports takes.
pub(crate) const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

pub(crate) fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
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

pub(crate) fn totals(conn: &Connection) -> Result<MapTotals> {
    // SQLite's `sum` fails on overflow: the costs are summed in two parts (billions of tiyn and
    // the rest), each far from overflowing, and put together in 128 bits.
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(cost_tiyn / 1000000000), 0), coalesce(sum(cost_tiyn % 1000000000), 0),
                coalesce(sum(jobs_permanent), 0)
         FROM projects WHERE deleted_at IS NULL",
        [],
        |r| {
            let cost = i128::from(r.get::<_, i64>(1)?) * 1_000_000_000 + i128::from(r.get::<_, i64>(2)?);
            Ok(MapTotals { projects: r.get::<_, i64>(0)? as usize, cost_tiyn: saturate(cost), jobs: r.get(3)? })
        },
    )?)
}

/// `i128` arithmetic back in an `i64`, at its ceiling (or floor) when beyond it.
pub(crate) fn saturate(sum: i128) -> i64 {
    sum.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Copies the database `conn` reads to a new file at `path`, page by page under one read lock.
fn copy_pages(conn: &Connection, path: &Path) -> Result<()> {
    let mut copy = Connection::open(path)?;
    copy.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
    // -1: every page in one step, under one read lock.
    while backup.step(-1)? != rusqlite::backup::StepResult::Done {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Ok(())
}

/// Refuses a file that is not an indmap database, or one of a newer schema than this build's.
fn check_indmap(conn: &Connection, path: &Path) -> Result<()> {
    let not_indmap = |reason: String| StoreError::NotIndmap { path: path.to_owned(), reason };
    let version = schema_version(conn).map_err(|e| not_indmap(e.to_string()))?;
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
    Ok(())
}

/// Names the backup copied (`copied`) to `partial(backup)` a backup, once it is on disk: only
/// then is it listed as one. A copy that failed, or cannot be synced, goes.
fn put_in_place(copied: std::io::Result<()>, backup: &Path) -> Result<()> {
    let partial = partial(backup);
    let placed = copied
        .and_then(|()| std::fs::File::open(&partial)?.sync_all())
        .and_then(|()| std::fs::rename(&partial, backup))
        .map_err(|source| StoreError::Io { path: backup.to_owned(), source });
    if placed.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    placed
}

/// Where a backup is written until it is whole: a name no list of backups takes for one.
fn partial(backup: &Path) -> PathBuf {
    PathBuf::from(format!("{}.partial", backup.display()))
}

/// Claims `backup` as the name of a backup about to be written, if no other backup (of this or
/// another process, written or under way) has it: its partial file is made, atomically, and
/// stays until the backup is put in place. Two imports started in the same millisecond would
/// otherwise write, and the one that merged nothing delete, the same backup.
pub fn claim_backup_name(backup: &Path) -> std::io::Result<bool> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(partial(backup)) {
        // A rename puts a partial file in place, so one of the two names exists at any moment.
        Ok(_) if backup.exists() => {
            std::fs::remove_file(partial(backup))?;
            Ok(false)
        }
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Gives back a name claimed with `claim_backup_name` for a backup that will not be written.
pub fn release_backup_name(backup: &Path) {
    let _ = std::fs::remove_file(partial(backup));
}

pub(crate) fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
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
        let lock = crate::lock::shared(path, BUSY_WAIT)?;
        migrations::migrate(&mut conn)?;
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
        Self::from_connection(path, conn, lock)
    }

    /// Opens an existing database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        let not_indmap = |reason: String| StoreError::NotIndmap { path: path.to_owned(), reason };
        // Taken before the file is opened: a restore under way puts another file at the path.
        let lock = crate::lock::shared(path, BUSY_WAIT)?;
        let mut conn = connect(path).map_err(|e| not_indmap(e.to_string()))?;
        check_indmap(&conn, path)?;
        migrations::migrate(&mut conn)?;
        Self::from_connection(path, conn, lock)
    }

    fn from_connection(path: &Path, conn: Connection, lock: crate::lock::FileLock) -> Result<Store> {
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
        Ok(Store { conn, _lock: lock, info, checkpoint: Default::default() })
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
        // Outside a batch (`begin_batch`), the transaction takes the write lock before it reads
        // anything: one that read first could not take it later, if another connection wrote
        // meanwhile, and would fail at once instead of waiting its turn.
        let alone = self.conn.is_autocommit();
        if alone {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        let result = self.savepoint(author, commit, f);
        if alone {
            let end = if commit && result.is_ok() { "COMMIT" } else { "ROLLBACK" };
            let ended = self.conn.execute_batch(end);
            if result.is_ok() {
                ended?;
            }
        }
        result
    }

    fn savepoint<T>(
        &mut self,
        author: &Author,
        commit: bool,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        // A savepoint: the transaction's own, or a part of a batch.
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

    /// Runs `f` over one snapshot of the database: every read it makes sees the same committed
    /// state, whatever other connections write meanwhile (an export, a content hash, a list of
    /// conflicts must not mix values from before a write with versions from after it).
    pub fn snapshot<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            // Inside a transaction already, which is one snapshot.
            return f();
        }
        // A deferred transaction takes its snapshot at its first read: made here, at once.
        let begun = self
            .conn
            .execute_batch("BEGIN DEFERRED")
            .and_then(|()| self.conn.query_row("SELECT count(*) FROM meta", [], |_| Ok(())));
        if let Err(e) = begun {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(StoreError::from(e).into());
        }
        let result = f();
        let ended = self.conn.execute_batch("COMMIT").map_err(StoreError::from);
        let value = result?;
        ended?;
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
        let started = self.pause_checkpoints().and_then(|()| {
            let started = self.start_batch(backup);
            if started.is_err() {
                let _ = self.resume_checkpoints();
            }
            started
        });
        if started.is_err() {
            release_backup_name(backup);
        }
        started
    }

    fn start_batch(&self, backup: &Path) -> Result<Batch> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let wal = PathBuf::from(format!("{}-wal", self.info.path.display()));
        let partial = partial(backup);
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            self.conn.execute_batch("COMMIT")?;
            self.backup_page_by_page(&partial)?;
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            return Ok(Batch { copy: None, backup: backup.to_owned() });
        }
        let (from, to) = (self.info.path.clone(), partial);
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
        let copied = put_in_place(copied, &batch.backup);
        let end = if commit && copied.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end);
        let _ = self.resume_checkpoints();
        copied?;
        Ok(ended?)
    }

    /// Checks that the database file at `path` (a backup) is a sound indmap database this build
    /// can open, without changing it or writing beside it.
    pub fn check_copy(path: &Path) -> Result<()> {
        let not_indmap = |reason: String| StoreError::NotIndmap { path: path.to_owned(), reason };
        // Immutable: no lock, no WAL or shared-memory file made beside the copy.
        let text = path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23");
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(format!("file:{text}?immutable=1"), flags)
            .map_err(|e| not_indmap(e.to_string()))?;
        // Damage first: a damaged page may be the one that says whose file this is.
        let integrity: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| {
            let foreign = e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase);
            not_indmap(if foreign { "it is not a database file" } else { "it is damaged" }.into())
        })?;
        if integrity != "ok" {
            return Err(not_indmap(format!("it is damaged ({integrity})")));
        }
        check_indmap(&conn, path)
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
        copy_pages(&self.conn, path)
    }

    /// Copies the database at `db`, which no `Store` has open (`alone` proves it), to `to`:
    /// what a restore keeps of the map it replaces, taken once nobody can change it any more.
    pub fn copy_closed(db: &Path, to: &Path, _alone: &crate::lock::FileLock) -> Result<()> {
        let conn = connect(db)?;
        match copy_pages(&conn, &partial(to)) {
            Ok(()) => put_in_place(Ok(()), to),
            Err(e) => {
                let _ = std::fs::remove_file(partial(to));
                Err(e)
            }
        }
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

    /// The project that holds a code (see `code_clash::holder`).
    pub fn project_id_by_code(&self, code: &ProjectCode) -> Result<Option<Uuid>> {
        Ok(code_clash::holder(&codes::claims(&self.conn, code)?).map(|c| c.project))
    }

    /// The codes more than one live project claims (see `code_clash::clashes`).
    pub fn code_clashes(&self) -> Result<Vec<code_clash::Clash>> {
        Ok(code_clash::clashes(&codes::contested(&self.conn)?))
    }

    /// The code this database would issue next under a prefix (the write that takes it checks
    /// it again).
    pub fn next_free_code(&self, prefix: &str) -> Result<ProjectCode> {
        codes::next_free(&self.conn, prefix)
    }

    /// How many live projects the map holds: a count in SQL, nothing read.
    pub fn project_count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM projects WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(n.unsigned_abs())
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
