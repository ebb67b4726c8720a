//! The merge bill of an import, read back as an official would: the PDF's text and the
//! workbook's sheets.

use chrono::{TimeZone, Utc};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{BillFormat, Env, Indmap, PrintLang};
use serde_json::json;

mod common;

fn pdf_text(bytes: &[u8], dir: &std::path::Path) -> String {
    common::pdf_text(bytes, dir, "bill.pdf")
}

/// A preview of the ministry taking in a file from Karaganda that adds one project and then
/// raises its cost.
fn preview(dir: &std::path::Path) -> (Indmap, indmap_api::ImportReport) {
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
    let mut a = Indmap::init(&dir.join("a.sqlite"), karaganda, Env::fixed("planner", at)).unwrap();
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
        "name_kk": "Құрылыс зауыты", "name_ru": "Завод стройматериалов", "region": "35", "status": "design",
        "cost_kzt": 1_000_000_000,
    }});
    a.add_projects(&feature.to_string()).unwrap();
    let first = dir.join("first.gpkg");
    a.export(&first, None).unwrap();
    let later = Utc.with_ymd_and_hms(2027, 2, 3, 9, 0, 0).unwrap();
    let mut ministry = Indmap::init(&dir.join("m.sqlite"), Scope::Ministry, Env::fixed("ministry", later)).unwrap();
    ministry.import(&first, false).unwrap();
    let patch = json!({"type": "Feature", "geometry": null, "properties": {"cost_kzt": 1_500_000_000}});
    a.update_project("35-0001", &patch.to_string()).unwrap();
    let second = dir.join("second.gpkg");
    a.export(&second, None).unwrap();
    let report = ministry.import(&second, true).unwrap();
    (ministry, report)
}

#[test]
fn the_bill_is_dated_by_the_database_clock_and_names_money_in_tenge() {
    let dir = tempfile::tempdir().unwrap();
    let (ministry, report) = preview(dir.path());
    let text = pdf_text(&ministry.merge_bill(&report, PrintLang::Kk, BillFormat::Pdf).unwrap(), dir.path());
    assert!(text.contains("Біріктіру тізімдемесі"), "the Kazakh title survives: {text}");
    assert!(text.contains("03.02.2027"), "printed on the date of the database's clock: {text}");
    assert!(text.contains("Қарағанды облысы (region:35)"), "the sender by its region: {text}");
    // `cost_kzt` is money by the schema's kind: whole tenge with thousands apart.
    assert!(text.contains("1 000 000 000 ₸") && text.contains("1 500 000 000 ₸"), "{text}");
}

#[test]
fn the_workbook_has_a_summary_and_a_sheet_per_kind_of_change() {
    use calamine::{Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let (ministry, report) = preview(dir.path());
    let bytes = ministry.merge_bill(&report, PrintLang::Ru, BillFormat::Xlsx).unwrap();
    let book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Сводка", "Изменения", "Добавлено", "Удалено", "Конфликты", "Отклонено"]);
}

/// A file from a new database that says it is the ministry: its bill says the file waits for
/// the key to be confirmed, and names the fingerprint to compare.
#[test]
fn the_bill_of_a_new_ministry_says_its_key_waits_for_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let env = |user: &str, seed: u64| {
        let mut env = Env::fixed(user, at);
        env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
        env
    };
    let ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 1)).unwrap();
    let file = dir.path().join("ministry.gpkg");
    ministry.export(&file, None).unwrap();
    let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
    let mut k = Indmap::init(&dir.path().join("k.sqlite"), karaganda, env("planner", 2)).unwrap();
    let report = k.import(&file, true).unwrap();
    let text = pdf_text(&k.merge_bill(&report, PrintLang::Ru, BillFormat::Pdf).unwrap(), dir.path());
    let fingerprint = report.signature.fingerprint.unwrap();
    assert!(text.contains(&fingerprint), "{text}");
    assert!(text.contains("файл не импортируется, пока ключ не подтверждён"), "{text}");
}
