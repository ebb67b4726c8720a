//! Which projects a list, a map or a printout shows. The same filter serves the command line,
//! the window and the reports, so "the filtered set" means one thing everywhere.

use crate::ident::RegionCode;
use crate::project::Project;
use crate::reference::{MapLevel, Status};
use chrono::Datelike;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFilter {
    pub regions: Vec<RegionCode>,
    pub level: Option<MapLevel>,
    pub statuses: Vec<Status>,
    pub sectors: Vec<String>,
    /// The year of commissioning: the actual date when there is one, else the planned date.
    pub year: Option<i32>,
    /// Words that must all appear in a name, the initiator, its BIN or the code (any case).
    pub search: Option<String>,
}

impl ProjectFilter {
    pub fn matches(&self, p: &Project) -> bool {
        (self.regions.is_empty() || self.regions.contains(&p.region))
            && self.level.is_none_or(|l| l == p.level)
            && (self.statuses.is_empty() || self.statuses.contains(&p.status))
            && (self.sectors.is_empty() || p.sector.as_ref().is_some_and(|s| self.sectors.contains(s)))
            && self.year.is_none_or(|y| commissioning_year(p) == Some(y))
            && self.search.as_deref().is_none_or(|text| matches_text(p, text))
    }
}

pub fn commissioning_year(p: &Project) -> Option<i32> {
    p.commissioning_actual.or(p.commissioning_planned).map(|d| d.year())
}

fn matches_text(p: &Project, text: &str) -> bool {
    let haystack = [
        Some(p.name_kk.as_str()),
        Some(p.name_ru.as_str()),
        p.name_en.as_deref(),
        p.initiator.as_deref(),
        p.initiator_bin.as_ref().map(|b| b.as_str()),
        p.code.as_ref().map(|c| c.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase();
    text.to_lowercase().split_whitespace().all(|word| haystack.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn search_ignores_case_in_kazakh_and_russian() {
        let mut p = Project::new(
            Uuid::nil(),
            "Ақтоғай КБК кеңейту".into(),
            "Расширение Актогайского ГОКа".into(),
            RegionCode::parse("10").unwrap(),
        );
        p.initiator = Some("ТОО «KAZ Minerals Aktogay»".into());
        let f = |s: &str| ProjectFilter { search: Some(s.into()), ..Default::default() };
        assert!(f("ақтоғай").matches(&p));
        assert!(f("АКТОГАЙСКОГО гок").matches(&p));
        assert!(f("kaz minerals").matches(&p));
        assert!(!f("Жайрем").matches(&p));
    }
}
