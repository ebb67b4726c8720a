//! Project codes as stored: the sequences codes are issued from, and the projects that claim a
//! code (two may, see `indmap_core::code_clash`).

use crate::Result;
use indmap_core::ProjectCode;
use indmap_core::code_clash::Claim;
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

/// The code after the last one issued or seen under a prefix.
pub(crate) fn next_free(conn: &Connection, prefix: &str) -> Result<ProjectCode> {
    let last: i64 = conn
        .query_row("SELECT last FROM code_sequences WHERE prefix = ?1", [prefix], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    Ok(ProjectCode::new(prefix, (last + 1) as u32))
}

/// Every project, live or deleted, that carries `code`.
pub(crate) fn claims(conn: &Connection, code: &ProjectCode) -> Result<Vec<Claim>> {
    read(conn, "SELECT id, code, deleted_at IS NULL FROM projects WHERE code = ?1", [code.as_str()])
}

/// The live projects that carry a code another live project carries too.
pub(crate) fn contested(conn: &Connection) -> Result<Vec<Claim>> {
    read(
        conn,
        "SELECT id, code, 1 FROM projects WHERE deleted_at IS NULL AND code IN
           (SELECT code FROM projects WHERE deleted_at IS NULL GROUP BY code HAVING count(*) > 1)",
        [],
    )
}

fn read(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))?;
    let mut claims = Vec::new();
    for row in rows {
        let (id, code, live) = row?;
        if let (Ok(project), Some(code)) = (Uuid::parse_str(&id), ProjectCode::parse(&code)) {
            claims.push(Claim { project, code, live });
        }
    }
    Ok(claims)
}
