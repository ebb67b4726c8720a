//! The reporting cycle of a period, region by region: the region submits its reports, the akimat
//! approves them, the ministry accepts them when the approved period arrives in a file. Each
//! step is an act, made once by the database allowed to make it and never changed; acts merge
//! as a set. Each act names the act it follows (the last of the chain its maker held), so where
//! a region stands is read by following that chain from the start, never by comparing clocks of
//! different laptops; every database that holds the same acts reads the same stage. An approved
//! (or accepted) period is locked: its reports change only after an explicit, logged unapproval
//! with a reason.

use crate::trust::Untaken;
use crate::version::Dot;
use crate::{Project, RegionCode, Scope};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// One step of a period's cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The region's planners hand the period's reports in.
    Submit,
    /// The akimat approves them: the period is locked.
    Approve,
    /// The region takes a submission or an approval back, saying why: the period is open again.
    Unapprove,
    /// The ministry has taken the approved period in.
    Accept,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Submit, Step::Approve, Step::Unapprove, Step::Accept];

    pub fn code(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Approve => "approve",
            Step::Unapprove => "unapprove",
            Step::Accept => "accept",
        }
    }

    pub fn parse(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether a database of `maker` may take this step for `region`'s reports: the region's own
    /// databases submit, approve and unapprove; the ministry accepts.
    pub fn made_by(self, maker: Scope, region: RegionCode) -> bool {
        match self {
            Step::Accept => maker == Scope::Ministry,
            _ => maker == Scope::Region(region),
        }
    }
}

/// Where a region stands with a period's cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reports may be entered; nothing handed in (or handed in and taken back).
    Open,
    Submitted,
    Approved,
    Accepted,
}

impl Stage {
    /// An approved period's reports do not change until it is unapproved.
    pub fn locked(self) -> bool {
        matches!(self, Stage::Approved | Stage::Accepted)
    }

    /// Whether a period in this stage is late once its deadline has passed: nothing handed in.
    pub fn late_after_deadline(self) -> bool {
        self == Stage::Open
    }

    /// The stage `step` leads to from this one; `None` when it does not follow (approving what
    /// was not submitted).
    pub fn after(self, step: Step) -> Option<Stage> {
        match (self, step) {
            (Stage::Open, Step::Submit) => Some(Stage::Submitted),
            (Stage::Submitted, Step::Approve) => Some(Stage::Approved),
            (Stage::Submitted | Stage::Approved | Stage::Accepted, Step::Unapprove) => Some(Stage::Open),
            (Stage::Approved, Step::Accept) => Some(Stage::Accepted),
            _ => None,
        }
    }
}

/// One act of a period's cycle, as every database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodAct {
    pub id: Uuid,
    pub region: RegionCode,
    pub period: String,
    pub step: Step,
    /// Why, for an unapproval (required then).
    pub reason: Option<String>,
    /// The act it follows: the last of the period's chain when it was made (`Cycle::head`);
    /// none for the first.
    pub after: Option<Uuid>,
    /// The write that made it: its database and counter.
    pub made: Dot,
    /// When, as the maker's clock said (RFC 3339, UTC), and who.
    pub at: String,
    pub user: String,
}

/// Where a period's chain of acts has come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cycle {
    pub stage: Stage,
    /// The last act of the chain, which the next act follows.
    pub head: Option<Uuid>,
}

/// The chain of `acts` (those of one region and period, in any order): from the start, the act
/// that follows the last one taken and whose step follows from the stage reached. Of two made
/// on two laptops after the same act, the earlier by its maker's clock (then by id) is taken,
/// the other stays in the history and changes nothing; an act whose predecessor has not arrived
/// waits for it.
pub fn cycle<'a>(acts: impl IntoIterator<Item = &'a PeriodAct>) -> Cycle {
    let acts: Vec<&PeriodAct> = acts.into_iter().collect();
    let (chain, stage) = chain(&acts);
    Cycle { stage, head: chain.last().map(|a| a.id) }
}

