// Every indicator of the effectiveness of support, its column name and the unit of its figure per
// support (indmap_core::effectiveness::Indicator), in the order of `per_support`; made by
// tests/generated_types.rs.

import type { Indicator } from "./Indicator";

type Text = { kk: string; ru: string; en: string };

export const INDICATORS: readonly { indicator: Indicator; name: Text; per: Text }[] = [
  { indicator: "investment", name: { kk: "Инвестиция", ru: "Инвестиции", en: "Investment" }, per: { kk: "₸, 1 ₸ қолдауға", ru: "₸ на 1 ₸ поддержки", en: "₸ per ₸1 of support" } },
  { indicator: "jobs", name: { kk: "Жұмыс орны", ru: "Раб. места", en: "Jobs" }, per: { kk: "1 млрд ₸ қолдауға", ru: "на 1 млрд ₸ поддержки", en: "per ₸1 bn of support" } },
  { indicator: "output", name: { kk: "Өнім", ru: "Выпуск", en: "Output" }, per: { kk: "₸, 1 ₸ қолдауға", ru: "₸ на 1 ₸ поддержки", en: "₸ per ₸1 of support" } },
  { indicator: "taxes", name: { kk: "Салық", ru: "Налоги", en: "Taxes" }, per: { kk: "₸, 1 ₸ қолдауға", ru: "₸ на 1 ₸ поддержки", en: "₸ per ₸1 of support" } },
  { indicator: "exports", name: { kk: "Экспорт", ru: "Экспорт", en: "Exports" }, per: { kk: "USD, 1000 ₸ қолдауға", ru: "USD на 1000 ₸ поддержки", en: "USD per ₸1,000 of support" } },
];
