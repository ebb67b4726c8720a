//! The rules a project must follow (errors refuse it) and the ones users want to hear about
//! (warnings accept it). Every problem names the field and the rule.

use crate::Rule;
use crate::geography;
use crate::money::Money;
use crate::problem::Problems;
use crate::project::{Project, is_valid_period};
use crate::reference::{MapLevel, Status};
use geo::InteriorPoint;
use std::collections::HashSet;

/// What the rules need to know beyond the project: the editable lists and the settings.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub sectors: HashSet<String>,
    pub financing_sources: HashSet<String>,
    /// The cost from which a project belongs on the republican map. A setting, since the
    /// threshold has changed over the years.
    pub republican_threshold: Option<Money>,
}

pub fn check(p: &Project, rules: &Rules) -> Problems {
    let mut problems = Problems::new();
    check_amounts(p, &mut problems);
    check_schedule(p, &mut problems);
    check_codes(p, rules, &mut problems);
    check_percentages(p, &mut problems);
    check_location_region(p, &mut problems);
    check_level(p, rules, &mut problems);
    check_bin(p, &mut problems);
    problems
}

fn not_negative(problems: &mut Problems, field: String, amount: Option<Money>) {
    if amount.is_some_and(Money::is_negative) {
        problems.error(field, Rule::MoneyNegative, "must not be negative");
    }
}

fn check_amounts(p: &Project, problems: &mut Problems) {
    not_negative(problems, "cost_kzt".into(), p.cost);
    if let Some(original) = &p.cost_original {
        not_negative(problems, "cost_original.amount".into(), Some(original.amount));
        if !(original.rate.is_finite() && original.rate > 0.0) {
            problems.error("cost_original.rate", Rule::RatePositive, "must be a positive number of tenge per unit");
        }
    }
    for (i, f) in p.financing.iter().enumerate() {
        not_negative(problems, format!("financing[{i}].amount_kzt"), Some(f.amount));
    }
    for (i, s) in p.support_measures.iter().enumerate() {
        not_negative(problems, format!("support_measures[{i}].amount_kzt"), s.amount);
    }
    for (i, m) in p.monitoring.iter().enumerate() {
        for (name, amount) in [
            ("investment_kzt", m.investment),
            ("output_kzt", m.output),
            ("exports_usd", m.exports_usd),
            ("taxes_kzt", m.taxes),
        ] {
            not_negative(problems, format!("monitoring[{i}].{name}"), amount);
        }
    }
    if let (Some(cost), false) = (p.cost, p.financing.is_empty()) {
        let total = p.financing_total();
        if total != cost {
            problems.warning(
                "financing",
                Rule::FinancingTotal,
                format!(
                    "adds up to {} KZT, but cost_kzt is {} KZT",
                    total.to_decimal_string(),
                    cost.to_decimal_string()
                ),
            );
        }
    }
}

fn check_schedule(p: &Project, problems: &mut Problems) {
    if let Some(start) = p.start_date {
        for (field, date) in [
            ("commissioning_planned", p.commissioning_planned),
            ("commissioning_actual", p.commissioning_actual),
            ("design_capacity_date", p.design_capacity_date),
        ] {
            if date.is_some_and(|d| d < start) {
                problems.error(field, Rule::ScheduleBeforeStart, format!("must not be before start_date ({start})"));
            }
        }
    }
    if let (Some(commissioned), Some(capacity)) = (p.commissioning_actual, p.design_capacity_date)
        && capacity < commissioned
    {
        problems.error(
            "design_capacity_date",
            Rule::ScheduleBeforeCommissioning,
            format!("must not be before commissioning_actual ({commissioned})"),
        );
    }
    if p.status.is_commissioned() && p.commissioning_actual.is_none() {
        problems.warning(
            "commissioning_actual",
            Rule::ScheduleCommissionedWithoutDate,
            format!("is empty, but the status is {}", p.status),
        );
    }
    for (i, a) in p.actions.iter().enumerate() {
        if a.done.is_some() && a.status != crate::reference::ActionStatus::Done {
            problems.warning(format!("actions[{i}].done"), Rule::ActionDoneDate, "is set, but the status is not done");
        }
    }
    for (i, m) in p.milestones.iter().enumerate() {
        if m.planned.is_none() && m.actual.is_none() {
            problems.warning(
                format!("milestones[{i}]"),
                Rule::MilestoneUndated,
                "has neither a planned nor an actual date",
            );
        }
    }
    for (i, m) in p.monitoring.iter().enumerate() {
        if !is_valid_period(&m.period) {
            problems.error(
                format!("monitoring[{i}].period"),
                Rule::PeriodFormat,
                format!("must be written 2026-Q3, 2026-H1, 2026-07 or 2026; got {:?}", m.period),
            );
        }
        if p.monitoring[..i].iter().any(|earlier| earlier.period == m.period) {
            problems.error(
                format!("monitoring[{i}].period"),
                Rule::PeriodTwice,
                format!("{} has a report already: a project has one report a period", m.period),
            );
        }
    }
    if let (Some(included), Some(excluded)) = (p.inclusion_date, p.exclusion_date)
        && excluded < included
    {
        problems.error(
            "exclusion_date",
            Rule::ScheduleExclusionBeforeInclusion,
            format!("must not be before inclusion_date ({included})"),
        );
    }
    if p.status == Status::Excluded && p.exclusion_reason.is_none() {
        problems.warning("exclusion_reason", Rule::ExclusionReason, "is empty: say why the project was excluded");
    }
}

