// A problem the API found, in the user's language. The rule code (one of ui/src/generated/Rule.ts,
// made from Rust) picks the sentence of ui/src/lang/rules.ts; the API's own English sentence is
// added only where it carries specifics the translation cannot (amounts, regions, places, codes).

import type { Problem } from "./api";
import type { Rule } from "./generated/Rule";
import { fieldLabel } from "./fields";
import { t } from "./i18n";
import type { RuleKey } from "./lang/rules";

/** Rules whose API sentence says something the translated one does not; it follows in brackets. */
const WITH_DETAIL: ReadonlySet<Rule> = new Set<Rule>([
  "code.unknown",
  "financing.total",
  "geojson.syntax",
  "identity.fixed",
  "json.syntax",
  "level.threshold",
  "location.invalid",
  "location.other_region",
  "location.outside_kazakhstan",
  "location.ring",
  "location.wgs84",
  "money.format",
  "number.range",
  "peer.unknown",
  "print.page",
  "print.request",
  "print.usage",
  "region.scope",
  "report.period_other",
  "report.row_twice",
  "setting.unknown",
  "sheet.no_sheet",
  "table.column_twice",
]);

export function ruleKey(rule: Rule): RuleKey {
  return `rule_${rule}`;
}

/** A problem as the window shows it: the API's, or one of the window's own checks (no rule),
 * whose message is already in the user's words. */
export type Shown = Omit<Problem, "rule"> & { rule: Rule | null };

/** One problem's text. */
export function problemText(p: Shown): string {
  if (p.rule === null) return p.message;
  const text = t(ruleKey(p.rule));
  return WITH_DETAIL.has(p.rule) && p.message ? `${text} (${p.message})` : text;
}

/** The errors among `problems`, each after its field, for a toast or a banner. */
export function errorsText(problems: Shown[]): string {
  return problems
    .filter((p) => p.severity === "error")
    .map((p) => `${fieldLabel(p.field)}: ${problemText(p)}`)
    .join("; ");
}
