//! The reference lists: the regions, the closed lists of the domain and the editable ones.

use crate::{Error, Indmap, Result};
use indmap_core::Rule;
use indmap_core::reference::{self, ActionStatus, Criterion, FinancingStatus, Label, MapLevel, ReferenceItem, Status};
use indmap_store::ReferenceList;
use serde::Serialize;

/// The 20 regions with their names and centres.
pub fn regions() -> Vec<RegionInfo> {
    reference::REGIONS
        .iter()
        .map(|r| RegionInfo {
            kato: r.kato.into(),
            label: r.label(),
            centre_name: r.centre_name.into(),
            centre: [r.centre.1, r.centre.0],
        })
        .collect()
}

impl Indmap {
    /// Every reference list with its codes and labels: what files and forms refer to.
    pub fn reference(&self) -> Result<Reference> {
        fn closed<T: Copy>(all: &[T], code: fn(T) -> &'static str, label: fn(T) -> Label) -> Vec<ReferenceItem> {
            all.iter().map(|v| ReferenceItem { code: code(*v).into(), label: label(*v) }).collect()
        }
        Ok(Reference {
            levels: closed(MapLevel::ALL, MapLevel::code, MapLevel::label),
            statuses: closed(Status::ALL, Status::code, Status::label),
            criteria: closed(Criterion::ALL, Criterion::code, Criterion::label),
            financing_statuses: closed(FinancingStatus::ALL, FinancingStatus::code, FinancingStatus::label),
            action_statuses: closed(ActionStatus::ALL, ActionStatus::code, ActionStatus::label),
            support_measures: (1..=13u8)
                .filter_map(|n| reference::support_measure(n).map(|label| ReferenceItem { code: n.to_string(), label }))
                .collect(),
            sectors: self.store.reference(ReferenceList::Sectors)?,
            financing_sources: self.store.reference(ReferenceList::FinancingSources)?,
        })
    }

    /// Adds a sector or financing source, or changes its labels. Codes are what records carry,
    /// so a code once used is never renamed; labels may change freely.
    pub fn set_reference(&mut self, list: ReferenceList, code: &str, label: Label) -> Result<()> {
        let mut problems = indmap_core::Problems::new();
        let code_ok =
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !code_ok {
            problems.error(
                "code",
                Rule::ReferenceCode,
                format!("must be lowercase Latin letters, digits and _ (e.g. tourism); got {code:?}"),
            );
        }
        for (field, text) in [("kk", &label.kk), ("ru", &label.ru), ("en", &label.en)] {
            if text.trim().is_empty() {
                problems.error(
                    field,
                    Rule::ReferenceLabel,
                    "must not be empty: every item has a label in Kazakh, Russian and English",
                );
            }
        }
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let item =
            ReferenceItem { code: code.into(), label: Label::new(label.kk.trim(), label.ru.trim(), label.en.trim()) };
        let author = self.author();
        Ok(self.store.write(&author, |w| w.put_reference(list, &item))?)
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionInfo {
    pub kato: String,
    pub label: Label,
    pub centre_name: String,
    /// [longitude, latitude], as GeoJSON orders them.
    pub centre: [f64; 2],
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reference {
    pub levels: Vec<ReferenceItem>,
    pub statuses: Vec<ReferenceItem>,
    pub sectors: Vec<ReferenceItem>,
    pub financing_sources: Vec<ReferenceItem>,
    pub financing_statuses: Vec<ReferenceItem>,
    pub action_statuses: Vec<ReferenceItem>,
    pub support_measures: Vec<ReferenceItem>,
    pub criteria: Vec<ReferenceItem>,
}
