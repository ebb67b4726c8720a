-- Settings users change (thresholds between the maps, the monitoring period), and the indexes
-- that the project list's filters use once maps grow to tens of thousands of projects.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY CHECK (key <> ''),
    value TEXT NOT NULL
) STRICT;

INSERT INTO settings (key, value) VALUES ('monitoring_period', 'quarter');

CREATE INDEX projects_region ON projects (region, level, status);
CREATE INDEX projects_sector ON projects (sector);
CREATE INDEX financing_project ON financing (project_id, position);
CREATE INDEX milestones_project ON milestones (project_id, position);
CREATE INDEX actions_project ON actions (project_id, position);
CREATE INDEX support_measures_project ON support_measures (project_id, position);
CREATE INDEX monitoring_project ON monitoring (project_id, position);
