//! Commands of the print dialog: a live preview drawn by the same renderer as the files, saving a
//! printout, and the atlas on a worker thread with progress and cancel. The dialog sends the
//! API's print request; these commands read the path and call the API's one print verb.

use crate::{Answer, AppState, UiError, lock, with_db};
use indmap_api::core::Problems;
use indmap_api::core::Rule;
use indmap_api::{Error, ErrorKind, Indmap, Paper, PrintFormat, PrintOutput, Printout, ViewFilter, write_printout};
use serde::Serialize;
use std::ops::ControlFlow;
use std::path::Path;
use tauri::Manager;
use tauri::ipc::{Channel, Response};

/// What the print dialog asks for: the API's request, of the window's filter.
pub type PrintRequest = indmap_api::PrintRequest<ViewFilter>;

/// How far the atlas is: pages laid out of all pages.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AtlasProgress {
    pub done: u32,
    pub total: u32,
}

fn invalid(field: &str, message: String) -> Error {
    let mut problems = Problems::new();
    problems.error(field, Rule::PrintRequest, message);
    Error::invalid(problems)
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
fn preview_dpi(paper: Paper, long_px: u32) -> f64 {
    let (w, h) = paper.portrait_mm();
    (f64::from(long_px.clamp(200, 3000)) / (w.max(h) / 25.4)).clamp(20.0, 300.0)
}

/// Page `page` (from 0; past the end, the last) of the printout as PNG bytes, its long side about
/// `size` pixels.
#[tauri::command]
pub async fn print_preview(app: tauri::AppHandle, request: PrintRequest, page: u32, size: u32) -> Answer<Response> {
    let dpi = preview_dpi(request.paper, size);
    let key = format!("{request:?}");
    let preview = on_worker(app.clone(), move |db| db.preview(&request, page as usize, dpi)).await?;
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
    on_worker(app, move |db| Ok(db.page_count(&request)? as u32)).await
}

/// The format `path` asks for, when the printout can be written so.
fn format_of(printout: &Printout, path: &Path) -> indmap_api::Result<PrintFormat> {
    printout
        .format_of(path)
        .ok_or_else(|| invalid("path", format!("{} must end in {}", path.display(), printout.extensions())))
}

/// Writes the printout (not the atlas: see `print_atlas`) to `path`; its extension says the
/// format (a PNG or SVG of several pages is a file per page, numbered after `path`). Answers
/// the paths written, separated by "; ".
#[tauri::command]
pub async fn print_save(app: tauri::AppHandle, request: PrintRequest, path: String) -> Answer<String> {
    let out = crate::path_arg(&path)?;
    if request.printout == Printout::Atlas {
        return Err(invalid("kind", "the atlas is written by print_atlas".into()).into());
    }
    let output = PrintOutput::new(format_of(&request.printout, &out)?);
    let files = on_worker(app, move |db| db.print(&request, &output, &mut |_, _| ControlFlow::Continue(()))).await?;
    let paths = write_printout(&out, &files.unwrap_or_default())?;
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
    if format_of(&request.printout, &out)? != PrintFormat::Pdf {
        return Err(invalid("path", format!("{}: the atlas is a PDF; name a .pdf file", out.display())).into());
    }
    let worker = app.clone();
    let files = on_worker(app.clone(), move |db| {
        let cancelled = || worker.state::<AppState>().atlas_cancelled.lock().is_ok_and(|set| set.contains(&job));
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(AtlasProgress { done: done as u32, total: total as u32 });
            if cancelled() { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        };
        db.print(&request, &PrintOutput::new(PrintFormat::Pdf), &mut progress)
    })
    .await;
    lock(&app.state::<AppState>().atlas_cancelled)?.remove(&job);
    match files? {
        Some(files) => write_printout(&out, &files).map(|_| true).map_err(UiError::from),
        None => Ok(false),
    }
}

/// Stops atlas job `job`.
#[tauri::command]
pub fn print_atlas_cancel(state: tauri::State<'_, AppState>, job: u32) -> Answer<()> {
    lock(&state.atlas_cancelled)?.insert(job);
    Ok(())
}
