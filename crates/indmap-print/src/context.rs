//! What every printout needs besides the projects: the language, the paper, the editable lists
//! whose labels it prints, and where the data came from.

use crate::lang::Lang;
use crate::paper::PageSetup;
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
        }
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
