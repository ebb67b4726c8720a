//! A period's reports for many projects at once, from a table: a spreadsheet an akimat fills
//! (`indmap monitoring import FILE --period 2026-Q3`) or the window's reporting grid. Every row
//! is read and checked by the rules of a project's report; the rows that pass are written in
//! one transaction, those that do not are refused with their problems, row by row, and nothing
//! is half-written.

use crate::{Error, Indmap, Result};
use indmap_core::changes::project_changes;
use indmap_core::feature::project_properties;
use indmap_core::reference::Label;
use indmap_core::schema::{FieldSpec, Kind, Record, record_json};
use indmap_core::table::{self, HeaderProblem, Table};
use indmap_core::{MonitoringReport, Problem, Problems, Project, Rule, Scope};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::Path;
use uuid::Uuid;

/// What a table of reports did, row by row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportsTaken {
    pub period: String,
    pub taken: Vec<TakenReport>,
    pub refused: Vec<RefusedReport>,
    /// Lines that name a project but give no report field: left as they were.
    pub skipped: Vec<usize>,
    /// Headers that name no report field (a project's name, a row number): not read.
    pub ignored_columns: Vec<String>,
    /// Whether the taken rows were written (not when only checking, or none changed anything).
    pub written: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TakenReport {
    /// The line of the file, or the row of the grid, counted from 1.
    pub line: usize,
    pub code: String,
    /// Whether the project had no report of the period before.
    pub new: bool,
    /// How many fields of the report the row changes; 0 when it says what is held already.
    pub changed_fields: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RefusedReport {
    pub line: usize,
    /// The project as the row names it.
    pub project: String,
    /// Each problem names the report's field (`progress_pct`), or `code` for the project.
    pub problems: Vec<Problem>,
}

/// The reporting grid of a period: a row for each project this database reports on (those on
/// its map), a column for each field of a report, and the values held.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSheet {
    pub period: String,
    /// Whether this region has approved the period: its reports do not change until the
    /// approval is withdrawn.
    pub locked: bool,
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<ReportSheetRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportColumn {
    /// The report's field (`progress_pct`), as a table's header names it.
    pub name: String,
    pub label: Label,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSheetRow {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    /// The value of each column in the period's report (`null` when empty or not reported).
    #[cfg_attr(feature = "ts", ts(type = "Array<unknown>"))]
    pub values: Vec<Value>,
    /// Whether the project has a report of the period.
    pub reported: bool,
}

/// A row that passed: the project as it was and as the row leaves it.
struct Taken {
    report: TakenReport,
    old: Project,
    new: Project,
}

fn code_spec() -> &'static FieldSpec {
    Project::FIELDS.iter().find(|f| f.name == "code").expect("the project's code is a field")
}

/// The report's fields a table gives: all but the period, which the table is of.
fn sheet_fields() -> impl Iterator<Item = &'static FieldSpec> {
    MonitoringReport::FIELDS.iter().filter(|f| f.name != "period")
}

impl Indmap {
    /// The grid of `period` (by default the last one that has ended): the projects on the map
    /// whose reports this database writes, by code, with the values of their report.
    pub fn report_sheet(&self, period: Option<&str>) -> Result<ReportSheet> {
        let period = self.period_or_default(period)?;
        let scope = self.store.info().scope;
        let columns =
            sheet_fields().map(|f| ReportColumn { name: f.name.to_owned(), label: f.label(), kind: f.kind }).collect();
        let rows = self
            .store
            .projects(&Default::default())?
            .into_iter()
            .filter(|p| indmap_core::monitoring::reports(p.status) && Scope::owner(p.level, p.region, "") == scope)
            .map(|p| {
                let report = p.monitoring.iter().find(|m| m.period == period).map(record_json);
                let values = sheet_fields()
                    .map(|f| report.as_ref().and_then(|r| r.get(f.name)).cloned().unwrap_or(Value::Null))
                    .collect();
                ReportSheetRow {
                    code: p.code_or_id(),
                    name_kk: p.name_kk.clone(),
                    name_ru: p.name_ru.clone(),
                    values,
                    reported: report.is_some(),
                }
            })
            .collect();
        let locked = match scope {
            Scope::Region(own) => {
                indmap_core::period_act::stage(&self.store.period_acts(Some(own), Some(&period))?).locked()
            }
            Scope::Ministry => false,
        };
        Ok(ReportSheet { period, locked, columns, rows })
    }

