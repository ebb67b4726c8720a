import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, ApiError } from "./api";

afterEach(() => clearMocks());

describe("the API wrapper", () => {
  it("passes arguments to our commands and returns their answers", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "view") return { rows: [], summary: { count: 0, cost_kzt: 0, jobs_permanent: 0, delayed: 0, alerts: 0, financing: [] }, regions: [] };
      return null;
    });
    const v = await api.view({ regions: ["35"], district: null, level: null, statuses: [], sectors: [], year_from: null, year_to: null, support_measure: null, financing_source: null, search: null });
    expect(v.summary.count).toBe(0);
    expect(calls[0][0]).toBe("view");
    expect((calls[0][1] as { filter: { regions: string[] } }).filter.regions).toEqual(["35"]);
  });

  it("turns a refusal into an ApiError with its kind and problems", async () => {
    mockIPC(() => {
      throw { kind: "invalid", message: "1 problem", problems: [{ severity: "error", field: "financing[1].amount_kzt", rule: "money.format", message: "bad" }] };
    });
    const e = await api.addProject({ type: "Feature", geometry: null, properties: {} as never }).catch((e) => e);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe("invalid");
    expect(e.problems[0].field).toBe("financing[1].amount_kzt");
  });

  it("an unknown failure is internal", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const e = await api.reference().catch((e) => e);
    expect(e.kind).toBe("internal");
  });
});
