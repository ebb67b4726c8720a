// Drawing and moving a project's location on the MapLibre map, with terra-draw (MIT, bundled,
// works offline) and its MapLibre adapter. One geometry at a time: drawing a new shape replaces
// the old one, so for a point a click moves it. Vertices and points are dragged to move them.
// Keys while drawing: Enter or a double-click finishes, Escape drops the unfinished shape,
// Backspace removes the last vertex. The keys are handled here (not by terra-draw, which only
// hears them when the map canvas has focus).

import type { Map as MlMap } from "maplibre-gl";
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode } from "terra-draw";
import type { GeoJSONStoreFeatures } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import type { Geometry } from "./api";
import { roundGeometry, type GeomKind } from "./geometry";

const MODE: Record<GeomKind, string> = { Point: "point", LineString: "linestring", Polygon: "polygon" };
// terra-draw's own finish/cancel keys are set to names no keyboard sends; we send them ourselves.
const FINISH = "indmap-finish";
const CANCEL = "indmap-cancel";
const COLOR = "#d81b60";

export interface DrawCallbacks {
  /** The geometry after every finished shape and every drag (null when none is left). */
  onChange: (g: Geometry | null) => void;
  /** Enter or Escape pressed with no shape in progress: the user is done (or gives up). */
  onDone: () => void;
  onCancel: () => void;
}

type Mode = TerraDrawPointMode | TerraDrawLineStringMode | TerraDrawPolygonMode;

export class DrawSession {
  private draw: TerraDraw;
  private mode: Mode;
  private onKey = (e: KeyboardEvent) => this.key(e);
  private hadDblClickZoom: boolean;

  constructor(
    private map: MlMap,
    kind: GeomKind,
    initial: Geometry | null,
    private cb: DrawCallbacks,
  ) {
    const keyEvents = { cancel: CANCEL, finish: FINISH };
    this.mode =
      kind === "Point"
        ? new TerraDrawPointMode({ editable: true, styles: { pointColor: COLOR, pointWidth: 7, pointOutlineColor: "#ffffff", pointOutlineWidth: 2 } })
        : kind === "LineString"
          ? new TerraDrawLineStringMode({ editable: true, keyEvents, showCoordinatePoints: true, styles: { lineStringColor: COLOR, lineStringWidth: 3, closingPointColor: COLOR, coordinatePointColor: COLOR } })
          : new TerraDrawPolygonMode({ editable: true, keyEvents, showCoordinatePoints: true, styles: { fillColor: COLOR, fillOpacity: 0.25, outlineColor: COLOR, outlineWidth: 3, closingPointColor: COLOR, coordinatePointColor: COLOR } });
    this.draw = new TerraDraw({ adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 6 }), modes: [this.mode] });
    this.hadDblClickZoom = map.doubleClickZoom.isEnabled();
    map.doubleClickZoom.disable();
    this.draw.start();
    this.draw.setMode(MODE[kind]);
    if (initial && initial.type === kind) {
      const added = this.draw.addFeatures([{ type: "Feature", geometry: initial as never, properties: { mode: MODE[kind] } }]);
      if (!added.every((r) => r.valid)) console.warn("the location could not be shown for editing", added);
    }
    this.draw.on("finish", (id) => this.finished(id));
    this.draw.on("change", (_ids, type) => {
      if (type === "update" && this.draw.getModeState() !== "drawing") this.report();
    });
    document.addEventListener("keydown", this.onKey, true);
  }

  /** Whether a shape is being drawn (clicks add vertices). */
  get drawing(): boolean {
    return this.draw.getModeState() === "drawing";
  }

  private finished(id: string | number): void {
    // One geometry per project: the new shape replaces what was there.
    const others = this.draw.getSnapshot().filter((f) => f.id !== id && !isGuidance(f));
    if (others.length) this.draw.removeFeatures(others.map((f) => f.id!));
    this.report();
  }

  private report(): void {
    const f = this.draw.getSnapshot().find((f) => !isGuidance(f) && !f.properties.currentlyDrawing);
    this.cb.onChange(f ? roundGeometry(f.geometry as Geometry) : null);
  }

  private key(e: KeyboardEvent): void {
    if ((e.target as Element | null)?.closest?.("input, textarea, select")) return;
    const send = (key: string) => (this.mode as unknown as { onKeyUp(e: unknown): void }).onKeyUp({ key, heldKeys: [], preventDefault: () => undefined });
    if (e.key === "Enter") {
      if (this.drawing) send(FINISH);
      else this.cb.onDone();
    } else if (e.key === "Escape") {
      if (this.drawing) send(CANCEL);
      else this.cb.onCancel();
    } else if (e.key === "Backspace" && this.drawing && "undo" in this.mode) {
      // terra-draw's undo while drawing takes back the last vertex placed.
      this.mode.undo();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  stop(): void {
    document.removeEventListener("keydown", this.onKey, true);
    try {
      this.draw.stop();
    } catch (e) {
      console.warn("terra-draw stop", e);
    }
    if (this.hadDblClickZoom) this.map.doubleClickZoom.enable();
  }
}

/** terra-draw keeps its handles (vertex, closing and snapping points) in the same store. */
function isGuidance(f: GeoJSONStoreFeatures): boolean {
  const p = f.properties as Record<string, unknown>;
  return ["closingPoint", "coordinatePoint", "snappingPoint", "selectionPoint", "midPoint"].some((k) => Boolean(p[k]));
}
