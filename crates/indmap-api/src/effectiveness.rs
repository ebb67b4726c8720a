//! The effectiveness of state support for the filtered set (`indmap_core::effectiveness`),
//! weighed by the methodology the settings hold: the window's view, `indmap effectiveness`
//! and its report read this.

use crate::{Indmap, Result};
use indmap_core::ProjectFilter;
use indmap_core::effectiveness::{self, Effectiveness, Indicator, Methodology, Weight};

/// The setting that names the approved methodology the report cites.
pub const METHODOLOGY_NAME: &str = "effect_methodology";

impl Indmap {
    /// The support the projects the filter lists received (of `year` only, if given) against
    /// what they achieved.
    pub fn effectiveness(&self, filter: &ProjectFilter, year: Option<i32>) -> Result<Effectiveness> {
        let projects = self.list(filter)?;
        self.effectiveness_of(&projects, year)
    }

    pub(crate) fn effectiveness_of(
        &self,
        projects: &[indmap_core::Project],
        year: Option<i32>,
    ) -> Result<Effectiveness> {
        Ok(effectiveness::of(projects, &self.methodology()?, year))
    }

    /// The weights and the name of the methodology, from the settings (equal weights where
    /// none is set).
    pub fn methodology(&self) -> Result<Methodology> {
        let defaults = Methodology::default();
        let weights = Indicator::ALL
            .into_iter()
            .map(|indicator| {
                Ok(Weight {
                    indicator,
                    weight: self.setting_or(indicator.weight_setting(), defaults.weight(indicator))?,
                })
            })
            .collect::<Result<_>>()?;
        let name = self.store.setting(METHODOLOGY_NAME)?.filter(|n| !n.trim().is_empty());
        Ok(Methodology { name, weights })
    }
}
