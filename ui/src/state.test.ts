import { describe, expect, it } from "vitest";
import type { MapView } from "./api";
import { addRecent, emptyFilter, isFilterEmpty, loadPrefs, normaliseFilter, savePrefs, sortRows, Store } from "./state";

function view(ids: string[]): MapView {
  return {
    rows: ids.map((id) => ({
      id, code: id, name_kk: id, name_ru: id, name_en: null, region: "35", district: null, level: "regional",
      status: "included", sector: null, initiator: null, cost_kzt: null, jobs_permanent: null, commissioning: null,
      point: [70, 50], shape: null, other_map: false, baseline: null,
    })),
    summary: { count: ids.length, cost_kzt: 0, jobs_permanent: 0, delayed: 0, alerts: 0, financing: [] },
    regions: [],
  };
}

describe("store", () => {
  it("tells listeners what changed, and only when something did", () => {
    const s = new Store();
    const seen: string[][] = [];
    s.subscribe((_, changed) => seen.push([...changed]));
    s.set({ colorBy: "sector" });
    s.set({ colorBy: "sector" });
    expect(seen).toEqual([["colorBy"]]);
  });

  it("drops a selection that left the filtered set", () => {
    const s = new Store();
    s.set({ view: view(["a", "b"]), selected: "b" });
    expect(s.state.selected).toBe("b");
    s.set({ view: view(["a"]) });
    expect(s.state.selected).toBeNull();
  });
});

describe("filters", () => {
  it("blank text and empty choices mean any", () => {
    const f = normaliseFilter({ ...emptyFilter(), search: "  ", regions: [""], level: "" });
    expect(isFilterEmpty(f)).toBe(true);
    expect(normaliseFilter({ search: " ферро " }).search).toBe("ферро");
    expect(isFilterEmpty(normaliseFilter({ regions: ["35"] }))).toBe(false);
  });
});

describe("preferences", () => {
  it("survive a round trip and ignore garbage", () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) } as unknown as Storage;
    expect(loadPrefs(storage).lang).toBe("ru");
    savePrefs({ lang: "kk", colorBy: "sector", choropleth: "jobs", recent: ["/a.sqlite"], filters: {} }, storage);
    expect(loadPrefs(storage)).toMatchObject({ lang: "kk", colorBy: "sector", choropleth: "jobs", recent: ["/a.sqlite"] });
    mem.set("indmap.prefs.v1", "{not json");
    expect(loadPrefs(storage).lang).toBe("ru");
  });

  it("recent files keep the newest first, without duplicates", () => {
    expect(addRecent(["/a", "/b"], "/b")).toEqual(["/b", "/a"]);
    expect(addRecent(Array.from({ length: 8 }, (_, i) => `/${i}`), "/new")).toHaveLength(8);
  });
});

describe("sorting", () => {
  it("sorts numbers and text, blanks last in both directions", () => {
    const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 1 }];
    expect(sortRows(rows, (r) => r.v, 1).map((r) => r.v)).toEqual([1, 3, 10, null]);
    expect(sortRows(rows, (r) => r.v, -1).map((r) => r.v)).toEqual([10, 3, 1, null]);
    const codes = [{ c: "35-0010" }, { c: "35-0002" }];
    expect(sortRows(codes, (r) => r.c, 1).map((r) => r.c)).toEqual(["35-0002", "35-0010"]);
  });
});
