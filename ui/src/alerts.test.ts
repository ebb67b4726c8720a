import { describe, expect, it } from "vitest";
import { aboutText, alertLine, kindText } from "./alerts";
import { share, widthOf } from "./dashboard";
import type { AlertRow } from "./api";
import { ALERT_KINDS } from "./generated/allAlertKinds";
import { setLang } from "./i18n";

const row = (over: Partial<AlertRow>): AlertRow => ({
  kind: "action_overdue", project_id: "p", code: "35-0001", name_kk: "Зауыт", name_ru: "Завод", region: "35",
  field: "actions[0].due", days: null, subject: null, figures: null, responsible: null, ...over,
});

describe("alert texts", () => {
  it("every kind has its name in each language, from Rust", () => {
    for (const l of ["kk", "ru", "en"] as const) {
      setLang(l);
      for (const k of ALERT_KINDS) expect(kindText(k.kind)).toBe(k[l]);
    }
    setLang("kk");
    expect(kindText("report_missing")).toBe("Кезең бойынша есеп жоқ");
  });

  it("names what it is about, with the figures that disagree and the days", () => {
    setLang("ru");
    expect(alertLine(row({ subject: "Кірме жол салу", days: 148 }))).toBe("Просрочено мероприятие: Кірме жол салу (дней: 148)");
    const money = row({ kind: "financing_mismatch", field: "financing", figures: { unit: "money", expected: 50_000_000_000, found: 30_000_000_000 } });
    expect(aboutText(money)).toBe("500,0 млн ₸ → 300,0 млн ₸");
    const pct = row({ kind: "progress_falling", subject: "2026-Q3", figures: { unit: "percent", expected: 35, found: 30 } });
    expect(aboutText(pct)).toBe("2026-Q3: 35,0 % → 30,0 %");
    expect(alertLine(row({ kind: "support_without_criteria", field: "criteria" }))).toBe("Поддержка без критерия (ст. 20 п. 6)");
  });
});

describe("the dashboard's bars", () => {
  it("are as wide as their value against the widest, and a share needs a whole", () => {
    expect([widthOf(50, 200), widthOf(200, 200), widthOf(300, 200), widthOf(5, 0), widthOf(-1, 10)]).toEqual([25, 100, 100, 0, 0]);
    expect([share(580, 2400), share(1, 0)]).toEqual([(580 / 2400) * 100, null]);
  });
});
