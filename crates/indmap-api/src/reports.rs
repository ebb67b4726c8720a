//! Printouts and reports: the map, the region atlas, a project's passport, a chart, and the
//! table as XLSX or CSV. One verb, [`Indmap::print`], makes the files a [`PrintRequest`] asks
//! for; [`Indmap::page_count`] and [`Indmap::preview`] serve the print dialog with the same
//! request. The projects come from the same filter as every list; each printout carries the
//! database id, the print date and a hash of exactly the projects it shows.

use crate::{Error, ErrorKind, Indmap, Result, ViewFilter};
use indmap_core::Rule;
use indmap_core::feature::projects_to_collection;
use indmap_core::{Problems, Project, ProjectFilter};
use indmap_print::{Document, PageSetup, PrintContext, Trace};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

pub use indmap_print::{ChartKind, Lang as PrintLang, Paper, SymbolBy as PrintBy};

mod forms;

/// What a printout is of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Printout {
    /// The map: of one region when the filter names exactly one (or the database keeps one
    /// region's map), else of Kazakhstan.
    #[default]
    Map,
    /// An overview, then each region's map and table of projects.
    Atlas,
    /// One project's passport (two pages, then its schedule chart), by its id or code; the
    /// filter plays no part.
    Passport { project: String },
    /// A summary chart of the filtered projects.
    Chart { chart: ChartKind },
    /// The filtered table as XLSX (a summary sheet and a sheet per region) or CSV.
    Table,
    /// The alert list of the filtered projects (the map as it stands), a table per kind.
    Alerts,
    /// The schedule chart of the filtered projects, or of one project (its id or code), as
    /// they stand, against their approved baseline.
    Gantt {
        #[serde(default)]
        project: Option<String>,
    },
    /// Plan against actual of the filtered projects, in totals and by region, sector and year,
    /// and financing by source, year and status: an XLSX workbook, or pages of charts and tables.
    Dashboard,
    /// The information on the effectiveness of the support the filtered projects received (of
    /// one year, if given), by measure, region, sector and year: a signed document or a workbook.
    Effectiveness {
        #[serde(default)]
        year: Option<i32>,
    },
    /// The information on the support measures the filtered projects received (of one year, if
    /// given): totals by measure, region and year, then each measure's projects; signed pages
    /// or a workbook.
    SupportRegister {
        #[serde(default)]
        year: Option<i32>,
    },
    /// The monitoring report of a period (the last one due, if none is named): each filtered
    /// project due to report, its plan, approved baseline, report, variance and problems, a
    /// table per region; signed pages or a workbook.
    MonitoringReport {
        #[serde(default)]
        period: Option<String>,
    },
}

/// A printout asked for: what, of which projects, on which paper, in which language, coloured
/// by what. The window sends it as JSON; the CLI builds one from its flags.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(concrete(F = ViewFilter)))]
pub struct PrintRequest<F = ViewFilter> {
    #[serde(flatten)]
    pub printout: Printout,
    /// The projects shown: the window's [`ViewFilter`], or a [`ProjectFilter`] already read.
    pub filter: F,
    pub paper: Paper,
    pub landscape: bool,
    pub lang: PrintLang,
    pub by: PrintBy,
    /// Print the map as approved in this edition (`latest`, its number on this map, or its id):
    /// the edition's plans, its act in the title block. None: the map as it stands.
    #[serde(default)]
    pub edition: Option<String>,
}

/// What a printout's files are written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFormat {
    Pdf,
    Png,
    Svg,
    Xlsx,
    Csv,
}

impl PrintFormat {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &Path) -> Option<PrintFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(PrintFormat::Pdf),
            "png" => Some(PrintFormat::Png),
            "svg" => Some(PrintFormat::Svg),
            "xlsx" => Some(PrintFormat::Xlsx),
            "csv" => Some(PrintFormat::Csv),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            PrintFormat::Pdf => ".pdf",
            PrintFormat::Png => ".png",
            PrintFormat::Svg => ".svg",
            PrintFormat::Xlsx => ".xlsx",
            PrintFormat::Csv => ".csv",
        }
    }
}

