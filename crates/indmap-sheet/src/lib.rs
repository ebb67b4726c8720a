//! Spreadsheets as akimats and the ministry send them, read into rows of cells
//! (`indmap_core::table::Table`) for the core to find the header and read the values.
//!
//! - XLSX (Excel 2007 and later, LibreOffice's "Excel 2007-365"), read cell by cell: the size a
//!   sheet states never allocates a grid, and the archive's entries are measured before any is
//!   unpacked, so a small hostile file cannot ask for gigabytes.
//! - CSV as Excel saves it: UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text"),
//!   or Windows-1251 (Russian Excel's "CSV"); comma, semicolon or tab between cells.
//!
//! The older XLS and ODS are refused with what to do instead: their readers allocate the whole
//! stated grid, which a hostile file can make any size.

use calamine::{DataRef, Reader, Xlsx};
use indmap_core::Rule;
use indmap_core::table::{Table, TableCell, TableRow, typed_date};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// The largest file read: a national table of 100,000 projects in XLSX is about 20 MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most an XLSX archive may unpack to, all entries together.
pub const MAX_UNPACKED_BYTES: u64 = 512 << 20;
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLUMNS: u32 = 512;
/// The most non-empty cells of one sheet.
pub const MAX_CELLS: usize = 5_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("is not a spreadsheet indmap can read ({0}); save it as .xlsx or .csv and try again")]
    Unreadable(String),
    #[error("is a .{0} file; open it in Excel or LibreOffice and save it as .xlsx (or .csv), then import that")]
    Unsupported(String),
    #[error("is too large to import: {0}; split it into smaller files")]
    TooLarge(String),
    #[error("has no sheet {name:?}; its sheets are {}", .sheets.join(", "))]
    NoSheet { name: String, sheets: Vec<String> },
}

impl SheetError {
    /// The rule a refusal names, for the window to say it in the user's language.
    pub fn rule(&self) -> Rule {
        match self {
            SheetError::Io { .. } | SheetError::Unreadable(_) => Rule::SheetUnreadable,
            SheetError::Unsupported(_) => Rule::SheetUnsupported,
            SheetError::TooLarge(_) => Rule::SheetTooLarge,
            SheetError::NoSheet { .. } => Rule::SheetNoSheet,
        }
    }
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

/// Reads the sheet named `sheet` (by default the first that holds a cell) of a file, by its
/// extension or, without a known one, by its first bytes.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, SheetError> {
    let io = |source| SheetError::Io { path: path.display().to_string(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(SheetError::TooLarge(format!("{} MB, more than {} MB", size >> 20, MAX_FILE_BYTES >> 20)));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(io)?;
    let format = match ext.as_str() {
        "xlsx" | "xlsm" => Format::Xlsx,
        "csv" | "tsv" | "txt" => Format::Csv,
        "xls" | "xlsb" | "ods" => return Err(SheetError::Unsupported(ext)),
        _ if bytes.starts_with(b"PK\x03\x04") => Format::Xlsx,
        _ => Format::Csv,
    };
    read_bytes(&bytes, format, sheet)
}

pub fn read_bytes(bytes: &[u8], format: Format, sheet: Option<&str>) -> Result<Table, SheetError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SheetError::TooLarge(format!("more than {} MB", MAX_FILE_BYTES >> 20)));
    }
    match format {
        Format::Xlsx => guarded(|| xlsx(bytes, sheet)),
        Format::Csv => csv(bytes),
    }
}

/// Runs the XLSX reader so that a bug of it on a damaged workbook is a refusal, not a crash:
/// calamine 0.31 (and 0.38) multiplies a cell reference's letters without checking, so a
/// reference like `AAAAAAAAAAAAAAAAA1` overflows (fuzz/regressions/spreadsheet). Such a file
/// cannot be read, and the user is told so.
fn guarded(read: impl FnOnce() -> Result<Table, SheetError> + std::panic::UnwindSafe) -> Result<Table, SheetError> {
    std::panic::catch_unwind(read)
        .unwrap_or_else(|_| Err(SheetError::Unreadable("a part of the workbook is damaged and cannot be read".into())))
}

/// The cells of one sheet, by row and then column (both from 0), bounded as it is filled.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<u32, BTreeMap<u32, TableCell>>,
    cells: usize,
}

impl Grid {
    fn put(&mut self, row: u32, col: u32, cell: TableCell) -> Result<(), SheetError> {
        if cell.is_empty() {
            return Ok(());
        }
        if row >= MAX_ROWS {
            return Err(SheetError::TooLarge(format!("a cell on row {}, beyond {MAX_ROWS} rows", u64::from(row) + 1)));
        }
        if col >= MAX_COLUMNS {
            return Err(SheetError::TooLarge(format!("a cell in column {}, beyond {MAX_COLUMNS}", u64::from(col) + 1)));
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(SheetError::TooLarge(format!("more than {MAX_CELLS} cells")));
        }
        self.rows.entry(row).or_default().insert(col, cell);
        Ok(())
    }

    /// The rows that hold a cell, each as many cells wide as its last one; `line` counts from 1.
    fn table(self, line_of: impl Fn(u32) -> usize) -> Table {
        let rows = self
            .rows
            .into_iter()
            .map(|(row, cells)| {
                let width = cells.keys().next_back().map_or(0, |c| *c as usize + 1);
                let mut dense = vec![TableCell::Empty; width];
                for (col, cell) in cells {
                    dense[col as usize] = cell;
                }
                TableRow { line: line_of(row), cells: dense }
            })
            .collect();
        Table { rows }
    }
}

