//! `indmap print`, `atlas`, `passport` and `report`: printouts and tables, written to the file
//! `--out` names; its extension says the format.

use crate::args::FilterArgs;
use clap::Args;
use indmap_api::{
    ChartKind, Env, Error, ErrorKind, Indmap, PageFormat, Paper, PrintBy, PrintLang, PrintOptions, PrintSetup,
    TableFormat,
};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct PageArgs {
    /// Paper size: A4 or A3
    #[arg(long, default_value = "A4", value_parser = ["A4", "A3", "a4", "a3"])]
    pub paper: String,
    /// Landscape instead of portrait
    #[arg(long)]
    pub landscape: bool,
}

#[derive(Args)]
pub struct PrintArgs {
    /// The file to write: .pdf, .png or .svg
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub page: PageArgs,
    /// Colour the projects by status or by sector
    #[arg(long, default_value = "status", value_parser = ["status", "sector"])]
    pub by: String,
    /// Resolution of a PNG, dots per inch
    #[arg(long, default_value_t = 150.0)]
    pub dpi: f64,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct AtlasArgs {
    /// The PDF file to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub page: PageArgs,
    /// Colour the projects by status or by sector
    #[arg(long, default_value = "status", value_parser = ["status", "sector"])]
    pub by: String,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct PassportArgs {
    /// The project's id or code (e.g. 35-0042)
    pub project: String,
    /// The PDF file to write (.png or .svg give the first page)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Paper size: A4 or A3
    #[arg(long, default_value = "A4", value_parser = ["A4", "A3", "a4", "a3"])]
    pub paper: String,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The file to write: .xlsx or .csv for the table; .png, .svg or .pdf for a chart (--chart)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// A chart instead of the table: financing-by-source, financing-by-year, projects-by-status,
    /// projects-by-sector, projects-by-region, investment-by-region, jobs-by-region
    #[arg(long)]
    pub chart: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

fn usage(message: String) -> Error {
    let mut problems = indmap_api::core::Problems::new();
    problems.error("--out", "print.usage", message);
    Error::invalid(problems)
}

fn lang(code: &str) -> PrintLang {
    PrintLang::parse(code).unwrap_or_default()
}

fn setup(page: &PageArgs) -> PrintSetup {
    PrintSetup::new(Paper::parse(&page.paper).unwrap_or_default(), page.landscape)
}

fn page_format(out: &Path) -> Result<PageFormat, Error> {
    PageFormat::of_path(out).ok_or_else(|| usage(format!("{} must end in .pdf, .png or .svg", out.display())))
}

/// Writes the bytes and says where, with the size, on stderr (stdout stays free for pipes).
fn write_out(out: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(out, bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write {}: {e}", out.display())))?;
    eprintln!("wrote {} ({} KB)", out.display(), bytes.len().div_ceil(1024));
    Ok(())
}

pub fn print(args: PrintArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let options = PrintOptions {
        lang: lang(lang_code),
        setup: setup(&args.page),
        by: PrintBy::parse(&args.by).unwrap_or_default(),
        format: page_format(&args.out)?,
        dpi: args.dpi.clamp(30.0, 600.0),
    };
    let filter = crate::project_filter(args.filter)?;
    let db = Indmap::open(db, Env::system())?;
    write_out(&args.out, &db.print_map(&filter, &options)?)
}

pub fn atlas(args: AtlasArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    if page_format(&args.out)? != PageFormat::Pdf {
        return Err(usage(format!("{}: the atlas is a PDF; name a .pdf file", args.out.display())));
    }
    let options = PrintOptions {
        lang: lang(lang_code),
        setup: setup(&args.page),
        by: PrintBy::parse(&args.by).unwrap_or_default(),
        ..PrintOptions::default()
    };
    let filter = crate::project_filter(args.filter)?;
    let db = Indmap::open(db, Env::system())?;
    let mut last_shown = 0;
    let bytes = db.print_atlas(&filter, &options, &mut |done, total| {
        // A progress line on stderr, rewritten in place, every tenth of the way.
        if done * 10 / total.max(1) != last_shown || done == total {
            last_shown = done * 10 / total.max(1);
            eprint!("\rpage {done} of {total}");
            let _ = std::io::stderr().flush();
        }
    })?;
    eprintln!();
    write_out(&args.out, &bytes)
}

pub fn passport(args: PassportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let options = PrintOptions {
        lang: lang(lang_code),
        setup: PrintSetup::new(Paper::parse(&args.paper).unwrap_or_default(), false),
        format: page_format(&args.out)?,
        ..PrintOptions::default()
    };
    let db = Indmap::open(db, Env::system())?;
    write_out(&args.out, &db.print_passport(&args.project, &options)?)
}

pub fn report(args: ReportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let ext = args.out.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let db = Indmap::open(db, Env::system())?;
    let bytes = match (args.chart.as_deref(), ext.as_str()) {
        (None, "xlsx") => db.report_table(&filter, lang(lang_code), TableFormat::Xlsx)?,
        (None, "csv") => db.report_table(&filter, lang(lang_code), TableFormat::Csv)?,
        (None, _) => return Err(usage(format!("{} must end in .xlsx or .csv (or give --chart)", args.out.display()))),
        (Some(code), _) => {
            let kind = ChartKind::parse(code).ok_or_else(|| {
                let codes: Vec<&str> = ChartKind::ALL.iter().map(|k| k.code()).collect();
                usage(format!("--chart must be one of {}; got {code:?}", codes.join(", ")))
            })?;
            let options =
                PrintOptions { lang: lang(lang_code), format: page_format(&args.out)?, ..PrintOptions::default() };
            db.print_chart(&filter, kind, &options)?
        }
    };
    write_out(&args.out, &bytes)
}
