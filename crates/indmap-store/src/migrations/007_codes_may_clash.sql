-- A project is never refused for its code: two databases may issue one code to two projects,
-- and both are kept (`indmap_core::code_clash` decides which holds it), so `code` is no longer
-- UNIQUE. SQLite cannot drop a constraint, so the table is rebuilt, with foreign keys off
-- (`migrations::migrate`): dropping the old table must not cascade to the rows of its projects.
CREATE TEMP TABLE foreign_keys_are_off (enforced INTEGER CHECK (enforced = 0));
INSERT INTO foreign_keys_are_off SELECT foreign_keys FROM pragma_foreign_keys;
DROP TABLE foreign_keys_are_off;
CREATE TABLE projects_v7 (
    id               TEXT PRIMARY KEY CHECK (length(id) = 36),
    code             TEXT NOT NULL CHECK (code GLOB '[0-9R][0-9K]-[0-9][0-9][0-9][0-9]*'),
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
    deletion         TEXT CHECK (deletion IS NULL OR json_valid(deletion)),
    responsible_person TEXT,
    CHECK (start_date IS NULL OR commissioning_planned IS NULL OR commissioning_planned >= start_date),
    CHECK (start_date IS NULL OR commissioning_actual IS NULL OR commissioning_actual >= start_date)
) STRICT;

INSERT INTO projects_v7 (id, code, name_kk, name_ru, name_en, region, district, settlement, zone, geometry, lon, lat, level, status, sector, oked, initiator, initiator_bin, cost_tiyn, cost_currency, cost_original_minor, cost_rate, capacity_value, capacity_unit, capacity_product, jobs_construction, jobs_permanent, start_date, commissioning_planned, commissioning_actual, design_capacity_date, criteria, lc_labour_pct, lc_goods_pct, lc_expertise_date, lc_expertise_ref, responsible_body, inclusion_act, inclusion_date, exclusion_act, exclusion_date, exclusion_reason, problems, notes, created_at, updated_at, deleted_at, deleted_reason, deletion, responsible_person)
SELECT id, code, name_kk, name_ru, name_en, region, district, settlement, zone, geometry, lon, lat, level, status, sector, oked, initiator, initiator_bin, cost_tiyn, cost_currency, cost_original_minor, cost_rate, capacity_value, capacity_unit, capacity_product, jobs_construction, jobs_permanent, start_date, commissioning_planned, commissioning_actual, design_capacity_date, criteria, lc_labour_pct, lc_goods_pct, lc_expertise_date, lc_expertise_ref, responsible_body, inclusion_act, inclusion_date, exclusion_act, exclusion_date, exclusion_reason, problems, notes, created_at, updated_at, deleted_at, deleted_reason, deletion, responsible_person FROM projects;
DROP TABLE projects;
ALTER TABLE projects_v7 RENAME TO projects;
CREATE INDEX projects_code ON projects (code);
CREATE INDEX projects_region ON projects (region, level, status);
CREATE INDEX projects_sector ON projects (sector);
CREATE INDEX projects_totals ON projects (deleted_at, cost_tiyn, jobs_permanent);
