//! Whose map a database keeps: one region's akimat, or the ministry (the national map).

use crate::changes::FieldKey;
use crate::ident::{MINISTRY_CODE_PREFIX, RegionCode};
use crate::project::Project;
use crate::reference::MapLevel;
use crate::schema::Entity;

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

    /// Who decides a project's fields: the ministry keeps the republican map, each akimat its
    /// region's regional map (Art. 4 p.6, Art. 8 p.2). Whether a project is on the republican
    /// map (`level`) is always the ministry's decision: a region proposes, the ministry accepts.
    pub fn owner(level: MapLevel, region: RegionCode, field: &str) -> Scope {
        match (level, field) {
            (MapLevel::Republican, _) | (_, "level") => Scope::Ministry,
            (MapLevel::Regional, _) => Scope::Region(region),
        }
    }

    /// Who decides a field of a project: its own fields by `owner`, a row's by the project's.
    pub fn owner_of(p: &Project, key: &FieldKey) -> Scope {
        Scope::owner(p.level, p.region, if key.entity == Entity::Project { &key.field } else { "" })
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
        let region = RegionCode::parse("35").unwrap();
        assert_eq!(Scope::owner(MapLevel::Regional, region, "cost_kzt"), karaganda);
        assert_eq!(Scope::owner(MapLevel::Regional, region, "level"), Scope::Ministry);
        assert_eq!(Scope::owner(MapLevel::Republican, region, "cost_kzt"), Scope::Ministry);
    }
}
