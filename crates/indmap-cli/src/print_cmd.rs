//! `indmap print`, `atlas`, `passport`, `report`, `gantt`, `alerts --out` and `dashboard --out`: printouts and tables, written to the file
//! `--out` names; its extension says the format. A PDF holds every page; a PNG or SVG of several
//! pages is written one file per page, numbered (`atlas-01.png`, `atlas-02.png`, …). Each command
//! builds the API's [`PrintRequest`] from its flags and prints it.

use crate::args::{
    AlertsArgs, AtlasArgs, DashboardArgs, EffectivenessArgs, GanttArgs, MapArgs, PagePick, PassportArgs, PrintArgs,
    ReportArgs,
};
use indmap_api::core::ProjectFilter;
use indmap_api::core::Rule;
use indmap_api::{Env, Error, Indmap, PrintLang, PrintOutput, PrintRequest, Printout, Progress};
use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;

fn usage(message: String) -> Error {
    let mut problems = indmap_api::core::Problems::new();
    problems.error("--out", Rule::PrintUsage, message);
    Error::invalid(problems)
}

fn lang(code: &str) -> PrintLang {
    PrintLang::parse(code).unwrap_or_default()
}

/// The files `out` asks for, when the printout can be written so; `hint` follows the refusal.
fn output(printout: &Printout, out: &Path, pick: Option<&PagePick>, hint: &str) -> Result<PrintOutput, Error> {
    let format = printout
        .format_of(out)
        .ok_or_else(|| usage(format!("{} must end in {}{hint}", out.display(), printout.extensions())))?;
    let mut output = PrintOutput::new(format);
    if let Some(pick) = pick {
        output.dpi = pick.dpi.clamp(30.0, 600.0);
        output.page = pick.page.map(|n| n as usize);
    }
    Ok(output)
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

fn go_on(_: usize, _: usize) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// Prints `request` from the database `db` into the files `out` names.
fn print_to(
    db: &Path,
    request: &PrintRequest<ProjectFilter>,
    out: &Path,
    output: &PrintOutput,
    progress: Progress<'_>,
) -> Result<(), Error> {
    let db = Indmap::open(db, Env::system())?;
    // Nothing here stops a printout, so there are always files.
    let files = db.print(request, output, progress)?.unwrap_or_default();
    write_files(out, &files)
}

/// A map or an atlas of the projects the flags choose.
fn map_request(printout: Printout, map: MapArgs, lang_code: &str) -> Result<PrintRequest<ProjectFilter>, Error> {
    Ok(PrintRequest {
        printout,
        filter: crate::project_filter(map.filter)?,
        paper: map.page.paper,
        landscape: map.page.landscape,
        lang: lang(lang_code),
        by: map.by,
        edition: map.edition.edition,
    })
}

pub fn print(args: PrintArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let output = output(&Printout::Map, &args.out, Some(&args.map.pick), "")?;
    let request = map_request(Printout::Map, args.map, lang_code)?;
    print_to(db, &request, &args.out, &output, &mut go_on)
}

pub fn atlas(args: AtlasArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let output = output(&Printout::Atlas, &args.out, Some(&args.map.pick), "")?;
    let request = map_request(Printout::Atlas, args.map, lang_code)?;
    let mut last_shown = 0;
    print_to(db, &request, &args.out, &output, &mut |done, total| {
        // A progress line on stderr, rewritten in place, every tenth of the way.
        if done * 10 / total.max(1) != last_shown || done == total {
            last_shown = done * 10 / total.max(1);
            eprint!("\rpage {done} of {total}");
            let _ = std::io::stderr().flush();
        }
        if done == total {
            eprintln!();
        }
        ControlFlow::Continue(())
    })
}

pub fn passport(args: PassportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let printout = Printout::Passport { project: args.project };
    let output = output(&printout, &args.out, Some(&args.pick), "")?;
    let request = PrintRequest {
        printout,
        paper: args.paper,
        lang: lang(lang_code),
        edition: args.edition.edition,
        ..PrintRequest::default()
    };
    print_to(db, &request, &args.out, &output, &mut go_on)
}

pub fn report(args: ReportArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let (printout, hint) = match args.chart {
        Some(chart) => (Printout::Chart { chart }, ""),
        None => (Printout::Table, " (or give --chart)"),
    };
    let output = output(&printout, &args.out, None, hint)?;
    let request = PrintRequest {
        printout,
        filter,
        lang: lang(lang_code),
        edition: args.edition.edition,
        ..PrintRequest::default()
    };
    print_to(db, &request, &args.out, &output, &mut go_on)
}

/// The alert list on stdout, and with `--out` printed to the file it names.
pub fn alerts(args: AlertsArgs, db: &Path, lang_code: &str, json: bool) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let out = args.out.as_deref().map(|out| (out, &args.pick));
    show_and_print(db, lang_code, Printout::Alerts, filter, out, &args.page, |opened, filter| {
        crate::output::alerts(&opened.alerts(filter)?, lang_code, json);
        Ok(())
    })
}

