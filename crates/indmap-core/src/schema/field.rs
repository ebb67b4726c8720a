//! What the schema says of one field: its name, record, kind, columns and labels.

use super::entity::Entity;
use crate::reference::Label;
use serde::Serialize;
use serde_json::Value;

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
    /// For a code of a closed list, the code of a label a person wrote (`Codec::code_named`).
    #[serde(skip)]
    pub code_named: fn(&str) -> Option<&'static str>,
    /// For a code of a closed list, its label (`Codec::code_label`).
    #[serde(skip)]
    pub code_label: fn(&str) -> Option<Label>,
    pub label_kk: &'static str,
    pub label_ru: &'static str,
    pub label_en: &'static str,
}

impl FieldSpec {
    pub fn label(&self) -> Label {
        Label::new(self.label_kk, self.label_ru, self.label_en)
    }
}
