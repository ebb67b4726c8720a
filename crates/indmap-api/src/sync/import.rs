//! Importing exchange files: one, or a week's batch. The first file that may change the map
//! begins the batch (one backup, copied while the files merge); each file merges in a
//! transaction of its own within the batch's, and the batch is committed once its backup is
//! written. While a file merges, another thread reads and checks the next one and, once the batch
//! holds the write lock, loads the projects it will merge and plans their merges (`Ahead`).

use super::conflicts::short;
use super::merge;
use super::report::{ImportReport, Refusal};
use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::merge_plan::Stored;
use indmap_core::version::{Dot, VersionedProject};
use indmap_core::{IdSource, Scope, edition, period_act, trust};
use indmap_exchange::{ExchangeFile, Manifest};
use indmap_store::{Author, ImportReceipt, MapTotals, Writer};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;
use uuid::Uuid;

/// The imports of a batch under way: their writes, and the backup taken before them.
struct Batch {
    writes: indmap_store::Batch,
    backup: PathBuf,
}

/// One call of `import_all`: what it carries from one file to the next.
struct Imports<'a> {
    db: &'a mut Indmap,
    dry_run: bool,
    /// Begun by the first file that may change the map.
    batch: Option<Batch>,
    /// The totals the last file ended with, which the next one starts from: a national map is
    /// counted once, not twice per file.
    totals: Option<MapTotals>,
    /// The projects the batch has merged so far: what was read or planned ahead of them is stale.
    touched: HashSet<Uuid>,
    /// Set once the batch holds the write lock: from then on what the reading thread reads
    /// stays true until the batch itself writes it.
    writing: &'a AtomicBool,
}

impl Indmap {
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
        let writing = AtomicBool::new(false);
        // Dry runs read nothing ahead: they hold no lock between files. (A reader that cannot
        // be opened only means that nothing is read ahead.)
        let reader = if dry_run || files.len() < 2 { None } else { self.store.reader().ok() };
        let scope = self.store.info().scope;
        let mut imports =
            Imports { db: self, dry_run, batch: None, totals: None, touched: HashSet::new(), writing: &writing };
        let mut reports = Vec::with_capacity(files.len());
        std::thread::scope(|threads| {
            let (send, receive) = std::sync::mpsc::sync_channel(1);
            let writing = &writing;
            threads.spawn(move || read_ahead(files, reader, scope, writing, send));
            for (file, read) in files.iter().zip(receive) {
                reports.push(read.and_then(|(exchange, ahead)| imports.import(file, exchange, ahead)));
            }
        });
        imports.finish(reports)
    }
}

