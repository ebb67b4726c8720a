//! Approved editions: their heads, each project's plan by fingerprint, and the plans, each kept
//! once. Nothing here changes an edition once written (the schema's triggers refuse it).

use crate::{Result, Store, StoreError, Writer};
use indmap_core::Scope;
use indmap_core::edition::{Act, EditionHead, EditionRecord, PlanTotals};
use indmap_core::version::Dot;
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;
use uuid::Uuid;

const HEAD: &str = "SELECT id, map, act_number, act_date, body, signatory, db_id, counter, at, user, projects, cost_tiyn, financing_tiyn, jobs_permanent, jobs_construction FROM editions";

fn head_from_row(r: &Row<'_>) -> Result<EditionHead> {
    let bad = |what: &str| StoreError::Constraint(format!("an edition's {what} cannot be read"));
    let uuid = |i: usize| -> Result<Uuid> { Uuid::parse_str(&r.get::<_, String>(i)?).map_err(|_| bad("id")) };
    let sum = |i: usize| -> Result<i128> { r.get::<_, String>(i)?.parse().map_err(|_| bad("totals")) };
    Ok(EditionHead {
        id: uuid(0)?,
        map: Scope::parse(&r.get::<_, String>(1)?).ok_or_else(|| bad("map"))?,
        act: Act {
            number: r.get(2)?,
            date: r.get::<_, String>(3)?.parse().map_err(|_| bad("date"))?,
            body: r.get(4)?,
            signatory: r.get(5)?,
        },
        approved: Dot { db: uuid(6)?, counter: r.get(7)? },
        at: r.get(8)?,
        user: r.get(9)?,
        totals: PlanTotals {
            projects: r.get::<_, i64>(10)? as usize,
            cost: sum(11)?,
            financing: sum(12)?,
            jobs_permanent: r.get::<_, i64>(13)? as u64,
            jobs_construction: r.get::<_, i64>(14)? as u64,
        },
    })
}

fn heads(conn: &Connection) -> Result<Vec<EditionHead>> {
    let mut stmt = conn.prepare_cached(HEAD)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(head_from_row(r)?);
    }
    indmap_core::edition::in_order(&mut out);
    Ok(out)
}

fn head(conn: &Connection, id: Uuid) -> Result<Option<EditionHead>> {
    let mut stmt = conn.prepare_cached(&format!("{HEAD} WHERE id = ?1"))?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(head_from_row).transpose()
}

fn plans_of(conn: &Connection, id: Uuid) -> Result<Vec<(Uuid, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT project_id, plan FROM edition_projects WHERE edition_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([id.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (project, hash) = row?;
        let project = Uuid::parse_str(&project)
            .map_err(|_| StoreError::Constraint("an edition's project id cannot be read".into()))?;
        out.push((project, hash));
    }
    Ok(out)
}

fn record(conn: &Connection, id: Uuid) -> Result<Option<EditionRecord>> {
    let Some(head) = head(conn, id)? else { return Ok(None) };
    Ok(Some(EditionRecord { head, plans: plans_of(conn, id)? }))
}

fn plan_texts(conn: &Connection, hashes: &[&str]) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT plan FROM edition_plans WHERE hash = ?1")?;
    let mut out = HashMap::with_capacity(hashes.len());
    for hash in hashes {
        if let Some(text) = stmt.query_row([hash], |r| r.get::<_, String>(0)).optional()? {
            out.insert((*hash).to_owned(), text);
        }
    }
    Ok(out)
}

impl Store {
    /// Every edition held here, of every map, in the order they were approved.
    pub fn editions(&self) -> Result<Vec<EditionHead>> {
        heads(&self.conn)
    }

    /// An edition's head and its projects' plans by fingerprint.
    pub fn edition(&self, id: Uuid) -> Result<Option<EditionRecord>> {
        record(&self.conn, id)
    }

    /// The text of a project's plan in an edition, if the edition has the project.
    pub fn edition_plan(&self, edition: Uuid, project: Uuid) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.plan FROM edition_projects e JOIN edition_plans p ON p.hash = e.plan WHERE e.edition_id = ?1 AND e.project_id = ?2",
        )?;
        Ok(stmt.query_row([edition.to_string(), project.to_string()], |r| r.get(0)).optional()?)
    }

    /// The texts of the plans with these fingerprints (those held).
    pub fn plan_texts(&self, hashes: &[&str]) -> Result<HashMap<String, String>> {
        plan_texts(&self.conn, hashes)
    }
}

impl Writer<'_> {
    /// As `Store::editions`, as this write sees them.
    pub fn editions(&self) -> Result<Vec<EditionHead>> {
        heads(&self.tx)
    }

    /// The edition with this id, as this write sees it.
    pub fn edition(&self, id: Uuid) -> Result<Option<EditionRecord>> {
        record(&self.tx, id)
    }

    /// Whether a plan with this fingerprint is held.
    pub fn has_plan(&self, hash: &str) -> Result<bool> {
        let mut stmt = self.tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM edition_plans WHERE hash = ?1)")?;
        Ok(stmt.query_row([hash], |r| r.get(0))?)
    }

    /// Writes a new edition: its head, its projects' plans by fingerprint, and the plans
    /// `texts` gives (by fingerprint) that are not held yet. Every plan it names must be held or
    /// given.
    pub fn put_edition(&mut self, edition: &EditionRecord, texts: &HashMap<String, String>) -> Result<()> {
        let h = &edition.head;
        self.tx.execute(
            "INSERT INTO editions (id, map, act_number, act_date, body, signatory, db_id, counter, at, user, projects, cost_tiyn, financing_tiyn, jobs_permanent, jobs_construction)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                h.id.to_string(),
                h.map.code(),
                h.act.number,
                h.act.date.to_string(),
                h.act.body,
                h.act.signatory,
                h.approved.db.to_string(),
                h.approved.counter,
                h.at,
                h.user,
                h.totals.projects as i64,
                h.totals.cost.to_string(),
                h.totals.financing.to_string(),
                h.totals.jobs_permanent as i64,
                h.totals.jobs_construction as i64,
            ],
        )?;
        let mut plan = self.tx.prepare_cached("INSERT OR IGNORE INTO edition_plans (hash, plan) VALUES (?1, ?2)")?;
        let mut entry = self.tx.prepare_cached(
            "INSERT INTO edition_projects (edition_id, position, project_id, plan) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let id = h.id.to_string();
        for (position, (project, hash)) in edition.plans.iter().enumerate() {
            if let Some(text) = texts.get(hash) {
                plan.execute([hash, text])?;
            }
            entry.execute(params![id, position as i64, project.to_string(), hash]).map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                    StoreError::Constraint(format!("edition {id} names a plan it does not carry, or a project twice"))
                }
                e => e.into(),
            })?;
        }
        Ok(())
    }
}
