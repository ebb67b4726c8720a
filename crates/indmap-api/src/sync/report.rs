//! What an import tells: the merge bill's content.

use super::ConflictView;
use indmap_core::Money;
use indmap_exchange::Manifest;
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

impl From<(usize, i64, i64)> for Totals {
    fn from((projects, cost, jobs): (usize, i64, i64)) -> Totals {
        Totals { projects, cost_kzt: Money(cost), jobs_permanent: jobs.max(0) as u64 }
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
    /// Proposals that arrived: made by others about this database's records, or decisions.
    pub proposals: usize,
    /// Projects of other scopes in the file, which this database does not keep.
    pub out_of_scope: usize,
    pub before: Totals,
    pub after: Totals,
    /// The backup taken before the import, to restore with `indmap restore`.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub backup: Option<PathBuf>,
}
