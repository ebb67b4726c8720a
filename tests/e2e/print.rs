//! End-to-end tests of the print dialog: the live preview drawn by the printing renderer, saving
//! a PDF that pdfinfo and pdftotext read back, and the atlas with its progress bar and Cancel.
//! Needs poppler-utils (pdfinfo, pdftotext) besides what every end-to-end test needs.

use crate::harness::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Where the screenshots go, to be looked at.
const SHOTS: &str = "/tmp/print-helper";

fn tool(name: &str, args: &[&str]) -> Res<String> {
    let out = Command::new(name).args(args).output().map_err(|e| format!("cannot run {name} (poppler-utils): {e}"))?;
    if !out.status.success() {
        return Err(format!("{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `pdfinfo`'s page count and page size in points.
fn pdf_pages_and_size(pdf: &Path) -> Res<(u32, f64, f64)> {
    let info = tool("pdfinfo", &[pdf.to_str().ok_or("path")?])?;
    let field = |name: &str| {
        info.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).map(str::to_string).unwrap_or_default()
    };
    let pages: u32 = field("Pages:").parse()?;
    // "Page size:      1190.55 x 841.89 pts (A3)"
    let size = field("Page size:");
    let mut nums = size.split_whitespace().filter_map(|w| w.parse::<f64>().ok());
    let (w, h) = (nums.next().ok_or("no page width")?, nums.next().ok_or("no page height")?);
    Ok((pages, w, h))
}

/// Waits for the preview image to show a freshly drawn page and returns its pixel size.
async fn preview_size(app: &App, what: &str) -> Res<(f64, f64)> {
    let v = app
        .wait_js(
            what,
            "const i = document.querySelector('[data-role=print-preview]'); const d = document.querySelector('[data-role=print-dialog]'); \
             return i && !i.hidden && i.complete && i.naturalWidth > 0 && d.dataset.busy === 'false' ? [i.naturalWidth, i.naturalHeight] : null",
            90,
        )
        .await?;
    Ok((v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0)))
}

/// Whether a preview's aspect ratio is the paper's (within rounding to whole pixels).
fn near(ratio: f64, paper: f64) -> bool {
    (ratio - paper).abs() < 0.02
}

/// The dialog previews the map as it will print; A3 landscape turns the preview and the PDF, and
/// the region's name is searchable text in the PDF.
#[tokio::test]
async fn print_dialog_previews_and_saves_an_a3_landscape_pdf() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 300)?;
    let out = m.dir.path().join("out").join("karaganda.pdf");
    std::fs::create_dir_all(out.parent().unwrap())?;
    let out_text = out.display().to_string();
    let table = m.dir.path().join("out").join("karaganda.xlsx");
    let table_text = table.display().to_string();
    run_app("print_preview", &m, async |app| {
        app.map_points().await?;
        app.choose("[data-role=f-region]", "35").await?;
        app.wait_js("the list to narrow to Karaganda", "return document.querySelectorAll('[data-role=rows] tr').length < 300", 30)
            .await?;
        app.click("[data-role=print]").await?;
        // The dialog starts from the window's region.
        let region = app.js("return document.querySelector('[data-role=print-region]').value").await?;
        ensure_eq!(region.as_str().unwrap_or_default(), "35");
        let path = app.js("return document.querySelector('[data-role=print-path]').value").await?;
        let path = path.as_str().unwrap_or_default().to_string();
        ensure!(
            regex_like_default_name(&path),
            "the default file name says map, region and date: {path}"
        );
        let (w, h) = preview_size(app, "the A4 portrait preview").await?;
        ensure!(near(h / w, 297.0 / 210.0), "A4 portrait preview is {w}×{h}");
        app.shot_to(SHOTS, "dialog-a4-portrait").await?;

        app.choose("[data-role=print-paper]", "A3").await?;
        app.choose("[data-role=print-orientation]", "landscape").await?;
        app.choose("[data-role=print-lang]", "ru").await?;
        app.wait_js(
            "the preview of the new options",
            "const r = JSON.parse(document.querySelector('[data-role=print-preview]').dataset.request || '{}'); return r.paper === 'A3' && r.landscape && r.lang === 'ru'",
            90,
        )
        .await?;
        let (w, h) = preview_size(app, "the A3 landscape preview").await?;
        ensure!(near(w / h, 420.0 / 297.0), "A3 landscape preview is {w}×{h}");
        app.shot_to(SHOTS, "dialog-a3-landscape").await?;

        app.type_into("[data-role=print-path]", &out_text).await?;
        app.click("[data-role=print-save]").await?;
        app.wait_js("the dialog to close after saving", "return !document.querySelector('[data-role=print-dialog]')", 90)
            .await?;
        let toast = app.text(".toast").await?;
        ensure!(toast.contains("karaganda.pdf"), "the toast names the file: {toast}");

        // The selected project's passport, and the table as XLSX.
        app.click("[data-role=rows] tr:nth-child(1) td:nth-child(2)").await?;
        app.css("[data-role=card-name]").await?;
        app.click("[data-role=print]").await?;
        app.choose("[data-role=print-kind]", "passport").await?;
        let (w, h) = preview_size(app, "the passport's preview").await?;
        ensure!(near(h / w, 297.0 / 210.0), "the passport is A4 portrait: {w}×{h}");
        let name = app.js("return document.querySelector('[data-role=print-path]').value").await?;
        let name = name.as_str().unwrap_or_default();
        // Named by the project's code (35-…, or RK-… for a republican project), in the folder
        // saved to last.
        ensure!(name.contains("/out/pasport-") && name.ends_with(".pdf"), "a passport's file name: {name}");
        app.shot_to(SHOTS, "dialog-passport").await?;
        app.choose("[data-role=print-kind]", "table").await?;
        ensure!(app.css("[data-role=print-note]").await?.is_displayed().await?, "the table explains what it holds");
        app.type_into("[data-role=print-path]", &table_text).await?;
        // Enter saves.
        app.css("[data-role=print-path]").await?.send_keys("\u{E007}").await?;
        app.wait_js("the table to be saved", "return !document.querySelector('[data-role=print-dialog]')", 60).await?;
        Ok(())
    })
    .await?;
    let (pages, w, h) = pdf_pages_and_size(&out)?;
    assert_eq!(pages, 1);
    assert!(
        (w - 1190.55).abs() < 1.0 && (h - 841.89).abs() < 1.0,
        "A3 landscape is 1190.55 × 841.89 pt, got {w} × {h}"
    );
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"])?;
    assert!(text.contains("Карагандинская"), "the region's Russian name is in the PDF's text:\n{text}");
    let xlsx = std::fs::read(&table)?;
    assert!(xlsx.starts_with(b"PK"), "the table is an XLSX (a zip)");
    Ok(())
}

