//! The settings users may change.

use crate::{Error, Indmap, Result};
use indmap_core::Money;
use indmap_core::Rule;
use indmap_core::effectiveness::Indicator;

/// The settings users may change, with what they mean.
pub const SETTINGS: &[(&str, &str)] = &[
    ("republican_threshold_kzt", "cost in KZT from which a project belongs on the republican map (empty: no check)"),
    ("monitoring_period", "how often projects report progress: quarter, month, half-year or year"),
    ("report_deadline_days", "how many days after a period's end its reports are due (default 10)"),
    ("alert_late_days", "days past a due or planned date before an item is overdue (default 0)"),
    ("alert_slip_days", "days past the approved baseline before a date has slipped (default 30)"),
    ("alert_financing_tolerance_pct", "how far, in % of the cost, the financing may be from the cost (default 1)"),
    ("effect_methodology", "the approved methodology of the effectiveness of support, as its report cites it"),
    (
        "effect_weight_investment",
        "weight of investment attracted in the effectiveness index (default 1; 0 leaves it out)",
    ),
    ("effect_weight_jobs", "weight of permanent jobs in the effectiveness index (default 1)"),
    ("effect_weight_output", "weight of output in the effectiveness index (default 1)"),
    ("effect_weight_taxes", "weight of taxes in the effectiveness index (default 1)"),
    ("effect_weight_exports", "weight of exports in the effectiveness index (default 1)"),
    ("backups_keep", "how many backups are kept, newest first (default 20)"),
    ("backups_max_mb", "the most megabytes all backups together take; the oldest go first (default 20000)"),
];

impl Indmap {
    /// A setting read as a `T`, or `default` when it is not set (`set_setting` checked it).
    pub(crate) fn setting_or<T: std::str::FromStr>(&self, key: &str, default: T) -> Result<T> {
        Ok(self.store.setting(key)?.and_then(|v| v.trim().parse().ok()).unwrap_or(default))
    }

    pub fn settings(&self) -> Result<Vec<(String, String)>> {
        Ok(self.store.settings()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let mut problems = indmap_core::Problems::new();
        match key {
            "republican_threshold_kzt" if !value.is_empty() => {
                if !Money::parse_decimal(value).is_ok_and(|m| !m.is_negative()) {
                    problems.error(
                        key,
                        Rule::SettingAmount,
                        format!("must be an amount in KZT, 0 or more; got {value:?}"),
                    );
                }
            }
            "republican_threshold_kzt" => {}
            "backups_keep" | "backups_max_mb" => {
                if !value.parse::<u64>().is_ok_and(|n| n >= 1) {
                    problems.error(
                        key,
                        Rule::SettingCount,
                        format!("must be a whole number, 1 or more; got {value:?}"),
                    );
                }
            }
            "report_deadline_days" | "alert_late_days" | "alert_slip_days" => {
                if !value.trim().parse::<u32>().is_ok_and(|n| n <= 366) {
                    problems.error(
                        key,
                        Rule::SettingDays,
                        format!("must be a whole number of days, from 0 to 366; got {value:?}"),
                    );
                }
            }
            "alert_financing_tolerance_pct" => {
                if !value.trim().parse::<f64>().is_ok_and(|n| (0.0..=100.0).contains(&n)) {
                    problems.error(
                        key,
                        Rule::PercentRange,
                        format!("must be a per cent, from 0 to 100; got {value:?}"),
                    );
                }
            }
            weight if Indicator::ALL.iter().any(|i| i.weight_setting() == weight) => {
                if !value.trim().parse::<f64>().is_ok_and(|n| (0.0..=100.0).contains(&n)) {
                    problems.error(
                        key,
                        Rule::SettingWeight,
                        format!("must be a weight from 0 to 100 (0 leaves the indicator out); got {value:?}"),
                    );
                }
            }
            crate::METHODOLOGY_NAME => {
                if value.chars().count() > 500 {
                    problems.error(
                        key,
                        Rule::TextTooLong,
                        "must be at most 500 characters: the methodology's title and number",
                    );
                }
            }
            "monitoring_period" => {
                if indmap_core::monitoring::Every::parse(value).is_none() {
                    problems.error(
                        key,
                        Rule::SettingPeriod,
                        format!("must be quarter, month, half-year or year; got {value:?}"),
                    );
                }
            }
            _ => {
                let known: Vec<&str> = SETTINGS.iter().map(|(k, _)| *k).collect();
                problems.error(
                    key,
                    Rule::SettingUnknown,
                    format!("is not a setting; the settings are {}", known.join(", ")),
                );
            }
        }
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let author = self.author();
        Ok(self.store.write(&author, |w| w.set_setting(key, value))?)
    }
}
