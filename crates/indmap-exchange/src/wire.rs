//! A versioned project as one compact JSON text in the file: the writes (stamps) are listed
//! once and fields refer to them by number, grouped by entity and row.

use indmap_core::changes::FieldKey;
use indmap_core::edition::{Act, EditionHead, EditionRecord, PlanTotals};
use indmap_core::period_act::{PeriodAct, Step};
use indmap_core::proposal::{Proposal, ProposalStatus};
use indmap_core::schema::Entity;
use indmap_core::version::{Context, Dot, Sibling, Stamp, VersionedProject};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use uuid::Uuid;

/// entity → record id → field → [(stamp number, value)], newest write first.
type WireFields = BTreeMap<String, BTreeMap<Uuid, BTreeMap<String, Vec<(usize, Value)>>>>;

#[derive(Serialize, Deserialize)]
struct WireProject {
    id: Uuid,
    ctx: Context,
    /// (database, counter, at, user) of every write a field here refers to.
    stamps: Vec<(Uuid, i64, String, String)>,
    fields: WireFields,
}

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("a record cannot be read: {0}")]
    Syntax(#[from] serde_json::Error),
    #[error("a record names an unknown kind of row {0:?}")]
    UnknownEntity(String),
    #[error("a record refers to a write it does not list")]
    UnknownStamp,
    #[error("a record has a field with no value")]
    Empty,
    #[error("a proposal has an unknown status {0:?}")]
    UnknownStatus(String),
    #[error("an edition cannot be read: {0}")]
    Edition(String),
    #[error("an act of a reporting period cannot be read: {0}")]
    PeriodAct(String),
}

pub fn encode(vp: &VersionedProject) -> String {
    let mut stamps: Vec<&Stamp> = Vec::new();
    let mut fields = WireFields::new();
    for (key, siblings) in &vp.fields {
        let values = siblings
            .iter()
            .map(|s| {
                let n = stamps.iter().position(|t| t.dot == s.stamp.dot).unwrap_or_else(|| {
                    stamps.push(&s.stamp);
                    stamps.len() - 1
                });
                (n, s.value.clone())
            })
            .collect();
        fields
            .entry(key.entity.as_str().to_owned())
            .or_default()
            .entry(key.record_id)
            .or_default()
            .insert(key.field.clone(), values);
    }
    let stamps = stamps.into_iter().map(|s| (s.dot.db, s.dot.counter, s.at.to_string(), s.user.to_string())).collect();
    serde_json::to_string(&WireProject { id: vp.project_id, ctx: vp.context.clone(), stamps, fields })
        .unwrap_or_default()
}

