//! What every printout needs besides the projects: the language, the paper, the editable lists
//! whose labels it prints, and where the data came from.

use crate::lang::Lang;
use crate::paper::PageSetup;
use crate::words::Word;
use chrono::NaiveDate;
use indmap_core::reference::{self, ReferenceItem};

/// Which data a printout was made from, so a sheet of paper can be traced back to it. Passed in:
/// the print crate reads no clock and no database.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    /// The id of the database the projects were read from.
    pub database_id: String,
    /// A hash of the printed projects (e.g. `sha256:…` of their GeoJSON).
    pub content_hash: String,
    pub printed_on: NaiveDate,
}

/// The settings shared by every page of a printout.
#[derive(Debug, Clone)]
pub struct PrintContext {
    pub lang: Lang,
    pub setup: PageSetup,
    pub trace: Trace,
    /// The database's sector list (editable), for labels and colours.
    pub sectors: Vec<ReferenceItem>,
    /// The database's financing-source list (editable).
    pub sources: Vec<ReferenceItem>,
    /// What the projects were chosen by, already in words (empty: no filter).
    pub filters: String,
    /// The map level the filter chose, if it chose one: the subtitle says "both maps" otherwise.
    pub level: Option<indmap_core::MapLevel>,
    /// The act of the edition printed, when the printout is "as approved" in one.
    pub approved: Option<indmap_core::edition::Act>,
    /// A passport's baseline: the act (number and date) of the latest edition that approved the
    /// project, and its plan there; the passport shows how far the plan has moved from it.
    pub baseline: Option<(String, String, indmap_core::Project)>,
    /// A table's baselines: each project's plan in the latest edition of its map, by project id
    /// (empty: no edition, or not asked for); the table shows how far each plan has moved.
    pub baselines: std::collections::HashMap<uuid::Uuid, indmap_core::Project>,
    /// A passport's schedule chart (`indmap_core::gantt::lane`), drawn on a page of its own,
    /// with today's line on `trace.printed_on`.
    pub schedule: Option<indmap_core::gantt::Lane>,
}

impl PrintContext {
    /// A context with the default lists, for tests and callers without a database.
    pub fn new(lang: Lang, setup: PageSetup, trace: Trace) -> Self {
        PrintContext {
            lang,
            setup,
            trace,
            sectors: reference::default_sectors(),
            sources: reference::default_financing_sources(),
            filters: String::new(),
            level: None,
            approved: None,
            baseline: None,
            baselines: Default::default(),
            schedule: None,
        }
    }

    /// "Утверждённая редакция: № 40 от 01.09.2026, Акимат …" when the printout is as approved in
    /// an edition: its title block says so.
    pub fn approved_line(&self) -> Option<String> {
        let act = self.approved.as_ref()?;
        let lang = self.lang;
        let date = crate::format::date(act.date, lang);
        let of = crate::words::Word::ActOf.text(lang);
        let act_text = if lang == Lang::Kk {
            format!("{date} {of} {}", act.number)
        } else {
            format!("{} {of} {date}", act.number)
        };
        Some(format!("{}: {act_text}, {}", crate::words::Word::AsApproved.text(lang), act.body))
    }

    /// "Filters: … · as of <date>": what every printout says of what it shows.
    pub fn filters_as_of(&self) -> String {
        let lang = self.lang;
        let filters = if self.filters.is_empty() { Word::NoFilters.text(lang) } else { &self.filters };
        format!(
            "{}: {filters} · {} {}",
            Word::Filters.text(lang),
            Word::AsOf.text(lang),
            crate::format::date(self.trace.printed_on, lang)
        )
    }

    pub fn sector_label(&self, code: Option<&str>) -> String {
        let Some(code) = code else { return String::new() };
        self.sectors.iter().find(|s| s.code == code).map(|s| self.lang.pick(&s.label)).unwrap_or_else(|| code.into())
    }

    pub fn source_label(&self, code: &str) -> String {
        self.sources.iter().find(|s| s.code == code).map(|s| self.lang.pick(&s.label)).unwrap_or_else(|| code.into())
    }

    /// Text and symbol sizes are multiplied by this (A3 prints larger).
    pub fn k(&self) -> f64 {
        self.setup.text_scale()
    }
}
