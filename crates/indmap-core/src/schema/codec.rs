//! How each kind of field reads from a Feature, writes to one, and is kept in the store's
//! columns. A codec is named in a record's declaration beside the field's type; the rules and
//! messages of reading live here once, for every field of that kind.

use super::{Cell, CellSource, Cells, Kind, Reader};
use crate::Rule;
use crate::ident::{Bin, ProjectCode, RegionCode};
use crate::money::Money;
use crate::reference::CodeList;
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::marker::PhantomData;

/// How one kind of field is read, written and stored.
pub trait Codec {
    type Value;
    const KIND: Kind;
    /// The value's type in TypeScript, as the window receives it in a Feature's properties.
    const TS: &'static str;
    /// The property `key`; `None` when it is absent or could not be read (then a problem is
    /// recorded in the reader, unless absence is allowed).
    fn read(r: &mut Reader, key: &str) -> Option<Self::Value>;
    /// The value a field takes when its property is absent or unreadable; `None` when the field
    /// is required, so the record cannot be read without it.
    fn fallback() -> Option<Self::Value>;
    /// What a record made in code holds until it is given a value: the fallback, or for a
    /// required field a stand-in the maker replaces (`Record::blank`).
    fn placeholder() -> Self::Value;
    fn json(v: &Self::Value) -> Value;
    /// What a new record holds in the field before anyone fills it: the fallback, or for a
    /// required field an empty text or zero for the person to replace.
    fn blank() -> Value {
        match Self::fallback() {
            Some(v) => Self::json(&v),
            None if Self::TS == "number" => json!(0),
            None => json!(""),
        }
    }
    fn cells(v: &Self::Value, columns: &[&'static str], out: &mut Cells);
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Self::Value, String>;
    /// For a code of a closed list, the code a person wrote by its label (`Строительство`).
    fn code_named(_text: &str) -> Option<&'static str> {
        None
    }
    /// For a code of a closed list, its label (`construction` is `Строительство`).
    fn code_label(_code: &str) -> Option<crate::reference::Label> {
        None
    }
}

pub(crate) fn text_cell(s: Option<&str>) -> Cell {
    s.map_or(Cell::Null, |s| Cell::Text(s.to_owned()))
}

pub(crate) fn cell_text(row: &dyn CellSource, column: &str) -> Result<Option<String>, String> {
    match row.cell(column)? {
        Cell::Null => Ok(None),
        Cell::Text(t) => Ok(Some(t)),
        other => Err(format!("{column} holds {other:?}, not text")),
    }
}

pub(crate) fn cell_int(row: &dyn CellSource, column: &str) -> Result<Option<i64>, String> {
    match row.cell(column)? {
        Cell::Null => Ok(None),
        Cell::Integer(n) => Ok(Some(n)),
        other => Err(format!("{column} holds {other:?}, not a whole number")),
    }
}

pub(crate) fn cell_real(row: &dyn CellSource, column: &str) -> Result<Option<f64>, String> {
    match row.cell(column)? {
        Cell::Null => Ok(None),
        Cell::Real(x) => Ok(Some(x)),
        Cell::Integer(n) => Ok(Some(n as f64)),
        other => Err(format!("{column} holds {other:?}, not a number")),
    }
}

fn required<T>(v: Option<T>, column: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("{column} is empty"))
}

/// A measured number; whole values are written as integers, as a person or spreadsheet writes
/// them, so `240000` read from a file is written back as `240000`, not `240000.0`.
pub fn number_json(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
        None => Value::Null,
    }
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

