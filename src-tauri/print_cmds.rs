//! Commands of the print dialog: a live preview drawn by the same renderer as the files, saving a
//! printout, and the atlas on a worker thread with progress and cancel.

use crate::{Answer, AppState, UiError, lock, with_db};
use indmap_api::core::Problems;
use indmap_api::{
    ChartKind, Error, ErrorKind, Indmap, PageFormat, Paper, PrintBy, PrintLang, PrintOptions, PrintSetup, Printout,
    TableFormat, ViewFilter, write_printout,
};
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;
use std::path::Path;
use tauri::Manager;
use tauri::ipc::{Channel, Response};

/// What is printed.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PrintKind {
    Map,
    Atlas,
    Passport,
    Chart,
    /// The filtered table as XLSX or CSV.
    Table,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PrintPaper {
    A4,
    A3,
}

/// What the print dialog asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRequest {
    pub kind: PrintKind,
    /// The window's filter, with the region the dialog chose: the printout shows exactly these
    /// projects.
    pub filter: ViewFilter,
    /// The project of a passport: its id or code.
    pub project: Option<String>,
    /// The chart's code, e.g. `financing-by-source`.
    pub chart: Option<String>,
    pub paper: PrintPaper,
    pub landscape: bool,
    /// `kk`, `ru` or `en`.
    pub lang: String,
    /// `status` or `sector`.
    pub by: String,
}

/// How far the atlas is: pages laid out of all pages.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AtlasProgress {
    pub done: u32,
    pub total: u32,
}

fn invalid(field: &str, message: String) -> Error {
    let mut problems = Problems::new();
    problems.error(field, "print.request", message);
    Error::invalid(problems)
}

impl PrintRequest {
    fn options(&self, format: PageFormat) -> indmap_api::Result<PrintOptions> {
        let lang = PrintLang::parse(&self.lang)
            .ok_or_else(|| invalid("lang", format!("must be kk, ru or en; got {:?}", self.lang)))?;
        let by = PrintBy::parse(&self.by)
            .ok_or_else(|| invalid("by", format!("must be status or sector; got {:?}", self.by)))?;
        let paper = match self.paper {
            PrintPaper::A4 => Paper::A4,
            PrintPaper::A3 => Paper::A3,
        };
        Ok(PrintOptions { lang, setup: PrintSetup::new(paper, self.landscape), by, format, ..PrintOptions::default() })
    }

    fn project(&self) -> indmap_api::Result<&str> {
        self.project
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .ok_or_else(|| invalid("project", "choose the project whose passport to print".into()))
    }

    fn chart(&self) -> indmap_api::Result<ChartKind> {
        let code = self.chart.as_deref().unwrap_or_default();
        ChartKind::parse(code).ok_or_else(|| {
            let codes: Vec<&str> = ChartKind::ALL.iter().map(|k| k.code()).collect();
            invalid("chart", format!("must be one of {}; got {code:?}", codes.join(", ")))
        })
    }

    /// The printout a page preview shows; the table has no pages.
    fn printout(&self) -> indmap_api::Result<Printout<'_, ViewFilter>> {
        Ok(match self.kind {
            PrintKind::Map => Printout::Map(&self.filter),
            PrintKind::Atlas => Printout::Atlas(&self.filter),
            PrintKind::Passport => Printout::Passport(self.project()?),
            PrintKind::Chart => Printout::Chart(&self.filter, self.chart()?),
            PrintKind::Table => {
                return Err(invalid("kind", "a table is a spreadsheet and has no page to preview".into()));
            }
        })
    }
}

/// Runs `f` on the open database on a worker thread, so the window never waits for a printout.
async fn on_worker<T: Send + 'static>(
    app: tauri::AppHandle,
    f: impl FnOnce(&mut Indmap) -> indmap_api::Result<T> + Send + 'static,
) -> Answer<T> {
    tauri::async_runtime::spawn_blocking(move || with_db(&app.state::<AppState>(), f))
        .await
        .map_err(|e| UiError::new(ErrorKind::Internal, format!("the printout stopped: {e}")))?
}

/// The dots per inch that make the page's long side `long_px` pixels.
fn preview_dpi(options: &PrintOptions, long_px: u32) -> f64 {
    let (w, h) = options.setup.size_mm();
    (f64::from(long_px.clamp(200, 3000)) / (w.max(h) / 25.4)).clamp(20.0, 300.0)
}

