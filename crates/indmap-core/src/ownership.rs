//! What a file may change here. A write counts only when its database owns the field
//! (`Scope::owner`); a write by a database that could have owned it (same region, or the
//! ministry) becomes a proposal to the owner; any other (a hand-edited or forged file) is
//! refused and listed.

use crate::changes::FieldKey;
use crate::proposal::{Proposal, ProposalStatus};
use crate::reference::Status;
use crate::schema::Entity;
use crate::version::{Sibling, VersionedProject, newest_first};
use crate::{MapLevel, Project, RegionCode, Scope};
use std::borrow::Cow;
use std::collections::HashMap;
use uuid::Uuid;

/// What becomes of a write of a file its database does not own.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Kept as a proposal to the owner.
    Propose,
    /// Not taken, and listed.
    Refuse(Unowned),
}

/// Why a write was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Unowned {
    /// Written directly by a database that does not keep the project's region.
    NotKept { writer: Scope, region: RegionCode },
    /// Written by a database this one has never heard of.
    UnknownWriter,
}

impl std::fmt::Display for Unowned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unowned::NotKept { writer, region } => write!(
                f,
                "changed directly by {}, which does not keep {} ({region}); the change was not taken",
                writer.describe(),
                region.region().name_en
            ),
            Unowned::UnknownWriter => {
                f.write_str("changed by a database this one has never heard of; the change was not taken")
            }
        }
    }
}

/// A write of a file taken out of the merge, and what becomes of it.
#[derive(Debug, Clone, PartialEq)]
pub struct TakenOut {
    pub key: FieldKey,
    pub write: Sibling,
    pub verdict: Verdict,
}

