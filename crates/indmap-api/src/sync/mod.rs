//! Exchange files: export this database's map, import another's with a preview, conflicts
//! and their resolution, backups. Merging is field by field and never decided by clocks (see
//! `indmap_core::version`).

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::version::VersionedProject;
use indmap_core::{RegionCode, Scope};
use indmap_exchange::{ExchangeError, Manifest};
use indmap_store::{Author, ImportReceipt, StoredProject};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use uuid::Uuid;

mod bill;
mod conflicts;
mod merge;
mod ownership;
mod report;

pub use bill::{BillFormat, merge_bill};
pub use conflicts::{ConflictView, Take};
pub use report::{FieldUpdate, ImportReport, ProjectUpdate, Refusal, Totals};

use conflicts::short;

/// How many projects an export (or a content hash) loads at a time: a national map loaded whole
/// with the versions of every field takes gigabytes.
const SLICE: usize = 1000;

/// The imports of a batch under way: their writes, and the backup taken before them.
type Batch = Option<(indmap_store::Batch, PathBuf)>;

/// The merge bill of an import as an XLSX workbook, in the given language.
pub fn merge_bill_xlsx(report: &ImportReport, lang: indmap_print::Lang) -> Result<Vec<u8>> {
    bill::xlsx(report, lang)
}

impl Indmap {
    /// SHA-256 over every project's current fields (deleted ones too), in a canonical order:
    /// two databases with the same map have the same hash, whatever order they learnt it in.
    pub fn content_hash(&self) -> Result<String> {
        let mut hash = Sha256::new();
        let mut ids = self.store.project_ids(None)?;
        ids.sort();
        for ids in ids.chunks(SLICE) {
            for (_, vp) in self.store.versioned_projects(ids)? {
                for (key, value) in vp.values() {
                    hash.update(format!("{}|{}|{}|{}\n", key.entity, key.record_id, key.field, value).as_bytes());
                }
            }
        }
        Ok(format!("{:x}", hash.finalize()))
    }

    /// Writes this database's map (or one region of it) to an exchange file.
    pub fn export(&self, out: &Path, region: Option<RegionCode>) -> Result<Manifest> {
        self.export_for(out, region, None)
    }

    /// Writes an exchange file. With `for_scope` (`ministry`, `region:35`), it holds only the
    /// projects with something the databases of that scope had not seen when they last sent
    /// their file here: a file of changes, small enough for e-mail. Projects they never sent
    /// are always included.
    pub fn export_for(&self, out: &Path, region: Option<RegionCode>, for_scope: Option<&str>) -> Result<Manifest> {
        let info = self.store.info();
        let databases = self.store.databases()?;
        let mut changes_for = Vec::new();
        let mut seen = None;
        if let Some(scope) = for_scope {
            let peers: Vec<Uuid> = databases
                .iter()
                .filter(|(id, s)| s == scope && *id != info.db_id.to_string())
                .filter_map(|(id, _)| Uuid::parse_str(id).ok())
                .collect();
            if peers.is_empty() {
                let mut problems = indmap_core::Problems::new();
                problems.error(
                    "--for",
                    "peer.unknown",
                    format!("no file from a database of {scope} has been imported here yet; export the whole map"),
                );
                return Err(Error::invalid(problems));
            }
            seen = Some(self.store.peer_contexts(&peers)?);
            changes_for = peers.iter().map(Uuid::to_string).collect();
        }
        let failed = |e: ExchangeError| Error::new(ErrorKind::Io, e.to_string());
        let mut file = indmap_exchange::FileWriter::create(out).map_err(failed)?;
        let mut exported = std::collections::HashSet::new();
        for ids in self.store.project_ids(region)?.chunks(SLICE) {
            let mut projects = self.store.versioned_projects(ids)?;
            if let Some(seen) = &seen {
                projects
                    .retain(|(p, vp)| !seen.get(&p.id).is_some_and(|all| all.iter().all(|c| c.covers(&vp.context))));
                // Of the others, the rows they have seen all of stay out too (the `projects`
                // layer still shows whole projects): a region's quarterly update is a field or
                // two of a project with dozens of rows.
                for (p, vp) in &mut projects {
                    if let Some(all) = seen.get(&p.id) {
                        vp.leave_out_rows_seen_by(all);
                    }
                }
            }
            exported.extend(projects.iter().map(|(p, _)| p.id));
            file.add(&projects).map_err(failed)?;
        }
        let proposals: Vec<_> =
            self.store.proposals()?.into_iter().filter(|p| exported.contains(&p.project_id)).collect();
        let manifest = Manifest {
            format: String::new(),
            format_version: 0,
            schema_version: info.schema_version,
            db_id: info.db_id,
            scope: info.scope.code(),
            exported_at: indmap_store::timestamp(self.env.clock.now()),
            user: self.env.user.clone(),
            projects: 0,
            databases,
            changes_for,
            sha256: String::new(),
        };
        file.finish(manifest, &proposals).map_err(failed)
    }

