//! Reporting periods: a year, a half-year, a quarter or a month, written `2026`, `2026-H1`,
//! `2026-Q3`, `2026-07`; which one is reported on a day, when it ends and when its reports are due.

use chrono::{Datelike, NaiveDate};

/// How often projects report, as the `monitoring_period` setting says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Quarter,
    Month,
    HalfYear,
    Year,
}

impl Every {
    pub fn parse(setting: &str) -> Option<Every> {
        match setting.trim() {
            "quarter" => Some(Every::Quarter),
            "month" => Some(Every::Month),
            "half-year" => Some(Every::HalfYear),
            "year" => Some(Every::Year),
            _ => None,
        }
    }

    /// How many months a period lasts.
    fn months(self) -> u32 {
        match self {
            Every::Month => 1,
            Every::Quarter => 3,
            Every::HalfYear => 6,
            Every::Year => 12,
        }
    }

    /// The period reported on `today`: the last one that has ended (the third quarter is
    /// reported in October).
    pub fn reported_on(self, today: NaiveDate) -> String {
        self.last_ended(today).to_string()
    }

    /// The last period that has ended on `today`.
    pub fn last_ended(self, today: NaiveDate) -> Period {
        Period::containing(self, today).before()
    }
}

/// A reporting period: `2026` (a year), `2026-H1` (a half-year), `2026-Q3` (a quarter) or
/// `2026-07` (a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    every: u32,
    /// Which one of the year, from 1.
    index: u32,
}

impl Period {
    /// The period `text` names, written as `Display` writes it (so `2026-Q03` or `2026-7` is
    /// none).
    pub fn parse(text: &str) -> Option<Period> {
        let (year, every, index) = match text.split_once('-') {
            None => (text, Every::Year, "1"),
            Some((y, rest)) if rest.starts_with('Q') => (y, Every::Quarter, &rest[1..]),
            Some((y, rest)) if rest.starts_with('H') => (y, Every::HalfYear, &rest[1..]),
            Some((y, rest)) => (y, Every::Month, rest),
        };
        let year: i32 = year.parse().ok().filter(|y| (1000..=9999).contains(y))?;
        let index: u32 = index.parse().ok().filter(|i| (1..=12 / every.months()).contains(i))?;
        let period = Period { year, every: every.months(), index };
        (period.to_string() == text).then_some(period)
    }

    fn containing(every: Every, day: NaiveDate) -> Period {
        Period { year: day.year(), every: every.months(), index: (day.month() - 1) / every.months() + 1 }
    }

    /// The period just before this one.
    pub fn before(self) -> Period {
        match self.index {
            1 => Period { year: self.year - 1, index: 12 / self.every, ..self },
            i => Period { index: i - 1, ..self },
        }
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let month = self.index * self.every;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// The day its reports are due: `days` after its end.
    pub fn deadline(self, days: u32) -> NaiveDate {
        self.end().checked_add_days(chrono::Days::new(days.into())).unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.every {
            12 => write!(f, "{}", self.year),
            6 => write!(f, "{}-H{}", self.year, self.index),
            3 => write!(f, "{}-Q{}", self.year, self.index),
            _ => write!(f, "{}-{:02}", self.year, self.index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_reported_is_the_last_that_ended() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Every::Quarter.reported_on(day(2026, 10, 5)), "2026-Q3");
        assert_eq!(Every::Quarter.reported_on(day(2026, 1, 10)), "2025-Q4");
        assert_eq!(Every::Quarter.reported_on(day(2026, 3, 31)), "2025-Q4");
        assert_eq!(Every::Quarter.reported_on(day(2026, 4, 1)), "2026-Q1");
        assert_eq!(Every::Month.reported_on(day(2026, 1, 3)), "2025-12");
        assert_eq!(Every::Month.reported_on(day(2026, 8, 3)), "2026-07");
        assert_eq!(Every::Year.reported_on(day(2026, 8, 3)), "2025");
        assert_eq!(Every::parse("half-year"), Some(Every::HalfYear));
        assert_eq!(Every::parse("week"), None);
    }

    #[test]
    fn periods_are_read_and_written_one_way_and_end_on_their_last_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for text in ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q4", "2026-01", "2026-12"] {
            assert_eq!(Period::parse(text).map(|p| p.to_string()).as_deref(), Some(text));
        }
        for bad in [
            "2026-Q5", "2026-Q0", "2026-H3", "2026-13", "2026-7", "2026-Q03", "26", "2026-", "-Q1", "2026-X1", "2026-Q",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let end = |text| Period::parse(text).unwrap().end();
        assert_eq!(end("2026-Q1"), day(2026, 3, 31));
        assert_eq!(end("2026-H2"), day(2026, 12, 31));
        assert_eq!(end("2024-02"), day(2024, 2, 29), "a leap year's February");
        assert_eq!(end("2026"), day(2026, 12, 31));
        assert_eq!(Period::parse("2026-Q3").unwrap().deadline(10), day(2026, 10, 10));
        assert_eq!(Period::parse("2026-Q4").unwrap().deadline(10), day(2027, 1, 10));
        assert_eq!(Every::HalfYear.reported_on(day(2026, 7, 1)), "2026-H1");
        assert_eq!(Every::HalfYear.reported_on(day(2026, 6, 30)), "2025-H2");
    }
}
