//! The indmap API: every operation a user can do, in one place. The desktop window, the
//! `indmap` command line and the tests all call these functions and nothing below them, so a
//! rule holds the same way wherever the user works.
//!
//! Invariants: every write is one transaction that either applies fully or leaves the database
//! as it was; every input is validated before it is written; time and ids come from [`Env`].

mod alerts;
mod backup_files;
mod backups;
mod dashboard;
mod database;
mod editions;
mod effectiveness;
mod env;
mod error;
mod gantt;
mod layers;
mod lists;
mod monitoring;
mod period_cycle;
mod period_reports;
mod projects;
mod proposals;
mod reports;
mod settings;
mod sync;
mod views;
mod writing;

pub use alerts::{AlertList, AlertRow, Tally};
pub use backups::{Backup, RestoreError, Retention};
pub use database::{Indmap, Opened, SAMPLE_PROJECTS, SAMPLE_SEED, default_db_path, open_at_start, open_sample};
pub use editions::{
    Approval, ChangedPlan, DriftView, EditionDiff, EditionProject, EditionSummary, EditionTotals, EditionView,
    PlanChange, ProjectVariance,
};
pub use effectiveness::METHODOLOGY_NAME;
pub use env::{Clock, CountingIds, Env, FixedClock, SystemClock, SystemIds};
pub use error::{Error, ErrorKind, Result};
pub use gantt::{Gantt, MOST_LANES};
pub use indmap_core as core;
pub use indmap_exchange::{KnownDatabase, Manifest, scope_code};
pub use indmap_store::ReferenceList;
pub use indmap_store::{BIRTH, DbInfo, ExportReceipt, LogEntry};
pub use layers::{MapLayer, read_map_layers};
pub use lists::{Reference, RegionInfo, regions};
pub use monitoring::{PeriodCell, PeriodDeadline, RegionPeriods, RegionReporting, Reporting, ReportingTable};
pub use period_cycle::{PeriodActView, PeriodStage};
pub use period_reports::{RefusedReport, ReportColumn, ReportSheet, ReportSheetRow, ReportsTaken, TakenReport};
pub use projects::{AddReport, Deletion, UpdateReport};
pub use proposals::ProposalView;
pub use reports::{ChartKind, Paper, PrintBy, PrintFormat, PrintLang, PrintOutput, PrintRequest, Printout, Progress};
pub use reports::{PagePreview, PrintedSet, write_printout};
pub use settings::{SETTINGS, Setting, SettingGroup, SettingKind, SettingView};
pub use sync::{BillFormat, Previews, bill_format};
pub use sync::{
    ConflictKind, ConflictView, FieldUpdate, ImportReport, ProjectUpdate, Refusal, SignatureNote, Take, Totals,
};
pub use views::{MapView, ProjectRow, RegionFigures, RowVariance, SourceTotal, Summary, ViewFilter};