/// The acts of the chain in order, and the stage they reach.
fn chain<'a>(acts: &[&'a PeriodAct]) -> (Vec<&'a PeriodAct>, Stage) {
    let (mut chain, mut stage): (Vec<&PeriodAct>, Stage) = (Vec::new(), Stage::Open);
    // Each step moves the chain on, so it ends within as many steps as there are acts.
    for _ in 0..acts.len() {
        let head = chain.last().map(|a| a.id);
        let next = (acts.iter())
            .filter(|a| a.after == head)
            .filter_map(|a| stage.after(a.step).map(|next| (*a, next)))
            .min_by(|(a, _), (b, _)| (&a.at, a.id).cmp(&(&b.at, b.id)));
        match next {
            Some((act, next)) => {
                chain.push(act);
                stage = next;
            }
            None => break,
        }
    }
    (chain, stage)
}

/// The acts as a history shows them: the chain in order, then those off it (made concurrently,
/// or waiting for their predecessor) by their makers' clocks.
pub fn history<'a>(acts: impl IntoIterator<Item = &'a PeriodAct>) -> Vec<&'a PeriodAct> {
    let acts: Vec<&PeriodAct> = acts.into_iter().collect();
    let (mut out, _) = chain(&acts);
    let mut off: Vec<&PeriodAct> = acts.iter().copied().filter(|a| !out.iter().any(|c| c.id == a.id)).collect();
    off.sort_by(|a, b| (&a.at, a.id).cmp(&(&b.at, b.id)));
    out.extend(off);
    out
}

/// The stage a region's period has reached after `acts` (see `cycle`).
pub fn stage<'a>(acts: impl IntoIterator<Item = &'a PeriodAct>) -> Stage {
    cycle(acts).stage
}

/// Why a step cannot be taken now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// This database's scope may not take it for that region.
    NotYours,
    /// It does not follow from the stage the period is in.
    OutOfTurn(Stage),
    /// An unapproval names no reason.
    NoReason,
}

/// Whether a database of `maker` may take `step` for a region's period that is at `now`.
pub fn check(step: Step, now: Stage, maker: Scope, region: RegionCode, reason: Option<&str>) -> Result<(), Refused> {
    if !step.made_by(maker, region) {
        return Err(Refused::NotYours);
    }
    if now.after(step).is_none() {
        return Err(Refused::OutOfTurn(now));
    }
    if step == Step::Unapprove && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(Refused::NoReason);
    }
    Ok(())
}

/// The steps a database of `maker` may take next for a region's period that is at `now` (an
/// unapproval also needs its reason).
pub fn next_steps(now: Stage, maker: Scope, region: RegionCode) -> Vec<Step> {
    Step::ALL.into_iter().filter(|s| s.made_by(maker, region) && now.after(*s).is_some()).collect()
}

/// Whether an act that arrived in a file is taken: `maker` is the scope its database is known
/// here to keep, `signed` how many writes of it signatures vouch for (`trust::believed_counters`),
/// `held` the act with its id here, if any: it must be the same.
pub fn take(arrived: &PeriodAct, maker: Option<Scope>, signed: i64, held: Option<&PeriodAct>) -> Result<(), Untaken> {
    match held {
        Some(held) if held == arrived => Ok(()),
        Some(_) => Err(Untaken::Altered),
        None if !maker.is_some_and(|m| arrived.step.made_by(m, arrived.region)) => Err(Untaken::NotTheOwner),
        None if arrived.made.counter > signed => Err(Untaken::Unvouched),
        None => Ok(()),
    }
}

