//! The manifest's checksum is over the manifest exactly as its writer wrote it (less the
//! checksum), not as this build would write it again: a file from a build that had fewer
//! manifest fields, or more, still matches its own checksum.

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

/// The SHA-256 of a manifest's unsigned text and then the records, each record length-prefixed
/// so that no two lists of records hash alike.
pub(crate) struct Checksum(Sha256);

impl Checksum {
    pub(crate) fn of_manifest(unsigned: &str) -> Checksum {
        Checksum(Sha256::new_with_prefix(unsigned.as_bytes()))
    }

    pub(crate) fn add(&mut self, record: &str) {
        self.0.update((record.len() as u64).to_le_bytes());
        self.0.update(record.as_bytes());
    }

    pub(crate) fn hex(self) -> String {
        format!("{:x}", self.0.finalize())
    }
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

/// The public key (hex) that goes with a database's secret signing key.
pub fn public_key(secret: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(secret).verifying_key().as_bytes())
}

/// The signature (hex) of a file whose checksum is `sha256`: the checksum covers the manifest,
/// with its public key, and everything the importer reads.
pub(crate) fn sign(secret: &[u8; 32], sha256: &str) -> String {
    hex::encode(SigningKey::from_bytes(secret).sign(sha256.as_bytes()).to_bytes())
}

/// Whether `signature` (hex) is `public_key`'s (hex) over the checksum `sha256`.
pub(crate) fn verify(public_key: &str, sha256: &str, signature: &str) -> bool {
    let (Some(key), Some(signature)) = (unhex::<32>(public_key), unhex::<64>(signature)) else { return false };
    let Ok(key) = VerifyingKey::from_bytes(&key) else { return false };
    key.verify(sha256.as_bytes(), &ed25519_dalek::Signature::from_bytes(&signature)).is_ok()
}

/// The hex checksum of a manifest's unsigned text and the records.
pub(crate) fn checksum<'a>(unsigned: &str, records: impl IntoIterator<Item = &'a String>) -> String {
    let mut sum = Checksum::of_manifest(unsigned);
    records.into_iter().for_each(|r| sum.add(r));
    sum.hex()
}

/// A manifest's text as its writer signed it: the written text with `sha256` empty. Writers
/// write the manifest as compact JSON, so its members are taken in their order and verbatim.
pub(crate) fn unsigned_text(written: &str) -> serde_json::Result<String> {
    let Members(members) = serde_json::from_str(written)?;
    let mut text = String::with_capacity(written.len());
    text.push('{');
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(key)?);
        text.push(':');
        text.push_str(if key == "sha256" { "\"\"" } else { value.get() });
    }
    text.push('}');
    Ok(text)
}

/// A JSON object's members in the order written, each value as its text.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unsigned_text_is_the_written_one_with_the_checksum_emptied() {
        let written = r#"{"format":"indmap-exchange","n":[1,{"b":2,"a":"Қ"}],"sha256":"abc","z":1.50}"#;
        let expected = r#"{"format":"indmap-exchange","n":[1,{"b":2,"a":"Қ"}],"sha256":"","z":1.50}"#;
        assert_eq!(unsigned_text(written).unwrap(), expected);
        assert!(unsigned_text("[1]").is_err());
    }
}
