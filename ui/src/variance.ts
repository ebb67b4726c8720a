// How far a project's plan has moved from its baseline (the latest edition that approved it),
// in the card's words: "Ввод, план: 30.06.2027 → 29.08.2027 (+60 дн.)".

import type { ProjectVariance } from "./api";
import type { Kind } from "./generated/Kind";
import { formatDate, formatMoney, formatNumber, pick, t, tenge } from "./i18n";

/** A plan's value as its field shows it: money in millions, dates the Kazakh way. */
export function planValue(kind: Kind, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (kind === "money" && typeof value === "number") return formatMoney(value);
  if (kind === "date" && typeof value === "string") return formatDate(value);
  if ((kind === "count" || kind === "number") && typeof value === "number") return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "+150,0 млн ₸", "+60 дн.", "−10". */
export function by(kind: Kind, amount: number): string {
  const sign = amount > 0 ? "+" : "";
  if (kind === "money") return sign + formatMoney(tenge(amount));
  if (kind === "date") return `${sign}${formatNumber(amount)} ${t("var_days")}`;
  return sign + formatNumber(amount);
}

/** One line per field that moved; none when the plan is as approved. */
export function varianceLines(v: ProjectVariance): string[] {
  return v.drifts.map((d) => {
    const label = pick(d.label);
    const name = d.row ? `${d.row}: ${label}` : label;
    const moved = d.by === null ? "" : ` (${by(d.kind, d.by)})`;
    return `${name}: ${planValue(d.kind, d.baseline)} → ${planValue(d.kind, d.now)}${moved}`;
  });
}
