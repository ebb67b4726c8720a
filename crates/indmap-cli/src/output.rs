//! What the command line prints: tables for people, JSON for machines, and problems on stderr.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use indmap_api::core::feature::{project_to_feature, projects_to_collection};
use indmap_api::core::reference::ReferenceItem;
use indmap_api::core::{Money, Problem, Project, Severity};
use indmap_api::{AddReport, DbInfo, Error, LogEntry, Reference, RegionInfo, UpdateReport};
use serde_json::{Value, json};
use std::io::Write;

/// Writes to stdout; a closed pipe (`indmap project list | head`) ends the program quietly.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|_| out.flush()).is_err() {
        std::process::exit(0);
    }
}

pub fn emit_json(value: &impl serde::Serialize) {
    emit(&serde_json::to_string_pretty(value).unwrap_or_default());
}

pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

/// How many warnings are printed one by one; past that, what is left is counted by rule (a
/// national file of 100,000 projects would otherwise scroll thousands of lines away).
const WARNINGS_SHOWN: usize = 50;

fn warn(problems: &[Problem]) {
    let warnings: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Warning).collect();
    for p in warnings.iter().take(WARNINGS_SHOWN) {
        eprintln!("warning: {p}");
    }
    let mut rest: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for p in warnings.iter().skip(WARNINGS_SHOWN) {
        *rest.entry(p.rule.code()).or_default() += 1;
    }
    for (rule, n) in rest {
        eprintln!("warning: and {n} more of the same kind ({rule})");
    }
}

pub fn print_error(e: &Error) {
    let errors: Vec<&Problem> = e.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    if errors.is_empty() {
        eprintln!("error: {}", e.message);
    } else {
        let count = errors.len();
        eprintln!("error: refused, {count} problem{} found; nothing was changed:", if count == 1 { "" } else { "s" });
        for p in errors {
            eprintln!("  {p}");
        }
    }
    warn(&e.problems);
}

/// `1234567.89` KZT → `1.2` (mln KZT), with a space between thousands.
fn mln(m: Option<Money>) -> String {
    let Some(m) = m else { return String::new() };
    // A tenth of a million tenge is 10^7 tiyn; round half away from zero.
    const TENTH_MLN: i128 = 10_000_000;
    let minor = i128::from(m.minor());
    let tenths = (minor + minor.signum() * TENTH_MLN / 2) / TENTH_MLN;
    let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
    format!("{}.{tenth}", group_thousands(whole))
}

fn group_thousands(n: i128) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn info(info: &DbInfo, projects: u64, json: bool) {
    if json {
        emit_json(&json!({
            "path": info.path, "db_id": info.db_id, "scope": info.scope.code(), "created_at": info.created_at,
            "schema_version": info.schema_version, "projects": projects,
        }));
    } else {
        emit(&format!(
            "database {}\n  keeps the map of {}\n  database id {}\n  created {}\n  schema version {}\n  {projects} projects",
            info.path.display(),
            info.scope.describe(),
            info.db_id,
            info.created_at,
            info.schema_version
        ));
    }
}

pub fn regions(regions: &[RegionInfo], json: bool) {
    if json {
        return emit_json(&regions);
    }
    let mut t = table(&["KATO", "kk", "ru", "en", "centre"]);
    for r in regions {
        t.add_row(vec![&r.kato, &r.label.kk, &r.label.ru, &r.label.en, &r.centre_name]);
    }
    emit(&t.to_string());
}

pub fn reference(reference: &Reference, json: bool) {
    if json {
        return emit_json(reference);
    }
    let lists: [(&str, &Vec<ReferenceItem>); 8] = [
        ("level", &reference.levels),
        ("status", &reference.statuses),
        ("sector", &reference.sectors),
        ("financing[].source", &reference.financing_sources),
        ("financing[].status", &reference.financing_statuses),
        ("actions[].status", &reference.action_statuses),
        ("support_measures[].measure", &reference.support_measures),
        ("criteria", &reference.criteria),
    ];
    for (property, items) in lists {
        let mut t = table(&["code", "kk", "ru", "en"]);
        for i in items {
            t.add_row(vec![&i.code, &i.label.kk, &i.label.ru, &i.label.en]);
        }
        emit(&format!("{property}\n{t}\n"));
    }
}

