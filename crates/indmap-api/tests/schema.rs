//! A field declared once in the schema (`responsible_person`, added with one line in
//! `project.rs` and one migration) reaches every path a project takes: GeoJSON in and out, the
//! database file, an exchange file and a merge with an edit made elsewhere, the XLSX and CSV
//! tables, the passport and the merge bill, each named by the schema's label in kk, ru and en.

use chrono::{TimeZone, Utc};
use indmap_api::core::schema::{Entity, FieldSpec};
use indmap_api::core::{RegionCode, Scope};
use indmap_api::{BillFormat, Env, Indmap, PrintFormat, PrintLang, PrintOutput, PrintRequest, Printout};
use serde_json::{Value, json};
use std::path::Path;

mod common;

const PERSON: &str = "Әлия Қанатқызы Серікова";
const SUCCESSOR: &str = "Нұрлан Ғабитұлы Өтегенов";

fn env(user: &str, seed: u64) -> Env {
    let mut env = Env::fixed(user, Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap());
    env.ids = Box::new(indmap_api::CountingIds { unix_millis: 1_764_000_000_000 + seed * 1_000_000, next: 0 });
    env
}

fn field() -> &'static FieldSpec {
    indmap_api::core::field_spec(Entity::Project, "responsible_person").expect("the schema describes the field")
}

fn label(lang: PrintLang) -> &'static str {
    let f = field();
    match lang {
        PrintLang::Kk => f.label_kk,
        PrintLang::Ru => f.label_ru,
        PrintLang::En => f.label_en,
    }
}

fn value_of(db: &Indmap, code: &str) -> Value {
    indmap_api::core::feature::project_properties(&db.find(code).unwrap())[field().name].clone()
}

/// The text of a PDF in reading order, without spaces or line breaks: a table cell wraps its
/// words onto several lines.
fn pdf_text(bytes: &[u8], dir: &Path, name: &str) -> String {
    squash(&common::pdf_text(bytes, dir, name))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

fn xlsx_cells(bytes: Vec<u8>) -> Vec<String> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        cells.extend(range.rows().flatten().map(|c| c.to_string()));
    }
    cells
}

#[test]
fn a_field_declared_once_reaches_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
    let mut a = Indmap::init(&dir.path().join("a.sqlite"), karaganda, env("planner", 1)).unwrap();
    let feature = json!({"type": "Feature", "geometry": {"type": "Point", "coordinates": [73.1, 49.8]}, "properties": {
        "name_kk": "Құрылыс зауыты", "name_ru": "Завод стройматериалов", "region": "35", "status": "design",
        "responsible_person": PERSON,
    }});
    a.add_projects(&feature.to_string()).unwrap();

    // GeoJSON in and out, and the database file read again by a new connection.
    assert_eq!(value_of(&a, "35-0001"), json!(PERSON));
    drop(a);
    let mut a = Indmap::open(&dir.path().join("a.sqlite"), env("planner", 1)).unwrap();
    assert_eq!(value_of(&a, "35-0001"), json!(PERSON));
    let column: Option<String> = rusqlite::Connection::open(dir.path().join("a.sqlite"))
        .unwrap()
        .query_row(&format!("SELECT {} FROM projects", field().columns[0]), [], |r| r.get(0))
        .unwrap();
    assert_eq!(column.as_deref(), Some(PERSON), "kept in the column the schema names");

    // An exchange file: the ministry takes the project in; then the akimat edits the field and
    // the second file merges the edit.
    let first = dir.path().join("first.gpkg");
    a.export(&first, None).unwrap();
    let mut ministry = Indmap::init(&dir.path().join("m.sqlite"), Scope::Ministry, env("ministry", 2)).unwrap();
    ministry.import(&first, false).unwrap();
    assert_eq!(value_of(&ministry, "35-0001"), json!(PERSON));
    let patch = json!({"type": "Feature", "geometry": null, "properties": {"responsible_person": SUCCESSOR}});
    assert_eq!(a.update_project("35-0001", &patch.to_string()).unwrap().proposed, 0);
    let second = dir.path().join("second.gpkg");
    a.export(&second, None).unwrap();
    let preview = ministry.import(&second, true).unwrap();
    let change = preview.changed.iter().flat_map(|u| &u.fields).find(|f| f.field == field().name);
    let change = change.expect("the preview lists the field's change");
    assert_eq!((&change.old, &change.new), (&json!(PERSON), &json!(SUCCESSOR)));
    ministry.import(&second, false).unwrap();
    assert_eq!(value_of(&ministry, "35-0001"), json!(SUCCESSOR));

    // The table (XLSX and CSV), the passport and the merge bill name it by its label.
    let printed = |printout: Printout, lang: PrintLang, format: PrintFormat| {
        let request =
            PrintRequest { printout, lang, filter: indmap_api::core::ProjectFilter::default(), ..Default::default() };
        let output = PrintOutput::new(format);
        ministry.print(&request, &output, &mut |_, _| std::ops::ControlFlow::Continue(())).unwrap().unwrap().remove(0)
    };
    for lang in [PrintLang::Kk, PrintLang::Ru, PrintLang::En] {
        let cells = xlsx_cells(printed(Printout::Table, lang, PrintFormat::Xlsx));
        assert!(cells.iter().any(|c| c == label(lang)), "the XLSX has a column {:?}", label(lang));
        assert!(cells.iter().any(|c| c == SUCCESSOR), "and the value in it");
        let csv = String::from_utf8(printed(Printout::Table, lang, PrintFormat::Csv)).unwrap();
        assert!(csv.lines().next().unwrap().contains(label(lang)) && csv.contains(SUCCESSOR), "the CSV too");

        let passport = Printout::Passport { project: "35-0001".into() };
        let passport = pdf_text(&printed(passport, lang, PrintFormat::Pdf), dir.path(), "passport.pdf");
        assert!(
            passport.contains(&squash(label(lang))) && passport.contains(&squash(SUCCESSOR)),
            "the passport: {passport}"
        );

        let bill = pdf_text(&ministry.merge_bill(&preview, lang, BillFormat::Pdf).unwrap(), dir.path(), "bill.pdf");
        let named = squash(&format!("{} ({})", label(lang), field().name));
        assert!(bill.contains(&named) && bill.contains(&squash(SUCCESSOR)), "the bill names {named}: {bill}");
    }
}
