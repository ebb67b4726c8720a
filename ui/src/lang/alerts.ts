// Strings of the alert list in English, Russian and Kazakh; i18n.ts merges them into the one
// dictionary. The kinds' own names come from Rust (generated/allAlertKinds.ts).

import type { FeatureDict } from "./feature";

const en = {
  s_alerts: "alerts",
  al_title: "Alerts: what is late and what does not add up",
  al_as_of: "As of {date}; the reports of {period} are due.",
  al_all: "All",
  al_by_region: "By region",
  al_by_responsible: "By who is to act",
  al_none_named: "not named",
  al_project: "Project",
  al_region: "Region",
  al_alert: "Alert",
  al_about: "About",
  al_days: "Days",
  al_responsible: "Responsible",
  al_empty: "Nothing is late or out of order in the projects shown.",
  al_hint: "Click an alert to open its project at the field. The list follows the filters.",
  al_close: "Close",
};

const ru: Record<keyof typeof en, string> = {
  s_alerts: "сигналов",
  al_title: "Сигналы: что просрочено и что не сходится",
  al_as_of: "По состоянию на {date}; срок отчётов за {period} наступил.",
  al_all: "Все",
  al_by_region: "По регионам",
  al_by_responsible: "По ответственным",
  al_none_named: "не указан",
  al_project: "Проект",
  al_region: "Регион",
  al_alert: "Сигнал",
  al_about: "Что именно",
  al_days: "Дней",
  al_responsible: "Ответственный",
  al_empty: "В показанных проектах ничего не просрочено и всё сходится.",
  al_hint: "Нажмите на сигнал: проект откроется на этом поле. Список следует фильтрам.",
  al_close: "Закрыть",
};

const kk: Record<keyof typeof en, string> = {
  s_alerts: "ескерту",
  al_title: "Ескертулер: не кешікті, не сәйкес келмейді",
  al_as_of: "{date} жағдай бойынша; {period} есептерінің мерзімі жетті.",
  al_all: "Барлығы",
  al_by_region: "Өңірлер бойынша",
  al_by_responsible: "Жауаптылар бойынша",
  al_none_named: "көрсетілмеген",
  al_project: "Жоба",
  al_region: "Өңір",
  al_alert: "Ескерту",
  al_about: "Неге қатысты",
  al_days: "Күн",
  al_responsible: "Жауапты",
  al_empty: "Көрсетілген жобаларда кешіккен немесе сәйкес келмейтін ештеңе жоқ.",
  al_hint: "Ескертуді басыңыз: жоба сол өрісте ашылады. Тізім сүзгілерге сәйкес.",
  al_close: "Жабу",
};

export const alerts: FeatureDict<typeof en> = { en, ru, kk };
