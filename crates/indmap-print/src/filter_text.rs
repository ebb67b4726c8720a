//! The filter a printout was made with, in words, for its subtitle.

use crate::lang::Lang;
use crate::words::Word;
use indmap_core::ProjectFilter;
use indmap_core::reference::{ReferenceItem, support_measure};

/// `Статус: Строительство, Проектирование; Ввод: 2025–2027`, or "no filters". Sectors and
/// financing sources are named by the database's own lists (`sectors`, `sources`).
pub fn describe(filter: &ProjectFilter, lang: Lang, sectors: &[ReferenceItem], sources: &[ReferenceItem]) -> String {
    let mut parts = Vec::new();
    let mut name = |word: Word, value: String| parts.push(format!("{}: {value}", word.text(lang)));
    let label = |list: &[ReferenceItem], code: &str| {
        list.iter().find(|item| item.code == code).map(|item| lang.pick(&item.label)).unwrap_or(code.into())
    };
    if !filter.regions.is_empty() {
        let names = filter.regions.iter().map(|r| {
            let r = r.region();
            lang.of(r.name_kk, r.name_ru, r.name_en).to_string()
        });
        name(Word::Region, names.collect::<Vec<_>>().join(", "));
    }
    if let Some(district) = filter.district.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        name(Word::District, district.into());
    }
    if let Some(level) = filter.level {
        name(Word::Level, lang.pick(&level.label()));
    }
    if !filter.statuses.is_empty() {
        let names: Vec<String> = filter.statuses.iter().map(|s| lang.pick(&s.label())).collect();
        name(Word::Status, names.join(", "));
    }
    if !filter.sectors.is_empty() {
        let names: Vec<String> = filter.sectors.iter().map(|code| label(sectors, code)).collect();
        name(Word::Sector, names.join(", "));
    }
    if let Some(years) = years(filter.year_from, filter.year_to, lang) {
        name(Word::Commissioning, years);
    }
    if let Some(m) = filter.support_measure {
        let short = support_measure(m).map(|l| format!(" — {}", lang.pick(&l))).unwrap_or_default();
        name(Word::SupportMeasure, format!("{m}{short}"));
    }
    if let Some(source) = filter.financing_source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        name(Word::FinancingSource, label(sources, source));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        name(Word::Search, format!("«{}»", search.trim()));
    }
    if parts.is_empty() { Word::NoFilters.text(lang).to_string() } else { parts.join("; ") }
}

/// `2026`, `2025–2027`, `с 2025`, `по 2027`; nothing without a bound.
fn years(from: Option<i32>, to: Option<i32>, lang: Lang) -> Option<String> {
    match (from, to) {
        (None, None) => None,
        (Some(f), Some(t)) if f == t => Some(f.to_string()),
        (Some(f), Some(t)) => Some(format!("{f}–{t}")),
        (Some(f), None) => Some(Word::FromYear.text(lang).replace("{}", &f.to_string())),
        (None, Some(t)) => Some(Word::ToYear.text(lang).replace("{}", &t.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indmap_core::reference::{default_financing_sources, default_sectors};
    use indmap_core::{RegionCode, Status};

    fn text(f: &ProjectFilter, lang: Lang) -> String {
        describe(f, lang, &default_sectors(), &default_financing_sources())
    }

    #[test]
    fn filters_are_named_in_the_page_language() {
        let f = ProjectFilter {
            regions: vec![RegionCode::parse("35").unwrap()],
            statuses: vec![Status::Construction],
            ..Default::default()
        }
        .with_year(2026);
        assert_eq!(text(&f, Lang::Ru), "Регион: Карагандинская область; Статус: Строительство; Ввод: 2026");
        assert_eq!(text(&f, Lang::Kk), "Өңір: Қарағанды облысы; Мәртебесі: Құрылыс; Іске қосу: 2026");
        assert_eq!(text(&ProjectFilter::default(), Lang::En), "no filters");
    }

    #[test]
    fn district_years_measure_and_source_are_named_in_each_language() {
        let f = ProjectFilter {
            district: Some("Аягөз ауданы".into()),
            year_from: Some(2025),
            year_to: Some(2027),
            support_measure: Some(3),
            financing_source: Some("dbk".into()),
            ..Default::default()
        };
        let dbk = |lang: Lang| {
            let item = default_financing_sources().into_iter().find(|s| s.code == "dbk").unwrap();
            lang.pick(&item.label)
        };
        assert_eq!(
            text(&f, Lang::Ru),
            format!(
                "Район: Аягөз ауданы; Ввод: 2025–2027; Мера поддержки: 3 — кредитование через финансовые институты; \
                 Источник финансирования: {}",
                dbk(Lang::Ru)
            )
        );
        assert_eq!(
            text(&f, Lang::Kk),
            format!(
                "Аудан: Аягөз ауданы; Іске қосу: 2025–2027; Қолдау шарасы: 3 — қаржы институттары арқылы кредиттеу; \
                 Қаржыландыру көзі: {}",
                dbk(Lang::Kk)
            )
        );
        assert_eq!(
            text(&f, Lang::En),
            format!(
                "District: Аягөз ауданы; Commissioning: 2025–2027; Support measure: 3 — lending through financial \
                 institutions; Financing source: {}",
                dbk(Lang::En)
            )
        );
    }

    #[test]
    fn an_open_year_range_says_from_or_to() {
        let from = ProjectFilter { year_from: Some(2025), ..Default::default() };
        let to = ProjectFilter { year_to: Some(2030), ..Default::default() };
        assert_eq!(text(&from, Lang::Ru), "Ввод: с 2025");
        assert_eq!(text(&from, Lang::Kk), "Іске қосу: 2025 жылдан бастап");
        assert_eq!(text(&to, Lang::En), "Commissioning: to 2030");
        assert_eq!(text(&to, Lang::Kk), "Іске қосу: 2030 жылға дейін");
    }

    #[test]
    fn an_unknown_source_code_is_printed_as_it_is() {
        let f = ProjectFilter { financing_source: Some("other_fund".into()), ..Default::default() };
        assert_eq!(text(&f, Lang::Ru), "Источник финансирования: other_fund");
    }
}
