//! A write a file's database does not own, kept as a proposal (what may be taken is decided by
//! `indmap_core::ownership`): its id comes from the write, so the same write arriving again is
//! the same proposal.

use indmap_core::ownership::TakenOut;
use indmap_core::proposal::Proposal;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The write `taken` as an open proposal about project `project_id`.
pub fn as_proposal(project_id: Uuid, taken: &TakenOut) -> Proposal {
    let (key, s) = (&taken.key, &taken.write);
    let digest = Sha256::digest(format!(
        "{}:{}:{}:{}:{}",
        s.stamp.dot.db, s.stamp.dot.counter, key.entity, key.record_id, key.field
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    taken.proposal(project_id, uuid::Builder::from_random_bytes(bytes).into_uuid())
}
