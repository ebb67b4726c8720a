import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { EditionSummary, OpenInfo } from "./api";
import { setLang } from "./i18n";
import { defaultChoices, defaultFileName, formatOfPath, latestWins, openPrintDialog, toRequest, withFileName, type PrintContext } from "./print";
import { emptyFilter } from "./state";

const ministry: OpenInfo = { path: "/home/a/maps/map.sqlite", scope: "ministry", region: null, db_id: "db1", opened: "user" };
const karaganda: OpenInfo = { ...ministry, scope: "region:35", region: "35" };

function ctx(over: Partial<PrintContext> = {}): PrintContext {
  return { open: ministry, filter: emptyFilter(), lang: "kk", colorBy: "sector", regions: [], selected: null, ...over };
}

const nov25 = new Date(2026, 10, 25);

describe("the print dialog's choices", () => {
  it("start from the window: its region, language and colours", () => {
    expect(defaultChoices(ctx())).toMatchObject({ kind: "map", region: "", lang: "kk", by: "sector", paper: "A4", landscape: false, format: "pdf" });
    expect(defaultChoices(ctx({ filter: { ...emptyFilter(), regions: ["35"] } })).region).toBe("35");
    expect(defaultChoices(ctx({ open: karaganda })).region).toBe("35");
  });

  it("name the file by what it holds and the date", () => {
    const c = defaultChoices(ctx({ open: karaganda }));
    expect(defaultFileName(c, ctx({ open: karaganda }), nov25)).toBe("karta-35-2026-11-25.pdf");
    expect(defaultFileName({ ...c, region: "" }, ctx(), nov25)).toBe("karta-kz-2026-11-25.pdf");
    expect(defaultFileName({ ...c, kind: "atlas" }, ctx({ open: karaganda }), nov25)).toBe("atlas-35-2026-11-25.pdf");
    const selected = { id: "0190-x", code: "35-0042" };
    expect(defaultFileName({ ...c, kind: "passport" }, ctx({ selected }), nov25)).toBe("pasport-35-0042-2026-11-25.pdf");
    expect(defaultFileName({ ...c, kind: "table", format: "xlsx", region: "" }, ctx(), nov25)).toBe("tablitsa-kz-2026-11-25.xlsx");
    expect(defaultFileName({ ...c, kind: "chart", format: "png" }, ctx(), nov25)).toBe("diagramma-financing-by-source-2026-11-25.png");
  });

  it("become a request with the window's filter narrowed to the chosen region", () => {
    const filter = { ...emptyFilter(), sectors: ["metallurgy"], year_from: 2025 };
    const c = { ...defaultChoices(ctx({ filter })), region: "35", paper: "A3" as const, landscape: true };
    const req = toRequest(c, ctx({ filter }));
    expect(req).toMatchObject({ kind: "map", paper: "A3", landscape: true, lang: "kk", by: "sector" });
    // A map names no project and no chart.
    expect(req).not.toHaveProperty("project");
    expect(req).not.toHaveProperty("chart");
    expect(req.filter).toEqual({ ...filter, regions: ["35"] });
    // All of Kazakhstan drops the region the window chose.
    expect(toRequest({ ...c, region: "" }, ctx({ filter: { ...filter, regions: ["35"] } })).filter.regions).toEqual([]);
    // A passport names the selected project; a chart its kind.
    const selected = { id: "0190-x", code: "35-0042" };
    expect(toRequest({ ...c, kind: "passport" }, ctx({ selected }))).toMatchObject({ kind: "passport", project: "0190-x" });
    expect(toRequest({ ...c, kind: "chart", chart: "jobs-by-region" }, ctx())).toMatchObject({ kind: "chart", chart: "jobs-by-region" });
    // Without a selection a passport names no project, and the app refuses it by name.
    expect(toRequest({ ...c, kind: "passport" }, ctx())).toMatchObject({ kind: "passport", project: "" });
  });

  it("ask for the forms with their year or period, never of an edition", () => {
    const c = { ...defaultChoices(ctx({ supportYear: 2025 })), edition: "ed1" };
    expect(c.supportYear).toBe(2025);
    expect(toRequest({ ...c, kind: "effectiveness" }, ctx())).toMatchObject({ kind: "effectiveness", year: 2025, edition: null });
    expect(toRequest({ ...c, kind: "support_register", supportYear: null }, ctx())).toMatchObject({ kind: "support_register", year: null });
    expect(toRequest({ ...c, kind: "monitoring_report", period: " 2026-Q2 " }, ctx())).toMatchObject({ kind: "monitoring_report", period: "2026-Q2", edition: null });
    expect(toRequest({ ...c, kind: "monitoring_report", period: "" }, ctx())).toMatchObject({ period: null });
    expect(defaultFileName({ ...c, kind: "monitoring_report", region: "35" }, ctx(), nov25)).toBe("monitoring-35-2026-11-25.pdf");
    expect(formatOfPath("/tmp/a.xlsx", "support_register")).toBe("xlsx");
  });

  it("read the format from the path's extension, when the printout can be so", () => {
    expect(formatOfPath("/tmp/a.SVG", "map")).toBe("svg");
    expect(formatOfPath("/tmp/a.svg", "atlas")).toBeNull();
    expect(formatOfPath("/tmp/a.csv", "table")).toBe("csv");
    expect(formatOfPath("/tmp/a", "map")).toBeNull();
    expect(withFileName("/tmp/x/old.pdf", "new.png")).toBe("/tmp/x/new.png");
    expect(withFileName("C:\\maps\\old.pdf", "new.pdf")).toBe("C:\\maps\\new.pdf");
  });
});

