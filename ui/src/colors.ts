// Colours of the map's symbols: one per status and per sector, and the choropleth ramp.

export const STATUS_COLORS: Record<string, string> = {
  candidate: "#9e9e9e",
  submitted: "#7e8ccf",
  under_review: "#5c6bc0",
  included: "#1e88e5",
  design: "#00acc1",
  construction: "#fb8c00",
  commissioned: "#43a047",
  at_design_capacity: "#1b5e20",
  promising: "#ab47bc",
  delayed: "#e53935",
  suspended: "#6d4c41",
  excluded: "#455a64",
  rejected: "#212121",
};

const PALETTE = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#843c39", "#7b4173",
];

export function sectorColor(code: string | null | undefined, sectors: string[]): string {
  if (!code) return "#7f7f7f";
  const i = sectors.indexOf(code);
  return PALETTE[(i >= 0 ? i : Math.abs(hash(code))) % PALETTE.length];
}

function hash(s: string): number {
  let x = 0;
  for (let i = 0; i < s.length; i++) x = (x * 31 + s.charCodeAt(i)) | 0;
  return x;
}

/** Light to dark blue, for 0..1. */
export const RAMP = ["#f7f4ec", "#e3edf6", "#c9dcee", "#a7c6e3", "#7fa9d3", "#5a8cc2"];

export function rampColor(value: number, max: number): string {
  if (!(max > 0) || !(value > 0)) return RAMP[0];
  const i = Math.min(RAMP.length - 1, 1 + Math.floor((value / max) * (RAMP.length - 1)));
  return RAMP[i];
}
