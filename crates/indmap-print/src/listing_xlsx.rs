//! A list document's tables as an XLSX workbook (the paper form is `listing`): a sheet per
//! table of text, bold frozen header, filters, columns as wide as their text.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
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
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&sheet.name))?;
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)?;
            let widest =
                sheet.rows.iter().filter_map(|r| r.get(c)).map(|t| t.chars().count()).chain([h.chars().count()]).max();
            ws.set_column_width(c as u16, widest.unwrap_or(10).clamp(8, 60) as f64 + 2.0)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32 + 1, c as u16, cell)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.rows.is_empty() && !sheet.headers.is_empty() {
            ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.headers.len() as u16 - 1)?;
        }
    }
    wb.save_to_buffer()
}