describe("latestWins", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for a pause, then runs only the last request", async () => {
    const run = vi.fn(async (a: number) => a * 10);
    const applied: number[] = [];
    const q = latestWins(run, (r) => applied.push(r), () => undefined, () => undefined, 200);
    q.request(1);
    q.request(2);
    await vi.advanceTimersByTimeAsync(100);
    q.request(3);
    await vi.advanceTimersByTimeAsync(250);
    expect(run).toHaveBeenCalledTimes(1);
    expect(applied).toEqual([30]);
  });

  it("drops a slow older answer that arrives after a newer one", async () => {
    const delays: Record<number, number> = { 1: 1000, 2: 10 };
    const run = (a: number) => new Promise<number>((ok) => setTimeout(() => ok(a), delays[a]));
    const applied: number[] = [];
    const busy: boolean[] = [];
    const q = latestWins(run, (r) => applied.push(r), () => undefined, (b) => busy.push(b), 50);
    q.request(1);
    await vi.advanceTimersByTimeAsync(60); // the first is running
    q.request(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(applied).toEqual([2]);
    expect(busy.at(-1)).toBe(false);
  });

  it("reports a failure of the latest request only", async () => {
    const failures: unknown[] = [];
    const q = latestWins(async () => Promise.reject(new Error("x")), () => undefined, (e) => failures.push(e), () => undefined, 10);
    q.request(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(failures).toHaveLength(1);
  });
});

function edition(id: string, map: string): EditionSummary {
  const totals = { projects: 1, cost: 0, financing: 0, jobs_permanent: 0, jobs_construction: 0 };
  return { id, map, number: 1, act: "№ 12", date: "2026-03-01", body: "Әкімдік", signatory: null, recorded_at: "", recorded_by: "", totals };
}