    /// Merges an exchange file into this database: one transaction, after a backup. With
    /// `dry_run`, says what it would do and changes nothing.
    pub fn import(&mut self, file: &Path, dry_run: bool) -> Result<ImportReport> {
        self.import_all(&[file.to_owned()], dry_run).pop().unwrap_or_else(|| Err(Error::not_found("no file")))
    }

    /// Imports several files, as they come in a week: one backup before the first that
    /// changes anything, then each file in a transaction of its own within the batch's. A file
    /// that is refused does not stop the others; each gets its own result. The batch is
    /// committed once its backup is written (the backup is copied while the files merge).
    pub fn import_all(&mut self, files: &[PathBuf], dry_run: bool) -> Vec<Result<ImportReport>> {
        let mut batch: Batch = None;
        // Each file starts from the totals the one before it ended with (or began with, when it
        // changed nothing): counting a national map once, not twice per file.
        let mut totals = None;
        // The next file is read and decoded on another thread while this one merges; once the
        // batch holds the write lock, that thread also loads the projects it will merge and
        // plans their merges (see `Ahead`). Dry runs read nothing ahead: they hold no lock
        // between files. (A reader that cannot be opened only means nothing is read ahead.)
        let writing = std::sync::atomic::AtomicBool::new(false);
        let mut reader = if dry_run || files.len() < 2 { None } else { self.store.reader().ok() };
        let scope = self.store.info().scope;
        let mut touched = std::collections::HashSet::new();
        let mut reports = Vec::with_capacity(files.len());
        std::thread::scope(|threads| {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            let writing = &writing;
            threads.spawn(move || {
                let mut scopes = reader.as_ref().and_then(|r| r.database_scopes().ok());
                for file in files {
                    let read = read_exchange(file).map(|exchange| {
                        let ahead = match (reader.as_mut(), scopes.as_mut()) {
                            (Some(reader), Some(scopes)) => {
                                note_databases(scopes, &exchange.0);
                                let writing = writing.load(std::sync::atomic::Ordering::Acquire);
                                if writing {
                                    Ahead::plan(reader, &exchange.1.projects, scope, scopes)
                                } else {
                                    Ahead::default()
                                }
                            }
                            _ => Ahead::default(),
                        };
                        (exchange, ahead)
                    });
                    if send.send(read).is_err() {
                        break;
                    }
                }
            });
            for (file, read) in files.iter().zip(receive) {
                let report = read.and_then(|(exchange, ahead)| {
                    self.import_one(file, exchange, dry_run, &mut batch, totals, ahead, &mut touched, writing)
                });
                if let Ok(r) = &report {
                    let end = if r.dry_run { &r.before } else { &r.after };
                    totals = Some((end.projects, end.cost_kzt.minor(), end.jobs_permanent as i64));
                }
                reports.push(report);
            }
        });
        let Some((batch, backup)) = batch else { return reports };
        let merged = |r: &ImportReport| r.already_imported.is_none();
        match self.store.end_batch(batch, true) {
            Ok(()) => reports.iter_mut().flatten().filter(|r| merged(r)).for_each(|r| r.backup = Some(backup.clone())),
            Err(e) => {
                let failed = |r: &ImportReport| {
                    Error::new(ErrorKind::Io, format!("nothing of {} was imported: the backup failed: {e}", r.file))
                };
                for report in &mut reports {
                    if let Ok(r) = report
                        && merged(r)
                    {
                        *report = Err(failed(r));
                    }
                }
            }
        }
        reports
    }

