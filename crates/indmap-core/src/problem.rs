//! Problems found in user input: each names the field and the rule it breaks. Errors refuse the
//! input; warnings accept it and tell the user.

use serde::{Deserialize, Serialize};

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
    /// The rule broken; front ends translate problems by it.
    pub rule: Rule,
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

    pub fn error(&mut self, field: impl Into<String>, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, field, rule, message);
    }

    pub fn warning(&mut self, field: impl Into<String>, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Warning, field, rule, message);
    }

    fn push(&mut self, severity: Severity, field: impl Into<String>, rule: Rule, message: impl Into<String>) {
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

/// Declares the rules: each a variant and its stable code, which is what files, the command
/// line's JSON and the window see (`bin.digits`).
macro_rules! rules {
    ($($variant:ident = $code:literal,)*) => {
        /// Every rule a problem can break, in the core, the API, the command line and the desktop
        /// shell. Front ends translate problems by its code (the window has them as
        /// ui/src/generated/Rule.ts and allRules.ts); a test fails when one is no longer used.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Rule {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub const fn code(self) -> &'static str {
                match self {
                    $(Rule::$variant => $code,)*
                }
            }

            #[cfg(test)]
            fn variant_name(self) -> &'static str {
                match self {
                    $(Rule::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

rules! {
    ActionDoneDate = "action.done_date",
    BillFormat = "bill.format",
    BillOneFile = "bill.one_file",
    BinCheckDigit = "bin.check_digit",
    BinDigits = "bin.digits",
    CodeFormat = "code.format",
    CodeHeld = "code.held",
    CodeTaken = "code.taken",
    CodeUnknown = "code.unknown",
    DateFormat = "date.format",
    EditionActTaken = "edition.act_taken",
    EditionEmpty = "edition.empty",
    ExclusionReason = "exclusion.reason",
    ExportOntoDatabase = "export.onto_database",
    FeaturesEmpty = "features.empty",
    FeaturesOne = "features.one",
    FinancingTotal = "financing.total",
    GeojsonSyntax = "geojson.syntax",
    GeojsonType = "geojson.type",
    IdFormat = "id.format",
    IdentityFixed = "identity.fixed",
    ImportNoFile = "import.no_file",
    JsonSyntax = "json.syntax",
    KeyFingerprint = "key.fingerprint",
    KeyUnsigned = "key.unsigned",
    LevelThreshold = "level.threshold",
    LocalContentExpertise = "local_content.expertise",
    LocationInvalid = "location.invalid",
    LocationOtherRegion = "location.other_region",
    LocationOutsideKazakhstan = "location.outside_kazakhstan",
    LocationRing = "location.ring",
    LocationType = "location.type",
    LocationWgs84 = "location.wgs84",
    MilestoneUndated = "milestone.undated",
    MoneyFormat = "money.format",
    MoneyNegative = "money.negative",
    MoneyTooLarge = "money.too_large",
    NameEmpty = "name.empty",
    NameRequired = "name.required",
    NumberRange = "number.range",
    OkedFormat = "oked.format",
    PeerUnknown = "peer.unknown",
    PercentRange = "percent.range",
    PeriodFormat = "period.format",
    PeriodLocked = "period.locked",
    PeriodNoReason = "period.no_reason",
    PeriodNotYours = "period.not_yours",
    PeriodOutOfTurn = "period.out_of_turn",
    PeriodTwice = "period.twice",
    PrintPage = "print.page",
    PrintRequest = "print.request",
    PrintUsage = "print.usage",
    ProjectOtherMap = "project.other_map",
    PropertyUnknown = "property.unknown",
    ProposalExpertise = "proposal.expertise",
    ProposalId = "proposal.id",
    RatePositive = "rate.positive",
    ReferenceCode = "reference.code",
    ReferenceLabel = "reference.label",
    RegionRequired = "region.required",
    RegionScope = "region.scope",
    RegionUnknown = "region.unknown",
    ReportNotOwner = "report.not_owner",
    ReportPeriodOther = "report.period_other",
    ReportProjectUnknown = "report.project_unknown",
    ReportRowTwice = "report.row_twice",
    Required = "required",
    ResolveTake = "resolve.take",
    ScheduleBeforeCommissioning = "schedule.before_commissioning",
    ScheduleBeforeStart = "schedule.before_start",
    ScheduleCommissionedWithoutDate = "schedule.commissioned_without_date",
    ScheduleExclusionBeforeInclusion = "schedule.exclusion_before_inclusion",
    SettingAmount = "setting.amount",
    SettingCount = "setting.count",
    SettingDays = "setting.days",
    SettingPeriod = "setting.period",
    SettingUnknown = "setting.unknown",
    SettingWeight = "setting.weight",
    SheetNoSheet = "sheet.no_sheet",
    SheetTooLarge = "sheet.too_large",
    SheetUnreadable = "sheet.unreadable",
    SheetUnsupported = "sheet.unsupported",
    TableColumnTwice = "table.column_twice",
    TableNoField = "table.no_field",
    TableNoKey = "table.no_key",
    TableStructured = "table.structured",
    TextTooLong = "text.too_long",
    TypeArray = "type.array",
    TypeNumber = "type.number",
    TypeObject = "type.object",
    TypeText = "type.text",
    YearOrder = "year.order",
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The catalogue as the TypeScript module ui/src/generated/allRules.ts, for the window to tell
/// a rule's code from the window's own checks and to test its dictionaries against.
pub fn rules_typescript() -> String {
    let items: String = Rule::ALL.iter().map(|r| format!("  \"{r}\",\n")).collect();
    format!(
        "// Generated from indmap_core::problem::Rule by tests/generated_types.rs. Do not edit this file manually.\n\n\
         import type {{ Rule }} from \"./Rule\";\n\n\
         export const RULES: readonly Rule[] = [\n{items}];\n"
    )
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The product sources of the workspace's crates and the desktop shell, less test modules
    /// (they may use a rule only to check it).
    fn product_sources() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut dirs = vec![root.join("src-tauri")];
        for krate in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
            dirs.push(krate.path().join("src"));
        }
        let mut files = Vec::new();
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            rust_files(dir, &mut files);
        }
        files
            .iter()
            .filter(|f| !f.ends_with("indmap-core/src/problem.rs"))
            .map(|f| std::fs::read_to_string(f).unwrap().split("#[cfg(test)]").next().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn every_rule_is_made_somewhere() {
        let src = product_sources();
        let unused: Vec<&str> = Rule::ALL
            .iter()
            .filter(|r| !src.contains(&format!("Rule::{}", r.variant_name())))
            .map(|r| r.code())
            .collect();
        assert!(
            unused.is_empty(),
            "rules no source makes any more (drop them here and in ui/src/lang/rules.ts): {unused:?}"
        );
    }

    #[test]
    fn codes_are_sorted_lowercase_words_joined_by_dots_without_repeats() {
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "keep the rules sorted by code and without repeats");
        let word = |w: &str| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        assert!(codes.iter().all(|c| c.split('.').all(word)), "rule codes are lowercase words joined by dots");
    }

    #[test]
    fn a_rule_crosses_the_wire_as_its_code() {
        assert_eq!(serde_json::to_string(&Rule::BinDigits).unwrap(), "\"bin.digits\"");
        assert_eq!(serde_json::from_str::<Rule>("\"location.wgs84\"").unwrap(), Rule::LocationWgs84);
        assert!(serde_json::from_str::<Rule>("\"no.such_rule\"").is_err());
    }
}
