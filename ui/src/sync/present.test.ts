import { describe, expect, it } from "vitest";
import type { ConflictView } from "../generated/ConflictView";
import type { ImportReport } from "../generated/ImportReport";
import type { LogEntry } from "../generated/LogEntry";
import type { ProposalView } from "../generated/ProposalView";
import {
  badgeCounts,
  batchTotals,
  besides,
  defaultExportName,
  entryChanges,
  formatValue,
  groupByProject,
  originFile,
  reportCounts,
  sortProposals,
  splitField,
} from "./present";

const words = { deleted: "deleted" };

function proposal(over: Partial<ProposalView>): ProposalView {
  return { id: "p", project_id: "x", code: "35-0001", name: "Завод", field: "cost_kzt", current: 1, proposed: 2, user: "u", at: "2026-11-25T09:00:00.000Z", from: "ministry", status: "open", reason: null, ours_to_decide: true, ...over };
}

function conflict(project_id: string, field: string): ConflictView {
  return { id: `${project_id}:${field}`, kind: "field", project_id, code: null, name: "n", field, mine: 1, mine_by: "a", theirs: [[2, "b"]], base: null };
}

function report(over: Partial<ImportReport> = {}): ImportReport {
  const totals = { projects: 1, cost_kzt: 100, jobs_permanent: 5 };
  return {
    file: "f.gpkg",
    manifest: { format: "indmap-exchange", format_version: 1, scope: "region:35", db_id: "d", exported_at: "2026-06-01T09:00:00Z", user: "u", projects: 1, schema_version: 3, databases: [], changes_for: [], sha256: "" },
    dry_run: true,
    already_imported: null,
    added: [],
    changed: [],
    deleted: [],
    conflicts: [],
    refused: [],
    proposals: 0,
    other_maps: 0,
    editions: [],
    periods: [],
    signature: { fingerprint: "3F2A 91C0 AA55 E011 7B3C", first_sight: false, confirm: false },
    before: totals,
    after: totals,
    backup: null,
    ...over,
  };
}

describe("values as people read them", () => {
  it("money in millions of tenge, numbers grouped, nothing as a dash", () => {
    expect(formatValue("cost_kzt", 5_000_000_000, words, "ru")).toBe("5,0 млрд ₸");
    expect(formatValue("jobs_permanent", 1200, words, "ru")).toBe("1 200");
    // The kind comes from the schema, not from the name: a row's money, and a year unspaced.
    expect(formatValue("financing/0190f0a0-0000-7000-8000-000000000001/amount_kzt", 350_000_000, words, "kk")).toBe("350,0 млн ₸");
    expect(formatValue("financing/0190f0a0-0000-7000-8000-000000000001/year", 2027, words, "ru")).toBe("2027");
    expect(formatValue("financing[0].year", 2027, words, "kk")).toBe("2027");
    expect(formatValue("name_ru", null, words, "ru")).toBe("—");
    expect(formatValue("name_ru", "Завод", words, "ru")).toBe("Завод");
    expect(formatValue("start_date", "2026-03-01", words, "kk")).toBe("01.03.2026");
  });

  it("a point by its coordinates, a shape by its kind, a deletion by its reason", () => {
    expect(formatValue("geometry", { type: "Point", coordinates: [73.1, 49.8] }, words, "en")).toBe("49.8000, 73.1000");
    expect(formatValue("geometry", { type: "LineString", coordinates: [[1, 2], [3, 4]] }, words, "en")).toBe("LineString (2)");
    expect(formatValue("deleted", { reason: "duplicate" }, words, "en")).toBe("deleted: duplicate");
    expect(formatValue("deleted", { reason: null }, words, "en")).toBe("deleted");
    expect(formatValue("criteria", [], words, "en")).toBe("—");
    expect(formatValue("criteria", [1, 3], words, "en")).toBe("1, 3");
  });

  it("splits a row's field path into list, row and field", () => {
    expect(splitField("financing/0190-ab/amount_kzt")).toEqual({ list: "financing", row: "0190-ab", field: "amount_kzt" });
    expect(splitField("status")).toEqual({ list: null, row: null, field: "status" });
  });
});

