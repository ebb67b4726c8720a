//! A list document's tables as an XLSX workbook (the paper form is `listing`): a sheet per
//! table, bold frozen header, filters, columns as wide as their text; numbers and dates stay
//! numbers and dates, so they sum, sort and pivot.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// A cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count, shown with thousands grouped.
    Int(i64),
    /// An amount or a measure, shown to one decimal.
    Real(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// How wide the cell reads, in characters.
    fn width(&self) -> usize {
        match self {
            Cell::Text(t) => t.chars().count(),
            Cell::Int(n) => n.to_string().len() + 2,
            Cell::Real(x) => format!("{x:.1}").len() + 2,
            Cell::Date(_) => 10,
            Cell::Empty => 0,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Empty, Into::into)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// A sheet of text only (a list document's table as it prints).
    pub fn of_text(name: String, headers: Vec<String>, rows: Vec<Vec<String>>) -> Sheet {
        Sheet { name, headers, rows: rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect() }
    }
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
pub(crate) fn sheet_name(name: &str) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
    if clean.chars().count() <= 31 {
        return clean;
    }
    // Excel allows 31 characters: cut at a word, and leave out a bracket the cut leaves open.
    let cut: String = clean.chars().take(31).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    let cut = match (cut.rfind('('), cut.rfind(')')) {
        (Some(open), close) if close.is_none_or(|c| c < open) => &cut[..open],
        _ => cut,
    };
    cut.trim_end().to_owned()
}

pub fn sheets_xlsx(title: &str, sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title).set_author("indmap"));
    let header = Format::new().set_bold().set_text_wrap().set_background_color("#E8EEF4");
    let (int, real, date) = (
        Format::new().set_num_format("#,##0"),
        Format::new().set_num_format("#,##0.0"),
        Format::new().set_num_format("dd.mm.yyyy"),
    );
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))?;
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)?;
            let widest = sheet.rows.iter().filter_map(|r| r.get(c)).map(Cell::width).chain([h.chars().count()]).max();
            ws.set_column_width(c as u16, widest.unwrap_or(10).clamp(8, 60) as f64 + 2.0)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Text(t) => ws.write_string(r, c, t).map(|_| ())?,
                    Cell::Int(n) => ws.write_number_with_format(r, c, *n as f64, &int).map(|_| ())?,
                    Cell::Real(x) => ws.write_number_with_format(r, c, *x, &real).map(|_| ())?,
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        ws.write_datetime_with_format(r, c, &day, &date).map(|_| ())?
                    }
                    Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.rows.is_empty() && !sheet.headers.is_empty() {
            ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.headers.len() as u16 - 1)?;
        }
    }
    wb.save_to_buffer()
}