/// `karta-35-YYYY-MM-DD.pdf` in some folder.
fn regex_like_default_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some(date) = name.strip_prefix("karta-35-").and_then(|r| r.strip_suffix(".pdf")) else { return false };
    date.len() == 10
        && date.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() })
}

/// The atlas of a region-filtered set runs with a progress bar to the last page and writes a PDF
/// with every page; a second, larger atlas can be cancelled and writes nothing.
#[tokio::test]
async fn atlas_shows_progress_to_the_end_and_can_be_cancelled() -> Res {
    let m = Machine::new()?;
    sample_db(&m.db, 300)?;
    let expected_pages = {
        let db = indmap_api::Indmap::open(&m.db, env())?;
        let filter = indmap_api::ViewFilter { regions: vec!["35".into()], ..Default::default() };
        let request = indmap_api::PrintRequest { printout: indmap_api::Printout::Atlas, filter, ..Default::default() };
        db.page_count(&request)?
    };
    // An overview, the region's map and its table.
    assert!(expected_pages >= 3, "the region's atlas has {expected_pages} pages");
    let out = m.dir.path().join("atlas-35.pdf");
    let cancelled = m.dir.path().join("atlas-all.pdf");
    let (out_text, cancelled_text) = (out.display().to_string(), cancelled.display().to_string());
    run_app("print_atlas", &m, async |app| {
        app.map_points().await?;
        app.choose("[data-role=f-region]", "35").await?;
        app.click("[data-role=print]").await?;
        app.choose("[data-role=print-kind]", "atlas").await?;
        app.choose("[data-role=print-lang]", "ru").await?;
        preview_size(app, "the atlas's first page").await?;
        let pages = app.text("[data-role=print-page]").await?;
        ensure!(pages.ends_with(&format!(" {expected_pages}")), "the pager counts the atlas's pages: {pages}");
        // Step to the second page: the region's map.
        app.click("[data-role=print-next]").await?;
        app.wait_js("page 2", "return document.querySelector('[data-role=print-page]').textContent.startsWith('Страница 2')", 30)
            .await?;
        preview_size(app, "the atlas's second page").await?;
        // Record every value the progress bar shows.
        app.js(
            "window.__seen = []; const p = document.querySelector('[data-role=print-progress]'); \
             new MutationObserver(() => window.__seen.push([p.dataset.done, p.dataset.total])).observe(p, {attributes: true, attributeFilter: ['data-done']});",
        )
        .await?;
        app.type_into("[data-role=print-path]", &out_text).await?;
        app.click("[data-role=print-save]").await?;
        app.wait_js("the atlas to be written", "return !document.querySelector('[data-role=print-dialog]')", 120).await?;
        let seen = app.js("return window.__seen").await?;
        let seen: Vec<(u64, u64)> = seen
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| (p[0].as_str().unwrap_or("0").parse().unwrap_or(0), p[1].as_str().unwrap_or("0").parse().unwrap_or(0)))
            .collect();
        ensure!(!seen.is_empty(), "the progress bar moved");
        ensure_eq!(seen.last().copied(), Some((expected_pages as u64, expected_pages as u64)));
        ensure!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "progress only goes forward: {seen:?}");

        // The whole country's atlas, cancelled while it runs.
        app.choose("[data-role=f-region]", "").await?;
        // Ctrl+P opens the dialog too.
        app.js("document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'p', ctrlKey: true, bubbles: true}))").await?;
        app.css("[data-role=print-dialog]").await?;
        app.choose("[data-role=print-kind]", "atlas").await?;
        app.choose("[data-role=print-region]", "").await?;
        app.type_into("[data-role=print-path]", &cancelled_text).await?;
        app.js("document.querySelector('[data-role=print-save]').click(); document.querySelector('[data-role=print-cancel]').click();")
            .await?;
        app.wait_js(
            "the cancel to be told",
            "return [...document.querySelectorAll('.toast.warning')].some(t => t.textContent.startsWith('Атлас отменён')) \
             && !document.querySelector('[data-role=print-save]').disabled",
            120,
        )
        .await?;
        ensure!(app.css("[data-role=print-dialog]").await.is_ok(), "the dialog stays open after a cancel");
        app.shot_to(SHOTS, "dialog-atlas-cancelled").await?;
        Ok(())
    })
    .await?;
    let (pages, w, h) = pdf_pages_and_size(&out)?;
    assert_eq!(pages as usize, expected_pages, "the PDF has every page of the atlas");
    assert!((w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0, "A4 portrait, got {w} × {h}");
    let text = tool("pdftotext", &[out.to_str().unwrap(), "-"])?;
    assert!(text.contains("Карагандинская"), "the region's name is in the atlas");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!cancelled.exists(), "a cancelled atlas writes nothing");
    Ok(())
}
