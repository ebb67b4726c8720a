//! The inputs fuzzing found (fuzz/regressions/spreadsheet/) and its seeds (fuzz/seeds/spreadsheet/),
//! read as the `spreadsheet` fuzz target reads them: as XLSX and as CSV, each must return Ok or
//! Err, never panic. See fuzz/README.md.

use indmap_sheet::{Format, SheetError, read_bytes};
use std::path::{Path, PathBuf};

fn files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join(kind).join("spreadsheet");
    let Ok(dir) = std::fs::read_dir(dir) else { return vec![] };
    let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_regression_returns() {
    let inputs: Vec<PathBuf> = files("seeds").into_iter().chain(files("regressions")).collect();
    assert!(inputs.len() >= 3, "the seeds and the regressions are there: {inputs:?}");
    for path in inputs {
        let bytes = std::fs::read(&path).unwrap();
        for format in [Format::Xlsx, Format::Csv] {
            let _ = read_bytes(&bytes, format, None);
        }
    }
}

/// A cell reference whose letters overflow calamine's arithmetic is a refusal of the workbook,
/// in the words a user reads.
#[test]
fn a_workbook_that_trips_the_xlsx_reader_is_refused_as_damaged() {
    let path = files("regressions").into_iter().find(|p| p.ends_with("cell-reference-overflow.xlsx")).unwrap();
    let bytes = std::fs::read(path).unwrap();
    let read = read_bytes(&bytes, Format::Xlsx, None);
    if cfg!(debug_assertions) {
        // Overflow checks on (tests, debug builds): calamine panics, and the panic is a refusal.
        assert!(matches!(&read, Err(SheetError::Unreadable(m)) if m.contains("damaged")), "{read:?}");
    }
    // A release build wraps instead; the bounds then refuse it or read what is there.
}