/// The reading thread: reads and checks each file while the one before it merges, and plans
/// its merges once the batch holds the write lock.
fn read_ahead(
    files: &[PathBuf],
    mut reader: Option<indmap_store::Reader>,
    scope: Scope,
    writing: &AtomicBool,
    send: SyncSender<Result<(ExchangeFile, Ahead)>>,
) {
    let mut scopes = reader.as_ref().and_then(|r| r.database_scopes().ok());
    for file in files {
        let read = ExchangeFile::read(file).map_err(Error::from).map(|exchange| {
            let ahead = match (reader.as_mut(), scopes.as_mut()) {
                (Some(reader), Some(scopes)) => {
                    note_databases(scopes, &exchange.manifest);
                    if writing.load(Ordering::Acquire) {
                        Ahead::plan(reader, &exchange.content.projects, scope, scopes)
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
}

impl Imports<'_> {
    /// Merges one file (with `dry_run`, previews it) within the batch.
    fn import(&mut self, file: &Path, exchange: ExchangeFile, ahead: Ahead) -> Result<ImportReport> {
        let info = self.db.store.info().clone();
        if exchange.manifest.db_id == info.db_id {
            let message = format!("{} was exported by this very database; there is nothing to merge", file.display());
            return Err(Error::new(ErrorKind::Conflict, message));
        }
        let file_name =
            file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let totals = match self.totals {
            Some(known) => known,
            None => self.db.store.totals()?,
        };
        let mut report = ImportReport::new(file_name.clone(), exchange.manifest.clone(), self.dry_run, totals.into());
        let sender = check_sender(&self.db.store.pins()?, &exchange.manifest, &file_name)?;
        report.signature.first_sight = sender == trust::Sender::FirstSight;
        if trust::needs_confirmation(&sender, exchange.manifest.scope) {
            report.signature.confirm = true;
            if !self.dry_run {
                return Err(unconfirmed(&exchange.manifest, &file_name));
            }
        }
        if let Some(earlier) = self.db.store.imported_at(&exchange.sha256)? {
            report.already_imported = Some(earlier);
            return Ok(self.ended(report));
        }
        self.begin_batch(&file_name)?;
        let author = Author { user: self.db.env.user.clone(), at: self.db.env.clock.now(), origin: file_name };
        let merge =
            FileMerge { exchange: &exchange, author: &author, scope: info.scope, dry_run: self.dry_run, totals };
        let (touched, ids) = (&mut self.touched, self.db.env.ids.as_mut());
        let run = |w: &mut Writer<'_>| merge.write(w, report, ahead, touched, ids);
        let report =
            if self.dry_run { self.db.store.trial(&author, run)? } else { self.db.store.write(&author, run)? };
        Ok(self.ended(report))
    }

    /// Notes what the map holds after `report`, for the next file to start from.
    fn ended(&mut self, report: ImportReport) -> ImportReport {
        let end = if report.dry_run { &report.before } else { &report.after };
        self.totals = Some(end.to_map());
        report
    }

    /// Begins the batch before the first file that may change the map.
    fn begin_batch(&mut self, file_name: &str) -> Result<()> {
        if self.dry_run || self.batch.is_some() {
            return Ok(());
        }
        let backup = self.db.new_backup_path(&format!("before-import-{file_name}"))?;
        self.batch = Some(Batch { writes: self.db.store.begin_batch(&backup)?, backup });
        self.writing.store(true, Ordering::Release);
        Ok(())
    }

    /// Commits the batch once its backup is written, and names the backup in each report that
    /// merged; when the backup failed nothing was imported, and each such report says so.
    fn finish(self, mut reports: Vec<Result<ImportReport>>) -> Vec<Result<ImportReport>> {
        let Some(Batch { writes, backup }) = self.batch else { return reports };
        let merged = |r: &ImportReport| r.already_imported.is_none();
        if !reports.iter().flatten().any(merged) {
            // Every file was refused or imported already (by another process meanwhile): a
            // backup before nothing would only fill the disk.
            // (Nothing was merged, so a failed rollback loses nothing.)
            let _ = self.db.store.end_batch(writes, false);
            let _ = std::fs::remove_file(&backup);
            return reports;
        }
        match self.db.store.end_batch(writes, true) {
            Ok(()) => {
                reports.iter_mut().flatten().filter(|r| merged(r)).for_each(|r| r.backup = Some(backup.clone()));
                self.db.prune_backups();
            }
            Err(e) => {
                for report in &mut reports {
                    if let Ok(r) = report
                        && merged(r)
                    {
                        let message = format!("nothing of {} was imported: the backup failed: {e}", r.file);
                        *report = Err(Error::new(ErrorKind::Io, message));
                    }
                }
            }
        }
        reports
    }
}

/// One file's merge, inside its transaction.
struct FileMerge<'a> {
    exchange: &'a ExchangeFile,
    author: &'a Author,
    scope: Scope,
    dry_run: bool,
    /// The map's totals before the file.
    totals: MapTotals,
}

impl FileMerge<'_> {
    fn write(
        &self,
        w: &mut Writer<'_>,
        mut report: ImportReport,
        ahead: Ahead,
        touched: &mut HashSet<Uuid>,
        ids: &mut dyn IdSource,
    ) -> indmap_store::Result<ImportReport> {
        // Checked again under the write lock: another process may have imported the same file
        // since this one looked.
        if let Some(earlier) = w.imported_at(&self.exchange.sha256)? {
            report.already_imported = Some(earlier);
            return Ok(report);
        }
        let manifest = &self.exchange.manifest;
        self.note_databases(w, &mut report)?;
        if let Some(key) = &manifest.public_key {
            w.pin(manifest.db_id, key, manifest.counter.unwrap_or(0))?;
            // The keys the sender knows (see `trust::takes_vouch`).
            let (own, scopes) = (w.db_id(), w.database_scopes()?);
            for v in manifest.vouches.iter().filter(|v| v.db_id != own) {
                if trust::takes_vouch(manifest.scope, scopes.get(&v.db_id).copied()) {
                    w.vouch(v.db_id, &v.public_key, v.counter)?;
                }
            }
        }
        for vp in &self.exchange.content.projects {
            w.note_peer_context(manifest.db_id, vp.project_id, &vp.context)?;
        }
        let to_merge = self.to_merge(w, &mut report)?;
        self.merge_projects(w, to_merge, ahead, touched, ids, &mut report)?;
        let known: Vec<Uuid> = w.proposals()?.into_iter().map(|p| p.id).collect();
        for proposal in &self.exchange.content.proposals {
            // Counted when new here and about a project on this database's map: it travels on in
            // either case, but only those are listed here.
            let on_map =
                |id| Ok::<_, indmap_store::StoreError>(w.project(id)?.is_some_and(|p| self.scope.covers(p.region)));
            report.proposals += usize::from(!known.contains(&proposal.id) && on_map(proposal.project_id)?);
            w.put_proposal(proposal)?;
        }
        self.take_editions(w, &mut report)?;
        self.take_period_acts(w, &mut report, ids)?;
        report.after = w.totals_after_merges(self.totals).into();
        if !self.dry_run {
            w.record_import(&self.receipt(&report))?;
        }
        Ok(report)
    }

    /// Notes the databases the file names (its sender among them); one the file says keeps
    /// another scope than it is known here to keep is refused and listed.
    fn note_databases(&self, w: &mut Writer<'_>, report: &mut ImportReport) -> indmap_store::Result<()> {
        for named in self.exchange.manifest.named_databases() {
            if let Some(known) = w.note_database(named.id, named.scope)? {
                let reason = format!(
                    "the file says database {} keeps {}, but it is known here to keep {known}",
                    short(named.id),
                    named.scope.code()
                );
                report.refused.push(Refusal { id: named.id, code: None, reason });
            }
        }
        Ok(())
    }

    /// The file's projects that need a merge. One this database has seen everything of in the
    /// file's version needs none: merging would give back what is here, and most projects of a
    /// regular exchange are such. (Looked up one by one: a file holds a few hundred projects of
    /// a map of 100,000.)
    /// A project that claims writes no signature vouches for (`trust::unvouched`) is refused
    /// and listed instead.
    fn to_merge<'f>(
        &'f self,
        w: &mut Writer<'_>,
        report: &mut ImportReport,
    ) -> indmap_store::Result<Vec<&'f VersionedProject>> {
        let signed = self.signed_counters(w)?;
        let scopes = w.database_scopes()?;
        let mut to_merge = Vec::new();
        for vp in &self.exchange.content.projects {
            let seen = w.context(vp.project_id)?;
            let claimed = vp.context.0.iter().map(|(&db, &counter)| Dot { db, counter });
            let stamps = vp.fields.values().flatten().map(|s| s.stamp.dot);
            if let Some(dot) = trust::unvouched(claimed.chain(stamps), &seen, &signed).last() {
                let reason = if signed.get(&dot.db) == Some(&0) && scopes.get(&dot.db) == Some(&Scope::Ministry) {
                    format!(
                        "it carries writes of database {}, which says it is the ministry, but whose key no one has confirmed here; they are taken once it is (`indmap trust`)",
                        short(dot.db)
                    )
                } else if signed.get(&dot.db) == Some(&0) {
                    format!(
                        "it carries writes of database {}, whose key is not known here; they are taken once a file of that database (or the ministry's) is imported",
                        short(dot.db)
                    )
                } else {
                    format!(
                        "it carries write {} of database {}, beyond the {} that database has signed; a file cannot speak for writes its database did not make",
                        dot.counter,
                        short(dot.db),
                        signed.get(&dot.db).copied().unwrap_or(0)
                    )
                };
                report.refused.push(Refusal { id: vp.project_id, code: None, reason });
                continue;
            }
            if seen.needs_merge_with(&vp.context) {
                to_merge.push(vp);
            }
        }
        Ok(to_merge)
    }

    /// How many writes each database has signed for, as far as this one knows: its own, the
    /// sender's (this file says, if it is signed) and those of databases whose signed files
    /// came here before.
    fn signed_counters(&self, w: &Writer<'_>) -> indmap_store::Result<HashMap<Uuid, i64>> {
        let manifest = &self.exchange.manifest;
        let own = Dot { db: w.db_id(), counter: w.counter() };
        let sender_signed = manifest.public_key.as_ref().and(manifest.counter);
        Ok(trust::believed_counters(&w.pins()?, &w.database_scopes()?, own, manifest.db_id, sender_signed))
    }

    /// Merges each project: with the plan made ahead where it still holds, else loaded (ahead,
    /// or now) and planned here.
    fn merge_projects(
        &self,
        w: &mut Writer<'_>,
        to_merge: Vec<&VersionedProject>,
        mut ahead: Ahead,
        touched: &mut HashSet<Uuid>,
        ids: &mut dyn IdSource,
        report: &mut ImportReport,
    ) -> indmap_store::Result<()> {
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
                    merge::plan(self.scope, local, vp, &scopes, ids)
                }
            };
            merge::write(w, plan, report)?;
            touched.insert(id);
        }
        Ok(())
    }

    /// Takes the file's editions that are new here, when their approver is known to own the map
    /// they approve and signatures vouch for the approval (`edition::take`); the others are
    /// refused and listed. One held here already is taken only if it is the same.
    fn take_editions(&self, w: &mut Writer<'_>, report: &mut ImportReport) -> indmap_store::Result<()> {
        let content = &self.exchange.content;
        if content.editions.is_empty() {
            return Ok(());
        }
        let signed = self.signed_counters(w)?;
        let scopes = w.database_scopes()?;
        let mut new = Vec::new();
        for arrived in &content.editions {
            let head = &arrived.head;
            let held = w.edition(head.id)?;
            let taken = edition::take(
                arrived,
                scopes.get(&head.approved.db).copied(),
                signed.get(&head.approved.db).copied().unwrap_or(0),
                held.as_ref(),
            );
            let what = format!("edition {} of {} ({})", head.act.number, head.act.date, head.map.describe());
            let reason = match taken {
                Ok(()) if held.is_some() => continue,
                Ok(()) => match self.unreadable_plan(w, arrived)? {
                    Some(why) => format!("{what} cannot be read: {why}"),
                    None => {
                        w.put_edition(arrived, &content.plans)?;
                        new.push(head.id);
                        continue;
                    }
                },
                Err(why) => untaken(&what, why, head.approved, &signed, "that map; only the map's owner approves it"),
            };
            report.refused.push(Refusal { id: head.id, code: None, reason });
        }
        let all = crate::editions::summaries(w.editions()?);
        report.editions = all.into_iter().filter(|e| new.iter().any(|id| id.to_string() == e.id)).collect();
        Ok(())
    }

    /// Takes the file's acts of reporting periods that are new here, when their maker is known
    /// to keep the scope that may make them and signatures vouch for them (`period_act::take`);
    /// the others are refused and listed. At the ministry, a period this brings to approval is
    /// accepted by the importer, in this transaction.
    fn take_period_acts(
        &self,
        w: &mut Writer<'_>,
        report: &mut ImportReport,
        ids: &mut dyn IdSource,
    ) -> indmap_store::Result<()> {
        let arrived = &self.exchange.content.period_acts;
        if arrived.is_empty() {
            return Ok(());
        }
        let signed = self.signed_counters(w)?;
        let scopes = w.database_scopes()?;
        let mut moved = std::collections::BTreeSet::new();
        for act in arrived {
            let held = w.period_act(act.id)?;
            let taken = period_act::take(
                act,
                scopes.get(&act.made.db).copied(),
                signed.get(&act.made.db).copied().unwrap_or(0),
                held.as_ref(),
            );
            let what = format!("the {} of {} for {}", act.step.code(), act.period, act.region.region().name_en);
            let reason = match taken {
                Ok(()) if held.is_some() => continue,
                Ok(()) => {
                    w.put_period_act(act)?;
                    moved.insert((act.region, act.period.clone()));
                    continue;
                }
                Err(why) => untaken(&what, why, act.made, &signed, "the scope that takes that step"),
            };
            report.refused.push(Refusal { id: act.id, code: None, reason });
        }
        if self.scope == Scope::Ministry {
            crate::period_cycle::accept_approved(w, moved.iter().cloned(), self.author, ids)?;
        }
        for (region, period) in moved {
            report.periods.push(crate::period_cycle::stage_of(
                self.scope,
                region,
                &period,
                w.period_acts(Some(region), Some(&period))?,
            ));
        }
        Ok(())
    }

    /// Why a plan of an edition that is new here cannot be read, if one cannot (plans held
    /// here already were read when they came).
    fn unreadable_plan(
        &self,
        w: &Writer<'_>,
        arrived: &edition::EditionRecord,
    ) -> indmap_store::Result<Option<String>> {
        for (_, hash) in &arrived.plans {
            if w.has_plan(hash)? {
                continue;
            }
            let text = self.exchange.content.plans.get(hash).map(String::as_str).unwrap_or_default();
            if let Err(why) = edition::read_plan(text) {
                return Ok(Some(why));
            }
        }
        Ok(None)
    }

    /// What the database keeps of the import: the file, who imported it when, what it did.
    fn receipt(&self, report: &ImportReport) -> ImportReceipt {
        let manifest = &self.exchange.manifest;
        let summary = serde_json::json!({
            "added": report.added.len(), "changed": report.changed.len(), "deleted": report.deleted.len(),
            "conflicts": report.conflicts.len(), "refused": report.refused.len(),
        });
        ImportReceipt {
            file_name: report.file.clone(),
            sha256: self.exchange.sha256.clone(),
            sender_db: manifest.db_id.to_string(),
            exported_at: manifest.exported_at.clone(),
            imported_at: indmap_store::timestamp(self.author.at),
            user: self.author.user.clone(),
            summary,
        }
    }
}

