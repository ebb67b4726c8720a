//! `indmap print`, `atlas`, `passport` and `report` on a real ministry database, with the files
//! read back by poppler and calamine as an official's tools would.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// One ministry database with the 2,000-project sample, made once for all tests (it takes a
/// few seconds); tests only read it.
fn sample_db() -> &'static (TempDir, PathBuf) {
    static DB: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ministry.sqlite");
        indmap(&path).args(["init", "--ministry"]).assert().success();
        indmap(&path).args(["sample", "--projects", "2000", "--seed", "1"]).assert().success();
        (dir, path)
    })
}

fn indmap(db: &Path) -> Command {
    let mut c = Command::cargo_bin("indmap").unwrap();
    c.env("INDMAP_DB", db).env("INDMAP_USER", "test-official");
    c
}

fn out(name: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = std::process::Command::new(cmd).args(args).output().expect("poppler-utils is installed");
    assert!(o.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find(|l| l.starts_with("Pages:")).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn print_writes_the_national_map_of_2000_projects_as_a3_pdf_in_kazakh() {
    let (db_dir, db) = sample_db();
    let _ = db_dir;
    let (_dir, pdf) = out("kz.pdf");
    indmap(db)
        .args(["print", "--out", pdf.to_str().unwrap(), "--paper", "A3", "--landscape", "--lang", "kk"])
        .assert()
        .success();
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("1190.55 x 841.89 pts (A3)"), "{info}");
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Индустрияландыру картасы — Қазақстан Республикасы"), "{text}");
    assert!(text.contains("Жобалар: 2"), "{text}");
    assert!(text.contains("sha256:"), "the footer names the data: {text}");
}

#[test]
fn print_of_one_region_with_filters_names_them_and_writes_png_and_svg() {
    let (_, db) = sample_db();
    let (dir, pdf) = out("r35.pdf");
    indmap(db)
        .args(["print", "--out", pdf.to_str().unwrap(), "--region", "35", "--status", "construction", "--by", "sector"])
        .assert()
        .success();
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Карта индустриализации — Карагандинская область"), "{text}");
    // The subtitle may wrap: compare with the line breaks as spaces.
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains("Статус: Строительство"), "the subtitle names the filter: {text}");
    let png = dir.path().join("r35.png");
    indmap(db).args(["print", "--out", png.to_str().unwrap(), "--region", "35", "--dpi", "50"]).assert().success();
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    let svg = dir.path().join("r35.svg");
    indmap(db).args(["print", "--out", svg.to_str().unwrap(), "--region", "35"]).assert().success();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

#[test]
fn the_same_data_gives_the_same_content_hash() {
    let (_, db) = sample_db();
    let (dir, a) = out("a.pdf");
    let b = dir.path().join("b.pdf");
    let c = dir.path().join("c.pdf");
    for (file, region) in [(&a, "35"), (&b, "35"), (&c, "11")] {
        indmap(db).args(["print", "--out", file.to_str().unwrap(), "--region", region]).assert().success();
    }
    let hash = |f: &Path| {
        let text = tool("pdftotext", &[f.to_str().unwrap(), "-"]);
        text.lines().find(|l| l.contains("sha256:")).unwrap().to_string()
    };
    assert_eq!(hash(&a), hash(&b));
    assert_ne!(hash(&a), hash(&c));
}

#[test]
fn atlas_and_passport_are_pdfs_with_their_pages() {
    let (_, db) = sample_db();
    let (dir, atlas) = out("atlas.pdf");
    indmap(db).args(["atlas", "--out", atlas.to_str().unwrap(), "--region", "35", "--region", "71"]).assert().success();
    // Overview, then per region a map and at least one table page.
    assert!(pages(&atlas) >= 5);
    let passport = dir.path().join("passport.pdf");
    indmap(db).args(["passport", "RK-0001", "--out", passport.to_str().unwrap(), "--lang", "ru"]).assert().success();
    assert_eq!(pages(&passport), 3, "two pages of the passport, one of its schedule");
    let text = tool("pdftotext", &[passport.to_str().unwrap(), "-"]);
    assert!(text.contains("Паспорт проекта") && text.contains("График проектов"), "{text}");
    indmap(db).args(["passport", "RK-9999", "--out", passport.to_str().unwrap()]).assert().code(4);
}

#[test]
fn report_writes_xlsx_csv_and_charts_and_refuses_other_files() {
    let (_, db) = sample_db();
    let (dir, xlsx) = out("t.xlsx");
    indmap(db).args(["report", "--out", xlsx.to_str().unwrap(), "--region", "35"]).assert().success();
    let bytes = std::fs::read(&xlsx).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let csv = dir.path().join("t.csv");
    indmap(db).args(["report", "--out", csv.to_str().unwrap(), "--lang", "kk", "--region", "35"]).assert().success();
    let text = std::fs::read(&csv).unwrap();
    assert_eq!(&text[..3], b"\xEF\xBB\xBF");
    assert!(String::from_utf8(text).unwrap().contains("Қарағанды облысы"));
    let chart = dir.path().join("c.svg");
    indmap(db).args(["report", "--out", chart.to_str().unwrap(), "--chart", "investment-by-region"]).assert().success();
    let bad = dir.path().join("t.docx");
    indmap(db).args(["report", "--out", bad.to_str().unwrap()]).assert().code(3);
    indmap(db).args(["print", "--out", bad.to_str().unwrap()]).assert().code(3);
    // A table is no picture, nor a chart a spreadsheet.
    let stderr = |args: &[&str]| String::from_utf8(indmap(db).args(args).output().unwrap().stderr).unwrap();
    let table_as_png = stderr(&["report", "--out", chart.with_extension("png").to_str().unwrap()]);
    assert!(table_as_png.contains("must end in .xlsx or .csv (or give --chart)"), "{table_as_png}");
    let chart_as_csv = stderr(&["report", "--out", csv.to_str().unwrap(), "--chart", "jobs-by-region"]);
    assert!(chart_as_csv.contains("must end in .pdf, .png or .svg"), "{chart_as_csv}");
    // A chart that does not exist is refused as a flag, naming the charts there are.
    let unknown = indmap(db).args(["report", "--out", chart.to_str().unwrap(), "--chart", "pie"]).assert().code(2);
    let said = String::from_utf8(unknown.get_output().stderr.clone()).unwrap();
    assert!(said.contains("jobs-by-region"), "{said}");
}

#[test]
fn a_multi_page_png_or_svg_is_one_file_per_page_and_page_picks_one() {
    let (_, db) = sample_db();
    let (dir, pdf) = out("atlas.pdf");
    let regions = ["--region", "35", "--region", "71"];
    indmap(db).args(["atlas", "--out", pdf.to_str().unwrap()]).args(regions).assert().success();
    let count = pages(&pdf);
    let png = dir.path().join("atlas.png");
    let run = indmap(db).args(["atlas", "--out", png.to_str().unwrap(), "--dpi", "30"]).args(regions).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let listed: Vec<String> = String::from_utf8(run.stdout).unwrap().lines().map(String::from).collect();
    let expected: Vec<String> =
        (1..=count).map(|n| dir.path().join(format!("atlas-{n:02}.png")).display().to_string()).collect();
    assert_eq!(listed, expected, "one file per page, named on stdout");
    for file in &expected {
        assert_eq!(&std::fs::read(file).unwrap()[1..4], b"PNG", "{file}");
    }
    assert!(!png.exists(), "several pages are not written to the one name");
    // Each file is its page: the second is a region's map, the third its table.
    let page2 = std::fs::read(&expected[1]).unwrap();
    assert_ne!(page2, std::fs::read(&expected[2]).unwrap());

    // --page N writes that page alone, under the name given.
    indmap(db)
        .args(["atlas", "--out", png.to_str().unwrap(), "--dpi", "30", "--page", "2"])
        .args(regions)
        .assert()
        .success();
    assert_eq!(std::fs::read(&png).unwrap(), page2);
    let one_pdf = dir.path().join("page3.pdf");
    indmap(db).args(["atlas", "--out", one_pdf.to_str().unwrap(), "--page", "3"]).args(regions).assert().success();
    assert_eq!(pages(&one_pdf), 1);
    let bad = dir.path().join("none.png");
    indmap(db).args(["atlas", "--out", bad.to_str().unwrap(), "--page", "999"]).args(regions).assert().code(3);

    // The passport's three pages (its schedule last) as SVG.
    let svg = dir.path().join("p.svg");
    let run = indmap(db).args(["passport", "RK-0001", "--out", svg.to_str().unwrap()]).output().unwrap();
    assert!(run.status.success());
    assert_eq!(String::from_utf8(run.stdout).unwrap().lines().count(), 3);
    for n in ["p-01.svg", "p-02.svg", "p-03.svg"] {
        assert!(std::fs::read_to_string(dir.path().join(n)).unwrap().starts_with("<svg"), "{n}");
    }
}

/// A region's map printed "as approved" in an edition shows the edition's plans, not today's,
/// with the approving act in the title block of the map, the passport and the table, in
/// Kazakh and Russian.
#[test]
fn the_map_prints_as_approved_in_an_edition() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.sqlite");
    indmap(&db).args(["init", "--region", "35"]).assert().success();
    indmap(&db).args(["sample", "--projects", "20", "--seed", "3"]).assert().success();
    let first = indmap(&db).args(["--json", "project", "list", "--status", "construction"]).output().unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let code = listed["features"][0]["properties"]["code"].as_str().unwrap().to_owned();
    indmap(&db)
        .args(["edition", "approve", "--act", "№ 12", "--date", "2026-03-01", "--body", "Қарағанды облысының әкімдігі"])
        .assert()
        .success();
    indmap(&db)
        .args(["project", "update", &code, "-"])
        .write_stdin(r#"{"type":"Feature","geometry":null,"properties":{"jobs_permanent": 987654}}"#)
        .assert()
        .success();
    let (_d, map) = out("approved.pdf");
    indmap(&db).args(["print", "--out", map.to_str().unwrap(), "--edition", "1"]).assert().success();
    let text = tool("pdftotext", &[map.to_str().unwrap(), "-"]);
    assert!(text.contains("Утверждённая редакция: № 12 от 01.03.2026, Қарағанды облысының әкімдігі"), "{text}");
    assert!(!text.contains("987 654"), "the edition's jobs, not today's");
    let (_d, now) = out("now.pdf");
    indmap(&db).args(["print", "--out", now.to_str().unwrap()]).assert().success();
    assert!(!tool("pdftotext", &[now.to_str().unwrap(), "-"]).contains("Утверждённая редакция"));
    let (_d, passport) = out("p.pdf");
    indmap(&db)
        .args(["--lang", "kk", "passport", &code, "--edition", "latest", "--out", passport.to_str().unwrap()])
        .assert()
        .success();
    let text = tool("pdftotext", &[passport.to_str().unwrap(), "-"]);
    assert!(text.contains("Бекітілген редакция: 01.03.2026 ж. № 12"), "{text}");
    assert!(!text.contains("987 654") && !text.contains("987654"), "{text}");
    // The passport of the map as it stands says how far the plan moved from the edition.
    let (_d, live) = out("live.pdf");
    indmap(&db).args(["passport", &code, "--out", live.to_str().unwrap()]).assert().success();
    let text = tool("pdftotext", &["-layout", live.to_str().unwrap(), "-"]);
    assert!(text.contains("Отклонение от утверждённого плана (№ 12, 01.03.2026)"), "{text}");
    let row = text.lines().find(|l| l.contains("Постоянные рабочие места") && l.contains("987654")).unwrap_or_default();
    assert!(row.contains('+'), "approved, now and the difference on one row: {text}");
    let (_d, table) = out("t.xlsx");
    indmap(&db).args(["report", "--out", table.to_str().unwrap(), "--edition", "1"]).assert().success();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&table).unwrap();
    let first_sheet = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first_sheet).unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c.contains("№ 12")), "{cells:?}");
    indmap(&db).args(["print", "--out", map.to_str().unwrap(), "--edition", "5"]).assert().code(4);
}

