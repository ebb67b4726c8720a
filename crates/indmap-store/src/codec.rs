//! Projects to rows and back. Each table's columns are listed once, as (name, value) pairs, and
//! both INSERT and UPDATE are built from that list.

use chrono::NaiveDate;
use geo::InteriorPoint;
use indmap_core::reference::{ActionStatus, Criterion, FinancingStatus, MapLevel, Status};
use indmap_core::*;
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, Row, params_from_iter};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) type Columns = Vec<(&'static str, Sql)>;

fn text<S: AsRef<str>>(v: Option<S>) -> Sql {
    v.map_or(Sql::Null, |s| Sql::Text(s.as_ref().to_owned()))
}
fn date(v: Option<NaiveDate>) -> Sql {
    text(v.map(|d| d.format("%Y-%m-%d").to_string()))
}
fn money(v: Option<Money>) -> Sql {
    v.map_or(Sql::Null, |m| Sql::Integer(m.minor()))
}
fn real(v: Option<f64>) -> Sql {
    v.map_or(Sql::Null, Sql::Real)
}
fn int(v: Option<u32>) -> Sql {
    v.map_or(Sql::Null, |n| Sql::Integer(n.into()))
}

fn project_columns(p: &Project) -> Columns {
    let point = p.location.as_ref().and_then(|g| g.interior_point());
    let geometry = p.location.as_ref().map(|g| geojson::Geometry::from(g).to_string());
    let criteria: Vec<&str> = p.criteria.iter().map(|c| c.code()).collect();
    vec![
        ("code", text(p.code.as_ref().map(|c| c.as_str()))),
        ("name_kk", text(Some(&p.name_kk))),
        ("name_ru", text(Some(&p.name_ru))),
        ("name_en", text(p.name_en.as_ref())),
        ("region", text(Some(p.region.as_str()))),
        ("district", text(p.district.as_ref())),
        ("settlement", text(p.settlement.as_ref())),
        ("zone", text(p.zone.as_ref())),
        ("geometry", text(geometry)),
        ("lon", real(point.map(|pt| pt.x()))),
        ("lat", real(point.map(|pt| pt.y()))),
        ("level", text(Some(p.level.code()))),
        ("status", text(Some(p.status.code()))),
        ("sector", text(p.sector.as_ref())),
        ("oked", text(p.oked.as_ref())),
        ("initiator", text(p.initiator.as_ref())),
        ("initiator_bin", text(p.initiator_bin.as_ref().map(|b| b.as_str()))),
        ("cost_tiyn", money(p.cost)),
        ("cost_currency", text(p.cost_original.as_ref().map(|c| &c.currency))),
        ("cost_original_minor", money(p.cost_original.as_ref().map(|c| c.amount))),
        ("cost_rate", real(p.cost_original.as_ref().map(|c| c.rate))),
        ("capacity_value", real(p.capacity.as_ref().map(|c| c.value))),
        ("capacity_unit", text(p.capacity.as_ref().map(|c| &c.unit))),
        ("capacity_product", text(p.capacity.as_ref().and_then(|c| c.product.as_ref()))),
        ("jobs_construction", int(p.jobs_construction)),
        ("jobs_permanent", int(p.jobs_permanent)),
        ("start_date", date(p.start_date)),
        ("commissioning_planned", date(p.commissioning_planned)),
        ("commissioning_actual", date(p.commissioning_actual)),
        ("design_capacity_date", date(p.design_capacity_date)),
        ("criteria", Sql::Text(criteria.join(","))),
        ("lc_labour_pct", real(p.local_content.labour_pct)),
        ("lc_goods_pct", real(p.local_content.goods_pct)),
        ("lc_expertise_date", date(p.local_content.expertise_date)),
        ("lc_expertise_ref", text(p.local_content.expertise_ref.as_ref())),
        ("responsible_body", text(p.responsible_body.as_ref())),
        ("inclusion_act", text(p.inclusion_act.as_ref())),
        ("inclusion_date", date(p.inclusion_date)),
        ("exclusion_act", text(p.exclusion_act.as_ref())),
        ("exclusion_date", date(p.exclusion_date)),
        ("exclusion_reason", text(p.exclusion_reason.as_ref())),
        ("problems", text(p.problems.as_ref())),
        ("notes", text(p.notes.as_ref())),
    ]
}

/// The child tables, each with its rows' columns (the row id and project id come first).
fn child_tables(p: &Project) -> Vec<(&'static str, Vec<(Uuid, Columns)>)> {
    vec![
        (
            "financing",
            p.financing
                .iter()
                .map(|f| {
                    (
                        f.id,
                        vec![
                            ("source", text(Some(&f.source))),
                            ("amount_tiyn", money(Some(f.amount))),
                            ("year", Sql::Integer(f.year.into())),
                            ("status", text(Some(f.status.code()))),
                            ("note", text(f.note.as_ref())),
                        ],
                    )
                })
                .collect(),
        ),
        (
            "milestones",
            p.milestones
                .iter()
                .map(|m| {
                    (
                        m.id,
                        vec![("name", text(Some(&m.name))), ("planned", date(m.planned)), ("actual", date(m.actual))],
                    )
                })
                .collect(),
        ),
        (
            "actions",
            p.actions
                .iter()
                .map(|a| {
                    (
                        a.id,
                        vec![
                            ("title", text(Some(&a.title))),
                            ("responsible", text(a.responsible.as_ref())),
                            ("due", date(a.due)),
                            ("status", text(Some(a.status.code()))),
                            ("done", date(a.done)),
                            ("note", text(a.note.as_ref())),
                        ],
                    )
                })
                .collect(),
        ),
        (
            "support_measures",
            p.support_measures
                .iter()
                .map(|s| {
                    (
                        s.id,
                        vec![
                            ("measure", Sql::Integer(s.measure.into())),
                            ("amount_tiyn", money(s.amount)),
                            ("note", text(s.note.as_ref())),
                        ],
                    )
                })
                .collect(),
        ),
        (
            "monitoring",
            p.monitoring
                .iter()
                .map(|m| {
                    (
                        m.id,
                        vec![
                            ("period", text(Some(&m.period))),
                            ("investment_tiyn", money(m.investment)),
                            ("progress_pct", real(m.progress_pct)),
                            ("jobs_created", int(m.jobs_created)),
                            ("output_tiyn", money(m.output)),
                            ("output_natural", real(m.output_natural)),
                            ("exports_usd_cents", money(m.exports_usd)),
                            ("utilisation_pct", real(m.utilisation_pct)),
                            ("taxes_tiyn", money(m.taxes)),
                            ("local_content_pct", real(m.local_content_pct)),
                            ("status", text(m.status.map(|s| s.code()))),
                            ("comment", text(m.comment.as_ref())),
                            ("reported_by", text(m.reported_by.as_ref())),
                            ("reported_on", date(m.reported_on)),
                        ],
                    )
                })
                .collect(),
        ),
    ]
}

fn insert(conn: &Connection, table: &str, columns: Columns) -> rusqlite::Result<()> {
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let marks = vec!["?"; names.len()].join(", ");
    let sql = format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", "));
    conn.prepare_cached(&sql)?.execute(params_from_iter(columns.into_iter().map(|(_, v)| v)))?;
    Ok(())
}

