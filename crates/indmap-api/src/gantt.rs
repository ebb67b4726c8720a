//! The schedule chart of one project or of a filtered set (`indmap_core::gantt`): the window's
//! Gantt, the printed one and `indmap gantt` read this.

use crate::{Indmap, Result};
use indmap_core::ProjectFilter;
use indmap_core::gantt::{self, Lane};
use serde::Serialize;

/// The most projects one chart draws: past that, the filters must narrow the set.
pub const MOST_LANES: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gantt {
    /// Today's line (this database's clock), `2026-12-07`.
    pub today: String,
    /// The first and last day any bar falls on, today included.
    pub from: String,
    pub to: String,
    /// A lane per project, in the order the filter lists them; at most `MOST_LANES`.
    pub lanes: Vec<Lane>,
    /// How many projects the filter chose (more than the lanes when it chose too many).
    pub total: usize,
}

impl Indmap {
    /// The chart of the projects the filter lists, or of the one project named (its id or
    /// code), measured against the latest approved edition of their map.
    pub fn gantt(&self, filter: &ProjectFilter, project: Option<&str>) -> Result<Gantt> {
        let projects = match project {
            Some(id) => vec![self.find(id)?],
            None => self.list(filter)?,
        };
        self.gantt_of(&projects)
    }

    /// The chart of `projects` (the first `MOST_LANES` of them).
    pub(crate) fn gantt_of(&self, projects: &[indmap_core::Project]) -> Result<Gantt> {
        let total = projects.len();
        let shown = &projects[..total.min(MOST_LANES)];
        let baselines = self.baselines(shown)?;
        let cx = self.alert_context()?;
        let lanes: Vec<Lane> = shown.iter().map(|p| gantt::lane(p, baselines.get(&p.id), &cx)).collect();
        let (from, to) = gantt::span(&lanes, cx.today);
        Ok(Gantt { today: cx.today.to_string(), from: from.to_string(), to: to.to_string(), lanes, total })
    }
}
