//! Projects to rows and back. The columns of each table are the schema's (`indmap_core`'s
//! `project.rs`), plus the project's location; both INSERT and UPDATE are built from that list.

use geo::InteriorPoint;
use indmap_core::schema::{Cell, CellSource, Cells, Record};
use indmap_core::*;
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, Row, params_from_iter};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) type Columns = Vec<(&'static str, Sql)>;

fn sql(cells: Cells) -> Columns {
    cells
        .into_iter()
        .map(|(column, cell)| {
            let value = match cell {
                Cell::Null => Sql::Null,
                Cell::Integer(n) => Sql::Integer(n),
                Cell::Real(x) => Sql::Real(x),
                Cell::Text(t) => Sql::Text(t),
            };
            (column, value)
        })
        .collect()
}

fn project_columns(p: &Project) -> Columns {
    let point = p.location.as_ref().and_then(|g| g.interior_point());
    let geometry = p.location.as_ref().map(|g| geojson::Geometry::from(g).to_string());
    let mut columns = sql(p.cells());
    columns.push(("geometry", geometry.map_or(Sql::Null, Sql::Text)));
    columns.push(("lon", point.map_or(Sql::Null, |pt| Sql::Real(pt.x()))));
    columns.push(("lat", point.map_or(Sql::Null, |pt| Sql::Real(pt.y()))));
    columns
}

type Table = (&'static str, Vec<(Uuid, Columns)>);

/// One child table: its name and its rows' columns (the row id and project id come first).
fn table<R: Record>(rows: &[R]) -> Table {
    (R::ENTITY.as_str(), rows.iter().map(|r| (r.id(), sql(r.cells()))).collect())
}

fn child_tables(p: &Project) -> [Table; 5] {
    [table(&p.financing), table(&p.milestones), table(&p.actions), table(&p.support_measures), table(&p.monitoring)]
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

/// A row whose columns are found by name: the schema reads a record's fields in about the order
/// of the table's columns, so the column after the last one found is tried first, then the
/// others (rusqlite would compare the name with every column, a hash costs as much).
struct Named<'a> {
    row: &'a Row<'a>,
    columns: &'a [String],
    next: std::cell::Cell<usize>,
}

impl<'a> Named<'a> {
    fn new(row: &'a Row<'a>, columns: &'a [String]) -> Named<'a> {
        Named { row, columns, next: std::cell::Cell::new(0) }
    }

    fn columns(stmt: &rusqlite::Statement) -> Vec<String> {
        stmt.column_names().into_iter().map(str::to_owned).collect()
    }

    fn index(&self, col: &str) -> Option<usize> {
        let hint = self.next.get();
        let found = if self.columns.get(hint).is_some_and(|c| c == col) {
            Some(hint)
        } else {
            self.columns.iter().position(|c| c == col)
        };
        if let Some(i) = found {
            self.next.set(i + 1);
        }
        found
    }

    fn get<T: rusqlite::types::FromSql>(&self, col: &str) -> rusqlite::Result<T> {
        match self.index(col) {
            Some(i) => self.row.get(i),
            None => self.row.get(col),
        }
    }
}

impl CellSource for Named<'_> {
    fn cell(&self, column: &str) -> Result<Cell, String> {
        let value = match self.index(column) {
            Some(i) => self.row.get_ref(i),
            None => self.row.get_ref(column),
        };
        Ok(match value.map_err(|e| e.to_string())? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(n) => Cell::Integer(n),
            ValueRef::Real(x) => Cell::Real(x),
            // What the store wrote is UTF-8; the lossy path only for a file damaged outside.
            ValueRef::Text(t) => Cell::Text(match std::str::from_utf8(t) {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(t).into_owned(),
            }),
            ValueRef::Blob(_) => return Err(format!("{column} holds a blob")),
        })
    }
}

fn get_uuid(r: &Named, col: &str) -> rusqlite::Result<Uuid> {
    parse_uuid(r.get(col)?)
}
fn parse_uuid(text: String) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// A record read back from its row by the schema's columns.
fn record<R: Record>(r: &Named) -> rusqlite::Result<R> {
    R::from_cells(r, get_uuid(r, "id")?)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into()))
}

