//! The filter a printout was made with, in words, for its subtitle.

use crate::i18n::Word;
use crate::lang::Lang;
use indmap_core::ProjectFilter;
use indmap_core::reference::ReferenceItem;

/// `Статус: Строительство, Проектирование; Год: 2026`, or "no filters".
pub fn describe(filter: &ProjectFilter, lang: Lang, sectors: &[ReferenceItem]) -> String {
    let mut parts = Vec::new();
    let list = |items: Vec<String>| items.join(", ");
    if !filter.regions.is_empty() {
        let names = filter.regions.iter().map(|r| {
            let r = r.region();
            lang.of(r.name_kk, r.name_ru, r.name_en).to_string()
        });
        parts.push(format!("{}: {}", Word::Region.text(lang), list(names.collect())));
    }
    if let Some(level) = filter.level {
        parts.push(format!("{}: {}", Word::Level.text(lang), lang.pick(&level.label())));
    }
    if !filter.statuses.is_empty() {
        let names = filter.statuses.iter().map(|s| lang.pick(&s.label())).collect();
        parts.push(format!("{}: {}", Word::Status.text(lang), list(names)));
    }
    if !filter.sectors.is_empty() {
        let names = filter
            .sectors
            .iter()
            .map(|code| sectors.iter().find(|s| &s.code == code).map(|s| lang.pick(&s.label)).unwrap_or(code.clone()))
            .collect();
        parts.push(format!("{}: {}", Word::Sector.text(lang), list(names)));
    }
    if let Some(year) = filter.year {
        parts.push(format!("{}: {year}", Word::Commissioning.text(lang)));
    }
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("{}: «{}»", Word::Search.text(lang), search.trim()));
    }
    if parts.is_empty() { Word::NoFilters.text(lang).to_string() } else { parts.join("; ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indmap_core::{RegionCode, Status};

    #[test]
    fn filters_are_named_in_the_page_language() {
        let f = ProjectFilter {
            regions: vec![RegionCode::parse("35").unwrap()],
            statuses: vec![Status::Construction],
            year: Some(2026),
            ..Default::default()
        };
        let sectors = indmap_core::reference::default_sectors();
        assert_eq!(
            describe(&f, Lang::Ru, &sectors),
            "Регион: Карагандинская область; Статус: Строительство; Ввод: 2026"
        );
        assert_eq!(describe(&f, Lang::Kk, &sectors), "Өңір: Қарағанды облысы; Мәртебесі: Құрылыс; Іске қосу: 2026");
        assert_eq!(describe(&ProjectFilter::default(), Lang::En, &sectors), "no filters");
    }
}
