//! `indmap`: the command line over the indmap API. It parses arguments, calls one API function,
//! and prints the result as a table for people or as JSON (`--json`) for machines.
//!
//! Exit codes: 0 success, 2 usage, 3 input refused by a rule, 4 not found, 1 anything else.

mod args;
mod layers_cmd;
mod output;
mod print_cmd;
mod sync_cmd;

use args::{Cli, Command, EditionCommand, MonitoringCommand, PeriodStepArgs, ProjectCommand, ReferenceCommand};
use clap::Parser;
use indmap_api::ViewFilter;
use indmap_api::core::Label;
use indmap_api::core::Rule;
use indmap_api::core::period_act::Step;
use indmap_api::core::{ProjectFilter, RegionCode, Scope};
use indmap_api::{Env, Error, ErrorKind, Indmap, Printout, ReferenceList};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// glibc's allocator spends a fifth of a large merge in malloc and free; mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A bug must not greet the user with a backtrace: say it in one sentence.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "error: indmap stopped on an internal error ({info}); the database was left as it was. Please report this."
        );
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::print_error(&e);
            ExitCode::from(match e.kind {
                ErrorKind::Invalid => 3,
                ErrorKind::NotFound => 4,
                ErrorKind::Busy => 5,
                _ => 1,
            })
        }
    }
}

fn db_path(cli: &Cli) -> Result<PathBuf, Error> {
    cli.db.clone().or_else(indmap_api::default_db_path).ok_or_else(|| {
        Error::new(ErrorKind::NotFound, "no home folder to keep the database in; give one with --db PATH or INDMAP_DB")
    })
}

fn read_input(path: &str) -> Result<String, Error> {
    let text = if path == "-" { std::io::read_to_string(std::io::stdin()) } else { std::fs::read_to_string(path) };
    text.map_err(|e| {
        let kind = if e.kind() == std::io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io };
        Error::new(kind, format!("cannot read {path}: {e}"))
    })
}

