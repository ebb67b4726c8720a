// Every kind of alert and its label (indmap_core::alert::AlertKind); made by tests/generated_types.rs.

import type { AlertKind } from "./AlertKind";

export const ALERT_KINDS: readonly { kind: AlertKind; kk: string; ru: string; en: string }[] = [
  { kind: "action_overdue", kk: "Іс-шараның мерзімі өтті", ru: "Просрочено мероприятие", en: "Action overdue" },
  { kind: "milestone_overdue", kk: "Кезеңнің мерзімі өтті", ru: "Просрочен этап", en: "Milestone overdue" },
  { kind: "commissioning_overdue", kk: "Іске қосу мерзімі өтті", ru: "Просрочен ввод", en: "Commissioning overdue" },
  { kind: "commissioning_slipped", kk: "Іске қосу бекітілген жоспардан кешіктірілді", ru: "Ввод сдвинут от утверждённого плана", en: "Commissioning slipped past the approved plan" },
  { kind: "milestone_slipped", kk: "Кезең бекітілген жоспардан кешіктірілді", ru: "Этап сдвинут от утверждённого плана", en: "Milestone slipped past the approved plan" },
  { kind: "report_missing", kk: "Кезең бойынша есеп жоқ", ru: "Нет отчёта за период", en: "No report for the period" },
  { kind: "financing_mismatch", kk: "Қаржыландыру құнымен сәйкес емес", ru: "Финансирование не сходится со стоимостью", en: "Financing does not add up to the cost" },
  { kind: "support_without_criteria", kk: "Қолдау өлшемшартсыз (20-бап 6-т.)", ru: "Поддержка без критерия (ст. 20 п. 6)", en: "Support without a criterion (Art. 20 p.6)" },
  { kind: "expertise_missing", kk: "Жергілікті қамту сараптамасы жоқ", ru: "Нет экспертизы местного содержания", en: "No local-content expertise" },
  { kind: "investment_falling", kk: "Игерілген инвестиция азайып кетті", ru: "Освоенные инвестиции уменьшились", en: "Investment to date fell" },
  { kind: "progress_falling", kk: "Дайындық азайып кетті", ru: "Готовность уменьшилась", en: "Progress fell" },
];
