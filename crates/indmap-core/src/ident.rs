//! Identity: UUID v7 ids made where a record is born, human project codes that cannot collide
//! between regions, region codes and company BINs.

use crate::reference::{self, Region};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where new ids come from. Callers pass one in, so tests and the sample generator are repeatable.
pub trait IdSource {
    fn new_id(&mut self) -> Uuid;
}

/// A UUID v7 from a time and random bytes that the caller supplies.
pub fn uuid_v7(unix_millis: u64, random: [u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_millis, &random).into_uuid()
}

/// A region's KATO prefix, known to be one of the 20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(&'static str);

impl RegionCode {
    pub fn parse(kato: &str) -> Option<RegionCode> {
        reference::region(kato.trim()).map(|r| RegionCode(r.kato))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    pub fn region(self) -> &'static Region {
        reference::region(self.0).expect("a RegionCode is always one of the 20 regions")
    }
}

impl std::fmt::Display for RegionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RegionCode::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown region {s:?}")))
    }
}

/// A business identification number: 12 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Bin(String);

impl Bin {
    /// Accepts exactly 12 ASCII digits.
    pub fn parse(text: &str) -> Option<Bin> {
        let t = text.trim();
        (t.len() == 12 && t.bytes().all(|b| b.is_ascii_digit())).then(|| Bin(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 12th digit is a check digit over the first 11 (weights 1..11, and when that gives 10,
    /// weights 3..11,1,2). Published BINs satisfy it; a typo usually does not.
    pub fn check_digit_ok(&self) -> bool {
        let d: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        let weighted = |start: u32| {
            d[..11].iter().enumerate().map(|(i, x)| x * ((start - 1 + i as u32) % 11 + 1)).sum::<u32>() % 11
        };
        let mut check = weighted(1);
        if check == 10 {
            check = weighted(3);
        }
        check != 10 && check == d[11]
    }

    /// The BIN with `first11` and a correct check digit, if one exists.
    pub fn with_check_digit(first11: &str) -> Option<Bin> {
        (0..10).map(|c| format!("{first11}{c}")).filter_map(|t| Bin::parse(&t)).find(Bin::check_digit_ok)
    }
}

/// The human code of a project: who issued it and its number there, e.g. `35-0042` (the 42nd
/// project Karaganda's database registered) or `RK-0007` (the ministry's 7th). Each database
/// issues codes only under its own prefix, so two regions can never make the same code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProjectCode(String);

/// The prefix of codes issued by the ministry's databases.
pub const MINISTRY_CODE_PREFIX: &str = "RK";

impl ProjectCode {
    pub fn new(prefix: &str, number: u32) -> ProjectCode {
        ProjectCode(format!("{prefix}-{number:04}"))
    }

    /// Accepts `NN-dddd` with a known KATO prefix, or `RK-dddd`, with at least 4 digits.
    pub fn parse(text: &str) -> Option<ProjectCode> {
        let (prefix, number) = text.trim().split_once('-')?;
        let known_prefix = prefix == MINISTRY_CODE_PREFIX || reference::region(prefix).is_some();
        let digits = number.len() >= 4 && number.len() <= 9 && number.bytes().all(|b| b.is_ascii_digit());
        (known_prefix && digits).then(|| ProjectCode(format!("{prefix}-{number}")))
    }

    pub fn prefix(&self) -> &str {
        self.0.split_once('-').map_or("", |(p, _)| p)
    }

    pub fn number(&self) -> u32 {
        self.0.split_once('-').and_then(|(_, n)| n.parse().ok()).unwrap_or(0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProjectCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bin_needs_twelve_digits() {
        assert!(Bin::parse("12345678901").is_none());
        assert!(Bin::parse("1234567890123").is_none());
        assert!(Bin::parse("12345678901a").is_none());
        assert!(Bin::parse("123456789012").is_some());
    }

    #[test]
    fn bin_check_digit() {
        let bin = Bin::with_check_digit("07034000431").expect("a check digit exists");
        assert!(bin.check_digit_ok());
        let last = bin.as_str().as_bytes()[11] - b'0';
        let wrong = Bin::parse(&format!("07034000431{}", (last + 1) % 10)).unwrap();
        assert!(!wrong.check_digit_ok());
    }

    #[test]
    fn project_codes() {
        let c = ProjectCode::new("35", 42);
        assert_eq!(c.as_str(), "35-0042");
        assert_eq!(ProjectCode::parse("35-0042"), Some(c.clone()));
        assert_eq!(c.prefix(), "35");
        assert_eq!(c.number(), 42);
        assert!(ProjectCode::parse("RK-0001").is_some());
        assert!(ProjectCode::parse("36-0001").is_none());
        assert!(ProjectCode::parse("35-01").is_none());
    }

    #[test]
    fn uuid_v7_is_deterministic_given_inputs() {
        let a = uuid_v7(1_700_000_000_000, [7; 10]);
        assert_eq!(a, uuid_v7(1_700_000_000_000, [7; 10]));
        assert_eq!(a.get_version_num(), 7);
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    /// For reads that must not need new ids.
    pub struct NoIds;
    impl super::IdSource for NoIds {
        fn new_id(&mut self) -> uuid::Uuid {
            panic!("this read must not need new ids")
        }
    }
}
