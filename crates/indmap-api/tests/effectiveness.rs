//! The effectiveness of state support (Art. 19 p.4) of a region's projects, worked out by hand:
//! the support given by measure and year, what the projects it reached report, each per tenge
//! of support, and the methodology's index under weights set in the settings; then the same in
//! the signed report (read back with pdftotext) and its workbook (read back cell by cell).

mod common;

use calamine::{Data, Reader, Xlsx};
use chrono::{TimeZone, Utc};
use common::region;
use indmap_api::core::effectiveness::Effectiveness;
use indmap_api::core::{Money, ProjectFilter, Rule};
use indmap_api::{Env, Indmap, PrintLang, PrintOutput, PrintRequest, Printout};
use serde_json::json;
use std::path::Path;

fn on(path: &Path) -> Indmap {
    Indmap::open(path, Env::fixed("planner", Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap())).unwrap()
}

fn mln(n: i64) -> i64 {
    n * 1_000_000
}

fn tiyn(n: i64) -> Money {
    Money::from_units(mln(n))
}

/// Two projects of Karaganda: the plant (metallurgy) got 100 mln of financing (measure 1) in
/// 2025 and a land plot (measure 10, no amount) in 2026; the works (chemistry) 400 mln of
/// subsidised interest (measure 4) in 2026. A third project got nothing.
fn the_region(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("k.sqlite");
    drop(Indmap::init(&path, region("35"), Env::fixed("planner", Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap())));
    let mut db = on(&path);
    let feature = |p: serde_json::Value| json!({"type": "Feature", "geometry": null, "properties": p}).to_string();
    for p in [
        json!({"name_kk": "Құю зауыты", "name_ru": "Литейный завод", "region": "35", "status": "construction",
            "sector": "metallurgy", "criteria": ["innovativeness"],
            "support_measures": [{"measure": 1, "year": 2025, "amount_kzt": mln(100)}, {"measure": 10, "year": 2026}]}),
        json!({"name_kk": "Химия кешені", "name_ru": "Химический комплекс", "region": "35", "status": "construction",
            "sector": "chemicals", "criteria": ["innovativeness"],
            "support_measures": [{"measure": 4, "year": 2026, "amount_kzt": mln(400)}]}),
        json!({"name_kk": "Қойма", "name_ru": "Склад", "region": "35", "status": "construction"}),
    ] {
        db.add_projects(&feature(p)).unwrap();
    }
    let report = |investment, jobs, output, taxes, exports| {
        json!({"investment_kzt": mln(investment), "jobs_created": jobs, "output_kzt": mln(output),
            "taxes_kzt": mln(taxes), "exports_usd": exports})
        .to_string()
    };
    // The plant: invested 1000 by Q2 (its latest), 50 jobs; output 300 + 200, taxes 30 + 20,
    // exports $10,000 + 0.
    db.set_report("35-0001", "2026-Q1", &report(400, 20, 300, 30, 10_000)).unwrap();
    db.set_report("35-0001", "2026-Q2", &report(1_000, 50, 200, 20, 0)).unwrap();
    // The works: invested 800, 10 jobs, output 100, no taxes or exports yet.
    db.set_report("35-0002", "2026-Q2", &report(800, 10, 100, 0, 0)).unwrap();
    // The store's report counts for nothing: it had no support.
    db.set_report("35-0003", "2026-Q2", &report(5_000, 500, 5_000, 500, 1_000_000)).unwrap();
    path
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9 * b.abs().max(1.0))
}

fn group<'a>(
    groups: &'a [indmap_api::core::effectiveness::EffectGroup],
    key: &str,
) -> &'a indmap_api::core::effectiveness::Effect {
    &groups.iter().find(|g| g.key == key).unwrap_or_else(|| panic!("no group {key}")).effect
}

