//! Import previews kept for their merge bills, and writing a bill to a file. A bill saved after
//! a preview is the bill of the preview the user read: importing again could tell another story
//! (the map may have changed since).

use super::bill::BillFormat;
use super::report::ImportReport;
use crate::{Error, Indmap, Result};
use indmap_core::Rule;
use indmap_print::Lang;
use std::path::{Path, PathBuf};

/// The reports of the last preview, by the file each is of. A front end keeps one for as long
/// as it shows previews (the window, from one screen to the next).
#[derive(Debug, Default)]
pub struct Previews {
    reports: Vec<(PathBuf, ImportReport)>,
}

impl Previews {
    /// Previews importing `files` into `db` (`Indmap::import_all` with `dry_run`: nothing
    /// changes) and keeps the reports instead of those kept before.
    pub fn preview(&mut self, db: &mut Indmap, files: &[PathBuf]) -> Vec<Result<ImportReport>> {
        let reports = db.import_all(files, true);
        self.reports = files
            .iter()
            .zip(&reports)
            .filter_map(|(file, report)| Some((file.clone(), report.as_ref().ok()?.clone())))
            .collect();
        reports
    }

    /// The report of the last preview of `file`.
    pub fn of(&self, file: &Path) -> Result<&ImportReport> {
        self.reports
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, report)| report)
            .ok_or_else(|| Error::not_found(format!("preview {} before saving its merge bill", file.display())))
    }

    /// Saves the merge bill of the last preview of `file` to `out`, as PDF or XLSX by the
    /// extension of `out`, dated by `db`'s clock.
    pub fn save_bill(&self, db: &Indmap, file: &Path, out: &Path, lang: Lang) -> Result<()> {
        let format = bill_format(out, "out")?;
        db.write_bill(self.of(file)?, out, format, lang)
    }
}

/// The merge bill's format by the extension of `out` (`.pdf`, `.xlsx`); `field` names where
/// `out` was given, for the problem when it is neither.
pub fn bill_format(out: &Path, field: &str) -> Result<BillFormat> {
    BillFormat::of_path(out).ok_or_else(|| {
        let mut problems = indmap_core::Problems::new();
        problems.error(
            field,
            Rule::BillFormat,
            format!("the merge bill is saved as .pdf or .xlsx, not {}", out.display()),
        );
        Error::invalid(problems)
    })
}

impl Indmap {
    /// Writes the merge bill of `report` to `out`: a PDF to print and sign, or an XLSX workbook.
    pub fn write_bill(&self, report: &ImportReport, out: &Path, format: BillFormat, lang: Lang) -> Result<()> {
        crate::write_printout(out, &[self.merge_bill(report, lang, format)?])?;
        Ok(())
    }
}