fn insert_rows(conn: &Connection, p: &Project) -> rusqlite::Result<()> {
    for (table, rows) in child_tables(p) {
        insert_list(conn, p.id, table, rows)?;
    }
    Ok(())
}

fn insert_list(conn: &Connection, project: Uuid, table: &str, rows: Vec<(Uuid, Columns)>) -> rusqlite::Result<()> {
    for (position, (id, mut columns)) in rows.into_iter().enumerate() {
        let mut head = vec![
            ("id", Sql::Text(id.to_string())),
            ("project_id", Sql::Text(project.to_string())),
            ("position", Sql::Integer(position as i64)),
        ];
        head.append(&mut columns);
        insert(conn, table, head)?;
    }
    Ok(())
}

pub(crate) fn insert_project(conn: &Connection, p: &Project, at: &str) -> crate::Result<()> {
    let mut columns = vec![("id", Sql::Text(p.id.to_string()))];
    columns.extend(project_columns(p));
    columns.push(("created_at", Sql::Text(at.into())));
    columns.push(("updated_at", Sql::Text(at.into())));
    insert(conn, "projects", columns).map_err(constraint)?;
    insert_rows(conn, p).map_err(constraint)
}

/// Rewrites the stored project `old` as `new`. Only the columns that differ are set, and a list
/// of rows equal in both is left as it is: an edit or an import usually changes a field or two
/// of a project with dozens of rows, and every column set is an index entry rewritten. `also`
/// (columns a project does not hold, like its tombstone's) goes into the same UPDATE: each
/// UPDATE rewrites the whole row.
pub(crate) fn update_project(
    conn: &Connection,
    old: &Project,
    new: &Project,
    at: &str,
    also: Columns,
) -> crate::Result<()> {
    let mut columns: Columns =
        project_columns(new).into_iter().zip(project_columns(old)).filter(|(n, o)| n != o).map(|(n, _)| n).collect();
    columns.push(("updated_at", Sql::Text(at.into())));
    columns.extend(also);
    let sets: Vec<String> = columns.iter().map(|(n, _)| format!("{n} = ?")).collect();
    let sql = format!("UPDATE projects SET {} WHERE id = ?", sets.join(", "));
    let values = columns.into_iter().map(|(_, v)| v).chain([Sql::Text(new.id.to_string())]);
    conn.prepare_cached(&sql)?.execute(params_from_iter(values)).map_err(constraint)?;
    if same_rows(old, new) {
        return Ok(());
    }
    for ((table, before), (_, after)) in child_tables(old).into_iter().zip(child_tables(new)) {
        if before != after {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE project_id = ?1"))?
                .execute([new.id.to_string()])?;
            insert_list(conn, new.id, table, after).map_err(constraint)?;
        }
    }
    Ok(())
}

