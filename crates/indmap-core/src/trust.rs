//! Whom a file may speak for. Every exchange file is signed by the database that wrote it; the
//! receiver pins each sender's public key the first time it takes a signed file from it, and then
//! believes a file only when the same key signed it. A signed file also says how many writes its
//! database had made; a write it claims beyond what that database has signed (to this file, or
//! to an earlier one taken here) is believed by nobody.

use crate::Scope;
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

/// Whether a file from a database never pinned here, claiming `scope`, must be confirmed by a
/// person (its fingerprint checked with the sender) before it is taken. The ministry's writes
/// reach every map (a project's level, the republican map), so a new database that says it is
/// the ministry is believed only once confirmed. An akimat's first file is taken on first sight,
/// its fingerprint shown in the preview and the bill: its writes reach its own region only.
pub fn needs_confirmation(sender: &Sender, scope: Scope) -> bool {
    *sender == Sender::FirstSight && scope == Scope::Ministry
}

/// A fingerprint as typed from what was read out (`3f2a91c0 aa55-e011 7B3C`), in the form
/// [`fingerprint`] gives; `None` unless it is 20 hexadecimal digits.
pub fn read_fingerprint(typed: &str) -> Option<String> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    (digits.len() == 20 && digits.chars().all(|c| c.is_ascii_hexdigit())).then(|| fingerprint(&digits))
}

/// The key's fingerprint as people read it out on the phone: its first 80 bits, in five groups.
pub fn fingerprint(public_key: &str) -> String {
    let upper = public_key.to_ascii_uppercase();
    let groups: Vec<&str> = (0..5).filter_map(|i| upper.get(4 * i..4 * i + 4)).collect();
    groups.join(" ")
}

/// How many writes of each database a file from `sender` is believed for (beyond what this
/// database has seen, see [`unvouched`]): this database's own, up to its counter; the sender's,
/// up to the counter its signed file says (`sender_signed`); others', up to what their pinned
/// keys vouched for. A signed file speaks for no database whose key is not known here (pinned
/// from its own file, or vouched for): those are believed for none until one of their files, or
/// a file that vouches for them, comes. Nor does any file for a database that says it is the
/// ministry and whose key is not known here: its writes reach every map. An unsigned file of an
/// older build is taken at its word for the other databases, as before files were signed.
pub fn believed_counters(
    pins: &HashMap<Uuid, Pin>,
    scopes: &HashMap<Uuid, Scope>,
    own: Dot,
    sender: Uuid,
    sender_signed: Option<i64>,
) -> HashMap<Uuid, i64> {
    let unknown = |db: &Uuid| pins.get(db).is_none_or(|p| p.public_key.is_none());
    let mut out: HashMap<Uuid, i64> = scopes
        .iter()
        .filter(|&(db, &scope)| unknown(db) && (sender_signed.is_some() || scope == Scope::Ministry))
        .map(|(&db, _)| (db, 0))
        .collect();
    out.extend(pins.iter().filter(|(_, pin)| pin.public_key.is_some()).map(|(&db, pin)| (db, pin.signed_counter)));
    if let Some(counter) = sender_signed {
        out.insert(sender, counter);
    }
    out.insert(own.db, own.counter);
    out
}

/// Whether a file's vouch for a database's key is taken: from the ministry, for any database; from
/// an akimat, for the other databases of its own region (its second laptop), whose writes it could
/// make itself. (The sender is pinned by then: a new ministry is confirmed first.)
pub fn takes_vouch(sender: Scope, vouched: Option<Scope>) -> bool {
    sender == Scope::Ministry || vouched == Some(sender)
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

/// Why an act that arrived in a file (an approved edition, a step of a period's reporting) is
/// not taken, if it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untaken {
    /// Its maker is not known here to keep the scope that may make it: only a map's owner
    /// approves its edition, only a region steps its own periods, only the ministry accepts.
    NotTheOwner,
    /// Its maker has signed fewer writes than the act claims.
    Unvouched,
    /// An act with its id is held here with other content: an act never changes.
    Altered,
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
    fn only_a_new_database_that_says_it_is_the_ministry_waits_for_a_person() {
        let region = Scope::Region(crate::RegionCode::parse("35").unwrap());
        assert!(needs_confirmation(&Sender::FirstSight, Scope::Ministry));
        assert!(!needs_confirmation(&Sender::FirstSight, region));
        assert!(!needs_confirmation(&Sender::Pinned, Scope::Ministry));
        assert!(!needs_confirmation(&Sender::Unsigned, Scope::Ministry));
        assert_eq!(read_fingerprint(" 3f2a91c0 aa55-e011 7B3C "), Some("3F2A 91C0 AA55 E011 7B3C".into()));
        assert_eq!(read_fingerprint(&fingerprint(KEY)), Some(fingerprint(KEY)));
        assert_eq!(read_fingerprint("3F2A 91C0 AA55 E011"), None);
        assert_eq!(read_fingerprint("3F2A 91C0 AA55 E011 7B3G"), None);
    }

    #[test]
    fn a_ministry_nobody_confirmed_is_believed_for_nothing() {
        let (own, sender, ministry, old_region, pinned) =
            (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3), Uuid::from_u128(4), Uuid::from_u128(5));
        let region = Scope::Region(crate::RegionCode::parse("35").unwrap());
        let pins = HashMap::from([
            (ministry, Pin::default()),
            (pinned, Pin { public_key: Some(KEY.into()), signed_counter: 9 }),
        ]);
        let scopes = HashMap::from([
            (ministry, Scope::Ministry),
            (old_region, region),
            (pinned, Scope::Ministry),
            (sender, region),
        ]);
        let believed = believed_counters(&pins, &scopes, Dot { db: own, counter: 40 }, sender, Some(12));
        assert_eq!(believed, HashMap::from([(own, 40), (sender, 12), (ministry, 0), (old_region, 0), (pinned, 9)]));
        let unsigned_sender = believed_counters(&pins, &scopes, Dot { db: own, counter: 40 }, sender, None);
        assert!(!unsigned_sender.contains_key(&sender), "an unsigned file is taken at its word");
        assert!(!unsigned_sender.contains_key(&old_region));
        assert_eq!(unsigned_sender.get(&ministry), Some(&0), "but never for a ministry no one confirmed");
        assert!(takes_vouch(Scope::Ministry, Some(region)) && takes_vouch(Scope::Ministry, None));
        assert!(takes_vouch(region, Some(region)));
        let other = Scope::Region(crate::RegionCode::parse("71").unwrap());
        assert!(
            !takes_vouch(region, Some(other))
                && !takes_vouch(region, Some(Scope::Ministry))
                && !takes_vouch(region, None)
        );
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