    /// Waits until the database file holds what the last batch of imports wrote (a batch
    /// returns once its writes are committed, and moves them into the file on another thread).
    pub fn wait_for_checkpoint(&self) {
        self.store.wait_for_checkpoint();
    }

    /// `totals`: the database's totals when they are known already. `touched`: the projects
    /// the batch has merged so far; `writing` is set once the batch holds the write lock.
    #[allow(clippy::too_many_arguments)]
    fn import_one(
        &mut self,
        file: &Path,
        (manifest, content, sha256): Exchange,
        dry_run: bool,
        batch: &mut Batch,
        totals: Option<(usize, i64, i64)>,
        mut ahead: Ahead,
        touched: &mut std::collections::HashSet<Uuid>,
        writing: &std::sync::atomic::AtomicBool,
    ) -> Result<ImportReport> {
        let info = self.store.info().clone();
        if manifest.db_id == info.db_id {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!("{} was exported by this very database; there is nothing to merge", file.display()),
            ));
        }
        let file_name =
            file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let totals = match totals {
            Some(known) => known,
            None => self.store.totals()?,
        };
        let before = Totals::from(totals);
        let mut report = ImportReport {
            file: file_name.clone(),
            manifest: manifest.clone(),
            dry_run,
            already_imported: None,
            added: Vec::new(),
            changed: Vec::new(),
            deleted: Vec::new(),
            conflicts: Vec::new(),
            refused: Vec::new(),
            proposals: 0,
            out_of_scope: 0,
            before,
            after: before,
            backup: None,
        };
        if let Some(earlier) = self.store.imports()?.into_iter().find(|r| r.sha256 == sha256) {
            report.already_imported = Some(earlier.imported_at);
            return Ok(report);
        }
        if !dry_run && batch.is_none() {
            let backup = self.new_backup_path(&format!("before-import-{file_name}"))?;
            *batch = Some((self.store.begin_batch(&backup)?, backup));
            // The batch holds the write lock now: what the reading thread reads from here on
            // stays true until the batch itself writes it.
            writing.store(true, std::sync::atomic::Ordering::Release);
        }
        let author = Author { user: self.env.user.clone(), at: self.env.clock.now(), origin: file_name.clone() };
        let ids = self.env.ids.as_mut();
        let run = |w: &mut indmap_store::Writer<'_>| -> indmap_store::Result<ImportReport> {
            for (db, scope) in
                manifest.databases.iter().cloned().chain([(manifest.db_id.to_string(), manifest.scope.clone())])
            {
                let Ok(db) = Uuid::parse_str(&db) else { continue };
                if let Some(known) = w.note_database(db, &scope)? {
                    report.refused.push(Refusal {
                        id: db,
                        code: None,
                        reason: format!(
                            "the file says database {} keeps {scope}, but it is known here to keep {known}",
                            short(db)
                        ),
                    });
                }
            }
            for vp in &content.projects {
                w.note_peer_context(manifest.db_id, vp.project_id, &vp.context)?;
            }
            // A project this database has seen everything of in the file's version needs no merge:
            // merging would give back what is here. Most projects of a regular exchange are such.
            // (Looked up one by one: a file holds a few hundred projects of a map of 100,000.)
            let mut to_merge = Vec::new();
            for vp in &content.projects {
                let seen = w.context(vp.project_id)?;
                if seen.needs_merge_with(&vp.context) {
                    to_merge.push(vp);
                }
            }
            let scopes = w.database_scopes()?;
            // Plans made ahead hold for the projects the batch has not merged since, when they
            // were made knowing the databases this merge knows.
            if ahead.scopes.as_ref() != Some(&scopes) {
                ahead.plans.clear();
            }
            if ahead.loaded.is_empty() && ahead.plans.is_empty() {
                ahead.loaded = w.projects_to_merge(&to_merge)?;
            }
            for vp in to_merge {
                let id = vp.project_id;
                let plan = match ahead.plans.remove(&id).filter(|_| !touched.contains(&id)) {
                    Some(plan) => plan,
                    None => {
                        let local = match ahead.loaded.remove(&id).filter(|_| !touched.contains(&id)) {
                            Some(loaded) => Some(loaded),
                            None => w.projects_to_merge(&[vp])?.remove(&id),
                        };
                        merge::plan(info.scope, local, vp, &scopes, ids)
                    }
                };
                merge::write(w, plan, &mut report)?;
                touched.insert(id);
            }
            let known: Vec<Uuid> = w.proposals()?.into_iter().map(|p| p.id).collect();
            for proposal in &content.proposals {
                report.proposals += usize::from(!known.contains(&proposal.id));
                w.put_proposal(proposal)?;
            }
            report.after = Totals::from(w.totals_after_merges(totals));
            if !dry_run {
                let summary = serde_json::json!({
                    "added": report.added.len(), "changed": report.changed.len(), "deleted": report.deleted.len(),
                    "conflicts": report.conflicts.len(), "refused": report.refused.len(),
                });
                w.record_import(&ImportReceipt {
                    file_name: file_name.clone(),
                    sha256: sha256.clone(),
                    sender_db: manifest.db_id.to_string(),
                    exported_at: manifest.exported_at.clone(),
                    imported_at: indmap_store::timestamp(author.at),
                    user: author.user.clone(),
                    summary,
                })?;
            }
            Ok(report)
        };
        Ok(if dry_run { self.store.trial(&author, run)? } else { self.store.write(&author, run)? })
    }
}

