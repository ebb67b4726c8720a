#!/usr/bin/env python3
"""pygeodiff applying the national merge's changes, for the `sync` bench to compare with.

    python3 pygeodiff_apply.py prepare BASE MODIFIED WORKDIR
    python3 pygeodiff_apply.py apply BASE WORKDIR

BASE is the national map exported before the ministry imports the 20 regional files, MODIFIED
the same map exported after; both are exchange GeoPackages (the `projects` layer plus the
indmap_* tables. `prepare` makes, in WORKDIR, the changesets of the changes between them:
  - one changeset BASE -> MODIFIED;
  - the same changes as one changeset per region (as the 20 files come in).
`apply` times one round of applying them to a fresh copy of BASE: the one changeset, then the
per-region ones one after the other. The bench runs a round after each round of its imports, so
both meet the machine in the same state.
Each prints one JSON object: {"ok": true, ...} or {"ok": false, "error": "..."}.
Needs `pip install pygeodiff`; without it prints ok=false and exits 0 (the bench goes on).
"""

import json
import os
import shutil
import sqlite3
import sys
import time

# Where `prepare` lists the changesets it made, for `apply`.
CHANGESETS = "changesets.json"

# Tables whose changed rows belong to a region: the key column and how to find the project's region.
REGIONAL_TABLES = {
    "projects": ("fid", "SELECT region FROM {db}.projects WHERE fid = ?"),
    "indmap_records": ("project_id", "SELECT region FROM {db}.projects WHERE id = ?"),
}


def tables(path):
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: [r[1] for r in db.execute(f'PRAGMA table_info("{t}")') if r[5]] for t in names}


def changed_keys(db, table, key):
    """Keys of rows added, removed or changed between main (BASE) and m (MODIFIED)."""
    sql = f'SELECT "{key}" FROM (SELECT * FROM m."{table}" EXCEPT SELECT * FROM main."{table}") ' \
          f'UNION SELECT "{key}" FROM (SELECT * FROM main."{table}" EXCEPT SELECT * FROM m."{table}")'
    return [r[0] for r in db.execute(sql)]


def region_groups(base, modified):
    """The changed rows of the regional tables, grouped by the project's region."""
    groups = {}
    with sqlite3.connect(base) as db:
        db.execute("ATTACH ? AS m", (modified,))
        for table, (key, region_sql) in REGIONAL_TABLES.items():
            for k in changed_keys(db, table, key):
                row = db.execute(region_sql.format(db="m"), (k,)).fetchone() or \
                      db.execute(region_sql.format(db="main"), (k,)).fetchone()
                groups.setdefault(row[0] if row else "?", {}).setdefault(table, []).append(k)
    return groups


def copy_rows(target, modified, rows, other_tables):
    """Makes `rows` ({table: [keys]}) of target equal to MODIFIED; other_tables are copied whole."""
    with sqlite3.connect(target) as db:
        db.execute("ATTACH ? AS m", (modified,))
        for table, keys in rows.items():
            key = REGIONAL_TABLES[table][0]
            for k in keys:
                db.execute(f'DELETE FROM main."{table}" WHERE "{key}" = ?', (k,))
                db.execute(f'INSERT INTO main."{table}" SELECT * FROM m."{table}" WHERE "{key}" = ?', (k,))
        for table in other_tables:
            db.execute(f'DELETE FROM main."{table}"')
            db.execute(f'INSERT INTO main."{table}" SELECT * FROM m."{table}"')


def timed_apply(geodiff, base, target, changesets):
    shutil.copyfile(base, target)
    # Flush the copy now, so that SQLite's fsync at commit does not write it back inside the timing.
    with open(target, "rb+") as f:
        os.fsync(f.fileno())
    start = time.perf_counter()
    for changeset in changesets:
        geodiff.apply_changeset(target, changeset)
    return time.perf_counter() - start


def prepare(base, modified, workdir):
    """Makes the changesets (once); says what they hold."""
    geodiff = pygeodiff.GeoDiff()
    schema = tables(base)
    without_pk = sorted(t for t, pk in schema.items() if not pk)
    out = {"ok": True, "version": geodiff.version(), "tables": sorted(schema), "tables_without_pk": without_pk,
           "base_mb": os.path.getsize(base) / 1e6}

    # One changeset with all the changes.
    changeset = os.path.join(workdir, "national.diff")
    start = time.perf_counter()
    geodiff.create_changeset(base, modified, changeset)
    out["create_s"] = time.perf_counter() - start
    out["changes"] = geodiff.changes_count(changeset)
    out["summary"] = summary(geodiff, changeset, workdir)

    # One changeset per region, in the order of the regions' codes; the rest (manifest,
    # gpkg_contents' timestamp, proposals) in a last one.
    groups = region_groups(base, modified)
    before, after = os.path.join(workdir, "chain-before.gpkg"), os.path.join(workdir, "chain-after.gpkg")
    shutil.copyfile(base, before)
    shutil.copyfile(base, after)
    steps = [(rows, []) for _, rows in sorted(groups.items())] + [({}, [t for t in schema if t not in REGIONAL_TABLES])]
    changesets = []
    for i, (rows, others) in enumerate(steps):
        copy_rows(after, modified, rows, others)
        path = os.path.join(workdir, f"region-{i}.diff")
        geodiff.create_changeset(before, after, path)
        copy_rows(before, modified, rows, others)
        if geodiff.has_changes(path):
            changesets.append(path)
    for path in (before, after):
        os.remove(path)
    out["per_region"] = {
        "changesets": len(changesets),
        "regions": sorted(groups),
        "changes": sum(geodiff.changes_count(c) for c in changesets),
    }
    with open(os.path.join(workdir, CHANGESETS), "w") as f:
        json.dump({"one": [changeset], "chain": changesets}, f)
    return out


def apply(base, workdir):
    """One round: the changes applied as one changeset, and as the per-region ones in turn."""
    geodiff = pygeodiff.GeoDiff()
    with open(os.path.join(workdir, CHANGESETS)) as f:
        changesets = json.load(f)
    out = {"ok": True}
    for way in ("one", "chain"):
        target = os.path.join(workdir, f"apply-{way}.gpkg")
        out[f"{way}_s"] = timed_apply(geodiff, base, target, changesets[way])
        os.remove(target)
    return out


def summary(geodiff, changeset, workdir):
    path = os.path.join(workdir, "summary.json")
    geodiff.list_changes_summary(changeset, path)
    with open(path) as f:
        return json.load(f)


def main(args):
    if args[:1] == ["prepare"] and len(args) == 4:
        return prepare(*args[1:])
    if args[:1] == ["apply"] and len(args) == 3:
        return apply(*args[1:])
    sys.exit(__doc__)


if __name__ == "__main__":
    try:
        import pygeodiff
    except ImportError:
        print(json.dumps({"ok": False, "error": "pygeodiff is not installed (pip install pygeodiff)"}))
        sys.exit(0)
    try:
        result = main(sys.argv[1:])
    except Exception as e:  # noqa: BLE001 -- the bench prints the reason and goes on
        result = {"ok": False, "error": f"{type(e).__name__}: {e}"}
    print(json.dumps(result))
