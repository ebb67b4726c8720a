//! Real files: XLSX written by rust_xlsxwriter (as Excel writes them), CSV as Excel saves it,
//! and hostile ones that must be refused with a reason, never read without bound.

use chrono::NaiveDate;
use indmap_core::table::{TableCell, TableRow};
use indmap_sheet::{Format, SheetError, read, read_bytes};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use std::io::Write;

fn text(s: &str) -> TableCell {
    TableCell::Text(s.into())
}

#[test]
fn an_akimat_workbook_reads_with_its_title_block_numbers_dates_and_kazakh_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("мониторинг 2026-Q3.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Пустой").unwrap();
    let sheet = book.add_worksheet().set_name("Отчёт").unwrap();
    sheet.write_string(0, 0, "Қарағанды облысы: 2026 жылғы 3-тоқсан").unwrap();
    for (col, h) in ["Код", "Дайындығы, %", "Есеп күні", "Түсініктеме"].iter().enumerate()
    {
        sheet.write_string(2, col as u16, *h).unwrap();
    }
    sheet.write_string(3, 0, "35-0001").unwrap();
    sheet.write_number(3, 1, 62.5).unwrap();
    let date = ExcelDateTime::from_ymd(2026, 10, 5).unwrap();
    sheet.write_datetime_with_format(3, 2, &date, &CellFormat::new().set_num_format("dd.mm.yyyy")).unwrap();
    sheet.write_string(3, 3, "Құрылыс жүріп жатыр: әғқңөұүһі").unwrap();
    sheet.write_string(5, 0, "35-0002").unwrap();
    book.save(&path).unwrap();

    let table = read(&path, None).unwrap();
    assert_eq!(table.rows.len(), 4, "the empty first sheet is passed over, and empty rows are not rows");
    assert_eq!(table.rows[0].line, 1);
    assert_eq!(
        table.rows[1],
        TableRow {
            line: 3, cells: vec![text("Код"), text("Дайындығы, %"), text("Есеп күні"), text("Түсініктеме")]
        }
    );
    assert_eq!(
        table.rows[2].cells,
        vec![
            text("35-0001"),
            TableCell::Number(62.5),
            TableCell::Date(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()),
            text("Құрылыс жүріп жатыр: әғқңөұүһі"),
        ]
    );
    assert_eq!(table.rows[3], TableRow { line: 6, cells: vec![text("35-0002")] });

    assert_eq!(read(&path, Some("пустой")).unwrap().rows, vec![], "a sheet asked for by name is read, even empty");
    match read(&path, Some("Лист1")) {
        Err(e @ SheetError::NoSheet { .. }) => assert!(e.to_string().contains("Отчёт"), "{e}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_semicolon_csv_from_russian_excel_reads_with_its_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251
        .encode("Код;Готовность, %;Комментарий\r\n35-0001;60,5;\"Цех; второй\"\r\n\r\n35-0002;70;\r\n");
    std::fs::write(&path, &bytes).unwrap();
    let table = read(&path, None).unwrap();
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![1, 2, 4]);
    assert_eq!(table.rows[1].cells, vec![text("35-0001"), text("60,5"), text("Цех; второй")]);
    assert_eq!(table.rows[2].cells, vec![text("35-0002"), text("70")]);
}

#[test]
fn old_and_foreign_formats_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xls", "ods"] {
        let path = dir.path().join(format!("report.{ext}"));
        std::fs::write(&path, b"\xD0\xCF\x11\xE0").unwrap();
        let e = read(&path, None).unwrap_err();
        assert!(matches!(e, SheetError::Unsupported(_)) && e.to_string().contains(".xlsx"), "{e}");
    }
    let path = dir.path().join("report.xlsx");
    std::fs::write(&path, b"PK\x03\x04 torn").unwrap();
    assert!(matches!(read(&path, None), Err(SheetError::Unreadable(_))));
    let e = read(&dir.path().join("missing.xlsx"), None).unwrap_err();
    assert!(matches!(e, SheetError::Io { .. }), "{e}");
}

/// A zip whose one entry states it unpacks to more than the bound: refused before unpacking.
#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..600 {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 4 << 20, "the bomb itself is small: {} bytes", bytes.len());
    let e = read_bytes(&bytes, Format::Xlsx, None).unwrap_err();
    assert!(matches!(e, SheetError::TooLarge(_)), "{e}");
}

#[test]
fn a_cell_far_beyond_the_bounds_is_refused_and_one_far_within_costs_nothing() {
    let write = |row: u32, col: u16| {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "code").unwrap();
        sheet.write_string(row, col, "x").unwrap();
        book.save_to_buffer().unwrap()
    };
    let far = read_bytes(&write(1_048_575, 16_383), Format::Xlsx, None).unwrap_err();
    assert!(matches!(far, SheetError::TooLarge(_)), "{far}");
    let wide = read_bytes(&write(10, 16_000), Format::Xlsx, None).unwrap_err();
    assert!(matches!(wide, SheetError::TooLarge(_)), "{wide}");
    let table = read_bytes(&write(150_000, 3), Format::Xlsx, None).unwrap();
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[1].line, 150_001);
}