/// Whether two versions of a project have the same rows, in the same order.
pub(crate) fn same_rows(a: &Project, b: &Project) -> bool {
    a.financing == b.financing
        && a.milestones == b.milestones
        && a.actions == b.actions
        && a.support_measures == b.support_measures
        && a.monitoring == b.monitoring
}

/// A constraint failure means validation let something through: say so plainly.
fn constraint(e: rusqlite::Error) -> crate::StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            crate::StoreError::Constraint(msg)
        }
        other => other.into(),
    }
}

// ---- reading ----

/// A row whose columns are found by name through a map made once per statement: rusqlite finds
/// a name among all the statement's columns each time a value is read by it.
struct Named<'a> {
    row: &'a Row<'a>,
    columns: &'a HashMap<String, usize>,
}

impl Named<'_> {
    fn columns(stmt: &rusqlite::Statement) -> HashMap<String, usize> {
        stmt.column_names().into_iter().enumerate().map(|(i, name)| (name.to_owned(), i)).collect()
    }

    fn get<T: rusqlite::types::FromSql>(&self, col: &str) -> rusqlite::Result<T> {
        match self.columns.get(col) {
            Some(&i) => self.row.get(i),
            None => self.row.get(col),
        }
    }
}

fn get_date(r: &Named, col: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let t: Option<String> = r.get(col)?;
    Ok(t.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
}
fn get_money(r: &Named, col: &str) -> rusqlite::Result<Option<Money>> {
    Ok(r.get::<Option<i64>>(col)?.map(Money))
}
fn get_uuid(r: &Named, col: &str) -> rusqlite::Result<Uuid> {
    parse_uuid(r.get(col)?)
}
fn parse_uuid(text: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}
fn get_code<T>(r: &Named, col: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let t: String = r.get(col)?;
    parse(&t).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown code {t:?} in {col}").into(),
        )
    })
}

fn project_from_row(r: &Named) -> rusqlite::Result<Project> {
    let region = get_code(r, "region", RegionCode::parse)?;
    let mut p = Project::new(get_uuid(r, "id")?, r.get("name_kk")?, r.get("name_ru")?, region);
    p.code = ProjectCode::parse(&r.get::<String>("code")?);
    p.name_en = r.get("name_en")?;
    p.district = r.get("district")?;
    p.settlement = r.get("settlement")?;
    p.zone = r.get("zone")?;
    p.location = r
        .get::<Option<String>>("geometry")?
        .and_then(|t| t.parse::<geojson::Geometry>().ok())
        .and_then(|g| geo::Geometry::<f64>::try_from(g).ok());
    p.level = get_code(r, "level", MapLevel::from_code)?;
    p.status = get_code(r, "status", Status::from_code)?;
    p.sector = r.get("sector")?;
    p.oked = r.get("oked")?;
    p.initiator = r.get("initiator")?;
    p.initiator_bin = r.get::<Option<String>>("initiator_bin")?.and_then(|b| Bin::parse(&b));
    p.cost = get_money(r, "cost_tiyn")?;
    p.cost_original = match (
        r.get::<Option<String>>("cost_currency")?,
        get_money(r, "cost_original_minor")?,
        r.get::<Option<f64>>("cost_rate")?,
    ) {
        (Some(currency), Some(amount), Some(rate)) => Some(OriginalCost { currency, amount, rate }),
        _ => None,
    };
    p.capacity = match (r.get::<Option<f64>>("capacity_value")?, r.get::<Option<String>>("capacity_unit")?) {
        (Some(value), Some(unit)) => Some(Capacity { value, unit, product: r.get("capacity_product")? }),
        _ => None,
    };
    p.jobs_construction = r.get("jobs_construction")?;
    p.jobs_permanent = r.get("jobs_permanent")?;
    p.start_date = get_date(r, "start_date")?;
    p.commissioning_planned = get_date(r, "commissioning_planned")?;
    p.commissioning_actual = get_date(r, "commissioning_actual")?;
    p.design_capacity_date = get_date(r, "design_capacity_date")?;
    p.criteria = r.get::<String>("criteria")?.split(',').filter_map(Criterion::from_code).collect();
    p.local_content = LocalContent {
        labour_pct: r.get("lc_labour_pct")?,
        goods_pct: r.get("lc_goods_pct")?,
        expertise_date: get_date(r, "lc_expertise_date")?,
        expertise_ref: r.get("lc_expertise_ref")?,
    };
    p.responsible_body = r.get("responsible_body")?;
    p.inclusion_act = r.get("inclusion_act")?;
    p.inclusion_date = get_date(r, "inclusion_date")?;
    p.exclusion_act = r.get("exclusion_act")?;
    p.exclusion_date = get_date(r, "exclusion_date")?;
    p.exclusion_reason = r.get("exclusion_reason")?;
    p.problems = r.get("problems")?;
    p.notes = r.get("notes")?;
    Ok(p)
}

