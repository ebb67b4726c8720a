//! Money: the project's cost, its financing plan by source and year, the cost as a foreign
//! investor stated it, and the state support measures it receives.

use crate::draw::{Draw, Lang, TENTH_MLN};
use crate::names;
use crate::schedule::Timeline;
use chrono::Datelike;
use indmap_core::reference::FinancingStatus;
use indmap_core::{FinancingRow, Money, OriginalCost, SupportReceived};

pub(crate) const MIN_COST_MLN: f64 = 100.0;
pub(crate) const MAX_COST_MLN: f64 = 400_000.0;
/// Republican projects in the sample cost at least this much; a sample choice, not a rule (the
/// rule's threshold is a setting).
pub(crate) const REPUBLICAN_MIN_MLN: f64 = 50_000.0;

/// A cost in 0.1 mln steps and its position (0 to 1) on a log scale from 100 mln to 400 bn.
/// Regional costs are log-uniform-ish with a hump around 2 bn, as on published maps; capital-heavy
/// sectors run larger.
pub(crate) fn cost(draw: &mut Draw, republican: bool, heavy: bool) -> (Money, f64) {
    let (lo, hi, t) = if republican {
        (REPUBLICAN_MIN_MLN, MAX_COST_MLN, draw.unit())
    } else {
        let t = (draw.unit() + draw.unit()) / 2.0;
        (MIN_COST_MLN, REPUBLICAN_MIN_MLN, if heavy { t.sqrt() } else { t })
    };
    let mln = (lo.ln() + t * (hi.ln() - lo.ln())).exp();
    // Regional projects stay below the republican minimum, republican ones within the maximum.
    let tenths = ((mln * 10.0).round() as i64).clamp((lo * 10.0) as i64, (hi * 10.0) as i64 - i64::from(!republican));
    let cost = Money(tenths * TENTH_MLN);
    (cost, size(cost))
}

/// Where a cost lies between 100 mln (0) and 400 bn (1) on a log scale.
pub(crate) fn size(cost: Money) -> f64 {
    let mln = cost.0 as f64 / (100.0 * 1e6);
    ((mln.ln() - MIN_COST_MLN.ln()) / (MAX_COST_MLN.ln() - MIN_COST_MLN.ln())).clamp(0.0, 1.0)
}

/// What the financing plan depends on.
pub(crate) struct Plan<'a> {
    pub cost: Money,
    pub sector: &'a str,
    pub republican: bool,
    pub timeline: &'a Timeline,
    /// Share of the cost invested by today, 0 to 1.
    pub invested: f64,
    pub lang: Lang,
}

/// 1 to 4 rows by year. They add up to the cost, except in about 1 project in 10 whose plan is
/// left out of step with a revised cost, as happens on real maps (a warning, not an error).
pub(crate) fn financing(draw: &mut Draw, plan: &Plan) -> Vec<FinancingRow> {
    let count = *draw.weighted(&[(1usize, 15), (2, 40), (3, 30), (4, 15)]);
    let sources = sources(draw, plan, count);
    let total = plan.cost.0 / TENTH_MLN;
    // Own funds are usually the smaller part; loans and investors carry the rest.
    let weights: Vec<i64> =
        sources.iter().map(|s| if *s == "own_funds" { draw.range(1..=4) } else { draw.range(2..=10) }).collect();
    let amounts = split(total, &weights);

    let (first_year, last_year) = (year(plan.timeline.start), year(plan.timeline.planned));
    let mut rows: Vec<(&str, i64, i32)> = sources
        .iter()
        .zip(amounts)
        .map(|(source, tenths)| {
            // Own funds go in first; the rest any year of the span.
            let y = if *source == "own_funds" { first_year } else { draw.range(first_year..=last_year) };
            (*source, tenths, y)
        })
        .collect();
    rows.sort_by_key(|&(_, _, y)| y);

    if draw.chance(0.1) {
        unbalance(draw, &mut rows);
    }

    let mut cumulative = 0;
    rows.into_iter()
        .map(|(source, tenths, y)| {
            cumulative += tenths;
            let status = row_status(plan, cumulative as f64 / total as f64, y);
            let note = match source {
                "fdi" => Some(names::investor_country(draw, plan.lang)),
                "ifi" => Some(names::ifi(draw, plan.lang).to_owned()),
                _ => None,
            };
            FinancingRow {
                id: draw.id(),
                source: source.to_owned(),
                amount: Money(tenths * TENTH_MLN),
                year: y,
                status,
                note,
            }
        })
        .collect()
}

fn year(date: chrono::NaiveDate) -> i32 {
    chrono::Datelike::year(&date)
}

/// Distinct sources that suit the project: small ones borrow from Damu, large ones from the
/// Development Bank, farms from the Agrarian Credit Corporation, and so on.
fn sources(draw: &mut Draw, plan: &Plan, count: usize) -> Vec<&'static str> {
    let bn = plan.cost.0 as f64 / (100.0 * 1e9);
    let agro = plan.sector == "agro_food";
    let mut pool: Vec<(&'static str, u32)> = vec![
        ("bank_loans", 30),
        ("dbk", if bn >= 5.0 { 20 } else { 3 }),
        ("idf", if (0.5..=20.0).contains(&bn) { 15 } else { 2 }),
        ("damu", if bn < 5.0 { 15 } else { 0 }),
        ("baiterek", 8),
        ("agrarian_credit", if agro { 25 } else { 0 }),
        ("fdi", if plan.republican { 30 } else { 15 }),
        ("ifi", if bn >= 10.0 { 6 } else { 0 }),
        ("samruk_kazyna", if plan.republican { 10 } else { 1 }),
        ("republican_budget", 3),
        ("local_budget", 3),
        ("national_fund", if plan.republican { 2 } else { 0 }),
    ];
    let mut chosen = Vec::with_capacity(count);
    if draw.chance(0.75) {
        chosen.push("own_funds");
    }
    while chosen.len() < count {
        let index = draw.weighted_index(pool.iter().map(|(_, w)| *w));
        chosen.push(pool[index].0);
        pool[index].1 = 0;
    }
    chosen
}