impl Printout {
    /// The formats it can be written as: a table as a spreadsheet, the rest as pages.
    pub fn formats(&self) -> &'static [PrintFormat] {
        match self {
            Printout::Table => &[PrintFormat::Xlsx, PrintFormat::Csv],
            Printout::Dashboard => &[PrintFormat::Xlsx, PrintFormat::Pdf, PrintFormat::Png, PrintFormat::Svg],
            Printout::Effectiveness { .. } | Printout::SupportRegister { .. } | Printout::MonitoringReport { .. } => {
                &[PrintFormat::Pdf, PrintFormat::Png, PrintFormat::Svg, PrintFormat::Xlsx]
            }
            _ => &[PrintFormat::Pdf, PrintFormat::Png, PrintFormat::Svg],
        }
    }

    /// The format `path`'s extension asks for, if this printout can be written so.
    pub fn format_of(&self, path: &Path) -> Option<PrintFormat> {
        PrintFormat::of_path(path).filter(|f| self.formats().contains(f))
    }

    /// The extensions it can be written with, as a sentence reads them: ".pdf, .png or .svg".
    pub fn extensions(&self) -> String {
        let names: Vec<&str> = self.formats().iter().map(|f| f.extension()).collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// How a printout's files are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintOutput {
    pub format: PrintFormat,
    /// The resolution of PNG pages, dots per inch.
    pub dpi: f64,
    /// Page `n` (from 1) alone, instead of every page.
    pub page: Option<usize>,
}

impl PrintOutput {
    /// Every page in `format`, PNG at 150 dpi.
    pub fn new(format: PrintFormat) -> PrintOutput {
        PrintOutput { format, dpi: 150.0, page: None }
    }
}

/// Hears (pages laid out, pages in all) while a printout is made; `Break` stops it.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> ControlFlow<()>;

/// One page of a printout as the print dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagePreview {
    pub png: Vec<u8>,
    /// The page shown, from 0.
    pub page: usize,
    /// How many pages the printout has.
    pub pages: usize,
}

/// Which projects a printout shows: a [`ProjectFilter`], or the window's [`ViewFilter`], which
/// the window sends as text and which becomes one.
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

impl PrintedSet for ViewFilter {
    fn project_filter(&self) -> Result<ProjectFilter> {
        ViewFilter::project_filter(self)
    }
}

/// The name of page `n` of `count` written as separate files: `atlas.png` → `atlas-07.png`.
fn page_path(out: &Path, n: usize, count: usize) -> PathBuf {
    let digits = count.to_string().len().max(2);
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = out.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    out.with_file_name(format!("{stem}-{n:0digits$}{ext}"))
}

/// Writes a printout's files (see [`Indmap::print`]): one to `out`, or several (a PNG or SVG per
/// page) numbered after it. Makes the folder if need be; answers the paths written.
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
        let cannot = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", path.display()));
        if is_database(path) {
            let message = format!("{} is a database, not a printout; choose another file name", path.display());
            return Err(Error::new(ErrorKind::Conflict, message));
        }
        write_whole(path, bytes).map_err(cannot)?;
    }
    Ok(paths)
}

/// Whether the file at `path` is an SQLite database (a map, its backup or an exchange file).
fn is_database(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut start)).is_ok() && &start == b"SQLite format 3\0"
}

