//! Receipts of the exchange files this database wrote: a region's record of what it sent, and
//! when, so a planner can answer "did the third quarter reach the ministry?".

use crate::{Result, Store};
use rusqlite::params;
use serde::Serialize;

/// One exchange file written here.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReceipt {
    /// Where the file was written.
    pub file_name: String,
    pub sha256: String,
    /// When, as the file's manifest says (RFC 3339, UTC).
    pub exported_at: String,
    pub user: String,
    /// The scope a file of changes was made for (`ministry`, `region:35`); none for a whole map.
    pub for_scope: Option<String>,
    /// The region the file was limited to, by KATO prefix; none for the whole map.
    pub region: Option<String>,
    pub projects: usize,
    pub editions: usize,
    /// The reporting periods whose reports the file carries, in order.
    pub periods: Vec<String>,
}

impl Store {
    /// Keeps the receipt of a file written: one row, in a statement of its own (an export reads
    /// in a snapshot and changes nothing else, so this is the whole of its write).
    pub fn record_export(&self, receipt: &ExportReceipt) -> Result<()> {
        self.conn.execute(
            "INSERT INTO exports (file_name, sha256, exported_at, user, for_scope, region, projects, editions, periods) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                receipt.file_name,
                receipt.sha256,
                receipt.exported_at,
                receipt.user,
                receipt.for_scope,
                receipt.region,
                receipt.projects as i64,
                receipt.editions as i64,
                serde_json::to_string(&receipt.periods).unwrap_or_else(|_| "[]".into()),
            ],
        )?;
        Ok(())
    }

    /// Every file this database wrote, the latest first.
    pub fn exports(&self) -> Result<Vec<ExportReceipt>> {
        let mut stmt = self.conn.prepare(
            "SELECT file_name, sha256, exported_at, user, for_scope, region, projects, editions, periods FROM exports ORDER BY exported_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ExportReceipt {
                file_name: r.get(0)?,
                sha256: r.get(1)?,
                exported_at: r.get(2)?,
                user: r.get(3)?,
                for_scope: r.get(4)?,
                region: r.get(5)?,
                projects: r.get::<_, i64>(6)? as usize,
                editions: r.get::<_, i64>(7)? as usize,
                // The schema checks the text is JSON; anything but a list of text reads as none.
                periods: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
