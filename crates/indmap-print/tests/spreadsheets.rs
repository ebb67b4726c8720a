//! The XLSX reopened with a reader library, and the CSV as Excel would read it.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use indmap_print::{Lang, PageSetup, table_export};
use std::io::Cursor;

#[test]
fn xlsx_has_a_summary_and_a_sheet_per_region_with_every_field() {
    let projects = sample(300);
    let ctx = ctx(Lang::Kk, PageSetup::default());
    let bytes = table_export::xlsx(&ctx, &projects).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "Жиынтық");
    assert!(names.contains(&"Қарағанды облысы".to_string()), "{names:?}");

    let summary = book.worksheet_range("Жиынтық").unwrap();
    assert_eq!(summary.get_value((0, 0)), Some(&Data::String("Өңір".into())));
    let total_row = (1..summary.height() as u32)
        .find(|r| summary.get_value((*r, 0)) == Some(&Data::String("Барлығы".into())))
        .expect("a totals row");
    assert_eq!(summary.get_value((total_row, 2)), Some(&Data::Float(300.0)));

    let karaganda: Vec<&indmap_core::Project> = projects.iter().filter(|p| p.region.as_str() == "35").collect();
    let sheet = book.worksheet_range("Қарағанды облысы").unwrap();
    assert_eq!(sheet.height(), karaganda.len() + 1);
    assert_eq!(sheet.get_value((0, 1)), Some(&Data::String("Атауы (қаз.)".into())));
    let first = karaganda[0];
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::String(first.code.as_ref().unwrap().to_string())));
    assert_eq!(sheet.get_value((1, 1)), Some(&Data::String(first.name_kk.clone())));
    let Some(Data::Float(cost)) = sheet.get_value((1, 15)) else { panic!("cost is a number") };
    assert!((cost - first.cost.unwrap().minor() as f64 / 1e8).abs() < 1e-6);
    let header: Vec<String> =
        (0..sheet.width() as u32).filter_map(|c| sheet.get_value((0, c)).map(|v| v.to_string())).collect();
    assert!(header.len() >= 50, "every field has a column: {header:?}");
}

#[test]
fn csv_starts_with_a_bom_and_round_trips_kazakh_letters() {
    let mut projects = sample(20);
    projects[0].name_kk = "Әғқңөұүһі; «тырнақша» \"quoted\"".into();
    let ctx = ctx(Lang::Kk, PageSetup::default());
    let bytes = table_export::csv(&ctx, &projects);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 21);
    assert!(lines[0].starts_with("Коды;Атауы (қаз.)"), "{}", lines[0]);
    // A field with the separator or quotes is quoted, quotes doubled.
    assert!(lines[1].contains("\"Әғқңөұүһі; «тырнақша» \"\"quoted\"\"\""), "{}", lines[1]);
}

/// A name that starts like a formula is a name in Excel too: it is never run on opening.
#[test]
fn csv_cells_that_start_like_formulas_are_written_as_text() {
    let mut projects = sample(4);
    for (p, name) in projects.iter_mut().zip(["=HYPERLINK(\"http://x\")", "+1+1", "-2-2", "@SUM(A1)"]) {
        p.name_kk = name.into();
    }
    let ctx = ctx(Lang::Kk, PageSetup::default());
    let text = String::from_utf8(table_export::csv(&ctx, &projects)[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    for (line, name) in lines[1..].iter().zip(["'=HYPERLINK(\"\"http://x\"\")", "'+1+1", "'-2-2", "'@SUM(A1)"]) {
        let cells: Vec<&str> = line.split(';').collect();
        assert!(cells[1] == name || cells[1] == format!("\"{name}\""), "{line}");
        assert!(!cells.iter().any(|c| c.trim_start_matches('"').starts_with(['=', '+', '@'])), "{line}");
    }
}

/// The long sheets hold one row per row of every project, with the project's code, name and
/// region first and codes by their labels, so an analyst can pivot them.
#[test]
fn xlsx_has_a_long_sheet_per_list_for_pivot_tables() {
    let projects = sample(120);
    let ctx = ctx(Lang::Kk, PageSetup::default());
    let bytes = table_export::xlsx(&ctx, &projects).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    for sheet in ["Қаржыландыру жоспары", "Кезеңдер", "Іс-шаралар", "Мониторинг есептері"]
    {
        assert!(names.contains(&sheet.to_string()), "{sheet} in {names:?}");
    }
    let cell = |range: &calamine::Range<Data>, r: u32, c: u32| {
        range.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default()
    };

    let financing = book.worksheet_range("Қаржыландыру жоспары").unwrap();
    let rows: Vec<(&indmap_core::Project, &indmap_core::FinancingRow)> =
        projects.iter().flat_map(|p| p.financing.iter().map(move |f| (p, f))).collect();
    assert_eq!(financing.height(), rows.len() + 1, "a row per financing row, and the header");
    let header: Vec<String> = (0..financing.width() as u32).map(|c| cell(&financing, 0, c)).collect();
    assert_eq!(header[..7], ["Коды", "Атауы", "Өңір", "KATO", "Көзі", "Сомасы, млн ₸", "Жылы"]);
    let (p, f) = rows[0];
    assert_eq!(cell(&financing, 1, 0), p.code.as_ref().unwrap().to_string());
    assert_eq!(cell(&financing, 1, 1), p.name_kk);
    assert_eq!(cell(&financing, 1, 3), p.region.as_str());
    let source = ctx.sources.iter().find(|s| s.code == f.source).unwrap();
    assert_eq!(cell(&financing, 1, 4), source.label.kk, "the source by its label");
    let Some(Data::Float(amount)) = financing.get_value((1, 5)) else { panic!("the amount is a number") };
    assert!((amount - f.amount.minor() as f64 / 1e8).abs() < 1e-6);
    assert_eq!(financing.get_value((1, 6)), Some(&Data::Float(f64::from(f.year))));
    assert_eq!(cell(&financing, 1, 7), f.status.label().kk, "a closed list's code by its label");

    let support = book.worksheet_range("Алынған қолдау шаралары").unwrap();
    let measures: Vec<u8> = projects.iter().flat_map(|p| p.support_measures.iter().map(|s| s.measure)).collect();
    assert_eq!(support.height(), measures.len() + 1);
    assert_eq!(cell(&support, 0, 5), "Қолдау шарасы");
    let label = indmap_core::reference::support_measure(measures[0]).unwrap();
    assert_eq!(cell(&support, 1, 5), label.kk, "each measure is named");
    let reports: usize = projects.iter().map(|p| p.monitoring.len()).sum();
    assert_eq!(book.worksheet_range("Мониторинг есептері").unwrap().height(), reports + 1);

    // Every sheet prints landscape, one page wide, its header repeated, its pages numbered.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let read = |zip: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let workbook = read(&mut zip, "xl/workbook.xml");
    for (i, _) in names.iter().enumerate() {
        let sheet = read(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(sheet.contains(r#"orientation="landscape""#) && sheet.contains(r#"fitToHeight="0""#), "sheet {i}");
        assert!(sheet.contains("<fitToPage") || sheet.contains(r#"fitToPage="1""#), "sheet {i} fits to width");
        assert!(sheet.contains("&amp;P") && sheet.contains("&amp;N"), "sheet {i} numbers its pages");
        assert!(workbook.contains(&format!(r#"localSheetId="{i}">"#)), "sheet {i} repeats its header row");
    }
}