/// Writes `bytes` beside `path` and renames the file into place once it is whole and on disk:
/// a printout killed half-way leaves no truncated PDF, and any earlier one as it was.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let partial = PathBuf::from(format!("{}.partial", path.display()));
    let written = std::fs::File::create(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&partial, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
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

/// A request that breaks a rule: `field` says where.
fn refused(field: &str, rule: Rule, message: String) -> Error {
    let mut problems = Problems::new();
    problems.error(field, rule, message);
    Error::invalid(problems)
}

/// Refuses an edition for a printout of the map as it stands (`what` names it).
fn as_it_stands<F>(request: &PrintRequest<F>, what: &str) -> Result<()> {
    match request.edition {
        Some(_) => Err(refused(
            "edition",
            Rule::PrintRequest,
            format!("{what} is of the map as it stands; print it without an edition"),
        )),
        None => Ok(()),
    }
}

/// A printout asked for in a format it is not written in.
fn unfit(printout: &Printout) -> Error {
    refused("format", Rule::PrintUsage, format!("this printout is written as {}", printout.extensions()))
}

/// A printout's files: a PDF holds every page; PNG and SVG are one file per page. `page` (from
/// 1) keeps that page alone.
fn page_files(doc: Document, output: &PrintOutput) -> Result<Vec<Vec<u8>>> {
    let doc = match output.page {
        None => doc,
        Some(n) => doc.only_page(n).ok_or_else(|| {
            let count = doc.pages.len();
            let pages = if count == 1 { "1 page".to_owned() } else { format!("{count} pages") };
            refused("--page", Rule::PrintPage, format!("there is no page {n}: the printout has {pages}"))
        })?,
    };
    match output.format {
        PrintFormat::Pdf => doc.to_pdf().map(|pdf| vec![pdf]).map_err(print_error),
        PrintFormat::Png => doc.to_pngs(output.dpi).map_err(print_error),
        PrintFormat::Svg => Ok(doc.pages.iter().map(|p| p.to_svg().into_bytes()).collect()),
        PrintFormat::Xlsx | PrintFormat::Csv => Err(unfit(&Printout::Map)),
    }
}

impl Indmap {
    /// The printout's files in `output.format`: one PDF of all its pages, a PNG or SVG per page
    /// (in order), or the table's one XLSX or CSV; with `output.page` (from 1), that page alone.
    /// `progress` hears the atlas's pages as they are laid out; `None` when it answered `Break`
    /// (the user cancelled), and the slow part, writing the files, is skipped.
    pub fn print<F: PrintedSet>(
        &self,
        request: &PrintRequest<F>,
        output: &PrintOutput,
        progress: Progress<'_>,
    ) -> Result<Option<Vec<Vec<u8>>>> {
        if !request.printout.formats().contains(&output.format) {
            return Err(unfit(&request.printout));
        }
        if request.printout == Printout::Table {
            return self.table(request, output.format).map(|table| Some(vec![table]));
        }
        if request.printout == Printout::Dashboard && output.format == PrintFormat::Xlsx {
            as_it_stands(request, "the dashboard")?;
            let (filter, projects) = request.filter.select(self)?;
            let ctx = self.print_context(&projects, &filter, request.lang, PageSetup::default())?;
            let workbook = indmap_print::dashboard_xlsx::xlsx(&ctx, &self.dashboard_of(&projects)?);
            return workbook.map(|book| Some(vec![book])).map_err(print_error);
        }
        if output.format == PrintFormat::Xlsx
            && let Some(forms::Form::Workbook(book)) = self.form(request, true)?
        {
            return Ok(Some(vec![book]));
        }
        let mut stopped = false;
        let doc = self.pages(request, &mut |done, total| {
            // Not asked again once stopped.
            stopped = stopped || progress(done, total).is_break();
        })?;
        if stopped { Ok(None) } else { page_files(doc, output).map(Some) }
    }

    /// How many pages the printout has (for stepping through its preview).
    pub fn page_count<F: PrintedSet>(&self, request: &PrintRequest<F>) -> Result<usize> {
        Ok(self.pages(request, &mut |_, _| {})?.pages.len())
    }

    /// Page `page` (from 0; past the end, the last) of the printout as PNG at `dpi`: the print
    /// dialog's preview, drawn by the same renderer as the files.
    pub fn preview<F: PrintedSet>(&self, request: &PrintRequest<F>, page: usize, dpi: f64) -> Result<PagePreview> {
        let doc = self.pages(request, &mut |_, _| {})?;
        let shown = page.min(doc.pages.len().saturating_sub(1));
        let png = doc.pages.get(shown).ok_or_else(|| print_error("the printout has no page"))?.to_png(dpi);
        Ok(PagePreview { png: png.map_err(print_error)?, page: shown, pages: doc.pages.len() })
    }

    /// The printout's pages, laid out; `progress` hears the atlas's.
    fn pages<F: PrintedSet>(
        &self,
        request: &PrintRequest<F>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Document> {
        let setup = PageSetup::new(request.paper, request.landscape);
        let selected = || -> Result<(ProjectFilter, PrintContext, Vec<Project>)> {
            let (filter, projects, approved) = self.printed(request)?;
            let mut ctx = self.print_context(&projects, &filter, request.lang, setup)?;
            ctx.approved = approved;
            Ok((filter, ctx, projects))
        };
        match &request.printout {
            Printout::Map => {
                let (filter, ctx, projects) = selected()?;
                // A region's database prints its region unless the filter says otherwise.
                let region = match (filter.regions.as_slice(), self.info().scope) {
                    ([one], _) => Some(*one),
                    ([], indmap_core::Scope::Region(own)) => Some(own),
                    _ => None,
                };
                let options = indmap_print::MapOptions { region, by: request.by };
                Ok(indmap_print::map_document(&ctx, &projects, options))
            }
            Printout::Atlas => {
                let (_, ctx, projects) = selected()?;
                Ok(indmap_print::atlas_document(&ctx, &projects, request.by, progress))
            }
            Printout::Chart { chart } => {
                let (_, ctx, projects) = selected()?;
                let page = indmap_print::chart_page(&ctx, *chart, &projects);
                Ok(Document {
                    title: format!("{chart:?}"),
                    subject: indmap_print::map_page::subject(&ctx),
                    pages: vec![page],
                })
            }
            Printout::Passport { project } => {
                let id = project.trim();
                if id.is_empty() {
                    return Err(refused(
                        "project",
                        Rule::PrintRequest,
                        "choose the project whose passport to print".into(),
                    ));
                }
                let (project, approved) = match &request.edition {
                    None => (self.find(id)?, None),
                    Some(which) => {
                        let (act, plans) = self.edition_act_and_projects(which)?;
                        let wanted = self.resolve_id(id)?;
                        let plan = plans.into_iter().find(|p| p.id == wanted).ok_or_else(|| {
                            Error::not_found(format!("project {id} is not on the map in edition {which}"))
                        })?;
                        (plan, Some(act))
                    }
                };
                let one = std::slice::from_ref(&project);
                let mut ctx = self.print_context(one, &ProjectFilter::default(), request.lang, setup)?;
                // The passport of the map as it stands measures the plan against its baseline.
                if approved.is_none() {
                    ctx.baseline = self.baseline(&project)?.map(|(edition, plan)| (edition.act, edition.date, plan));
                    ctx.schedule = self.gantt_of(one)?.lanes.into_iter().next();
                }
                ctx.approved = approved;
                Ok(indmap_print::passport_document(&ctx, &project))
            }
            Printout::Table => {
                Err(refused("kind", Rule::PrintRequest, "a table is a spreadsheet and has no page to preview".into()))
            }
            Printout::Dashboard => {
                as_it_stands(request, "the dashboard")?;
                let (filter, projects) = request.filter.select(self)?;
                // Charts side by side and tables of eleven figures: across the sheet.
                let ctx = self.print_context(&projects, &filter, request.lang, PageSetup::new(request.paper, true))?;
                Ok(indmap_print::dashboard_pages::dashboard_document(&ctx, &self.dashboard_of(&projects)?))
            }
            Printout::Alerts => {
                as_it_stands(request, "the alert list")?;
                let (_, ctx, projects) = selected()?;
                let (cx, alerts) = self.computed_alerts(&projects)?;
                let pairs: Vec<_> = alerts.iter().map(|(i, a)| (&projects[*i], a)).collect();
                Ok(indmap_print::alert_list::alerts_document(&ctx, &cx.due_period.to_string(), &pairs))
            }
            Printout::Effectiveness { .. } | Printout::SupportRegister { .. } | Printout::MonitoringReport { .. } => {
                match self.form(request, false)? {
                    Some(forms::Form::Pages(doc)) => Ok(doc),
                    _ => Err(unfit(&request.printout)),
                }
            }
            Printout::Gantt { project } => {
                as_it_stands(request, "the schedule chart")?;
                let (filter, projects) = match project.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                    Some(id) => (ProjectFilter::default(), vec![self.find(id)?]),
                    None => request.filter.select(self)?,
                };
                let ctx = self.print_context(&projects, &filter, request.lang, setup)?;
                let chart = self.gantt_of(&projects)?;
                let today = self.env.clock.now().date_naive();
                Ok(indmap_print::gantt_chart::gantt_document(&ctx, &chart.lanes, chart.total, today))
            }
        }
    }

    /// The filtered table as XLSX (a summary sheet and a sheet per region) or CSV.
    fn table<F: PrintedSet>(&self, request: &PrintRequest<F>, format: PrintFormat) -> Result<Vec<u8>> {
        let (filter, projects, approved) = self.printed(request)?;
        let mut ctx = self.print_context(&projects, &filter, request.lang, PageSetup::default())?;
        // The map as it stands is measured against its baselines; a table as approved is one.
        if approved.is_none() {
            ctx.baselines = self.baselines(&projects)?;
        }
        ctx.approved = approved;
        match format {
            PrintFormat::Xlsx => indmap_print::table_export::xlsx(&ctx, &projects).map_err(print_error),
            PrintFormat::Csv => Ok(indmap_print::table_export::csv(&ctx, &projects)),
            _ => Err(unfit(&Printout::Table)),
        }
    }

    /// The projects a printout shows, by its filter: the map as it stands, or as approved in the
    /// edition the request names (with that edition's act).
    fn printed<F: PrintedSet>(
        &self,
        request: &PrintRequest<F>,
    ) -> Result<(ProjectFilter, Vec<Project>, Option<indmap_core::edition::Act>)> {
        let Some(which) = &request.edition else {
            let (filter, projects) = request.filter.select(self)?;
            return Ok((filter, projects, None));
        };
        let filter = request.filter.project_filter()?;
        let (act, plans) = self.edition_act_and_projects(which)?;
        let projects = plans.into_iter().filter(|p| filter.matches(p)).collect();
        Ok((filter, projects, Some(act)))
    }

    /// The print context for `projects`: labels from this database's lists, its id, today's date
    /// and the hash of the projects.
    fn print_context(
        &self,
        projects: &[Project],
        filter: &ProjectFilter,
        lang: PrintLang,
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

    fn go_on(_: usize, _: usize) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }

    /// The printout's one file, in `format`.
    fn one<F: PrintedSet>(db: &Indmap, request: &PrintRequest<F>, format: PrintFormat) -> Vec<u8> {
        let mut files = db.print(request, &PrintOutput::new(format), &mut go_on).unwrap().unwrap();
        assert_eq!(files.len(), 1);
        files.remove(0)
    }

    fn svg<F: PrintedSet>(db: &Indmap, request: &PrintRequest<F>) -> String {
        String::from_utf8(one(db, request, PrintFormat::Svg)).unwrap()
    }

    fn map_of(filter: ProjectFilter) -> PrintRequest<ProjectFilter> {
        PrintRequest { filter, ..PrintRequest::default() }
    }

    #[test]
    fn a_regional_database_prints_its_region() {
        let dir = tempfile::tempdir().unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 7, 9, 0, 0).unwrap();
        let region = indmap_core::RegionCode::parse("35").unwrap();
        let mut db =
            Indmap::init(&dir.path().join("r.sqlite"), Scope::Region(region), Env::fixed("planner", at)).unwrap();
        db.add_sample(10, 1).unwrap();
        assert!(
            svg(&db, &map_of(ProjectFilter::default())).contains("Карта индустриализации — Карагандинская область")
        );
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
        let svg = svg(&db, &map_of(ProjectFilter::default()));
        assert!(svg.contains(&db.info().db_id.to_string()));
        assert!(svg.contains("07.03.2026"), "the print date comes from the API's clock");
        let all = db.list(&ProjectFilter::default()).unwrap();
        assert!(svg.contains(&printed_set_hash(&all)));
        let project = all[0].code.as_ref().unwrap().to_string();
        let passport = PrintRequest { printout: Printout::Passport { project }, ..map_of(ProjectFilter::default()) };
        assert!(one(&db, &passport, PrintFormat::Pdf).starts_with(b"%PDF"));
        let table = PrintRequest { printout: Printout::Table, lang: PrintLang::Kk, ..map_of(ProjectFilter::default()) };
        assert!(one(&db, &table, PrintFormat::Csv).starts_with(b"\xEF\xBB\xBF"));
    }

    #[test]
    fn the_window_prints_exactly_the_set_it_shows() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        // The window sends its filter as text; the printout's hash is of exactly the rows it shows.
        let filter = ViewFilter { year_from: Some(2026), year_to: Some(2027), ..Default::default() };
        let shown: Vec<String> = db.view(&filter).unwrap().rows.into_iter().map(|r| r.id).collect();
        let (_, printed) = PrintedSet::select(&filter, &db).unwrap();
        assert!(!printed.is_empty() && printed.len() < 40);
        assert_eq!(printed.iter().map(|p| p.id.to_string()).collect::<Vec<_>>(), shown);
        let request = PrintRequest { filter, ..PrintRequest::default() };
        assert!(svg(&db, &request).contains(&printed_set_hash(&printed)));
    }

    #[test]
    fn a_printout_of_the_window_names_its_filters() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let filter = ViewFilter { year_from: Some(2026), support_measure: Some(4), ..Default::default() };
        let svg = svg(&db, &PrintRequest { filter, lang: PrintLang::En, ..PrintRequest::default() });
        assert!(svg.contains("Commissioning: from 2026"), "the subtitle names the years");
        assert!(svg.contains("Support measure: 4"), "the subtitle names the measure");
    }

    #[test]
    fn a_preview_is_one_page_as_png_and_the_page_count_is_the_documents() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        assert_eq!(db.page_count(&map_of(ProjectFilter::default())).unwrap(), 1);
        let atlas = PrintRequest { printout: Printout::Atlas, ..map_of(ProjectFilter::default()) };
        let pages = db.page_count(&atlas).unwrap();
        assert!(pages > 2, "an overview, then a map and a table per region: {pages}");
        let last = db.preview(&atlas, pages - 1, 40.0).unwrap();
        assert!(last.png.starts_with(b"\x89PNG"));
        assert_eq!((last.page, last.pages), (pages - 1, pages));
        // Past the end shows the last page.
        assert_eq!(db.preview(&atlas, pages + 5, 40.0).unwrap(), last);
        // A table has no page to preview.
        let table = PrintRequest { printout: Printout::Table, ..map_of(ProjectFilter::default()) };
        let err = db.preview(&table, 0, 40.0).unwrap_err();
        assert_eq!((err.kind, err.problems[0].field.as_str()), (ErrorKind::Invalid, "kind"));
    }

    #[test]
    fn a_cancelled_atlas_stops_and_gives_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let atlas = PrintRequest { printout: Printout::Atlas, ..map_of(ProjectFilter::default()) };
        let pdf = PrintOutput::new(PrintFormat::Pdf);
        let mut calls = 0;
        let done = db
            .print(&atlas, &pdf, &mut |done, _| {
                calls += 1;
                if done >= 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            })
            .unwrap();
        assert!(done.is_none());
        assert_eq!(calls, 2, "the progress is not asked again after the cancel");
        let whole = db.print(&atlas, &pdf, &mut go_on).unwrap().unwrap();
        assert!(whole.len() == 1 && whole[0].starts_with(b"%PDF"));
    }

    #[test]
    fn png_and_svg_are_a_file_per_page_and_a_missing_page_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let project = db.list(&ProjectFilter::default()).unwrap()[0].code.clone().unwrap().to_string();
        let passport = PrintRequest { printout: Printout::Passport { project }, ..map_of(ProjectFilter::default()) };
        let print = |output: PrintOutput| db.print(&passport, &output, &mut go_on).map(Option::unwrap);
        let svg = PrintOutput::new(PrintFormat::Svg);
        let files = print(svg).unwrap();
        assert_eq!(files.len(), 3, "the passport's two pages and its schedule");
        assert!(files.iter().all(|f| f.starts_with(b"<svg")));
        assert_ne!(files[0], files[1]);
        let second = print(PrintOutput { page: Some(2), ..svg }).unwrap();
        assert_eq!(second, vec![files[1].clone()]);
        assert_eq!(print(PrintOutput::new(PrintFormat::Pdf)).unwrap().len(), 1, "a PDF holds every page");
        let err = print(PrintOutput { page: Some(4), ..svg }).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert!(err.to_string().contains("has 3 pages"), "{err}");
    }

    #[test]
    fn the_file_type_must_fit_the_printout() {
        let dir = tempfile::tempdir().unwrap();
        let db = sample_db(dir.path());
        let table = PrintRequest { printout: Printout::Table, ..map_of(ProjectFilter::default()) };
        assert_eq!(table.printout.format_of(Path::new("t.XLSX")), Some(PrintFormat::Xlsx));
        assert_eq!(table.printout.format_of(Path::new("t.pdf")), None);
        assert_eq!(table.printout.extensions(), ".xlsx or .csv");
        assert_eq!(Printout::Map.extensions(), ".pdf, .png or .svg");
        assert_eq!(Printout::Map.format_of(Path::new("m.csv")), None);
        let err = db.print(&table, &PrintOutput::new(PrintFormat::Pdf), &mut go_on).unwrap_err();
        assert_eq!((err.kind, err.problems[0].rule), (ErrorKind::Invalid, indmap_core::Rule::PrintUsage));
        let map = map_of(ProjectFilter::default());
        let err = db.print(&map, &PrintOutput::new(PrintFormat::Xlsx), &mut go_on).unwrap_err();
        assert_eq!((err.kind, err.problems[0].rule), (ErrorKind::Invalid, indmap_core::Rule::PrintUsage));
        let blank = PrintRequest { printout: Printout::Passport { project: " ".into() }, ..map };
        let err = db.page_count(&blank).unwrap_err();
        assert_eq!(
            (err.problems[0].field.as_str(), err.problems[0].rule),
            ("project", indmap_core::Rule::PrintRequest)
        );
    }

    #[test]
    fn the_window_sends_typed_values_and_a_bad_one_is_refused_by_name() {
        let request: PrintRequest = serde_json::from_value(serde_json::json!({
            "kind": "chart", "chart": "jobs-by-region", "filter": {"regions": ["35"]},
            "paper": "A3", "landscape": true, "lang": "kk", "by": "sector",
        }))
        .unwrap();
        assert_eq!(request.printout, Printout::Chart { chart: ChartKind::JobsByRegion });
        assert_eq!((request.paper, request.lang, request.by), (Paper::A3, PrintLang::Kk, PrintBy::Sector));
        assert_eq!(request.filter.regions, ["35"]);
        let passport: PrintRequest = serde_json::from_value(serde_json::json!({
            "kind": "passport", "project": "35-0001", "filter": {}, "paper": "A4", "landscape": false,
            "lang": "ru", "by": "status",
        }))
        .unwrap();
        assert_eq!(passport.printout, Printout::Passport { project: "35-0001".into() });
        let bad = |field: &str, value: &str| {
            let mut json = serde_json::json!({
                "kind": "chart", "chart": "jobs-by-region", "filter": {}, "paper": "A4", "landscape": false,
                "lang": "ru", "by": "status",
            });
            json[field] = value.into();
            serde_json::from_value::<PrintRequest>(json).unwrap_err().to_string()
        };
        assert!(bad("lang", "de").contains("lang must be kk, ru or en; got \"de\""), "{}", bad("lang", "de"));
        assert!(bad("by", "colour").contains("by must be status or sector"), "{}", bad("by", "colour"));
        assert!(bad("paper", "A5").contains("paper must be A4 or A3"), "{}", bad("paper", "A5"));
        assert!(bad("chart", "pie").contains("chart must be one of financing-by-source,"), "{}", bad("chart", "pie"));
        assert!(bad("kind", "poster").contains("poster"), "{}", bad("kind", "poster"));
    }
}
