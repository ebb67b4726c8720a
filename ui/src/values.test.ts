import { describe, expect, it } from "vitest";
import { setLang } from "./i18n";
import { changesScale, displayValue, kindOfField, parseValue } from "./values";

describe("value boxes", () => {
  it("money is typed and shown in millions of tenge", () => {
    setLang("ru");
    expect(parseValue("mln", "970")).toEqual({ ok: true, value: 970_000_000 });
    expect(parseValue("mln", "1 350,5")).toEqual({ ok: true, value: 1_350_500_000 });
    expect(displayValue("mln", 1_350_500_000)).toBe("1350,5");
    expect(displayValue("mln", 1_350_500_000, "en")).toBe("1350.5");
  });

  it("refuses what is not a number or a date, with the rule's words", () => {
    setLang("kk");
    const r = parseValue("mln", "көп");
    expect(r.ok).toBe(false);
    expect(parseValue("int", "1,5").ok).toBe(false);
    expect(parseValue("date", "31.02.2026").ok).toBe(false);
    expect(parseValue("date", "01.03.2026")).toEqual({ ok: true, value: "2026-03-01" });
    expect(parseValue("text", "  ")).toEqual({ ok: true, value: null });
  });

  it("a conflict's field is boxed as the editor boxes it", () => {
    expect(kindOfField("cost_kzt", 950_000_000)).toBe("mln");
    expect(kindOfField("financing/0190f0a0-0000-7000-8000-000000000001/amount_kzt", 1)).toBe("mln");
    expect(kindOfField("commissioning_planned", null)).toBe("date");
    expect(kindOfField("milestones/x/actual", null)).toBe("date");
    expect(kindOfField("financing/x/year", 2026)).toBe("year");
    expect(kindOfField("jobs_permanent", 100)).toBe("int");
    expect(kindOfField("local_content_goods_pct", 12.5)).toBe("decimal");
    expect(kindOfField("name_ru", "Завод")).toBe("text");
    expect(kindOfField("capacity", { value: 1, unit: "t" })).toBeNull();
  });

  it("asks when a value is more than tenfold off every value it replaces", () => {
    // 970 ₸ typed for a 950 mln ₸ project: the slip the box's unit once caused.
    expect(changesScale(970, [950_000_000])).toBe(true);
    expect(changesScale(970_000_000, [950_000_000, 1_200_000_000])).toBe(false);
    expect(changesScale(9_600_000_000, [950_000_000])).toBe(true);
    // Close to one of them is a correction, not a slip.
    expect(changesScale(9_600_000_000, [950_000_000, 9_000_000_000])).toBe(false);
    expect(changesScale(0, [950_000_000])).toBe(true);
    expect(changesScale(5, [null, 0])).toBe(false);
    expect(changesScale("text", [1])).toBe(false);
  });
});