fn project_from_row(r: &Named) -> rusqlite::Result<Project> {
    let mut p: Project = record(r)?;
    p.location = r
        .get::<Option<String>>("geometry")?
        .and_then(|t| t.parse::<geojson::Geometry>().ok())
        .and_then(|g| geo::Geometry::<f64>::try_from(g).ok());
    Ok(p)
}

/// The clause of the live projects, all of them.
const LIVE: &str = "p.deleted_at IS NULL";

/// The WHERE clause and parameters that narrow the projects table by the indexed parts of a
/// filter (of the live projects); the rest of the filter is applied in Rust by
/// `ProjectFilter::matches`.
fn prefilter(filter: &ProjectFilter) -> (String, Vec<Sql>) {
    let mut clauses = vec![LIVE.to_owned()];
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
    // Every live project: one pass over the table beats the index on `deleted_at`, which
    // SQLite would choose and then look every row up by (a third faster for the whole map).
    let table = if clause == LIVE { "projects p NOT INDEXED" } else { "projects p" };
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {clause}"))?;
    let mut projects = read_projects(&mut stmt, params_from_iter(values.iter()))?;
    // By code, as SQLite's ORDER BY would (no code first, then byte order), but without its
    // sorter copying every whole row: a tenth of a national read.
    projects.sort_by(|a, b| a.code.as_ref().map(|c| c.as_str()).cmp(&b.code.as_ref().map(|c| c.as_str())));
    attach_rows(conn, &mut projects, &clause, |_| Some(values.clone()))?;
    Ok(projects)
}

/// The projects a `SELECT * FROM projects` statement gives, without their rows.
fn read_projects(stmt: &mut rusqlite::Statement, params: impl rusqlite::Params) -> crate::Result<Vec<Project>> {
    let columns = Named::columns(stmt);
    let mut rows = stmt.query(params)?;
    let mut projects = Vec::new();
    while let Some(row) = rows.next()? {
        projects.push(project_from_row(&Named::new(row, &columns))?);
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
    let rows = Rows { conn, clause, index: &index, values: &values };
    rows.attach(projects, |p| &mut p.financing)?;
    rows.attach(projects, |p| &mut p.milestones)?;
    rows.attach(projects, |p| &mut p.actions)?;
    rows.attach(projects, |p| &mut p.support_measures)?;
    rows.attach(projects, |p| &mut p.monitoring)
}

/// What `attach_rows` reads the child tables with.
struct Rows<'a> {
    conn: &'a Connection,
    clause: &'a str,
    index: &'a HashMap<Uuid, usize>,
    values: &'a dyn Fn(&'static str) -> Option<Vec<Sql>>,
}

impl Rows<'_> {
    /// Appends the rows of one child table to the list `list` picks out of each project.
    fn attach<R: Record>(&self, projects: &mut [Project], list: fn(&mut Project) -> &mut Vec<R>) -> crate::Result<()> {
        let table = R::ENTITY.as_str();
        let Some(values) = (self.values)(table) else { return Ok(()) };
        // No ORDER BY: SQLite would sort every row of the table in a temporary B-tree; each
        // project's few rows are put in their order here instead.
        let sql = format!("SELECT c.* FROM {table} c JOIN projects p ON p.id = c.project_id WHERE {}", self.clause);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let columns = Named::columns(&stmt);
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        let mut staged: Vec<Vec<(i64, R)>> = std::iter::repeat_with(Vec::new).take(projects.len()).collect();
        while let Some(row) = rows.next()? {
            let row = Named::new(row, &columns);
            if let Some(&i) = self.index.get(&get_uuid(&row, "project_id")?) {
                staged[i].push((row.get("position")?, record(&row)?));
            }
        }
        for (project, mut rows) in projects.iter_mut().zip(staged) {
            rows.sort_by_key(|(position, _)| *position);
            list(project).extend(rows.into_iter().map(|(_, r)| r));
        }
        Ok(())
    }
}