    /// Reads a spreadsheet (XLSX or CSV; the sheet named, or the first that holds a cell) and
    /// puts its rows as the reports of `period` (`put_reports`).
    pub fn import_reports(
        &mut self,
        path: &Path,
        period: &str,
        sheet: Option<&str>,
        check_only: bool,
    ) -> Result<ReportsTaken> {
        let table = indmap_sheet::read(path, sheet).map_err(|e| {
            let mut problems = Problems::new();
            problems.error("file", e.rule(), format!("{}: {e}", path.display()));
            Error::invalid(problems)
        })?;
        self.put_reports(period, &table, check_only)
    }

    /// Puts each row of `table` as the report of `period` of the project its code names. Only
    /// the columns the table has change: a report held already keeps the fields the table does
    /// not give, and an empty cell clears its field. A new report without `reported_by` or
    /// `reported_on` columns is signed by this database's user and today's date. Rows that
    /// break a rule are refused with their problems; the rest are written in one transaction
    /// unless `check_only`.
    pub fn put_reports(&mut self, period: &str, table: &Table, check_only: bool) -> Result<ReportsTaken> {
        let period = self.period_or_default(Some(period))?;
        let (header, columns) = table::columns(table, code_spec(), MonitoringReport::FIELDS).map_err(header_error)?;
        if let Scope::Region(own) = self.store.info().scope {
            self.refuse_if_locked(own, &period)?;
        }
        let acts = self.acts_by_period(None)?;
        let rules = self.rules()?;
        let today = self.env.clock.now().date_naive().to_string();
        let user = self.env.user.clone();
        let mut outcome = ReportsTaken {
            period: period.clone(),
            taken: Vec::new(),
            refused: Vec::new(),
            skipped: Vec::new(),
            ignored_columns: columns.ignored.clone(),
            written: false,
        };
        let mut passed: Vec<Taken> = Vec::new();
        let mut seen: HashMap<Uuid, usize> = HashMap::new();
        for row in &table.rows[header + 1..] {
            let named = row.cells.get(columns.key).map(|c| c.text()).unwrap_or_default();
            let given: Vec<_> = columns.fields.iter().map(|(col, spec)| (*spec, row.cells.get(*col))).collect();
            if named.is_empty() && given.iter().all(|(_, c)| c.is_none_or(|c| c.is_empty())) {
                continue;
            }
            let mut problems = Problems::new();
            let mut fields = Map::new();
            for (spec, cell) in &given {
                match table::value(spec, cell.unwrap_or(&table::TableCell::Empty)) {
                    Ok(value) => {
                        fields.insert(spec.name.to_owned(), value.unwrap_or(Value::Null));
                    }
                    Err(refused) => problems.error(spec.name, refused.rule, refused.message),
                }
            }
            let refuse = |problems: Problems, outcome: &mut ReportsTaken| {
                outcome.refused.push(RefusedReport { line: row.line, project: named.clone(), problems: problems.0 });
            };
            let project = match self.find(&named) {
                Ok(p) => p,
                Err(e) => {
                    problems.error("code", Rule::ReportProjectUnknown, e.message);
                    refuse(problems, &mut outcome);
                    continue;
                }
            };
            let code = project.code_or_id();
            if let Some(first) = seen.insert(project.id, row.line) {
                problems.error(
                    "code",
                    Rule::ReportRowTwice,
                    format!("project {code} is reported on line {first} already; keep one line a project"),
                );
            }
            match fields.remove("period") {
                Some(Value::String(p)) if p != period => problems.error(
                    "period",
                    Rule::ReportPeriodOther,
                    format!("is {p}, but this table is taken as the reports of {period}"),
                ),
                _ => {}
            }
            if fields.values().all(Value::is_null) && !problems.has_errors() {
                outcome.skipped.push(row.line);
                continue;
            }
            // The cells that read are checked by the report's rules too, so that every problem
            // of a row is told at once.
            let written = self.report_row(&project, &period, fields, (&user, &today), &rules).and_then(|done| {
                let mut locked = Problems::new();
                crate::period_cycle::check_unlocked(&acts, Some(&project), &done.0, &mut locked);
                if locked.has_errors() { Err(locked) } else { Ok(done) }
            });
            match written {
                Ok((new, changed_fields, is_new)) if !problems.has_errors() => passed.push(Taken {
                    report: TakenReport { line: row.line, code, new: is_new, changed_fields },
                    old: project,
                    new,
                }),
                Ok(_) => refuse(problems, &mut outcome),
                Err(more) => {
                    problems.extend(more);
                    refuse(problems, &mut outcome);
                }
            }
        }
        let changed: Vec<(&Project, &Project)> =
            passed.iter().filter(|t| t.report.changed_fields > 0).map(|t| (&t.old, &t.new)).collect();
        if !check_only && !changed.is_empty() {
            let author = self.author();
            self.store.write(&author, |w| changed.iter().try_for_each(|(old, new)| w.replace_project(old, new)))?;
            outcome.written = true;
        }
        outcome.taken = passed.into_iter().map(|t| t.report).collect();
        Ok(outcome)
    }