/// The WHERE clause and parameters that narrow the projects table by the indexed parts of a
/// filter (of the live projects); the rest of the filter is applied in Rust by
/// `ProjectFilter::matches`.
fn prefilter(filter: &ProjectFilter) -> (String, Vec<Sql>) {
    let mut clauses = vec!["p.deleted_at IS NULL".to_owned()];
    let mut values = Vec::new();
    let mut any_of = |column: &str, items: Vec<String>| {
        if !items.is_empty() {
            clauses.push(format!("p.{column} IN ({})", vec!["?"; items.len()].join(", ")));
            values.extend(items.into_iter().map(Sql::Text));
        }
    };
    any_of("region", filter.regions.iter().map(|r| r.as_str().to_owned()).collect());
    any_of("level", filter.level.iter().map(|l| l.code().to_owned()).collect());
    any_of("status", filter.statuses.iter().map(|s| s.code().to_owned()).collect());
    any_of("sector", filter.sectors.clone());
    (clauses.join(" AND "), values)
}

/// A live project by id.
pub(crate) fn load_project(conn: &Connection, id: Uuid) -> crate::Result<Option<Project>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM projects p WHERE p.id = ?1 AND p.deleted_at IS NULL")?;
    let mut projects = read_projects(&mut stmt, [id.to_string()])?;
    if projects.is_empty() {
        return Ok(None);
    }
    attach_rows(conn, &mut projects, "p.id = ?", |_| Some(vec![Sql::Text(id.to_string())]))?;
    Ok(projects.pop())
}

/// The projects with these ids, deleted or not, in no particular order, with the rows of the
/// child lists `lists` names for each (given a project's id; all five when `None`): the lists
/// left out are empty.
pub(crate) fn load_projects_by_id(
    conn: &Connection,
    ids: &[Uuid],
    lists: impl Fn(Uuid) -> Option<Vec<&'static str>>,
) -> crate::Result<Vec<Project>> {
    let clause = "p.id IN (SELECT value FROM json_each(?))";
    let list = Sql::Text(crate::versions::json_ids(ids));
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM projects p WHERE {clause}"))?;
    let mut projects = read_projects(&mut stmt, [&list])?;
    let wanted: Vec<(Uuid, Option<Vec<&str>>)> = projects.iter().map(|p| (p.id, lists(p.id))).collect();
    attach_rows(conn, &mut projects, clause, |table| {
        let ids: Vec<Uuid> =
            wanted.iter().filter(|(_, l)| l.as_ref().is_none_or(|l| l.contains(&table))).map(|(id, _)| *id).collect();
        (!ids.is_empty()).then(|| vec![Sql::Text(crate::versions::json_ids(&ids))])
    })?;
    Ok(projects)
}

/// The `deleted` field's value of every deleted project (or of those with these ids).
pub(crate) fn deletions(conn: &Connection, only: Option<&[Uuid]>) -> crate::Result<HashMap<Uuid, serde_json::Value>> {
    // Two statements: `?1 IS NULL OR id IN ...` would make SQLite scan every project.
    let mut stmt = match only {
        Some(_) => conn.prepare_cached(
            "SELECT id, deletion FROM projects WHERE id IN (SELECT value FROM json_each(?1)) AND deletion IS NOT NULL",
        )?,
        None => conn.prepare_cached("SELECT id, deletion FROM projects WHERE deletion IS NOT NULL")?,
    };
    let args: Vec<String> = only.map(crate::versions::json_ids).into_iter().collect();
    let rows = stmt.query_map(params_from_iter(args), |r| Ok((parse_uuid(r.get(0)?)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, text) = row?;
        out.insert(id, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null));
    }
    Ok(out)
}

