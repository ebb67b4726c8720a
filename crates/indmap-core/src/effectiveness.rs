//! What state support achieved (Art. 19 p.4): the support given against the investment
//! attracted, the permanent jobs, the output, the taxes and the exports of the projects that
//! received it, in totals and per tenge of support, by measure, region, sector and year of
//! support; and an index that weighs the indicators as the approved methodology says. The law
//! leaves the method to that methodology, so its weights are settings (`Methodology`), never
//! written here.
//!
//! A project's results are its own, to date: invested and jobs by its latest report, output,
//! taxes and exports over all its reports. A project supported by two measures (or in two years)
//! counts in each of their rows with all its results: the rows say what the projects a measure
//! reached achieved, and a total counts every project once.

use crate::dashboard::latest_report;
use crate::reference::Label;
use crate::{Money, Project};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// What the effectiveness of support is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    Investment,
    Jobs,
    Output,
    Taxes,
    Exports,
}

impl Indicator {
    pub const ALL: [Indicator; 5] =
        [Indicator::Investment, Indicator::Jobs, Indicator::Output, Indicator::Taxes, Indicator::Exports];

    pub fn code(self) -> &'static str {
        match self {
            Indicator::Investment => "investment",
            Indicator::Jobs => "jobs",
            Indicator::Output => "output",
            Indicator::Taxes => "taxes",
            Indicator::Exports => "exports",
        }
    }

    /// The setting that holds the indicator's weight.
    pub fn weight_setting(self) -> &'static str {
        match self {
            Indicator::Investment => "effect_weight_investment",
            Indicator::Jobs => "effect_weight_jobs",
            Indicator::Output => "effect_weight_output",
            Indicator::Taxes => "effect_weight_taxes",
            Indicator::Exports => "effect_weight_exports",
        }
    }

    /// What the indicator is, and the unit of its figure per support.
    pub fn label(self) -> Label {
        let [kk, ru, en] = match self {
            Indicator::Investment => ["Тартылған инвестиция", "Привлечённые инвестиции", "Investment attracted"],
            Indicator::Jobs => ["Тұрақты жұмыс орындары", "Постоянные рабочие места", "Permanent jobs"],
            Indicator::Output => ["Өнім шығару", "Выпуск продукции", "Output"],
            Indicator::Taxes => ["Салықтар", "Налоги", "Taxes"],
            Indicator::Exports => ["Экспорт", "Экспорт", "Exports"],
        };
        Label::new(kk, ru, en)
    }

    /// A table column's name for it.
    pub fn short_label(self) -> Label {
        let [kk, ru, en] = match self {
            Indicator::Investment => ["Инвестиция", "Инвестиции", "Investment"],
            Indicator::Jobs => ["Жұмыс орны", "Раб. места", "Jobs"],
            Indicator::Output => ["Өнім", "Выпуск", "Output"],
            Indicator::Taxes => ["Салық", "Налоги", "Taxes"],
            Indicator::Exports => ["Экспорт", "Экспорт", "Exports"],
        };
        Label::new(kk, ru, en)
    }

    /// The unit of the indicator per support: tenge per tenge, jobs per billion tenge, dollars
    /// per thousand tenge (sizes a reader can compare at a glance).
    pub fn per_support_unit(self) -> Label {
        let [kk, ru, en] = match self {
            Indicator::Jobs => ["1 млрд ₸ қолдауға", "на 1 млрд ₸ поддержки", "per ₸1 bn of support"],
            Indicator::Exports => ["USD, 1000 ₸ қолдауға", "USD на 1000 ₸ поддержки", "USD per ₸1,000 of support"],
            _ => ["₸, 1 ₸ қолдауға", "₸ на 1 ₸ поддержки", "₸ per ₸1 of support"],
        };
        Label::new(kk, ru, en)
    }

    /// How many tenge of support the per-support figure is for.
    fn per_tenge(self) -> f64 {
        match self {
            Indicator::Jobs => 1e9,
            Indicator::Exports => 1e3,
            _ => 1.0,
        }
    }
}

/// The methodology's weight of each indicator in the index; an indicator of weight 0 is shown
/// but not weighed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Methodology {
    /// The approved methodology's name as the report cites it (a setting), if one is set.
    pub name: Option<String>,
    /// In `Indicator::ALL` order.
    pub weights: Vec<Weight>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Weight {
    pub indicator: Indicator,
    pub weight: f64,
}

impl Default for Methodology {
    /// Equal weights, until the approved methodology's are set.
    fn default() -> Methodology {
        Methodology { name: None, weights: Indicator::ALL.map(|indicator| Weight { indicator, weight: 1.0 }).to_vec() }
    }
}

impl Methodology {
    pub fn weight(&self, indicator: Indicator) -> f64 {
        self.weights.iter().find(|w| w.indicator == indicator).map_or(0.0, |w| w.weight)
    }
}