describe("counts", () => {
  it("badges count open conflicts and only the open proposals this database decides", () => {
    const proposals = [proposal({}), proposal({ ours_to_decide: false }), proposal({ status: "accepted" })];
    expect(badgeCounts([conflict("a", "x"), conflict("a", "y")], proposals)).toEqual({ conflicts: 2, proposals: 1 });
  });

  it("proposals to decide come first, decided ones last, otherwise in the order given", () => {
    const list = [proposal({ id: "1", status: "rejected" }), proposal({ id: "2", ours_to_decide: false }), proposal({ id: "3" }), proposal({ id: "4" })];
    expect(sortProposals(list).map((p) => p.id)).toEqual(["3", "4", "2", "1"]);
  });

  it("conflicts group by project in the order they came", () => {
    const groups = groupByProject([conflict("a", "x"), conflict("b", "x"), conflict("a", "y")]);
    expect(groups.map((g) => [g.project_id, g.items.map((c) => c.field)])).toEqual([["a", ["x", "y"]], ["b", ["x"]]]);
  });

  it("a report counts its sections and says whether it changes anything", () => {
    expect(reportCounts(report()).any).toBe(false);
    const r = report({ refused: [{ id: "i", code: null, reason: "forged" }], proposals: 2 });
    expect(reportCounts(r)).toMatchObject({ refused: 1, proposals: 2, added: 0, any: true });
  });

  it("a batch's totals run from the first file's before to the last file's after", () => {
    const a = report({ before: { projects: 1, cost_kzt: 1, jobs_permanent: 1 }, after: { projects: 2, cost_kzt: 2, jobs_permanent: 2 } });
    const b = report({ before: { projects: 2, cost_kzt: 2, jobs_permanent: 2 }, after: { projects: 3, cost_kzt: 5, jobs_permanent: 4 } });
    expect(batchTotals([a, b])).toEqual({ before: a.before, after: b.after });
    expect(batchTotals([])).toBeNull();
  });
});

describe("files and history", () => {
  it("names an export after the region and the day, next to the map", () => {
    const day = new Date("2026-11-25T10:00:00Z");
    expect(defaultExportName("region:35", "35", day)).toBe("indmap-35-2026-11-25.gpkg");
    expect(defaultExportName("ministry", null, day)).toBe("indmap-ministry-2026-11-25.gpkg");
    expect(besides("/home/a/map.sqlite", "x.gpkg")).toBe("/home/a/x.gpkg");
    expect(besides("C:\\maps\\map.sqlite", "x.gpkg")).toBe("C:\\maps\\x.gpkg");
    expect(besides(null, "x.gpkg")).toBe("x.gpkg");
  });

  const entry = (over: Partial<LogEntry>): LogEntry => ({ seq: 1, db_id: "d", counter: 1, at: "2026-06-01T09:00:00Z", user: "u", entity: "project", record_id: "r", field: "status", old: "planned", new: "construction", origin: "local", ...over });

  it("a change made here has no file; one that came with a file names it", () => {
    expect(originFile(entry({}))).toBeNull();
    expect(originFile(entry({ origin: "karaganda.gpkg" }))).toBe("karaganda.gpkg");
  });

  it("a birth lists every value the record was born with", () => {
    const born = entry({ field: "*", old: null, new: { name_ru: "Завод", cost_kzt: 5 } });
    expect(entryChanges(born)).toEqual([
      { field: "name_ru", old: null, new: "Завод" },
      { field: "cost_kzt", old: null, new: 5 },
    ]);
    expect(entryChanges(entry({}))).toEqual([{ field: "status", old: "planned", new: "construction" }]);
  });
});

describe("who proposed a change", () => {
  it("is a person, a map and a time in the window's words, never a database id", async () => {
    const { proposedBy } = await import("./proposals");
    const { setLang } = await import("../i18n");
    setLang("kk");
    const text = proposedBy(proposal({ user: "Әсел", at: "2026-11-25T09:00:00.000Z", from: "ministry" }));
    expect(text.startsWith("Әсел, Министрлік, ")).toBe(true);
    expect(text).toContain("25.11.2026");
    expect(text).not.toMatch(/T09|database|\.000Z/);
    setLang("ru");
    expect(proposedBy(proposal({ from: "" }))).toContain("база, неизвестная здесь");
  });
});

describe("a backup in the list", () => {
  it("says when and before what it was taken, not its file name", async () => {
    const { backupText } = await import("./backups");
    const { setLang } = await import("../i18n");
    setLang("ru");
    const b = { name: "20261125T090000.000Z-before-import-k.gpkg.sqlite", path: "/x", bytes: 1, taken_at: "2026-11-25T09:00:00Z", before: "import", about: "k.gpkg" };
    const text = backupText(b);
    expect(text).toContain("25.11.2026");
    expect(text).toContain("перед импортом k.gpkg");
    expect(text).not.toContain("20261125T");
    expect(backupText({ ...b, before: "restore", about: null })).toContain("перед восстановлением");
  });
});
