//! A quarter's reports for a region's projects at once, from the window's grid or a spreadsheet:
//! every row checked by the report's rules, the good ones written in one transaction, the others
//! refused row by row with the field and the rule, other periods untouched.

mod common;

use common::{env, region};
use indmap_api::core::table::{Table, TableCell, TableRow};
use indmap_api::core::{Money, Rule, Scope, Status};
use indmap_api::{ErrorKind, Indmap, ReportsTaken};
use serde_json::json;

fn karaganda(dir: &std::path::Path) -> Indmap {
    let mut db = Indmap::init(&dir.join("k.sqlite"), region("35"), env("planner", 1)).unwrap();
    let project = |n: u32, status: &str| {
        json!({"type": "Feature", "geometry": null, "properties": {
            "name_kk": format!("Зауыт {n}"), "name_ru": format!("Завод {n}"), "region": "35", "status": status,
            "monitoring": [{"period": "2026-Q2", "progress_pct": 30, "comment": "Іргетас құйылды"}]}})
    };
    let features = json!({"type": "FeatureCollection", "features": [
        project(1, "construction"), project(2, "construction"), project(3, "design"), project(4, "included"),
        project(5, "candidate"),
    ]});
    db.add_projects(&features.to_string()).unwrap();
    db
}

fn rows(lines: &[&[&str]]) -> Table {
    Table {
        rows: lines
            .iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                line: i + 1,
                cells: cells
                    .iter()
                    .map(|c| if c.is_empty() { TableCell::Empty } else { TableCell::Text((*c).into()) })
                    .collect(),
            })
            .collect(),
    }
}

/// Each refused line with the fields and rules of its problems.
type Refusals<'a> = Vec<(usize, Vec<(&'a str, Rule)>)>;

fn lines(taken: &ReportsTaken) -> (Vec<(usize, &str)>, Refusals<'_>) {
    let taken_lines = taken.taken.iter().map(|t| (t.line, t.code.as_str())).collect();
    let refused = taken
        .refused
        .iter()
        .map(|r| (r.line, r.problems.iter().map(|p| (p.field.as_str(), p.rule)).collect()))
        .collect();
    (taken_lines, refused)
}

const HEADER: &[&str] = &["Код", "Атауы", "Дайындығы, %", "jobs_created", "Освоено на дату", "Статус", "Түсініктеме"];

#[test]
fn a_quarter_from_a_grid_takes_the_good_rows_refuses_the_bad_and_keeps_the_other_quarters() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let before = k.history("35-0002").unwrap().len();
    let table = rows(&[
        &["Қарағанды облысы, 2026 жылғы 3-тоқсан"],
        HEADER,
        &["35-0001", "Завод 1", "60,5", "40", "1 500 000,50", "Строительство", "Қабырғалар: әғқңөұүһі"],
        &["35-0002", "Завод 2", "120", "12", "", "", ""],
        &["35-9999", "Не наш", "10", "", "", "", ""],
        &[],
        &["35-0003", "Завод 3", "", "", "", "", ""],
        &["35-0001", "Завод 1 ещё раз", "70", "", "", "", ""],
        &["35-0004", "Завод 4", "10", "шесть", "", "Жоқ", ""],
    ]);
    let taken = k.put_reports("2026-Q3", &table, false).unwrap();
    let (taken_lines, refused) = lines(&taken);
    assert_eq!(taken_lines, vec![(3, "35-0001")]);
    assert_eq!(
        refused,
        vec![
            (4, vec![("progress_pct", Rule::PercentRange)]),
            (5, vec![("code", Rule::ReportProjectUnknown)]),
            (8, vec![("code", Rule::ReportRowTwice)]),
            (9, vec![("jobs_created", Rule::TypeNumber), ("status", Rule::CodeUnknown)]),
        ]
    );
    assert_eq!(taken.skipped, vec![7]);
    assert_eq!(taken.ignored_columns, vec!["Атауы".to_owned()]);
    assert!(taken.written && taken.taken[0].new);

    let p1 = k.find("35-0001").unwrap();
    let q3 = p1.monitoring.iter().find(|m| m.period == "2026-Q3").unwrap();
    assert_eq!(q3.progress_pct, Some(60.5));
    assert_eq!(q3.jobs_created, Some(40));
    assert_eq!(q3.investment, Some(Money(150_000_050)), "1 500 000,50 ₸ is 150,000,050 tiyn");
    assert_eq!(q3.status, Some(Status::Construction));
    assert_eq!(q3.comment.as_deref(), Some("Қабырғалар: әғқңөұүһі"));
    assert_eq!(q3.reported_by.as_deref(), Some("planner"), "a new report is signed by the user");
    assert_eq!(q3.reported_on.map(|d| d.to_string()).as_deref(), Some("2026-11-25"));
    let q2 = p1.monitoring.iter().find(|m| m.period == "2026-Q2").unwrap();
    assert_eq!((q2.progress_pct, q2.comment.as_deref()), (Some(30.0), Some("Іргетас құйылды")));
    assert_eq!(k.history("35-0002").unwrap().len(), before, "a refused row leaves its project as it was");
    assert!(k.find("35-0004").unwrap().monitoring.iter().all(|m| m.period != "2026-Q3"));

    // By hand: 4 projects on the map (the candidate does not report), 1 has reported Q3.
    let status = k.reporting(Some("2026-Q3")).unwrap();
    assert_eq!((status.regions[0].due, status.regions[0].reported), (4, 1));
    // The grid shows the same four, the reported one with its values.
    let sheet = k.report_sheet(Some("2026-Q3")).unwrap();
    let codes: Vec<(&str, bool)> = sheet.rows.iter().map(|r| (r.code.as_str(), r.reported)).collect();
    assert_eq!(codes, vec![("35-0001", true), ("35-0002", false), ("35-0003", false), ("35-0004", false)]);
    let column = |name: &str| sheet.columns.iter().position(|c| c.name == name).unwrap();
    assert_eq!(sheet.rows[0].values[column("progress_pct")], json!(60.5));
    assert_eq!(sheet.rows[0].values[column("investment_kzt")], json!(1_500_000.5));
    assert_eq!(sheet.rows[1].values[column("progress_pct")], serde_json::Value::Null);
    assert!(sheet.columns.iter().all(|c| c.name != "period"));
}

