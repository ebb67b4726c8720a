//! `indmap print`, `atlas`, `passport` and `report`: printouts and tables, written to the file
//! `--out` names; its extension says the format. A PDF holds every page; a PNG or SVG of several
//! pages is written one file per page, numbered (`atlas-01.png`, `atlas-02.png`, …).

use crate::args::{AtlasArgs, MapArgs, PageArgs, PagePick, PassportArgs, PrintArgs, ReportArgs};
use indmap_api::core::ProjectFilter;
use indmap_api::{
    ChartKind, Env, Error, Indmap, PageFormat, Paper, PrintBy, PrintLang, PrintOptions, PrintSetup, Printout,
    TableFormat,
};
use std::io::Write;
use std::path::Path;

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

/// Writes one file to `out`, or several (a PNG or SVG per page) numbered after it. Says what
/// it wrote, with sizes, on stderr; the names of several files also go to stdout.
fn write_files(out: &Path, files: &[Vec<u8>]) -> Result<(), Error> {
    let paths = indmap_api::write_printout(out, files)?;
    for (path, bytes) in paths.iter().zip(files) {
        eprintln!("wrote {} ({} KB)", path.display(), bytes.len().div_ceil(1024));
        if paths.len() > 1 {
            println!("{}", path.display());
        }
    }
    Ok(())
}

fn print_options(
    lang_code: &str,
    setup: PrintSetup,
    by: &str,
    out: &Path,
    pick: &PagePick,
) -> Result<PrintOptions, Error> {
    Ok(PrintOptions {
        lang: lang(lang_code),
        setup,
        by: PrintBy::parse(by).unwrap_or_default(),
        format: page_format(out)?,
        dpi: pick.dpi.clamp(30.0, 600.0),
    })
}

fn no_progress(_: usize, _: usize) {}

/// The options, filter and page a map printout asks for.
fn map_printout(
    map: MapArgs,
    out: &Path,
    lang_code: &str,
) -> Result<(PrintOptions, ProjectFilter, Option<usize>), Error> {
    let options = print_options(lang_code, setup(&map.page), &map.by, out, &map.pick)?;
    Ok((options, crate::project_filter(map.filter)?, map.pick.page.map(|n| n as usize)))
}

pub fn print(args: PrintArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let (options, filter, page) = map_printout(args.map, &args.out, lang_code)?;
    let db = Indmap::open(db, Env::system())?;
    write_files(&args.out, &db.print_files(Printout::Map(&filter), &options, page, &mut no_progress)?)
}

pub fn atlas(args: AtlasArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let (options, filter, page) = map_printout(args.map, &args.out, lang_code)?;
    let db = Indmap::open(db, Env::system())?;
    let mut last_shown = 0;
    let files = db.print_files(Printout::Atlas(&filter), &options, page, &mut |done, total| {
        // A progress line on stderr, rewritten in place, every tenth of the way.
        if done * 10 / total.max(1) != last_shown || done == total {
            last_shown = done * 10 / total.max(1);
            eprint!("\rpage {done} of {total}");
            let _ = std::io::stderr().flush();
        }
    })?;
    eprintln!();
    write_files(&args.out, &files)
}

pub fn passport(args: PassportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let setup = PrintSetup::new(Paper::parse(&args.paper).unwrap_or_default(), false);
    let options = print_options(lang_code, setup, "status", &args.out, &args.pick)?;
    let db = Indmap::open(db, Env::system())?;
    let page = args.pick.page.map(|n| n as usize);
    let printout = Printout::<ProjectFilter>::Passport(&args.project);
    write_files(&args.out, &db.print_files(printout, &options, page, &mut no_progress)?)
}

pub fn report(args: ReportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let db = Indmap::open(db, Env::system())?;
    let bytes = match (args.chart.as_deref(), TableFormat::of_path(&args.out)) {
        (None, Some(format)) => db.report_table(&filter, lang(lang_code), format)?,
        (None, None) => {
            return Err(usage(format!("{} must end in .xlsx or .csv (or give --chart)", args.out.display())));
        }
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
    write_files(&args.out, &[bytes])
}
