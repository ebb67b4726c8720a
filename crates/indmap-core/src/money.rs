//! Money, kept exactly as whole tiyn (1 tenge = 100 tiyn) in an `i64`: enough for 92 quadrillion
//! tenge, and no binary fraction ever touches an amount.

use serde::{Deserialize, Serialize};

/// An exact amount in minor units (tiyn for KZT, cents for USD).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("is not a number")]
    NotANumber,
    #[error("has more than 2 decimal places")]
    TooPrecise,
    #[error("is too large")]
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(0);
    /// The most a single amount may be: a quadrillion tenge, some fifty times the largest
    /// investment project the country has seen. Sums of amounts so bounded stay far from the
    /// `i64` ceiling for any map, and amounts beyond it are mistakes of unit.
    pub const MAX_AMOUNT: Money = Money(100_000_000_000_000_000);

    pub fn from_units(units: i64) -> Money {
        Money(units * 100)
    }

    pub fn from_mln(mln: i64) -> Money {
        Money::from_units(mln * 1_000_000)
    }

    pub fn minor(self) -> i64 {
        self.0
    }

    /// In whole units (tenge, dollars), for ratios and charts: not for sums.
    pub fn as_units_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses a decimal such as `1234`, `-5.5` or `1234.56` without going through a float.
    pub fn parse_decimal(text: &str) -> Result<Money, MoneyError> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(MoneyError::NotANumber);
        }
        if fraction.len() > 2 {
            // Trailing zeros are only notation: 1.500 is 1.50.
            if fraction[2..].bytes().any(|b| b != b'0') {
                return Err(MoneyError::TooPrecise);
            }
        }
        let cents = format!("{:0<2}", &fraction[..fraction.len().min(2)]);
        let whole: i64 = whole.parse().map_err(|_| MoneyError::TooLarge)?;
        let minor = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(cents.parse::<i64>().unwrap_or(0)))
            .ok_or(MoneyError::TooLarge)?;
        Ok(Money(if negative { -minor } else { minor }))
    }

    /// Reads a JSON number. Integers are taken as they are; a fractional number is read through
    /// its shortest decimal text, which is exactly what the file said (`12.34` stays 12.34).
    pub fn from_json(n: &serde_json::Number) -> Result<Money, MoneyError> {
        if let Some(i) = n.as_i64() {
            return i.checked_mul(100).map(Money).ok_or(MoneyError::TooLarge);
        }
        if n.as_u64().is_some() {
            return Err(MoneyError::TooLarge);
        }
        let f = n.as_f64().ok_or(MoneyError::NotANumber)?;
        if !f.is_finite() || f.abs() >= 9.0e16 {
            return Err(MoneyError::TooLarge);
        }
        Money::parse_decimal(&format!("{f}"))
    }

    /// The JSON number for this amount: an integer when there are no tiyn, else a decimal with
    /// two places (exact below 10 trillion tenge, far above any project's cost).
    pub fn to_json(self) -> serde_json::Value {
        if self.0 % 100 == 0 {
            serde_json::Value::from(self.0 / 100)
        } else {
            // The decimal text has at most two places, so the float it parses to prints back the same.
            serde_json::Value::from(self.to_decimal_string().parse::<f64>().unwrap_or_default())
        }
    }

    /// `1234.5` → `"1234.50"`, for storage-independent display and tests.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// For totals shown to a person: a sum past 92 quadrillion tenge stops there.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).fold(0i64, i64::saturating_add))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(Money::parse_decimal("1234.56"), Ok(Money(123456)));
        assert_eq!(Money::parse_decimal("-5.5"), Ok(Money(-550)));
        assert_eq!(Money::parse_decimal("7"), Ok(Money(700)));
        assert_eq!(Money::parse_decimal("1.500"), Ok(Money(150)));
        assert_eq!(Money::parse_decimal("1.505"), Err(MoneyError::TooPrecise));
        assert_eq!(Money::parse_decimal("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(Money::parse_decimal(""), Err(MoneyError::NotANumber));
    }

    proptest! {
        #[test]
        fn json_round_trip_is_exact(minor in -9_000_000_000_000_000i64..9_000_000_000_000_000i64) {
            let m = Money(minor);
            let text = serde_json::to_string(&m.to_json()).unwrap();
            let back: serde_json::Number = serde_json::from_str(&text).unwrap();
            // A double keeps 15 significant digits: amounts with tiyn are exact below 10 trillion
            // tenge, whole tenge always (they are written as integers).
            if minor % 100 == 0 || minor.abs() < 1_000_000_000_000_000 {
                prop_assert_eq!(Money::from_json(&back), Ok(m));
            }
        }
    }
}