/// Splits `total` into parts proportional to `weights`, each at least 1, adding up exactly.
fn split(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| (total * w / sum).max(1)).collect();
    let rest = total - parts.iter().sum::<i64>();
    // The largest part absorbs rounding; costs of 1,000+ tenths leave it far above 1.
    let largest = (0..parts.len()).max_by_key(|&i| parts[i]).expect("at least one part");
    parts[largest] += rest;
    parts
}

/// Moves one row by 3–15 %, so the plan no longer adds up to the cost.
fn unbalance(draw: &mut Draw, rows: &mut [(&str, i64, i32)]) {
    let i = draw.range(0..rows.len());
    let delta = ((rows[i].1 as f64 * draw.range(0.03..0.15)).round() as i64).max(1);
    if draw.chance(0.5) && rows[i].1 > delta {
        rows[i].1 -= delta;
    } else {
        rows[i].1 += delta;
    }
}

/// Money already invested is disbursed; the rest is committed on projects on a map (planned
/// for later years), and only planned before the project is on one.
fn row_status(plan: &Plan, cumulative_share: f64, row_year: i32) -> FinancingStatus {
    if !crate::schedule::is_on_map(plan.timeline.status) {
        FinancingStatus::Planned
    } else if cumulative_share <= plan.invested + 1e-9 {
        FinancingStatus::Disbursed
    } else if row_year <= 2026 {
        FinancingStatus::Committed
    } else {
        FinancingStatus::Planned
    }
}

/// The cost in US dollars at a rate of 470–520 tenge, for some projects of foreign investors.
pub(crate) fn original_cost(draw: &mut Draw, cost: Money) -> OriginalCost {
    let rate = f64::from(draw.range(47_000..=52_000)) / 100.0;
    // Tiyn per tenge and cents per dollar are both 100, so tiyn / rate gives cents.
    let cents = (cost.0 as f64 / rate).round() as i64;
    OriginalCost { currency: "USD".into(), amount: Money(cents), rate }
}

/// How often each of the 13 measures of Art. 20 p.2 is received: financing, subsidised rates,
/// infrastructure and land are the common ones.
const MEASURE_WEIGHTS: [u32; 13] = [15, 6, 10, 12, 3, 4, 3, 5, 12, 10, 6, 8, 6];

/// Measures that come with money.
fn is_financial(measure: u8) -> bool {
    matches!(measure, 1..=5 | 7)
}

/// 0 to 3 distinct support measures, with amounts for the financial ones, given one a year from
/// the start of works (no later than the planned commissioning or 2026). The years are not drawn,
/// so the rest of the sample stays as it was before support had a year.
pub(crate) fn support_measures(draw: &mut Draw, cost: Money, timeline: &Timeline, lang: Lang) -> Vec<SupportReceived> {
    let last_year = timeline.planned.year().min(2026);
    let count = *draw.weighted(&[(0usize, 30), (1, 35), (2, 25), (3, 10)]);
    let mut weights = MEASURE_WEIGHTS;
    let mut measures: Vec<u8> = (0..count)
        .map(|_| {
            let index = draw.weighted_index(weights.iter().copied());
            weights[index] = 0;
            index as u8 + 1
        })
        .collect();
    measures.sort_unstable();
    measures
        .into_iter()
        .zip(timeline.start.year()..)
        .map(|(measure, year)| {
            let amount = if is_financial(measure) {
                Some(draw.share(cost, 0.02, 0.4))
            } else if measure == 9 {
                Some(draw.share(cost, 0.01, 0.1))
            } else {
                None
            };
            let note = match measure {
                1 => Some(lang.pick("«Өнеркәсіпті дамыту қоры» АҚ арқылы", "Через АО «Фонд развития промышленности»")),
                4 => Some(lang.pick("«Даму» қоры арқылы", "Через фонд «Даму»")),
                12 => Some(lang.pick("Kazakh Invest сүйемелдеуі", "Сопровождение Kazakh Invest")),
                _ => None,
            };
            SupportReceived {
                id: draw.id(),
                measure,
                year: Some(year.min(last_year).max(1990)),
                amount,
                note: note.map(str::to_owned),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_adds_up_exactly() {
        assert_eq!(split(1000, &[1, 1, 1]).iter().sum::<i64>(), 1000);
        assert_eq!(split(1001, &[3, 7]), vec![300, 701]);
        assert!(split(4, &[1, 100, 100, 100]).iter().all(|&p| p >= 1));
    }

    #[test]
    fn costs_stay_in_range() {
        let mut draw = Draw::new(1, 0, 0);
        for i in 0..10_000 {
            let republican = i % 10 == 0;
            let (cost, size) = cost(&mut draw, republican, i % 3 == 0);
            let mln = cost.0 / (100 * 1_000_000);
            assert!((100..=400_000).contains(&mln), "{mln}");
            assert_eq!(cost.0 % TENTH_MLN, 0);
            assert_eq!(republican, mln >= 50_000);
            assert!((0.0..=1.0).contains(&size));
        }
    }
}