#[test]
fn support_against_results_per_tenge_and_the_index_as_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = on(&the_region(dir.path()));
    let e: Effectiveness = db.effectiveness(&ProjectFilter::default(), None).unwrap();
    let t = &e.total;
    // Two supported projects, three measures (one without an amount), 500 mln given.
    assert_eq!((t.projects, t.measures, t.unpriced, t.support), (2, 3, 1, tiyn(500)));
    assert_eq!((t.investment, t.jobs), (tiyn(1_800), 60));
    assert_eq!((t.output, t.taxes, t.exports_usd), (tiyn(600), tiyn(50), Money::from_units(10_000)));
    // Per tenge: 1800/500 = 3.6; jobs 60 per 500 mln = 120 per bn; output 1.2; taxes 0.1;
    // exports $10,000 per 500 mln = $0.02 per 1000 ₸.
    for (k, expected) in [3.6, 120.0, 1.2, 0.1, 0.02].into_iter().enumerate() {
        assert!(close(t.per_support[k], expected), "total per support {k}: {:?} against {expected}", t.per_support[k]);
    }
    assert!(close(t.index, 1.0));
    // Metallurgy (the plant, 100 mln): 10, 500, 5, 0.5, 0.1 per support; equal weights give
    // (10/3.6 + 500/120 + 5/1.2 + 0.5/0.1 + 0.1/0.02) / 5.
    let metal = group(&e.by_sector, "metallurgy");
    assert_eq!((metal.support, metal.investment, metal.jobs), (tiyn(100), tiyn(1_000), 50));
    let by_hand = (10.0 / 3.6 + 500.0 / 120.0 + 5.0 / 1.2 + 0.5 / 0.1 + 0.1 / 0.02) / 5.0;
    assert!(close(metal.index, by_hand), "{:?} against {by_hand}", metal.index);
    // Chemicals (400 mln): 2, 25, 0.25, 0, 0 → (2/3.6 + 25/120 + 0.25/1.2 + 0 + 0) / 5.
    let chem = group(&e.by_sector, "chemicals");
    assert!(close(chem.index, (2.0 / 3.6 + 25.0 / 120.0 + 0.25 / 1.2) / 5.0));
    // By measure: measure 10 reached the plant with all its results but priced nothing.
    let land = group(&e.by_measure, "10");
    assert_eq!((land.projects, land.unpriced, land.jobs, land.per_support[0]), (1, 1, 50, None));
    // By year: 2025 the plant's 100; 2026 the works' 400 and the plant's land.
    assert_eq!(group(&e.by_year, "2025").support, tiyn(100));
    let y2026 = group(&e.by_year, "2026");
    assert_eq!((y2026.projects, y2026.measures, y2026.support), (2, 2, tiyn(400)));
    // The annual information for 2026 counts 2026's support only.
    let only = db.effectiveness(&ProjectFilter::default(), Some(2026)).unwrap();
    assert_eq!((only.total.support, only.total.measures, only.by_measure.len()), (tiyn(400), 2, 2));

    // The methodology is the settings': investment weighs 3, jobs 1, the rest nothing.
    for (key, value) in [
        ("effect_weight_investment", "3"),
        ("effect_weight_output", "0"),
        ("effect_weight_taxes", "0"),
        ("effect_weight_exports", "0"),
        ("effect_methodology", "Тиімділікті бағалау әдістемесі, № 45 бұйрық"),
    ] {
        db.set_setting(key, value).unwrap();
    }
    let e = db.effectiveness(&ProjectFilter::default(), None).unwrap();
    let metal = group(&e.by_sector, "metallurgy");
    assert!(close(metal.index, (3.0 * 10.0 / 3.6 + 500.0 / 120.0) / 4.0));
    assert_eq!(e.methodology.name.as_deref(), Some("Тиімділікті бағалау әдістемесі, № 45 бұйрық"));
    // A weight out of range is refused by name and rule, and the methodology stays.
    let refused = db.set_setting("effect_weight_jobs", "-1").unwrap_err();
    assert_eq!(
        (refused.problems[0].field.as_str(), refused.problems[0].rule),
        ("effect_weight_jobs", Rule::SettingWeight)
    );
    assert_eq!(db.methodology().unwrap(), e.methodology);
}

#[test]
fn the_report_reads_back_signed_in_kazakh_and_its_workbook_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let db = on(&the_region(dir.path()));
    let request = PrintRequest::<ProjectFilter> {
        printout: Printout::Effectiveness { year: None },
        lang: PrintLang::Kk,
        ..Default::default()
    };
    let go_on = &mut |_, _| std::ops::ControlFlow::Continue(());
    let pdf = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Pdf), go_on).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "effectiveness.pdf");
    for part in [
        "Мемлекеттік қолдау шараларының тиімділігі туралы ақпарат",
        "жағдай бойынша 25.11.2026",
        "бекітілген әдістеме енгізілмеген: салмақтар тең",
        "Көрсетілген қолдау 500,0 млн ₸",
        "Тартылған инвестиция 1,8 млрд ₸",
        "Қолдау шарасы: қолдау және нәтижелер (3)",
        "10. жер учаскелері мен жер қойнауын пайдалану құқықтары",
        "Сала: қолдауға шаққандағы нәтижелер және индекс (2)",
        "Дайындаған",
        "Бекіткен",
    ] {
        assert!(text.contains(part), "the report prints {part:?}: {text}");
    }
    // Metallurgy's row of figures per support: 100 mln, 10, 500, 5, 0.5, 0.1 and its index.
    let index =
        format!("{:.2}", (10.0 / 3.6 + 500.0 / 120.0 + 5.0 / 1.2 + 0.5 / 0.1 + 0.1 / 0.02) / 5.0).replace('.', ",");
    assert!(text.contains(&format!("100,0 10,00 500,00 5,00 0,50 0,10 {index}")), "metallurgy per support: {text}");
    assert!(!text.contains("Қойма"), "the project without support is not in the report");

    let book = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Xlsx), go_on).unwrap().unwrap().remove(0);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    assert_eq!(book.sheet_names(), ["Барлығы", "Қолдау шарасы", "Өңір", "Сала", "Қолдау көрсетілген жыл"]);
    let total = book.worksheet_range("Барлығы").unwrap();
    let cell = |r: &calamine::Range<Data>, row: u32, col: u32| r.get_value((row, col)).cloned();
    assert_eq!(cell(&total, 3, 1), Some(Data::String("бекітілген әдістеме енгізілмеген: салмақтар тең".into())));
    // Header on row 8, the total on row 9: projects, measures, support 500, investment 1800,
    // jobs 60, output 600, taxes 50, exports 10 thousand USD, then per support, then the index.
    let figures: Vec<Option<Data>> = (1..=14).map(|c| cell(&total, 8, c)).collect();
    let float = |v: f64| Some(Data::Float(v));
    assert_eq!(
        figures[..8],
        [float(2.0), float(3.0), float(500.0), float(1_800.0), float(60.0), float(600.0), float(50.0), float(10.0)]
    );
    let Some(Data::Float(jobs_per_bn)) = figures[9] else { panic!("jobs per bn is a number: {figures:?}") };
    assert!((jobs_per_bn - 120.0).abs() < 1e-9);
    assert_eq!(figures[13], float(1.0));
    let measures = book.worksheet_range("Қолдау шарасы").unwrap();
    assert_eq!(cell(&measures, 1, 0), Some(Data::String("1. қаржыландыру, қоса қаржыландыру, лизинг".into())));
    // Measure 10 has no amount: no per-support figure and no index, left empty.
    assert_eq!(
        (cell(&measures, 3, 3), cell(&measures, 3, 9), cell(&measures, 3, 14)),
        (float(0.0), Some(Data::Empty), Some(Data::Empty))
    );
}