pub fn decode(text: &str) -> Result<VersionedProject, WireError> {
    let wire: WireProject = serde_json::from_str(text)?;
    let stamps: Vec<Stamp> = wire
        .stamps
        .into_iter()
        .map(|(db, counter, at, user)| Stamp { dot: Dot { db, counter }, at: at.into(), user: user.into() })
        .collect();
    let mut vp = VersionedProject { project_id: wire.id, context: wire.ctx, ..Default::default() };
    for (name, records) in wire.fields {
        let entity = Entity::parse(&name).ok_or(WireError::UnknownEntity(name))?;
        for (record_id, fields) in records {
            for (field, values) in fields {
                if values.is_empty() {
                    return Err(WireError::Empty);
                }
                let mut siblings = values
                    .into_iter()
                    .map(|(n, value)| {
                        Ok(Sibling { stamp: stamps.get(n).ok_or(WireError::UnknownStamp)?.clone(), value })
                    })
                    .collect::<Result<Vec<_>, WireError>>()?;
                indmap_core::version::newest_first(&mut siblings);
                vp.fields.insert(FieldKey { entity, record_id, field }, siblings);
            }
        }
    }
    Ok(vp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_decode_gives_the_project_back() {
        let stamp = |db: u128, counter| Stamp {
            dot: Dot { db: Uuid::from_u128(db), counter },
            at: "t".into(),
            user: "u".into(),
        };
        let mut vp = VersionedProject { project_id: Uuid::from_u128(9), ..Default::default() };
        vp.context.add(stamp(1, 3).dot);
        vp.context.add(stamp(2, 5).dot);
        let key = |entity, field: &str| FieldKey { entity, record_id: Uuid::from_u128(9), field: field.into() };
        vp.fields.insert(key(Entity::Project, "name_kk"), vec![Sibling { stamp: stamp(1, 3), value: "Қазақ".into() }]);
        vp.fields.insert(
            key(Entity::Financing, "amount_kzt"),
            vec![Sibling { stamp: stamp(2, 5), value: 7.into() }, Sibling { stamp: stamp(1, 3), value: 8.into() }],
        );
        assert_eq!(decode(&encode(&vp)).unwrap(), vp);
    }
}

#[derive(Serialize, Deserialize)]
struct WireProposal {
    id: Uuid,
    project_id: Uuid,
    entity: String,
    record_id: Uuid,
    field: String,
    value: Value,
    proposer_db: Uuid,
    user: String,
    at: String,
    status: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
    reason: Option<String>,
}

pub fn encode_proposal(p: &Proposal) -> String {
    serde_json::to_string(&WireProposal {
        id: p.id,
        project_id: p.project_id,
        entity: p.key.entity.as_str().into(),
        record_id: p.key.record_id,
        field: p.key.field.clone(),
        value: p.value.clone(),
        proposer_db: p.proposer_db,
        user: p.user.clone(),
        at: p.at.clone(),
        status: p.status.code().into(),
        decided_by: p.decided_by.clone(),
        decided_at: p.decided_at.clone(),
        reason: p.reason.clone(),
    })
    .unwrap_or_default()
}

pub fn decode_proposal(text: &str) -> Result<Proposal, WireError> {
    let w: WireProposal = serde_json::from_str(text)?;
    let entity = Entity::parse(&w.entity).ok_or(WireError::UnknownEntity(w.entity))?;
    Ok(Proposal {
        id: w.id,
        project_id: w.project_id,
        key: FieldKey { entity, record_id: w.record_id, field: w.field },
        value: w.value,
        proposer_db: w.proposer_db,
        user: w.user,
        at: w.at,
        status: ProposalStatus::from_code(&w.status).ok_or(WireError::UnknownStatus(w.status))?,
        decided_by: w.decided_by,
        decided_at: w.decided_at,
        reason: w.reason,
    })
}

#[derive(Serialize, Deserialize)]
struct WireEdition {
    id: Uuid,
    #[serde(with = "crate::scope_code")]
    map: indmap_core::Scope,
    act: WireAct,
    db: Uuid,
    counter: i64,
    at: String,
    user: String,
    totals: WireTotals,
    /// Each project and the fingerprint of its plan, in order.
    plans: Vec<(Uuid, String)>,
}

#[derive(Serialize, Deserialize)]
struct WireAct {
    number: String,
    date: chrono::NaiveDate,
    body: String,
    signatory: Option<String>,
}

/// Sums as decimal text: a national map's do not fit the 53 bits a JSON number keeps exactly.
#[derive(Serialize, Deserialize)]
struct WireTotals {
    projects: usize,
    cost_tiyn: String,
    financing_tiyn: String,
    jobs_permanent: u64,
    jobs_construction: u64,
}

pub fn encode_edition(e: &EditionRecord) -> String {
    let h = &e.head;
    serde_json::to_string(&WireEdition {
        id: h.id,
        map: h.map,
        act: WireAct {
            number: h.act.number.clone(),
            date: h.act.date,
            body: h.act.body.clone(),
            signatory: h.act.signatory.clone(),
        },
        db: h.approved.db,
        counter: h.approved.counter,
        at: h.at.clone(),
        user: h.user.clone(),
        totals: WireTotals {
            projects: h.totals.projects,
            cost_tiyn: h.totals.cost.to_string(),
            financing_tiyn: h.totals.financing.to_string(),
            jobs_permanent: h.totals.jobs_permanent,
            jobs_construction: h.totals.jobs_construction,
        },
        plans: e.plans.clone(),
    })
    .unwrap_or_default()
}

pub fn decode_edition(text: &str) -> Result<EditionRecord, WireError> {
    let w: WireEdition = serde_json::from_str(text)?;
    let sum = |t: &str| t.parse::<i128>().map_err(|_| WireError::Edition(format!("a sum {t:?} is not a number")));
    Ok(EditionRecord {
        head: EditionHead {
            id: w.id,
            map: w.map,
            act: Act { number: w.act.number, date: w.act.date, body: w.act.body, signatory: w.act.signatory },
            approved: Dot { db: w.db, counter: w.counter },
            at: w.at,
            user: w.user,
            totals: PlanTotals {
                projects: w.totals.projects,
                cost: sum(&w.totals.cost_tiyn)?,
                financing: sum(&w.totals.financing_tiyn)?,
                jobs_permanent: w.totals.jobs_permanent,
                jobs_construction: w.totals.jobs_construction,
            },
        },
        plans: w.plans,
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePeriodAct {
    id: Uuid,
    region: String,
    period: String,
    step: Step,
    reason: Option<String>,
    after: Option<Uuid>,
    db: Uuid,
    counter: i64,
    at: String,
    user: String,
}

pub fn encode_period_act(a: &PeriodAct) -> String {
    serde_json::to_string(&WirePeriodAct {
        id: a.id,
        region: a.region.as_str().to_owned(),
        period: a.period.clone(),
        step: a.step,
        reason: a.reason.clone(),
        after: a.after,
        db: a.made.db,
        counter: a.made.counter,
        at: a.at.clone(),
        user: a.user.clone(),
    })
    .unwrap_or_default()
}

/// An act as the file carries it, refused unless it names a region, a period written as periods
/// are, a write that exists and, for an unapproval, a reason.
pub fn decode_period_act(text: &str) -> Result<PeriodAct, WireError> {
    let w: WirePeriodAct = serde_json::from_str(text)?;
    let bad = |why: String| Err(WireError::PeriodAct(why));
    let Some(region) = indmap_core::RegionCode::parse(&w.region) else {
        return bad(format!("{:?} is not a region", w.region));
    };
    if indmap_core::monitoring::Period::parse(&w.period).is_none() {
        return bad(format!("{:?} is not a period", w.period));
    }
    if w.counter < 1 {
        return bad(format!("it names write {} of its database", w.counter));
    }
    if w.step == Step::Unapprove && w.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return bad("an unapproval gives no reason".into());
    }
    Ok(PeriodAct {
        id: w.id,
        region,
        period: w.period,
        step: w.step,
        reason: w.reason,
        after: w.after,
        made: Dot { db: w.db, counter: w.counter },
        at: w.at,
        user: w.user,
    })
}