/// The support and the results of a group of projects.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Effect {
    /// Supported projects in the group.
    pub projects: u32,
    /// Support measures received (rows).
    pub measures: u32,
    /// Of them, with no amount given: support in kind (land, personnel) or not yet priced.
    pub unpriced: u32,
    /// Support given, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub support: Money,
    /// Invested to date by the projects' latest reports, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub investment: Money,
    /// Permanent jobs created by the latest reports.
    pub jobs: u32,
    /// Over all reports, in tiyn.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub output: Money,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub taxes: Money,
    /// In US cents.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub exports_usd: Money,
    /// Each indicator per support (in `Indicator::per_support_unit`), in `Indicator::ALL` order;
    /// `null` where the group was given no priced support.
    pub per_support: Vec<Option<f64>>,
    /// The weighted index: 1 is the set's own average effectiveness, 2 twice it; `null` without
    /// priced support or weights.
    pub index: Option<f64>,
}

impl Effect {
    /// The indicator's total, in its natural unit (tenge, jobs, dollars).
    pub fn value(&self, indicator: Indicator) -> f64 {
        match indicator {
            Indicator::Investment => self.investment.as_units_f64(),
            Indicator::Jobs => f64::from(self.jobs),
            Indicator::Output => self.output.as_units_f64(),
            Indicator::Taxes => self.taxes.as_units_f64(),
            Indicator::Exports => self.exports_usd.as_units_f64(),
        }
    }

    /// One project's results (no support counted).
    fn results_of(p: &Project) -> Effect {
        let latest = latest_report(p);
        let sum = |of: fn(&crate::MonitoringReport) -> Option<Money>| {
            p.monitoring.iter().fold(Money::ZERO, |s, r| s.saturating_add(of(r).unwrap_or_default()))
        };
        Effect {
            projects: 1,
            investment: latest.and_then(|r| r.investment).unwrap_or_default(),
            jobs: latest.and_then(|r| r.jobs_created).unwrap_or(0),
            output: sum(|r| r.output),
            taxes: sum(|r| r.taxes),
            exports_usd: sum(|r| r.exports_usd),
            ..Effect::default()
        }
    }

    fn add_results(&mut self, o: &Effect) {
        self.projects += o.projects;
        self.investment = self.investment.saturating_add(o.investment);
        self.jobs = self.jobs.saturating_add(o.jobs);
        self.output = self.output.saturating_add(o.output);
        self.taxes = self.taxes.saturating_add(o.taxes);
        self.exports_usd = self.exports_usd.saturating_add(o.exports_usd);
    }

    fn add_support(&mut self, amount: Option<Money>) {
        self.measures += 1;
        match amount {
            Some(a) => self.support = self.support.saturating_add(a),
            None => self.unpriced += 1,
        }
    }

    /// Each indicator per support; `None` without priced support.
    fn per_support_figures(&self) -> Vec<Option<f64>> {
        let support = self.support.as_units_f64();
        Indicator::ALL.iter().map(|&i| (support > 0.0).then(|| self.value(i) / support * i.per_tenge())).collect()
    }

    /// Sets the figures per support and the index against the set's `average` ones.
    fn finish(&mut self, methodology: &Methodology, average: &[Option<f64>]) {
        let support = self.support.as_units_f64();
        self.per_support = self.per_support_figures();
        let (mut sum, mut weights) = (0.0, 0.0);
        for (k, &i) in Indicator::ALL.iter().enumerate() {
            let w = methodology.weight(i);
            if let (Some(mine), Some(avg)) = (self.per_support[k], average[k])
                && w > 0.0
                && avg > 0.0
            {
                sum += w * mine / avg;
                weights += w;
            }
        }
        self.index = (weights > 0.0 && support > 0.0).then(|| sum / weights);
    }
}

/// A group's key (a measure's number, a region's KATO prefix, a sector's code, a year; empty
/// where the projects do not say) and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EffectGroup {
    pub key: String,
    pub effect: Effect,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Effectiveness {
    pub methodology: Methodology,
    /// Support of this year only, where one was asked for.
    pub year: Option<i32>,
    /// Every supported project once.
    pub total: Effect,
    /// By the measure's number, 1 to 13.
    pub by_measure: Vec<EffectGroup>,
    /// In KATO order.
    pub by_region: Vec<EffectGroup>,
    /// By sector code, those without one last.
    pub by_sector: Vec<EffectGroup>,
    /// By the year support was given, those without one last.
    pub by_year: Vec<EffectGroup>,
}

