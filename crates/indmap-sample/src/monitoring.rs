//! Quarterly monitoring reports: plan versus actual, which the ministry reads first.

use crate::draw::{Draw, Lang, TENTH_MLN};
use crate::names;
use crate::schedule::{LAST_QUARTER, Quarter, Timeline, add_days, quarters, today};
use indmap_core::{Capacity, Money, MonitoringReport, Status};

/// Reports kept per project: the two latest years.
const KEPT: usize = 8;

/// Tenge per US dollar for export figures; the sample does not follow the real rate.
const USD_RATE: f64 = 500.0;

/// What a project's reports are about.
pub(crate) struct Subject<'a> {
    pub timeline: &'a Timeline,
    pub cost: Money,
    pub capacity: Option<&'a Capacity>,
    pub jobs_construction: u32,
    pub jobs_permanent: u32,
    pub goods_pct: Option<f64>,
    pub lang: Lang,
}

/// How the project performs once running; drawn once so its reports tell one story.
struct Economics {
    /// Investment runs a little ahead of physical progress (advances, equipment paid first).
    lead: f64,
    /// Yearly output at full utilisation, as a share of the cost.
    turnover: f64,
    export_share: f64,
    tax_rate: f64,
    max_utilisation: f64,
}

/// Reports from the quarter of the start to 2026-Q3 (to the exclusion for excluded projects),
/// the latest [`KEPT`] of them; none before work starts.
pub(crate) fn reports(draw: &mut Draw, s: &Subject) -> Vec<MonitoringReport> {
    let t = s.timeline;
    if !t.has_started() {
        return Vec::new();
    }
    let last = match (t.status, t.stop) {
        (Status::Excluded, Some(stop)) => Quarter::of(stop).min(LAST_QUARTER),
        _ => LAST_QUARTER,
    };
    let economics = Economics {
        lead: draw.range(1.0..1.12),
        turnover: draw.range(0.4..1.5),
        export_share: if draw.chance(0.35) { draw.range(0.1..0.6) } else { 0.0 },
        tax_rate: draw.range(0.04..0.12),
        max_utilisation: draw.range(80.0..98.0),
    };
    let reporter = names::person(draw);
    quarters(Quarter::of(t.start), last, KEPT).into_iter().map(|q| report(draw, s, &economics, &reporter, q)).collect()
}

fn report(draw: &mut Draw, s: &Subject, e: &Economics, reporter: &str, quarter: Quarter) -> MonitoringReport {
    let t = s.timeline;
    let end = quarter.end();
    let progress = t.progress_at(end.min(today()));
    let cost_tenths = s.cost.0 / TENTH_MLN;
    let invested = ((cost_tenths as f64 * (progress / 100.0 * e.lead).min(1.0)).floor() as i64).min(cost_tenths);

    // Quarters of operation: output, exports and taxes exist only after commissioning.
    let operating = t.actual.filter(|&a| a <= end).map(|a| (end - a).num_days() / 91);
    let utilisation = operating.map(|n| (40.0 + 12.0 * n as f64).min(e.max_utilisation));
    let output = utilisation.map(|u| thousands(s.cost.0 as f64 * e.turnover / 4.0 * u / 100.0));
    let jobs = match utilisation {
        Some(u) => (f64::from(s.jobs_permanent) * (u / e.max_utilisation).min(1.0)).round() as u32,
        // Builders arrive as work picks up; a little noise from quarter to quarter.
        None if progress > 0.0 => {
            (f64::from(s.jobs_construction) * (0.5 + progress / 200.0) * draw.range(0.9..1.1)).round() as u32
        }
        None => 0,
    };
    let output_natural = match (utilisation, s.capacity) {
        (Some(u), Some(c)) if c.unit.ends_with("в год") => Some((c.value / 4.0 * u / 100.0 * 10.0).round() / 10.0),
        _ => None,
    };
    let status = t.status_at(end);
    MonitoringReport {
        id: draw.id(),
        period: quarter.code(),
        investment: Some(Money(invested * TENTH_MLN)),
        progress_pct: Some(progress),
        jobs_created: Some(jobs),
        output,
        output_natural,
        exports_usd: output.filter(|_| e.export_share > 0.0).map(|o| thousands(o.0 as f64 * e.export_share / USD_RATE)),
        utilisation_pct: utilisation.map(|u| (u * 10.0).round() / 10.0),
        taxes: output.map(|o| thousands(o.0 as f64 * e.tax_rate)),
        local_content_pct: s.goods_pct.map(|g| ((g + draw.range(-5.0..5.0)).clamp(0.0, 100.0) * 10.0).round() / 10.0),
        status: Some(status),
        comment: draw.chance(0.25).then(|| comment(draw, status, s.lang)),
        reported_by: Some(reporter.to_owned()),
        // Reports are due in the month after the quarter; the last one arrives "today".
        reported_on: Some(add_days(end, draw.range(1..=25)).min(today())),
    }
}

/// An amount of minor units rounded to thousands of major units, as reports give them.
fn thousands(minor: f64) -> Money {
    Money(((minor / 100_000.0).round() as i64) * 100_000)
}

fn comment(draw: &mut Draw, status: Status, lang: Lang) -> String {
    let options: &[(&str, &str)] = match status {
        Status::Commissioned | Status::AtDesignCapacity => &[
            ("Өнім шығару жоспарға сәйкес", "Выпуск продукции по плану"),
            ("Жобалық қуатқа шығу жүргізілуде", "Идёт выход на проектную мощность"),
            ("Экспорттық жеткізілімдер басталды", "Начаты экспортные поставки"),
        ],
        Status::Delayed | Status::Suspended => &[
            ("Жабдық жеткізу кешігуде", "Задерживается поставка оборудования"),
            ("Қаржыландыру тартылмаған", "Не привлечено финансирование"),
            ("Мердігер ауыстырылды", "Сменён подрядчик"),
        ],
        _ => &[
            ("Құрылыс-монтаж жұмыстары жүргізілуде", "Ведутся строительно-монтажные работы"),
            ("Жобалау-сметалық құжаттама әзірленуде", "Разрабатывается ПСД"),
            ("Жабдық жеткізілді", "Поставлено оборудование"),
        ],
    };
    let (kk, ru) = *draw.pick(options);
    lang.pick(kk, ru).to_owned()
}
