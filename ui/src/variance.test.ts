import { describe, expect, it } from "vitest";
import type { ProjectVariance } from "./api";
import { setLang } from "./i18n";
import { varianceLines } from "./variance";

const v: ProjectVariance = {
  edition: { id: "e", map: "region:35", number: 1, act: "№ 12", date: "2026-03-01", body: "Әкімдік", signatory: null, recorded_at: "", recorded_by: "", totals: { projects: 1, cost: 0, financing: 0, jobs_permanent: 0, jobs_construction: 0 } },
  drifts: [
    { field: "cost_kzt", label: { kk: "Жалпы құны", ru: "Общая стоимость", en: "Total cost" }, kind: "money", row: null, baseline: 1_000_000_000, now: 1_160_000_000, by: 16_000_000_000 },
    { field: "commissioning_planned", label: { kk: "Іске қосу, жоспар", ru: "Ввод, план", en: "Commissioning, planned" }, kind: "date", row: null, baseline: "2027-06-30", now: "2027-08-29", by: 60 },
    { field: "milestones/x/planned", label: { kk: "Жоспар", ru: "План", en: "Planned" }, kind: "date", row: "ҚТМ", baseline: "2026-12-01", now: "2026-11-01", by: -30 },
    { field: "jobs_permanent", label: { kk: "Тұрақты жұмыс орны", ru: "Постоянные рабочие места", en: "Permanent jobs" }, kind: "count", row: null, baseline: 100, now: 90, by: -10 },
  ],
};

describe("the variance from the baseline", () => {
  it("says each move in the card's words, money in tiyn shown in tenge", () => {
    setLang("ru");
    expect(varianceLines(v)).toEqual([
      "Общая стоимость: 1,0 млрд ₸ → 1,2 млрд ₸ (+160,0 млн ₸)",
      "Ввод, план: 30.06.2027 → 29.08.2027 (+60 дн.)",
      "ҚТМ: План: 01.12.2026 → 01.11.2026 (−30 дн.)",
      "Постоянные рабочие места: 100 → 90 (−10)",
    ]);
    setLang("kk");
    expect(varianceLines(v)[1]).toBe("Іске қосу, жоспар: 30.06.2027 → 29.08.2027 (+60 күн)");
    expect(varianceLines({ ...v, drifts: [] })).toEqual([]);
  });
});
