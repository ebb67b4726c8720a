-- Exchange files sent: what each held, when, by whom and for whom (the region's record of what
-- reached the ministry, as `imports` is the record of what came in).
CREATE TABLE exports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    user        TEXT NOT NULL,
    -- The scope a file of changes was made for (`ministry`, `region:35`); NULL for a whole map.
    for_scope   TEXT,
    -- The region a file was limited to; NULL for the whole map.
    region      TEXT,
    projects    INTEGER NOT NULL CHECK (projects >= 0),
    editions    INTEGER NOT NULL CHECK (editions >= 0),
    -- The reporting periods whose reports the file carries, as a JSON array of text.
    periods     TEXT NOT NULL CHECK (json_valid(periods))
) STRICT;
