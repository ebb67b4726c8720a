//! The indmap API: every operation a user can do, in one place. The desktop window, the
//! `indmap` command line and the tests all call these functions and nothing below them, so a
//! rule holds the same way wherever the user works.
//!
//! Invariants: every write is one transaction that either applies fully or leaves the database
//! as it was; every input is validated before it is written; time and ids come from [`Env`].

mod backups;
mod env;
mod error;
mod layers;
mod projects;
mod proposals;
mod reports;
mod sync;
mod views;

pub use backups::{Backup, restore};
pub use env::{Clock, CountingIds, Env, FixedClock, SystemClock, SystemIds};
pub use error::{Error, ErrorKind, Result};
pub use indmap_core as core;
pub use indmap_exchange::Manifest;
pub use indmap_store::{BIRTH, DbInfo, LogEntry};
pub use layers::{MapLayer, read_map_layers};
pub use projects::{AddReport, Deletion, UpdateReport};
pub use proposals::ProposalView;
pub use reports::{ChartKind, PageFormat, Paper, PrintBy, PrintLang, PrintOptions, PrintSetup, TableFormat};
pub use reports::{PagePreview, PrintedSet, Printout, write_printout};
pub use sync::{BillFormat, merge_bill};
pub use sync::{ConflictView, FieldUpdate, ImportReport, ProjectUpdate, Refusal, Take, Totals, merge_bill_xlsx};
pub use views::{MapView, ProjectRow, RegionFigures, SourceTotal, Summary, ViewFilter, open_sample};

use indmap_core::reference::{self, ActionStatus, Criterion, FinancingStatus, Label, MapLevel, ReferenceItem, Status};
use indmap_core::{Money, Scope};
pub use indmap_store::ReferenceList;
use indmap_store::{Author, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where the user's database lives when no path is given: the platform's data folder.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "indmap", "indmap").map(|d| d.data_dir().join("indmap.sqlite"))
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

/// The 20 regions with their names and centres.
pub fn regions() -> Vec<RegionInfo> {
    reference::REGIONS
        .iter()
        .map(|r| RegionInfo {
            kato: r.kato.into(),
            label: r.label(),
            centre_name: r.centre_name.into(),
            centre: [r.centre.1, r.centre.0],
        })
        .collect()
}

/// An open database and the world it is used in.
pub struct Indmap {
    store: Store,
    env: Env,
}

/// The settings users may change, with what they mean.
pub const SETTINGS: &[(&str, &str)] = &[
    ("republican_threshold_kzt", "cost in KZT from which a project belongs on the republican map (empty: no check)"),
    ("monitoring_period", "how often projects report progress: quarter, month or year"),
];

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

    /// Gives a copied database file an id of its own (see `Store::settle_identity`).
    fn settle_identity(&mut self) -> Result<()> {
        let home = file_home(&self.store.info().path)?;
        let (ids, now) = (&mut self.env.ids, self.env.clock.now());
        self.store.settle_identity(&home, || ids.new_id(), now)?;
        Ok(())
    }

    pub fn info(&self) -> &DbInfo {
        self.store.info()
    }

    fn author(&self) -> Author {
        Author { user: self.env.user.clone(), at: self.env.clock.now(), origin: "local".into() }
    }

    /// Every reference list with its codes and labels: what files and forms refer to.
    pub fn reference(&self) -> Result<Reference> {
        fn closed<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> Label) -> Vec<ReferenceItem> {
            all.iter().map(|v| ReferenceItem { code: code(*v).into(), label: label(*v) }).collect()
        }
        Ok(Reference {
            levels: closed(MapLevel::ALL, MapLevel::code, MapLevel::label),
            statuses: closed(Status::ALL, Status::code, Status::label),
            criteria: closed(Criterion::ALL, Criterion::code, Criterion::label),
            financing_statuses: closed(FinancingStatus::ALL, FinancingStatus::code, FinancingStatus::label),
            action_statuses: closed(ActionStatus::ALL, ActionStatus::code, ActionStatus::label),
            support_measures: (1..=13u8)
                .filter_map(|n| reference::support_measure(n).map(|label| ReferenceItem { code: n.to_string(), label }))
                .collect(),
            sectors: self.store.reference(ReferenceList::Sectors)?,
            financing_sources: self.store.reference(ReferenceList::FinancingSources)?,
        })
    }

    /// Adds a sector or financing source, or changes its labels. Codes are what records carry,
    /// so a code once used is never renamed; labels may change freely.
    pub fn set_reference(&mut self, list: ReferenceList, code: &str, label: Label) -> Result<()> {
        let mut problems = indmap_core::Problems::new();
        let code_ok =
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !code_ok {
            problems.error(
                "code",
                "reference.code",
                format!("must be lowercase Latin letters, digits and _ (e.g. tourism); got {code:?}"),
            );
        }
        for (field, text) in [("kk", &label.kk), ("ru", &label.ru), ("en", &label.en)] {
            if text.trim().is_empty() {
                problems.error(
                    field,
                    "reference.label",
                    "must not be empty: every item has a label in Kazakh, Russian and English",
                );
            }
        }
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let item =
            ReferenceItem { code: code.into(), label: Label::new(label.kk.trim(), label.ru.trim(), label.en.trim()) };
        let author = self.author();
        Ok(self.store.write(&author, |w| w.put_reference(list, &item))?)
    }

    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        Ok(self.store.settings()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let mut problems = indmap_core::Problems::new();
        match key {
            "republican_threshold_kzt" if !value.is_empty() => {
                if !Money::parse_decimal(value).is_ok_and(|m| !m.is_negative()) {
                    problems.error(
                        key,
                        "setting.amount",
                        format!("must be an amount in KZT, 0 or more; got {value:?}"),
                    );
                }
            }
            "republican_threshold_kzt" => {}
            "monitoring_period" => {
                if !matches!(value, "quarter" | "month" | "year") {
                    problems.error(key, "setting.period", format!("must be quarter, month or year; got {value:?}"));
                }
            }
            _ => {
                let known: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
                problems.error(
                    key,
                    "setting.unknown",
                    format!("is not a setting; the settings are {}", known.join(", ")),
                );
            }
        }
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let author = self.author();
        Ok(self.store.write(&author, |w| w.set_setting(key, value))?)
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionInfo {
    pub kato: String,
    pub label: Label,
    pub centre_name: String,
    /// [longitude, latitude], as GeoJSON orders them.
    pub centre: [f64; 2],
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reference {
    pub levels: Vec<ReferenceItem>,
    pub statuses: Vec<ReferenceItem>,
    pub sectors: Vec<ReferenceItem>,
    pub financing_sources: Vec<ReferenceItem>,
    pub financing_statuses: Vec<ReferenceItem>,
    pub action_statuses: Vec<ReferenceItem>,
    pub support_measures: Vec<ReferenceItem>,
    pub criteria: Vec<ReferenceItem>,
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
