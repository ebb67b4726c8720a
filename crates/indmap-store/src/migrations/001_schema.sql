-- The first schema of an indmap database. Never edit a migration that has shipped: add one.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Editable reference lists; codes are what records carry.
CREATE TABLE sectors (
    code     TEXT PRIMARY KEY CHECK (code <> ''),
    name_kk  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE financing_sources (
    code     TEXT PRIMARY KEY CHECK (code <> ''),
    name_kk  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

-- The last number issued under each code prefix (this database's own prefix, and any prefix of
-- codes that arrived with projects from elsewhere, so a code is never issued twice).
CREATE TABLE code_sequences (
    prefix TEXT PRIMARY KEY,
    last   INTEGER NOT NULL CHECK (last >= 0)
) STRICT;

CREATE TABLE projects (
    id               TEXT PRIMARY KEY CHECK (length(id) = 36),
    code             TEXT NOT NULL UNIQUE CHECK (code GLOB '[0-9R][0-9K]-[0-9][0-9][0-9][0-9]*'),
    name_kk          TEXT NOT NULL CHECK (trim(name_kk) <> ''),
    name_ru          TEXT NOT NULL CHECK (trim(name_ru) <> ''),
    name_en          TEXT,
    region           TEXT NOT NULL CHECK (region IN ('10','11','15','19','23','27','31','33','35','39','43','47','55','59','61','62','63','71','75','79')),
    district         TEXT,
    settlement       TEXT,
    zone             TEXT,
    geometry         TEXT CHECK (geometry IS NULL OR json_valid(geometry)),
    -- A point inside the geometry, for quick spatial filters and labels.
    lon              REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    lat              REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    level            TEXT NOT NULL CHECK (level IN ('republican','regional')),
    status           TEXT NOT NULL CHECK (status IN ('candidate','submitted','under_review','included','design','construction','commissioned','at_design_capacity','promising','delayed','suspended','excluded','rejected')),
    sector           TEXT REFERENCES sectors(code),
    oked             TEXT,
    initiator        TEXT,
    initiator_bin    TEXT CHECK (initiator_bin IS NULL OR (length(initiator_bin) = 12 AND initiator_bin NOT GLOB '*[^0-9]*')),
    cost_tiyn        INTEGER CHECK (cost_tiyn >= 0),
    cost_currency    TEXT,
    cost_original_minor INTEGER CHECK (cost_original_minor >= 0),
    cost_rate        REAL CHECK (cost_rate > 0),
    capacity_value   REAL CHECK (capacity_value >= 0),
    capacity_unit    TEXT,
    capacity_product TEXT,
    jobs_construction INTEGER CHECK (jobs_construction >= 0),
    jobs_permanent   INTEGER CHECK (jobs_permanent >= 0),
    start_date       TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    commissioning_planned TEXT CHECK (commissioning_planned IS NULL OR date(commissioning_planned) = commissioning_planned),
    commissioning_actual  TEXT CHECK (commissioning_actual IS NULL OR date(commissioning_actual) = commissioning_actual),
    design_capacity_date  TEXT CHECK (design_capacity_date IS NULL OR date(design_capacity_date) = design_capacity_date),
    -- Codes of Art. 20 p.6 criteria, comma-separated.
    criteria         TEXT NOT NULL DEFAULT '',
    lc_labour_pct    REAL CHECK (lc_labour_pct BETWEEN 0 AND 100),
    lc_goods_pct     REAL CHECK (lc_goods_pct BETWEEN 0 AND 100),
    lc_expertise_date TEXT CHECK (lc_expertise_date IS NULL OR date(lc_expertise_date) = lc_expertise_date),
    lc_expertise_ref TEXT,
    responsible_body TEXT,
    inclusion_act    TEXT,
    inclusion_date   TEXT CHECK (inclusion_date IS NULL OR date(inclusion_date) = inclusion_date),
    exclusion_act    TEXT,
    exclusion_date   TEXT CHECK (exclusion_date IS NULL OR date(exclusion_date) = exclusion_date),
    exclusion_reason TEXT,
    problems         TEXT,
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- A deleted project stays as a tombstone, so the deletion can travel and be undone.
    deleted_at       TEXT,
    deleted_reason   TEXT,
    CHECK (start_date IS NULL OR commissioning_planned IS NULL OR commissioning_planned >= start_date),
    CHECK (start_date IS NULL OR commissioning_actual IS NULL OR commissioning_actual >= start_date)
) STRICT;

CREATE TABLE financing (
    id          TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    source      TEXT NOT NULL REFERENCES financing_sources(code),
    amount_tiyn INTEGER NOT NULL CHECK (amount_tiyn >= 0),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    status      TEXT NOT NULL CHECK (status IN ('planned','committed','disbursed')),
    note        TEXT
) STRICT;

CREATE TABLE milestones (
    id         TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    planned    TEXT CHECK (planned IS NULL OR date(planned) = planned),
    actual     TEXT CHECK (actual IS NULL OR date(actual) = actual)
) STRICT;

CREATE TABLE actions (
    id          TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    responsible TEXT,
    due         TEXT CHECK (due IS NULL OR date(due) = due),
    status      TEXT NOT NULL CHECK (status IN ('planned','in_progress','done','cancelled')),
    done        TEXT CHECK (done IS NULL OR date(done) = done),
    note        TEXT
) STRICT;

CREATE TABLE support_measures (
    id          TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    measure     INTEGER NOT NULL CHECK (measure BETWEEN 1 AND 13),
    amount_tiyn INTEGER CHECK (amount_tiyn >= 0),
    note        TEXT
) STRICT;

CREATE TABLE monitoring (
    id                TEXT PRIMARY KEY CHECK (length(id) = 36),
    project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    period            TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]*'),
    investment_tiyn   INTEGER CHECK (investment_tiyn >= 0),
    progress_pct      REAL CHECK (progress_pct BETWEEN 0 AND 100),
    jobs_created      INTEGER CHECK (jobs_created >= 0),
    output_tiyn       INTEGER CHECK (output_tiyn >= 0),
    output_natural    REAL,
    exports_usd_cents INTEGER CHECK (exports_usd_cents >= 0),
    utilisation_pct   REAL CHECK (utilisation_pct BETWEEN 0 AND 100),
    taxes_tiyn        INTEGER CHECK (taxes_tiyn >= 0),
    local_content_pct REAL CHECK (local_content_pct BETWEEN 0 AND 100),
    status            TEXT,
    comment           TEXT,
    reported_by       TEXT,
    reported_on       TEXT CHECK (reported_on IS NULL OR date(reported_on) = reported_on)
) STRICT;

-- Every change to every field, from day one: what merging and history build on. Each write
-- operation of a database takes the next value of that database's counter; values are JSON.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    db_id      TEXT NOT NULL,
    counter    INTEGER NOT NULL CHECK (counter > 0),
    at         TEXT NOT NULL,
    user       TEXT NOT NULL,
    entity     TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    project_id TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
    new_value  TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
    -- 'local', or the name of the file the change came in with.
    origin     TEXT NOT NULL DEFAULT 'local',
    UNIQUE (db_id, counter, entity, record_id, field)
) STRICT;

CREATE INDEX change_log_project ON change_log (project_id, seq);

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
