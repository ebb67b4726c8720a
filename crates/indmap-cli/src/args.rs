//! The command line's words.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use indmap_api::{ChartKind, Paper, PrintBy};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "indmap",
    version,
    about = "Kazakhstan's industrialization maps: projects, financing, schedules and action plans, kept in one local SQLite file."
)]
pub struct Cli {
    /// The database file [default: indmap.sqlite in the user's data folder]
    #[arg(long, global = true, env = "INDMAP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print JSON for machines instead of tables for people
    #[arg(long, global = true)]
    pub json: bool,

    /// Language of names in tables: kk, ru or en
    #[arg(long, global = true, default_value = "ru", value_parser = ["kk", "ru", "en"])]
    pub lang: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a database for one region's map or for the ministry's national map
    #[command(group(clap::ArgGroup::new("scope").required(true).args(["region", "ministry"])))]
    Init {
        /// KATO prefix of the region whose akimat keeps this map, e.g. 35 for Karaganda
        #[arg(long, value_name = "KATO")]
        region: Option<String>,
        /// The ministry's database: the national map with every region and the republican map
        #[arg(long)]
        ministry: bool,
    },
    /// Show which map the database keeps, its id and how many projects it holds
    Info,
    /// Projects: add, list, show, update, delete
    #[command(subcommand)]
    Project(ProjectCommand),
    /// Progress reports, one a period: add or replace a period's report, remove it, see who
    /// has reported
    #[command(subcommand)]
    Monitoring(MonitoringCommand),
    /// Approved editions of the map: approve the map as it stands, list, show, compare two
    #[command(subcommand)]
    Edition(EditionCommand),
    /// List the 20 regions with their KATO prefixes and names
    Regions,
    /// List the reference data (statuses, sectors, financing sources, support measures, ...) with codes
    Reference {
        #[command(subcommand)]
        edit: Option<ReferenceCommand>,
    },
    /// Fill the database with a realistic sample map, the same for the same seed
    Sample {
        #[arg(long, default_value_t = 200)]
        projects: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Every change to a project: when, by whom, from which database
    History {
        /// The project's id or code (e.g. 35-0042)
        project: String,
    },
    /// Write this database's map to an exchange file (a GeoPackage QGIS can open)
    Export {
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// Only the projects of one region (KATO prefix)
        #[arg(long, value_name = "KATO")]
        region: Option<String>,
        /// Only what the databases of this scope (ministry, region:35) had not seen in their
        /// last file here: a small file of changes. Without it the file holds the whole map.
        #[arg(long = "for", value_name = "SCOPE")]
        for_scope: Option<String>,
    },
    /// List the exchange files this database wrote: when, by whom, for whom, how many projects,
    /// which reporting periods (the receipts of `export`)
    Exports,
    /// Merge other databases' exchange files into this one (a backup is taken first)
    Import {
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Show what the import would change, and change nothing
        #[arg(long)]
        dry_run: bool,
        /// Also write the merge bill (what the import does) for sign-off: FILE.pdf to print and
        /// sign (A4, in --lang), or FILE.xlsx
        #[arg(long, value_name = "FILE.pdf|FILE.xlsx")]
        bill: Option<std::path::PathBuf>,
    },
    /// Trust the database that signed an exchange file, once its fingerprint (shown by
    /// `import --dry-run`) has been checked with the sender by phone: a new ministry database's
    /// files are imported only then
    Trust {
        file: std::path::PathBuf,
        /// The fingerprint as the sender read it out, like "3F2A 91C0 AA55 E011 7B3C"
        #[arg(long)]
        fingerprint: String,
    },
    /// List the fields that hold concurrent values, edits made against deletions, and projects
    /// whose code a project registered first holds
    Conflicts,
    /// Settle a conflict: keep the value here (mine), the other (theirs), or a new value (JSON);
    /// a project whose code another holds takes the next free code (theirs) or the code given
    Resolve {
        /// The conflict's id, as `indmap conflicts` shows it
        conflict: String,
        #[arg(long, value_name = "mine|theirs|VALUE", value_parser = take)]
        take: indmap_api::Take,
    },
    /// List proposals: changes asked of records by databases that do not own them
    Proposals,
    /// Accept a proposal to a record this database owns: the proposed value is written
    Accept { id: uuid::Uuid },
    /// Reject a proposal to a record this database owns
    Reject {
        id: uuid::Uuid,
        #[arg(long)]
        reason: Option<String>,
    },
    /// List the backups of the database (taken before every import)
    Backups,
    /// Put a backup in place of the database (the current state is backed up first)
    Restore { name: String },
    /// Print the map (PDF, PNG or SVG) of the filtered projects: one region's with `--region KATO`
    Print(PrintArgs),
    /// Print the atlas as one PDF: the national map, then each region's map and project table
    Atlas(AtlasArgs),
    /// Print one project's passport as PDF: location, key facts, financing, schedule, monitoring
    Passport(PassportArgs),
    /// Write the filtered project table as XLSX (a sheet per region) or CSV, or a chart as PNG/SVG
    Report(ReportArgs),
    /// What is late or does not add up in the filtered projects: overdue actions, milestones
    /// and commissioning, dates slipped past the approved edition, missing reports, financing
    /// off the cost, support without a criterion, no local-content expertise, reports that
    /// contradict the one before (thresholds: `indmap settings`)
    Alerts(AlertsArgs),
    /// Print the schedule chart (Gantt) of the filtered projects or of one: milestones and
    /// actions planned against actual, the approved baseline behind, today's line, what is
    /// overdue in red
    Gantt(GanttArgs),
    /// Plan against actual of the filtered projects: investment, permanent jobs, output,
    /// commissioning and how much came on time, in totals and by region, sector and year;
    /// financing by source, year and status. --out FILE.xlsx writes the workbook, .pdf the charts
    Dashboard(DashboardArgs),
    /// The effectiveness of state support (Art. 19 p.4): support given against the investment,
    /// permanent jobs, output, taxes and exports of the projects that received it, in totals and
    /// per support, by measure, region, sector and year, with the methodology's index (weights:
    /// `indmap settings effect_weight_*`). --out FILE writes the report: .pdf, .png, .svg or .xlsx
    Effectiveness(EffectivenessArgs),
    /// Write the information on the support measures implemented (Art. 7 p.4, 8 p.4): totals by
    /// measure, region and year, then each measure's projects with their amounts; signed, in
    /// --lang; .pdf, .png, .svg or .xlsx
    SupportReport(SupportReportArgs),
    /// Write the monitoring report of a period: each project due to report, a table per region,
    /// with its plan, approved baseline, report, variance, problems and alerts; signed, in
    /// --lang; .pdf, .png, .svg or .xlsx
    MonitoringReport(MonitoringReportArgs),
    /// Show the settings, or set one: `indmap settings republican_threshold_kzt 20000000000`
    Settings { key: Option<String>, value: Option<String> },
    /// List the layers of a GeoJSON or GeoPackage file (features, extent) as the map's Layers panel loads them
    Layers(crate::layers_cmd::LayersArgs),
}

/// `--take`: `mine`, `theirs`, or else a value (JSON when it reads as JSON, else text).
fn take(text: &str) -> Result<indmap_api::Take, std::convert::Infallible> {
    Ok(indmap_api::Take::parse(text))
}

#[derive(Subcommand)]
pub enum ReferenceCommand {
    /// Add a sector, or change its labels
    Sector(ReferenceItemArgs),
    /// Add a financing source, or change its labels
    Source(ReferenceItemArgs),
}

#[derive(Args)]
pub struct ReferenceItemArgs {
    /// The code records carry: lowercase Latin letters, digits and _
    pub code: String,
    #[arg(long)]
    pub kk: String,
    #[arg(long)]
    pub ru: String,
    #[arg(long)]
    pub en: String,
}

#[derive(Subcommand)]
pub enum ProjectCommand {
    /// Add the projects of a GeoJSON Feature or FeatureCollection file (- reads standard input)
    Add { file: String },
    /// List projects, filtered
    List(FilterArgs),
    /// Show one project
    Show {
        /// The project's id or code (e.g. 35-0042)
        project: String,
    },
    /// Change a project with a GeoJSON Feature: only the properties it gives change (a list
    /// given replaces the list, but monitoring reports are put by period)
    Update {
        /// The project's id or code (e.g. 35-0042)
        project: String,
        file: String,
    },
    /// Check a GeoJSON Feature as a form would be saved, writing nothing: every error and
    /// warning at once (the whole new project, or with --project the whole edited one)
    Check {
        file: String,
        /// The project the Feature is the whole form of (its id or code); without it, a new one
        #[arg(long)]
        project: Option<String>,
    },
    /// Delete a project (it stays in history with the reason)
    Delete {
        /// The project's id or code (e.g. 35-0042)
        project: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum MonitoringCommand {
    /// Add the report of a period, or replace it, from a JSON object of its fields (- reads
    /// standard input), e.g. {"progress_pct": 60, "jobs_created": 40}; other periods stay
    Set {
        /// The project's id or code (e.g. 35-0042)
        project: String,
        /// The period: 2026-Q3 (quarter), 2026-07 (month) or 2026 (year)
        #[arg(long)]
        period: String,
        file: String,
    },
    /// Put a period's reports of many projects from a spreadsheet (XLSX or CSV): a column of
    /// project codes ("Код") and a column per report field, headed by its name or label
    /// ("Готовность, %", "progress_pct"); a title block above the header is fine. Rows that pass
    /// are written in one transaction, the others are listed with their problems (exit code 3)
    Import {
        file: PathBuf,
        /// The period: 2026-Q3 (quarter), 2026-07 (month) or 2026 (year)
        #[arg(long)]
        period: String,
        /// The sheet to read; by default the first that holds a cell
        #[arg(long)]
        sheet: Option<String>,
        /// Check every row and say what would be taken, but write nothing
        #[arg(long)]
        check: bool,
    },
    /// Who has reported a period: per region, the projects that report and those missing, and
    /// who is late (setting report_deadline_days)
    Status {
        /// The period; by default the last one that has ended (setting monitoring_period)
        #[arg(long)]
        period: Option<String>,
    },
    /// Hand a period's reports in (a region's database)
    Submit(PeriodStepArgs),
    /// Approve a submitted period: its reports are locked (a region's database)
    Approve(PeriodStepArgs),
    /// Take a submission or an approval back, saying why; the period opens again
    Unapprove {
        #[command(flatten)]
        step: PeriodStepArgs,
        #[arg(long)]
        reason: String,
    },
    /// Accept a region's approved period (the ministry; an import accepts it by itself)
    Accept(PeriodStepArgs),
    /// Where a period's cycle stands, with every act: who submitted, approved, accepted, when
    Cycle(PeriodStepArgs),
    /// Each region's reporting of the last periods side by side (region × period), the late
    /// marked
    Table {
        /// How many periods, the last that has ended the latest (at most 20)
        #[arg(long, default_value_t = 4)]
        periods: usize,
    },
    /// Remove the report of a period
    Remove {
        /// The project's id or code (e.g. 35-0042)
        project: String,
        #[arg(long)]
        period: String,
    },
}

#[derive(Subcommand)]
pub enum EditionCommand {
    /// Record an edition of the map this database keeps (the republican map at the ministry, the
    /// regional map at an akimat): the approving act and the plan of every project on the map
    Approve {
        /// The approving act's number, e.g. "№ 123"
        #[arg(long)]
        act: String,
        /// The act's date, e.g. 2026-12-15
        #[arg(long)]
        date: String,
        /// Who approved, e.g. "Акимат Карагандинской области"
        #[arg(long)]
        body: String,
        #[arg(long)]
        signatory: Option<String>,
    },
    /// Every edition held here, of this map and of those exchange files brought
    List,
    /// One edition with its projects as approved
    Show {
        /// latest, the edition's number on this map (1, 2, ...) or its id (the first 8 characters do)
        edition: String,
    },
    /// What changed from edition A to edition B: projects added, excluded, and each changed
    /// plan field by field, with both editions' totals
    Diff { from: String, to: String },
}

#[derive(Args)]
pub struct FilterArgs {
    /// KATO prefix of a region (repeat for several)
    #[arg(long)]
    pub region: Vec<String>,
    /// republican or regional
    #[arg(long)]
    pub level: Option<String>,
    /// A status code (repeat for several)
    #[arg(long)]
    pub status: Vec<String>,
    /// A sector code (repeat for several)
    #[arg(long)]
    pub sector: Vec<String>,
    /// Exact name of a district (any case), e.g. "Аягөз ауданы"
    #[arg(long)]
    pub district: Option<String>,
    /// Year of commissioning (actual, else planned); the same as --year-from Y --year-to Y
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["year_from", "year_to"])]
    pub year: Option<i32>,
    /// Commissioned (actual, else planned) in this year or later
    #[arg(long, value_name = "YEAR")]
    pub year_from: Option<i32>,
    /// Commissioned (actual, else planned) in this year or earlier
    #[arg(long, value_name = "YEAR")]
    pub year_to: Option<i32>,
    /// Receives state support measure N (1 to 13, Art. 20 p.2; `indmap reference` lists them)
    #[arg(long, value_name = "N")]
    pub measure: Option<u8>,
    /// Has financing from this source (a code of `indmap reference`, e.g. dbk)
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Words to find in names, initiator, BIN or code
    #[arg(long)]
    pub search: Option<String>,
}

// ---- printouts (`print_cmd.rs` runs them) ----

/// `--paper`: A4 or A3, in either case.
fn paper() -> impl TypedValueParser<Value = Paper> {
    PossibleValuesParser::new(["A4", "A3", "a4", "a3"]).map(|p| Paper::parse(&p).unwrap_or_default())
}

/// `--by`: status or sector.
fn symbol_by() -> impl TypedValueParser<Value = PrintBy> {
    PossibleValuesParser::new(["status", "sector"]).map(|b| PrintBy::parse(&b).unwrap_or_default())
}

/// `--chart`: a chart's code.
fn chart() -> impl TypedValueParser<Value = ChartKind> {
    PossibleValuesParser::new(ChartKind::ALL.map(ChartKind::code))
        .map(|c| ChartKind::parse(&c).unwrap_or(ChartKind::FinancingBySource))
}

#[derive(Args)]
pub struct PageArgs {
    /// Paper size: A4 or A3
    #[arg(long, default_value = "A4", value_parser = paper())]
    pub paper: Paper,
    /// Landscape instead of portrait
    #[arg(long)]
    pub landscape: bool,
}

/// Which pages, and how fine a PNG is.
#[derive(Args)]
pub struct PagePick {
    /// Write page N alone (from 1), to FILE itself
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub page: Option<u32>,
    /// Resolution of a PNG, dots per inch
    #[arg(long, default_value_t = 150.0)]
    pub dpi: f64,
}

/// What a map printout shows, on which paper and how.
#[derive(Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub page: PageArgs,
    /// Colour the projects by status or by sector
    #[arg(long, default_value = "status", value_parser = symbol_by())]
    pub by: PrintBy,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub edition: EditionArg,
}