fn xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, SheetError> {
    let unreadable = |e: &dyn std::fmt::Display| SheetError::Unreadable(format!("not an XLSX workbook: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut unpacked: u64 = 0;
    for i in 0..archive.len() {
        unpacked = unpacked.saturating_add(archive.by_index_raw(i).map_err(|e| unreadable(&e))?.size());
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(SheetError::TooLarge(format!("it unpacks to more than {} MB", MAX_UNPACKED_BYTES >> 20)));
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let chosen: Vec<String> = match sheet {
        Some(name) => match names.iter().find(|n| n.trim().to_lowercase() == name.trim().to_lowercase()) {
            Some(n) => vec![n.clone()],
            None => return Err(SheetError::NoSheet { name: name.to_owned(), sheets: names }),
        },
        None => names,
    };
    for name in chosen {
        let grid = sheet_grid(&mut book, &name)?;
        if !grid.rows.is_empty() || sheet.is_some() {
            return Ok(grid.table(|row| row as usize + 1));
        }
    }
    Ok(Table::default())
}

fn sheet_grid(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, SheetError> {
    let unreadable = |e: &dyn std::fmt::Display| SheetError::Unreadable(format!("sheet {name:?}: {e}"));
    let mut cells = book.worksheet_cells_reader(name).map_err(|e| unreadable(&e))?;
    let mut grid = Grid::default();
    while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
        let (row, col) = cell.get_position();
        grid.put(row, col, from_xlsx(cell.get_value()))?;
    }
    Ok(grid)
}

fn from_xlsx(value: &DataRef) -> TableCell {
    match value {
        DataRef::Int(i) => TableCell::Number(*i as f64),
        DataRef::Float(x) => TableCell::Number(*x),
        DataRef::String(s) => TableCell::Text(s.clone()),
        DataRef::SharedString(s) => TableCell::Text((*s).to_owned()),
        DataRef::Bool(b) => TableCell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => match d.as_datetime() {
            Some(at) => TableCell::Date(at.date()),
            None => TableCell::Number(d.as_f64()),
        },
        DataRef::DateTime(d) => TableCell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) => {
            s.get(..10).and_then(typed_date).map_or_else(|| TableCell::Text(s.clone()), TableCell::Date)
        }
        DataRef::DurationIso(s) => TableCell::Text(s.clone()),
        DataRef::Error(e) => TableCell::Text(e.to_string()),
        DataRef::Empty => TableCell::Empty,
    }
}

/// The text of a CSV file in whichever encoding Excel saved it.
fn decoded(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator of the first line that holds one: the most frequent of `;`, `,` and tab
/// outside quotes (Russian Excel separates by `;`, since `,` is its decimal mark).
fn separator(text: &str) -> u8 {
    for line in text.lines().take(50) {
        let (mut quoted, mut counts) = (false, [0usize; 3]);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ';' if !quoted => counts[0] += 1,
                ',' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        let best = (0..3).max_by_key(|&i| (counts[i], i == 0)).unwrap_or(1);
        if counts[best] > 0 {
            return [b';', b',', b'\t'][best];
        }
    }
    b','
}

fn csv(bytes: &[u8]) -> Result<Table, SheetError> {
    let text = decoded(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(&text))
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    let mut lines = BTreeMap::new();
    // A record's line, by counting the line breaks before its first byte (a quoted cell may
    // hold a line break, so records and lines are not one to one).
    let (mut counted_to, mut line) = (0usize, 1usize);
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| SheetError::Unreadable(format!("not a CSV table: {e}")))?;
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).clamp(counted_to, text.len());
        // A position may point at the line feed of the CRLF that ended the record before.
        start += text.as_bytes()[start..].iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        line += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count();
        counted_to = start;
        for (col, field) in record.iter().enumerate() {
            grid.put(row, u32::try_from(col).unwrap_or(u32::MAX), TableCell::Text(field.to_owned()))?;
        }
        lines.insert(row, line);
    }
    Ok(grid.table(|row| lines.get(&row).copied().unwrap_or(row as usize + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_one_the_first_line_uses() {
        assert_eq!(separator("Код;Готовность, %\n35-0001;60,5"), b';');
        assert_eq!(separator("code,progress_pct\n"), b',');
        assert_eq!(separator("code\tprogress_pct\n"), b'\t');
        assert_eq!(separator("\"a;b\",c\n"), b',');
        assert_eq!(separator("one column\n"), b',');
    }

    #[test]
    fn csv_is_decoded_as_excel_saved_it() {
        let kazakh = "Код;Түсініктеме\n35-0001;әғқңөұүһі\n";
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(kazakh.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Код;Комментарий\n35-0001;Завод\n");
        for (bytes, last) in [
            (kazakh.as_bytes().to_vec(), "әғқңөұүһі"),
            ([b"\xEF\xBB\xBF".as_slice(), kazakh.as_bytes()].concat(), "әғқңөұүһі"),
            (utf16, "әғқңөұүһі"),
            (cp1251.into_owned(), "Завод"),
        ] {
            let table = csv(&bytes).unwrap();
            assert_eq!(table.rows[0].cells[0], TableCell::Text("Код".into()));
            assert_eq!(table.rows[1].cells[1], TableCell::Text(last.into()), "{bytes:?}");
        }
    }
}
