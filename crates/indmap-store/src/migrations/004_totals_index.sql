-- The totals an import shows before and after (count, cost, permanent jobs of live projects)
-- read this index instead of every project row: a national map has 100,000 wide rows.
CREATE INDEX projects_totals ON projects (deleted_at, cost_tiyn, jobs_permanent);
