//! A record declared with `record!`: the trait every project record implements, and the macro
//! that implements it from one line per field.

use super::cell::{CellSource, Cells};
use super::entity::Entity;
use super::field::FieldSpec;
use super::json::Reader;
use serde_json::{Map, Value};
use uuid::Uuid;

/// A record declared with `record!`: a project or a row of one of its lists.
pub trait Record: Sized {
    const ENTITY: Entity;
    /// Every field the schema describes, in order.
    const FIELDS: &'static [FieldSpec];
    fn id(&self) -> Uuid;
    /// A record with every field unknown or at its default; a required field holds a stand-in
    /// (empty text, zero) that the maker must replace.
    fn blank(id: Uuid) -> Self;
    /// Writes every field as a Feature property (unknown values as `null`).
    fn write_json(&self, out: &mut Map<String, Value>);
    /// Reads every field from an object of properties; `None` when a required one could not
    /// be read (each problem is recorded in the reader). Fields the schema does not describe
    /// (a project's location and rows) are left empty for the caller to fill.
    fn read_json(r: &mut Reader, id: Uuid) -> Option<Self>;
    /// Every described field as the store's columns.
    fn cells(&self) -> Cells;
    /// Reads the described fields back from the store's columns.
    fn from_cells(row: &dyn CellSource, id: Uuid) -> Result<Self, String>;
}

/// Declares a record: the struct, and its `Record` impl from one line per field:
/// `name: Type as Codec = "property", COLUMNS, ["kk", "ru", "en"];` where COLUMNS is the store
/// column (or an array of them, for a codec of several). Fields after `rest` are the record's
/// own business (a location, rows) and are left at their default by the readers.
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($entity:ident) {
            $(#[$id_meta:meta])* pub id: Uuid,
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty as $codec:ty = $prop:literal, $cols:tt, [$kk:literal, $ru:literal, $en:literal];
            )*
            rest {
                $( $(#[$rmeta:meta])* pub $rest:ident : $rty:ty, )*
            }
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(#[$id_meta])* pub id: ::uuid::Uuid,
            $( $(#[$fmeta])* pub $field: $ty, )*
            $( $(#[$rmeta])* pub $rest: $rty, )*
        }

        impl $crate::schema::Record for $name {
            const ENTITY: $crate::schema::Entity = $crate::schema::Entity::$entity;
            const FIELDS: &'static [$crate::schema::FieldSpec] = &[$(
                $crate::schema::FieldSpec {
                    name: $prop,
                    entity: $crate::schema::Entity::$entity,
                    kind: <$codec as $crate::schema::Codec>::KIND,
                    ts: <$codec as $crate::schema::Codec>::TS,
                    blank: <$codec as $crate::schema::Codec>::blank,
                    code_named: <$codec as $crate::schema::Codec>::code_named,
                    code_label: <$codec as $crate::schema::Codec>::code_label,
                    columns: &$crate::schema::columns!($cols),
                    label_kk: $kk,
                    label_ru: $ru,
                    label_en: $en,
                },
            )*];

            fn id(&self) -> ::uuid::Uuid {
                self.id
            }

            fn blank(id: ::uuid::Uuid) -> Self {
                $name {
                    id,
                    $( $field: <$codec as $crate::schema::Codec>::placeholder(), )*
                    $( $rest: Default::default(), )*
                }
            }

            fn write_json(&self, out: &mut ::serde_json::Map<String, ::serde_json::Value>) {
                $( out.insert($prop.into(), <$codec as $crate::schema::Codec>::json(&self.$field)); )*
            }

            fn read_json(r: &mut $crate::schema::Reader, id: ::uuid::Uuid) -> Option<Self> {
                // Every field is read before any is found missing, so every problem is told.
                $( let $field = <$codec as $crate::schema::Codec>::read(r, $prop)
                    .or_else(<$codec as $crate::schema::Codec>::fallback); )*
                Some($name { id, $( $field: $field?, )* $( $rest: Default::default(), )* })
            }

            fn cells(&self) -> $crate::schema::Cells {
                let mut out = Vec::new();
                $( <$codec as $crate::schema::Codec>::cells(&self.$field, &$crate::schema::columns!($cols), &mut out); )*
                out
            }

            fn from_cells(row: &dyn $crate::schema::CellSource, id: ::uuid::Uuid) -> Result<Self, String> {
                Ok($name {
                    id,
                    $( $field: <$codec as $crate::schema::Codec>::from_cells(row, &$crate::schema::columns!($cols))?, )*
                    $( $rest: Default::default(), )*
                })
            }
        }
    };
}

/// A field's store columns as an array: one column or several.
#[doc(hidden)]
#[macro_export]
macro_rules! columns {
    ([$($c:literal),+]) => { [$($c),+] };
    ($c:literal) => { [$c] };
}

/// The properties of one record as a JSON object (what a Feature or a row of it carries).
pub fn record_json<R: Record>(record: &R) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("id".into(), Value::String(record.id().to_string()));
    record.write_json(&mut out);
    out
}
