//! Whom a file may speak for. Every exchange file is signed by the database that wrote it; the
//! receiver pins each sender's public key the first time it takes a signed file from it, and then
//! believes a file only when the same key signed it. A signed file also says how many writes its
//! database had made; a write it claims beyond what that database has signed (to this file, or
//! to an earlier one taken here) is believed by nobody.

use crate::version::{Context, Dot};
use std::collections::HashMap;
use uuid::Uuid;

/// What a receiver keeps of a database it has heard of.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pin {
    /// The public key (hex) of the first signed file it sent; `None` until there was one.
    pub public_key: Option<String>,
    /// The highest write counter a signed file of its vouched for.
    pub signed_counter: i64,
}

/// What a file's signature means to the receiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sender {
    /// Signed by the key pinned for its database.
    Pinned,
    /// Signed, by a database whose key is pinned now: its fingerprint is worth confirming.
    FirstSight,
    /// Made by a build that did not sign files, by a database that never sent a signed one:
    /// taken as before, and trusted no further.
    Unsigned,
    /// Refused: signed by another key than the one pinned for its database.
    WrongKey,
    /// Refused: unsigned, from a database that signs its files.
    MissingSignature,
}

/// How a file that names `pin`'s database as its writer and carries `file_key` is taken.
pub fn sender(pin: Option<&Pin>, file_key: Option<&str>) -> Sender {
    match (pin.and_then(|p| p.public_key.as_deref()), file_key) {
        (Some(pinned), Some(key)) if pinned.eq_ignore_ascii_case(key) => Sender::Pinned,
        (Some(_), Some(_)) => Sender::WrongKey,
        (Some(_), None) => Sender::MissingSignature,
        (None, Some(_)) => Sender::FirstSight,
        (None, None) => Sender::Unsigned,
    }
}

/// The key's fingerprint as people read it out on the phone: its first 80 bits, in five groups.
pub fn fingerprint(public_key: &str) -> String {
    let upper = public_key.to_ascii_uppercase();
    let groups: Vec<&str> = (0..5).filter_map(|i| upper.get(4 * i..4 * i + 4)).collect();
    groups.join(" ")
}

/// The writes among `claimed` (a project's version vector and the stamps of its values, as a
/// file carries them) that no signature vouches for: beyond the counter its database has signed
/// (`signed`), and not seen here already (`seen`, the project's version vector here). A
/// database with no signed counter known is taken at its word, as before files were signed.
pub fn unvouched(claimed: impl IntoIterator<Item = Dot>, seen: &Context, signed: &HashMap<Uuid, i64>) -> Vec<Dot> {
    let mut out: Vec<Dot> = claimed
        .into_iter()
        .filter(|dot| signed.get(&dot.db).is_some_and(|&counter| dot.counter > counter) && !seen.contains(*dot))
        .collect();
    out.sort_by_key(|d| (d.db, d.counter));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "3f2a91c0aa55e0117b3c9d2e4f6a8b0c1d2e3f405162738495a6b7c8d9e0f1a2";

    #[test]
    fn a_sender_is_believed_only_with_the_key_pinned_for_it() {
        let pinned = Pin { public_key: Some(KEY.into()), signed_counter: 4 };
        let unpinned = Pin::default();
        assert_eq!(sender(Some(&pinned), Some(&KEY.to_uppercase())), Sender::Pinned);
        assert_eq!(sender(Some(&pinned), Some(&KEY.replace('3', "4"))), Sender::WrongKey);
        assert_eq!(sender(Some(&pinned), None), Sender::MissingSignature);
        assert_eq!(sender(Some(&unpinned), Some(KEY)), Sender::FirstSight);
        assert_eq!(sender(None, Some(KEY)), Sender::FirstSight);
        assert_eq!(sender(None, None), Sender::Unsigned);
        assert_eq!(fingerprint(KEY), "3F2A 91C0 AA55 E011 7B3C");
    }

    #[test]
    fn only_writes_beyond_what_was_signed_and_not_seen_are_unvouched() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let signed = HashMap::from([(a, 10), (b, 5)]);
        let seen = Context([(b, 7)].into());
        let dot = |db, counter| Dot { db, counter };
        let claimed = [dot(a, 10), dot(a, 11), dot(a, 999), dot(b, 7), dot(b, 8), dot(c, 1_000_000), dot(a, 11)];
        assert_eq!(unvouched(claimed, &seen, &signed), [dot(a, 11), dot(a, 999), dot(b, 8)]);
    }
}