/// Declares a codec of a field that may be unknown (`Option<T>`; absent reads as `None`).
macro_rules! optional_codec {
    ($(#[$m:meta])* $name:ident: $t:ty, $kind:ident, $ts:literal,
     read($r:ident, $key:ident) $read:block,
     json($v:ident) $json:block,
     cell($c:ident) $cell:block,
     from($row:ident, $col:ident) $from:block) => {
        $(#[$m])*
        pub struct $name;
        impl Codec for $name {
            type Value = Option<$t>;
            const KIND: Kind = Kind::$kind;
            const TS: &'static str = concat!($ts, " | null");
            fn read($r: &mut Reader, $key: &str) -> Option<Option<$t>> {
                ($read).map(Some)
            }
            fn fallback() -> Option<Option<$t>> {
                Some(None)
            }
            fn placeholder() -> Option<$t> {
                None
            }
            fn json(v: &Option<$t>) -> Value {
                match v {
                    Some($v) => $json,
                    None => Value::Null,
                }
            }
            fn cells(v: &Option<$t>, columns: &[&'static str], out: &mut Cells) {
                out.push((columns[0], match v { Some($c) => $cell, None => Cell::Null }));
            }
            fn from_cells($row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<$t>, String> {
                let $col = columns[0];
                $from
            }
        }
    };
}

/// Free text; blank text is unknown. `Text<true>` (`ListCode`) is a code of an editable list (a
/// sector), kept as text and shown by its label.
pub struct Text<const CODE: bool = false>;
pub type ListCode = Text<true>;

impl<const CODE: bool> Codec for Text<CODE> {
    type Value = Option<String>;
    const KIND: Kind = if CODE { Kind::Code } else { Kind::Text };
    const TS: &'static str = "string | null";
    fn read(r: &mut Reader, key: &str) -> Option<Option<String>> {
        r.text(key).map(Some)
    }
    fn fallback() -> Option<Option<String>> {
        Some(None)
    }
    fn placeholder() -> Option<String> {
        None
    }
    fn json(v: &Option<String>) -> Value {
        v.as_ref().map_or(Value::Null, |s| json!(s))
    }
    fn cells(v: &Option<String>, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], text_cell(v.as_deref())));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<String>, String> {
        cell_text(row, columns[0])
    }
}

/// Text every record of its kind has; `RequiredText<true>` (`RequiredListCode`) a code of an
/// editable list (a financing source).
pub struct RequiredText<const CODE: bool = false>;
pub type RequiredListCode = RequiredText<true>;

impl<const CODE: bool> Codec for RequiredText<CODE> {
    type Value = String;
    const KIND: Kind = if CODE { Kind::Code } else { Kind::Text };
    const TS: &'static str = "string";
    fn read(r: &mut Reader, key: &str) -> Option<String> {
        r.required_text(key)
    }
    fn fallback() -> Option<String> {
        None
    }
    fn placeholder() -> String {
        String::new()
    }
    fn json(v: &String) -> Value {
        json!(v)
    }
    fn cells(v: &String, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], Cell::Text(v.clone())));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<String, String> {
        required(cell_text(row, columns[0])?, columns[0])
    }
}

optional_codec! {
    /// A date, written `YYYY-MM-DD`.
    Date: NaiveDate, Date, "string",
    read(r, key) { r.date(key) },
    json(d) { json!(date_text(*d)) },
    cell(d) { Cell::Text(date_text(*d)) },
    from(row, col) { Ok(cell_text(row, col)?.as_deref().and_then(parse_date)) }
}

/// Money: a number of tenge in files, exact to the tiyn; minor units in the store.
/// `Amount<false>` (`UsdAmount`) is money in US dollars (exports), a plain number to people.
pub struct Amount<const TENGE: bool = true>;
pub type UsdAmount = Amount<false>;

impl<const TENGE: bool> Codec for Amount<TENGE> {
    type Value = Option<Money>;
    const KIND: Kind = if TENGE { Kind::Money } else { Kind::Number };
    const TS: &'static str = "number | null";
    fn read(r: &mut Reader, key: &str) -> Option<Option<Money>> {
        r.money(key).map(Some)
    }
    fn fallback() -> Option<Option<Money>> {
        Some(None)
    }
    fn placeholder() -> Option<Money> {
        None
    }
    fn json(v: &Option<Money>) -> Value {
        v.map_or(Value::Null, Money::to_json)
    }
    fn cells(v: &Option<Money>, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], v.map_or(Cell::Null, |m| Cell::Integer(m.minor()))));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<Money>, String> {
        Ok(cell_int(row, columns[0])?.map(Money))
    }
}

optional_codec! {
    /// A whole number, 0 or more (jobs).
    Count: u32, Count, "number",
    read(r, key) { r.count(key) },
    json(n) { json!(n) },
    cell(n) { Cell::Integer(i64::from(*n)) },
    from(row, col) {
        cell_int(row, col)?.map(|n| u32::try_from(n).map_err(|_| format!("{col} holds {n}, not a count"))).transpose()
    }
}

optional_codec! {
    /// A year from 1990 to 2100, where one is known (the year support was given).
    OptionalYear: i32, Year, "number",
    read(r, key) { r.year(key) },
    json(y) { json!(y) },
    cell(y) { Cell::Integer(i64::from(*y)) },
    from(row, col) {
        cell_int(row, col)?.map(|y| i32::try_from(y).map_err(|_| format!("{col} holds {y}, not a year"))).transpose()
    }
}

