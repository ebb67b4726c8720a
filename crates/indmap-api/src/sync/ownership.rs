//! What a file may change here. A write counts only when its database owns the field; a write
//! by a database that could have owned it (same region, or the ministry) becomes a proposal to
//! the owner; any other (a hand-edited or forged file) is refused and listed.

use indmap_core::changes::FieldKey;
use indmap_core::proposal::{Proposal, ProposalStatus};
use indmap_core::schema::Entity;
use indmap_core::version::{Sibling, VersionedProject};
use indmap_core::{MapLevel, Project, RegionCode, Scope};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use uuid::Uuid;

pub enum Verdict {
    Propose,
    Refuse(String),
}

fn value_of<'a>(vp: &'a VersionedProject, field: &str) -> Option<&'a Sibling> {
    let key = FieldKey { entity: Entity::Project, record_id: vp.project_id, field: field.into() };
    vp.fields.get(&key).and_then(|s| s.first())
}

/// The version of `remote` this database may merge (`remote` itself, unless something had to be
/// taken out), and what was taken out of it and why.
pub fn sanitize<'r>(
    local: Option<&Project>,
    local_vp: &VersionedProject,
    remote: &'r VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
) -> (Cow<'r, VersionedProject>, Vec<(FieldKey, Sibling, Verdict)>) {
    let is_new = |s: &Sibling| !local_vp.context.contains(s.stamp.dot);
    // A project keeps its region; whether it is on the republican map is the ministry's word.
    let remote_region = value_of(remote, "region").and_then(|s| s.value.as_str()).and_then(RegionCode::parse);
    let Some(region) = local.map(|p| p.region).or(remote_region) else { return (Cow::Borrowed(remote), Vec::new()) };
    let remote_level =
        value_of(remote, "level").filter(|s| !is_new(s) || scopes.get(&s.stamp.dot.db) == Some(&Scope::Ministry));
    let level = remote_level
        .and_then(|s| s.value.as_str())
        .and_then(MapLevel::from_code)
        .or(local.map(|p| p.level))
        .unwrap_or(MapLevel::Regional);

    let mut clean = Cow::Borrowed(remote);
    let mut taken_out = Vec::new();
    for (key, siblings) in &remote.fields {
        let field = if key.entity == Entity::Project { key.field.as_str() } else { "" };
        let owner = Scope::owner(level, region, field);
        let (kept, out): (Vec<&Sibling>, Vec<&Sibling>) = siblings.iter().partition(|s| {
            !is_new(s)
                || scopes.get(&s.stamp.dot.db).is_some_and(|w| *w == owner || (local.is_none() && w.covers(region)))
        });
        if out.is_empty() {
            continue;
        }
        for s in out {
            let verdict = match scopes.get(&s.stamp.dot.db) {
                Some(writer) if writer.covers(region) => Verdict::Propose,
                Some(writer) => Verdict::Refuse(format!(
                    "changed directly by {}, which does not keep {} ({region}); the change was not taken",
                    writer.describe(),
                    region.region().name_en
                )),
                None => Verdict::Refuse(
                    "changed by a database this one has never heard of; the change was not taken".into(),
                ),
            };
            taken_out.push((key.clone(), s.clone(), verdict));
        }
        // What is here stays as it is: the file is not taken to have seen past it.
        let mut merged: Vec<Sibling> = kept.into_iter().cloned().collect();
        for s in local_vp.fields.get(key).into_iter().flatten() {
            if !merged.iter().any(|m| m.stamp.dot == s.stamp.dot) {
                merged.push(s.clone());
            }
        }
        indmap_core::version::newest_first(&mut merged);
        if merged.is_empty() {
            clean.to_mut().fields.remove(key);
        } else {
            clean.to_mut().fields.insert(key.clone(), merged);
        }
    }
    (clean, taken_out)
}

/// A write turned into a proposal; its id comes from the write, so the same write arriving
/// again is the same proposal.
pub fn as_proposal(project_id: Uuid, key: &FieldKey, s: &Sibling) -> Proposal {
    let digest = Sha256::digest(format!(
        "{}:{}:{}:{}:{}",
        s.stamp.dot.db, s.stamp.dot.counter, key.entity, key.record_id, key.field
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Proposal {
        id: uuid::Builder::from_random_bytes(bytes).into_uuid(),
        project_id,
        key: key.clone(),
        value: s.value.clone(),
        proposer_db: s.stamp.dot.db,
        user: s.stamp.user.to_string(),
        at: s.stamp.at.to_string(),
        status: ProposalStatus::Open,
        decided_by: None,
        decided_at: None,
        reason: None,
    }
}
