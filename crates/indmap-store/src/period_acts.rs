//! The acts of the reporting cycle (submit, approve, unapprove, accept), each kept once and never
//! changed (the schema's triggers refuse it).

use crate::{Result, Store, StoreError, Writer};
use indmap_core::RegionCode;
use indmap_core::period_act::{PeriodAct, Step};
use indmap_core::version::Dot;
use rusqlite::{Connection, Row, params};
use uuid::Uuid;

const ACTS: &str = "SELECT id, region, period, step, reason, after, db_id, counter, at, user FROM period_acts";

fn act_from_row(r: &Row<'_>) -> Result<PeriodAct> {
    let bad = |what: &str| StoreError::Constraint(format!("an act of a reporting period: its {what} cannot be read"));
    let uuid = |i: usize| -> Result<Uuid> { Uuid::parse_str(&r.get::<_, String>(i)?).map_err(|_| bad("id")) };
    Ok(PeriodAct {
        id: uuid(0)?,
        region: RegionCode::parse(&r.get::<_, String>(1)?).ok_or_else(|| bad("region"))?,
        period: r.get(2)?,
        step: Step::parse(&r.get::<_, String>(3)?).ok_or_else(|| bad("step"))?,
        reason: r.get(4)?,
        after: r
            .get::<_, Option<String>>(5)?
            .map(|t| Uuid::parse_str(&t).map_err(|_| bad("predecessor")))
            .transpose()?,
        made: Dot { db: uuid(6)?, counter: r.get(7)? },
        at: r.get(8)?,
        user: r.get(9)?,
    })
}

/// The acts of one region's period, or of every period when `period` is none, or all of them.
fn acts(conn: &Connection, region: Option<RegionCode>, period: Option<&str>) -> Result<Vec<PeriodAct>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ACTS} WHERE (?1 IS NULL OR region = ?1) AND (?2 IS NULL OR period = ?2) ORDER BY region, period, at, id"
    ))?;
    let mut rows = stmt.query(params![region.map(|r| r.as_str().to_owned()), period])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(act_from_row(r)?);
    }
    Ok(out)
}

impl Store {
    /// The acts held of a region's periods (every region's when `region` is none; every
    /// period's when `period` is none).
    pub fn period_acts(&self, region: Option<RegionCode>, period: Option<&str>) -> Result<Vec<PeriodAct>> {
        acts(&self.conn, region, period)
    }
}

impl Writer<'_> {
    /// As `Store::period_acts`, as this write sees them.
    pub fn period_acts(&self, region: Option<RegionCode>, period: Option<&str>) -> Result<Vec<PeriodAct>> {
        acts(&self.tx, region, period)
    }

    /// The act with this id, if held.
    pub fn period_act(&self, id: Uuid) -> Result<Option<PeriodAct>> {
        let mut stmt = self.tx.prepare_cached(&format!("{ACTS} WHERE id = ?1"))?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(act_from_row).transpose()
    }

    /// Keeps an act, made here or taken from a file.
    pub fn put_period_act(&mut self, act: &PeriodAct) -> Result<()> {
        self.tx.execute(
            "INSERT INTO period_acts (id, region, period, step, reason, after, db_id, counter, at, user) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                act.id.to_string(),
                act.region.as_str(),
                act.period,
                act.step.code(),
                act.reason,
                act.after.map(|a| a.to_string()),
                act.made.db.to_string(),
                act.made.counter,
                act.at,
                act.user,
            ],
        )?;
        Ok(())
    }
}
