//! A project's schedule: when it starts, when it was to be and was commissioned, where it stands
//! on the sample's fixed "today", and how its physical progress grew, which the milestones,
//! actions, financing and monitoring reports all follow.

use crate::draw::{Draw, Lang};
use chrono::{Datelike, Days, Months, NaiveDate, TimeDelta};
use indmap_core::{Milestone, Status};

/// The sample's "today": statuses and reports are as of this day, never the clock's.
pub(crate) fn today() -> NaiveDate {
    ymd(2026, 10, 1)
}

/// The last monitoring period that has ended by [`today`].
pub(crate) const LAST_QUARTER: Quarter = Quarter { year: 2026, q: 3 };

pub(crate) fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid calendar date")
}

pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date + TimeDelta::days(days)
}

/// Whether a project with this status is on a map: it has an inclusion act, a responsible body
/// tracking it and, once started, monitoring reports.
pub(crate) fn is_on_map(status: Status) -> bool {
    !matches!(
        status,
        Status::Candidate | Status::Submitted | Status::UnderReview | Status::Promising | Status::Rejected
    )
}

#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    pub start: NaiveDate,
    pub planned: NaiveDate,
    pub status: Status,
    pub actual: Option<NaiveDate>,
    pub design_capacity: Option<NaiveDate>,
    /// When work stopped (suspended) or the project left the map (excluded).
    pub stop: Option<NaiveDate>,
    /// Progress grows linearly from `start` to `curve_end`, times `factor`, up to `cap` percent.
    curve_end: NaiveDate,
    factor: f64,
    cap: f64,
}

impl Timeline {
    /// A start in 2019–2027, commissioning planned 1–4 years later (longer for larger projects:
    /// `size` is the cost's position in its range, 0 to 1), and a status that fits those dates.
    pub(crate) fn random(draw: &mut Draw, size: f64) -> Timeline {
        let start = draw.date(ymd(2019, 1, 1), ymd(2027, 12, 31));
        let months = (12.0 + 36.0 * (0.6 * size + 0.4 * draw.unit())).round() as u32;
        let planned = start + Months::new(months);
        let status = if start > today() {
            *draw.weighted(&[
                (Status::Candidate, 3),
                (Status::Submitted, 3),
                (Status::UnderReview, 2),
                (Status::Promising, 3),
                (Status::Included, 5),
                (Status::Design, 3),
                (Status::Rejected, 1),
            ])
        } else if planned <= today() {
            *draw.weighted(&[
                (Status::Commissioned, 40),
                (Status::AtDesignCapacity, 35),
                (Status::Delayed, 12),
                (Status::Suspended, 4),
                (Status::Excluded, 6),
            ])
        } else {
            *draw.weighted(&[
                (Status::Construction, 55),
                (Status::Design, 15),
                (Status::Delayed, 12),
                (Status::Suspended, 4),
                (Status::Excluded, 5),
                (Status::Included, 9),
            ])
        };
        Timeline::shaped(draw, start, planned, status)
    }

    /// The rest of the schedule for a status: commissioning dates, when work stopped, and the
    /// progress curve.
    pub(crate) fn shaped(draw: &mut Draw, start: NaiveDate, planned: NaiveDate, status: Status) -> Timeline {
        let mut t = Timeline {
            start,
            planned,
            status,
            actual: None,
            design_capacity: None,
            stop: None,
            curve_end: planned,
            factor: 1.0,
            cap: 0.0,
        };
        let today = today();
        match status {
            Status::Commissioned | Status::AtDesignCapacity => {
                // A little early or up to 8 months late, but never before work could be done.
                let actual = add_days(planned, draw.range(-60..=240)).clamp(add_days(start, 180), today);
                t.commissioned(draw, actual);
            }
            Status::Construction => {
                t.curve_end = add_days(planned, draw.range(0..=120));
                t.factor = draw.range(0.85..1.0);
                t.cap = 95.0;
            }
            Status::Design => t.cap = draw.range(3.0..15.0),
            Status::Included => t.cap = if start <= today { 2.0 } else { 0.0 },
            Status::Delayed => {
                t.factor = draw.range(0.35..0.7);
                t.cap = 90.0;
            }
            Status::Suspended => {
                t.stop =
                    Some(draw.date(add_days(start, 60).max(add_days(today, -400)), add_days(today, -30)).min(today));
                t.factor = draw.range(0.5..0.9);
                t.cap = 90.0;
            }
            Status::Excluded => {
                t.stop = Some(draw.date(add_days(start, 30).min(today), add_days(today, -7)).min(today));
                t.factor = draw.range(0.1..0.5);
                t.cap = 60.0;
            }
            Status::Candidate | Status::Submitted | Status::UnderReview | Status::Promising | Status::Rejected => {}
        }
        t
    }

