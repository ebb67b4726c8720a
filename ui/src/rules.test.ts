import { fieldLabel } from "./fields";
import { afterEach, describe, expect, it } from "vitest";
import type { Problem } from "./api";
import { RULES } from "./generated/allRules";
import type { Rule } from "./generated/Rule";
import { DICTS, LANGS, setLang, type Key } from "./i18n";
import { errorsText, problemText, ruleKey } from "./rules";

function problem(rule: Rule, message: string, severity: Problem["severity"] = "error"): Problem {
  return { severity, field: "initiator_bin", rule, message };
}

describe("the rule catalogue from Rust", () => {
  it("is not empty and holds the rules the editor shows", () => {
    expect(RULES).toContain("bin.digits");
    expect(RULES).toContain("schedule.before_start");
    expect(RULES).toContain("financing.total");
  });

  for (const l of LANGS) {
    it(`has a message for every rule in ${l}, none empty`, () => {
      const dict = DICTS[l] as Record<string, string>;
      const missing = RULES.filter((r) => !dict[ruleKey(r)]?.trim());
      expect(missing, `rules without a ${l} message`).toEqual([]);
    });
  }

  it("has no message for a rule Rust no longer makes", () => {
    const known = new Set<string>(RULES.map(ruleKey));
    const stale = Object.keys(DICTS.en).filter((k) => k.startsWith("rule_") && !known.has(k));
    expect(stale).toEqual([]);
  });

  it("is translated into Kazakh, not copied from Russian", () => {
    const copied = RULES.filter((r) => DICTS.kk[ruleKey(r) as Key] === DICTS.ru[ruleKey(r) as Key]);
    expect(copied).toEqual([]);
  });
});

describe("a problem in the user's language", () => {
  afterEach(() => setLang("ru"));

  it("renders a known rule in Kazakh, Russian and English", () => {
    const p = problem("bin.digits", 'must be exactly 12 digits; got "12345"');
    setLang("kk");
    expect(problemText(p)).toBe("БСН тура 12 цифрдан тұрады");
    setLang("ru");
    expect(problemText(p)).toBe("БИН состоит ровно из 12 цифр");
    setLang("en");
    expect(problemText(p)).toBe("A BIN has exactly 12 digits");
  });

  it("keeps the API's sentence in brackets where it carries specifics", () => {
    setLang("kk");
    const p = problem("financing.total", "adds up to 30000.00 KZT, but cost_kzt is 35000.00 KZT", "warning");
    expect(problemText(p)).toBe("Қаржыландыру жолдарының сомасы жалпы құнмен сәйкес келмейді (adds up to 30000.00 KZT, but cost_kzt is 35000.00 KZT)");
  });

  it("shows the window's own checks, which carry no catalogue code, as they are", () => {
    setLang("kk");
    expect(problemText({ severity: "error", field: "cost_kzt", rule: null, message: "Сан болуы керек." })).toBe("Сан болуы керек.");
  });

  it("lists the errors after their fields, named in words, and leaves warnings out", () => {
    setLang("ru");
    const text = errorsText([
      problem("bin.digits", "must be exactly 12 digits"),
      { severity: "error", field: "commissioning_planned", rule: "schedule.before_start", message: "must not be before start_date (2026-01-01)" },
      problem("bin.check_digit", "has a check digit that does not match", "warning"),
    ]);
    expect(text).toBe(`${fieldLabel("initiator_bin")}: БИН состоит ровно из 12 цифр; ${fieldLabel("commissioning_planned")}: Не может быть раньше даты начала проекта`);
    expect(text).not.toContain("initiator_bin");
  });
});
