import { describe, expect, it } from "vitest";
import { DICTS, LANGS, counted, formatDate, formatMoney, formatNumber, parseDate, parseNumber } from "./i18n";

describe("dictionaries", () => {
  const keys = Object.keys(DICTS.en).sort();
  for (const l of LANGS) {
    it(`${l} has every key, none empty, none extra`, () => {
      const own = Object.keys(DICTS[l]).sort();
      expect(own.filter((k) => !keys.includes(k)), "extra keys").toEqual([]);
      expect(keys.filter((k) => !own.includes(k)), "missing keys").toEqual([]);
      const empty = Object.entries(DICTS[l]).filter(([, v]) => !v.trim());
      expect(empty, "empty entries").toEqual([]);
    });
  }

  it("Kazakh is really Kazakh where it matters", () => {
    expect(DICTS.kk.f_region).toBe("Өңір");
    expect(DICTS.kk.new_project).toBe("Жаңа жоба");
    // Strings identical to Russian are suspicious beyond a few shared words.
    const same = Object.keys(DICTS.en).filter((k) => DICTS.kk[k as keyof typeof DICTS.en] === DICTS.ru[k as keyof typeof DICTS.en]);
    expect(same.length).toBeLessThan(12);
  });
});

describe("counted nouns", () => {
  it("take the form their number asks for: Russian one, few and many, Kazakh the singular", () => {
    const ru = [1, 2, 4, 5, 11, 12, 21, 22, 25, 100, 101, 111].map((n) => `${n} ${counted(n, "s_projects", "ru")}`);
    expect(ru).toEqual([
      "1 проект", "2 проекта", "4 проекта", "5 проектов", "11 проектов", "12 проектов",
      "21 проект", "22 проекта", "25 проектов", "100 проектов", "101 проект", "111 проектов",
    ]);
    expect([1, 2, 5].map((n) => counted(n, "s_alerts", "ru"))).toEqual(["сигнал", "сигнала", "сигналов"]);
    expect([1, 5].map((n) => counted(n, "s_projects", "kk"))).toEqual(["жоба", "жоба"]);
    expect([0, 1, 2].map((n) => counted(n, "s_projects", "en"))).toEqual(["projects", "project", "projects"]);
  });

  it("every counted noun has one form in Kazakh, two in English and three in Russian", () => {
    const keys = (Object.keys(DICTS.en) as (keyof typeof DICTS.en)[]).filter((k) => DICTS.ru[k].includes("|"));
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const k of keys) {
      expect([DICTS.kk[k].split("|").length, DICTS.en[k].split("|").length, DICTS.ru[k].split("|").length]).toEqual([1, 2, 3]);
    }
  });
});

describe("formats", () => {
  it("numbers group thousands with spaces and use the locale's decimal mark", () => {
    expect(formatNumber(1234.5, 1, "ru")).toBe("1 234,5");
    expect(formatNumber(1234567, 0, "kk")).toBe("1 234 567");
    expect(formatNumber(1234.5, 1, "en")).toBe("1 234.5");
    expect(formatNumber(-1500, 0, "ru")).toBe("−1 500");
    expect(formatNumber(999, 0, "ru")).toBe("999");
  });

  it("money is written in millions or billions of tenge", () => {
    expect(formatMoney(1_234_500_000 / 1000 * 1000 / 1000, "ru")).toBe("1,2 млн ₸");
    expect(formatMoney(1_234_500_000_000 / 1000, "ru")).toBe("1,2 млрд ₸");
    expect(formatMoney(1_234_500_000, "ru")).toBe("1,2 млрд ₸");
    expect(formatMoney(987_654_321, "ru")).toBe("987,7 млн ₸");
    expect(formatMoney(1_234_500_000 * 1000 / 1000 - 0, "kk")).toBe("1,2 млрд ₸");
    expect(formatMoney(1_234.5e6, "ru")).toBe("1,2 млрд ₸");
    expect(formatMoney(1_234.5e6 / 1000 * 1000, "en")).toBe("1.2 bn KZT");
    expect(formatMoney(500e6, "en")).toBe("500.0 mln KZT");
    expect(formatMoney(7.9e12, "ru")).toBe("7,90 трлн ₸");
    expect(formatMoney(null, "ru")).toBe("—");
  });

  it("the example of the issue: 1 234,5 млн ₸", () => {
    // Below a billion, amounts stay in millions.
    expect(formatMoney(999.9e6, "ru")).toBe("999,9 млн ₸");
    expect(formatNumber(1234.5, 1, "ru") + " млн ₸").toBe("1 234,5 млн ₸");
  });

  it("dates are DD.MM.YYYY and parse back", () => {
    expect(formatDate("2026-03-01")).toBe("01.03.2026");
    expect(parseDate("01.03.2026")).toBe("2026-03-01");
    expect(parseDate("1.3.2026")).toBe("2026-03-01");
    expect(parseDate("2026-03-01")).toBe("2026-03-01");
    expect(parseDate("31.02.2026")).toBeUndefined();
    expect(parseDate("tomorrow")).toBeUndefined();
    expect(parseDate("  ")).toBeNull();
  });

  it("numbers typed the Kazakhstani way parse", () => {
    expect(parseNumber("1 234,5")).toBe(1234.5);
    expect(parseNumber("1234.5")).toBe(1234.5);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("12a")).toBeUndefined();
  });
});