fn region_code(kato: &str) -> Result<RegionCode, Error> {
    RegionCode::parse(kato).ok_or_else(|| {
        let mut problems = indmap_api::core::Problems::new();
        problems.error(
            "--region",
            Rule::RegionUnknown,
            format!("{kato:?} is not the KATO prefix of one of the 20 regions (see `indmap regions`)"),
        );
        Error::invalid(problems)
    })
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = db_path(&cli)?;
    let json = cli.json;
    match cli.command {
        Command::Init { region, ministry: _ } => {
            let scope = match region {
                Some(kato) => Scope::Region(region_code(&kato)?),
                None => Scope::Ministry,
            };
            let db = Indmap::init(&path, scope, Env::system())?;
            output::info(db.info(), 0, json);
        }
        Command::Info => {
            let db = Indmap::open(&path, Env::system())?;
            output::info(db.info(), db.project_count()?, json);
        }
        // The regions do not depend on a database: listing them works before `init` too.
        Command::Regions => output::regions(&indmap_api::regions(), json),
        Command::Reference { edit } => {
            let mut db = Indmap::open(&path, Env::system())?;
            if let Some(edit) = edit {
                let (list, item) = match edit {
                    ReferenceCommand::Sector(item) => (ReferenceList::Sectors, item),
                    ReferenceCommand::Source(item) => (ReferenceList::FinancingSources, item),
                };
                db.set_reference(list, &item.code, Label { kk: item.kk, ru: item.ru, en: item.en })?;
            }
            output::reference(&db.reference()?, json);
        }
        Command::Sample { projects, seed } => {
            let mut db = Indmap::open(&path, Env::system())?;
            let report = db.add_sample(projects, seed)?;
            output::added(&report, json);
        }
        Command::History { project } => {
            let db = Indmap::open(&path, Env::system())?;
            output::history(&db.history(&project)?, json);
        }
        Command::Alerts(args) => print_cmd::alerts(args, &path, &cli.lang, json)?,
        Command::Gantt(args) => print_cmd::gantt(args, &path, &cli.lang)?,
        Command::Dashboard(args) => print_cmd::dashboard(args, &path, &cli.lang, json)?,
        Command::Effectiveness(args) => print_cmd::effectiveness(args, &path, &cli.lang, json)?,
        Command::SupportReport(args) => {
            print_cmd::form(Printout::SupportRegister { year: args.support_year }, args.form, &path, &cli.lang)?
        }
        Command::MonitoringReport(args) => {
            print_cmd::form(Printout::MonitoringReport { period: args.period }, args.form, &path, &cli.lang)?
        }
        Command::Settings { key, value } => {
            let mut db = Indmap::open(&path, Env::system())?;
            if let (Some(key), Some(value)) = (&key, &value) {
                db.set_setting(key, value)?;
            }
            let shown: Vec<_> =
                db.setting_views()?.into_iter().filter(|s| key.as_ref().is_none_or(|want| *want == s.key)).collect();
            output::settings(&shown, &cli.lang, json);
        }
        Command::Export { out, region, for_scope } => {
            let region = region.as_deref().map(region_code).transpose()?;
            let for_scope = for_scope.as_deref().map(sync_cmd::scope).transpose()?;
            let db = Indmap::open(&path, Env::system())?;
            sync_cmd::exported(&db.export_for(&out, region, for_scope)?, &out, json);
        }
        Command::Exports => sync_cmd::exports(&Indmap::open(&path, Env::system())?.exports()?, json),
        Command::Import { files, dry_run, bill } => {
            sync_cmd::import(&path, &files, dry_run, bill.as_deref(), &cli.lang, json)?
        }
        Command::Trust { file, fingerprint } => {
            let note = Indmap::open(&path, Env::system())?.trust_sender(&file, &fingerprint)?;
            sync_cmd::trusted(&file, &note, json);
        }
        Command::Conflicts => sync_cmd::conflicts(&Indmap::open(&path, Env::system())?.conflicts()?, json),
        Command::Resolve { conflict, take } => {
            let mut db = Indmap::open(&path, Env::system())?;
            db.resolve(&conflict, take)?;
            sync_cmd::conflicts(&db.conflicts()?, json);
        }
        Command::Proposals => sync_cmd::proposals(&Indmap::open(&path, Env::system())?.proposals()?, json),
        Command::Accept { id } => {
            let mut db = Indmap::open(&path, Env::system())?;
            db.accept(id)?;
            sync_cmd::proposals(&db.proposals()?, json);
        }
        Command::Reject { id, reason } => {
            let mut db = Indmap::open(&path, Env::system())?;
            db.reject(id, reason.as_deref())?;
            sync_cmd::proposals(&db.proposals()?, json);
        }
        Command::Backups => {
            let db = Indmap::open(&path, Env::system())?;
            sync_cmd::backups(&db.backups()?, db.retention()?, json)
        }
        Command::Restore { name } => sync_cmd::restore(Indmap::open(&path, Env::system())?, &name)?,
        Command::Project(command) => project(command, &path, json, &cli.lang)?,
        Command::Monitoring(command) => monitoring(command, &path, &cli.lang, json)?,
        Command::Edition(command) => edition(command, &path, &cli.lang, json)?,
        Command::Print(args) => print_cmd::print(args, &path, &cli.lang)?,
        Command::Atlas(args) => print_cmd::atlas(args, &path, &cli.lang)?,
        Command::Passport(args) => print_cmd::passport(args, &path, &cli.lang)?,
        Command::Report(args) => print_cmd::report(args, &path, &cli.lang)?,
        Command::Layers(args) => layers_cmd::layers(args, json)?,
    }
    Ok(())
}