/// The effectiveness of the support `projects` received (of `year` only, if given), weighed by
/// `methodology`.
pub fn of<'a>(
    projects: impl IntoIterator<Item = &'a Project>,
    methodology: &Methodology,
    year: Option<i32>,
) -> Effectiveness {
    /// A group's figures, and the last project counted in it: a project's rows come one after
    /// another, so it is counted once however many of its rows the group has.
    #[derive(Default)]
    struct Tally {
        effect: Effect,
        last: Option<Uuid>,
    }
    impl Tally {
        fn add(&mut self, p: &Project, results: &Effect, amount: Option<Money>) {
            if self.last != Some(p.id) {
                self.last = Some(p.id);
                self.effect.add_results(results);
            }
            self.effect.add_support(amount);
        }
    }
    // Keyed by what the projects hold (no copy of a key per row); sorted at the end.
    let mut total = Tally::default();
    let mut measures: HashMap<u8, Tally> = HashMap::new();
    let mut regions: HashMap<crate::RegionCode, Tally> = HashMap::new();
    let mut sectors: HashMap<Option<&'a str>, Tally> = HashMap::new();
    let mut years: HashMap<Option<i32>, Tally> = HashMap::new();
    for p in projects {
        let mut rows = p.support_measures.iter().filter(|s| year.is_none() || s.year == year).peekable();
        if rows.peek().is_none() {
            continue;
        }
        let results = Effect::results_of(p);
        for s in rows {
            total.add(p, &results, s.amount);
            measures.entry(s.measure).or_default().add(p, &results, s.amount);
            regions.entry(p.region).or_default().add(p, &results, s.amount);
            sectors.entry(p.sector.as_deref()).or_default().add(p, &results, s.amount);
            years.entry(s.year).or_default().add(p, &results, s.amount);
        }
    }
    let measures: BTreeMap<u8, Tally> = measures.into_iter().collect();
    let regions: BTreeMap<&str, Tally> = regions.into_iter().map(|(r, t)| (r.as_str(), t)).collect();
    // Those without a sector or a year last.
    let sectors: BTreeMap<(bool, &str), Tally> =
        sectors.into_iter().map(|(k, t)| ((k.is_none(), k.unwrap_or_default()), t)).collect();
    let years: BTreeMap<(bool, i32), Tally> =
        years.into_iter().map(|(k, t)| ((k.is_none(), k.unwrap_or(0)), t)).collect();
    let mut total = total.effect;
    let average = total.per_support_figures();
    total.finish(methodology, &average);
    let groups = |pairs: Vec<(String, Tally)>| -> Vec<EffectGroup> {
        pairs
            .into_iter()
            .map(|(key, mut t)| {
                t.effect.finish(methodology, &average);
                EffectGroup { key, effect: t.effect }
            })
            .collect()
    };
    Effectiveness {
        methodology: methodology.clone(),
        year,
        total,
        by_measure: groups(measures.into_iter().map(|(m, t)| (m.to_string(), t)).collect()),
        by_region: groups(regions.into_iter().map(|(k, t)| (k.to_owned(), t)).collect()),
        by_sector: groups(sectors.into_iter().map(|((_, k), t)| (k.to_owned(), t)).collect()),
        by_year: groups(
            years.into_iter().map(|((none, y), t)| (if none { String::new() } else { y.to_string() }, t)).collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Record;
    use crate::{MonitoringReport, RegionCode, SupportReceived};

    fn project(n: u128, region: &str, sector: &str) -> Project {
        let mut p = Project::new(Uuid::from_u128(n), "Ж".into(), "П".into(), RegionCode::parse(region).unwrap());
        p.sector = Some(sector.into());
        p
    }

    fn support(n: u128, measure: u8, year: i32, amount: Option<i64>) -> SupportReceived {
        SupportReceived {
            measure,
            year: Some(year),
            amount: amount.map(Money::from_units),
            ..SupportReceived::blank(Uuid::from_u128(n))
        }
    }

    fn report(n: u128, period: &str, investment: i64, jobs: u32, flows: [i64; 3]) -> MonitoringReport {
        let [output, taxes, exports] = flows.map(|v| Some(Money::from_units(v)));
        MonitoringReport {
            period: period.into(),
            investment: Some(Money::from_units(investment)),
            jobs_created: Some(jobs),
            output,
            taxes,
            exports_usd: exports,
            ..MonitoringReport::blank(Uuid::from_u128(n))
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn results_per_tenge_of_support_by_measure_region_and_year_with_each_project_once_in_a_total() {
        // A: 100 of financing (measure 1) in 2024 and land (measure 10, no amount) in 2025;
        // reports (latest Q2) invested 1000, 50 jobs; output 300+200, taxes 30+20, exports 10+0.
        let mut a = project(1, "35", "metallurgy");
        a.support_measures = vec![support(10, 1, 2024, Some(100)), support(11, 10, 2025, None)];
        a.monitoring =
            vec![report(12, "2026-Q2", 1000, 50, [200, 20, 0]), report(13, "2026-Q1", 400, 20, [300, 30, 10])];
        // B: 400 of subsidised interest (measure 4) in 2024; invested 800, 10 jobs, output 100.
        let mut b = project(2, "10", "chemistry");
        b.support_measures = vec![support(20, 4, 2024, Some(400))];
        b.monitoring = vec![report(21, "2026-Q2", 800, 10, [100, 0, 0])];
        // C: no support; it is not counted.
        let c = project(3, "10", "chemistry");
        let e = of([&a, &b, &c], &Methodology::default(), None);

        let t = &e.total;
        assert_eq!((t.projects, t.measures, t.unpriced), (2, 3, 1));
        assert_eq!(t.support, Money::from_units(500));
        assert_eq!((t.investment, t.jobs), (Money::from_units(1800), 60));
        assert_eq!(
            (t.output, t.taxes, t.exports_usd),
            (Money::from_units(600), Money::from_units(50), Money::from_units(10))
        );
        // 1800 / 500 tenge per tenge; 60 jobs / 500 ₸ = 0.12 per tenge, 1.2e8 per billion.
        assert!(close(t.per_support[0], 3.6));
        assert!(close(t.per_support[1], 60.0 / 500.0 * 1e9));
        assert!(close(t.per_support[4], 10.0 / 500.0 * 1e3));
        assert!(close(t.index, 1.0), "the total is its own average: {:?}", t.index);

        let keys = |g: &[EffectGroup]| g.iter().map(|g| g.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&e.by_measure), ["1", "4", "10"]);
        assert_eq!(keys(&e.by_region), ["10", "35"]);
        assert_eq!(keys(&e.by_year), ["2024", "2025"]);
        // Measure 1 reached A with all its results: 1000 invested for 100 of support.
        let m1 = &e.by_measure[0].effect;
        assert_eq!((m1.projects, m1.support, m1.investment), (1, Money::from_units(100), Money::from_units(1000)));
        assert!(close(m1.per_support[0], 10.0));
        // Measure 10 had no amount: its results are there, per support is not.
        let m10 = &e.by_measure[2].effect;
        assert_eq!((m10.unpriced, m10.jobs, m10.per_support[0], m10.index), (1, 50, None, None));
        // 2024: A and B, 500 of support; A once though it has one 2024 row.
        let y2024 = &e.by_year[0].effect;
        assert_eq!((y2024.projects, y2024.support, y2024.jobs), (2, Money::from_units(500), 60));
        // Region 35 (A): per tenge investment 10 against the average 3.6, jobs 0.5 against 0.12,
        // output 5 against 1.2, taxes 0.5 against 0.1, exports 0.1 against 0.02; equal weights.
        let r35 = &e.by_region[1].effect;
        let expected = (10.0 / 3.6 + 0.5 / 0.12 + 5.0 / 1.2 + 0.5 / 0.1 + 0.1 / 0.02) / 5.0;
        assert!(close(r35.index, expected), "{:?} against {expected}", r35.index);
    }

    #[test]
    fn the_index_weighs_only_indicators_of_nonzero_weight_and_a_year_keeps_its_own_support() {
        let mut a = project(1, "35", "metallurgy");
        a.support_measures = vec![support(10, 1, 2024, Some(100)), support(11, 4, 2025, Some(300))];
        a.monitoring = vec![report(12, "2026-Q2", 1000, 50, [0, 0, 0])];
        let mut b = project(2, "10", "chemistry");
        b.support_measures = vec![support(20, 1, 2024, Some(100))];
        b.monitoring = vec![report(21, "2026-Q2", 100, 40, [0, 0, 0])];
        let only_investment = Methodology {
            name: Some("Әдістеме № 1".into()),
            weights: Indicator::ALL
                .map(|indicator| Weight {
                    indicator,
                    weight: if indicator == Indicator::Investment { 2.0 } else { 0.0 },
                })
                .to_vec(),
        };
        let e = of([&a, &b], &only_investment, None);
        // Investment per tenge: all 1100 / 500 = 2.2; A 1000 / 400 = 2.5; B 100 / 100 = 1.
        assert!(close(e.by_region[1].effect.index, 2.5 / 2.2));
        assert!(close(e.by_region[0].effect.index, 1.0 / 2.2));
        // Only 2024's support: A's 100 and B's 100.
        let y = of([&a, &b], &only_investment, Some(2024));
        assert_eq!((y.year, y.total.support, y.total.measures), (Some(2024), Money::from_units(200), 2));
        assert_eq!(y.by_year.len(), 1);
        // No weights at all: no index, the figures stay.
        let none = Methodology { name: None, weights: vec![] };
        let n = of([&a, &b], &none, None);
        assert_eq!((n.total.index, n.total.investment), (None, Money::from_units(1100)));
    }
}
