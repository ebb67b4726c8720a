//! The settings users may change, each described once (`SETTINGS`): what it holds decides how
//! a value is checked, how the CLI lists it and how the window's settings dialog edits it.

use crate::{Error, Indmap, Result};
use indmap_core::reference::Label;
use indmap_core::{Money, Problems, Rule};
use serde::Serialize;

/// What a setting holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SettingKind {
    /// An amount in KZT, 0 or more; empty for none.
    Amount,
    /// quarter, month, half-year or year.
    Period,
    /// Whole days, 0 to 366.
    Days,
    /// A per cent, 0 to 100.
    Percent,
    /// A weight of the effectiveness index, 0 to 100.
    Weight,
    /// A whole number, 1 or more.
    Count,
    /// Text, at most 500 characters.
    Text,
}

/// The part of the work a setting belongs to: the window groups them so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SettingGroup {
    Map,
    Monitoring,
    Alerts,
    Effectiveness,
    Backups,
}

/// A setting: its key, what it holds, its value when none is set, and what it means in kk,
/// ru and en.
pub struct Setting {
    pub key: &'static str,
    pub kind: SettingKind,
    pub group: SettingGroup,
    /// What applies while it is not set ("" for nothing).
    pub default: &'static str,
    pub about: [&'static str; 3],
}

const fn setting(
    key: &'static str,
    kind: SettingKind,
    group: SettingGroup,
    default: &'static str,
    about: [&'static str; 3],
) -> Setting {
    Setting { key, kind, group, default, about }
}

use SettingGroup as G;
use SettingKind as K;

/// Every setting users may change.
pub const SETTINGS: &[Setting] = &[
    setting(
        "republican_threshold_kzt",
        K::Amount,
        G::Map,
        "",
        [
            "Жоба республикалық картаға жататын құн, ₸ (бос: тексерілмейді)",
            "Стоимость, с которой проект относится к республиканской карте, ₸ (пусто: не проверять)",
            "Cost in KZT from which a project belongs on the republican map (empty: no check)",
        ],
    ),
    setting(
        "monitoring_period",
        K::Period,
        G::Monitoring,
        "quarter",
        [
            "Жобалар қаншалықты жиі есеп береді: quarter, month, half-year немесе year",
            "Как часто проекты отчитываются: quarter, month, half-year или year",
            "How often projects report progress: quarter, month, half-year or year",
        ],
    ),
    setting(
        "report_deadline_days",
        K::Days,
        G::Monitoring,
        "10",
        [
            "Кезең аяқталғаннан кейін есеп тапсыру мерзімі, күн",
            "Через сколько дней после конца периода сдаются отчёты",
            "How many days after a period's end its reports are due",
        ],
    ),
    setting(
        "alert_late_days",
        K::Days,
        G::Alerts,
        "0",
        [
            "Мерзім өткеннен кейін іс-шара кешікті деп саналатын күндер",
            "Сколько дней после срока, прежде чем пункт считается просроченным",
            "Days past a due or planned date before an item is overdue",
        ],
    ),
    setting(
        "alert_slip_days",
        K::Days,
        G::Alerts,
        "30",
        [
            "Бекітілген жоспардан қанша күнге ығысу ескертуге жатады",
            "На сколько дней дата может уйти от утверждённого плана без сигнала",
            "Days past the approved baseline before a date has slipped",
        ],
    ),
    setting(
        "alert_financing_tolerance_pct",
        K::Percent,
        G::Alerts,
        "1",
        [
            "Қаржыландыру құннан қанша пайызға ауытқи алады",
            "На сколько процентов стоимости финансирование может расходиться с ней",
            "How far, in % of the cost, the financing may be from the cost",
        ],
    ),
    setting(
        crate::METHODOLOGY_NAME,
        K::Text,
        G::Effectiveness,
        "",
        [
            "Қолдау тиімділігін бағалаудың бекітілген әдістемесі (есепте көрсетіледі)",
            "Утверждённая методика оценки эффективности поддержки (указывается в отчёте)",
            "The approved methodology of the effectiveness of support, as its report cites it",
        ],
    ),
    setting(
        "effect_weight_investment",
        K::Weight,
        G::Effectiveness,
        "1",
        [
            "Индекстегі тартылған инвестицияның салмағы (0 — есептелмейді)",
            "Вес привлечённых инвестиций в индексе (0 — не учитывать)",
            "Weight of investment attracted in the index (0 leaves it out)",
        ],
    ),
    setting(
        "effect_weight_jobs",
        K::Weight,
        G::Effectiveness,
        "1",
        [
            "Индекстегі тұрақты жұмыс орындарының салмағы",
            "Вес постоянных рабочих мест в индексе",
            "Weight of permanent jobs in the index",
        ],
    ),
    setting(
        "effect_weight_output",
        K::Weight,
        G::Effectiveness,
        "1",
        ["Индекстегі өнім шығарудың салмағы", "Вес выпуска продукции в индексе", "Weight of output in the index"],
    ),
    setting(
        "effect_weight_taxes",
        K::Weight,
        G::Effectiveness,
        "1",
        ["Индекстегі салықтардың салмағы", "Вес налогов в индексе", "Weight of taxes in the index"],
    ),
    setting(
        "effect_weight_exports",
        K::Weight,
        G::Effectiveness,
        "1",
        ["Индекстегі экспорттың салмағы", "Вес экспорта в индексе", "Weight of exports in the index"],
    ),
    setting(
        "backups_keep",
        K::Count,
        G::Backups,
        "20",
        [
            "Қанша сақтық көшірме сақталады (ең жаңалары)",
            "Сколько резервных копий хранить (самые новые)",
            "How many backups are kept, newest first",
        ],
    ),
    setting(
        "backups_max_mb",
        K::Count,
        G::Backups,
        "20000",
        [
            "Барлық сақтық көшірмелердің ең көп көлемі, МБ (ескілері бірінші өшеді)",
            "Наибольший объём всех резервных копий, МБ (старые удаляются первыми)",
            "The most megabytes all backups together take; the oldest go first",
        ],
    ),
];

/// A setting as the window shows it: what it is, its value now (none: its default applies).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SettingView {
    pub key: String,
    pub kind: SettingKind,
    pub group: SettingGroup,
    pub default: String,
    pub about: Label,
    pub value: Option<String>,
}

impl Setting {
    fn find(key: &str) -> Option<&'static Setting> {
        SETTINGS.iter().find(|s| s.key == key)
    }

