import { describe, expect, it } from "vitest";
import { geometryText, kindOf, parseGeometryText, roundGeometry } from "./geometry";

const square = { type: "Polygon", coordinates: [[[71.4, 51.1], [71.5, 51.1], [71.5, 51.2], [71.4, 51.1]]] };

describe("geometry text", () => {
  it("reads a polygon back from the text it shows", () => {
    const text = geometryText(square);
    expect(text.split("\n").length).toBeGreaterThan(2); // one position per line, to edit by hand
    expect(parseGeometryText(text)).toEqual({ ok: true, geometry: square });
  });

  it("takes a bare [lon, lat] pair as a point, a Feature's geometry, and nothing as no location", () => {
    expect(parseGeometryText("[73.1, 49.8]")).toEqual({ ok: true, geometry: { type: "Point", coordinates: [73.1, 49.8] } });
    expect(parseGeometryText(JSON.stringify({ type: "Feature", properties: {}, geometry: square }))).toEqual({ ok: true, geometry: square });
    expect(parseGeometryText("   ")).toEqual({ ok: true, geometry: null });
  });

  it("names what is wrong: JSON, type or coordinates", () => {
    expect(parseGeometryText("{type: Polygon")).toMatchObject({ ok: false, error: "json" });
    expect(parseGeometryText('{"type": "Circle", "coordinates": [1, 2]}')).toMatchObject({ ok: false, error: "type", detail: "Circle" });
    expect(parseGeometryText('{"type": "GeometryCollection", "geometries": []}')).toMatchObject({ ok: false, error: "type" });
    // A polygon given as a line: positions nested one level too shallow.
    expect(parseGeometryText('{"type": "Polygon", "coordinates": [[71.4, 51.1], [71.5, 51.1]]}')).toMatchObject({ ok: false, error: "coordinates" });
    expect(parseGeometryText('{"type": "LineString", "coordinates": [[71.4, "51"], [71.5, 51.1]]}')).toMatchObject({ ok: false, error: "coordinates" });
    expect(parseGeometryText('{"type": "Point", "coordinates": []}')).toMatchObject({ ok: false, error: "coordinates" });
  });

  it("leaves the place's own rules (ring closed, inside Kazakhstan) to the API", () => {
    const open = { type: "Polygon", coordinates: [[[1, 2], [3, 4], [5, 6], [7, 8]]] };
    expect(parseGeometryText(JSON.stringify(open))).toEqual({ ok: true, geometry: open });
  });

  it("knows the kind of a geometry and rounds to 6 decimals", () => {
    expect(kindOf(square)).toBe("Polygon");
    expect(kindOf({ type: "MultiLineString", coordinates: [] })).toBe("LineString");
    expect(kindOf(null)).toBeNull();
    expect(roundGeometry({ type: "Point", coordinates: [73.12345678, 49.9999999] })).toEqual({ type: "Point", coordinates: [73.123457, 50] });
  });
});
