//! Any bytes as a spreadsheet of reports, as XLSX and as CSV: `indmap_sheet::read_bytes` returns
//! Ok or Err within its bounds, and what it reads goes through the core's header search and cell
//! reading (what `Indmap::put_reports` does before any database is touched), never panicking.
#![no_main]

use indmap_core::schema::Record;
use indmap_core::table;
use indmap_core::{MonitoringReport, Project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // `read_bytes` turns a panic of the XLSX reader (calamine's unchecked cell-reference
        // arithmetic) into a refusal, so panics must unwind to it: libfuzzer-sys's hook would
        // abort first. A panic that escapes the target still aborts (libfuzzer-sys catches it
        // and aborts), saving the input; `cargo test -p indmap-sheet` shows its message.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let code = Project::FIELDS.iter().find(|f| f.name == "code").expect("the code field");
        for format in [indmap_sheet::Format::Xlsx, indmap_sheet::Format::Csv] {
            let Ok(sheet) = indmap_sheet::read_bytes(data, format, None) else { continue };
            let Ok((header, columns)) = table::columns(&sheet, code, MonitoringReport::FIELDS) else { continue };
            for row in &sheet.rows[header + 1..] {
                for (col, spec) in &columns.fields {
                    let _ = row.cells.get(*col).map(|cell| table::value(spec, cell));
                }
            }
        }
    }
);