optional_codec! {
    /// A measured number (a percentage, a quantity).
    Real: f64, Number, "number",
    read(r, key) { r.float(key) },
    json(x) { number_json(Some(*x)) },
    cell(x) { Cell::Real(*x) },
    from(row, col) { cell_real(row, col) }
}

optional_codec! {
    /// The project's human code, `35-0042`.
    Code: ProjectCode, Text, "string",
    read(r, key) {
        r.parsed(key, Rule::CodeFormat, "must look like 35-0042 (a region's KATO prefix or RK, a dash, 4 or more digits)", ProjectCode::parse)
    },
    json(c) { json!(c.as_str()) },
    cell(c) { Cell::Text(c.as_str().to_owned()) },
    from(row, col) { Ok(cell_text(row, col)?.as_deref().and_then(ProjectCode::parse)) }
}

optional_codec! {
    /// A 12-digit business identification number.
    BinNo: Bin, Text, "string",
    read(r, key) { r.parsed(key, Rule::BinDigits, "must be exactly 12 digits", Bin::parse) },
    json(b) { json!(b.as_str()) },
    cell(b) { Cell::Text(b.as_str().to_owned()) },
    from(row, col) { Ok(cell_text(row, col)?.as_deref().and_then(Bin::parse)) }
}

/// Declares a codec of a field every record has (absent is a problem, the record is not read).
macro_rules! required_codec {
    ($(#[$m:meta])* $name:ident: $t:ty, $kind:ident, $ts:literal, placeholder $placeholder:expr,
     read($r:ident, $key:ident) $read:block,
     json($v:ident) $json:block,
     cell($c:ident) $cell:block,
     from($row:ident, $col:ident) $from:block) => {
        $(#[$m])*
        pub struct $name;
        impl Codec for $name {
            type Value = $t;
            const KIND: Kind = Kind::$kind;
            const TS: &'static str = $ts;
            fn read($r: &mut Reader, $key: &str) -> Option<$t> {
                $read
            }
            fn fallback() -> Option<$t> {
                None
            }
            fn placeholder() -> $t {
                $placeholder
            }
            fn json($v: &$t) -> Value {
                $json
            }
            fn cells($c: &$t, columns: &[&'static str], out: &mut Cells) {
                out.push((columns[0], $cell));
            }
            fn from_cells($row: &dyn CellSource, columns: &[&'static str]) -> Result<$t, String> {
                let $col = columns[0];
                $from
            }
        }
    };
}

required_codec! {
    /// A project's name: required, and an empty one is refused rather than taken as absent.
    Name: String, Text, "string", placeholder String::new(),
    read(r, key) { r.name(key) },
    json(s) { json!(s) },
    cell(s) { Cell::Text(s.clone()) },
    from(row, col) { required(cell_text(row, col)?, col) }
}

required_codec! {
    /// An amount every row of its kind has.
    RequiredAmount: Money, Money, "number", placeholder Money::ZERO,
    read(r, key) { r.required(key, Reader::money) },
    json(m) { m.to_json() },
    cell(m) { Cell::Integer(m.minor()) },
    from(row, col) { Ok(Money(required(cell_int(row, col)?, col)?)) }
}

required_codec! {
    /// A year from 1990 to 2100.
    Year: i32, Year, "number", placeholder 0,
    read(r, key) { r.required(key, Reader::year) },
    json(y) { json!(y) },
    cell(y) { Cell::Integer(i64::from(*y)) },
    from(row, col) {
        let y = required(cell_int(row, col)?, col)?;
        i32::try_from(y).map_err(|_| format!("{col} holds {y}, not a year"))
    }
}

required_codec! {
    /// The number of a support measure of Art. 20 p.2, 1 to 13.
    Measure: u8, Count, "number", placeholder 0,
    read(r, key) { r.required(key, Reader::measure) },
    json(n) { json!(n) },
    cell(n) { Cell::Integer(i64::from(*n)) },
    from(row, col) {
        let n = required(cell_int(row, col)?, col)?;
        u8::try_from(n).map_err(|_| format!("{col} holds {n}, not a measure"))
    }
}

required_codec! {
    /// The region, by its KATO prefix as text (a number is accepted too: spreadsheets turn "35"
    /// into 35).
    Region: RegionCode, Code, "string", placeholder RegionCode::parse("71").expect("Astana is a region"),
    read(r, key) {
        match r.raw(key) {
            None => {
                r.error(key, Rule::RegionRequired, "is required: the KATO prefix of the region, e.g. \"35\"");
                None
            }
            Some(Value::Number(n)) => r.known_region(&n.to_string()),
            Some(Value::String(s)) => r.known_region(s),
            Some(_) => {
                r.error(key, Rule::TypeText, "must be a KATO prefix as text, e.g. \"35\"");
                None
            }
        }
    },
    json(region) { json!(region.as_str()) },
    cell(region) { Cell::Text(region.as_str().to_owned()) },
    from(row, col) { coded_from(row, col, RegionCode::parse) }
}

fn coded_from<T>(row: &dyn CellSource, col: &str, parse: fn(&str) -> Option<T>) -> Result<T, String> {
    let t = required(cell_text(row, col)?, col)?;
    parse(&t).ok_or_else(|| format!("unknown code {t:?} in {col}"))
}

/// A code of a closed list; absent or unknown, the list's default (a new project's status).
pub struct Coded<T>(PhantomData<T>);

impl<T: CodeList + Default> Codec for Coded<T> {
    type Value = T;
    const KIND: Kind = Kind::Code;
    const TS: &'static str = "string";
    fn read(r: &mut Reader, key: &str) -> Option<T> {
        r.coded(key, T::from_code, T::codes)
    }
    fn fallback() -> Option<T> {
        Some(T::default())
    }
    fn placeholder() -> T {
        T::default()
    }
    fn json(v: &T) -> Value {
        json!(v.code())
    }
    fn cells(v: &T, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], Cell::Text(v.code().to_owned())));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<T, String> {
        coded_from(row, columns[0], T::from_code)
    }
    fn code_named(text: &str) -> Option<&'static str> {
        T::code_named(text)
    }
    fn code_label(code: &str) -> Option<crate::reference::Label> {
        T::from_code(code).map(|c| c.label())
    }
}

/// A code of a closed list that may be unknown.
pub struct MaybeCoded<T>(PhantomData<T>);

impl<T: CodeList> Codec for MaybeCoded<T> {
    type Value = Option<T>;
    const KIND: Kind = Kind::Code;
    const TS: &'static str = "string | null";
    fn read(r: &mut Reader, key: &str) -> Option<Option<T>> {
        r.coded(key, T::from_code, T::codes).map(Some)
    }
    fn fallback() -> Option<Option<T>> {
        Some(None)
    }
    fn placeholder() -> Option<T> {
        None
    }
    fn json(v: &Option<T>) -> Value {
        v.map_or(Value::Null, |c| json!(c.code()))
    }
    fn cells(v: &Option<T>, columns: &[&'static str], out: &mut Cells) {
        out.push((columns[0], text_cell(v.map(|c| c.code()))));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Option<T>, String> {
        Ok(cell_text(row, columns[0])?.as_deref().and_then(T::from_code))
    }
    fn code_named(text: &str) -> Option<&'static str> {
        T::code_named(text)
    }
    fn code_label(code: &str) -> Option<crate::reference::Label> {
        T::from_code(code).map(|c| c.label())
    }
}

/// A set of codes of a closed list: an array in files, the codes joined by commas in the store.
pub struct CodeSet<T>(PhantomData<T>);

impl<T: CodeList> Codec for CodeSet<T> {
    type Value = Vec<T>;
    const KIND: Kind = Kind::Structured;
    const TS: &'static str = "Array<string>";
    fn read(r: &mut Reader, key: &str) -> Option<Vec<T>> {
        Some(r.list(key, |item, path, problems| match item.as_str().and_then(T::from_code) {
            Some(c) => Some(c),
            None => {
                problems.error(path, Rule::CodeUnknown, format!("must be one of {}", T::codes().join(", ")));
                None
            }
        }))
    }
    fn fallback() -> Option<Vec<T>> {
        Some(Vec::new())
    }
    fn placeholder() -> Vec<T> {
        Vec::new()
    }
    fn json(v: &Vec<T>) -> Value {
        json!(v.iter().map(|c| c.code()).collect::<Vec<_>>())
    }
    fn cells(v: &Vec<T>, columns: &[&'static str], out: &mut Cells) {
        let codes: Vec<&str> = v.iter().map(|c| c.code()).collect();
        out.push((columns[0], Cell::Text(codes.join(","))));
    }
    fn from_cells(row: &dyn CellSource, columns: &[&'static str]) -> Result<Vec<T>, String> {
        let text = cell_text(row, columns[0])?.unwrap_or_default();
        Ok(text.split(',').filter_map(T::from_code).collect())
    }
}
