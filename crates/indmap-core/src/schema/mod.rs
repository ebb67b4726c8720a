//! The one description of a project's fields. Each record (the project, and each kind of row it
//! holds) is declared once with `record!`: per field its Rust type, how it reads and writes
//! (its `Codec`), its property name in Features, the log and messages, its store column and its
//! label in kk/ru/en. The GeoJSON reader and writer, the store's columns, the list of known
//! properties and the labels of printouts and the window are all derived from that declaration,
//! so a new scalar field is one line there (and a migration adding its column).

mod cell;
pub mod codec;
mod entity;
mod field;
mod json;
mod record;
mod typescript;

pub use crate::columns;
pub use cell::{Cell, CellSource, Cells};
pub use codec::Codec;
pub use entity::Entity;
pub use field::{FieldSpec, Kind};
pub use json::{MAX_TEXT_CHARS, Reader};
pub use record::{Record, record_json};
pub use typescript::typescript;