pub fn added(report: &AddReport, json: bool) {
    warn(&report.warnings);
    if json {
        let added: Vec<Value> = report.added.iter().map(|(id, code)| json!({"id": id, "code": code})).collect();
        return emit_json(&json!({ "added": added, "proposed": report.proposed, "warnings": report.warnings }));
    }
    for (id, code) in &report.added {
        emit(&format!("{code}\t{id}"));
    }
    eprintln!("added {} project{}", report.added.len(), if report.added.len() == 1 { "" } else { "s" });
    if report.proposed > 0 {
        eprintln!(
            "a regional project is included by its akimat: each was added as a candidate, its inclusion ({} field{}) proposed to the region (indmap proposals)",
            report.proposed,
            if report.proposed == 1 { "" } else { "s" }
        );
    }
}

pub fn projects(projects: &[Project], json: bool, lang: &str) {
    if json {
        return emit_json(&projects_to_collection(projects));
    }
    let mut t =
        table(&["code", "name", "region", "level", "status", "sector", "cost, mln KZT", "jobs", "commissioning"]);
    for p in projects {
        t.add_row(vec![
            p.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            p.name(lang).to_owned(),
            p.region.to_string(),
            p.level.to_string(),
            p.status.to_string(),
            p.sector.clone().unwrap_or_default(),
            mln(p.cost),
            p.jobs_permanent.map(|j| j.to_string()).unwrap_or_default(),
            indmap_api::core::filter::commissioning_year(p).map(|y| y.to_string()).unwrap_or_default(),
        ]);
    }
    emit(&t.to_string());
    let total: Money = projects.iter().filter_map(|p| p.cost).sum();
    let jobs: u64 = projects.iter().filter_map(|p| p.jobs_permanent).map(u64::from).sum();
    let count = projects.len();
    emit(&format!(
        "{count} project{}, {} mln KZT, {jobs} permanent jobs",
        if count == 1 { "" } else { "s" },
        mln(Some(total))
    ));
}

pub fn reporting(r: &indmap_api::Reporting, lang: &str, json: bool) {
    if json {
        return emit_json(r);
    }
    let mut t = table(&["region", "reported", "stage", "missing"]);
    for region in &r.regions {
        let name = in_lang(&region.label, lang);
        t.add_row(vec![
            format!("{name} ({})", region.kato),
            format!("{} of {}", region.reported, region.due),
            format!("{}{}", stage_word(region.stage), if region.late { ", LATE" } else { "" }),
            region.missing.join(", "),
        ]);
    }
    emit(&t.to_string());
    let (reported, due) = r.regions.iter().fold((0, 0), |(a, b), region| (a + region.reported, b + region.due));
    let late = r.regions.iter().filter(|region| region.late).count();
    emit(&format!("{}: {reported} of {due} projects reported; due {}, {late} regions late", r.period, r.deadline));
}

/// The alerts, one a line, then how many of each kind and who is to act.
pub fn alerts(list: &indmap_api::AlertList, lang: &str, json: bool) {
    use indmap_api::core::alert::{AlertKind, Figures};
    if json {
        return emit_json(list);
    }
    let mut t = table(&["project", "region", "alert", "about", "days", "responsible"]);
    for a in &list.alerts {
        let name = if lang == "kk" { &a.name_kk } else { &a.name_ru };
        let about = match (&a.subject, a.figures) {
            (_, Some(Figures::Money { expected, found })) => {
                format!(
                    "{}: {} → {} mln KZT",
                    a.subject.as_deref().unwrap_or(&a.field),
                    mln(Some(expected)),
                    mln(Some(found))
                )
            }
            (_, Some(Figures::Percent { expected, found })) => {
                format!("{}: {expected}% → {found}%", a.subject.as_deref().unwrap_or(&a.field))
            }
            (Some(subject), None) => subject.clone(),
            (None, None) => a.field.clone(),
        };
        t.add_row(vec![
            format!("{} {name}", a.code.as_deref().unwrap_or(&a.project_id)),
            a.region.clone(),
            in_lang(&a.kind.label(), lang).to_owned(),
            about,
            a.days.map(|d| d.to_string()).unwrap_or_default(),
            a.responsible.clone().unwrap_or_default(),
        ]);
    }
    if !list.alerts.is_empty() {
        emit(&t.to_string());
    }
    let kinds: Vec<String> = list
        .by_kind
        .iter()
        .filter(|k| k.count > 0)
        .filter_map(|k| Some(format!("{} {}", k.count, in_lang(&AlertKind::from_code(&k.key)?.label(), lang))))
        .collect();
    let projects: std::collections::BTreeSet<&str> = list.alerts.iter().map(|a| a.project_id.as_str()).collect();
    emit(&format!(
        "{} alerts in {} projects on {} (reports due: {}){}{}",
        list.alerts.len(),
        projects.len(),
        list.today,
        list.due_period,
        if kinds.is_empty() { "" } else { ": " },
        kinds.join(", ")
    ));
}