    /// Sets the commissioning date (known for published projects) and the design-capacity date
    /// that goes with it: reached for projects at design capacity, otherwise a plan, if any.
    pub(crate) fn commissioned(&mut self, draw: &mut Draw, actual: NaiveDate) {
        self.actual = Some(actual);
        self.curve_end = actual;
        self.factor = 1.0;
        self.cap = 100.0;
        let ramp_up_done = add_days(actual, 90);
        if self.status == Status::AtDesignCapacity && ramp_up_done <= today() {
            self.design_capacity = Some(draw.date(ramp_up_done, add_days(actual, 540).min(today())));
        } else {
            self.status = Status::Commissioned;
            let plan = add_days(actual, draw.range(180..=720));
            self.design_capacity = (plan > today()).then_some(plan);
        }
    }

    /// Physical progress in percent (one decimal) at the end of `date`. Never decreases.
    pub(crate) fn progress_at(&self, date: NaiveDate) -> f64 {
        let until = self.stop.map_or(date, |stop| date.min(stop));
        if until <= self.start {
            return 0.0;
        }
        let span = (self.curve_end - self.start).num_days().max(1) as f64;
        let elapsed = ((until - self.start).num_days() as f64 / span).min(1.0);
        ((100.0 * elapsed * self.factor).min(self.cap) * 10.0).round() / 10.0
    }

    pub(crate) fn progress_now(&self) -> f64 {
        self.progress_at(today())
    }

    /// The day progress reached `pct` percent, if it has by today.
    fn reached(&self, pct: f64) -> Option<NaiveDate> {
        if pct > self.progress_now() {
            return None;
        }
        let span = (self.curve_end - self.start).num_days().max(1) as f64;
        let days = (span * pct / 100.0 / self.factor).round() as i64;
        Some(add_days(self.start, days).min(today()))
    }

    /// A day at `fraction` of the way from the start to the planned commissioning.
    pub(crate) fn planned_at(&self, fraction: f64) -> NaiveDate {
        let span = (self.planned - self.start).num_days() as f64;
        add_days(self.start, (span * fraction).round() as i64)
    }

    /// Whether work has begun: on a map, and the start date has passed.
    pub(crate) fn has_started(&self) -> bool {
        is_on_map(self.status) && self.start <= today()
    }

    /// The status a report for a period ending on `date` would have shown.
    pub(crate) fn status_at(&self, date: NaiveDate) -> Status {
        if date >= today() {
            return self.status;
        }
        match (self.actual, self.design_capacity) {
            (Some(_), Some(capacity)) if capacity <= date => Status::AtDesignCapacity,
            (Some(actual), _) if actual <= date => Status::Commissioned,
            _ if self.stop.is_some_and(|s| s <= date) => self.status,
            _ if self.status == Status::Delayed && date > self.planned => Status::Delayed,
            _ if self.progress_at(date) < 10.0 => Status::Design,
            _ => Status::Construction,
        }
    }
}

