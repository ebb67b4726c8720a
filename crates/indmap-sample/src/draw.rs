//! The random source of one project, with the few ways of drawing that the generator needs.

use chrono::{Days, NaiveDate};
use indmap_core::Money;
use indmap_core::ident::uuid_v7;
use rand::distr::uniform::{SampleRange, SampleUniform};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// 0.1 mln KZT in tiyn: the precision of every generated amount, as planners enter them.
pub(crate) const TENTH_MLN: i64 = 10_000_000;

/// Which language a project's free texts (milestones, actions, acts, comments) are written in.
/// Real maps are kept in one language or the other, so a project keeps to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Kk,
    Ru,
}

impl Lang {
    pub(crate) fn pick<'a>(self, kk: &'a str, ru: &'a str) -> &'a str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
        }
    }
}

/// Each project draws from its own ChaCha8 stream of the seed, so project `i` is the same
/// whatever `count` is, and generating one project never shifts the numbers of another.
pub(crate) struct Draw {
    rng: ChaCha8Rng,
    /// The timestamp of every id made for this project (UUID v7).
    millis: u64,
}

impl Draw {
    pub(crate) fn new(seed: u64, stream: u64, millis: u64) -> Draw {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Draw { rng, millis }
    }

    pub(crate) fn id(&mut self) -> Uuid {
        let mut random = [0u8; 10];
        self.rng.fill(&mut random);
        uuid_v7(self.millis, random)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    pub(crate) fn range<T: SampleUniform, R: SampleRange<T>>(&mut self, range: R) -> T {
        self.rng.random_range(range)
    }

    /// A float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        self.rng.random()
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// An item chosen with probability proportional to its weight; at least one weight must be
    /// positive.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let index = self.weighted_index(items.iter().map(|(_, w)| *w));
        &items[index].0
    }

    pub(crate) fn weighted_index(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u32 = weights.clone().sum();
        let mut ticket = self.rng.random_range(0..total);
        for (i, w) in weights.enumerate() {
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        unreachable!("the ticket is below the total weight")
    }

    /// `k` distinct indices below `n`, in increasing order.
    pub(crate) fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut chosen = rand::seq::index::sample(&mut self.rng, n, k.min(n)).into_vec();
        chosen.sort_unstable();
        chosen
    }

    /// A day in `[from, to]`; `from` when the span is empty.
    pub(crate) fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days();
        if span <= 0 { from } else { from + Days::new(self.rng.random_range(0..=span) as u64) }
    }

    /// An amount in `[lo, hi]` (fractions of `of`), rounded to 0.1 mln and at least 0.1 mln.
    pub(crate) fn share(&mut self, of: Money, lo: f64, hi: f64) -> Money {
        let tenths = (of.0 / TENTH_MLN) as f64 * self.range(lo..hi);
        Money((tenths.round() as i64).max(1) * TENTH_MLN)
    }
}