#[test]
fn a_table_changes_only_its_own_columns_and_taking_it_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let first = rows(&[&["code", "progress_pct", "comment"], &["35-0002", "45", "Шатыр"]]);
    k.put_reports("2026-Q3", &first, false).unwrap();
    // A second table with progress only: the comment of the report stays, its signature too.
    let second = rows(&[&["Код", "Готовность, %"], &["35-0002", "55"]]);
    let taken = k.put_reports("2026-Q3", &second, false).unwrap();
    assert_eq!((taken.taken[0].new, taken.taken[0].changed_fields), (false, 1));
    let q3 = k.find("35-0002").unwrap().monitoring.into_iter().find(|m| m.period == "2026-Q3").unwrap();
    assert_eq!(
        (q3.progress_pct, q3.comment.as_deref(), q3.reported_by.as_deref()),
        (Some(55.0), Some("Шатыр"), Some("planner"))
    );

    let log = k.history("35-0002").unwrap().len();
    let again = k.put_reports("2026-Q3", &second, false).unwrap();
    assert_eq!((again.taken[0].changed_fields, again.written), (0, false));
    assert_eq!(k.history("35-0002").unwrap().len(), log, "nothing new in the log");

    // An empty cell clears its field.
    let cleared =
        k.put_reports("2026-Q3", &rows(&[&["code", "comment", "progress_pct"], &["35-0002", "", "55"]]), false);
    assert_eq!(cleared.unwrap().taken[0].changed_fields, 1);
    let q3 = k.find("35-0002").unwrap().monitoring.into_iter().find(|m| m.period == "2026-Q3").unwrap();
    assert_eq!(q3.comment, None);
}

#[test]
fn checking_a_table_writes_nothing_and_says_what_would_be_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let table = rows(&[&["code", "progress_pct"], &["35-0001", "50"], &["35-0002", "60"]]);
    let checked = k.put_reports("2026-Q3", &table, true).unwrap();
    assert_eq!(lines(&checked).0, vec![(2, "35-0001"), (3, "35-0002")]);
    assert!(!checked.written);
    assert_eq!(k.reporting(Some("2026-Q3")).unwrap().regions[0].reported, 0);
}

