-- The reporting cycle of each region's periods (indmap_core::period_act): submissions,
-- approvals, unapprovals with their reasons, acceptances. Made once, never changed: acts merge
-- as a set, and triggers refuse any change. Each names the act it follows, so the chain, not
-- the laptops' clocks, orders them.
CREATE TABLE period_acts (
    id      TEXT PRIMARY KEY,
    region  TEXT NOT NULL,
    period  TEXT NOT NULL,
    step    TEXT NOT NULL CHECK (step IN ('submit', 'approve', 'unapprove', 'accept')),
    reason  TEXT,
    -- The act it follows in the period's chain (none for the first).
    after   TEXT,
    db_id   TEXT NOT NULL,
    counter INTEGER NOT NULL CHECK (counter > 0),
    at      TEXT NOT NULL,
    user    TEXT NOT NULL
) STRICT;

CREATE INDEX period_acts_by_period ON period_acts (region, period);

CREATE TRIGGER period_acts_never_change BEFORE UPDATE ON period_acts
BEGIN SELECT RAISE(ABORT, 'an act of a reporting period never changes'); END;
CREATE TRIGGER period_acts_never_go BEFORE DELETE ON period_acts
BEGIN SELECT RAISE(ABORT, 'an act of a reporting period never changes'); END;
