//! Writing an exchange file a slice of projects at a time: a national map with the versions of
//! every field takes gigabytes of memory when loaded whole, and its file needs none of that.

use crate::signature::{self, Checksum};
use crate::{
    ExchangeError, FORMAT, FORMAT_VERSION, FORMAT_VERSION_WITHOUT_EDITIONS, FORMAT_VERSION_WITHOUT_PERIOD_ACTS,
    Manifest, geopackage, wire,
};
use indmap_core::Project;
use indmap_core::edition::EditionRecord;
use indmap_core::period_act::PeriodAct;
use indmap_core::proposal::Proposal;
use indmap_core::version::VersionedProject;
use rusqlite::{Connection, params};
use std::path::{Path, PathBuf};

/// An exchange file being written. It is written beside its path (`NAME.partial`) and put in
/// place by `finish` once whole: dropped before that, it leaves no file behind (and any earlier
/// file at the path whole).
pub struct FileWriter {
    path: PathBuf,
    partial: PathBuf,
    conn: Option<Connection>,
    extent: Option<geo::Rect<f64>>,
    /// Whether the file carries editions (see `add_editions`), and acts of reporting periods.
    editions: bool,
    period_acts: bool,
}

type Failed = Box<dyn std::error::Error>;
const CLOSED: &str = "the file was closed after a failure";

impl FileWriter {
    pub fn create(path: &Path) -> Result<FileWriter, ExchangeError> {
        let partial = partial_path(path);
        let _ = std::fs::remove_file(&partial);
        let mut writer = FileWriter {
            path: path.to_owned(),
            partial,
            conn: None,
            extent: None,
            editions: false,
            period_acts: false,
        };
        let conn = Connection::open(&writer.partial).map_err(|e| writer.failed(e.into()))?;
        writer.conn = Some(conn);
        writer.begin().map_err(|e| writer.failed(e))?;
        Ok(writer)
    }

    fn begin(&self) -> Result<(), Failed> {
        let conn = self.conn.as_ref().ok_or(CLOSED)?;
        // A new file that is put in place only once whole needs no journal.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; BEGIN")?;
        geopackage::create_tables(conn)?;
        conn.execute_batch(
            "CREATE TABLE indmap_manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE indmap_records (project_id TEXT PRIMARY KEY, record TEXT NOT NULL);
             CREATE TABLE indmap_proposals (id TEXT PRIMARY KEY, proposal TEXT NOT NULL);",
        )?;
        geopackage::register_attributes(conn, &["indmap_manifest", "indmap_records", "indmap_proposals"])?;
        Ok(())
    }

    /// Adds approved editions with the texts of their plans (by fingerprint), which must
    /// include every plan they name. A file that carries editions is of format 2; others stay of
    /// format 1, which builds before editions read.
    pub fn add_editions(
        &mut self,
        editions: &[EditionRecord],
        plans: &std::collections::HashMap<String, String>,
    ) -> Result<(), ExchangeError> {
        let added = self.add_all_editions(editions, plans);
        added.map_err(|e| self.failed(e))
    }

    fn add_all_editions(
        &mut self,
        editions: &[EditionRecord],
        plans: &std::collections::HashMap<String, String>,
    ) -> Result<(), Failed> {
        if editions.is_empty() {
            return Ok(());
        }
        let conn = self.conn.as_ref().ok_or(CLOSED)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS indmap_editions (id TEXT PRIMARY KEY, edition TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS indmap_plans (hash TEXT PRIMARY KEY, plan TEXT NOT NULL);",
        )?;
        if !self.editions {
            geopackage::register_attributes(conn, &["indmap_editions", "indmap_plans"])?;
            self.editions = true;
        }
        let mut edition = conn.prepare_cached("INSERT OR IGNORE INTO indmap_editions (id, edition) VALUES (?1, ?2)")?;
        let mut plan = conn.prepare_cached("INSERT OR IGNORE INTO indmap_plans (hash, plan) VALUES (?1, ?2)")?;
        for e in editions {
            for (_, hash) in &e.plans {
                let text = plans.get(hash).ok_or("an edition's plan is missing")?;
                plan.execute([hash, text])?;
            }
            edition.execute(params![e.head.id.to_string(), wire::encode_edition(e)])?;
        }
        Ok(())
    }

    /// Adds the acts of reporting periods. A file that carries them is of format 3; others stay
    /// of an earlier format, which builds before those acts read.
    pub fn add_period_acts(&mut self, acts: &[PeriodAct]) -> Result<(), ExchangeError> {
        let added = self.add_all_period_acts(acts);
        added.map_err(|e| self.failed(e))
    }

    fn add_all_period_acts(&mut self, acts: &[PeriodAct]) -> Result<(), Failed> {
        if acts.is_empty() {
            return Ok(());
        }
        let conn = self.conn.as_ref().ok_or(CLOSED)?;
        conn.execute_batch("CREATE TABLE IF NOT EXISTS indmap_period_acts (id TEXT PRIMARY KEY, act TEXT NOT NULL);")?;
        if !self.period_acts {
            geopackage::register_attributes(conn, &["indmap_period_acts"])?;
            self.period_acts = true;
        }
        let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO indmap_period_acts (id, act) VALUES (?1, ?2)")?;
        for act in acts {
            insert.execute(params![act.id.to_string(), wire::encode_period_act(act)])?;
        }
        Ok(())
    }

    /// Adds projects: each as its record, and the live ones as features of the `projects` layer
    /// too, in the order given (GIS tools list them so).
    pub fn add(&mut self, projects: &[(Project, VersionedProject)]) -> Result<(), ExchangeError> {
        let added = self.add_all(projects);
        added.map_err(|e| self.failed(e))
    }

