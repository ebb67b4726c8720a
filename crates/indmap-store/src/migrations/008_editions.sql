-- Approved editions of a map (indmap_core::edition): the approving act and the plan of every
-- project on the map as approved. Made once by the map's owner, never changed: editions merge
-- as a set, and triggers refuse any change.
CREATE TABLE editions (
    id                TEXT PRIMARY KEY,
    map               TEXT NOT NULL CHECK (map = 'ministry' OR map LIKE 'region:%'),
    act_number        TEXT NOT NULL,
    act_date          TEXT NOT NULL CHECK (date(act_date) = act_date),
    body              TEXT NOT NULL,
    signatory         TEXT,
    db_id             TEXT NOT NULL,
    counter           INTEGER NOT NULL CHECK (counter > 0),
    at                TEXT NOT NULL,
    user              TEXT NOT NULL,
    projects          INTEGER NOT NULL CHECK (projects >= 0),
    -- Sums in tiyn, as decimal text: a national map's do not fit 64 bits.
    cost_tiyn         TEXT NOT NULL,
    financing_tiyn    TEXT NOT NULL,
    jobs_permanent    INTEGER NOT NULL,
    jobs_construction INTEGER NOT NULL
) STRICT;

-- Each plan once, named by the SHA-256 of its text: editions of a map share the plans that did
-- not change between them.
CREATE TABLE edition_plans (
    hash TEXT PRIMARY KEY,
    plan TEXT NOT NULL CHECK (json_valid(plan))
) WITHOUT ROWID, STRICT;

CREATE TABLE edition_projects (
    edition_id TEXT NOT NULL REFERENCES editions (id),
    position   INTEGER NOT NULL,
    project_id TEXT NOT NULL,
    plan       TEXT NOT NULL REFERENCES edition_plans (hash),
    PRIMARY KEY (edition_id, position),
    UNIQUE (edition_id, project_id)
) WITHOUT ROWID, STRICT;

CREATE TRIGGER editions_never_change BEFORE UPDATE ON editions
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
CREATE TRIGGER editions_never_go BEFORE DELETE ON editions
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
CREATE TRIGGER edition_projects_never_change BEFORE UPDATE ON edition_projects
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
CREATE TRIGGER edition_projects_never_go BEFORE DELETE ON edition_projects
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
CREATE TRIGGER edition_plans_never_change BEFORE UPDATE ON edition_plans
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
CREATE TRIGGER edition_plans_never_go BEFORE DELETE ON edition_plans
BEGIN SELECT RAISE(ABORT, 'an approved edition never changes'); END;
