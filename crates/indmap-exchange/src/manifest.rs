//! The manifest: who exported a file, when, of what, and which databases they knew. Its values
//! are typed here and written as the strings files have always carried (`ministry`,
//! `region:35`, hyphenated ids), so a manifest reads and writes again byte for byte.

use indmap_core::Scope;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who made a file, when, and of what: the first thing an import shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The schema of the exporting database.
    pub schema_version: usize,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub db_id: Uuid,
    /// `ministry` or `region:NN`.
    #[serde(with = "scope_code")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub scope: Scope,
    pub exported_at: String,
    pub user: String,
    pub projects: usize,
    /// Every database the exporter has heard of, with the scope each keeps.
    #[cfg_attr(feature = "ts", ts(type = "Array<[string, string]>"))]
    pub databases: Vec<KnownDatabase>,
    /// Set when the file holds only what these databases had not seen (a file of changes);
    /// empty for a file of the whole map.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "Array<string>"))]
    pub changes_for: Vec<Uuid>,
    /// The exporting database's public key (hex Ed25519): the file's signature is made with its
    /// secret. Absent in files of builds that did not sign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// How many writes the exporting database had made: the file vouches for those, no more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub counter: Option<i64>,
    /// The keys of other databases the exporter has pinned, and how many writes of each their
    /// signed files vouched for. Believed by a receiver only from a ministry it has pinned
    /// (`indmap_core::trust`): so the regions learn the keys the ministry knows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub vouches: Vec<Vouch>,
    /// Hex SHA-256 over the manifest (less this field) and the records.
    #[serde(default)]
    pub sha256: String,
}

/// A database's key as another database pinned it, and the writes its signed files vouched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vouch {
    pub db_id: Uuid,
    pub public_key: String,
    pub counter: i64,
}

impl Manifest {
    /// Every database the file names: those its exporter had heard of, then the exporter.
    pub fn named_databases(&self) -> impl Iterator<Item = KnownDatabase> + '_ {
        let sender = KnownDatabase { id: self.db_id, scope: self.scope };
        self.databases.iter().copied().chain([sender])
    }
}

/// A database and the scope it keeps, written `[id, scope]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Pair", into = "Pair")]
pub struct KnownDatabase {
    pub id: Uuid,
    pub scope: Scope,
}

#[derive(Serialize, Deserialize)]
struct Pair(Uuid, #[serde(with = "scope_code")] Scope);

impl From<Pair> for KnownDatabase {
    fn from(Pair(id, scope): Pair) -> KnownDatabase {
        KnownDatabase { id, scope }
    }
}

impl From<KnownDatabase> for Pair {
    fn from(known: KnownDatabase) -> Pair {
        Pair(known.id, known.scope)
    }
}

/// A [`Scope`] as files and the window write it: `ministry` or `region:35` (for
/// `#[serde(with = "scope_code")]`). Any other text is refused, saying what a scope is.
pub mod scope_code {
    use indmap_core::Scope;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use std::borrow::Cow;

    pub fn serialize<S: Serializer>(scope: &Scope, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&scope.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Scope, D::Error> {
        let code = Cow::<str>::deserialize(d)?;
        Scope::parse(&code).ok_or_else(|| {
            D::Error::custom(format!("{code:?} is not a scope (ministry, or region: and a KATO prefix)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest as the build before typed manifests wrote it (its values were strings).
    const WRITTEN: &str = concat!(
        r#"{"format":"indmap-exchange","format_version":1,"schema_version":6,"#,
        r#""db_id":"0192f1c4-7d2a-7b3e-9a10-5c2d8e4f6a71","scope":"region:35","#,
        r#""exported_at":"2026-06-01T09:00:00.000Z","user":"Жақсылықова Ә.Ғ.","projects":11,"#,
        r#""databases":[["0192f1c4-7d2a-7b3e-9a10-5c2d8e4f6a71","region:35"],["0192f1c4-9e01-7c44-8d2b-11aa22bb33cc","ministry"]],"#,
        r#""changes_for":["0192f1c4-9e01-7c44-8d2b-11aa22bb33cc"],"#,
        r#""sha256":"3f1c9a0d7e5b2c4a6f8e1d3b5a7c9e0f2d4b6a8c0e1f3a5b7d9c1e3f5a7b9d0c"}"#
    );

    #[test]
    fn a_manifest_written_before_it_was_typed_reads_and_writes_again_byte_for_byte() {
        let manifest: Manifest = serde_json::from_str(WRITTEN).unwrap();
        assert_eq!(manifest.scope, Scope::Region(indmap_core::RegionCode::parse("35").unwrap()));
        assert_eq!(manifest.databases[1].scope, Scope::Ministry);
        assert_eq!(manifest.changes_for, [manifest.databases[1].id]);
        assert_eq!(serde_json::to_string(&manifest).unwrap(), WRITTEN);
        assert_eq!(manifest.named_databases().last().map(|d| d.id), Some(manifest.db_id));
    }

    #[test]
    fn a_manifest_with_a_malformed_scope_or_id_is_refused_saying_what_is_wrong() {
        for (bad, said) in [
            (WRITTEN.replace(r#""scope":"region:35""#, r#""scope":"region:99""#), r#""region:99" is not a scope"#),
            (WRITTEN.replace(r#""ministry"]"#, r#""akimat"]"#), r#""akimat" is not a scope"#),
            (WRITTEN.replace(r#"["0192f1c4-9e01-7c44-8d2b-11aa22bb33cc"]"#, r#"["not-an-id"]"#), "UUID"),
        ] {
            let error = serde_json::from_str::<Manifest>(&bad).unwrap_err().to_string();
            assert!(error.contains(said), "{error}");
        }
    }
}
