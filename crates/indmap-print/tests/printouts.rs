//! Printouts read back as an official's tools would: page count and size, the text in Kazakh
//! and Russian, and the pages' pictures against committed references.

mod common;

use common::*;
use indmap_core::RegionCode;
use indmap_print::*;
use std::path::Path;

const A4_PT: (f64, f64) = (595.28, 841.89);
const A3_PT: (f64, f64) = (841.89, 1190.55);

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.5
}

#[test]
fn national_map_in_kazakh_is_a_searchable_a4_landscape_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(300);
    let ctx = ctx(Lang::Kk, PageSetup::new(Paper::A4, true));
    let doc = map_document(&ctx, &projects, MapOptions::default());
    let pdf = write(dir.path(), "kz.pdf", &doc.to_pdf().unwrap());
    let (pages, w, h) = pdfinfo(&pdf);
    assert_eq!(pages, 1);
    assert!(close(w, A4_PT.1) && close(h, A4_PT.0), "{w}×{h}");
    let text = pdftotext(&pdf, None);
    for expected in [
        "Индустрияландыру картасы — Қазақстан Республикасы",
        "ҚАРАҒАНДЫ ОБЛЫСЫ",
        "ШЫҒЫС ҚАЗАҚСТАН ОБЛЫСЫ",
        "Шартты белгілер",
        "Масштаб",
        "Бет 1 / 1",
        "0193a5b2-0000-7000-8000-000000000001",
        "sha256:00112233445566778899aabbccddeeff",
        "25.11.2026",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF's text:\n{text}");
    }
    // Every Kazakh letter survives the trip through the embedded font.
    for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "і"] {
        assert!(text.contains(letter), "{letter} is missing from the text");
    }
    assert_matches_reference("map-kz-a4-landscape-kk.png", &pdftoppm(&pdf, 1, 30), 0.02);
}

#[test]
fn png_and_svg_show_the_same_page_as_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(300);
    let ctx = ctx(Lang::Ru, PageSetup::new(Paper::A4, false));
    let options = MapOptions { region: RegionCode::parse("35"), by: SymbolBy::Sector };
    let doc = map_document(&ctx, &projects, options);
    let pdf = write(dir.path(), "r35.pdf", &doc.to_pdf().unwrap());
    let from_pdf = pdftoppm(&pdf, 1, 30);
    assert_matches_reference("map-35-a4-portrait-ru.png", &from_pdf, 0.02);
    let png = doc.pages[0].to_png(30.0).unwrap();
    let diff = common::difference(&from_pdf, &png);
    assert!(diff < 0.03, "the PNG differs from the PDF by {diff}");
    let svg = doc.pages[0].to_svg();
    assert!(svg.starts_with("<svg") && svg.contains("width=\"210mm\"") && svg.contains("Карагандинская область"));
    let text = pdftotext(&pdf, None);
    assert!(text.contains("Карта индустриализации — Карагандинская область"), "{text}");
    assert!(text.contains("По отраслям"), "the legend names what the colours mean");
}

#[test]
fn a3_pages_are_a3() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(50);
    let doc = map_document(&ctx(Lang::En, PageSetup::new(Paper::A3, false)), &projects, MapOptions::default());
    let pdf = write(dir.path(), "a3.pdf", &doc.to_pdf().unwrap());
    let (_, w, h) = pdfinfo(&pdf);
    assert!(close(w, A3_PT.0) && close(h, A3_PT.1), "{w}×{h}");
    assert!(pdftotext(&pdf, None).contains("Industrialization map — Republic of Kazakhstan"));
}

#[test]
fn a_map_with_no_projects_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let doc = map_document(&ctx(Lang::Ru, PageSetup::default()), &[], MapOptions::default());
    let pdf = write(dir.path(), "empty.pdf", &doc.to_pdf().unwrap());
    let text = pdftotext(&pdf, None);
    assert!(text.contains("Нет проектов по выбранным фильтрам"), "{text}");
    assert!(text.contains("Проекты: 0"), "{text}");
    assert_matches_reference("map-empty-a4-ru.png", &pdftoppm(&pdf, 1, 30), 0.02);
}

#[test]
fn a_crowded_map_of_2000_projects_keeps_labels_apart_and_counts_what_it_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(2000);
    let doc = map_document(&ctx(Lang::Ru, PageSetup::new(Paper::A4, true)), &projects, MapOptions::default());
    let pdf = write(dir.path(), "crowded.pdf", &doc.to_pdf().unwrap());
    let text = pdftotext(&pdf, None);
    assert!(text.contains("Проекты: 2 000") || text.contains("Проекты: 2\u{a0}000"), "{text}");
    assert!(text.contains("подписей не показано"), "dropped labels are counted: {text}");
    assert_matches_reference("map-kz-2000-a4-landscape-ru.png", &pdftoppm(&pdf, 1, 30), 0.02);
}

