// A problem the API found, in the user's language. The rule code (one of ui/src/generated/rules.ts,
// made from Rust) picks the sentence of ui/src/lang/rules.ts; the API's own English sentence is
// added only where it carries specifics the translation cannot (amounts, regions, places, codes).

import type { Problem } from "./api";
import { RULES, type Rule } from "./generated/rules";
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
  "setting.unknown",
]);

export function isRule(code: string): code is Rule {
  return (RULES as readonly string[]).includes(code);
}

export function ruleKey(rule: Rule): RuleKey {
  return `rule_${rule}`;
}

/** One problem's text. A code the catalogue lacks (the window's own checks) keeps its message. */
export function problemText(p: Problem): string {
  if (!isRule(p.rule)) return p.message;
  const text = t(ruleKey(p.rule));
  return WITH_DETAIL.has(p.rule) && p.message ? `${text} (${p.message})` : text;
}

/** The errors among `problems`, each after its field, for a toast or a banner. */
export function errorsText(problems: Problem[]): string {
  return problems
    .filter((p) => p.severity === "error")
    .map((p) => `${p.field}: ${problemText(p)}`)
    .join("; ");
}