/// Stages of a project's schedule (Kazakh, Russian) and where in the span from start to planned
/// commissioning they fall; the land comes before the start.
const MILESTONES: &[(&str, &str, f64)] = &[
    ("Жер учаскесін ресімдеу", "Оформление земельного участка", -0.15),
    ("Жобалау-сметалық құжаттаманы әзірлеу", "Разработка проектно-сметной документации (ПСД)", 0.1),
    ("Мемлекеттік сараптаманың оң қорытындысын алу", "Получение положительного заключения госэкспертизы", 0.2),
    ("Құрылыс-монтаж жұмыстарын бастау", "Начало строительно-монтажных работ", 0.3),
    ("Технологиялық жабдықты жеткізу", "Поставка технологического оборудования", 0.6),
    ("Жабдықты монтаждау", "Монтаж оборудования", 0.75),
    ("Іске қосу-баптау жұмыстары", "Пусконаладочные работы", 0.9),
    ("Пайдалануға беру", "Ввод в эксплуатацию", 1.0),
];

/// 2 to 5 milestones in order, with actual dates for those the project has passed.
pub(crate) fn milestones(draw: &mut Draw, t: &Timeline, lang: Lang) -> Vec<Milestone> {
    let count = draw.range(2..=5);
    draw.distinct(MILESTONES.len(), count)
        .into_iter()
        .map(|i| {
            let (kk, ru, fraction) = MILESTONES[i];
            let planned = t.planned_at(fraction);
            let actual = if fraction >= 1.0 {
                t.actual
            } else if fraction < 0.0 {
                // Land is allotted before work starts, usually a little late.
                (is_on_map(t.status) && planned <= today())
                    .then(|| add_days(planned, draw.range(-20..=40)).min(today()).min(t.start))
            } else {
                t.reached(fraction * 100.0).filter(|_| t.has_started())
            };
            Milestone { id: draw.id(), name: lang.pick(kk, ru).to_owned(), planned: Some(planned), actual }
        })
        .collect()
}

/// A monitoring period: a calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Quarter {
    pub year: i32,
    pub q: u32,
}

impl Quarter {
    pub(crate) fn of(date: NaiveDate) -> Quarter {
        Quarter { year: date.year(), q: date.month0() / 3 + 1 }
    }

    pub(crate) fn next(self) -> Quarter {
        if self.q == 4 { Quarter { year: self.year + 1, q: 1 } } else { Quarter { year: self.year, q: self.q + 1 } }
    }

    pub(crate) fn end(self) -> NaiveDate {
        let first_of_next = self.next();
        ymd(first_of_next.year, first_of_next.q * 3 - 2, 1) - Days::new(1)
    }

    /// `2026-Q3`, the default period format.
    pub(crate) fn code(self) -> String {
        format!("{}-Q{}", self.year, self.q)
    }
}

/// The quarters from `first` to `last`, both included, keeping at most the `keep` latest.
pub(crate) fn quarters(first: Quarter, last: Quarter, keep: usize) -> Vec<Quarter> {
    let mut all = Vec::new();
    let mut q = first;
    while q <= last {
        all.push(q);
        q = q.next();
    }
    let skip = all.len().saturating_sub(keep);
    all.split_off(skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_ends_and_codes() {
        assert_eq!(Quarter::of(ymd(2026, 9, 30)), LAST_QUARTER);
        assert_eq!(LAST_QUARTER.end(), ymd(2026, 9, 30));
        assert_eq!(Quarter { year: 2025, q: 4 }.end(), ymd(2025, 12, 31));
        assert_eq!(Quarter { year: 2024, q: 1 }.code(), "2024-Q1");
        let last8 = quarters(Quarter { year: 2019, q: 2 }, LAST_QUARTER, 8);
        assert_eq!(last8.len(), 8);
        assert_eq!(last8[0], Quarter { year: 2024, q: 4 });
        assert!(quarters(Quarter { year: 2026, q: 4 }, LAST_QUARTER, 8).is_empty());
    }
}