/// What the reading thread works out of a file before it merges: the projects it will merge as
/// they are stored, read once the batch began (or none: they are read when merged), and the
/// merges of those planned (`merge::plan`) knowing the databases in `scopes`. What a project's
/// plan or loaded version say holds unless the batch has merged it since.
#[derive(Default)]
struct Ahead {
    loaded: HashMap<Uuid, Stored>,
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

impl IdSource for NoIdsAhead {
    fn new_id(&mut self) -> Uuid {
        self.needed = true;
        Uuid::nil()
    }
}

/// Refuses a file whose signature does not match what is pinned for its database; answers
/// whether the file is the first signed one from it (its key is pinned by this import).
pub(super) fn check_sender(pins: &HashMap<Uuid, trust::Pin>, manifest: &Manifest, file: &str) -> Result<trust::Sender> {
    let pin = pins.get(&manifest.db_id);
    let who = format!("database {} ({})", short(manifest.db_id), manifest.scope.code());
    match trust::sender(pin, manifest.public_key.as_deref()) {
        trust::Sender::Unsigned if manifest.scope == Scope::Ministry => Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "{file} says it comes from {who} but is not signed (it was made by an older build of indmap); a file of the ministry can change every map, so it must be signed: update indmap at the ministry and export again"
            ),
        )),
        sender @ (trust::Sender::Pinned | trust::Sender::Unsigned | trust::Sender::FirstSight) => Ok(sender),
        trust::Sender::WrongKey => Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "{file} says it comes from {who}, but is signed with another key than the one pinned for it ({}); it was not made by that database and is refused",
                pin.and_then(|p| p.public_key.as_deref()).map(trust::fingerprint).unwrap_or_default()
            ),
        )),
        trust::Sender::MissingSignature => Err(Error::new(
            ErrorKind::Conflict,
            format!("{file} says it comes from {who}, which signs its files, but it is not signed; it is refused"),
        )),
    }
}