/// `indmap alerts` lists what the API computes (as JSON too) and prints it with `--out`;
/// `indmap gantt` prints the schedule of a region or of one project; a wrong file is refused.
#[test]
fn alerts_and_the_schedule_from_the_command_line() {
    let (_, db) = sample_db();
    let run = indmap(db).args(["alerts", "--region", "35", "--json"]).output().unwrap();
    assert!(run.status.success());
    let list: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let alerts = list["alerts"].as_array().unwrap();
    assert!(!alerts.is_empty() && alerts.iter().all(|a| a["region"] == "35"), "Karaganda's alerts only");
    let counted: u64 = list["by_kind"].as_array().unwrap().iter().map(|k| k["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, alerts.len() as u64, "the counts add up to the list");
    let table = indmap(db).args(["--lang", "kk", "alerts", "--region", "35"]).output().unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(text.contains(&format!("{} alerts", alerts.len())), "{text}");

    let (dir, pdf) = out("alerts.pdf");
    indmap(db)
        .args(["--lang", "kk", "alerts", "--region", "35", "--landscape", "--out", pdf.to_str().unwrap()])
        .assert()
        .success();
    let printed = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(printed.contains("Ескертулер тізімі") && printed.contains("Қарағанды облысы"), "{printed}");

    let gantt = dir.path().join("gantt.pdf");
    indmap(db).args(["gantt", "--region", "35", "--landscape", "--out", gantt.to_str().unwrap()]).assert().success();
    let drawn = tool("pdftotext", &[gantt.to_str().unwrap(), "-"]);
    assert!(drawn.contains("График проектов") && drawn.contains("Сегодня"), "{drawn}");
    let code = alerts[0]["code"].as_str().unwrap();
    let one = dir.path().join("one.svg");
    indmap(db).args(["gantt", "--project", code, "--out", one.to_str().unwrap()]).assert().success();
    assert!(std::fs::read_to_string(&one).unwrap().contains(code));
    indmap(db).args(["gantt", "--out", dir.path().join("g.xlsx").to_str().unwrap()]).assert().code(3);
}

/// The effectiveness of support, the information on support measures and the monitoring report
/// from the command line: the figures on stdout are the API's, and each form is written as the
/// extension asks, in the language asked, with its lines to sign.
#[test]
fn the_report_forms_from_the_command_line() {
    let (_, db) = sample_db();
    let run = indmap(db).args(["effectiveness", "--region", "35", "--json"]).output().unwrap();
    assert!(run.status.success());
    let e: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let measures: u64 =
        e["by_measure"].as_array().unwrap().iter().map(|g| g["effect"]["measures"].as_u64().unwrap()).sum();
    assert_eq!(measures, e["total"]["measures"].as_u64().unwrap(), "every measure is in one measure's row");
    let weights = e["methodology"]["weights"].as_array().unwrap();
    assert_eq!(weights.len(), 5);
    indmap(db).args(["settings", "effect_weight_taxes", "101"]).assert().code(3);

    let (dir, pdf) = out("effect.pdf");
    indmap(db)
        .args(["--lang", "kk", "effectiveness", "--region", "35", "--out", pdf.to_str().unwrap()])
        .assert()
        .success();
    let printed = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(printed.contains("Мемлекеттік қолдау шараларының тиімділігі") && printed.contains("Бекіткен"), "{printed}");

    let support = dir.path().join("support.xlsx");
    indmap(db).args(["support-report", "--region", "35", "--out", support.to_str().unwrap()]).assert().success();
    assert!(std::fs::read(&support).unwrap().starts_with(b"PK"), "a workbook is a zip");
    let support_pdf = dir.path().join("support.pdf");
    indmap(db)
        .args(["--lang", "ru", "support-report", "--support-year", "2025", "--out", support_pdf.to_str().unwrap()])
        .assert()
        .success();
    let printed = tool("pdftotext", &[support_pdf.to_str().unwrap(), "-"]);
    assert!(printed.contains("Информация о реализованных мерах государственной поддержки (2025)"), "{printed}");

    let monitoring = dir.path().join("monitoring.pdf");
    indmap(db)
        .args(["--lang", "kk", "monitoring-report", "--region", "35", "--out", monitoring.to_str().unwrap()])
        .assert()
        .success();
    let printed = tool("pdftotext", &[monitoring.to_str().unwrap(), "-"]);
    assert!(
        printed.contains("Индустрияландыру картасының мониторингі туралы есеп") && printed.contains("Қарағанды облысы"),
        "{printed}"
    );
    indmap(db)
        .args(["monitoring-report", "--period", "2026-Q9", "--out", monitoring.to_str().unwrap()])
        .assert()
        .code(3);
}