/// The live projects the indexed parts of the filter let through, by code.
pub(crate) fn load_projects(conn: &Connection, filter: &ProjectFilter) -> crate::Result<Vec<Project>> {
    let (clause, values) = prefilter(filter);
    let mut stmt = conn.prepare(&format!("SELECT * FROM projects p WHERE {clause} ORDER BY p.code"))?;
    let mut projects = read_projects(&mut stmt, params_from_iter(values.iter()))?;
    attach_rows(conn, &mut projects, &clause, |_| Some(values.clone()))?;
    Ok(projects)
}

/// The projects a `SELECT * FROM projects` statement gives, without their rows.
fn read_projects(stmt: &mut rusqlite::Statement, params: impl rusqlite::Params) -> crate::Result<Vec<Project>> {
    let columns = Named::columns(stmt);
    let mut rows = stmt.query(params)?;
    let mut projects = Vec::new();
    while let Some(row) = rows.next()? {
        projects.push(project_from_row(&Named { row, columns: &columns })?);
    }
    Ok(projects)
}

/// Loads the child rows of the projects selected by `clause`, one query per child table, with
/// the values `values` gives for the table (none: the table's rows are not wanted).
fn attach_rows(
    conn: &Connection,
    projects: &mut [Project],
    clause: &str,
    values: impl Fn(&'static str) -> Option<Vec<Sql>>,
) -> crate::Result<()> {
    let index: HashMap<Uuid, usize> = projects.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut each = |table: &'static str,
                    f: &mut dyn FnMut(&mut Project, &Named) -> rusqlite::Result<()>|
     -> crate::Result<()> {
        let Some(values) = values(table) else { return Ok(()) };
        let sql = format!(
            "SELECT c.* FROM {table} c JOIN projects p ON p.id = c.project_id WHERE {clause} ORDER BY c.project_id, c.position"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let columns = Named::columns(&stmt);
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(row) = rows.next()? {
            let row = Named { row, columns: &columns };
            if let Some(&i) = index.get(&get_uuid(&row, "project_id")?) {
                f(&mut projects[i], &row)?;
            }
        }
        Ok(())
    };
    each("financing", &mut |p, r| {
        p.financing.push(FinancingRow {
            id: get_uuid(r, "id")?,
            source: r.get("source")?,
            amount: Money(r.get("amount_tiyn")?),
            year: r.get("year")?,
            status: get_code(r, "status", FinancingStatus::from_code)?,
            note: r.get("note")?,
        });
        Ok(())
    })?;
    each("milestones", &mut |p, r| {
        p.milestones.push(Milestone {
            id: get_uuid(r, "id")?,
            name: r.get("name")?,
            planned: get_date(r, "planned")?,
            actual: get_date(r, "actual")?,
        });
        Ok(())
    })?;
    each("actions", &mut |p, r| {
        p.actions.push(ActionItem {
            id: get_uuid(r, "id")?,
            title: r.get("title")?,
            responsible: r.get("responsible")?,
            due: get_date(r, "due")?,
            status: get_code(r, "status", ActionStatus::from_code)?,
            done: get_date(r, "done")?,
            note: r.get("note")?,
        });
        Ok(())
    })?;
    each("support_measures", &mut |p, r| {
        p.support_measures.push(SupportReceived {
            id: get_uuid(r, "id")?,
            measure: r.get("measure")?,
            amount: get_money(r, "amount_tiyn")?,
            note: r.get("note")?,
        });
        Ok(())
    })?;
    each("monitoring", &mut |p, r| {
        p.monitoring.push(MonitoringReport {
            id: get_uuid(r, "id")?,
            period: r.get("period")?,
            investment: get_money(r, "investment_tiyn")?,
            progress_pct: r.get("progress_pct")?,
            jobs_created: r.get("jobs_created")?,
            output: get_money(r, "output_tiyn")?,
            output_natural: r.get("output_natural")?,
            exports_usd: get_money(r, "exports_usd_cents")?,
            utilisation_pct: r.get("utilisation_pct")?,
            taxes: get_money(r, "taxes_tiyn")?,
            local_content_pct: r.get("local_content_pct")?,
            status: r.get::<Option<String>>("status")?.as_deref().and_then(Status::from_code),
            comment: r.get("comment")?,
            reported_by: r.get("reported_by")?,
            reported_on: get_date(r, "reported_on")?,
        });
        Ok(())
    })?;
    Ok(())
}
