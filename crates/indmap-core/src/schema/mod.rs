//! The one description of a project's fields. Each record (the project, and each kind of row it
//! holds) is declared once with `record!`: per field its Rust type, how it reads and writes
//! (its `Codec`), its property name in Features, the log and messages, its store column and its
//! label in kk/ru/en. The GeoJSON reader and writer, the store's columns, the list of known
//! properties and the labels of printouts and the window are all derived from that declaration,
//! so a new scalar field is one line there (and a migration adding its column).

pub mod codec;
mod json;

pub use codec::Codec;
pub use json::Reader;

use crate::reference::Label;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The kinds of records a project is made of: its own record and the rows of its child lists.
/// They sort by name, as the log, the merge and exchange files have always ordered records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Project,
    Financing,
    Milestones,
    Actions,
    SupportMeasures,
    Monitoring,
}

impl Entity {
    pub const ALL: [Entity; 6] = [
        Entity::Project,
        Entity::Financing,
        Entity::Milestones,
        Entity::Actions,
        Entity::SupportMeasures,
        Entity::Monitoring,
    ];

    /// The lists of rows a project holds, each a table of its own in the store.
    pub const LISTS: [Entity; 5] =
        [Entity::Financing, Entity::Milestones, Entity::Actions, Entity::SupportMeasures, Entity::Monitoring];

    /// The name records, files and the log use: `project`, or the child list (`financing`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Entity::Project => "project",
            Entity::Financing => "financing",
            Entity::Milestones => "milestones",
            Entity::Actions => "actions",
            Entity::SupportMeasures => "support_measures",
            Entity::Monitoring => "monitoring",
        }
    }

    pub fn parse(name: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// How people name a record of this kind (a list's heading).
    pub fn label(self) -> Label {
        let (kk, ru, en) = match self {
            Entity::Project => ("Жоба", "Проект", "Project"),
            Entity::Financing => ("Қаржыландыру жоспары", "План финансирования", "Financing plan"),
            Entity::Milestones => ("Кезеңдер", "Этапы", "Milestones"),
            Entity::Actions => ("Іс-шаралар", "Мероприятия", "Action plan items"),
            Entity::SupportMeasures => (
                "Алынған қолдау шаралары (20-бап 2-т.)",
                "Полученные меры поддержки (ст. 20 п. 2)",
                "Support measures received (Art. 20 p.2)",
            ),
            Entity::Monitoring => ("Мониторинг есептері", "Отчёты мониторинга", "Monitoring reports"),
        };
        Label::new(kk, ru, en)
    }

    /// The window's name for the properties of a record of this kind.
    pub fn ts_type(self) -> &'static str {
        match self {
            Entity::Project => "ProjectProperties",
            Entity::Financing => "FinancingProperties",
            Entity::Milestones => "MilestoneProperties",
            Entity::Actions => "ActionProperties",
            Entity::SupportMeasures => "SupportProperties",
            Entity::Monitoring => "MonitoringProperties",
        }
    }
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Ord for Entity {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Entity {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// What kind of value a field holds, as front ends box and format it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Text,
    /// A code of a closed or editable list, shown by its label.
    Code,
    Date,
    /// An amount of money in tenge (in minor units in the store).
    Money,
    /// A whole number, 0 or more.
    Count,
    Year,
    Number,
    /// A structured value (an object or a list), shown as a whole.
    Structured,
}

/// One field of a record, as the schema describes it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FieldSpec {
    /// The property name: in Features, the change log, exchange files and messages.
    pub name: &'static str,
    pub entity: Entity,
    pub kind: Kind,
    /// The store's column(s) for the field, in order.
    #[serde(skip)]
    pub columns: &'static [&'static str],
    /// The value's type in TypeScript.
    #[serde(skip)]
    pub ts: &'static str,
    /// What a new record holds in the field.
    #[serde(skip)]
    pub blank: fn() -> Value,
    pub label_kk: &'static str,
    pub label_ru: &'static str,
    pub label_en: &'static str,
}

impl FieldSpec {
    pub fn label(&self) -> Label {
        Label::new(self.label_kk, self.label_ru, self.label_en)
    }
}

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

pub use crate::columns;

/// The properties of one record as a JSON object (what a Feature or a row of it carries).
pub fn record_json<R: Record>(record: &R) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("id".into(), Value::String(record.id().to_string()));
    record.write_json(&mut out);
    out
}

/// `ui/src/generated/schema.ts`: the properties of each record as TypeScript types, and every
/// field with its kind and labels, so the window names fields as the printouts do.
pub fn typescript(fields: &[&FieldSpec]) -> String {
    let mut out = String::from("// Made from the schema in crates/indmap-core/src/project.rs; do not edit.\n\n");
    for entity in Entity::ALL {
        let mut members = vec!["id: string | null".to_owned()];
        members.extend(fields.iter().filter(|f| f.entity == entity).map(|f| format!("{}: {}", f.name, f.ts)));
        if entity == Entity::Project {
            members.extend(Entity::LISTS.map(|l| format!("{}: Array<{}>", l.as_str(), l.ts_type())));
        }
        out += &format!("export type {} = {{ {} }};\n\n", entity.ts_type(), members.join(", "));
    }
    out += "export type FieldKind = \"text\" | \"code\" | \"date\" | \"money\" | \"count\" | \"year\" | \"number\" | \"structured\";\n\n";
    out += "export interface FieldInfo {\n  name: string;\n  entity: string;\n  kind: FieldKind;\n  label_kk: string;\n  label_ru: string;\n  label_en: string;\n  /** What a new record holds in the field. */\n  blank: unknown;\n}\n\n";
    out += "/** Each kind of record with its label: the project, and each list of its rows. */\nexport const ENTITIES: readonly { entity: string; label: { kk: string; ru: string; en: string } }[] = [\n";
    for entity in Entity::ALL {
        let label = serde_json::to_string(&entity.label()).expect("a label serializes");
        out += &format!("  {{ \"entity\": \"{}\", \"label\": {label} }},\n", entity.as_str());
    }
    out += "];\n\n";
    out += "/** Every field of every record, as the schema describes it. */\nexport const FIELDS: readonly FieldInfo[] = [\n";
    for f in fields {
        let mut info = serde_json::to_value(f).expect("a field serializes");
        info["blank"] = (f.blank)();
        out += &format!("  {info},\n");
    }
    out += "];\n";
    out
}
