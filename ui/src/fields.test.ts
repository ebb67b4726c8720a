import { describe, expect, it } from "vitest";
import { blank, boxKind, entityName, fieldAt, fieldName, splitPath } from "./fields";
import { FIELDS, type ProjectProperties } from "./generated/schema";
import { newProperties } from "./properties";
import { fieldLabel } from "./sync/words";
import { setLang } from "./i18n";

describe("fields from the schema", () => {
  it("finds a field by any path the window meets", () => {
    expect(splitPath("cost_kzt")).toEqual({ entity: "project", row: null, field: "cost_kzt" });
    expect(splitPath("financing[2].amount_kzt")).toEqual({ entity: "financing", row: "2", field: "amount_kzt" });
    expect(splitPath("financing/0190f0a0-0000-7000-8000-000000000001/amount_kzt")).toEqual({ entity: "financing", row: "0190f0a0-0000-7000-8000-000000000001", field: "amount_kzt" });
    expect(fieldAt("monitoring[0].reported_on")?.kind).toBe("date");
    expect(fieldAt("cost_original.rate")).toBeUndefined();
  });

  it("names fields in each language, money with the unit its box takes", () => {
    const cost = fieldAt("cost_kzt")!;
    expect(fieldName(cost, "ru")).toBe("Общая стоимость, млн ₸");
    expect(fieldName(cost, "en")).toBe("Total cost, mln ₸");
    expect(fieldName(fieldAt("responsible_person")!, "kk")).toBe("Жауапты тұлға");
    expect(entityName("financing", "kk")).toBe("Қаржыландыру жоспары");
    expect(fieldLabel("financing/x/amount_kzt")).toContain("·");
  });

  it("names the field a refusal names, never its key", () => {
    setLang("ru");
    expect(fieldLabel("features[2].initiator_bin")).toBe(fieldName(fieldAt("initiator_bin")!, "ru"));
    expect(fieldLabel("financing[0].amount_kzt")).toBe(`${entityName("financing", "ru")} · Сумма, млн ₸`);
    expect(fieldLabel("features[0].geometry")).not.toContain("geometry");
    setLang("kk");
    expect(fieldLabel("commissioning_planned")).toBe(fieldName(fieldAt("commissioning_planned")!, "kk"));
  });

  it("boxes each kind as the editor reads it", () => {
    expect(boxKind(fieldAt("cost_kzt")!)).toBe("mln");
    expect(boxKind(fieldAt("monitoring[0].exports_usd")!)).toBe("decimal");
    expect(boxKind(fieldAt("jobs_permanent")!)).toBe("int");
    expect(boxKind(fieldAt("financing[0].year")!)).toBe("year");
    expect(boxKind(fieldAt("capacity")!)).toBeNull();
  });

  it("a new project has every field of the schema, blank", () => {
    const p = newProperties("35");
    const projectFields = FIELDS.filter((f) => f.entity === "project").map((f) => f.name);
    for (const name of projectFields) expect(p).toHaveProperty(name);
    expect(p.region).toBe("35");
    expect(p.status).toBe("candidate");
    expect(p.level).toBe("regional");
    expect(p.criteria).toEqual([]);
    expect(p.financing).toEqual([]);
    const row = blank<ProjectProperties["financing"][number]>("financing", { year: 2026 });
    expect(row).toMatchObject({ id: null, status: "planned", note: null, year: 2026 });
  });
});
