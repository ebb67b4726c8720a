//! Plan against actual for the filtered set (`indmap_core::dashboard`): the window's dashboard,
//! `indmap dashboard` and its workbook read this.

use crate::{Indmap, Result};
use indmap_core::ProjectFilter;
use indmap_core::dashboard::{self, Dashboard};

impl Indmap {
    /// The dashboard of the projects the filter lists, on-time measured against the latest
    /// approved edition of their map, on this database's today.
    pub fn dashboard(&self, filter: &ProjectFilter) -> Result<Dashboard> {
        let projects = self.list(filter)?;
        self.dashboard_of(&projects)
    }

    pub(crate) fn dashboard_of(&self, projects: &[indmap_core::Project]) -> Result<Dashboard> {
        let baselines = self.baselines(projects)?;
        Ok(dashboard::of(projects, &baselines, self.env.clock.now().date_naive()))
    }
}
