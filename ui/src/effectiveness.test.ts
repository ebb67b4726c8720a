import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { barWidth, indicatorTexts, openEffectiveness, ratio } from "./effectiveness";
import type { Effect } from "./generated/Effect";
import type { Effectiveness } from "./generated/Effectiveness";
import { INDICATORS } from "./generated/allIndicators";
import { setLang } from "./i18n";
import { emptyFilter } from "./state";

const effect = (over: Partial<Effect>): Effect => ({
  projects: 1, measures: 1, unpriced: 0, support: 0, investment: 0, jobs: 0, output: 0, taxes: 0, exports_usd: 0,
  per_support: [null, null, null, null, null], index: null, ...over,
});

// Support of 100 mln ₸ to the plant and 400 mln to the works, as in the Rust scenario test.
const answer = (year: number | null): Effectiveness => ({
  methodology: { name: null, weights: INDICATORS.map((i) => ({ indicator: i.indicator, weight: 1 })) },
  year,
  total: effect({ projects: 2, measures: 3, unpriced: 1, support: 50_000_000_000, investment: 180_000_000_000, jobs: 60, per_support: [3.6, 120, 1.2, 0.1, 0.02], index: 1 }),
  by_measure: [
    { key: "1", effect: effect({ support: 10_000_000_000, investment: 100_000_000_000, jobs: 50, per_support: [10, 500, 5, 0.5, 0.1], index: 4.22 }) },
    { key: "10", effect: effect({ unpriced: 1, jobs: 50 }) },
  ],
  by_region: [{ key: "35", effect: effect({ projects: 2, index: 1 }) }],
  by_sector: [],
  by_year: year === null ? [{ key: "2025", effect: effect({}) }, { key: "2026", effect: effect({}) }] : [{ key: String(year), effect: effect({}) }],
});

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("the effectiveness of support", () => {
  it("names its indicators from Rust in each language, and prints figures with a dash for none", () => {
    for (const l of ["kk", "ru", "en"] as const) {
      setLang(l);
      expect(indicatorTexts().map((i) => i.name)).toEqual(INDICATORS.map((i) => i.name[l]));
    }
    setLang("ru");
    expect(indicatorTexts()[1]).toEqual({ name: "Раб. места", per: "на 1 млрд ₸ поддержки" });
    expect(ratio(4.2222)).toBe("4,22");
    expect(ratio(null)).toBe("—");
    expect([barWidth(2, 4), barWidth(null, 4), barWidth(9, 4), barWidth(1, 0)]).toEqual([50, 0, 100, 0]);
  });

  it("shows the totals, a bar per priced measure and the tables, and asks again for one year", async () => {
    setLang("kk");
    const asked: (number | null)[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "effectiveness") throw new Error(`unexpected ${cmd}`);
      const year = (args as { year: number | null }).year;
      asked.push(year);
      return answer(year);
    });
    let saved: number | null | undefined;
    await openEffectiveness({
      filter: emptyFilter(),
      regionName: (k) => (k === "35" ? "Қарағанды облысы" : k),
      sectorName: (k) => k,
      measureName: (n) => `${n}. шара`,
      save: (year) => (saved = year),
    });
    const text = (role: string) => document.querySelector(`[data-role=${role}]`)?.textContent ?? "";
    expect(text("e-methodology")).toContain("бекітілген әдістеме енгізілмеген, салмақтар тең");
    expect(text("e-support")).toContain("500,0 млн ₸");
    expect(text("e-per-tenge")).toContain("3,60");
    // Measure 10 priced nothing: it has no index and no bar; measure 1's bar is the widest.
    const bars = [...document.querySelectorAll<HTMLElement>("[data-role=e-chart] .e-row")];
    expect(bars.map((b) => b.dataset.key)).toEqual(["1"]);
    expect(bars[0].querySelector<HTMLElement>(".d-fill")!.style.width).toBe("100%");
    const rows = [...document.querySelectorAll("[data-role=e-by-measure] tbody tr")].map((r) => r.textContent);
    expect(rows[1]).toContain("10. шара");
    expect(rows[1]).toContain("1 (1)");
    expect(text("e-by-sector")).toContain("Көрсетілген жобаларда қолдау жоқ.");

    const year = document.querySelector<HTMLSelectElement>("[data-role=e-year]")!;
    expect([...year.options].map((o) => o.value)).toEqual(["", "2025", "2026"]);
    year.value = "2026";
    year.dispatchEvent(new Event("change"));
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([null, 2026]);
    expect(text("e-by-year")).toContain("2026");
    expect(text("e-by-year")).not.toContain("2025");
    document.querySelector<HTMLButtonElement>("[data-role=e-save]")!.click();
    expect(saved).toBe(2026);
  });
});