/// Shows on stdout what `show` reads, then, with `out`, prints `printout` of the same projects
/// to the file (what the extension asks for is checked first, before anything is read).
fn show_and_print(
    db: &Path,
    lang_code: &str,
    printout: Printout,
    filter: indmap_api::core::ProjectFilter,
    out: Option<(&Path, &PagePick)>,
    page: &crate::args::PageArgs,
    show: impl FnOnce(&Indmap, &indmap_api::core::ProjectFilter) -> Result<(), Error>,
) -> Result<(), Error> {
    let written = out.map(|(out, pick)| output(&printout, out, Some(pick), "").map(|o| (out, o))).transpose()?;
    show(&Indmap::open(db, Env::system())?, &filter)?;
    if let Some((out, output)) = written {
        let request = PrintRequest {
            printout,
            filter,
            paper: page.paper,
            landscape: page.landscape,
            lang: lang(lang_code),
            ..PrintRequest::default()
        };
        print_to(db, &request, out, &output, &mut go_on)?;
    }
    Ok(())
}

pub fn gantt(args: GanttArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let printout = Printout::Gantt { project: args.project };
    let output = output(&printout, &args.out, Some(&args.pick), "")?;
    let request = PrintRequest {
        printout,
        filter: crate::project_filter(args.filter)?,
        paper: args.page.paper,
        landscape: args.page.landscape,
        lang: lang(lang_code),
        ..PrintRequest::default()
    };
    print_to(db, &request, &args.out, &output, &mut go_on)
}

/// The dashboard on stdout, and with `--out` the workbook.
pub fn dashboard(args: DashboardArgs, db: &Path, lang_code: &str, json: bool) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let written = match &args.out {
        Some(out) => Some((out, output(&Printout::Dashboard, out, None, "")?)),
        None => None,
    };
    let opened = Indmap::open(db, Env::system())?;
    crate::output::dashboard(&opened.dashboard(&filter)?, lang_code, json);
    drop(opened);
    if let Some((out, output)) = written {
        let request =
            PrintRequest { printout: Printout::Dashboard, filter, lang: lang(lang_code), ..PrintRequest::default() };
        print_to(db, &request, out, &output, &mut go_on)?;
    }
    Ok(())
}

/// The effectiveness of support on stdout, and with `--out` the report.
pub fn effectiveness(args: EffectivenessArgs, db: &Path, lang_code: &str, json: bool) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    let printout = Printout::Effectiveness { year: args.support_year };
    let out = args.out.as_deref().map(|out| (out, &args.pick));
    show_and_print(db, lang_code, printout, filter, out, &args.page, |opened, filter| {
        crate::output::effectiveness(&opened.effectiveness(filter, args.support_year)?, lang_code, json);
        Ok(())
    })
}

/// A report form written to `out`.
pub fn form(printout: Printout, args: crate::args::FormArgs, db: &Path, lang_code: &str) -> Result<(), Error> {
    let filter = crate::project_filter(args.filter)?;
    show_and_print(db, lang_code, printout, filter, Some((&args.out, &args.pick)), &args.page, |_, _| Ok(()))
}
