//! Problems found in user input: each names the field and the rule it breaks. Errors refuse the
//! input; warnings accept it and tell the user.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    pub severity: Severity,
    /// The property path, as a file or form names it: `initiator_bin`, `financing[2].amount_kzt`.
    pub field: String,
    /// A stable code of the rule (`bin.digits`), for interfaces that translate messages.
    pub rule: &'static str,
    /// One English sentence that says what is wrong and what is expected.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Problems collected while reading or checking one record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, field: impl Into<String>, rule: &'static str, message: impl Into<String>) {
        self.push(Severity::Error, field, rule, message);
    }

    pub fn warning(&mut self, field: impl Into<String>, rule: &'static str, message: impl Into<String>) {
        self.push(Severity::Warning, field, rule, message);
    }

    fn push(&mut self, severity: Severity, field: impl Into<String>, rule: &'static str, message: impl Into<String>) {
        self.0.push(Problem { severity, field: field.into(), rule, message: message.into() });
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|p| p.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.severity == Severity::Warning)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    /// Prefixes every field, for problems of a record nested in another (`features[3].`).
    pub fn prefixed(mut self, prefix: &str) -> Self {
        for p in &mut self.0 {
            p.field = format!("{prefix}{}", p.field);
        }
        self
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