/// Plan against actual: the totals, then a line per region.
pub fn dashboard(d: &indmap_api::core::dashboard::Dashboard, lang: &str, json: bool) {
    use indmap_api::core::dashboard::PlanActual;
    if json {
        return emit_json(d);
    }
    let mut t = table(&[
        "region",
        "projects",
        "investment plan, mln",
        "actual, mln",
        "jobs plan",
        "actual",
        "output, mln",
        "due",
        "commissioned",
        "on time",
    ]);
    let row = |name: String, f: &PlanActual| {
        vec![
            name,
            f.projects.to_string(),
            mln(Some(f.investment_plan)),
            mln(Some(f.investment_actual)),
            f.jobs_plan.to_string(),
            f.jobs_actual.to_string(),
            mln(Some(f.output_actual)),
            f.commissioning_due.to_string(),
            f.commissioned.to_string(),
            f.commissioned_on_time.to_string(),
        ]
    };
    for g in &d.by_region {
        let name = indmap_api::core::RegionCode::parse(&g.key)
            .map_or_else(|| g.key.clone(), |r| format!("{} ({})", in_lang(&r.region().label(), lang), g.key));
        t.add_row(row(name, &g.figures));
    }
    t.add_row(row("total".into(), &d.total));
    emit(&t.to_string());
}

/// The effectiveness of support: the methodology, then a line per measure and the total.
pub fn effectiveness(e: &indmap_api::core::effectiveness::Effectiveness, lang: &str, json: bool) {
    use indmap_api::core::effectiveness::Effect;
    if json {
        return emit_json(e);
    }
    let weights: Vec<String> =
        e.methodology.weights.iter().map(|w| format!("{} {}", w.indicator.code(), w.weight)).collect();
    let name = e.methodology.name.as_deref().unwrap_or("no approved methodology set");
    emit(&format!("{name}; weights: {}", weights.join(", ")));
    let mut t = table(&[
        "measure",
        "projects",
        "measures",
        "support, mln",
        "investment, mln",
        "jobs",
        "output, mln",
        "taxes, mln",
        "exports, USD",
        "investment per tenge",
        "index",
    ]);
    let ratio = |r: Option<f64>| r.map_or_else(|| "-".to_owned(), |r| format!("{r:.2}"));
    let row = |name: String, f: &Effect| {
        vec![
            name,
            f.projects.to_string(),
            f.measures.to_string(),
            mln(Some(f.support)),
            mln(Some(f.investment)),
            f.jobs.to_string(),
            mln(Some(f.output)),
            mln(Some(f.taxes)),
            format!("{:.0}", f.exports_usd.as_units_f64()),
            ratio(f.per_support.first().copied().flatten()),
            ratio(f.index),
        ]
    };
    for g in &e.by_measure {
        let label = g.key.parse().ok().and_then(indmap_api::core::reference::support_measure);
        let name = label.map_or_else(|| g.key.clone(), |l| format!("{}. {}", g.key, in_lang(&l, lang)));
        t.add_row(row(name, &g.effect));
    }
    t.add_row(row("total".into(), &e.total));
    emit(&t.to_string());
}

/// Where a region's period stands, and its acts in order.
pub fn period_stage(s: &indmap_api::PeriodStage, lang: &str, json: bool) {
    if json {
        return emit_json(s);
    }
    emit(&format!("{} ({}), {}: {}", in_lang(&s.label, lang), s.kato, s.period, stage_word(s.stage)));
    for act in &s.acts {
        let reason = act.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default();
        emit(&format!("  {}  {} by {}{reason}", act.at, act.step.code(), act.user));
    }
}

pub fn stage_word(stage: indmap_api::core::period_act::Stage) -> &'static str {
    use indmap_api::core::period_act::Stage;
    match stage {
        Stage::Open => "open",
        Stage::Submitted => "submitted",
        Stage::Approved => "approved (locked)",
        Stage::Accepted => "accepted by the ministry (locked)",
    }
}

