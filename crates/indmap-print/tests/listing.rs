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