#[test]
fn a_table_that_names_no_code_column_or_a_bad_period_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let refusal = |r: indmap_api::Result<ReportsTaken>| {
        let e = r.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        (e.problems[0].field.clone(), e.problems[0].rule)
    };
    let no_code = rows(&[&["Атауы", "Готовность, %"], &["Завод 1", "50"]]);
    assert_eq!(refusal(k.put_reports("2026-Q3", &no_code, false)), ("header".into(), Rule::TableNoKey));
    let no_field = rows(&[&["Код", "Атауы"], &["35-0001", "Завод 1"]]);
    assert_eq!(refusal(k.put_reports("2026-Q3", &no_field, false)), ("header".into(), Rule::TableNoField));
    let ok = rows(&[&["code", "progress_pct"], &["35-0001", "50"]]);
    assert_eq!(refusal(k.put_reports("III кв. 2026", &ok, false)), ("period".into(), Rule::PeriodFormat));
    let other = rows(&[&["code", "period", "progress_pct"], &["35-0001", "2026-Q2", "50"]]);
    let taken = k.put_reports("2026-Q3", &other, false).unwrap();
    assert_eq!(lines(&taken).1, vec![(2, vec![("period", Rule::ReportPeriodOther)])]);
    let old = k.find("35-0001").unwrap().monitoring;
    assert_eq!(old.len(), 1, "the Q2 report was not replaced by a row of another table");
}

#[test]
fn the_ministry_cannot_write_a_regions_reports() {
    let dir = tempfile::tempdir().unwrap();
    let k = karaganda(dir.path());
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    let file = dir.path().join("k.gpkg");
    k.export(&file, None).unwrap();
    ministry.import(&file, false).unwrap();
    let taken =
        ministry.put_reports("2026-Q3", &rows(&[&["code", "progress_pct"], &["35-0001", "50"]]), false).unwrap();
    assert_eq!(lines(&taken).1, vec![(2, vec![("code", Rule::ReportNotOwner)])]);
    assert!(!taken.written);
}

#[test]
fn a_workbook_and_a_csv_import_as_a_quarter() {
    let dir = tempfile::tempdir().unwrap();
    let mut k = karaganda(dir.path());
    let xlsx = dir.path().join("Мониторинг III кв.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Есеп").unwrap();
    sheet.write_string(0, 0, "Мониторинг проектов карты индустриализации, III квартал 2026 года").unwrap();
    for (col, h) in
        ["№", "Код проекта", "Коды", "Готовность, %", "Создано рабочих мест", "Дата отчёта"].iter().enumerate()
    {
        sheet.write_string(2, col as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 5).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    for (i, (code, pct, jobs)) in
        [("35-0001", 61.0, 40.0), ("35-0002", 48.5, 12.0), ("35-0003", 10.0, 0.0)].iter().enumerate()
    {
        let row = 3 + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64).unwrap();
        sheet.write_string(row, 2, *code).unwrap();
        sheet.write_number(row, 3, *pct).unwrap();
        sheet.write_number(row, 4, *jobs).unwrap();
        sheet.write_datetime_with_format(row, 5, &date, &format).unwrap();
    }
    book.save(&xlsx).unwrap();
    let taken = k.import_reports(&xlsx, "2026-Q3", None, false).unwrap();
    assert_eq!(lines(&taken).0, vec![(4, "35-0001"), (5, "35-0002"), (6, "35-0003")]);
    assert_eq!(taken.ignored_columns, vec!["№".to_owned(), "Код проекта".to_owned()]);
    let q3 = k.find("35-0002").unwrap().monitoring.into_iter().find(|m| m.period == "2026-Q3").unwrap();
    assert_eq!((q3.progress_pct, q3.jobs_created), (Some(48.5), Some(12)));
    assert_eq!(q3.reported_on.unwrap().to_string(), "2026-10-05");

    let csv = dir.path().join("q4.csv");
    std::fs::write(&csv, "\u{feff}Коды;Дайындығы, %;Түсініктеме\n35-0004;5,5;Жобалау басталды: әғқңөұүһі\n").unwrap();
    let taken = k.import_reports(&csv, "2026-Q4", None, false).unwrap();
    assert_eq!(lines(&taken).0, vec![(2, "35-0004")]);
    let q4 = k.find("35-0004").unwrap().monitoring.into_iter().find(|m| m.period == "2026-Q4").unwrap();
    assert_eq!((q4.progress_pct, q4.comment.as_deref()), (Some(5.5), Some("Жобалау басталды: әғқңөұүһі")));

    let xls = dir.path().join("old.xls");
    std::fs::write(&xls, b"\xD0\xCF\x11\xE0").unwrap();
    let e = k.import_reports(&xls, "2026-Q3", None, false).unwrap_err();
    assert_eq!((e.problems[0].field.as_str(), e.problems[0].rule), ("file", Rule::SheetUnsupported));
    assert!(e.message.contains(".xlsx"), "{}", e.message);
}
