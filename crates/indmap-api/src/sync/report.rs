//! What an import tells: the merge bill's content.

use super::ConflictView;
use indmap_core::{Money, trust};
use indmap_exchange::Manifest;
use indmap_store::MapTotals;
use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use uuid::Uuid;

/// One field that an import changes, with both values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldUpdate {
    /// The property path: `cost_kzt`, `financing[<row id>].amount_kzt`.
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub old: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub new: Value,
    /// The database and user that wrote the new value.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub by_db: Uuid,
    pub by_user: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectUpdate {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    pub code: Option<String>,
    pub name: String,
    pub fields: Vec<FieldUpdate>,
}

/// Something an import did not take, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refusal {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    pub code: Option<String>,
    pub reason: String,
}

/// Investment and jobs of the live map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Totals {
    pub projects: usize,
    /// In tiyn (minor units).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost_kzt: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub jobs_permanent: u64,
}

impl From<MapTotals> for Totals {
    fn from(t: MapTotals) -> Totals {
        Totals { projects: t.projects, cost_kzt: Money(t.cost_tiyn), jobs_permanent: t.jobs.max(0) as u64 }
    }
}

impl Totals {
    /// The store's figures these came from.
    pub(crate) fn to_map(self) -> MapTotals {
        MapTotals { projects: self.projects, cost_tiyn: self.cost_kzt.minor(), jobs: self.jobs_permanent as i64 }
    }
}

/// What an import does (or, with `dry_run`, would do): the merge bill.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub file: String,
    pub manifest: Manifest,
    pub dry_run: bool,
    /// When the same file was imported before: nothing is done again.
    pub already_imported: Option<String>,
    pub added: Vec<ProjectUpdate>,
    pub changed: Vec<ProjectUpdate>,
    pub deleted: Vec<ProjectUpdate>,
    pub conflicts: Vec<ConflictView>,
    pub refused: Vec<Refusal>,
    /// Proposals new here about projects this database keeps: made by others about its
    /// records, or decisions on its own.
    pub proposals: usize,
    /// Projects of other regions' maps the file added or changed here: kept read-only, as the
    /// consolidated map shows them, and not listed one by one.
    pub other_maps: usize,
    /// Approved editions new here that the file brought.
    pub editions: Vec<crate::EditionSummary>,
    /// The periods whose reporting cycle the file moved on (a submission, an approval, an
    /// acceptance), each where it stands now.
    pub periods: Vec<crate::PeriodStage>,
    pub before: Totals,
    pub after: Totals,
    /// The backup taken before the import, to restore with `indmap restore`.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
    /// Who signed the file, as this database knows them.
    pub signature: SignatureNote,
}

/// A file's signature, as the preview and the bill show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureNote {
    /// The sender's key as read out on the phone (`3F2A 91C0 AA55 E011 7B3C`); `None` for an
    /// unsigned file of an older build.
    pub fingerprint: Option<String>,
    /// Whether this file pins the key: the first signed file from its database taken here,
    /// whose fingerprint is worth confirming with the sender.
    pub first_sight: bool,
    /// Whether the file waits for a person to confirm its key (`Indmap::trust_sender`) before
    /// it is imported: a new database that says it is the ministry.
    pub confirm: bool,
}

impl ImportReport {
    /// The report of a file before it is merged: nothing done yet, the map as `before`.
    pub(crate) fn new(file: String, manifest: Manifest, dry_run: bool, before: Totals) -> ImportReport {
        let signature = SignatureNote {
            fingerprint: manifest.public_key.as_deref().map(trust::fingerprint),
            first_sight: false,
            confirm: false,
        };
        ImportReport {
            file,
            manifest,
            dry_run,
            already_imported: None,
            added: Vec::new(),
            changed: Vec::new(),
            deleted: Vec::new(),
            conflicts: Vec::new(),
            refused: Vec::new(),
            proposals: 0,
            other_maps: 0,
            editions: Vec::new(),
            periods: Vec::new(),
            before,
            after: before,
            backup: None,
            signature,
        }
    }
}