    /// The setting `key`, or the refusal that names the settings there are.
    fn known(key: &str) -> Result<&'static Setting> {
        Setting::find(key).ok_or_else(|| {
            let mut problems = Problems::new();
            let known: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
            problems.error(
                key,
                Rule::SettingUnknown,
                format!("is not a setting; the settings are {}", known.join(", ")),
            );
            Error::invalid(problems)
        })
    }

    /// The problem with `value`, if it is not what the setting holds.
    fn check(&self, value: &str, problems: &mut Problems) {
        let v = value.trim();
        let (ok, rule, what) = match self.kind {
            K::Amount => (
                v.is_empty() || Money::parse_decimal(v).is_ok_and(|m| !m.is_negative()),
                Rule::SettingAmount,
                "an amount in KZT, 0 or more (or empty)",
            ),
            K::Period => (
                indmap_core::monitoring::Every::parse(v).is_some(),
                Rule::SettingPeriod,
                "quarter, month, half-year or year",
            ),
            K::Days => {
                (v.parse::<u32>().is_ok_and(|n| n <= 366), Rule::SettingDays, "a whole number of days, from 0 to 366")
            }
            K::Percent => (
                v.parse::<f64>().is_ok_and(|n| (0.0..=100.0).contains(&n)),
                Rule::PercentRange,
                "a per cent, from 0 to 100",
            ),
            K::Weight => (
                v.parse::<f64>().is_ok_and(|n| (0.0..=100.0).contains(&n)),
                Rule::SettingWeight,
                "a weight from 0 to 100 (0 leaves the indicator out)",
            ),
            K::Count => (v.parse::<u64>().is_ok_and(|n| n >= 1), Rule::SettingCount, "a whole number, 1 or more"),
            K::Text => (value.chars().count() <= 500, Rule::TextTooLong, "at most 500 characters"),
        };
        if !ok {
            problems.error(self.key, rule, format!("must be {what}; got {value:?}"));
        }
    }
}

