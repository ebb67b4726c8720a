//! Two projects with one code. Each database issues codes from its own sequence, so two laptops
//! of one akimat (or two ministry analysts) can both issue `35-0010`. Neither project is refused:
//! both are kept, and every database decides alike, with no one to ask, which of them holds the
//! code. The other is a visible conflict until a new code is written for it (a write that travels
//! like any other). When the holder is deleted, the other holds the code again.

use crate::ProjectCode;
use uuid::Uuid;

/// A project's claim to a code, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub project: Uuid,
    pub code: ProjectCode,
    pub live: bool,
}

/// A code held by one live project and claimed by others that must take new codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub code: ProjectCode,
    pub holder: Uuid,
    pub others: Vec<Uuid>,
}

/// Which of the claims to one code holds it: a live project before a deleted one, then the
/// smallest id. Ids are UUID v7, so that is the project registered first; the rule needs nothing
/// but what every database holding both projects has.
pub fn holder<'a>(claims: impl IntoIterator<Item = &'a Claim>) -> Option<&'a Claim> {
    claims.into_iter().min_by_key(|c| (!c.live, c.project))
}

/// The codes claimed by more than one live project, ordered by code, each with its holder and
/// the others in order of id. Deleted projects never clash: their codes are kept for history.
pub fn clashes(claims: &[Claim]) -> Vec<Clash> {
    let mut live: Vec<&Claim> = claims.iter().filter(|c| c.live).collect();
    live.sort_by(|a, b| (a.code.as_str(), a.project).cmp(&(b.code.as_str(), b.project)));
    live.chunk_by(|a, b| a.code == b.code)
        .filter(|same| same.len() > 1)
        .map(|same| Clash {
            code: same[0].code.clone(),
            holder: same[0].project,
            others: same[1..].iter().map(|c| c.project).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: u128, code: &str, live: bool) -> Claim {
        Claim { project: Uuid::from_u128(id), code: ProjectCode::parse(code).unwrap(), live }
    }

    #[test]
    fn the_first_registered_live_project_holds_the_code() {
        let claims = [claim(3, "35-0010", true), claim(1, "35-0010", false), claim(2, "35-0010", true)];
        assert_eq!(holder(&claims).unwrap().project, Uuid::from_u128(2));
        let found = clashes(&claims);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].holder, found[0].others.clone()), (Uuid::from_u128(2), vec![Uuid::from_u128(3)]));
    }

    #[test]
    fn the_decision_does_not_depend_on_the_order_claims_come_in() {
        let mut claims = vec![
            claim(9, "35-0010", true),
            claim(4, "35-0011", true),
            claim(7, "35-0010", true),
            claim(5, "35-0011", true),
            claim(8, "35-0010", true),
        ];
        let first = clashes(&claims);
        claims.reverse();
        assert_eq!(clashes(&claims), first);
        assert_eq!(first.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["35-0010", "35-0011"]);
        assert_eq!(first[0].others, [Uuid::from_u128(8), Uuid::from_u128(9)]);
    }

    #[test]
    fn a_deleted_project_never_clashes_and_a_deleted_holder_gives_the_code_back() {
        let claims = [claim(1, "35-0010", false), claim(2, "35-0010", true)];
        assert!(clashes(&claims).is_empty());
        assert_eq!(holder(&claims).unwrap().project, Uuid::from_u128(2));
        assert!(clashes(&[claim(1, "35-0010", true), claim(2, "35-0011", true)]).is_empty());
    }
}
