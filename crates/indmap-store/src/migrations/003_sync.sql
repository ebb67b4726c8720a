-- What merging exchange files needs: which write of which database each field's value comes
-- from (its "dot"), what each database has seen of each project, concurrent values kept side by
-- side, the databases heard of, and the files imported.

-- Who made each write of each database, and when (its clock): said once per write, not per field.
CREATE TABLE writes (
    db_id   TEXT NOT NULL,
    counter INTEGER NOT NULL CHECK (counter > 0),
    at      TEXT NOT NULL,
    user    TEXT NOT NULL,
    PRIMARY KEY (db_id, counter)
) WITHOUT ROWID, STRICT;

-- The write that made each record (the project, each of its rows): the dot of every field of
-- it that has a value and no dot of its own below. Most fields keep the dot of their record's
-- birth, so a map of thousands of projects needs only a row per record and per later edit.
CREATE TABLE record_versions (
    project_id TEXT NOT NULL,
    entity     TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    db_id      TEXT NOT NULL,
    counter    INTEGER NOT NULL CHECK (counter > 0),
    PRIMARY KEY (project_id, entity, record_id)
) WITHOUT ROWID, STRICT;

-- The dot of a field whose value was written after its record's birth (or is null).
CREATE TABLE field_versions (
    project_id TEXT NOT NULL,
    entity     TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    field      TEXT NOT NULL,
    db_id      TEXT NOT NULL,
    counter    INTEGER NOT NULL CHECK (counter > 0),
    PRIMARY KEY (project_id, entity, record_id, field)
) WITHOUT ROWID, STRICT;

-- For each project (with its rows) and each database: the last write of that database to it
-- that this database has taken in. A version vector per project, so a file that carries only
-- some projects never speaks for the others.
CREATE TABLE project_context (
    project_id TEXT NOT NULL,
    db_id      TEXT NOT NULL,
    counter    INTEGER NOT NULL CHECK (counter > 0),
    PRIMARY KEY (project_id, db_id)
) WITHOUT ROWID, STRICT;

-- Values written concurrently with the current one: kept until someone decides.
CREATE TABLE conflicts (
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    db_id       TEXT NOT NULL,
    counter     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    value       TEXT CHECK (value IS NULL OR json_valid(value)),
    detected_at TEXT NOT NULL,
    origin      TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field, db_id, counter)
) STRICT;
CREATE INDEX conflicts_project ON conflicts (project_id);

-- The value of a deleted project's `deleted` field: the reason and what the deleting database
-- had seen of the project (an edit it had not seen is an edit against the deletion).
ALTER TABLE projects ADD COLUMN deletion TEXT CHECK (deletion IS NULL OR json_valid(deletion));

-- Databases heard of, with the scope each said it keeps (first word wins).
CREATE TABLE databases (
    db_id      TEXT PRIMARY KEY,
    scope      TEXT NOT NULL,
    first_seen TEXT NOT NULL
) STRICT;

-- Changes asked of a record by a database that does not own it: they take effect only when the
-- owner accepts them. They travel in exchange files like the records.
CREATE TABLE proposals (
    id          TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       TEXT CHECK (value IS NULL OR json_valid(value)),
    proposer_db TEXT NOT NULL,
    user        TEXT NOT NULL,
    at          TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
    decided_by  TEXT,
    decided_at  TEXT,
    reason      TEXT
) STRICT;
CREATE INDEX proposals_project ON proposals (project_id);

-- What each other database had seen of each project when it last sent us its file: a file made
-- for that database may leave out the projects it has seen all of.
CREATE TABLE peer_contexts (
    peer_db    TEXT NOT NULL,
    project_id TEXT NOT NULL,
    context    TEXT NOT NULL CHECK (json_valid(context)),
    PRIMARY KEY (peer_db, project_id)
) WITHOUT ROWID, STRICT;

-- Exchange files taken in: receipts, and what each changed.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    sender_db   TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    user        TEXT NOT NULL,
    summary     TEXT NOT NULL CHECK (json_valid(summary))
) STRICT;

-- Databases made before this schema: every field's dot is its last logged write, and a
-- deletion's value is what the log says.
UPDATE projects SET deletion = json_object('reason', deleted_reason) WHERE deleted_at IS NOT NULL;

INSERT INTO field_versions (project_id, entity, record_id, field, db_id, counter)
SELECT project_id, entity, record_id, field, db_id, counter FROM change_log
WHERE seq IN (SELECT max(seq) FROM change_log GROUP BY entity, record_id, field);

INSERT OR IGNORE INTO writes (db_id, counter, at, user) SELECT db_id, counter, at, user FROM change_log;

INSERT INTO project_context (project_id, db_id, counter)
SELECT project_id, db_id, max(counter) FROM change_log GROUP BY project_id, db_id;

INSERT INTO databases (db_id, scope, first_seen)
SELECT (SELECT value FROM meta WHERE key = 'db_id'), (SELECT value FROM meta WHERE key = 'scope'), (SELECT value FROM meta WHERE key = 'created_at')
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'db_id');
