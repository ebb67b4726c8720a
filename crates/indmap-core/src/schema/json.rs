//! Reading typed values out of a JSON object of properties. Reading never panics and never
//! stops at the first mistake: each value that cannot be read is recorded as a problem naming its
//! path (`financing[2].amount_kzt`) and a stable rule code.

use crate::Rule;
use crate::ident::RegionCode;
use crate::money::Money;
use crate::problem::Problems;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The longest text a field keeps: far beyond any name, act or note, and well within what a
/// spreadsheet cell holds (32,767), so every printout can carry it.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Reads typed values out of a JSON object, recording a problem for each one it cannot read.
pub struct Reader<'a, 'p> {
    props: &'a Map<String, Value>,
    /// Path of this object inside the Feature's properties, e.g. `financing[2].`.
    prefix: String,
    pub(crate) problems: &'p mut Problems,
}

impl<'a, 'p> Reader<'a, 'p> {
    pub fn new(props: &'a Map<String, Value>, problems: &'p mut Problems) -> Self {
        Reader { props, prefix: String::new(), problems }
    }

    /// The keys of the object that `known` does not name (each reported by the caller).
    pub fn keys(&self) -> impl Iterator<Item = &'a String> {
        self.props.keys()
    }

    pub fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    pub fn error(&mut self, key: &str, rule: Rule, message: impl Into<String>) {
        let path = self.path(key);
        self.problems.error(path, rule, message);
    }

    /// The value, treating `null` as absent.
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.props.get(key).filter(|v| !v.is_null())
    }

    pub fn text(&mut self, key: &str) -> Option<String> {
        match self.raw(key)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) if s.len() > MAX_TEXT_CHARS && s.trim().chars().count() > MAX_TEXT_CHARS => {
                let found = s.trim().chars().count();
                let message = format!("is {found} characters long; a text of a project keeps at most {MAX_TEXT_CHARS}");
                self.error(key, Rule::TextTooLong, message);
                None
            }
            Value::String(s) => Some(s.trim().to_owned()),
            _ => {
                self.error(key, Rule::TypeText, "must be text");
                None
            }
        }
    }

    pub fn required_text(&mut self, key: &str) -> Option<String> {
        let value = self.text(key);
        let blank = self.raw(key).is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()));
        if value.is_none() && blank {
            self.error(key, Rule::Required, "is required and must not be empty");
        }
        value
    }

    /// A project name: required, and an empty one is refused rather than taken as absent.
    pub fn name(&mut self, key: &str) -> Option<String> {
        if self.raw(key).is_none() {
            self.error(key, Rule::NameRequired, "is required: a project needs its name in Kazakh and in Russian");
            return None;
        }
        let name = self.text(key);
        if name.is_none() && self.raw(key).and_then(Value::as_str).is_some_and(|s| s.trim().is_empty()) {
            self.error(key, Rule::NameEmpty, "must not be empty");
        }
        name
    }

    pub fn required<T>(&mut self, key: &str, read: fn(&mut Self, &str) -> Option<T>) -> Option<T> {
        if self.raw(key).is_none() {
            self.error(key, Rule::Required, "is required");
            return None;
        }
        read(self, key)
    }

    pub fn parsed<T>(&mut self, key: &str, rule: Rule, expected: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let text = self.text(key)?;
        let value = parse(&text);
        if value.is_none() {
            self.error(key, rule, format!("{expected}; got {text:?}"));
        }
        value
    }

    pub fn coded<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>, codes: fn() -> Vec<&'static str>) -> Option<T> {
        self.parsed(key, Rule::CodeUnknown, &format!("must be one of {}", codes().join(", ")), parse)
    }

    pub fn known_region(&mut self, kato: &str) -> Option<RegionCode> {
        let region = RegionCode::parse(kato);
        if region.is_none() {
            self.error(
                "region",
                Rule::RegionUnknown,
                format!("{kato:?} is not the KATO prefix of one of the 20 regions (see `indmap regions`)"),
            );
        }
        region
    }

    pub fn uuid(&mut self, key: &str) -> Option<Uuid> {
        self.parsed(key, Rule::IdFormat, "must be a UUID", |s| Uuid::parse_str(s).ok())
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.parsed(key, Rule::DateFormat, "must be a date written YYYY-MM-DD", |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        })
    }

    pub fn number(&mut self, key: &str, expected: &str) -> Option<&'a serde_json::Number> {
        match self.raw(key)? {
            Value::Number(n) => Some(n),
            _ => {
                self.error(key, Rule::TypeNumber, format!("must be {expected}"));
                None
            }
        }
    }

    pub fn money(&mut self, key: &str) -> Option<Money> {
        let n = self.number(key, "a number (an amount of money)")?;
        match Money::from_json(n) {
            Ok(m) if m.0.unsigned_abs() > Money::MAX_AMOUNT.0.unsigned_abs() => {
                self.error(
                    key,
                    Rule::MoneyTooLarge,
                    "is more than a quadrillion (10¹⁵) tenge, beyond any project; check the unit (tenge, not tiyn or thousands)",
                );
                None
            }
            Ok(m) => Some(m),
            Err(e) => {
                self.error(key, Rule::MoneyFormat, format!("{e}: amounts are kept to the tiyn"));
                None
            }
        }
    }

    pub fn float(&mut self, key: &str) -> Option<f64> {
        self.number(key, "a number")?.as_f64()
    }

    pub fn integer(&mut self, key: &str, expected: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        let n = self.number(key, expected)?;
        match n.as_i64().filter(|v| range.contains(v)) {
            Some(v) => Some(v),
            None => {
                self.error(key, Rule::NumberRange, format!("must be {expected}; got {n}"));
                None
            }
        }
    }

    pub fn count(&mut self, key: &str) -> Option<u32> {
        self.integer(key, "a whole number, 0 or more", 0..=i64::from(u32::MAX)).map(|v| v as u32)
    }

    pub fn year(&mut self, key: &str) -> Option<i32> {
        self.integer(key, "a year from 1990 to 2100", 1990..=2100).map(|v| v as i32)
    }

    pub fn measure(&mut self, key: &str) -> Option<u8> {
        self.integer(key, "the number of a support measure of Art. 20 p.2, 1 to 13", 1..=13).map(|v| v as u8)
    }

    /// A nested object read with its own reader, so problems carry the full path.
    pub fn object<T>(&mut self, key: &str, read: impl FnOnce(&mut Reader<'a, '_>) -> Option<T>) -> Option<T> {
        match self.raw(key)? {
            Value::Object(map) => {
                let mut inner = Reader { props: map, prefix: format!("{}.", self.path(key)), problems: self.problems };
                read(&mut inner)
            }
            _ => {
                self.error(key, Rule::TypeObject, "must be an object");
                None
            }
        }
    }

    pub fn list<T>(
        &mut self,
        key: &str,
        mut read: impl FnMut(&'a Value, String, &mut Problems) -> Option<T>,
    ) -> Vec<T> {
        match self.raw(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let base = self.path(key);
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| read(item, format!("{base}[{i}]"), self.problems))
                    .collect()
            }
            Some(_) => {
                self.error(key, Rule::TypeArray, "must be an array");
                Vec::new()
            }
        }
    }

    /// An array of objects, each read with `read`; rows that cannot be read are left out, with
    /// their problems recorded.
    pub fn rows<T>(&mut self, key: &str, mut read: impl FnMut(&mut Reader<'a, '_>) -> Option<T>) -> Vec<T> {
        self.list(key, |item, path, problems| match item {
            Value::Object(map) => read(&mut Reader { props: map, prefix: format!("{path}."), problems }),
            _ => {
                problems.error(path, Rule::TypeObject, "must be an object");
                None
            }
        })
    }
}