describe("the print dialog", () => {
  beforeEach(() => {
    setLang("ru");
    URL.createObjectURL = vi.fn(() => "blob:preview");
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    clearMocks();
    document.body.innerHTML = "";
  });

  it("previews with the chosen paper and saves to the typed path", async () => {
    const calls: [string, Record<string, any>][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, any>]);
      if (cmd === "print_preview") return new Uint8Array([137, 80, 78, 71]).buffer;
      if (cmd === "print_save") return (args as { path: string }).path;
      if (cmd === "edition_list") return [edition("e-other", "region:75"), edition("e-12", "region:35")];
      return null;
    });
    openPrintDialog(ctx({ open: karaganda, filter: { ...emptyFilter(), regions: ["35"] } }));
    const img = document.querySelector<HTMLImageElement>("[data-role=print-preview]")!;
    await vi.waitFor(() => expect(img.src).toBe("blob:preview"));
    const previews = () => calls.filter(([c]) => c === "print_preview");
    expect(previews()).toHaveLength(1);
    expect(previews()[0][1].request.paper).toBe("A4");
    expect(previews()[0][1].request.edition).toBeNull();
    // This map's editions only; the one chosen goes with the request.
    const editionSel = document.querySelector<HTMLSelectElement>("[data-role=print-edition]")!;
    await vi.waitFor(() => expect(editionSel.options).toHaveLength(2));
    expect(editionSel.options[1].textContent).toBe("Как утверждено, редакция 1: № 12, 01.03.2026");
    editionSel.value = "e-12";
    editionSel.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(previews()).toHaveLength(2));
    expect(previews()[1][1].request.edition).toBe("e-12");
    editionSel.value = "";
    editionSel.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(previews()).toHaveLength(3));

    const paper = document.querySelector<HTMLSelectElement>("[data-role=print-paper]")!;
    paper.value = "A3";
    paper.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(previews()).toHaveLength(4));
    expect(previews().at(-1)![1].request.paper).toBe("A3");

    const path = document.querySelector<HTMLInputElement>("[data-role=print-path]")!;
    expect(path.value).toMatch(/^\/home\/a\/maps\/karta-35-\d{4}-\d\d-\d\d\.pdf$/);
    path.value = "/tmp/out/map.svg";
    path.dispatchEvent(new Event("input"));
    expect(document.querySelector<HTMLSelectElement>("[data-role=print-format]")!.value).toBe("svg");
    path.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await vi.waitFor(() => expect(document.querySelector("[data-role=print-dialog]")).toBeNull());
    const save = calls.find(([c]) => c === "print_save")!;
    expect(save[1].path).toBe("/tmp/out/map.svg");
    expect(save[1].request.filter.regions).toEqual(["35"]);
  });

  it("makes the atlas with a progress bar and cancels that job", async () => {
    const calls: [string, Record<string, any>][] = [];
    let finish: (written: boolean) => void = () => undefined;
    mockIPC((cmd, args) => {
      calls.push([cmd, args as Record<string, any>]);
      if (cmd === "print_preview") return new Uint8Array([1]).buffer;
      if (cmd === "print_page_count") return 5;
      if (cmd === "print_atlas") return new Promise((ok) => (finish = ok));
      if (cmd === "print_atlas_cancel") finish(false);
      return null;
    });
    openPrintDialog(ctx());
    const kind = document.querySelector<HTMLSelectElement>("[data-role=print-kind]")!;
    kind.value = "atlas";
    kind.dispatchEvent(new Event("change"));
    expect(document.querySelector<HTMLSelectElement>("[data-role=print-format]")!.value).toBe("pdf");
    expect(document.querySelector<HTMLInputElement>("[data-role=print-path]")!.value).toMatch(/atlas-kz-.*\.pdf$/);
    await vi.waitFor(() => expect(document.querySelector("[data-role=print-page]")!.textContent).toMatch(/1 из 5$/));
    document.querySelector<HTMLButtonElement>("[data-role=print-save]")!.click();
    await vi.waitFor(() => expect(calls.some(([c]) => c === "print_atlas")).toBe(true));
    expect(document.querySelector<HTMLElement>(".print-progress")!.hidden).toBe(false);
    document.querySelector<HTMLButtonElement>("[data-role=print-cancel]")!.click();
    await vi.waitFor(() => expect(document.querySelector<HTMLElement>(".print-progress")!.hidden).toBe(true));
    const job = calls.find(([c]) => c === "print_atlas")![1].job;
    expect(calls.find(([c]) => c === "print_atlas_cancel")![1].job).toBe(job);
    // Cancelled: the dialog stays open for another try.
    expect(document.querySelector("[data-role=print-dialog]")).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(document.querySelector("[data-role=print-dialog]")).toBeNull();
  });

  it("closes on Escape", () => {
    mockIPC(() => new Uint8Array([1]).buffer);
    openPrintDialog(ctx());
    expect(document.querySelector("[data-role=print-dialog]")).not.toBeNull();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(document.querySelector("[data-role=print-dialog]")).toBeNull();
  });
});
