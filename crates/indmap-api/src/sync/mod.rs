//! Exchange files: export this database's map, import another's with a preview (kept for its
//! merge bill), conflicts and their resolution. Merging is field by field and never decided by
//! clocks (see `indmap_core::version`).

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::Rule;
use indmap_core::schema::Entity;
use indmap_core::version::VersionedProject;
use indmap_core::{Project, RegionCode, Scope};
use indmap_exchange::{ExchangeError, KnownDatabase, Manifest, Vouch};
use indmap_store::ExportReceipt;
use sha2::{Digest, Sha256};
use std::path::Path;
use uuid::Uuid;

mod bill;
mod conflicts;
mod import;
mod merge;
mod ownership;
mod previews;
mod report;
mod senders;

pub use bill::BillFormat;
pub use conflicts::{ConflictKind, ConflictView, Take};
pub use previews::{Previews, bill_format};
pub use report::{FieldUpdate, ImportReport, ProjectUpdate, Refusal, SignatureNote, Totals};

/// How many projects an export (or a content hash) loads at a time: a national map loaded whole
/// with the versions of every field takes gigabytes.
const SLICE: usize = 1000;

/// The periods of the reports `vp` carries (a file of changes leaves out the rows seen).
fn reported_periods<'a>(project: &'a Project, vp: &VersionedProject) -> impl Iterator<Item = String> + 'a {
    let carried: std::collections::HashSet<Uuid> =
        vp.fields.keys().filter(|k| k.entity == Entity::Monitoring).map(|k| k.record_id).collect();
    project.monitoring.iter().filter(move |m| carried.contains(&m.id)).map(|m| m.period.clone())
}

impl Indmap {
    /// SHA-256 over every project's current fields (deleted ones too), in a canonical order:
    /// two databases with the same map have the same hash, whatever order they learnt it in.
    pub fn content_hash(&self) -> Result<String> {
        self.store.snapshot(|| self.hash_content())
    }