/// Page `page` (from 0; past the end, the last) of the printout as PNG bytes, its long side about
/// `size` pixels.
#[tauri::command]
pub async fn print_preview(app: tauri::AppHandle, request: PrintRequest, page: u32, size: u32) -> Answer<Response> {
    let mut options = request.options(PageFormat::Png)?;
    options.dpi = preview_dpi(&options, size);
    let key = format!("{request:?}");
    let preview =
        on_worker(app.clone(), move |db| db.preview_page(request.printout()?, &options, page as usize)).await?;
    *lock(&app.state::<AppState>().last_page_count)? = Some((key, preview.pages as u32));
    Ok(Response::new(preview.png))
}

/// How many pages the printout has.
#[tauri::command]
pub async fn print_page_count(app: tauri::AppHandle, request: PrintRequest) -> Answer<u32> {
    let key = format!("{request:?}");
    let cached = lock(&app.state::<AppState>().last_page_count)?.take_if(|(k, _)| *k == key);
    if let Some((_, pages)) = cached {
        return Ok(pages);
    }
    let options = request.options(PageFormat::Png)?;
    on_worker(app, move |db| Ok(db.printout_page_count(request.printout()?, &options)? as u32)).await
}

fn page_format(path: &Path) -> indmap_api::Result<PageFormat> {
    PageFormat::of_path(path)
        .ok_or_else(|| invalid("path", format!("{} must end in .pdf, .png or .svg", path.display())))
}

/// Writes the printout (not the atlas: see `print_atlas`) to `path`; its extension says the
/// format (a PNG or SVG of several pages is a file per page, numbered after `path`). Answers
/// the paths written, separated by "; ".
#[tauri::command]
pub async fn print_save(app: tauri::AppHandle, request: PrintRequest, path: String) -> Answer<String> {
    let out = crate::path_arg(&path)?;
    let files = if request.kind == PrintKind::Table {
        let format = TableFormat::of_path(&out)
            .ok_or_else(|| invalid("path", format!("{} must end in .xlsx or .csv", out.display())))?;
        let lang = request.options(PageFormat::Pdf)?.lang;
        vec![on_worker(app, move |db| db.report_table(&request.filter, lang, format)).await?]
    } else {
        if request.kind == PrintKind::Atlas {
            return Err(invalid("kind", "the atlas is written by print_atlas".into()).into());
        }
        let options = request.options(page_format(&out)?)?;
        on_worker(app, move |db| db.print_files(request.printout()?, &options, None, &mut |_, _| {})).await?
    };
    let paths = write_printout(&out, &files)?;
    Ok(paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join("; "))
}

/// Writes the atlas PDF to `path`, telling `on_progress` each page. Answers false when the user
/// cancelled job `job` (nothing is written).
#[tauri::command]
pub async fn print_atlas(
    app: tauri::AppHandle,
    request: PrintRequest,
    path: String,
    job: u32,
    on_progress: Channel<AtlasProgress>,
) -> Answer<bool> {
    let out = crate::path_arg(&path)?;
    if page_format(&out)? != PageFormat::Pdf {
        return Err(invalid("path", format!("{}: the atlas is a PDF; name a .pdf file", out.display())).into());
    }
    let options = request.options(PageFormat::Pdf)?;
    let worker = app.clone();
    let bytes = on_worker(app.clone(), move |db| {
        let cancelled = || worker.state::<AppState>().atlas_cancelled.lock().is_ok_and(|set| set.contains(&job));
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(AtlasProgress { done: done as u32, total: total as u32 });
            if cancelled() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        };
        db.print_atlas_until(&request.filter, &options, &mut progress)
    })
    .await;
    lock(&app.state::<AppState>().atlas_cancelled)?.remove(&job);
    match bytes? {
        Some(bytes) => write_printout(&out, &[bytes]).map(|_| true).map_err(UiError::from),
        None => Ok(false),
    }
}

/// Stops atlas job `job`.
#[tauri::command]
pub fn print_atlas_cancel(state: tauri::State<'_, AppState>, job: u32) -> Answer<()> {
    lock(&state.atlas_cancelled)?.insert(job);
    Ok(())
}
