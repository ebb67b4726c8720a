// Strings of the settings dialog in English, Russian and Kazakh; i18n.ts merges them into the
// one dictionary. What each setting means comes from Rust (SettingView.about).

import type { FeatureDict } from "./feature";

const en = {
  st_button: "Settings",
  st_title: "Settings of this map",
  st_hint: "A value is saved when you leave its box or press Enter; an empty box means the default. Alerts and periods follow at once.",
  st_group_map: "Map level",
  st_group_monitoring: "Reporting periods",
  st_group_alerts: "Alerts: how late is late",
  st_group_effectiveness: "Effectiveness of support: the methodology",
  st_group_backups: "Backups",
  st_default: "default",
  st_none: "none",
  st_reset: "Default",
  st_saved: "Setting saved",
  st_period_quarter: "quarter",
  st_period_month: "month",
  st_period_half_year: "half-year",
  st_period_year: "year",
};

const ru: Record<keyof typeof en, string> = {
  st_button: "Настройки",
  st_title: "Настройки этой карты",
  st_hint: "Значение сохраняется, когда вы покидаете поле или нажимаете Enter; пустое поле — значение по умолчанию. Сигналы и периоды пересчитываются сразу.",
  st_group_map: "Уровень карты",
  st_group_monitoring: "Отчётные периоды",
  st_group_alerts: "Сигналы: что считать просрочкой",
  st_group_effectiveness: "Эффективность поддержки: методика",
  st_group_backups: "Резервные копии",
  st_default: "по умолчанию",
  st_none: "нет",
  st_reset: "По умолчанию",
  st_saved: "Настройка сохранена",
  st_period_quarter: "квартал",
  st_period_month: "месяц",
  st_period_half_year: "полугодие",
  st_period_year: "год",
};

const kk: Record<keyof typeof en, string> = {
  st_button: "Баптаулар",
  st_title: "Осы картаның баптаулары",
  st_hint: "Мән өрістен шыққанда немесе Enter басқанда сақталады; бос өріс — әдепкі мән. Ескертулер мен кезеңдер бірден қайта есептеледі.",
  st_group_map: "Карта деңгейі",
  st_group_monitoring: "Есеп кезеңдері",
  st_group_alerts: "Ескертулер: кешігу деп нені санау",
  st_group_effectiveness: "Қолдау тиімділігі: әдістеме",
  st_group_backups: "Сақтық көшірмелер",
  st_default: "әдепкі",
  st_none: "жоқ",
  st_reset: "Әдепкі",
  st_saved: "Баптау сақталды",
  st_period_quarter: "тоқсан",
  st_period_month: "ай",
  st_period_half_year: "жарты жыл",
  st_period_year: "жыл",
};

export const settings: FeatureDict<typeof en> = { en, ru, kk };
