//! Proposals: a change asked of a record by a database that does not own it. It takes effect
//! only when the owner accepts it (see `Scope::owner`).

use crate::changes::FieldKey;
use serde_json::Value;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProposalStatus {
    Open,
    Rejected,
    Accepted,
}

impl ProposalStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Open => "open",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Accepted => "accepted",
        }
    }

    pub fn from_code(code: &str) -> Option<ProposalStatus> {
        [ProposalStatus::Open, ProposalStatus::Rejected, ProposalStatus::Accepted]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: Uuid,
    pub project_id: Uuid,
    pub key: FieldKey,
    /// The value asked for; for the field `deleted`, `{"reason": ...}` asks for a deletion.
    pub value: Value,
    pub proposer_db: Uuid,
    pub user: String,
    pub at: String,
    pub status: ProposalStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub reason: Option<String>,
}

impl Proposal {
    /// Two copies of one proposal met: a decision outranks an open proposal (and acceptance a
    /// rejection, should two of the owner's databases ever disagree), so every database ends
    /// with the same status whatever order copies arrive in.
    pub fn merged(self, other: Proposal) -> Proposal {
        let rank = |p: &Proposal| (p.status, p.decided_at.clone(), p.decided_by.clone());
        if rank(&other) > rank(&self) { other } else { self }
    }
}
