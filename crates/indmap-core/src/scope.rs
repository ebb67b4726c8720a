//! Whose map a database keeps: one region's akimat, or the ministry (the national map).

use crate::ident::{MINISTRY_CODE_PREFIX, RegionCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Ministry,
    Region(RegionCode),
}

impl Scope {
    /// `ministry` or `region:35`, as stored in a database and written in exchange files.
    pub fn code(self) -> String {
        match self {
            Scope::Ministry => "ministry".into(),
            Scope::Region(r) => format!("region:{r}"),
        }
    }

    pub fn parse(code: &str) -> Option<Scope> {
        match code {
            "ministry" => Some(Scope::Ministry),
            _ => code.strip_prefix("region:").and_then(RegionCode::parse).map(Scope::Region),
        }
    }

    /// The prefix of the project codes this database issues.
    pub fn code_prefix(self) -> &'static str {
        match self {
            Scope::Ministry => MINISTRY_CODE_PREFIX,
            Scope::Region(r) => r.as_str(),
        }
    }

    /// Whether this database may register projects located in `region`: the ministry keeps the
    /// whole country; an akimat keeps its own region.
    pub fn covers(self, region: RegionCode) -> bool {
        match self {
            Scope::Ministry => true,
            Scope::Region(r) => r == region,
        }
    }

    /// "the ministry" or "Karaganda Region (35)", for messages.
    pub fn describe(self) -> String {
        match self {
            Scope::Ministry => "the ministry (national map)".into(),
            Scope::Region(r) => format!("{} ({r})", r.region().name_en),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_codes_round_trip() {
        let karaganda = Scope::Region(RegionCode::parse("35").unwrap());
        assert_eq!(Scope::parse(&karaganda.code()), Some(karaganda));
        assert_eq!(Scope::parse("ministry"), Some(Scope::Ministry));
        assert_eq!(Scope::parse("region:99"), None);
        assert_eq!(karaganda.code_prefix(), "35");
        assert_eq!(Scope::Ministry.code_prefix(), "RK");
    }
}