/// The refusal of a file from a new database that says it is the ministry, until a person has
/// confirmed its key.
fn unconfirmed(manifest: &Manifest, file: &str) -> Error {
    let fingerprint = manifest.public_key.as_deref().map(trust::fingerprint).unwrap_or_default();
    Error::new(
        ErrorKind::Conflict,
        format!(
            "{file} comes from database {}, which says it is the ministry, and its key is new here (fingerprint {fingerprint}). A file of the ministry can change every map: confirm the fingerprint with the ministry by phone, trust it (`indmap trust {file} --fingerprint '{fingerprint}'`, or the button of the import preview), then import the file again",
            short(manifest.db_id)
        ),
    )
}

/// Notes the databases a file names as an import does (`Writer::note_database`): a database
/// keeps the scope it was first heard of with.
fn note_databases(scopes: &mut HashMap<Uuid, Scope>, manifest: &Manifest) {
    for named in manifest.named_databases() {
        scopes.entry(named.id).or_insert(named.scope);
    }
}

/// Why an act that arrived (an edition, a step of a period) is refused, in words: `owner` says
/// whom its maker would have to be known to keep.
fn untaken(what: &str, why: trust::Untaken, made: Dot, signed: &HashMap<Uuid, i64>, owner: &str) -> String {
    match why {
        trust::Untaken::NotTheOwner => {
            format!("{what} was made by database {}, which is not known here to keep {owner}", short(made.db))
        }
        trust::Untaken::Unvouched => format!(
            "{what} claims write {} of database {}, beyond the {} that database has signed; a file cannot speak for acts its database did not make",
            made.counter,
            short(made.db),
            signed.get(&made.db).copied().unwrap_or(0)
        ),
        trust::Untaken::Altered => {
            format!("{what} is held here with other content; it never changes, so this copy is refused")
        }
    }
}
