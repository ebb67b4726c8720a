//! Records as a spreadsheet holds them: a header row names the fields (by their property name or
//! their label in any language), and every cell below it is a value as a person typed it:
//! `1 500 000,50`, `60 %`, `30.09.2026`, `Строительство`. This module finds the header, tells
//! which column is which field, and turns each cell into the value a Feature would carry, so
//! that every rule of reading a Feature applies to a spreadsheet too.

use crate::Rule;
use crate::schema::codec::number_json;
use crate::schema::{FieldSpec, Kind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One cell, as a spreadsheet or the window's grid gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum TableCell {
    Empty,
    Text(String),
    Number(f64),
    Date(#[cfg_attr(feature = "ts", ts(type = "string"))] NaiveDate),
    Bool(bool),
}

impl TableCell {
    pub fn is_empty(&self) -> bool {
        match self {
            TableCell::Empty => true,
            TableCell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a header or a code is read.
    pub fn text(&self) -> String {
        match self {
            TableCell::Empty => String::new(),
            TableCell::Text(t) => t.trim().to_owned(),
            TableCell::Number(x) => match number_json(Some(*x)) {
                Value::Number(n) => n.to_string(),
                _ => x.to_string(),
            },
            TableCell::Date(d) => d.to_string(),
            TableCell::Bool(b) => b.to_string(),
        }
    }
}

/// A row of a table and where it stands: the line a person sees (in a file, counted from 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<TableCell>,
}

/// A sheet of rows, the header among them somewhere near the top (a title block often comes
/// first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Table {
    pub rows: Vec<TableRow>,
}

/// How far down a header is looked for: a title block is a few lines, not a page.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Which column holds what, as a header names it.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The column of the key (a project's code), counted from 0.
    pub key: usize,
    pub fields: Vec<(usize, &'static FieldSpec)>,
    /// Headers that name no field the table can take, for a warning.
    pub ignored: Vec<String>,
}

/// Why a header could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum HeaderProblem {
    /// No row near the top names the key column.
    NoKey,
    /// A key column was found, but no column of a field.
    NoField,
    /// Two columns name one field.
    Twice { field: &'static str, first: String, second: String },
}

impl HeaderProblem {
    pub fn rule(&self) -> Rule {
        match self {
            HeaderProblem::NoKey => Rule::TableNoKey,
            HeaderProblem::NoField => Rule::TableNoField,
            HeaderProblem::Twice { .. } => Rule::TableColumnTwice,
        }
    }
}

/// A header as it is compared: case, spacing and the marks people add (`*`, `:`) aside.
fn normalized(header: &str) -> String {
    let text = header.trim().trim_end_matches([':', '*']).trim().to_lowercase();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn names(spec: &FieldSpec, name: &str) -> bool {
    [spec.name, spec.label_kk, spec.label_ru, spec.label_en].iter().any(|n| normalized(n) == name)
}

/// The header (its index in `table.rows`) and what its columns are: the first row near the top
/// with a column naming `key` (by name or label). The key's own column is not a field.
pub fn columns(
    table: &Table,
    key: &'static FieldSpec,
    fields: &'static [FieldSpec],
) -> Result<(usize, Columns), HeaderProblem> {
    let (at, key_col) = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| row.cells.iter().position(|c| names(key, &normalized(&c.text()))).map(|k| (i, k)))
        .ok_or(HeaderProblem::NoKey)?;
    let mut found = Columns { key: key_col, fields: Vec::new(), ignored: Vec::new() };
    for (col, cell) in table.rows[at].cells.iter().enumerate() {
        let header = cell.text();
        if col == key_col || header.is_empty() {
            continue;
        }
        let name = normalized(&header);
        match fields.iter().find(|f| f.name != key.name && names(f, &name)) {
            Some(spec) => {
                if let Some((first, _)) = found.fields.iter().find(|(_, f)| f.name == spec.name) {
                    let first = table.rows[at].cells[*first].text();
                    return Err(HeaderProblem::Twice { field: spec.name, first, second: header });
                }
                found.fields.push((col, spec));
            }
            None => found.ignored.push(header),
        }
    }
    if found.fields.is_empty() {
        return Err(HeaderProblem::NoField);
    }
    Ok((at, found))
}

/// A cell that cannot be the value of its field.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    pub rule: Rule,
    pub message: String,
}