fn monitoring(command: MonitoringCommand, path: &Path, lang: &str, json: bool) -> Result<(), Error> {
    let mut db = Indmap::open(path, Env::system())?;
    match command {
        MonitoringCommand::Status { period } => output::reporting(&db.reporting(period.as_deref())?, lang, json),
        MonitoringCommand::Table { periods } => output::reporting_table(&db.reporting_table(periods)?, lang, json),
        MonitoringCommand::Submit(on) => period_step(&mut db, &on, Step::Submit, None, lang, json)?,
        MonitoringCommand::Approve(on) => period_step(&mut db, &on, Step::Approve, None, lang, json)?,
        MonitoringCommand::Unapprove { step, reason } => {
            period_step(&mut db, &step, Step::Unapprove, Some(&reason), lang, json)?
        }
        MonitoringCommand::Accept(on) => period_step(&mut db, &on, Step::Accept, None, lang, json)?,
        MonitoringCommand::Cycle(on) => {
            let region = on.region.as_deref().map(region_code).transpose()?;
            output::period_stage(&db.period_stage(region, &on.period)?, lang, json)
        }
        MonitoringCommand::Set { project, period, file } => {
            output::updated(&db.set_report(&project, &period, &read_input(&file)?)?, json)
        }
        MonitoringCommand::Remove { project, period } => output::updated(&db.remove_report(&project, &period)?, json),
        MonitoringCommand::Import { file, period, sheet, check } => {
            let taken = db.import_reports(&file, &period, sheet.as_deref(), check)?;
            output::reports_taken(&taken, check, json);
            if !taken.refused.is_empty() {
                let n = taken.refused.len();
                return Err(Error::new(
                    ErrorKind::Invalid,
                    format!(
                        "{n} row{} refused (listed above); correct them and import the file again: rows taken already are not taken twice",
                        if n == 1 { " was" } else { "s were" }
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn period_step(
    db: &mut Indmap,
    on: &PeriodStepArgs,
    step: Step,
    reason: Option<&str>,
    lang: &str,
    json: bool,
) -> Result<(), Error> {
    let region = on.region.as_deref().map(region_code).transpose()?;
    output::period_stage(&db.period_step(region, &on.period, step, reason)?, lang, json);
    Ok(())
}

fn edition(command: EditionCommand, path: &Path, lang: &str, json: bool) -> Result<(), Error> {
    let mut db = Indmap::open(path, Env::system())?;
    match command {
        EditionCommand::Approve { act, date, body, signatory } => {
            let approval = indmap_api::Approval { act, date, body, signatory };
            output::editions(&[db.approve_edition(&approval)?], json)
        }
        EditionCommand::List => output::editions(&db.editions()?, json),
        EditionCommand::Show { edition } => output::edition(&db.edition(&edition)?, lang, json),
        EditionCommand::Diff { from, to } => output::edition_diff(&db.edition_diff(&from, &to)?, lang, json),
    }
    Ok(())
}

fn project(command: ProjectCommand, path: &Path, json: bool, lang: &str) -> Result<(), Error> {
    let mut db = Indmap::open(path, Env::system())?;
    match command {
        ProjectCommand::Add { file } => {
            let report = db.add_projects(&read_input(&file)?)?;
            output::added(&report, json);
        }
        ProjectCommand::List(filter) => output::projects(&db.list(&project_filter(filter)?)?, json, lang),
        ProjectCommand::Show { project } => {
            output::project(&db.find(&project)?, json, lang);
            if !json && let Some(variance) = db.variance(&project)? {
                output::variance(&variance, lang);
            }
        }
        ProjectCommand::Update { project, file } => {
            let report = db.update_project(&project, &read_input(&file)?)?;
            output::updated(&report, json);
        }
        ProjectCommand::Check { file, project } => {
            output::checked(&db.check_project(project.as_deref(), &read_input(&file)?)?, json)?;
        }
        ProjectCommand::Delete { project, reason } => {
            output::deleted(&db.delete_project(&project, reason.as_deref())?, json);
        }
    }
    Ok(())
}

/// The filter `project list`, `print`, `atlas` and `report` share, from their flags.
/// The filter the flags ask for, read by the same rules as the window's (`ViewFilter`); each
/// problem is named by the flag the user typed.
pub(crate) fn project_filter(filter: args::FilterArgs) -> Result<ProjectFilter, Error> {
    let (year_from, year_to) = match filter.year {
        Some(year) => (Some(year), Some(year)),
        None => (filter.year_from, filter.year_to),
    };
    let view = ViewFilter {
        regions: filter.region,
        district: filter.district,
        level: filter.level,
        statuses: filter.status,
        sectors: filter.sector,
        year_from,
        year_to,
        support_measure: filter.measure,
        financing_source: filter.source,
        search: filter.search,
    };
    view.project_filter().map_err(|mut e| {
        for p in &mut e.problems {
            p.field = flag(&p.field).to_owned();
        }
        e
    })
}

/// The flag that sets a field of the filter (`statuses[1]` is the second `--status`).
fn flag(field: &str) -> &str {
    match field.split('[').next().unwrap_or(field) {
        "regions" => "--region",
        "district" => "--district",
        "level" => "--level",
        "statuses" => "--status",
        "sectors" => "--sector",
        "year_from" => "--year-from",
        "year_to" => "--year-to",
        "support_measure" => "--measure",
        "financing_source" => "--source",
        "search" => "--search",
        _ => field,
    }
}
