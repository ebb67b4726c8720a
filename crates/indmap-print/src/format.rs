//! Numbers, money and dates as Kazakhstan writes them: a space between thousands, a comma before
//! decimals ("1 234,5 млн ₸"), dates DD.MM.YYYY. English keeps the space (it is the SI style and
//! reads unambiguously next to Kazakh and Russian pages) but uses a decimal point.

use crate::lang::Lang;
use chrono::NaiveDate;
use indmap_core::Money;

/// A no-break space: a number never breaks across lines.
const THIN: char = '\u{00A0}';

/// `1234567` → `1 234 567`.
pub fn integer(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(THIN);
        }
        out.push(c);
    }
    out
}

/// A decimal with `places` digits after the comma (kk, ru) or point (en).
pub fn decimal(value: f64, places: usize, lang: Lang) -> String {
    let text = format!("{:.*}", places, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let sign = if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) { "-" } else { "" };
    let mark = if lang == Lang::En { '.' } else { ',' };
    if fraction.is_empty() {
        format!("{sign}{}", integer(whole))
    } else {
        format!("{sign}{}{mark}{fraction}", integer(whole))
    }
}

/// Millions of tenge, one decimal, without the unit: `1 234,5`. Exact: no float touches the amount
/// before rounding to tenths of a million.
pub fn mln_number(m: Money, lang: Lang) -> String {
    const TENTH_MLN: i128 = 10_000_000; // tiyn in 0.1 mln tenge
    let minor = i128::from(m.minor());
    let tenths = (minor + minor.signum() * TENTH_MLN / 2) / TENTH_MLN;
    let whole = i64::try_from(tenths / 10).unwrap_or(i64::MAX);
    let mark = if lang == Lang::En { '.' } else { ',' };
    let sign = if tenths < 0 && whole == 0 { "-" } else { "" };
    format!("{sign}{}{mark}{}", integer(whole), (tenths % 10).abs())
}

/// An amount with its unit, in millions below a billion and in billions above: `450,0 млн ₸`,
/// `145,0 млрд ₸`, `1.2 bn KZT`.
pub fn money(m: Money, lang: Lang) -> String {
    use crate::words::Word;
    const BN_TIYN: i64 = 100 * 1_000_000_000;
    if m.minor().abs() >= BN_TIYN {
        let bn = Money(m.minor() / 1000);
        format!("{}{THIN}{}", mln_number(bn, lang), Word::BnKzt.text(lang))
    } else {
        format!("{}{THIN}{}", mln_number(m, lang), Word::MlnKzt.text(lang))
    }
}

/// Whole tenge with thousands apart, tiyn only when there are some: `5 000 ₸`, `1,50 ₸`.
pub fn tenge(m: Money) -> String {
    let minor = m.minor();
    let whole = integer(minor / 100);
    match minor % 100 {
        0 => format!("{whole} ₸"),
        t => format!("{whole},{:02} ₸", t.abs()),
    }
}

/// Millions of tenge as a float, for charts and spreadsheets.
pub fn mln_f64(m: Money) -> f64 {
    m.minor() as f64 / 100.0 / 1_000_000.0
}

/// `DD.MM.YYYY` in Kazakh and Russian, ISO `YYYY-MM-DD` in English.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        _ => d.format("%d.%m.%Y").to_string(),
    }
}

pub fn opt_date(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map(|d| date(d, lang)).unwrap_or_default()
}

pub fn percent(value: f64, lang: Lang) -> String {
    format!("{}{THIN}%", decimal(value, 1, lang))
}

/// A field's value as its property reads (`schema::record_json`), written for people by the
/// field's kind; empty when unknown.
pub fn field_value(kind: indmap_core::schema::Kind, v: &serde_json::Value, lang: Lang) -> String {
    use indmap_core::schema::Kind;
    use serde_json::Value;
    match (kind, v) {
        (_, Value::Null) => String::new(),
        (Kind::Date, Value::String(s)) => {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| s.clone(), |d| date(d, lang))
        }
        (Kind::Money, Value::Number(n)) => Money::from_json(n).map_or_else(|_| n.to_string(), |m| money(m, lang)),
        (Kind::Count | Kind::Year, Value::Number(n)) if n.is_i64() => {
            let n = n.as_i64().unwrap_or_default();
            if kind == Kind::Year { n.to_string() } else { integer(n) }
        }
        (_, Value::Number(n)) => {
            n.as_f64().map_or_else(|| n.to_string(), |x| decimal(x, if x.fract() == 0.0 { 0 } else { 2 }, lang))
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: String) -> String {
        s.replace(THIN, " ")
    }

    #[test]
    fn thousands_are_separated_by_spaces() {
        assert_eq!(plain(integer(0)), "0");
        assert_eq!(plain(integer(999)), "999");
        assert_eq!(plain(integer(1000)), "1 000");
        assert_eq!(plain(integer(-1234567)), "-1 234 567");
    }

    #[test]
    fn money_in_millions_and_billions() {
        assert_eq!(plain(money(Money::from_units(450_000_000), Lang::Ru)), "450,0 млн ₸");
        assert_eq!(plain(money(Money::from_units(145_000_000_000), Lang::Kk)), "145,0 млрд ₸");
        assert_eq!(plain(money(Money::from_units(1_234_560_000_000), Lang::Ru)), "1 234,6 млрд ₸");
        assert_eq!(plain(money(Money::from_units(12_600_000_000), Lang::En)), "12.6 bn KZT");
        assert_eq!(plain(mln_number(Money::from_units(-50_000), Lang::Ru)), "-0,1");
    }

    #[test]
    fn amounts_in_tenge_show_tiyn_only_when_there_are_some() {
        assert_eq!(tenge(Money(500_000_000_000)), "5\u{a0}000\u{a0}000\u{a0}000 ₸");
        assert_eq!(tenge(Money(150)), "1,50 ₸");
    }

    #[test]
    fn dates_are_written_day_first_in_kazakh_and_russian() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(date(d, Lang::Kk), "07.03.2026");
        assert_eq!(date(d, Lang::Ru), "07.03.2026");
        assert_eq!(date(d, Lang::En), "2026-03-07");
        assert_eq!(plain(decimal(12.345, 1, Lang::Ru)), "12,3");
        assert_eq!(plain(percent(85.0, Lang::En)), "85.0 %");
    }
}