fn check_codes(p: &Project, rules: &Rules, problems: &mut Problems) {
    if let Some(sector) = &p.sector
        && !rules.sectors.contains(sector)
    {
        problems.error(
            "sector",
            Rule::CodeUnknown,
            format!("{sector:?} is not in the sector list (see `indmap reference`)"),
        );
    }
    for (i, f) in p.financing.iter().enumerate() {
        if !rules.financing_sources.contains(&f.source) {
            problems.error(
                format!("financing[{i}].source"),
                Rule::CodeUnknown,
                format!("{:?} is not in the financing-source list (see `indmap reference`)", f.source),
            );
        }
    }
    if let Some(oked) = &p.oked {
        let well_formed = oked.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            && oked.bytes().filter(u8::is_ascii_digit).count() <= 5;
        if !well_formed {
            problems.warning(
                "oked",
                Rule::OkedFormat,
                format!("{oked:?} does not look like an OKED code (e.g. 24.10 or 24101)"),
            );
        }
    }
}

fn check_percentages(p: &Project, problems: &mut Problems) {
    let mut pct = |field: String, value: Option<f64>| {
        if value.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
            problems.error(field, Rule::PercentRange, "must be a percentage from 0 to 100");
        }
    };
    pct("local_content_labour_pct".into(), p.local_content_labour_pct);
    pct("local_content_goods_pct".into(), p.local_content_goods_pct);
    for (i, m) in p.monitoring.iter().enumerate() {
        pct(format!("monitoring[{i}].progress_pct"), m.progress_pct);
        pct(format!("monitoring[{i}].utilisation_pct"), m.utilisation_pct);
        pct(format!("monitoring[{i}].local_content_pct"), m.local_content_pct);
    }
    if let Some(capacity) = &p.capacity
        && !(capacity.value.is_finite() && capacity.value >= 0.0)
    {
        problems.error("capacity.value", Rule::NumberRange, "must be a number, 0 or more");
    }
}

/// The location must be in Kazakhstan (checked while reading it); here we only say when it lies
/// in another region than the one chosen, since boundaries on file may be coarser than reality.
fn check_location_region(p: &Project, problems: &mut Problems) {
    let Some(point) = p.location.as_ref().and_then(|g| g.interior_point()) else { return };
    match geography::boundaries().region_at(point) {
        Some(found) if found.kato != p.region.as_str() => problems.warning(
            "geometry",
            Rule::LocationOtherRegion,
            format!(
                "lies in {} ({}), not in {} ({}) chosen in region",
                found.name_en,
                found.kato,
                p.region.region().name_en,
                p.region
            ),
        ),
        _ => {}
    }
}

fn check_level(p: &Project, rules: &Rules, problems: &mut Problems) {
    if let (Some(cost), Some(threshold)) = (p.cost, rules.republican_threshold) {
        let threshold_text = threshold.to_decimal_string();
        match p.level {
            MapLevel::Republican if cost < threshold => problems.warning(
                "level",
                Rule::LevelThreshold,
                format!("is republican, but cost_kzt is below the republican threshold of {threshold_text} KZT set in settings"),
            ),
            MapLevel::Regional if cost >= threshold => problems.warning(
                "level",
                Rule::LevelThreshold,
                format!("is regional, but cost_kzt reaches the republican threshold of {threshold_text} KZT set in settings"),
            ),
            _ => {}
        }
    }
    if lacks_expertise(p) {
        problems.warning(
            "local_content_expertise_date",
            Rule::LocalContentExpertise,
            "is empty: a project on the republican map needs a local-content expertise (Art. 1 p.2)",
        );
    }
}

/// A project on the republican map without its local-content expertise (Art. 1 p.2).
pub fn lacks_expertise(p: &Project) -> bool {
    p.level == MapLevel::Republican && p.local_content_expertise_date.is_none()
}

fn check_bin(p: &Project, problems: &mut Problems) {
    if p.initiator_bin.as_ref().is_some_and(|b| !b.check_digit_ok()) {
        problems.warning(
            "initiator_bin",
            Rule::BinCheckDigit,
            "has a check digit that does not match; check the number for a typo",
        );
    }
}
