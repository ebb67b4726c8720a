-- The year a support measure was given: the effectiveness of support is counted per year
-- (Art. 19 p.4). Unknown for the rows entered before.
ALTER TABLE support_measures ADD COLUMN year INTEGER CHECK (year IS NULL OR year BETWEEN 1990 AND 2100);
