//! Ownership: each database edits directly only what it owns (`Scope::owner`); everything else
//! it asks of the owner as a proposal, which travels in exchange files and takes effect only
//! when the owner accepts it.

use crate::{Error, ErrorKind, Indmap, Result};
use indmap_core::changes::FieldChange;
use indmap_core::proposal::{Proposal, ProposalStatus};
use indmap_core::schema::Entity;
use indmap_core::version::DELETED;
use indmap_core::{Project, Scope};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

/// A proposal as people read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProposalView {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub project_id: Uuid,
    pub code: Option<String>,
    pub name: String,
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub current: Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub proposed: Value,
    /// Who proposed it, and when (an RFC 3339 time): the window writes them in its words.
    pub user: String,
    pub at: String,
    /// The scope of the database that proposed it (`ministry`, `region:35`; empty when it is not
    /// known here).
    pub from: String,
    pub status: String,
    pub reason: Option<String>,
    /// Whether this database owns the field and so may accept or reject it.
    pub ours_to_decide: bool,
}

impl Indmap {
    /// Splits an edit into what this database may write and what it must propose.
    pub(crate) fn split_by_owner(
        &self,
        old: &Project,
        changes: Vec<FieldChange>,
    ) -> (Vec<FieldChange>, Vec<FieldChange>) {
        let scope = self.store.info().scope;
        changes.into_iter().partition(|c| Scope::owner_of(old, &c.key) == scope)
    }

    /// Records proposals for `changes` to a project this database does not own.
    pub(crate) fn propose(&mut self, project: &Project, changes: &[FieldChange]) -> Result<()> {
        let unproposable = indmap_core::ownership::proposal_problems(project, changes);
        if unproposable.has_errors() {
            return Err(Error::invalid(unproposable));
        }
        let proposals = self.proposals_of(project.id, changes);
        let author = self.author();
        Ok(self.store.write(&author, |w| proposals.iter().try_for_each(|p| w.put_proposal(p)))?)
    }

    /// `changes` of a project as open proposals of this database's user, to be written.
    pub(crate) fn proposals_of(&mut self, project_id: uuid::Uuid, changes: &[FieldChange]) -> Vec<Proposal> {
        let author = self.author();
        let db = self.store.info().db_id;
        let at = indmap_store::timestamp(author.at);
        changes
            .iter()
            .map(|c| Proposal {
                id: self.env.ids.new_id(),
                project_id,
                key: c.key.clone(),
                value: c.new.clone(),
                proposer_db: db,
                user: author.user.clone(),
                at: at.clone(),
                status: ProposalStatus::Open,
                decided_by: None,
                decided_at: None,
                reason: None,
            })
            .collect()
    }

    /// Every proposal about a project of this database's map, newest first.
    pub fn proposals(&self) -> Result<Vec<ProposalView>> {
        let scope = self.store.info().scope;
        let scopes: std::collections::HashMap<_, _> = self.store.databases()?.into_iter().collect();
        let mut out = Vec::new();
        for p in self.store.proposals()?.into_iter().rev() {
            let Some((project, vp)) = self.store.versioned_project(p.project_id)? else { continue };
            // Another region's proposals are its akimat's to see and decide.
            if !scope.covers(project.region) {
                continue;
            }
            let current = vp.values().get(&p.key).cloned().unwrap_or(Value::Null);
            out.push(ProposalView {
                id: p.id,
                project_id: p.project_id,
                code: project.code.as_ref().map(|c| c.to_string()),
                name: project.name_ru.clone(),
                field: p.key.path(),
                current,
                proposed: p.value.clone(),
                user: p.user.clone(),
                at: p.at.clone(),
                from: scopes.get(&p.proposer_db).map(|s| s.code()).unwrap_or_default(),
                status: p.status.code().into(),
                reason: p.reason.clone(),
                ours_to_decide: Scope::owner_of(&project, &p.key) == scope,
            });
        }
        Ok(out)
    }

    fn open_proposal(&self, id: Uuid) -> Result<(Proposal, Project)> {
        let proposal = self
            .store
            .proposals()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::not_found(format!("there is no proposal {id} (see `indmap proposals`)")))?;
        if proposal.status != ProposalStatus::Open {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!("proposal {id} was {} already", proposal.status.code()),
            ));
        }
        let (project, _) = self
            .store
            .versioned_project(proposal.project_id)?
            .ok_or_else(|| Error::not_found(format!("the project of proposal {id} is not in this database")))?;
        let scope = self.store.info().scope;
        if Scope::owner_of(&project, &proposal.key) != scope {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "proposal {id} is for {} to decide, not for {}",
                    Scope::owner_of(&project, &proposal.key).describe(),
                    scope.describe()
                ),
            ));
        }
        Ok((proposal, project))
    }

    fn decided(&self, mut proposal: Proposal, status: ProposalStatus, reason: Option<&str>) -> Proposal {
        proposal.status = status;
        proposal.decided_by = Some(format!("{} (database {})", self.env.user, self.store.info().db_id));
        proposal.decided_at = Some(indmap_store::timestamp(self.env.clock.now()));
        proposal.reason = reason.map(str::to_owned);
        proposal
    }

    /// Accepts a proposal: this database, the owner, writes the proposed value.
    pub fn accept(&mut self, id: Uuid) -> Result<()> {
        let (proposal, project) = self.open_proposal(id)?;
        let decision = self.decided(proposal.clone(), ProposalStatus::Accepted, None);
        let author = self.author();
        if proposal.key.field == DELETED && proposal.key.entity == Entity::Project {
            let reason = proposal.value.get("reason").and_then(|r| r.as_str()).map(str::to_owned);
            return Ok(self.store.write(&author, |w| {
                w.delete_project(&project, reason.as_deref())?;
                w.put_proposal(&decision)
            })?);
        }
        let (accepted, _) =
            crate::projects::with_values(self, &project, &[(proposal.key.clone(), proposal.value.clone())])?;
        Ok(self.store.write(&author, |w| {
            w.replace_project(&project, &accepted)?;
            w.put_proposal(&decision)
        })?)
    }

    pub fn reject(&mut self, id: Uuid, reason: Option<&str>) -> Result<()> {
        let (proposal, _) = self.open_proposal(id)?;
        let decision = self.decided(proposal, ProposalStatus::Rejected, reason);
        let author = self.author();
        Ok(self.store.write(&author, |w| w.put_proposal(&decision))?)
    }
}
