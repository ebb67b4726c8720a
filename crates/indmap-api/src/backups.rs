//! Copies of the database taken before risky work (an import), and restoring one.

use crate::backup_files::{folder, restoring};
use crate::{Error, ErrorKind, Indmap, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Backup {
    pub name: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// When it was taken (RFC 3339), read from its name; `None` for a file named otherwise.
    pub taken_at: Option<String>,
    /// What it was taken before: `import` (of the file `about`), `restore`, or `other`.
    pub before: String,
    pub about: Option<String>,
}

/// How a backup's name writes when it was taken, to the second (`new_backup_path` adds the
/// milliseconds and `Z`, `described` reads it back).
const STAMP: &str = "%Y%m%dT%H%M%S";

/// The time and the reason a backup's name holds (`new_backup_path` names them
/// `STAMP[.NNN]-LABEL.sqlite`): `(taken_at, before, about)`.
fn described(name: &str) -> (Option<String>, String, Option<String>) {
    let stem = name.strip_suffix(".sqlite").unwrap_or(name);
    let (stamp, label) = stem.split_once('-').unwrap_or((stem, ""));
    // The stamp's milliseconds, and a number after them, are not needed to say when.
    let stamp = stamp.split_once('.').map_or(stamp, |(s, _)| s);
    let taken_at = chrono::NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let label = if taken_at.is_some() { label } else { stem };
    match label.strip_prefix("before-import-") {
        Some(file) => (taken_at, "import".into(), Some(file.to_owned())),
        None if label == "before-restore" => (taken_at, "restore".into(), None),
        None => (taken_at, "other".into(), (!label.is_empty()).then(|| label.to_owned())),
    }
}

/// How long a restore waits for other windows and commands on the map to close.
const ALONE_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// What may stand in a file name, from a label such as a file's name.
fn safe(label: &str) -> String {
    label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '.' { c } else { '_' }).collect()
}

/// How many backups are kept, and how much room they may take in all (the settings
/// `backups_keep` and `backups_max_mb`): each is a whole copy of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Retention {
    pub keep: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_mb: u64,
}

impl Default for Retention {
    fn default() -> Retention {
        Retention { keep: 20, max_mb: 20_000 }
    }
}

impl Retention {
    /// The backups to delete from `list` (oldest first), never the newest: the oldest beyond
    /// `keep`, then the oldest while all together take more than `max_mb`.
    pub fn beyond<'a>(&self, list: &'a [Backup]) -> Vec<&'a Backup> {
        let mut kept = list.len();
        let mut bytes: u64 = list.iter().map(|b| b.bytes).sum();
        let mut out = Vec::new();
        for b in &list[..list.len().saturating_sub(1)] {
            if kept <= self.keep.max(1) && bytes <= self.max_mb.saturating_mul(1 << 20) {
                break;
            }
            out.push(b);
            kept -= 1;
            bytes -= b.bytes;
        }
        out
    }
}

impl Indmap {
    /// Takes a consistent copy of the database now, named after the time and `label`.
    pub fn backup(&self, label: &str) -> Result<PathBuf> {
        let path = self.new_backup_path(label)?;
        self.store.backup_to(&path)?;
        self.prune_backups();
        Ok(path)
    }

    /// The rule backups are kept by.
    pub fn retention(&self) -> Result<Retention> {
        let number = |key: &str| -> Result<Option<u64>> { Ok(self.store.setting(key)?.and_then(|v| v.parse().ok())) };
        let default = Retention::default();
        Ok(Retention {
            keep: number("backups_keep")?.map_or(default.keep, |n| n as usize),
            max_mb: number("backups_max_mb")?.unwrap_or(default.max_mb),
        })
    }

    /// Deletes the backups beyond the retention rule (see `Retention::beyond`). Called after the
    /// work a backup was taken for is done: an old backup that cannot be deleted is no reason to
    /// report that work as failed, and the next backup tries again.
    pub(crate) fn prune_backups(&self) {
        let (Ok(list), Ok(retention)) = (self.backups(), self.retention()) else { return };
        for old in retention.beyond(&list) {
            let _ = std::fs::remove_file(&old.path);
        }
    }

    /// Where the next backup with this label goes (its folder is made), a name claimed for it
    /// alone: a second backup in the same millisecond is numbered.
    pub(crate) fn new_backup_path(&self, label: &str) -> Result<PathBuf> {
        let dir = folder(&self.store.info().path);
        let refused = |e: std::io::Error| {
            let message = format!(
                "no backup can be written in {}: {e}. Free room on the disk or mend the folder, then try again",
                dir.display()
            );
            Error::new(ErrorKind::Io, message)
        };
        std::fs::create_dir_all(&dir).map_err(refused)?;
        let stamp = self.env.clock.now().format(&format!("{STAMP}%.3fZ")).to_string();
        let label = safe(label);
        // Numbered after the stamp, so names still sort oldest first.
        let mut n = 1;
        loop {
            let name =
                if n == 1 { format!("{stamp}-{label}.sqlite") } else { format!("{stamp}.{n:03}-{label}.sqlite") };
            let path = dir.join(name);
            if indmap_store::claim_backup_name(&path).map_err(refused)? {
                return Ok(path);
            }
            n += 1;
        }
    }