impl TakenOut {
    /// The write as an open proposal about project `project_id`, with the id `id` (the same
    /// write arriving again should be given the same id).
    pub fn proposal(&self, project_id: Uuid, id: Uuid) -> Proposal {
        let s = &self.write;
        Proposal {
            id,
            project_id,
            key: self.key.clone(),
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
}

/// The version of `remote` this database may merge (`remote` itself, unless something had to be
/// taken out), and what was taken out of it and why. `local` is the project as stored here
/// (`None`: new here) and `local_vp` its versions; `scopes` the scope each known database keeps.
pub fn sanitize<'r>(
    local: Option<&Project>,
    local_vp: &VersionedProject,
    remote: &'r VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
) -> (Cow<'r, VersionedProject>, Vec<TakenOut>) {
    let Some((region, level)) = region_and_level(local, local_vp, remote, scopes) else {
        return (Cow::Borrowed(remote), Vec::new());
    };
    let is_new = |s: &Sibling| !local_vp.context.contains(s.stamp.dot);
    // The ministry's write that moves a republican project to a regional map was made while the
    // ministry owned all of it: what that write changed besides the level is taken with it.
    let move_write = (local.is_some_and(|p| p.level == MapLevel::Republican) && level == MapLevel::Regional)
        .then(|| value_of(remote, "level"))
        .flatten()
        .filter(|s| is_new(s) && scopes.get(&s.stamp.dot.db) == Some(&Scope::Ministry))
        .map(|s| s.stamp.dot);
    let mut clean = Cow::Borrowed(remote);
    let mut taken_out = Vec::new();
    for (key, siblings) in &remote.fields {
        let field = if key.entity == Entity::Project { key.field.as_str() } else { "" };
        let owner = Scope::owner(level, region, field);
        let (kept, out): (Vec<&Sibling>, Vec<&Sibling>) = siblings.iter().partition(|s| {
            !is_new(s)
                || move_write == Some(s.stamp.dot)
                || scopes.get(&s.stamp.dot.db).is_some_and(|w| *w == owner || (local.is_none() && w.covers(region)))
        });
        if out.is_empty() {
            continue;
        }
        for s in out {
            let verdict = verdict(scopes.get(&s.stamp.dot.db).copied(), region);
            taken_out.push(TakenOut { key: key.clone(), write: s.clone(), verdict });
        }
        keep_here(clean.to_mut(), key, kept, local_vp);
    }
    (clean, taken_out)
}

/// A project the ministry puts on a regional map, split as the law wants it: the project as the
/// ministry may write it (a candidate, not included), and what it proposes to the akimat whose
/// act includes it (the status and date of inclusion it was given). `before` is the project as
/// it was (`None`: registered now); a project moved from the republican map is put on a
/// regional one as well, and the Government's act that included it does not include it there.
/// `None` when nothing needs proposing: the ministry's own (republican) projects, a candidate,
/// any project a region writes, a regional project that was regional already, and one whose
/// write names the akimat's act of inclusion (the ministry records an act made, as when it
/// enters the national map it kept in spreadsheets).
pub fn inclusion_to_propose(
    before: Option<&Project>,
    project: &Project,
    writer: Scope,
) -> Option<(Project, Vec<crate::changes::FieldChange>)> {
    let put_on_regional = before.is_none_or(|b| b.level == MapLevel::Republican);
    if writer != Scope::Ministry || project.level != MapLevel::Regional || !put_on_regional {
        return None;
    }
    let act_given =
        project.inclusion_act.is_some() && project.inclusion_act != before.and_then(|b| b.inclusion_act.clone());
    if act_given {
        return None;
    }
    let asked = Project { inclusion_act: None, ..project.clone() };
    let written = Project { status: Status::Candidate, inclusion_date: None, ..asked.clone() };
    let proposed = crate::changes::project_changes(Some(&written), Some(&asked));
    (written != *project || !proposed.is_empty()).then_some((written, proposed))
}

/// What makes proposals the owner could not accept: a project proposed for the republican map
/// needs its local-content expertise (Art. 1 p.2).
pub fn proposal_problems(project: &Project, changes: &[crate::changes::FieldChange]) -> crate::Problems {
    let mut problems = crate::Problems::new();
    if changes.iter().any(|c| c.key.field == "level" && c.new == MapLevel::Republican.code())
        && project.local_content_expertise_date.is_none()
    {
        problems.error(
            "local_content_expertise_date",
            crate::Rule::ProposalExpertise,
            "is empty: a project proposed for the republican map needs its local-content expertise (Art. 1 p.2)",
        );
    }
    problems
}

fn value_of<'a>(vp: &'a VersionedProject, field: &str) -> Option<&'a Sibling> {
    let key = FieldKey { entity: Entity::Project, record_id: vp.project_id, field: field.into() };
    vp.fields.get(&key).and_then(|s| s.first())
}

/// The region and map level that decide who owns the project's fields. A project keeps its
/// region; whether it is on the republican map is the ministry's word. `None`: the project
/// has no region to go by (nothing is taken out; the merged project is refused by the rules).
fn region_and_level(
    local: Option<&Project>,
    local_vp: &VersionedProject,
    remote: &VersionedProject,
    scopes: &HashMap<Uuid, Scope>,
) -> Option<(RegionCode, MapLevel)> {
    let is_new = |s: &Sibling| !local_vp.context.contains(s.stamp.dot);
    let remote_region = value_of(remote, "region").and_then(|s| s.value.as_str()).and_then(RegionCode::parse);
    let region = local.map(|p| p.region).or(remote_region)?;
    let remote_level =
        value_of(remote, "level").filter(|s| !is_new(s) || scopes.get(&s.stamp.dot.db) == Some(&Scope::Ministry));
    let level = remote_level
        .and_then(|s| s.value.as_str())
        .and_then(MapLevel::from_code)
        .or(local.map(|p| p.level))
        .unwrap_or(MapLevel::Regional);
    Some((region, level))
}

/// What becomes of a write its database (of scope `writer`, `None` if unknown here) does not
/// own, to a project of `region`.
fn verdict(writer: Option<Scope>, region: RegionCode) -> Verdict {
    match writer {
        Some(writer) if writer.covers(region) => Verdict::Propose,
        Some(writer) => Verdict::Refuse(Unowned::NotKept { writer, region }),
        None => Verdict::Refuse(Unowned::UnknownWriter),
    }
}