    fn add_all(&mut self, projects: &[(Project, VersionedProject)]) -> Result<(), Failed> {
        let conn = self.conn.as_ref().ok_or(CLOSED)?;
        let live = projects.iter().filter(|(_, vp)| vp.deletion().is_none()).map(|(p, _)| p);
        geopackage::add_features(conn, live, &mut self.extent)?;
        let mut insert = conn.prepare_cached("INSERT INTO indmap_records (project_id, record) VALUES (?1, ?2)")?;
        for (_, vp) in projects {
            insert.execute(params![vp.project_id.to_string(), wire::encode(vp)])?;
        }
        Ok(())
    }

    /// Adds the proposals and the manifest with the checksum over what the file holds, signs
    /// the checksum with the database's `secret` key when given, and puts the file in place.
    /// Returns the manifest as written.
    pub fn finish(
        mut self,
        manifest: Manifest,
        proposals: &[Proposal],
        secret: Option<&[u8; 32]>,
    ) -> Result<Manifest, ExchangeError> {
        let finished = self.finish_file(manifest, proposals, secret).and_then(|manifest| {
            std::fs::rename(&self.partial, &self.path)?;
            Ok(manifest)
        });
        finished.map_err(|e| self.failed(e))
    }

    fn finish_file(
        &mut self,
        mut manifest: Manifest,
        proposals: &[Proposal],
        secret: Option<&[u8; 32]>,
    ) -> Result<Manifest, Failed> {
        let conn = self.conn.take().ok_or(CLOSED)?;
        let mut texts: Vec<(String, String)> =
            proposals.iter().map(|p| (p.id.to_string(), wire::encode_proposal(p))).collect();
        texts.sort();
        {
            let mut insert = conn.prepare("INSERT INTO indmap_proposals (id, proposal) VALUES (?1, ?2)")?;
            for (id, text) in &texts {
                insert.execute(params![id, text])?;
            }
        }
        if let Some(extent) = self.extent {
            geopackage::set_extent(&conn, extent)?;
        }
        manifest.format = FORMAT.into();
        manifest.format_version = match (self.period_acts, self.editions) {
            (true, _) => FORMAT_VERSION,
            (false, true) => FORMAT_VERSION_WITHOUT_PERIOD_ACTS,
            (false, false) => FORMAT_VERSION_WITHOUT_EDITIONS,
        };
        manifest.projects = conn.query_row("SELECT count(*) FROM indmap_records", [], |r| r.get::<_, i64>(0))? as usize;
        manifest.sha256.clear();
        manifest.public_key = secret.map(signature::public_key);
        // Signed as an import reads it: the records, proposals, editions, plans and acts in the
        // order of their keys.
        let mut sum = Checksum::of_manifest(&serde_json::to_string(&manifest)?);
        let editions =
            ["SELECT edition FROM indmap_editions ORDER BY id", "SELECT plan FROM indmap_plans ORDER BY hash"];
        let acts = ["SELECT act FROM indmap_period_acts ORDER BY id"];
        let carried = [(self.editions, &editions[..]), (self.period_acts, &acts[..])];
        let carried = carried.iter().filter(|(carries, _)| *carries).flat_map(|(_, sqls)| sqls.iter());
        for sql in [
            "SELECT record FROM indmap_records ORDER BY project_id",
            "SELECT proposal FROM indmap_proposals ORDER BY id",
        ]
        .iter()
        .chain(carried)
        {
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                sum.add(row.get_ref(0)?.as_str()?);
            }
        }
        manifest.sha256 = sum.hex();
        conn.execute(
            "INSERT INTO indmap_manifest (key, value) VALUES ('manifest', ?1)",
            [serde_json::to_string(&manifest)?],
        )?;
        if let Some(secret) = secret {
            // Beside the manifest, not in it: a build that does not know signatures still reads
            // the manifest it checksums.
            conn.execute(
                "INSERT INTO indmap_manifest (key, value) VALUES ('signature', ?1)",
                [signature::sign(secret, &manifest.sha256)],
            )?;
        }
        conn.execute_batch("COMMIT")?;
        conn.close().map_err(|(_, e)| e)?;
        // On disk before it replaces the old one.
        std::fs::File::open(&self.partial)?.sync_all()?;
        Ok(manifest)
    }

    /// A failure: the error naming the file; the half-written file goes.
    fn failed(&mut self, e: Failed) -> ExchangeError {
        self.discard();
        ExchangeError::Write(self.path.display().to_string(), e.to_string())
    }

    fn discard(&mut self) {
        drop(self.conn.take());
        let _ = std::fs::remove_file(&self.partial);
    }
}

impl Drop for FileWriter {
    fn drop(&mut self) {
        self.discard();
    }
}

/// Writes `projects` and `proposals` to a new exchange file at `path` and returns its manifest
/// with the checksum (`FileWriter` writes a slice of projects at a time). A failed export leaves
/// no half-written file, and any earlier one whole.
pub fn write(
    path: &Path,
    manifest: Manifest,
    projects: &[(Project, VersionedProject)],
    proposals: &[Proposal],
    secret: Option<&[u8; 32]>,
) -> Result<Manifest, ExchangeError> {
    let mut file = FileWriter::create(path)?;
    file.add(projects)?;
    file.finish(manifest, proposals, secret)
}

/// Where the exchange file for `path` is written until it is whole: `NAME.partial` beside it.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".partial");
    PathBuf::from(name)
}