    fn hash_content(&self) -> Result<String> {
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

    /// Writes an exchange file, and its receipt (`exports`). With `for_scope`, it holds only the
    /// projects with something the databases of that scope had not seen when they last sent their
    /// file here: a file of changes, small enough for e-mail. Projects they never sent are always
    /// included.
    pub fn export_for(&self, out: &Path, region: Option<RegionCode>, for_scope: Option<Scope>) -> Result<Manifest> {
        let (manifest, receipt) = {
            // Noted while it is written: a kill leaves the half-written file for the next start to delete.
            let _writing = crate::writing::Writing::begin(&self.store.info().path, &indmap_exchange::partial_path(out));
            self.store.snapshot(|| self.export_snapshot(out, region, for_scope))?
        };
        // A receipt is one row of a log, not a write of the map: it takes no write counter.
        self.store.record_export(&receipt)?;
        Ok(manifest)
    }

    /// The files this database wrote, the latest first.
    pub fn exports(&self) -> Result<Vec<ExportReceipt>> {
        Ok(self.store.exports()?)
    }

    /// `export_for`, inside one snapshot of the database: the file's manifest, and its receipt.
    fn export_snapshot(
        &self,
        out: &Path,
        region: Option<RegionCode>,
        for_scope: Option<Scope>,
    ) -> Result<(Manifest, ExportReceipt)> {
        let info = self.store.info();
        if self.is_own_file(out) {
            let mut problems = indmap_core::Problems::new();
            let message = format!("{} is this map's own database; export to another file", out.display());
            problems.error("--out", Rule::ExportOntoDatabase, message);
            return Err(Error::invalid(problems));
        }
        let databases: Vec<KnownDatabase> =
            self.store.databases()?.into_iter().map(|(id, scope)| KnownDatabase { id, scope }).collect();
        let mut changes_for = Vec::new();
        let mut seen = None;
        if let Some(scope) = for_scope {
            let peers: Vec<Uuid> =
                databases.iter().filter(|d| d.scope == scope && d.id != info.db_id).map(|d| d.id).collect();
            if peers.is_empty() {
                let mut problems = indmap_core::Problems::new();
                problems.error(
                    "--for",
                    Rule::PeerUnknown,
                    format!(
                        "no file from a database of {} has been imported here yet; export the whole map",
                        scope.code()
                    ),
                );
                return Err(Error::invalid(problems));
            }
            seen = Some(self.store.peer_contexts(&peers)?);
            changes_for = peers;
        }
        let failed = |e: ExchangeError| Error::new(ErrorKind::Io, e.to_string());
        let mut file = indmap_exchange::FileWriter::create(out).map_err(failed)?;
        // A region's file is of its own map: the other regions' projects it keeps read-only
        // are the ministry's to send.
        let of = match info.scope {
            Scope::Region(own) => region.or(Some(own)),
            Scope::Ministry => region,
        };
        let ids = self.store.project_ids(of)?;
        let mut periods = std::collections::BTreeSet::new();
        for ids in ids.chunks(SLICE) {
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
            periods.extend(projects.iter().flat_map(|(p, vp)| reported_periods(p, vp)));
            file.add(&projects).map_err(failed)?;
        }
        // Every proposal about the map the file is of, decided or not, even of projects a file of
        // changes leaves out: the receiver may not have seen it, and a proposal is a row.
        let of_map: std::collections::HashSet<Uuid> = ids.into_iter().collect();
        let proposals: Vec<_> =
            self.store.proposals()?.into_iter().filter(|p| of_map.contains(&p.project_id)).collect();
        // Every edition held, of every map: a few a year, each plan carried once.
        let (editions, plans) = self.editions_to_send()?;
        file.add_editions(&editions, &plans).map_err(failed)?;
        // Every act of the reporting cycle of the regions the file is of: a few a quarter.
        file.add_period_acts(&self.store.period_acts(of, None)?).map_err(failed)?;
        let manifest = Manifest {
            format: String::new(),
            format_version: 0,
            schema_version: info.schema_version,
            db_id: info.db_id,
            scope: info.scope,
            exported_at: indmap_store::timestamp(self.env.clock.now()),
            user: self.env.user.clone(),
            projects: 0,
            databases,
            changes_for,
            public_key: None,
            counter: Some(self.store.write_counter()?),
            vouches: self.vouches()?,
            sha256: String::new(),
        };
        let manifest = file.finish(manifest, &proposals, self.store.signing_key()?.as_ref()).map_err(failed)?;
        let receipt = ExportReceipt {
            file_name: out.display().to_string(),
            sha256: manifest.sha256.clone(),
            exported_at: manifest.exported_at.clone(),
            user: manifest.user.clone(),
            for_scope: for_scope.map(|s| s.code()),
            region: region.map(|r| r.as_str().to_owned()),
            projects: manifest.projects,
            editions: editions.len(),
            periods: periods.into_iter().collect(),
        };
        Ok((manifest, receipt))
    }

    /// The keys this database has pinned, for its files to vouch for.
    fn vouches(&self) -> Result<Vec<Vouch>> {
        let mut out: Vec<Vouch> = (self.store.pins()?.into_iter())
            .filter_map(|(db_id, pin)| Some(Vouch { db_id, public_key: pin.public_key?, counter: pin.signed_counter }))
            .collect();
        out.sort_by_key(|v| v.db_id);
        Ok(out)
    }

    /// Whether `path` is the database file or one of its companions (the WAL, the shared memory).
    fn is_own_file(&self, path: &Path) -> bool {
        let db = &self.store.info().path;
        let Ok(target) = path.canonicalize() else { return false };
        ["", "-wal", "-shm"]
            .iter()
            .filter_map(|suffix| std::path::PathBuf::from(format!("{}{suffix}", db.display())).canonicalize().ok())
            .any(|own| own == target)
    }

    /// Waits until the database file holds what the last batch of imports wrote (a batch
    /// returns once its writes are committed, and moves them into the file on another thread).
    pub fn wait_for_checkpoint(&self) {
        self.store.wait_for_checkpoint();
    }
}