#[test]
fn names_of_200_characters_are_cut_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    let mut projects = sample(12);
    let long = "Строительство завода по производству высокотехнологичной продукции глубокой переработки ".repeat(3);
    let long: String = long.chars().take(200).collect();
    for p in &mut projects {
        p.name_ru = long.clone();
        p.initiator = Some(long.clone());
        p.region = RegionCode::parse("35").unwrap();
    }
    let ctx = ctx(Lang::Ru, PageSetup::default());
    let doc = atlas_document(&ctx, &projects, SymbolBy::Status, &mut |_, _| {});
    let pdf = write(dir.path(), "long.pdf", &doc.to_pdf().unwrap());
    let text = pdftotext(&pdf, None);
    assert!(text.contains("Строительство завода по"), "{text}");
    assert!(text.contains('…'), "cut names end with an ellipsis");
    assert!(!text.contains(&long), "a 200-character name never runs off its cell");
    assert_matches_reference("atlas-long-names-table.png", &pdftoppm(&pdf, 3, 30), 0.02);
}

#[test]
fn the_atlas_has_an_overview_then_a_map_and_a_continuing_table_per_region() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(400);
    let ctx = ctx(Lang::Ru, PageSetup::default());
    let mut progress = Vec::new();
    let doc = atlas_document(&ctx, &projects, SymbolBy::Status, &mut |done, total| progress.push((done, total)));
    let pdf = write(dir.path(), "atlas.pdf", &doc.to_pdf().unwrap());
    let (pages, _, _) = pdfinfo(&pdf);
    assert_eq!(pages, doc.pages.len());
    assert_eq!(progress.last(), Some(&(pages, pages)));
    let regions =
        indmap_core::reference::REGIONS.iter().filter(|r| projects.iter().any(|p| p.region.as_str() == r.kato)).count();
    assert!(pages > 1 + 2 * regions, "{pages} pages for {regions} regions: some table must continue");

    let texts: Vec<String> = (1..=pages).map(|i| pdftotext(&pdf, Some(i))).collect();
    assert!(texts[0].contains("Атлас карты индустриализации"));
    assert!(texts[1].contains("Карта индустриализации — область Абай"), "{}", texts[1]);
    let tables: Vec<&String> = texts.iter().filter(|t| t.contains("Наименование")).collect();
    assert!(tables.len() > regions, "every table page repeats the header");
    assert!(texts.iter().any(|t| t.contains("(продолжение)")), "a continued table says so");
    assert_eq!(texts.iter().filter(|t| t.contains("Итого")).count(), regions, "one totals row per region");
    for (i, t) in texts.iter().enumerate() {
        assert!(t.contains(&format!("Страница {} из {pages}", i + 1)), "page {} is numbered: {t}", i + 1);
    }
}

#[test]
fn the_passport_has_two_pages_with_financing_schedule_and_monitoring() {
    let dir = tempfile::tempdir().unwrap();
    let projects = sample(300);
    let p =
        projects.iter().find(|p| p.financing.len() > 2 && !p.monitoring.is_empty() && !p.actions.is_empty()).unwrap();
    let doc = passport_document(&ctx(Lang::Kk, PageSetup::default()), p);
    let pdf = write(dir.path(), "passport.pdf", &doc.to_pdf().unwrap());
    assert_eq!(pdfinfo(&pdf).0, 2);
    let text = pdftotext(&pdf, None);
    for expected in
        ["Жоба паспорты", p.name_kk.as_str(), "Қаржыландыру", "Іске асыру кестесі", "Іс-шаралар жоспары", "Мониторинг"]
    {
        let head: String = expected.chars().take(30).collect();
        assert!(text.contains(&head), "{head:?} is not in the passport:\n{text}");
    }
    assert!(text.contains(&p.financing[0].year.to_string()));
    assert_matches_reference("passport-p1-kk.png", &pdftoppm(&pdf, 1, 30), 0.025);
}

#[test]
fn standalone_charts_render_as_png_and_svg() {
    let projects = sample(300);
    let ctx = ctx(Lang::Ru, PageSetup::default());
    for kind in ChartKind::ALL {
        let page = chart_page(&ctx, kind, &projects);
        let png = page.to_png(60.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = page.to_svg();
        assert!(svg.contains("<text"), "{kind:?} has text");
    }
    let page = chart_page(&ctx, ChartKind::ProjectsByRegion, &projects);
    assert!(page.to_svg().contains("Карагандинская область"));
}

#[test]
fn the_reference_comparison_tells_different_pages_apart() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let same = common::difference(&read("map-35-a4-portrait-ru.png"), &read("map-35-a4-portrait-ru.png"));
    assert_eq!(same, 0.0);
    // The same layout with another region and no projects: the tolerance (0.02) must catch it.
    let other = common::difference(&read("map-35-a4-portrait-ru.png"), &read("map-empty-a4-ru.png"));
    assert!(other > 0.04, "{other}");
    let landscape = common::difference(&read("map-kz-a4-landscape-kk.png"), &read("map-kz-2000-a4-landscape-ru.png"));
    assert!(landscape > 0.02, "300 projects in Kazakh against 2,000 in Russian: {landscape}");
}
