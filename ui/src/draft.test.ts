import { describe, expect, it } from "vitest";
import { DRAFT_MAX_AGE_MS, discardDraft, draftKey, draftTime, loadDraft, pruneDrafts, saveDraft } from "./draft";

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

describe("editor drafts", () => {
  it("are keyed by the database file and the project, or 'new'", () => {
    expect(draftKey("/a/map.sqlite", "p1")).not.toBe(draftKey("/b/map.sqlite", "p1"));
    expect(draftKey("/a/map.sqlite", "p1")).not.toBe(draftKey("/a/map.sqlite", "p2"));
    expect(draftKey("/a/map.sqlite", null)).toContain("new");
  });

  it("come back as saved, until discarded", () => {
    const s = memoryStorage();
    const key = draftKey("/a/map.sqlite", null);
    const now = Date.UTC(2026, 5, 1, 9, 0);
    saveDraft(key, { name: "Зауыт" }, now, s);
    expect(loadDraft(key, now + 1000, s)).toEqual({ at: now, model: { name: "Зауыт" } });
    discardDraft(key, s);
    expect(loadDraft(key, now + 2000, s)).toBeNull();
  });

  it("expire after a week and are then removed; broken ones too", () => {
    const s = memoryStorage();
    const now = Date.UTC(2026, 5, 1, 9, 0);
    const old = draftKey("/a", "old");
    const fresh = draftKey("/a", "fresh");
    saveDraft(old, { n: 1 }, now - DRAFT_MAX_AGE_MS - 1, s);
    saveDraft(fresh, { n: 2 }, now - 1000, s);
    s.setItem(draftKey("/a", "broken"), "{not json");
    s.setItem("indmap.prefs.v1", "{}");
    pruneDrafts(now, s);
    expect(s.getItem(old)).toBeNull();
    expect(s.getItem(draftKey("/a", "broken"))).toBeNull();
    expect(loadDraft(fresh, now, s)?.model).toEqual({ n: 2 });
    expect(s.getItem("indmap.prefs.v1")).toBe("{}"); // only drafts are touched
  });

  it("say when they were written as HH:MM, with the day when it was not today", () => {
    const now = new Date(2026, 5, 1, 18, 0).getTime();
    expect(draftTime(new Date(2026, 5, 1, 9, 5).getTime(), now)).toBe("09:05");
    expect(draftTime(new Date(2026, 4, 30, 23, 59).getTime(), now)).toBe("30.05 23:59");
  });
});
