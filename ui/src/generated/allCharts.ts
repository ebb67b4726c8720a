// Every summary chart (indmap_print::ChartKind::ALL); made by tests/generated_types.rs.

import type { ChartKind } from "./ChartKind";

export const CHARTS: readonly ChartKind[] = [
  "financing-by-source",
  "financing-by-year",
  "projects-by-status",
  "projects-by-sector",
  "projects-by-region",
  "investment-by-region",
  "jobs-by-region",
];
