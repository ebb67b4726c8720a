//! The editable reference lists (sectors, financing sources), seeded from the domain's defaults.

use indmap_core::reference::{Label, ReferenceItem, default_financing_sources, default_sectors};
use rusqlite::{Connection, params};

/// The reference lists users may edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceList {
    Sectors,
    FinancingSources,
}

impl ReferenceList {
    pub(crate) fn table(self) -> &'static str {
        match self {
            ReferenceList::Sectors => "sectors",
            ReferenceList::FinancingSources => "financing_sources",
        }
    }
}

pub(crate) fn seed(conn: &Connection) -> rusqlite::Result<()> {
    for (table, items) in [("sectors", default_sectors()), ("financing_sources", default_financing_sources())] {
        for (position, item) in items.iter().enumerate() {
            conn.execute(
                &format!("INSERT INTO {table} (code, name_kk, name_ru, name_en, position) VALUES (?1, ?2, ?3, ?4, ?5)"),
                params![item.code, item.label.kk, item.label.ru, item.label.en, position as i64],
            )?;
        }
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, table: &str) -> crate::Result<Vec<ReferenceItem>> {
    let mut stmt =
        conn.prepare(&format!("SELECT code, name_kk, name_ru, name_en FROM {table} ORDER BY position, code"))?;
    let rows = stmt.query_map([], |r| {
        Ok(ReferenceItem { code: r.get(0)?, label: Label { kk: r.get(1)?, ru: r.get(2)?, en: r.get(3)? } })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds the item at the end of its list, or relabels it where it stands.
pub(crate) fn put(conn: &Connection, table: &str, item: &ReferenceItem) -> crate::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO {table} (code, name_kk, name_ru, name_en, position)
             VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), -1) + 1 FROM {table}))
             ON CONFLICT (code) DO UPDATE SET name_kk = excluded.name_kk, name_ru = excluded.name_ru, name_en = excluded.name_en"
        ),
        params![item.code, item.label.kk, item.label.ru, item.label.en],
    )?;
    Ok(())
}
