import { describe, expect, it } from "vitest";
import type { ReportSheet } from "../generated/ReportSheet";
import { cellText, pastedBlock, tableOf } from "./grid";

describe("the reporting grid", () => {
  it("reads a block copied from Excel as rows of cells", () => {
    expect(pastedBlock("1 500 000,50\t45\t7\r\n2\t\t8\r\n")).toEqual([
      ["1 500 000,50", "45", "7"],
      ["2", "", "8"],
    ]);
    expect(pastedBlock("60")).toEqual([["60"]]);
  });

  it("shows held values for typing over: numbers as written, a status by its label", () => {
    const label = (code: string) => (code === "construction" ? "Құрылыс" : null);
    expect(cellText(null, label)).toBe("");
    expect(cellText(1500000.5, label)).toBe("1500000.5");
    expect(cellText("construction", label)).toBe("Құрылыс");
    expect(cellText("әғқңөұүһі", label)).toBe("әғқңөұүһі");
  });

  it("sends rows as a table headed by the field names, each at its grid line", () => {
    const sheet: ReportSheet = {
      period: "2026-Q3",
      locked: false,
      columns: [
        { name: "progress_pct", label: { kk: "Дайындығы, %", ru: "Готовность, %", en: "Progress, %" }, kind: "number" },
        { name: "comment", label: { kk: "Түсініктеме", ru: "Комментарий", en: "Comment" }, kind: "text" },
      ],
      rows: [],
    };
    const table = tableOf(sheet, [{ index: 4, code: "35-0005", texts: ["60,5", " "] }]);
    expect(table.rows).toEqual([
      { line: 0, cells: [{ type: "text", value: "code" }, { type: "text", value: "progress_pct" }, { type: "text", value: "comment" }] },
      { line: 5, cells: [{ type: "text", value: "35-0005" }, { type: "text", value: "60,5" }, { type: "empty" }] },
    ]);
  });
});