/// Puts in `clean` the values of `key` the file may merge (`kept`) beside those stored here:
/// what is here stays as it is, the file is not taken to have seen past it.
fn keep_here(clean: &mut VersionedProject, key: &FieldKey, kept: Vec<&Sibling>, local_vp: &VersionedProject) {
    let mut merged: Vec<Sibling> = kept.into_iter().cloned().collect();
    for s in local_vp.fields.get(key).into_iter().flatten() {
        if !merged.iter().any(|m| m.stamp.dot == s.stamp.dot) {
            merged.push(s.clone());
        }
    }
    newest_first(&mut merged);
    if merged.is_empty() {
        clean.fields.remove(key);
    } else {
        clean.fields.insert(key.clone(), merged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regional_project_the_ministry_registers_is_a_candidate_with_its_inclusion_proposed() {
        let region = RegionCode::parse("35").unwrap();
        let mut p = Project::new(Uuid::from_u128(1), "Зауыт".into(), "Завод".into(), region);
        p.status = Status::Construction;
        p.inclusion_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        p.cost = Some(crate::Money::from_mln(950));
        let (written, proposed) = inclusion_to_propose(None, &p, Scope::Ministry).expect("split");
        assert_eq!((written.status, written.inclusion_date), (Status::Candidate, None));
        assert_eq!(written.cost, p.cost, "the rest is written as given");
        let fields: Vec<&str> = proposed.iter().map(|c| c.key.field.as_str()).collect();
        assert_eq!(fields, ["inclusion_date", "status"]);
        let recorded = Project { inclusion_act: Some("№ 5".into()), ..p.clone() };
        assert_eq!(inclusion_to_propose(None, &recorded, Scope::Ministry), None, "the akimat's act made");
        assert_eq!(proposed.iter().find(|c| c.key.field == "status").unwrap().new, "construction");
        assert_eq!(inclusion_to_propose(None, &p, Scope::Region(region)), None, "the akimat includes its own");
        let republican = Project { level: MapLevel::Republican, ..p.clone() };
        assert_eq!(inclusion_to_propose(None, &republican, Scope::Ministry), None, "the ministry's own map");
        let candidate = Project { status: Status::Candidate, inclusion_date: None, ..p };
        assert_eq!(inclusion_to_propose(None, &candidate, Scope::Ministry), None, "nothing to propose");
    }

    #[test]
    fn a_republican_project_the_ministry_moves_to_a_regional_map_waits_for_the_akimats_act() {
        let region = RegionCode::parse("35").unwrap();
        let mut republican = Project::new(Uuid::from_u128(1), "Зауыт".into(), "Завод".into(), region);
        republican.level = MapLevel::Republican;
        republican.status = Status::Construction;
        republican.inclusion_act = Some("ҚР Үкіметінің қаулысы № 1".into());
        republican.inclusion_date = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
        let moved = Project { level: MapLevel::Regional, ..republican.clone() };
        let (written, proposed) = inclusion_to_propose(Some(&republican), &moved, Scope::Ministry).expect("split");
        assert_eq!((written.level, written.status), (MapLevel::Regional, Status::Candidate));
        assert_eq!((written.inclusion_act.as_deref(), written.inclusion_date), (None, None), "not the akimat's act");
        let fields: Vec<&str> = proposed.iter().map(|c| c.key.field.as_str()).collect();
        assert_eq!(fields, ["inclusion_date", "status"], "the Government's act is not proposed as the akimat's");
        // Already regional: an edit, not a move. The akimat's act named in the move: recorded.
        assert_eq!(inclusion_to_propose(Some(&moved), &moved, Scope::Ministry), None);
        let recorded = Project { inclusion_act: Some("Әкімдік қаулысы № 7".into()), ..moved.clone() };
        assert_eq!(inclusion_to_propose(Some(&republican), &recorded, Scope::Ministry), None);
        assert_eq!(inclusion_to_propose(Some(&republican), &republican, Scope::Ministry), None, "still republican");
    }
}