/// The cell as the value its field takes in a Feature; `None` for an empty cell. A cell that
/// cannot be read as its kind is refused here with what a person should type instead; one that
/// reads is checked by the Feature's rules afterwards (a range, a code list).
pub fn value(spec: &FieldSpec, cell: &TableCell) -> Result<Option<Value>, CellProblem> {
    if cell.is_empty() {
        return Ok(None);
    }
    let refuse = |rule, message: String| Err(CellProblem { rule, message });
    let text = cell.text();
    match spec.kind {
        Kind::Money | Kind::Count | Kind::Year | Kind::Number => match cell {
            TableCell::Number(x) => Ok(Some(number_json(Some(*x)))),
            TableCell::Text(t) => match typed_number(t) {
                Some(x) => Ok(Some(number_json(Some(x)))),
                None => {
                    refuse(Rule::TypeNumber, format!("must be a number, like {}; got {text:?}", example(spec.kind)))
                }
            },
            _ => refuse(Rule::TypeNumber, format!("must be a number; got {text:?}")),
        },
        Kind::Date => match cell {
            TableCell::Date(d) => Ok(Some(Value::String(d.to_string()))),
            TableCell::Text(t) => match typed_date(t) {
                Some(d) => Ok(Some(Value::String(d.to_string()))),
                None => {
                    refuse(Rule::DateFormat, format!("must be a date, like 30.09.2026 or 2026-09-30; got {text:?}"))
                }
            },
            _ => refuse(Rule::DateFormat, format!("must be a date, like 30.09.2026 or 2026-09-30; got {text:?}")),
        },
        Kind::Code => Ok(Some(Value::String((spec.code_named)(&text).map_or(text, str::to_owned)))),
        Kind::Text => Ok(Some(Value::String(text))),
        Kind::Structured => refuse(Rule::TableStructured, "is a list and cannot be read from one cell".to_owned()),
    }
}

/// A number of the kind as a person would type it, for a message.
fn example(kind: Kind) -> &'static str {
    match kind {
        Kind::Money => "1 500 000,50",
        Kind::Count => "40",
        Kind::Year => "2027",
        _ => "62,5",
    }
}

/// A number as people type it in Kazakhstan and elsewhere: thousands apart by spaces (also
/// no-break and thin ones) or by the separator that is not the decimal one, a decimal comma or
/// point, a trailing `%`.
pub fn typed_number(text: &str) -> Option<f64> {
    let mut t: String = text.trim().trim_end_matches('%').chars().filter(|c| !c.is_whitespace()).collect();
    t = t.replace(['\u{2212}', '\u{2013}'], "-");
    let (commas, points) = (t.matches(',').count(), t.matches('.').count());
    t = match (commas, points) {
        (0, _) if points > 1 => t.replace('.', ""),
        (_, 0) if commas > 1 => t.replace(',', ""),
        (1, 0) => t.replace(',', "."),
        (0, _) => t,
        // Both: the last one is the decimal separator.
        _ if t.rfind(',') > t.rfind('.') => t.replace('.', "").replace(',', "."),
        _ => t.replace(',', ""),
    };
    let ok = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == 'e' || c == 'E');
    t.parse::<f64>().ok().filter(|x| ok && x.is_finite())
}

