//! List documents (the merge bill): sections continue across pages with their heading and
//! header repeated, a group's name is printed again at the top of a page, and the signature
//! lines come last.

mod common;

use common::*;
use indmap_print::listing::{Column, Listing, Section, listing_document};
use indmap_print::*;

fn bill(rows: usize) -> Listing {
    let changes = Section {
        title: "Өзгерістер".into(),
        columns: vec![
            Column::text("Коды", 12.0),
            Column::text("Атауы", 30.0),
            Column::text("Өріс", 18.0),
            Column::text("Болды", 20.0),
            Column::text("Болады", 20.0),
        ],
        // Ten fields of each project: the project's code and name form the group.
        rows: (0..rows)
            .map(|i| {
                let project = i / 10;
                vec![
                    format!("35-{project:04}"),
                    format!("Қарағанды зауыты №{project}"),
                    format!("field_{}", i % 10),
                    format!("old-{i}"),
                    format!("new-{i}"),
                ]
            })
            .collect(),
        empty: "жоқ".into(),
        group_columns: 2,
        count: Some(rows.div_ceil(10)),
    };
    let refused = Section {
        title: "Қабылданбады".into(),
        columns: vec![Column::text("Коды", 12.0), Column::text("Себебі", 80.0)],
        empty: "жоқ".into(),
        ..Section::default()
    };
    Listing {
        title: "Біріктіру тізімдемесі".into(),
        subtitles: vec!["k.gpkg".into()],
        facts: vec![("Файл".into(), "k.gpkg".into()), ("SHA-256".into(), "ab".repeat(32))],
        sections: vec![changes, refused],
        signatures: vec!["Дайындаған".into(), "Бекіткен".into()],
        ..Listing::default()
    }
}

#[test]
fn a_long_section_continues_with_its_header_and_the_signatures_come_last() {
    let ctx = ctx(Lang::Kk, PageSetup::default());
    let doc = listing_document(&ctx, &bill(300));
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "bill.pdf", &doc.to_pdf().unwrap());
    let (pages, _, _) = pdfinfo(&pdf);
    assert!(pages >= 3, "300 rows fit on {pages} pages");
    let first = pdftotext(&pdf, Some(1));
    assert!(first.contains("Біріктіру тізімдемесі") && first.contains("Өзгерістер (30)"), "{first}");
    for page in 2..=pages {
        let text = pdftotext(&pdf, Some(page));
        assert!(text.contains(&format!("Бет {page} / {pages}")), "page {page} has no footer: {text}");
        if page < pages {
            assert!(text.contains("Өзгерістер (30) — жалғасы"), "page {page} does not say it continues: {text}");
            assert!(text.contains("Коды Атауы Өріс Болды Болады"), "page {page} repeats no header: {text}");
            // The rows on top of the page name their project even when it began on the page before.
            let first_row = text.split("Болады ").nth(1).unwrap();
            assert!(first_row.starts_with("35-"), "page {page} starts without the project: {first_row}");
        }
    }
    let last = pdftotext(&pdf, Some(pages));
    assert!(last.contains("Қабылданбады (0) жоқ"), "{last}");
    assert!(last.contains("Дайындаған") && last.contains("Бекіткен") && last.contains("Күні"), "{last}");
    // A group's name prints once per page, not on every row of its fields.
    let all = pdftotext(&pdf, None);
    assert!(all.matches("Қарағанды зауыты №7").count() <= 2, "{all}");
    assert!(all.contains("old-299") && all.contains("new-299"));
}

/// Charts after the facts: two in a row across the sheet, one a row down it; each keeps its text.
#[test]
fn figures_stand_side_by_side_across_the_sheet_and_one_a_row_down_it() {
    use indmap_print::charts::{ChartSize, Series, grouped_bars};
    use indmap_print::listing::{Figure, figure_width};
    use indmap_print::paper::Paper;
    let across = ctx(Lang::Kk, PageSetup::new(Paper::A4, true));
    let down = ctx(Lang::Kk, PageSetup::default());
    assert!((figure_width(&down) - down.setup.body().w).abs() < 1e-9);
    assert!(figure_width(&across) < across.setup.body().w / 2.0);
    indmap_print::fonts::register_with_plotters();
    let chart = |title: &str| {
        let labels = vec!["Қарағанды облысы".to_owned(), "Астана қаласы".to_owned()];
        let series = [
            Series {
                name: "Жоспар", colour: plotters::style::RGBColor(21, 101, 192), values: vec![400.0, 250.0]
            },
            Series { name: "Нақты", colour: plotters::style::RGBColor(239, 108, 0), values: vec![300.0, 0.0] },
        ];
        let size = ChartSize { w_mm: figure_width(&across), h_mm: 60.0 };
        Figure { svg: grouped_bars(&across, title, "млн ₸", &labels, &series, size), height_mm: 60.0 }
    };
    let listing = Listing {
        title: "Жоспар мен нақты".into(),
        figures: vec![chart("Инвестициялар"), chart("Жұмыс орындары")],
        ..Listing::default()
    };
    let doc = listing_document(&across, &listing);
    assert_eq!(doc.pages.len(), 1, "two charts of 60 mm fit one page side by side");
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "figures.pdf", &doc.to_pdf().unwrap());
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let line = text.lines().find(|l| l.contains("Инвестициялар, млн ₸")).unwrap_or_default();
    assert!(line.contains("Жұмыс орындары, млн ₸"), "the two titles stand on one line: {text}");
    for word in ["Қарағанды облысы", "Жоспар", "Нақты", "400"] {
        assert!(text.contains(word), "the charts keep {word:?}: {text}");
    }
}
