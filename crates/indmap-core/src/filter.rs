//! Which projects a list, a map or a printout shows. The same filter serves the command line,
//! the window and the reports, so "the filtered set" means one thing everywhere: `matches` is the
//! one place its rules live.

use crate::Rule;
use crate::ident::RegionCode;
use crate::problem::Problems;
use crate::project::Project;
use crate::reference::{MapLevel, Status, support_measure};
use chrono::Datelike;

/// Empty lists and `None` mean "any"; the criteria given must all hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFilter {
    pub regions: Vec<RegionCode>,
    /// The district's exact name, in any case.
    pub district: Option<String>,
    pub level: Option<MapLevel>,
    pub statuses: Vec<Status>,
    pub sectors: Vec<String>,
    /// The first and the last year of commissioning, both included: the actual date when there
    /// is one, else the planned date. A project without either date fails a year bound.
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// A state support measure (1 to 13, Art. 20 p.2) the project receives.
    pub support_measure: Option<u8>,
    /// A financing-source code the project has at least one financing row of.
    pub financing_source: Option<String>,
    /// Words that must all appear in a name, the initiator, its BIN or the code (any case).
    pub search: Option<String>,
}

impl ProjectFilter {
    pub fn matches(&self, p: &Project) -> bool {
        (self.regions.is_empty() || self.regions.contains(&p.region))
            && given(&self.district).is_none_or(|d| p.district.as_deref().is_some_and(|pd| same_name(pd, d)))
            && self.level.is_none_or(|l| l == p.level)
            && (self.statuses.is_empty() || self.statuses.contains(&p.status))
            && (self.sectors.is_empty() || p.sector.as_ref().is_some_and(|s| self.sectors.contains(s)))
            && self.in_years(commissioning_year(p))
            && self.support_measure.is_none_or(|m| p.support_measures.iter().any(|s| s.measure == m))
            && given(&self.financing_source).is_none_or(|src| p.financing.iter().any(|f| f.source == src))
            && self.search.as_deref().is_none_or(|text| matches_text(p, text))
    }

    /// One year of commissioning: `--year Y` is the range Y to Y.
    pub fn with_year(self, year: i32) -> Self {
        ProjectFilter { year_from: Some(year), year_to: Some(year), ..self }
    }

    /// What makes the filter itself wrong, named by its fields: a support measure outside 1 to
    /// 13, a last year before the first.
    pub fn problems(&self) -> Problems {
        let mut problems = Problems::new();
        if let Some(m) = self.support_measure.filter(|m| support_measure(*m).is_none()) {
            problems.error("support_measure", Rule::NumberRange, format!("must be 1 to 13; got {m}"));
        }
        if let (Some(from), Some(to)) = (self.year_from, self.year_to)
            && to < from
        {
            problems.error("year_to", Rule::YearOrder, format!("must be the first year ({from}) or later; got {to}"));
        }
        problems
    }

    fn in_years(&self, year: Option<i32>) -> bool {
        match (self.year_from, self.year_to) {
            (None, None) => true,
            (from, to) => year.is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)),
        }
    }
}

pub fn commissioning_year(p: &Project) -> Option<i32> {
    p.commissioning_actual.or(p.commissioning_planned).map(|d| d.year())
}

