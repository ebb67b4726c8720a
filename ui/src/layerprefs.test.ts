import { describe, expect, it } from "vitest";
import { addLayerPrefs, LAYER_COLORS, layerId, nextColor, parseLayerPrefs } from "./layerprefs";
import { parsePrefs } from "./state";

describe("layer preferences", () => {
  it("old preferences without layers still load, with none", () => {
    const old = JSON.stringify({ lang: "kk", colorBy: "sector", choropleth: "cost", recent: ["/a.sqlite"], filters: {} });
    const p = parsePrefs(old);
    expect(p.lang).toBe("kk");
    expect(p.recent).toEqual(["/a.sqlite"]);
    expect(p.layers).toEqual([]);
  });

  it("remembered layers come back; malformed entries and duplicates are dropped", () => {
    const raw = [
      { path: "/d/zones.gpkg", name: "districts", visible: false, color: "#112233" },
      { path: "/d/zones.gpkg", name: "districts", visible: true, color: "#445566" },
      { path: "", name: "x" },
      { path: "/d/z.geojson", name: "аймақтар", color: "red" },
      "junk",
    ];
    const p = parsePrefs(JSON.stringify({ lang: "ru", layers: raw }));
    expect(p.layers).toEqual([
      { path: "/d/zones.gpkg", name: "districts", visible: false, color: "#112233" },
      { path: "/d/z.geojson", name: "аймақтар", visible: true, color: LAYER_COLORS[1] },
    ]);
    expect(parseLayerPrefs("nonsense")).toEqual([]);
  });

  it("adding a file's layers gives each a free colour and keeps existing ones as they are", () => {
    const before = [{ path: "/a.gpkg", name: "districts", visible: false, color: LAYER_COLORS[0] }];
    const after = addLayerPrefs(before, "/a.gpkg", ["districts", "zones"]);
    expect(after).toEqual([before[0], { path: "/a.gpkg", name: "zones", visible: true, color: LAYER_COLORS[1] }]);
    expect(nextColor(after)).toBe(LAYER_COLORS[2]);
  });

  it("a layer's map id depends on its file and name only", () => {
    expect(layerId({ path: "/a.gpkg", name: "zones" })).toBe(layerId({ path: "/a.gpkg", name: "zones" }));
    expect(layerId({ path: "/a.gpkg", name: "zones" })).not.toBe(layerId({ path: "/b.gpkg", name: "zones" }));
    expect(layerId({ path: "/a.gpkg", name: "zones" })).toMatch(/^ul-[0-9a-z]+$/);
  });
});