/// Which map a printout shows: as it stands, or as approved in an edition.
#[derive(Args)]
pub struct EditionArg {
    /// Print the map as approved in this edition (latest, its number on this map, or its id):
    /// the edition's plans, with its act in the title block
    #[arg(long, value_name = "EDITION")]
    pub edition: Option<String>,
}

#[derive(Args)]
pub struct PrintArgs {
    /// The file to write: .pdf, .png or .svg
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub map: MapArgs,
}

#[derive(Args)]
pub struct AtlasArgs {
    /// The file to write: .pdf (every page in one file), or .png or .svg: one file per page,
    /// FILE's name with the page number added (atlas.png gives atlas-01.png, atlas-02.png, …;
    /// the names are printed on stdout)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub map: MapArgs,
}

#[derive(Args)]
pub struct AlertsArgs {
    /// Also print the list to a file: .pdf, .png or .svg (a table per kind of alert, in --lang)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct DashboardArgs {
    /// Also write the workbook: .xlsx (a sheet for the totals, by region, sector and year, and
    /// financing), or its charts and tables on pages: .pdf, .png or .svg
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct EffectivenessArgs {
    /// Only the support given in this year (the annual information)
    #[arg(long, value_name = "YEAR")]
    pub support_year: Option<i32>,
    /// Also write the report: .pdf, .png or .svg (signed tables, in --lang) or .xlsx
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct SupportReportArgs {
    /// Only the support given in this year
    #[arg(long, value_name = "YEAR")]
    pub support_year: Option<i32>,
    #[command(flatten)]
    pub form: FormArgs,
}

#[derive(Args)]
pub struct MonitoringReportArgs {
    /// The period: 2026-Q3, 2026-07, 2026-H2 or 2026; by default the last one whose reports are due
    #[arg(long)]
    pub period: Option<String>,
    #[command(flatten)]
    pub form: FormArgs,
}

/// Where a report form goes, on which paper, of which projects.
#[derive(Args)]
pub struct FormArgs {
    /// The file to write: .pdf, .png or .svg (one file per page, numbered), or .xlsx
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct GanttArgs {
    /// The file to write: .pdf, or .png or .svg (one file per page, numbered)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// One project's chart (its id or code) instead of the filtered set's
    #[arg(long)]
    pub project: Option<String>,
    #[command(flatten)]
    pub page: PageArgs,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Args)]
pub struct PassportArgs {
    /// The project's id or code (e.g. 35-0042)
    pub project: String,
    /// The file to write: .pdf, or .png or .svg: one file per page, FILE's name with the page
    /// number added (p.png gives p-01.png and p-02.png; the names are printed on stdout)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Paper size: A4 or A3
    #[arg(long, default_value = "A4", value_parser = paper())]
    pub paper: Paper,
    #[command(flatten)]
    pub pick: PagePick,
    #[command(flatten)]
    pub edition: EditionArg,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The file to write: .xlsx or .csv for the table; .png, .svg or .pdf for a chart (--chart)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// A chart instead of the table
    #[arg(long, value_parser = chart())]
    pub chart: Option<ChartKind>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub edition: EditionArg,
}

/// Which region's period a step of the reporting cycle is about.
#[derive(clap::Args, Debug)]
pub struct PeriodStepArgs {
    /// The period, e.g. 2026-Q3
    #[arg(long)]
    pub period: String,
    /// The region (KATO prefix); by default this database's own
    #[arg(long, value_name = "KATO")]
    pub region: Option<String>,
}
