-- The person answerable for a project at its initiator or akimat (its contact for the quarterly
-- report), beside the responsible state body.
ALTER TABLE projects ADD COLUMN responsible_person TEXT;