/// Region × period: each cell "reported of due", `!` where the region is late.
pub fn reporting_table(r: &indmap_api::ReportingTable, lang: &str, json: bool) {
    if json {
        return emit_json(r);
    }
    let mut header = vec!["region".to_owned()];
    header.extend(r.periods.iter().map(|p| p.period.clone()));
    let mut t = table(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for region in &r.regions {
        let mut row = vec![format!("{} ({})", in_lang(&region.label, lang), region.kato)];
        row.extend(region.cells.iter().map(|c| match (c.due, c.late) {
            (0, _) => "-".to_owned(),
            (due, late) => {
                let mut words = vec![format!("{} of {due}", c.reported)];
                words
                    .extend((c.stage != indmap_api::core::period_act::Stage::Open).then(|| stage_word(c.stage).into()));
                words.extend(late.then(|| "LATE".to_owned()));
                words.join(" ")
            }
        }));
        t.add_row(row);
    }
    emit(&t.to_string());
    let deadlines: Vec<String> = r.periods.iter().map(|p| format!("{} by {}", p.period, p.deadline)).collect();
    emit(&format!("reports are due: {}", deadlines.join(", ")));
}

/// A table of reports, row by row: what was taken, left out and refused, and why.
pub fn reports_taken(r: &indmap_api::ReportsTaken, check_only: bool, json: bool) {
    if json {
        return emit_json(r);
    }
    let mut rows: Vec<(usize, String, String, String)> = Vec::new();
    for t in &r.taken {
        let what = match (t.new, t.changed_fields) {
            (_, 0) => "unchanged (the same as held)".to_owned(),
            (true, _) => "new report".to_owned(),
            (false, n) => format!("{n} field{} changed", if n == 1 { "" } else { "s" }),
        };
        rows.push((t.line, t.code.clone(), if check_only { "would take" } else { "taken" }.into(), what));
    }
    for line in &r.skipped {
        rows.push((*line, String::new(), "left out".into(), "no report field is filled".into()));
    }
    for f in &r.refused {
        let why: Vec<String> =
            f.problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect();
        rows.push((f.line, f.project.clone(), "refused".into(), why.join("\n")));
    }
    rows.sort_by_key(|row| row.0);
    let mut t = table(&["line", "project", "", "why"]);
    for (line, code, verdict, why) in rows {
        t.add_row(vec![line.to_string(), code, verdict, why]);
    }
    emit(&t.to_string());
    if !r.ignored_columns.is_empty() {
        eprintln!("warning: columns not read (no report field is named so): {}", r.ignored_columns.join(", "));
    }
    let changed = r.taken.iter().filter(|t| t.changed_fields > 0).count();
    let verb = if check_only { "would be written (nothing was: --check)" } else { "written" };
    emit(&format!(
        "{}: {} rows taken, {changed} of them {verb}; {} refused; {} left out",
        r.period,
        r.taken.len(),
        r.refused.len(),
        r.skipped.len()
    ));
}

pub fn project(p: &Project, json: bool, lang: &str) {
    if json {
        return emit_json(&project_to_feature(p));
    }
    let mut t = table(&["field", "value"]);
    let feature = project_to_feature(p);
    for (key, value) in feature.properties.iter().flatten() {
        let shown = match value {
            Value::Null => continue,
            Value::Array(a) if a.is_empty() => continue,
            Value::String(s) => s.clone(),
            Value::Array(rows) => rows.iter().map(compact_row).collect::<Vec<_>>().join("\n"),
            other => compact_row(other),
        };
        t.add_row(vec![key.clone(), shown]);
    }
    if let Some(g) = &feature.geometry {
        t.add_row(vec!["geometry".to_owned(), g.to_string()]);
    }
    emit(&format!("{} {}\n{t}", p.code.as_ref().map(|c| c.to_string()).unwrap_or_default(), p.name(lang)));
}

/// A row of a child list on one line, without its id and empty fields.
fn compact_row(v: &Value) -> String {
    match v {
        Value::Object(map) => map
            .iter()
            .filter(|(k, v)| *k != "id" && !v.is_null())
            .map(|(k, v)| format!("{k}: {}", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// What checking a form found: its warnings, and its errors as the refusal saving it would be.
pub fn checked(problems: &[Problem], json: bool) -> Result<(), Error> {
    if json {
        emit_json(&problems);
    } else {
        warn(problems);
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(Error::invalid(indmap_api::core::Problems(problems.to_vec())));
    }
    if !json {
        emit("no problem found: the project would be saved as it is");
    }
    Ok(())
}

pub fn updated(report: &UpdateReport, json: bool) {
    warn(&report.warnings);
    if json {
        return emit_json(report);
    }
    let code = report.code.as_ref().map(|c| c.to_string()).unwrap_or_else(|| report.id.to_string());
    let fields = |n: usize| format!("{n} field{}", if n == 1 { "" } else { "s" });
    let proposed = format!(
        "{} proposed to the owner, who decides (this database does not own them; see `indmap proposals`)",
        fields(report.proposed)
    );
    match (report.changed_fields - report.proposed, report.proposed) {
        (0, 0) => emit(&format!("{code}: nothing changed")),
        (0, _) => emit(&format!("{code}: nothing changed here; {proposed}")),
        (n, 0) => emit(&format!("{code}: {} changed", fields(n))),
        (n, _) => emit(&format!("{code}: {} changed; {proposed}", fields(n))),
    }
}

pub fn deleted(d: &indmap_api::Deletion, json: bool) {
    let code = d.project.code.as_ref().map(|c| c.to_string()).unwrap_or_default();
    if json {
        return emit_json(&json!({"deleted": {"id": d.project.id, "code": code}, "proposed": d.proposed}));
    }
    if d.proposed {
        emit(&format!(
            "proposed to delete {code} {}: this database does not own it; the owner decides",
            d.project.name_ru
        ));
    } else {
        emit(&format!("deleted {code} {}", d.project.name_ru));
    }
}

pub fn history(entries: &[LogEntry], json: bool) {
    if json {
        return emit_json(&entries);
    }
    let mut t = table(&["at", "user", "database", "origin", "record", "field", "old", "new"]);
    for e in entries {
        let short = |s: &str| s.chars().take(8).collect::<String>();
        let value = |v: &Value| match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // A birth is logged with all its values: show them one per line.
        let (field, new) = match (&e.field[..], &e.new) {
            (indmap_api::BIRTH, Value::Object(fields)) => (
                "created".to_owned(),
                fields
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| format!("{k}: {}", value(v)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => (e.field.clone(), value(&e.new)),
        };
        t.add_row(vec![
            e.at.clone(),
            e.user.clone(),
            short(&e.db_id),
            e.origin.clone(),
            format!("{} {}", e.entity, short(&e.record_id)),
            field,
            value(&e.old),
            new,
        ]);
    }
    emit(&t.to_string());
}

/// The settings: with --json those set, by key; else every one with its value (or the default
/// that applies) and what it means.
pub fn settings(settings: &[indmap_api::SettingView], lang: &str, json: bool) {
    if json {
        let map: serde_json::Map<String, Value> =
            settings.iter().filter_map(|s| Some((s.key.clone(), json!(s.value.as_ref()?)))).collect();
        return emit_json(&map);
    }
    for s in settings {
        let value = match (&s.value, s.default.as_str()) {
            (Some(v), _) => v.clone(),
            (None, "") => "(not set)".to_owned(),
            (None, default) => format!("(not set: {default})"),
        };
        emit(&format!("{} = {value}\n    {}", s.key, in_lang(&s.about, lang)));
    }
}

/// A label in the language asked for (Russian unless kk or en).
fn in_lang<'a>(label: &'a indmap_api::core::Label, lang: &str) -> &'a str {
    match lang {
        "kk" => &label.kk,
        "en" => &label.en,
        _ => &label.ru,
    }
}

fn edition_totals(t: &indmap_api::EditionTotals) -> String {
    format!(
        "{} projects, {} mln KZT, financing {} mln KZT, {} permanent jobs",
        t.projects,
        mln(Some(t.cost)),
        mln(Some(t.financing)),
        t.jobs_permanent
    )
}

pub fn editions(editions: &[indmap_api::EditionSummary], json: bool) {
    if json {
        return emit_json(&editions);
    }
    if editions.is_empty() {
        return emit("no edition has been approved here yet (indmap edition approve)");
    }
    let mut t = table(&["map", "no.", "act", "date", "approved by", "projects", "cost, mln KZT", "id"]);
    for e in editions {
        t.add_row(vec![
            e.map.clone(),
            e.number.to_string(),
            e.act.clone(),
            e.date.clone(),
            e.body.clone(),
            e.totals.projects.to_string(),
            mln(Some(e.totals.cost)),
            e.id.clone(),
        ]);
    }
    emit(&t.to_string());
}

pub fn edition(view: &indmap_api::EditionView, lang: &str, json: bool) {
    if json {
        return emit_json(view);
    }
    let e = &view.edition;
    emit(&format!("edition {} of {}: {} of {}, {}", e.number, e.map, e.act, e.date, e.body));
    let mut t = table(&["code", "name", "region", "cost, mln KZT", "jobs", "commissioning"]);
    for p in &view.projects {
        t.add_row(vec![
            p.code.clone().unwrap_or_default(),
            in_lang(&p.name, lang).to_owned(),
            p.region.clone(),
            mln(p.cost),
            p.jobs_permanent.map(|j| j.to_string()).unwrap_or_default(),
            p.commissioning_planned.clone().unwrap_or_default(),
        ]);
    }
    emit(&t.to_string());
    emit(&edition_totals(&e.totals));
}

/// A plan's value as the table shows it: money in mln KZT, the rest as written.
fn plan_value(kind: indmap_api::core::schema::Kind, value: &Value) -> String {
    let money = value.as_number().and_then(|n| indmap_api::core::Money::from_json(n).ok());
    match (kind, money) {
        (indmap_api::core::schema::Kind::Money, Some(m)) => format!("{} mln", mln(Some(m))),
        _ => value.as_str().map_or_else(|| compact_row(value), str::to_owned),
    }
}

pub fn edition_diff(d: &indmap_api::EditionDiff, lang: &str, json: bool) {
    if json {
        return emit_json(d);
    }
    emit(&format!(
        "from edition {} ({} of {}) to edition {} ({} of {}): {} added, {} excluded, {} changed",
        d.from.number,
        d.from.act,
        d.from.date,
        d.to.number,
        d.to.act,
        d.to.date,
        d.added.len(),
        d.excluded.len(),
        d.changed.len()
    ));
    let mut t = table(&["", "code", "name", "field", "before", "after"]);
    let name = |p: &indmap_api::EditionProject| in_lang(&p.name, lang).to_owned();
    for (sign, list) in [("+", &d.added), ("-", &d.excluded)] {
        for p in list {
            let code = p.code.clone().unwrap_or_default();
            t.add_row(vec![sign.to_owned(), code, name(p), String::new(), String::new(), String::new()]);
        }
    }
    for c in &d.changed {
        for change in &c.changes {
            t.add_row(vec![
                "~".to_owned(),
                c.project.code.clone().unwrap_or_default(),
                name(&c.project),
                format!("{} ({})", in_lang(&change.label, lang), change.field),
                plan_value(change.kind, &change.old),
                plan_value(change.kind, &change.new),
            ]);
        }
    }
    emit(&t.to_string());
    emit(&format!("before: {}", edition_totals(&d.from.totals)));
    emit(&format!("after:  {}", edition_totals(&d.to.totals)));
}

/// How the plan moved from its baseline, under the project's fields.
pub fn variance(v: &indmap_api::ProjectVariance, lang: &str) {
    let e = &v.edition;
    if v.drifts.is_empty() {
        return emit(&format!("as approved in edition {} ({} of {})", e.number, e.act, e.date));
    }
    emit(&format!("since edition {} ({} of {}):", e.number, e.act, e.date));
    let mut t = table(&["field", "approved", "now", "by"]);
    for d in &v.drifts {
        let label = in_lang(&d.label, lang);
        let name = d.row.as_ref().map_or_else(|| label.to_owned(), |row| format!("{row}: {label}"));
        let by = match (d.kind, d.by) {
            (_, None) => String::new(),
            (indmap_api::core::schema::Kind::Money, Some(b)) => {
                format!("{}{} mln", if b >= 0 { "+" } else { "" }, mln(Some(indmap_api::core::Money(b))))
            }
            (indmap_api::core::schema::Kind::Date, Some(b)) => format!("{b:+} days"),
            (_, Some(b)) => format!("{b:+}"),
        };
        t.add_row(vec![name, plan_value(d.kind, &d.baseline), plan_value(d.kind, &d.now), by]);
    }
    emit(&t.to_string());
}
