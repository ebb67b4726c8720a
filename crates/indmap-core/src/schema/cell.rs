//! Stored values, as the store's columns hold them.

/// A stored value, as the store's columns hold it (the store maps it to SQLite's values).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

/// Columns and their values, in the schema's order.
pub type Cells = Vec<(&'static str, Cell)>;

/// Where a record's stored values are read from (a row of the store), by column name.
pub trait CellSource {
    fn cell(&self, column: &str) -> Result<Cell, String>;
}
