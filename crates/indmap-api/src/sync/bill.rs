//! The merge bill of an import: the glue from an [`ImportReport`] to the print crate's
//! [`MergeBill`], which lays the bill out as a PDF to sign or an XLSX workbook, in its words.

use super::{ImportReport, ProjectUpdate, Totals};
use crate::{Error, ErrorKind, Indmap, PrintFormat, Result};
use indmap_print::Lang;
use indmap_print::merge_bill::{self, BillConflict, BillProject, BillRefusal, FieldChange, ImportState};
use indmap_print::merge_bill::{MapTotals, MergeBill, Sender};
use std::path::Path;

/// What a merge bill is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BillFormat {
    Pdf,
    Xlsx,
}

impl BillFormat {
    /// The format a file name asks for, by its extension (`.pdf`, `.xlsx`).
    pub fn of_path(path: &Path) -> Option<BillFormat> {
        match PrintFormat::of_path(path)? {
            PrintFormat::Pdf => Some(BillFormat::Pdf),
            PrintFormat::Xlsx => Some(BillFormat::Xlsx),
            _ => None,
        }
    }
}

fn not_written(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Io, format!("the merge bill could not be written: {e}"))
}

impl Indmap {
    /// The merge bill of `report` in `lang`, dated by this database's clock.
    pub fn merge_bill(&self, report: &ImportReport, lang: Lang, format: BillFormat) -> Result<Vec<u8>> {
        let bill = bill_of(report);
        match format {
            BillFormat::Pdf => merge_bill::pdf(&bill, lang, self.env.clock.now().date_naive()).map_err(not_written),
            BillFormat::Xlsx => merge_bill::xlsx(&bill, lang).map_err(not_written),
        }
    }
}

/// What the print crate needs of a report.
fn bill_of(report: &ImportReport) -> MergeBill {
    let m = &report.manifest;
    let state = match (&report.already_imported, report.dry_run) {
        (Some(at), _) => ImportState::AlreadyImported(at.clone()),
        (None, true) => ImportState::Preview,
        (None, false) => ImportState::Imported,
    };
    MergeBill {
        file: report.file.clone(),
        sender: Sender {
            scope: m.scope,
            db_id: m.db_id.to_string(),
            exported_at: m.exported_at.clone(),
            user: m.user.clone(),
            projects: m.projects,
            sha256: m.sha256.clone(),
            fingerprint: report.signature.fingerprint.clone(),
            first_sight: report.signature.first_sight,
            confirm: report.signature.confirm,
        },
        state,
        backup: report.backup.as_ref().map(|b| b.display().to_string()),
        other_maps: report.other_maps,
        before: totals(&report.before),
        after: totals(&report.after),
        added: report.added.iter().map(project).collect(),
        changed: report.changed.iter().map(project).collect(),
        deleted: report.deleted.iter().map(project).collect(),
        conflicts: report
            .conflicts
            .iter()
            .map(|c| BillConflict {
                id: c.id.clone(),
                name: c.name.clone(),
                field: c.field.clone(),
                mine: (c.mine.clone(), c.mine_by.clone()),
                theirs: c.theirs.clone(),
            })
            .collect(),
        proposals: report.proposals,
        refused: report
            .refused
            .iter()
            .map(|r| BillRefusal { code: r.code.clone().unwrap_or_else(|| r.id.to_string()), reason: r.reason.clone() })
            .collect(),
    }
}

fn totals(t: &Totals) -> MapTotals {
    MapTotals { projects: t.projects, cost: t.cost_kzt, jobs_permanent: t.jobs_permanent }
}

fn project(p: &ProjectUpdate) -> BillProject {
    BillProject {
        code: p.code.clone().unwrap_or_else(|| p.id.to_string()),
        name: p.name.clone(),
        changes: p
            .fields
            .iter()
            .map(|f| FieldChange {
                field: f.field.clone(),
                before: f.old.clone(),
                after: f.new.clone(),
                by: f.by_user.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bill_format_follows_the_extension() {
        assert_eq!(BillFormat::of_path(Path::new("a/bill.PDF")), Some(BillFormat::Pdf));
        assert_eq!(BillFormat::of_path(Path::new("bill.xlsx")), Some(BillFormat::Xlsx));
        assert_eq!(BillFormat::of_path(Path::new("bill.docx")), None);
    }
}
