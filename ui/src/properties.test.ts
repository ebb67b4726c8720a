import { describe, expect, it } from "vitest";
import { financingBalance, getPath, History, mlnToKzt, newProperties, pruneEmptyObjects, setPath } from "./properties";

describe("field paths", () => {
  it("read and write the paths the API names in problems", () => {
    const p = newProperties("35");
    p.financing.push({ id: null, source: "own_funds", amount_kzt: 1, year: 2026, status: "planned", note: null });
    p.financing.push({ id: null, source: "dbk", amount_kzt: 2, year: 2027, status: "planned", note: null });
    setPath(p, "financing[1].amount_kzt", 5e9);
    expect(getPath(p, "financing[1].amount_kzt")).toBe(5e9);
    setPath(p, "capacity.value", 12);
    expect(p.capacity).toEqual({ value: 12 });
    expect(getPath(p, "cost_original.rate")).toBeUndefined();
  });

  it("an object left empty is sent as null", () => {
    const p = newProperties("35");
    setPath(p, "capacity.unit", null);
    expect(pruneEmptyObjects(p).capacity).toBeNull();
  });
});

describe("money entry", () => {
  it("millions convert to tenge exactly to the tiyn", () => {
    expect(mlnToKzt(12.3)).toBe(12_300_000);
    expect(mlnToKzt(0.1234567)).toBe(123_456.7);
    expect(mlnToKzt(160_500)).toBe(160_500_000_000);
  });

  it("the financing balance compares the sum with the cost", () => {
    const p = newProperties("35");
    p.cost_kzt = 10e9;
    p.financing = [
      { id: null, source: "own_funds", amount_kzt: 4e9, year: 2026, status: "planned", note: null },
      { id: null, source: "dbk", amount_kzt: 5e9, year: 2027, status: "committed", note: null },
    ];
    expect(financingBalance(p)).toEqual({ sum: 9e9, cost: 10e9, diff: -1e9, pct: 90 });
  });
});

describe("undo", () => {
  it("a burst of typing in one field is one edit", () => {
    const h = new History<{ a: string }>();
    const m = { a: "" };
    for (const s of ["x", "xy", "xyz"]) {
      h.before(m, "a");
      m.a = s;
    }
    h.before(m, "b");
    expect(h.undo()).toEqual({ a: "xyz" });
    expect(h.undo()).toEqual({ a: "" });
    expect(h.undo()).toBeNull();
  });
});