/// The periods whose report `new` has other than `old` (added, changed or taken out): the
/// periods a write of the project touches.
pub fn periods_changed(old: Option<&Project>, new: &Project) -> BTreeSet<String> {
    let before = old.map(|p| p.monitoring.as_slice()).unwrap_or_default();
    let differs = |period: &str| {
        let find = |list: &[crate::MonitoringReport]| list.iter().find(|m| m.period == period).cloned();
        find(before) != find(&new.monitoring)
    };
    before.iter().chain(&new.monitoring).map(|m| m.period.clone()).filter(|p| differs(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MonitoringReport;
    use crate::schema::Record;

    const KARAGANDA: &str = "35";

    fn region() -> RegionCode {
        RegionCode::parse(KARAGANDA).unwrap()
    }

    fn act(n: u128, step: Step, at: &str, after: Option<u128>) -> PeriodAct {
        PeriodAct {
            id: Uuid::from_u128(n),
            region: region(),
            period: "2026-Q3".into(),
            step,
            reason: (step == Step::Unapprove).then(|| "Теміртау есебі қате".into()),
            after: after.map(Uuid::from_u128),
            made: Dot { db: Uuid::from_u128(1000), counter: n as i64 },
            at: at.into(),
            user: "Әсел".into(),
        }
    }

    #[test]
    fn the_stage_follows_the_chain_of_acts_whatever_order_they_arrive_in_and_whatever_the_clocks_say() {
        let submit = act(1, Step::Submit, "2026-10-05T09:00:00.000Z", None);
        let approve = act(2, Step::Approve, "2026-10-06T09:00:00.000Z", Some(1));
        // The ministry's clock is a day behind the akimat's: the chain, not the clock, orders.
        let accept = act(3, Step::Accept, "2026-10-01T09:00:00.000Z", Some(2));
        let unapprove = act(4, Step::Unapprove, "2026-10-08T09:00:00.000Z", Some(3));
        let resubmit = act(5, Step::Submit, "2026-10-09T09:00:00.000Z", Some(4));
        assert_eq!(stage([]), Stage::Open);
        assert_eq!(stage([&submit]), Stage::Submitted);
        assert_eq!(stage([&approve, &submit]), Stage::Approved);
        assert_eq!(stage([&accept, &submit, &approve]), Stage::Accepted);
        assert_eq!(stage([&unapprove, &accept, &submit, &approve]), Stage::Open);
        let all = [&resubmit, &unapprove, &accept, &submit, &approve];
        assert_eq!(cycle(all), Cycle { stage: Stage::Submitted, head: Some(Uuid::from_u128(5)) });
        // An approval that arrives without its submission waits for it.
        assert_eq!(stage([&approve]), Stage::Open);
        // Two laptops submit after the same act: the earlier is taken, the other changes nothing,
        // and an approval that follows the other is not on the chain.
        let twice = act(6, Step::Submit, "2026-10-05T10:00:00.000Z", None);
        let approve_twice = act(7, Step::Approve, "2026-10-06T10:00:00.000Z", Some(6));
        assert_eq!(
            cycle([&twice, &submit, &approve_twice]),
            Cycle { stage: Stage::Submitted, head: Some(Uuid::from_u128(1)) }
        );
        assert_eq!(stage([&submit, &twice, &approve]), Stage::Approved);
        let order: Vec<u128> =
            history([&approve_twice, &twice, &approve, &submit]).iter().map(|a| a.id.as_u128()).collect();
        assert_eq!(order, [1, 2, 6, 7], "the chain, then the acts off it by time");
        assert!(Stage::Approved.locked() && Stage::Accepted.locked());
        assert!(!Stage::Open.locked() && !Stage::Submitted.locked());
    }

    #[test]
    fn the_region_submits_approves_and_unapproves_with_a_reason_and_the_ministry_accepts() {
        let (k, m, almaty) =
            (Scope::Region(region()), Scope::Ministry, Scope::Region(RegionCode::parse("75").unwrap()));
        let r = region();
        assert_eq!(check(Step::Submit, Stage::Open, k, r, None), Ok(()));
        assert_eq!(check(Step::Submit, Stage::Open, almaty, r, None), Err(Refused::NotYours));
        assert_eq!(check(Step::Submit, Stage::Open, m, r, None), Err(Refused::NotYours));
        assert_eq!(check(Step::Approve, Stage::Open, k, r, None), Err(Refused::OutOfTurn(Stage::Open)));
        assert_eq!(check(Step::Approve, Stage::Submitted, k, r, None), Ok(()));
        assert_eq!(check(Step::Accept, Stage::Approved, k, r, None), Err(Refused::NotYours));
        assert_eq!(check(Step::Accept, Stage::Approved, m, r, None), Ok(()));
        assert_eq!(check(Step::Accept, Stage::Submitted, m, r, None), Err(Refused::OutOfTurn(Stage::Submitted)));
        assert_eq!(check(Step::Unapprove, Stage::Approved, k, r, Some("  ")), Err(Refused::NoReason));
        assert_eq!(check(Step::Unapprove, Stage::Accepted, k, r, Some("қате")), Ok(()));
        assert_eq!(check(Step::Unapprove, Stage::Open, k, r, Some("қате")), Err(Refused::OutOfTurn(Stage::Open)));
        assert_eq!(next_steps(Stage::Submitted, k, r), [Step::Approve, Step::Unapprove]);
        assert_eq!(next_steps(Stage::Approved, m, r), [Step::Accept]);
        assert_eq!(next_steps(Stage::Open, almaty, r), []);
    }

    #[test]
    fn an_act_is_taken_from_whom_may_make_it_as_far_as_signatures_vouch_and_never_altered() {
        let approve = act(7, Step::Approve, "2026-10-06T09:00:00.000Z", None);
        let k = Some(Scope::Region(region()));
        assert_eq!(take(&approve, k, 7, None), Ok(()));
        assert_eq!(take(&approve, Some(Scope::Ministry), 7, None), Err(Untaken::NotTheOwner));
        assert_eq!(take(&approve, None, 7, None), Err(Untaken::NotTheOwner));
        assert_eq!(take(&approve, k, 6, None), Err(Untaken::Unvouched));
        assert_eq!(take(&approve, k, 0, Some(&approve)), Ok(()), "held already: nothing to vouch for");
        let other = PeriodAct { period: "2026-Q2".into(), ..approve.clone() };
        assert_eq!(take(&other, k, 7, Some(&approve)), Err(Untaken::Altered));
        let accept = act(8, Step::Accept, "2026-10-07T09:00:00.000Z", Some(7));
        assert_eq!(take(&accept, Some(Scope::Ministry), 8, None), Ok(()));
        assert_eq!(take(&accept, k, 8, None), Err(Untaken::NotTheOwner));
    }

    #[test]
    fn a_write_touches_the_periods_whose_report_it_adds_changes_or_takes_out() {
        let report = |n: u128, period: &str, pct: f64| MonitoringReport {
            period: period.into(),
            progress_pct: Some(pct),
            ..MonitoringReport::blank(Uuid::from_u128(n))
        };
        let mut old = Project::new(Uuid::from_u128(1), "Жоба".into(), "Проект".into(), region());
        old.monitoring = vec![report(10, "2026-Q2", 40.0), report(11, "2026-Q3", 60.0)];
        let mut new = old.clone();
        assert!(periods_changed(Some(&old), &new).is_empty());
        new.monitoring[1].progress_pct = Some(65.0);
        new.monitoring.push(report(12, "2026-Q4", 70.0));
        assert_eq!(periods_changed(Some(&old), &new), BTreeSet::from(["2026-Q3".into(), "2026-Q4".into()]));
        new.monitoring.remove(0);
        assert!(periods_changed(Some(&old), &new).contains("2026-Q2"), "a report taken out");
        assert_eq!(periods_changed(None, &old), BTreeSet::from(["2026-Q2".into(), "2026-Q3".into()]));
    }
}