    pub fn backups(&self) -> Result<Vec<Backup>> {
        list(&self.store.info().path)
    }
}

/// The backups of the database at `db`, oldest first.
pub fn list(db: &Path) -> Result<Vec<Backup>> {
    let dir = folder(db);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(Vec::new()) };
    let mut out: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "sqlite"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (taken_at, before, about) = described(&name);
            Backup { bytes: e.metadata().map(|m| m.len()).unwrap_or(0), path: e.path(), name, taken_at, before, about }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A restore that did not happen, or after which the database could not be opened again: why,
/// and the database, open as it was (or as restored), when it could be.
pub struct RestoreError {
    pub error: Error,
    pub db: Option<Box<Indmap>>,
}

impl std::fmt::Debug for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RestoreError").field("error", &self.error).field("open", &self.db.is_some()).finish()
    }
}

impl From<RestoreError> for Error {
    fn from(e: RestoreError) -> Error {
        e.error
    }
}

impl Indmap {
    /// Puts backup `name` in place of this database, after backing up its current state (so a
    /// restore can be undone by restoring that), and opens it again. Takes the database, and
    /// waits a moment for every other window and command on it to close (an import under way
    /// ends first); while one stays open, nothing is restored. Answers the database restored and
    /// the backup of the state it replaced.
    pub fn restore(self, name: &str) -> std::result::Result<(Indmap, PathBuf), RestoreError> {
        let (backup, safety) =
            match self.restorable(name).and_then(|b| Ok((b, self.new_backup_path("before-restore")?))) {
                Ok(found) => found,
                Err(error) => return Err(RestoreError { error, db: Some(Box::new(self)) }),
            };
        let Indmap { store, env } = self;
        let path = store.info().path.clone();
        drop(store);
        // The map as it is is kept once nobody else can change it: an import that was under way
        // has ended, and its work is in the copy.
        let replaced = match indmap_store::lock::exclusive(&path, ALONE_WAIT) {
            Ok(alone) => indmap_store::Store::copy_closed(&path, &safety, &alone)
                .map_err(Error::from)
                .and_then(|()| replace(&path, &backup.path, name)),
            Err(e) => {
                indmap_store::release_backup_name(&safety);
                Err(e.into())
            }
        };
        match (replaced, Indmap::open(&path, env).inspect(Indmap::prune_backups)) {
            (Ok(()), Ok(db)) => Ok((db, safety)),
            (Err(error), db) => Err(RestoreError { error, db: db.ok().map(Box::new) }),
            (Ok(()), Err(error)) => Err(RestoreError { error, db: None }),
        }
    }

    /// Backup `name`, once it is known to be a sound indmap database.
    fn restorable(&self, name: &str) -> Result<Backup> {
        let backup = self
            .backups()?
            .into_iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Error::not_found(format!("there is no backup {name} (see `indmap backups`)")))?;
        indmap_store::Store::check_copy(&backup.path)?;
        Ok(backup)
    }
}

/// Puts the copy at `backup` in place of the (closed) database at `db`. Copied beside the
/// database, then renamed over it: a reader that has the old file open (or mapped in memory)
/// keeps it whole, and a failed copy leaves the database as it was.
fn replace(db: &Path, backup: &Path, name: &str) -> Result<()> {
    let restoring = restoring(db);
    let failed = |e: std::io::Error| Error::new(ErrorKind::Io, format!("restoring {name} failed: {e}"));
    std::fs::copy(backup, &restoring).and_then(|_| std::fs::File::open(&restoring)?.sync_all()).map_err(failed)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::rename(&restoring, db).map_err(|e| {
        let _ = std::fs::remove_file(&restoring);
        failed(e)
    })
}

#[cfg(test)]
mod tests {
    use super::described;

    #[test]
    fn a_backups_name_says_when_and_before_what_it_was_taken() {
        let at = Some("2026-11-25T09:00:00Z".to_owned());
        let import = described("20261125T090000.000Z-before-import-Қарағанды_2026.gpkg.sqlite");
        assert_eq!(import, (at.clone(), "import".into(), Some("Қарағанды_2026.gpkg".into())));
        assert_eq!(described("20261125T090000.000Z.002-before-restore.sqlite"), (at.clone(), "restore".into(), None));
        assert_eq!(described("20261125T090000.000Z-by-hand.sqlite"), (at, "other".into(), Some("by-hand".into())));
        assert_eq!(described("copy.sqlite"), (None, "other".into(), Some("copy".into())));
    }
}