/// A date as people type it: 30.09.2026, 2026-09-30, 30/09/2026.
pub fn typed_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y"].iter().find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MonitoringReport;
    use crate::Project;
    use crate::schema::Record;
    use serde_json::json;

    fn spec(name: &str) -> &'static FieldSpec {
        MonitoringReport::FIELDS.iter().find(|f| f.name == name).unwrap()
    }

    fn code() -> &'static FieldSpec {
        Project::FIELDS.iter().find(|f| f.name == "code").unwrap()
    }

    fn text_row(line: usize, cells: &[&str]) -> TableRow {
        TableRow { line, cells: cells.iter().map(|c| TableCell::Text((*c).into())).collect() }
    }

    #[test]
    fn numbers_read_as_people_type_them() {
        for (typed, read) in [
            ("1 500 000,50", 1_500_000.5),
            ("1\u{a0}500\u{202f}000", 1_500_000.0),
            ("1,500,000.50", 1_500_000.5),
            ("1.500.000,50", 1_500_000.5),
            ("60 %", 60.0),
            ("0,5", 0.5),
            ("−3", -3.0),
            ("42", 42.0),
        ] {
            assert_eq!(typed_number(typed), Some(read), "{typed}");
        }
        for bad in ["", "abc", "12a", "1,2.3.4", "inf", "NaN", "--1"] {
            assert_eq!(typed_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_read_as_people_type_them() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 30);
        assert_eq!(typed_date("30.09.2026"), d);
        assert_eq!(typed_date("2026-09-30"), d);
        assert_eq!(typed_date("30/09/2026"), d);
        assert_eq!(typed_date("31.09.2026"), None);
    }

    #[test]
    fn the_header_is_found_under_a_title_by_labels_in_any_language() {
        let table = Table {
            rows: vec![
                text_row(1, &["Отчёт о мониторинге за 3 квартал 2026 года"]),
                text_row(2, &[]),
                text_row(3, &["Код", "Наименование", "Дайындығы, %", "jobs_created", "Investment to date", "Статус:"]),
                text_row(4, &["35-0001", "Завод", "60", "40", "", "Строительство"]),
            ],
        };
        let (at, cols) = columns(&table, code(), MonitoringReport::FIELDS).unwrap();
        assert_eq!(at, 2);
        assert_eq!(cols.key, 0);
        let named: Vec<_> = cols.fields.iter().map(|(c, f)| (*c, f.name)).collect();
        assert_eq!(named, vec![(2, "progress_pct"), (3, "jobs_created"), (5, "status")]);
        assert_eq!(cols.ignored, vec!["Наименование".to_owned(), "Investment to date".to_owned()]);
    }

    #[test]
    fn a_header_without_key_or_fields_or_with_a_field_twice_is_named() {
        let table = |cells: &[&str]| Table { rows: vec![text_row(1, cells)] };
        let header = |cells: &[&str]| columns(&table(cells), code(), MonitoringReport::FIELDS).map(|_| ()).unwrap_err();
        assert_eq!(header(&["Наименование", "progress_pct"]), HeaderProblem::NoKey);
        assert_eq!(header(&["code", "Наименование"]), HeaderProblem::NoField);
        let twice = header(&["code", "progress_pct", "Готовность, %"]);
        assert!(matches!(twice, HeaderProblem::Twice { field: "progress_pct", .. }), "{twice:?}");
    }

    #[test]
    fn cells_become_feature_values_by_their_fields_kind() {
        let t = |s: &str| TableCell::Text(s.into());
        assert_eq!(value(spec("investment_kzt"), &t("1 500 000,50")), Ok(Some(json!(1_500_000.5))));
        assert_eq!(value(spec("jobs_created"), &TableCell::Number(40.0)), Ok(Some(json!(40))));
        assert_eq!(value(spec("reported_on"), &t("05.10.2026")), Ok(Some(json!("2026-10-05"))));
        let d = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        assert_eq!(value(spec("reported_on"), &TableCell::Date(d)), Ok(Some(json!("2026-10-05"))));
        assert_eq!(value(spec("status"), &t("Строительство")), Ok(Some(json!("construction"))));
        assert_eq!(value(spec("status"), &t("construction")), Ok(Some(json!("construction"))));
        assert_eq!(value(spec("comment"), &t(" Қазақ тілі: әғқңөұүһі ")), Ok(Some(json!("Қазақ тілі: әғқңөұүһі"))));
        assert_eq!(value(spec("comment"), &TableCell::Empty), Ok(None));
        assert_eq!(value(spec("progress_pct"), &t("   ")), Ok(None));
        let refused = value(spec("progress_pct"), &t("шестьдесят")).unwrap_err();
        assert_eq!(refused.rule, Rule::TypeNumber);
        assert!(refused.message.contains("шестьдесят"), "{}", refused.message);
        assert_eq!(value(spec("reported_on"), &t("завтра")).unwrap_err().rule, Rule::DateFormat);
    }
}
