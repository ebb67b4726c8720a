//! Confirming a sender: a person who has checked a file's fingerprint with the database that
//! sent it (read out by phone) pins its key before the file is imported. A new database that
//! says it is the ministry is believed only so (`indmap_core::trust::needs_confirmation`).

use super::import::check_sender;
use super::report::SignatureNote;
use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::{Problems, Rule, trust};
use indmap_exchange::ExchangeFile;
use std::path::Path;

impl Indmap {
    /// Pins the key that signed `file` for the database it comes from, once `fingerprint` (as
    /// typed from what the sender read out) is that key's. Refused, changing nothing, for an
    /// unsigned file, another fingerprint, a database pinned to another key or known to keep
    /// another scope.
    pub fn trust_sender(&mut self, file: &Path, fingerprint: &str) -> Result<SignatureNote> {
        let exchange = ExchangeFile::read(file)?;
        let manifest = &exchange.manifest;
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let refuse = |rule: Rule, message: String| {
            let mut problems = Problems::new();
            problems.error("fingerprint", rule, message);
            Error::invalid(problems)
        };
        let Some(key) = manifest.public_key.as_deref() else {
            return Err(refuse(
                Rule::KeyUnsigned,
                format!("cannot be confirmed: {name} is not signed (an older build made it), so it has no key"),
            ));
        };
        let theirs = trust::fingerprint(key);
        let typed = trust::read_fingerprint(fingerprint).ok_or_else(|| {
            refuse(
                Rule::KeyFingerprint,
                "must be the 20 letters and digits the sender reads out, like 3F2A 91C0 AA55 E011 7B3C".into(),
            )
        })?;
        if typed != theirs {
            return Err(refuse(
                Rule::KeyFingerprint,
                format!(
                    "{typed} is not the fingerprint of the key that signed {name} ({theirs}): the file is not the one the sender made; do not import it"
                ),
            ));
        }
        if manifest.db_id == self.store.info().db_id {
            return Err(Error::new(ErrorKind::Conflict, format!("{name} was exported by this very database")));
        }
        let sender = check_sender(&self.store.pins()?, manifest, &name)?;
        let author = self.author();
        self.store.write(&author, |w| {
            if let Some(known) = w.note_database(manifest.db_id, manifest.scope)? {
                return Err(indmap_store::StoreError::Constraint(format!(
                    "{name} says its database keeps {}, but it is known here to keep {known}",
                    manifest.scope.code()
                )));
            }
            w.pin(manifest.db_id, key, 0)
        })?;
        Ok(SignatureNote {
            fingerprint: Some(theirs),
            first_sight: sender == trust::Sender::FirstSight,
            confirm: false,
        })
    }
}