/// The information on the support measures implemented: the totals by measure, region and year,
/// then each measure's projects, on signed pages in Russian and in a workbook of numbers.
#[test]
fn the_information_on_support_measures_lists_measure_region_year_and_amount() {
    let dir = tempfile::tempdir().unwrap();
    let db = on(&the_region(dir.path()));
    let request = PrintRequest::<ProjectFilter> {
        printout: Printout::SupportRegister { year: None },
        lang: PrintLang::Ru,
        ..Default::default()
    };
    let go_on = &mut |_, _| std::ops::ControlFlow::Continue(());
    let pdf = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Pdf), go_on).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "support.pdf");
    for part in [
        "Информация о реализованных мерах государственной поддержки",
        "Проекты 2",
        "Получено мер 3",
        "Оказанная поддержка 500,0 млн ₸",
        "Итоги по мерам, регионам и годам (3)",
        // Totals: the plant's financing in 2025, the works' interest in 2026, the land in kind.
        "1. финансирование, софинансирование, лизинг Карагандинская область 2025 1 0 100,0",
        "4. субсидирование ставок вознаграждения Карагандинская область 2026 1 0 400,0",
        "10. земельные участки и право недропользования Карагандинская область 2026 1 1 —",
        // Each measure's projects.
        "4. субсидирование ставок вознаграждения (1)",
        "Карагандинская область 2026 35-0002 Химический комплекс 400,0",
        "Подготовил",
        "Утвердил",
    ] {
        assert!(text.contains(part), "the information prints {part:?}: {text}");
    }
    assert!(!text.contains("Склад"), "a project without support is not listed");
    let of_2025 = PrintRequest { printout: Printout::SupportRegister { year: Some(2025) }, ..request.clone() };
    let pdf = db.print(&of_2025, &PrintOutput::new(indmap_api::PrintFormat::Pdf), go_on).unwrap().unwrap();
    let text = common::pdf_text(&pdf[0], dir.path(), "support-2025.pdf");
    assert!(
        text.contains("(2025)") && text.contains("Оказанная поддержка 100,0 млн ₸") && !text.contains("Химический")
    );

    let book = db.print(&request, &PrintOutput::new(indmap_api::PrintFormat::Xlsx), go_on).unwrap().unwrap().remove(0);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(book)).unwrap();
    assert_eq!(book.sheet_names(), ["Сводка", "Проекты"]);
    let totals = book.worksheet_range("Сводка").unwrap();
    let row = |r: &calamine::Range<Data>, n: u32| (0..6).map(|c| r.get_value((n, c)).cloned()).collect::<Vec<_>>();
    let text = |t: &str| Some(Data::String(t.into()));
    assert_eq!(
        row(&totals, 2),
        [
            text("4. субсидирование ставок вознаграждения"),
            text("Карагандинская область"),
            Some(Data::Float(2026.0)),
            Some(Data::Float(1.0)),
            Some(Data::Float(0.0)),
            Some(Data::Float(400.0))
        ]
    );
    let lines = book.worksheet_range("Проекты").unwrap();
    assert_eq!(lines.get_value((1, 3)), Some(&Data::String("35-0001".into())));
    assert_eq!(lines.get_value((1, 5)), Some(&Data::Float(100.0)));
    assert_eq!(lines.get_value((1, 6)), Some(&Data::Empty), "no note");
}
