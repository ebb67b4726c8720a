//! An open database: creating and opening one, its identity, who writes.

use crate::{Env, Error, Result};
use indmap_core::Scope;
use indmap_store::{Author, DbInfo, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where the user's database lives when no path is given: the platform's data folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "indmap", "indmap").map(|d| d.data_dir().join("indmap.sqlite"))
}

/// The built-in sample map, kept apart from user data next to where the user's map would be:
/// what the window's "explore the sample map" opens. Made on first use.
pub fn open_sample(env: crate::Env) -> Result<(Indmap, Opened)> {
    let user = default_db_path()
        .ok_or_else(|| Error::new(crate::ErrorKind::Io, "no home folder to keep the sample map in"))?;
    let sample = user.with_file_name("sample.sqlite");
    if sample.exists() {
        return Ok((Indmap::open(&sample, env)?, Opened::Sample));
    }
    let mut db = Indmap::init(&sample, indmap_core::Scope::Ministry, env)?;
    db.add_sample(crate::SAMPLE_PROJECTS, crate::SAMPLE_SEED)?;
    Ok((db, Opened::Sample))
}

/// Where a file lives: its full path and, where the system has one, its file number. A copy
/// differs in one or the other.
fn file_home(path: &Path) -> Result<String> {
    let full = std::fs::canonicalize(path)?;
    #[cfg(unix)]
    let number = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&full)?).to_string();
    #[cfg(not(unix))]
    let number = String::new();
    Ok(format!("{}#{number}", full.display()))
}

/// An open database and the world it is used in.
pub struct Indmap {
    pub(crate) store: Store,
    pub(crate) env: Env,
}

impl Indmap {
    /// Creates a database for `scope` at `path` (its folder is made if needed).
    pub fn init(path: &Path, scope: Scope, mut env: Env) -> Result<Indmap> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let db_id = env.ids.new_id();
        let store = Store::create(path, scope, db_id, env.clock.now())?;
        let mut db = Indmap { store, env };
        db.settle_identity()?;
        Ok(db)
    }

    pub fn open(path: &Path, env: Env) -> Result<Indmap> {
        if path.is_file() {
            crate::backup_files::clean_leftovers(path);
        }
        let store = Store::open(path).map_err(|e| match e {
            indmap_store::StoreError::Missing(p) => Error::not_found(format!(
                "there is no indmap database at {}; create one with `indmap init --region KATO` or `indmap init --ministry`",
                p.display()
            )),
            other => other.into(),
        })?;
        let mut db = Indmap { store, env };
        db.settle_identity()?;
        Ok(db)
    }

    /// Gives a copied database file an id and a signing key of its own, and a database made
    /// before files were signed its first key (see `Store::settle_identity`).
    fn settle_identity(&mut self) -> Result<()> {
        let home = file_home(&self.store.info().path)?;
        let now = self.env.clock.now();
        let ids = &mut self.env.ids;
        self.store.settle_identity(&home, || ids.new_id(), now)?;
        Ok(())
    }

    pub fn info(&self) -> &DbInfo {
        self.store.info()
    }

    pub(crate) fn author(&self) -> Author {
        Author { user: self.env.user.clone(), at: self.env.clock.now(), origin: "local".into() }
    }
}

/// The database a start of the app shows: the one named, else the user's own at the default
/// place; when there is none, the built-in sample map if `sample_if_none`, else none (the window
/// then offers to create, open or explore a map).
pub fn open_at_start(named: Option<&Path>, sample_if_none: bool, env: Env) -> Option<Result<(Indmap, Opened)>> {
    let path = named.map(Path::to_path_buf).or_else(|| default_db_path().filter(|p| p.exists()));
    match path {
        Some(path) => Some(Indmap::open(&path, env).map(|db| (db, Opened::User))),
        None if sample_if_none => Some(open_sample(env)),
        None => None,
    }
}

/// Which database the window opened, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Opened {
    /// The database the user named, or their database at the default place.
    User,
    /// The user has no database yet: the built-in sample map, kept apart from user data.
    Sample,
}

/// How many projects the built-in sample map holds, and its seed.
pub const SAMPLE_PROJECTS: usize = 300;
pub const SAMPLE_SEED: u64 = 1;