/// What the reading thread works out of a file before it merges: the projects it will merge as
/// they are stored, read once the batch began (or none: they are read when merged), and the
/// merges of those planned (`merge::plan`) knowing the databases in `scopes`. What a project's
/// plan or loaded version say holds unless the batch has merged it since.
#[derive(Default)]
struct Ahead {
    loaded: HashMap<Uuid, StoredProject>,
    plans: HashMap<Uuid, merge::Plan>,
    scopes: Option<HashMap<Uuid, Scope>>,
}

impl Ahead {
    fn plan(
        reader: &mut indmap_store::Reader,
        remote: &[VersionedProject],
        scope: Scope,
        scopes: &HashMap<Uuid, Scope>,
    ) -> Ahead {
        let Ok(mut loaded) = reader.projects_to_merge(remote) else { return Ahead::default() };
        let mut plans = HashMap::new();
        for vp in remote {
            let Some(local) = loaded.remove(&vp.project_id) else { continue };
            // A file's records carry their ids: a plan that had to make one is made again by the
            // import, with the ids it is given.
            let mut ids = NoIdsAhead::default();
            let plan = merge::plan(scope, Some(local), vp, scopes, &mut ids);
            if !ids.needed {
                plans.insert(vp.project_id, plan);
            }
        }
        Ahead { loaded, plans, scopes: Some(scopes.clone()) }
    }
}

#[derive(Default)]
struct NoIdsAhead {
    needed: bool,
}

impl indmap_core::IdSource for NoIdsAhead {
    fn new_id(&mut self) -> Uuid {
        self.needed = true;
        Uuid::nil()
    }
}

/// Notes the databases a file names as an import does (`Writer::note_database`): a database
/// keeps the scope it was first heard of with.
fn note_databases(scopes: &mut HashMap<Uuid, Scope>, manifest: &Manifest) {
    let sender = (manifest.db_id.to_string(), manifest.scope.clone());
    for (db, scope) in manifest.databases.iter().chain([&sender]) {
        if let (Ok(db), Some(scope)) = (Uuid::parse_str(db), Scope::parse(scope)) {
            scopes.entry(db).or_insert(scope);
        }
    }
}

/// An exchange file as read: its manifest, its content and the SHA-256 of the whole file.
type Exchange = (Manifest, indmap_exchange::Content, String);

fn read_exchange(file: &Path) -> Result<Exchange> {
    indmap_exchange::read_with_sha256(file).map_err(|e| {
        let kind = match e {
            ExchangeError::Unreadable(..) => ErrorKind::NotFound,
            ExchangeError::TooNew { .. } => ErrorKind::Incompatible,
            _ => ErrorKind::Invalid,
        };
        Error::new(kind, e.to_string())
    })
}
