//! The reporting cycle of a period (`indmap_core::period_act`): the region submits its reports,
//! approves them, or takes that back with a reason; the ministry accepts an approved period (on
//! import, or by hand). An approved period is locked: a write that would change its reports is
//! refused, naming the period and what to do.

use crate::{Error, Indmap, Result};
use indmap_core::period_act::{self, PeriodAct, Refused, Stage, Step};
use indmap_core::reference::{Label, region};
use indmap_core::{Problems, Project, RegionCode, Rule, Scope};
use indmap_store::Writer;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where one region stands with one period, and the acts that brought it there.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodStage {
    pub kato: String,
    pub label: Label,
    pub period: String,
    pub stage: Stage,
    /// The steps this database may take next (`period_act::next_steps`).
    pub next: Vec<Step>,
    /// In the order they were made.
    pub acts: Vec<PeriodActView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PeriodActView {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: uuid::Uuid,
    pub step: Step,
    /// When (RFC 3339, UTC) and who.
    pub at: String,
    pub user: String,
    pub reason: Option<String>,
}

pub(crate) fn region_label(code: RegionCode) -> Label {
    region(code.as_str()).map_or_else(|| Label::new(code.as_str(), code.as_str(), code.as_str()), |info| info.label())
}

/// The acts held, by region and period.
pub(crate) type ActsByPeriod = BTreeMap<(RegionCode, String), Vec<PeriodAct>>;

pub(crate) fn by_period(acts: Vec<PeriodAct>) -> ActsByPeriod {
    let mut out = ActsByPeriod::new();
    for act in acts {
        out.entry((act.region, act.period.clone())).or_default().push(act);
    }
    out
}

/// The stage of a region's period among `acts`.
pub(crate) fn stage_in(acts: &ActsByPeriod, region: RegionCode, period: &str) -> Stage {
    acts.get(&(region, period.to_owned())).map_or(Stage::Open, period_act::stage)
}

impl Indmap {
    /// Takes one step of a period's cycle for `region` (this database's own region when none is
    /// given): submit, approve, unapprove (with a reason) at the region; accept at the ministry.
    /// Refused, naming the rule, when this database may not take it or it is out of turn.
    pub fn period_step(
        &mut self,
        region: Option<RegionCode>,
        period: &str,
        step: Step,
        reason: Option<&str>,
    ) -> Result<PeriodStage> {
        let period = self.period_or_default(Some(period))?;
        let scope = self.store.info().scope;
        let Some(region) = region.or(match scope {
            Scope::Region(own) => Some(own),
            Scope::Ministry => None,
        }) else {
            return Err(invalid(
                "region",
                Rule::PeriodNotYours,
                "name the region whose period the ministry accepts".into(),
            ));
        };
        let reason = reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        let now = period_act::stage(&self.store.period_acts(Some(region), Some(&period))?);
        if let Err(refused) = period_act::check(step, now, scope, region, reason.as_deref()) {
            return Err(Error::invalid(refusal(refused, step, region, &period)));
        }
        let author = self.author();
        let id = self.env.ids.new_id();
        self.store.write(&author, |w| {
            // Again under the write lock: another window may have taken a step meanwhile.
            let now = period_act::cycle(&w.period_acts(Some(region), Some(&period))?);
            if period_act::check(step, now.stage, scope, region, reason.as_deref()).is_err() {
                let why = format!("{period} was {} elsewhere meanwhile; look at it again", stage_word(now.stage));
                return Err(indmap_store::StoreError::Constraint(why));
            }
            let act = PeriodAct {
                id,
                region,
                period: period.clone(),
                step,
                reason: reason.clone(),
                after: now.head,
                made: indmap_core::version::Dot { db: w.db_id(), counter: w.counter() },
                at: indmap_store::timestamp(author.at),
                user: author.user.clone(),
            };
            w.put_period_act(&act)
        })?;
        self.period_stage(Some(region), &period)
    }

    /// Where `region` (this database's own when none is given) stands with `period`.
    pub fn period_stage(&self, region: Option<RegionCode>, period: &str) -> Result<PeriodStage> {
        let period = self.period_or_default(Some(period))?;
        let region = match (region, self.store.info().scope) {
            (Some(region), _) | (None, Scope::Region(region)) => region,
            (None, Scope::Ministry) => {
                return Err(invalid("region", Rule::PeriodNotYours, "name the region whose period to show".into()));
            }
        };
        let acts = self.store.period_acts(Some(region), Some(&period))?;
        Ok(stage_of(self.store.info().scope, region, &period, acts))
    }

    /// The acts held of `region`'s periods (every region's when none), by period: what
    /// `check_unlocked` reads.
    pub(crate) fn acts_by_period(&self, region: Option<RegionCode>) -> Result<ActsByPeriod> {
        Ok(by_period(self.store.period_acts(region, None)?))
    }

    /// Refuses a table of reports for a period its region has approved, before any row is read.
    pub(crate) fn refuse_if_locked(&self, region: RegionCode, period: &str) -> Result<()> {
        if period_act::stage(&self.store.period_acts(Some(region), Some(period))?).locked() {
            return Err(invalid("period", Rule::PeriodLocked, locked_message(region, period)));
        }
        Ok(())
    }
}

/// Where `region` stands with `period`, from the acts of that period.
pub(crate) fn stage_of(here: Scope, region: RegionCode, period: &str, acts: Vec<PeriodAct>) -> PeriodStage {
    let stage = period_act::stage(&acts);
    PeriodStage {
        kato: region.as_str().to_owned(),
        label: region_label(region),
        period: period.to_owned(),
        stage,
        next: period_act::next_steps(stage, here, region),
        acts: period_act::history(&acts)
            .into_iter()
            .map(|a| PeriodActView {
                id: a.id,
                step: a.step,
                at: a.at.clone(),
                user: a.user.clone(),
                reason: a.reason.clone(),
            })
            .collect(),
    }
}

/// Refuses, in `problems`, a write of `new` (that was `old`) that changes a report of a period
/// its region has approved (`acts` are the region's, by period).
pub(crate) fn check_unlocked(acts: &ActsByPeriod, old: Option<&Project>, new: &Project, problems: &mut Problems) {
    for period in period_act::periods_changed(old, new).iter().filter(|p| stage_in(acts, new.region, p).locked()) {
        let field = match new.monitoring.iter().position(|m| &m.period == period) {
            Some(i) => format!("monitoring[{i}].period"),
            None => "monitoring".to_owned(),
        };
        problems.error(field, Rule::PeriodLocked, locked_message(new.region, period));
    }
}

/// At the ministry, accepts each period an import has brought to approval: the acceptance is
/// the importer's act, written in the import's own transaction.
pub(crate) fn accept_approved(
    w: &mut Writer<'_>,
    periods: impl IntoIterator<Item = (RegionCode, String)>,
    author: &indmap_store::Author,
    ids: &mut dyn indmap_core::IdSource,
) -> indmap_store::Result<Vec<(RegionCode, String)>> {
    let mut accepted = Vec::new();
    for (region, period) in periods {
        let now = period_act::cycle(&w.period_acts(Some(region), Some(&period))?);
        if now.stage != Stage::Approved {
            continue;
        }
        let act = PeriodAct {
            id: ids.new_id(),
            region,
            period: period.clone(),
            step: Step::Accept,
            reason: None,
            after: now.head,
            made: indmap_core::version::Dot { db: w.db_id(), counter: w.counter() },
            at: indmap_store::timestamp(author.at),
            user: author.user.clone(),
        };
        w.put_period_act(&act)?;
        accepted.push((region, period));
    }
    Ok(accepted)
}

fn invalid(field: &str, rule: Rule, message: String) -> Error {
    let mut problems = Problems::new();
    problems.error(field, rule, message);
    Error::invalid(problems)
}

fn locked_message(region: RegionCode, period: &str) -> String {
    format!(
        "{period} of {} is approved, so its reports do not change; to correct them, unapprove the period with a reason first (indmap monitoring unapprove --period {period} --reason \"...\")",
        region.region().name_en
    )
}

/// A refused step as the error the user sees: which rule, and what to do.
fn refusal(refused: Refused, step: Step, region: RegionCode, period: &str) -> Problems {
    let mut problems = Problems::new();
    let name = region.region().name_en;
    match refused {
        Refused::NotYours => problems.error(
            "step",
            Rule::PeriodNotYours,
            match step {
                Step::Accept => {
                    format!("only the ministry accepts a region's period; {name}'s {period} is accepted there")
                }
                _ => format!("only a database of {name} submits, approves or unapproves its {period}"),
            },
        ),
        Refused::OutOfTurn(now) => problems.error(
            "step",
            Rule::PeriodOutOfTurn,
            format!(
                "{name}'s {period} is {}, so it cannot be {} now; {}",
                stage_word(now),
                step_word(step),
                match now {
                    Stage::Open => "submit it first",
                    Stage::Submitted => "approve it, or unapprove it with a reason",
                    Stage::Approved => "it waits for the ministry; unapprove it with a reason to change it",
                    Stage::Accepted => "unapprove it with a reason to change it",
                }
            ),
        ),
        Refused::NoReason => problems.error(
            "reason",
            Rule::PeriodNoReason,
            format!("say why {name}'s {period} is unapproved: the reason is kept with the act"),
        ),
    }
    problems
}

fn stage_word(stage: Stage) -> &'static str {
    match stage {
        Stage::Open => "open",
        Stage::Submitted => "submitted",
        Stage::Approved => "approved",
        Stage::Accepted => "accepted by the ministry",
    }
}

fn step_word(step: Step) -> &'static str {
    match step {
        Step::Submit => "submitted",
        Step::Approve => "approved",
        Step::Unapprove => "unapproved",
        Step::Accept => "accepted",
    }
}