/// Text typed by hand, trimmed; blank text is no criterion.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Names typed by hand: the same whatever the case (Kazakh and Russian letters too) and the
/// spaces around them.
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
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
    use crate::money::Money;
    use crate::project::{FinancingRow, SupportReceived};
    use crate::reference::FinancingStatus;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn project() -> Project {
        Project::new(
            Uuid::nil(),
            "Ақтоғай КБК кеңейту".into(),
            "Расширение Актогайского ГОКа".into(),
            RegionCode::parse("10").unwrap(),
        )
    }

    fn financed_by(sources: &[&str]) -> Project {
        let mut p = project();
        p.financing = sources
            .iter()
            .map(|s| FinancingRow {
                id: Uuid::nil(),
                source: (*s).into(),
                amount: Money(100),
                year: 2026,
                status: FinancingStatus::Planned,
                note: None,
            })
            .collect();
        p
    }

    fn supported_by(measures: &[u8]) -> Project {
        let mut p = project();
        p.support_measures = measures
            .iter()
            .map(|m| SupportReceived { id: Uuid::nil(), measure: *m, year: None, amount: None, note: None })
            .collect();
        p
    }

    #[test]
    fn search_ignores_case_in_kazakh_and_russian() {
        let mut p = project();
        p.initiator = Some("ТОО «KAZ Minerals Aktogay»".into());
        let f = |s: &str| ProjectFilter { search: Some(s.into()), ..Default::default() };
        assert!(f("ақтоғай").matches(&p));
        assert!(f("АКТОГАЙСКОГО гок").matches(&p));
        assert!(f("kaz minerals").matches(&p));
        assert!(!f("Жайрем").matches(&p));
    }

    #[test]
    fn a_district_is_its_exact_name_in_any_case() {
        let mut p = project();
        p.district = Some("Аягөз ауданы".into());
        let f = |d: &str| ProjectFilter { district: Some(d.into()), ..Default::default() };
        assert!(f("Аягөз ауданы").matches(&p));
        assert!(f("АЯГӨЗ АУДАНЫ").matches(&p), "Kazakh letters change case too");
        assert!(f(" аягөз ауданы ").matches(&p));
        assert!(f("  ").matches(&p), "blank is no criterion");
        assert!(!f("Аягөз").matches(&p), "a part of the name is another district");
        assert!(!f("Аягоз ауданы").matches(&p), "ө is not о");
        p.district = None;
        assert!(!f("Аягөз ауданы").matches(&p), "a project without a district is in none");
    }

    #[test]
    fn years_are_of_the_actual_commissioning_else_the_planned() {
        let mut p = project();
        p.commissioning_planned = NaiveDate::from_ymd_opt(2027, 6, 1);
        let years = |from, to| ProjectFilter { year_from: from, year_to: to, ..Default::default() };
        assert!(years(Some(2027), Some(2027)).matches(&p));
        assert!(years(Some(2025), None).matches(&p) && years(None, Some(2027)).matches(&p));
        assert!(!years(Some(2028), None).matches(&p) && !years(None, Some(2026)).matches(&p));
        p.commissioning_actual = NaiveDate::from_ymd_opt(2026, 12, 30);
        assert!(years(None, Some(2026)).matches(&p), "the actual date wins over the plan");
        assert_eq!(ProjectFilter::default().with_year(2026), years(Some(2026), Some(2026)));
        p.commissioning_actual = None;
        p.commissioning_planned = None;
        assert!(!years(Some(2000), None).matches(&p), "no date is in no range");
        assert!(years(None, None).matches(&p));
    }

    #[test]
    fn a_support_measure_is_one_the_project_receives() {
        let f = ProjectFilter { support_measure: Some(3), ..Default::default() };
        assert!(f.matches(&supported_by(&[1, 3])));
        assert!(!f.matches(&supported_by(&[1, 13])));
        assert!(!f.matches(&supported_by(&[])));
    }

    #[test]
    fn a_financing_source_is_one_of_the_projects_rows() {
        let f = ProjectFilter { financing_source: Some("dbk".into()), ..Default::default() };
        assert!(f.matches(&financed_by(&["own", "dbk"])));
        assert!(!f.matches(&financed_by(&["own"])));
        assert!(!f.matches(&financed_by(&[])));
    }

    #[test]
    fn a_measure_out_of_range_and_years_backwards_are_problems() {
        assert!(ProjectFilter::default().problems().is_empty());
        let bad = ProjectFilter {
            support_measure: Some(14),
            year_from: Some(2030),
            year_to: Some(2025),
            ..Default::default()
        };
        let fields: Vec<String> = bad.problems().errors().map(|p| p.field.clone()).collect();
        assert_eq!(fields, ["support_measure", "year_to"]);
        assert!(ProjectFilter { support_measure: Some(0), ..Default::default() }.problems().has_errors());
        assert!(ProjectFilter { support_measure: Some(13), ..Default::default() }.problems().is_empty());
    }

    /// A name from Kazakh and Russian letters, and the same name with each letter's case flipped
    /// at random.
    fn name_and_recased() -> impl Strategy<Value = (String, String)> {
        let letter =
            prop::sample::select("әғқңөұүһіабвгдежзийклмнопрстуфхцчшщъыьэюяё abcxyz".chars().collect::<Vec<_>>());
        prop::collection::vec((letter, any::<bool>()), 1..24).prop_map(|chars| {
            let name: String = chars.iter().map(|(c, _)| *c).collect();
            let recased =
                chars.iter().map(|(c, up)| if *up { c.to_uppercase().collect() } else { c.to_string() }).collect();
            (name, recased)
        })
    }

    proptest! {
        #[test]
        fn a_district_matches_in_any_case_and_nothing_else((name, recased) in name_and_recased(), other in "[а-яәғқңөұүһі]{1,12}") {
            let mut p = project();
            p.district = Some(name.clone());
            let f = |d: &str| ProjectFilter { district: Some(d.into()), ..Default::default() };
            prop_assert!(f(&recased).matches(&p));
            prop_assert_eq!(f(&other).matches(&p), other.trim() == name.trim().to_lowercase());
        }

        #[test]
        fn a_year_range_holds_exactly_the_years_inside(year in 1990..2060i32, from in proptest::option::of(1990..2060i32), to in proptest::option::of(1990..2060i32)) {
            let mut p = project();
            p.commissioning_planned = NaiveDate::from_ymd_opt(year, 3, 1);
            let f = ProjectFilter { year_from: from, year_to: to, ..Default::default() };
            let inside = from.is_none_or(|f| year >= f) && to.is_none_or(|t| year <= t);
            prop_assert_eq!(f.matches(&p), inside);
        }

        #[test]
        fn a_measure_holds_exactly_the_projects_receiving_it(measures in prop::collection::vec(1..=13u8, 0..5), wanted in 1..=13u8) {
            let f = ProjectFilter { support_measure: Some(wanted), ..Default::default() };
            prop_assert_eq!(f.matches(&supported_by(&measures)), measures.contains(&wanted));
        }

        #[test]
        fn a_source_holds_exactly_the_projects_financed_by_it(sources in prop::collection::vec(prop::sample::select(vec!["own", "dbk", "budget", "fdi"]), 0..4), wanted in prop::sample::select(vec!["own", "dbk", "budget", "fdi"])) {
            let f = ProjectFilter { financing_source: Some(wanted.into()), ..Default::default() };
            prop_assert_eq!(f.matches(&financed_by(&sources)), sources.contains(&wanted));
        }
    }
}
