//! Printouts and reports: the map, the region atlas, a project's passport, and the table as XLSX
//! or CSV. The projects come from the same filter as every list; each printout carries the
//! database id, the print date and a hash of exactly the projects it shows.

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::feature::projects_to_collection;
use indmap_core::{Project, ProjectFilter};
use indmap_print::{Lang, PageSetup, PrintContext, SymbolBy, Trace};
use sha2::{Digest, Sha256};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

pub use indmap_print::{ChartKind, Lang as PrintLang, PageSetup as PrintSetup, Paper, SymbolBy as PrintBy};

/// What a page is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Pdf,
    Png,
    Svg,
}

impl PageFormat {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &std::path::Path) -> Option<PageFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(PageFormat::Pdf),
            "png" => Some(PageFormat::Png),
            "svg" => Some(PageFormat::Svg),
            _ => None,
        }
    }
}

/// A table's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Xlsx,
    Csv,
}

impl TableFormat {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &std::path::Path) -> Option<TableFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(TableFormat::Xlsx),
            "csv" => Some(TableFormat::Csv),
            _ => None,
        }
    }
}

/// The name of page `n` of `count` written as separate files: `atlas.png` → `atlas-07.png`.
fn page_path(out: &Path, n: usize, count: usize) -> PathBuf {
    let digits = count.to_string().len().max(2);
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = out.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    out.with_file_name(format!("{stem}-{n:0digits$}{ext}"))
}

/// Writes a printout's files (see [`Indmap::print_files`]): one to `out`, or several (a PNG or
/// SVG per page) numbered after it. Makes the folder if need be; answers the paths written.
pub fn write_printout(out: &Path, files: &[Vec<u8>]) -> Result<Vec<PathBuf>> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot create {}: {e}", dir.display())))?;
    }
    let paths: Vec<PathBuf> = match files {
        [_] => vec![out.to_owned()],
        _ => (1..=files.len()).map(|n| page_path(out, n, files.len())).collect(),
    };
    for (path, bytes) in paths.iter().zip(files) {
        std::fs::write(path, bytes)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(paths)
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct PrintOptions {
    pub lang: Lang,
    pub setup: PageSetup,
    pub by: SymbolBy,
    pub format: PageFormat,
    /// Resolution of PNG output.
    pub dpi: f64,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            lang: Lang::Ru,
            setup: PageSetup::default(),
            by: SymbolBy::Status,
            format: PageFormat::Pdf,
            dpi: 150.0,
        }
    }
}

/// Which projects a printout shows: a [`ProjectFilter`], or the window's [`crate::ViewFilter`],
/// which the window sends as text and which becomes one.
pub trait PrintedSet {
    fn project_filter(&self) -> Result<ProjectFilter>;

    /// The projects, and the filter the printout names in its subtitle.
    fn select(&self, db: &Indmap) -> Result<(ProjectFilter, Vec<Project>)> {
        let filter = self.project_filter()?;
        let projects = db.list(&filter)?;
        Ok((filter, projects))
    }
}

impl PrintedSet for ProjectFilter {
    fn project_filter(&self) -> Result<ProjectFilter> {
        Ok(self.clone())
    }
}

impl PrintedSet for crate::ViewFilter {
    fn project_filter(&self) -> Result<ProjectFilter> {
        crate::ViewFilter::project_filter(self)
    }
}

/// One page of a printout as the print dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePreview {
    pub png: Vec<u8>,
    /// The page shown, from 0.
    pub page: usize,
    /// How many pages the printout has.
    pub pages: usize,
}

