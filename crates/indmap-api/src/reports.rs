//! Printouts and reports: the map, the region atlas, a project's passport, and the table as XLSX
//! or CSV. The projects come from the same filter as every list; each printout carries the
//! database id, the print date and a hash of exactly the projects it shows.

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::feature::projects_to_collection;
use indmap_core::{Project, ProjectFilter};
use indmap_print::{Lang, PageSetup, PrintContext, SymbolBy, Trace};
use sha2::{Digest, Sha256};

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
            indmap_print::filter_text::describe(filter, lang, &reference.sectors)
        };
        ctx.level = filter.level;
        ctx.sectors = reference.sectors;
        ctx.sources = reference.financing_sources;
        Ok(ctx)
    }

    /// The map of the filtered projects: of one region when the filter names exactly one (or the
    /// database keeps one region's map), else of Kazakhstan.
    pub fn print_map(&self, filter: &ProjectFilter, options: &PrintOptions) -> Result<Vec<u8>> {
        let projects = self.list(filter)?;
        let ctx = self.print_context(&projects, filter, options.lang, options.setup)?;
        // A region's database prints its region unless the filter says otherwise.
        let region = match (filter.regions.as_slice(), self.info().scope) {
            ([one], _) => Some(*one),
            ([], indmap_core::Scope::Region(own)) => Some(own),
            _ => None,
        };
        let doc = indmap_print::map_document(&ctx, &projects, indmap_print::MapOptions { region, by: options.by });
        render(&doc, options)
    }

    /// The atlas of the filtered projects as one PDF. `progress` hears (pages done, pages in all).
    pub fn print_atlas(
        &self,
        filter: &ProjectFilter,
        options: &PrintOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>> {
        let projects = self.list(filter)?;
        let ctx = self.print_context(&projects, filter, options.lang, options.setup)?;
        let doc = indmap_print::atlas_document(&ctx, &projects, options.by, progress);
        render(&doc, options)
    }

    /// The filtered table as XLSX (a summary sheet and a sheet per region) or CSV.
    pub fn report_table(&self, filter: &ProjectFilter, lang: Lang, format: TableFormat) -> Result<Vec<u8>> {
        let projects = self.list(filter)?;
        let ctx = self.print_context(&projects, filter, lang, PageSetup::default())?;
        match format {
            TableFormat::Xlsx => indmap_print::spreadsheet::xlsx(&ctx, &projects).map_err(print_error),
            TableFormat::Csv => Ok(indmap_print::spreadsheet::csv(&ctx, &projects)),
        }
    }
}

impl Indmap {
    /// One project's passport (two pages), by its id or code.
    pub fn print_passport(&self, id_or_code: &str, options: &PrintOptions) -> Result<Vec<u8>> {
        let project = self.find(id_or_code)?;
        let one = std::slice::from_ref(&project);
        let ctx = self.print_context(one, &ProjectFilter::default(), options.lang, options.setup)?;
        render(&indmap_print::passport_document(&ctx, &project), options)
    }

    /// A summary chart of the filtered projects, as PNG or SVG (or a one-page PDF).
    pub fn print_chart(
        &self,
        filter: &ProjectFilter,
        kind: indmap_print::ChartKind,
        options: &PrintOptions,
    ) -> Result<Vec<u8>> {
        let projects = self.list(filter)?;
        let ctx = self.print_context(&projects, filter, options.lang, options.setup)?;
        let page = indmap_print::chart_page(&ctx, kind, &projects);
        let doc = indmap_print::Document {
            title: format!("{kind:?}"),
            subject: indmap_print::map_page::subject(&ctx),
            pages: vec![page],
        };
        render(&doc, options)
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
}