    /// The project with its report of `period` put from `fields` over the one it holds: the
    /// project as written, how many fields change, and whether the report is new; or the
    /// problems, named by the report's field.
    fn report_row(
        &mut self,
        project: &Project,
        period: &str,
        mut fields: Map<String, Value>,
        (user, today): (&str, &str),
        rules: &indmap_core::validate::Rules,
    ) -> std::result::Result<(Project, usize, bool), Problems> {
        let mut properties = project_properties(project);
        let stored = match properties.get("monitoring") {
            Some(Value::Array(reports)) => reports.clone(),
            _ => Vec::new(),
        };
        let held = stored.iter().position(|r| r.get("period").and_then(Value::as_str) == Some(period));
        let mut report = match held {
            Some(i) => stored[i].as_object().cloned().unwrap_or_default(),
            None => {
                let mut signed = Map::new();
                signed.insert("reported_by".into(), Value::String(user.to_owned()));
                signed.insert("reported_on".into(), Value::String(today.to_owned()));
                signed
            }
        };
        report.insert("period".into(), Value::String(period.to_owned()));
        report.append(&mut fields);
        let reports = indmap_core::monitoring::put_by_period(&stored, &[Value::Object(report)]);
        let index = reports.iter().position(|r| r.get("period").and_then(Value::as_str) == Some(period));
        properties.insert("monitoring".into(), Value::Array(reports));
        let mut problems = Problems::new();
        let new = self.remade(project, properties, None, rules, &mut problems);
        // Problems of the report are named by its field; any other (a rule the project broke
        // before) keeps its full path.
        let prefix = index.map(|i| format!("monitoring[{i}]."));
        for p in &mut problems.0 {
            if let Some(field) = prefix.as_deref().and_then(|pre| p.field.strip_prefix(pre)) {
                p.field = field.to_owned();
            }
        }
        let new = match new {
            Some(new) if !problems.has_errors() => new,
            _ => return Err(problems),
        };
        let changes = project_changes(Some(project), Some(&new));
        let changed = changes.len();
        let (_, others) = self.split_by_owner(project, changes);
        if let Some(other) = others.first().map(|c| Scope::owner_of(project, &c.key)) {
            let mut problems = Problems::new();
            problems.error(
                "code",
                Rule::ReportNotOwner,
                format!("is kept by {}: its reports are that database's to write and send", other.describe()),
            );
            return Err(problems);
        }
        Ok((new, changed, held.is_none()))
    }
}

fn header_error(problem: HeaderProblem) -> Error {
    let message = match &problem {
        HeaderProblem::NoKey => format!(
            "no row among the first {} names the project's code (a column headed \"Код\", \"Коды\" or \"code\")",
            table::HEADER_SEARCH_ROWS
        ),
        HeaderProblem::NoField => {
            "names no report field; head the columns as the report's fields are named (\"Готовность, %\", \"progress_pct\")"
                .to_owned()
        }
        HeaderProblem::Twice { field, first, second } => {
            format!("names {field} twice ({first:?} and {second:?}); keep one of the two columns")
        }
    };
    let mut problems = Problems::new();
    problems.error("header", problem.rule(), message);
    Error::invalid(problems)
}