/// What a printout is of: what the print dialog previews page by page.
#[derive(Debug, Clone, Copy)]
pub enum Printout<'a, F: PrintedSet> {
    Map(&'a F),
    Atlas(&'a F),
    /// A project's id or code.
    Passport(&'a str),
    Chart(&'a F, ChartKind),
}

/// The SHA-256 of the projects' GeoJSON FeatureCollection, as `project list --json` prints it.
pub(crate) fn printed_set_hash(projects: &[Project]) -> String {
    let text = serde_json::to_string_pretty(&projects_to_collection(projects)).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn print_error(e: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Io, format!("the printout could not be made: {e}"))
}

fn render(doc: &indmap_print::Document, options: &PrintOptions) -> Result<Vec<u8>> {
    match options.format {
        PageFormat::Pdf => doc.to_pdf().map_err(print_error),
        PageFormat::Png => doc.first_page().and_then(|p| p.to_png(options.dpi)).map_err(print_error),
        PageFormat::Svg => doc.first_page().map(|p| p.to_svg().into_bytes()).map_err(print_error),
    }
}

impl Indmap {
    /// The print context for `projects`: labels from this database's lists, its id, today's date
    /// and the hash of the projects.
    fn print_context(
        &self,
        projects: &[Project],
        filter: &ProjectFilter,
        lang: Lang,
        setup: PageSetup,
    ) -> Result<PrintContext> {
        let reference = self.reference()?;
        let trace = Trace {
            database_id: self.info().db_id.to_string(),
            content_hash: printed_set_hash(projects),
            printed_on: self.env.clock.now().date_naive(),
        };
        let mut ctx = PrintContext::new(lang, setup, trace);
        ctx.filters = if *filter == ProjectFilter::default() {
            String::new()
        } else {
            indmap_print::filter_text::describe(filter, lang, &reference.sectors, &reference.financing_sources)
        };
        ctx.level = filter.level;
        ctx.sectors = reference.sectors;
        ctx.sources = reference.financing_sources;
        Ok(ctx)
    }

    /// The map of the filtered projects: of one region when the filter names exactly one (or the
    /// database keeps one region's map), else of Kazakhstan.
    pub fn print_map(&self, filter: &impl PrintedSet, options: &PrintOptions) -> Result<Vec<u8>> {
        render(&self.map_pages(filter, options)?, options)
    }

    fn map_pages(&self, filter: &impl PrintedSet, options: &PrintOptions) -> Result<indmap_print::Document> {
        let (filter, projects) = filter.select(self)?;
        let ctx = self.print_context(&projects, &filter, options.lang, options.setup)?;
        // A region's database prints its region unless the filter says otherwise.
        let region = match (filter.regions.as_slice(), self.info().scope) {
            ([one], _) => Some(*one),
            ([], indmap_core::Scope::Region(own)) => Some(own),
            _ => None,
        };
        Ok(indmap_print::map_document(&ctx, &projects, indmap_print::MapOptions { region, by: options.by }))
    }

    /// The atlas of the filtered projects as one PDF. `progress` hears (pages done, pages in all).
    pub fn print_atlas(
        &self,
        filter: &impl PrintedSet,
        options: &PrintOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>> {
        let doc = self.atlas_pages(filter, options, progress)?;
        render(&doc, options)
    }

    /// The atlas, unless `progress` answers `Break` (the user cancelled): then `None`, and the
    /// slow part, writing the PDF, is skipped.
    pub fn print_atlas_until(
        &self,
        filter: &impl PrintedSet,
        options: &PrintOptions,
        progress: &mut dyn FnMut(usize, usize) -> ControlFlow<()>,
    ) -> Result<Option<Vec<u8>>> {
        let mut stopped = false;
        let doc = self.atlas_pages(filter, options, &mut |done, total| {
            stopped = stopped || progress(done, total).is_break();
        })?;
        if stopped { Ok(None) } else { render(&doc, options).map(Some) }
    }

    fn atlas_pages(
        &self,
        filter: &impl PrintedSet,
        options: &PrintOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<indmap_print::Document> {
        let (filter, projects) = filter.select(self)?;
        let ctx = self.print_context(&projects, &filter, options.lang, options.setup)?;
        Ok(indmap_print::atlas_document(&ctx, &projects, options.by, progress))
    }

    /// The filtered table as XLSX (a summary sheet and a sheet per region) or CSV.
    pub fn report_table(&self, filter: &impl PrintedSet, lang: Lang, format: TableFormat) -> Result<Vec<u8>> {
        let (filter, projects) = filter.select(self)?;
        let ctx = self.print_context(&projects, &filter, lang, PageSetup::default())?;
        match format {
            TableFormat::Xlsx => indmap_print::table_export::xlsx(&ctx, &projects).map_err(print_error),
            TableFormat::Csv => Ok(indmap_print::table_export::csv(&ctx, &projects)),
        }
    }
}

impl Indmap {
    /// One project's passport (two pages), by its id or code.
    pub fn print_passport(&self, id_or_code: &str, options: &PrintOptions) -> Result<Vec<u8>> {
        render(&self.passport_pages(id_or_code, options)?, options)
    }

    fn passport_pages(&self, id_or_code: &str, options: &PrintOptions) -> Result<indmap_print::Document> {
        let project = self.find(id_or_code)?;
        let one = std::slice::from_ref(&project);
        let ctx = self.print_context(one, &ProjectFilter::default(), options.lang, options.setup)?;
        Ok(indmap_print::passport_document(&ctx, &project))
    }

    /// A summary chart of the filtered projects, as PNG or SVG (or a one-page PDF).
    pub fn print_chart(
        &self,
        filter: &impl PrintedSet,
        kind: indmap_print::ChartKind,
        options: &PrintOptions,
    ) -> Result<Vec<u8>> {
        render(&self.chart_pages(filter, kind, options)?, options)
    }

    fn chart_pages(
        &self,
        filter: &impl PrintedSet,
        kind: indmap_print::ChartKind,
        options: &PrintOptions,
    ) -> Result<indmap_print::Document> {
        let (filter, projects) = filter.select(self)?;
        let ctx = self.print_context(&projects, &filter, options.lang, options.setup)?;
        let page = indmap_print::chart_page(&ctx, kind, &projects);
        Ok(indmap_print::Document {
            title: format!("{kind:?}"),
            subject: indmap_print::map_page::subject(&ctx),
            pages: vec![page],
        })
    }
}

impl Indmap {
    fn printout_pages<F: PrintedSet>(
        &self,
        printout: Printout<'_, F>,
        options: &PrintOptions,
    ) -> Result<indmap_print::Document> {
        match printout {
            Printout::Map(filter) => self.map_pages(filter, options),
            Printout::Atlas(filter) => self.atlas_pages(filter, options, &mut |_, _| {}),
            Printout::Passport(id) => self.passport_pages(id, options),
            Printout::Chart(filter, kind) => self.chart_pages(filter, kind, options),
        }
    }

    /// How many pages the printout has (for stepping through its preview).
    pub fn printout_page_count<F: PrintedSet>(
        &self,
        printout: Printout<'_, F>,
        options: &PrintOptions,
    ) -> Result<usize> {
        Ok(self.printout_pages(printout, options)?.pages.len())
    }

    /// Page `page` (from 0; past the end, the last) of the printout as PNG at `options.dpi`: the
    /// print dialog's preview, drawn by the same renderer as the file.
    pub fn preview_page<F: PrintedSet>(
        &self,
        printout: Printout<'_, F>,
        options: &PrintOptions,
        page: usize,
    ) -> Result<PagePreview> {
        let doc = self.printout_pages(printout, options)?;
        let shown = page.min(doc.pages.len().saturating_sub(1));
        let png = doc.pages.get(shown).ok_or_else(|| print_error("the printout has no page"))?.to_png(options.dpi);
        Ok(PagePreview { png: png.map_err(print_error)?, page: shown, pages: doc.pages.len() })
    }
}

/// A printout's files: a PDF holds every page; PNG and SVG are one file per page. `page` (from
/// 1) keeps that page alone.
fn render_files(doc: indmap_print::Document, options: &PrintOptions, page: Option<usize>) -> Result<Vec<Vec<u8>>> {
    let doc = match page {
        None => doc,
        Some(n) => doc.only_page(n).ok_or_else(|| {
            let mut problems = indmap_core::Problems::new();
            let count = doc.pages.len();
            let pages = if count == 1 { "1 page".to_owned() } else { format!("{count} pages") };
            problems.error("--page", "print.page", format!("there is no page {n}: the printout has {pages}"));
            Error::invalid(problems)
        })?,
    };
    match options.format {
        PageFormat::Pdf => doc.to_pdf().map(|pdf| vec![pdf]).map_err(print_error),
        PageFormat::Png => doc.to_pngs(options.dpi).map_err(print_error),
        PageFormat::Svg => Ok(doc.pages.iter().map(|p| p.to_svg().into_bytes()).collect()),
    }
}

impl Indmap {
    /// The printout as files in `options.format`: one PDF of all its pages, or a PNG or SVG per
    /// page (in order); with `page` (from 1), that page alone. `progress` hears (pages made,
    /// pages in all) while the atlas is laid out.
    pub fn print_files<F: PrintedSet>(
        &self,
        printout: Printout<'_, F>,
        options: &PrintOptions,
        page: Option<usize>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Vec<u8>>> {
        let doc = match printout {
            Printout::Atlas(filter) => self.atlas_pages(filter, options, progress)?,
            other => self.printout_pages(other, options)?,
        };
        render_files(doc, options, page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Env;
    use chrono::{TimeZone, Utc};
    use indmap_core::Scope;

    fn sample_db(dir: &std::path::Path) -> Indmap {
        let at = Utc.with_ymd_and_hms(2026, 3, 7, 9, 0, 0).unwrap();
        let mut db = Indmap::init(&dir.join("m.sqlite"), Scope::Ministry, Env::fixed("official", at)).unwrap();
        db.add_sample(40, 1).unwrap();
        db
    }

    #[test]
    fn a_regional_database_prints_its_region() {
        let dir = tempfile::tempdir().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 7, 9, 0, 0).unwrap();
        let region = indmap_core::RegionCode::parse("35").unwrap();
        let mut db =
            Indmap::init(&dir.path().join("r.sqlite"), Scope::Region(region), Env::fixed("planner", at)).unwrap();
        db.add_sample(10, 1).unwrap();
        let options = PrintOptions { format: PageFormat::Svg, ..PrintOptions::default() };
        let svg = String::from_utf8(db.print_map(&ProjectFilter::default(), &options).unwrap()).unwrap();
        assert!(svg.contains("Карта индустриализации — Карагандинская область"));
    }

    #[test]
    fn the_content_hash_is_of_exactly_the_printed_projects() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let all = db.list(&ProjectFilter::default()).unwrap();
        assert_eq!(printed_set_hash(&all), printed_set_hash(&db.list(&ProjectFilter::default()).unwrap()));
        assert!(printed_set_hash(&all).starts_with("sha256:") && printed_set_hash(&all).len() == 7 + 64);
        assert_ne!(printed_set_hash(&all), printed_set_hash(&all[1..]));
    }

    #[test]
    fn a_printout_carries_the_database_id_and_the_date_of_the_clock() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let options = PrintOptions { format: PageFormat::Svg, ..PrintOptions::default() };
        let svg = String::from_utf8(db.print_map(&ProjectFilter::default(), &options).unwrap()).unwrap();
        assert!(svg.contains(&db.info().db_id.to_string()));
        assert!(svg.contains("07.03.2026"), "the print date comes from the API's clock");
        let all = db.list(&ProjectFilter::default()).unwrap();
        assert!(svg.contains(&printed_set_hash(&all)));
        let pdf = db.print_passport(all[0].code.as_ref().unwrap().as_str(), &PrintOptions::default()).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let csv = db.report_table(&ProjectFilter::default(), Lang::Kk, TableFormat::Csv).unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    }

    #[test]
    fn the_window_prints_exactly_the_set_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        // The window sends its filter as text; the printout's hash is of exactly the rows it shows.
        let filter = crate::ViewFilter { year_from: Some(2026), year_to: Some(2027), ..Default::default() };
        let shown: Vec<String> = db.view(&filter).unwrap().rows.into_iter().map(|r| r.id).collect();
        let (_, printed) = PrintedSet::select(&filter, &db).unwrap();
        assert!(!printed.is_empty() && printed.len() < 40);
        assert_eq!(printed.iter().map(|p| p.id.to_string()).collect::<Vec<_>>(), shown);
        let options = PrintOptions { format: PageFormat::Svg, ..PrintOptions::default() };
        let svg = String::from_utf8(db.print_map(&filter, &options).unwrap()).unwrap();
        assert!(svg.contains(&printed_set_hash(&printed)));
    }

    #[test]
    fn a_preview_is_one_page_as_png_and_the_page_count_is_the_documents() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let all = ProjectFilter::default();
        let options = PrintOptions { dpi: 40.0, ..PrintOptions::default() };
        assert_eq!(db.printout_page_count(Printout::Map(&all), &options).unwrap(), 1);
        let pages = db.printout_page_count(Printout::Atlas(&all), &options).unwrap();
        assert!(pages > 2, "an overview, then a map and a table per region: {pages}");
        let last = db.preview_page(Printout::Atlas(&all), &options, pages - 1).unwrap();
        assert!(last.png.starts_with(b"\x89PNG"));
        assert_eq!((last.page, last.pages), (pages - 1, pages));
        // Past the end shows the last page.
        assert_eq!(db.preview_page(Printout::Atlas(&all), &options, pages + 5).unwrap(), last);
    }

    #[test]
    fn a_cancelled_atlas_stops_and_gives_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let mut calls = 0;
        let done = db
            .print_atlas_until(&ProjectFilter::default(), &PrintOptions::default(), &mut |done, _| {
                calls += 1;
                if done >= 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            })
            .unwrap();
        assert!(done.is_none());
        assert_eq!(calls, 2, "the progress is not asked again after the cancel");
        let whole = db.print_atlas_until(&ProjectFilter::default(), &PrintOptions::default(), &mut |_, _| {
            ControlFlow::Continue(())
        });
        assert!(whole.unwrap().unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn png_and_svg_are_a_file_per_page_and_a_missing_page_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let code = db.list(&ProjectFilter::default()).unwrap()[0].code.clone().unwrap().to_string();
        let passport = || Printout::<ProjectFilter>::Passport(&code);
        let svg = PrintOptions { format: PageFormat::Svg, ..PrintOptions::default() };
        let files = db.print_files(passport(), &svg, None, &mut |_, _| {}).unwrap();
        assert_eq!(files.len(), 2, "the passport's two pages");
        assert!(files.iter().all(|f| f.starts_with(b"<svg")));
        assert_ne!(files[0], files[1]);
        let second = db.print_files(passport(), &svg, Some(2), &mut |_, _| {}).unwrap();
        assert_eq!(second, vec![files[1].clone()]);
        let pdf = db.print_files(passport(), &PrintOptions::default(), None, &mut |_, _| {}).unwrap();
        assert_eq!(pdf.len(), 1, "a PDF holds every page");
        let err = db.print_files(passport(), &svg, Some(3), &mut |_, _| {}).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert!(err.to_string().contains("has 2 pages"), "{err}");
    }
}