impl Indmap {
    /// A setting read as a `T`, or `default` when it is not set (`set_setting` checked it).
    pub(crate) fn setting_or<T: std::str::FromStr>(&self, key: &str, default: T) -> Result<T> {
        Ok(self.store.setting(key)?.and_then(|v| v.trim().parse().ok()).unwrap_or(default))
    }

    /// Every setting with its value now, in the order the window shows them.
    pub fn setting_views(&self) -> Result<Vec<SettingView>> {
        let set: std::collections::HashMap<String, String> = self.store.settings()?.into_iter().collect();
        Ok(SETTINGS
            .iter()
            .map(|s| SettingView {
                key: s.key.to_owned(),
                kind: s.kind,
                group: s.group,
                default: s.default.to_owned(),
                about: Label::new(s.about[0], s.about[1], s.about[2]),
                value: set.get(s.key).cloned(),
            })
            .collect())
    }

    /// Sets `key` to `value`, or with none back to its default; answers every setting as it
    /// now is (the window's settings dialog).
    pub fn change_setting(&mut self, key: &str, value: Option<&str>) -> Result<Vec<SettingView>> {
        match value {
            Some(v) => self.set_setting(key, v)?,
            None => self.clear_setting(key)?,
        }
        self.setting_views()
    }

    /// Removes the setting `key`, so its default applies again.
    pub fn clear_setting(&mut self, key: &str) -> Result<()> {
        Setting::known(key)?;
        let author = self.author();
        Ok(self.store.write(&author, |w| w.clear_setting(key))?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let mut problems = Problems::new();
        Setting::known(key)?.check(value, &mut problems);
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let author = self.author();
        Ok(self.store.write(&author, |w| w.set_setting(key, value))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indmap_core::alert::Thresholds;
    use indmap_core::effectiveness::{Indicator, Methodology};

    fn default_of(key: &str) -> &'static str {
        Setting::find(key).unwrap_or_else(|| panic!("{key} is a setting")).default
    }

    /// The defaults the window and the CLI show are those the code applies.
    #[test]
    fn every_default_shown_is_the_one_that_applies() {
        let t = Thresholds::default();
        assert_eq!(default_of("alert_late_days"), t.late_days.to_string());
        assert_eq!(default_of("alert_slip_days"), t.slip_days.to_string());
        assert_eq!(default_of("alert_financing_tolerance_pct").parse::<f64>().unwrap(), t.financing_tolerance_pct);
        assert_eq!(default_of("report_deadline_days"), indmap_core::monitoring::DEADLINE_DAYS.to_string());
        assert_eq!(
            indmap_core::monitoring::Every::parse(default_of("monitoring_period")),
            Some(indmap_core::monitoring::Every::Quarter)
        );
        let r = crate::Retention::default();
        assert_eq!(
            (default_of("backups_keep"), default_of("backups_max_mb")),
            (&*r.keep.to_string(), &*r.max_mb.to_string())
        );
        let m = Methodology::default();
        for i in Indicator::ALL {
            let s = Setting::find(i.weight_setting()).expect("every indicator's weight is a setting");
            assert_eq!((s.kind, s.default.parse::<f64>().unwrap()), (SettingKind::Weight, m.weight(i)));
        }
    }

    #[test]
    fn each_kind_refuses_what_it_does_not_hold_by_its_rule() {
        let refused = |key: &str, value: &str| {
            let mut p = Problems::new();
            Setting::find(key).unwrap().check(value, &mut p);
            p.into_iter().next().map(|p| p.rule)
        };
        assert_eq!(refused("republican_threshold_kzt", ""), None);
        assert_eq!(refused("republican_threshold_kzt", "-5"), Some(Rule::SettingAmount));
        assert_eq!(refused("monitoring_period", "week"), Some(Rule::SettingPeriod));
        assert_eq!(refused("alert_slip_days", " 45 "), None);
        assert_eq!(refused("alert_slip_days", "400"), Some(Rule::SettingDays));
        assert_eq!(refused("alert_financing_tolerance_pct", "100.5"), Some(Rule::PercentRange));
        assert_eq!(refused("effect_weight_jobs", "0"), None);
        assert_eq!(refused("effect_weight_jobs", "x"), Some(Rule::SettingWeight));
        assert_eq!(refused("backups_keep", "0"), Some(Rule::SettingCount));
        assert_eq!(refused(crate::METHODOLOGY_NAME, &"ә".repeat(501)), Some(Rule::TextTooLong));
    }
}
