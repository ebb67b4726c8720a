// Every visible string in Kazakh, Russian and English, and the locale's number, money and date
// formats. `en` defines the keys; TypeScript refuses a dictionary that lacks one, and
// i18n.test.ts fails on a missing or empty entry.

import { alerts } from "./lang/alerts";
import { geo } from "./lang/geo";
import { print } from "./lang/print";
import { rules } from "./lang/rules";
import { settings } from "./lang/settings";
import { sync } from "./lang/sync";

export type Lang = "kk" | "ru" | "en";
export const LANGS: Lang[] = ["kk", "ru", "en"];

const baseEn = {
  app_title: "Industrialization map",
  lang_name: "English",
  tab_map: "Map",
  tab_table: "List",
  new_project: "New project",
  color_by: "Colour points by",
  color_status: "status",
  color_sector: "sector",
  choropleth: "Shade regions by",
  choropleth_none: "nothing",
  choropleth_count: "number of projects",
  choropleth_cost: "investment",
  choropleth_jobs: "permanent jobs",
  legend: "Legend",
  filters: "Filters",
  f_level: "Map level",
  f_region: "Region",
  f_district: "District",
  f_sector: "Sector",
  f_status: "Status",
  f_years: "Commissioning years",
  f_year_from: "from",
  f_year_to: "to",
  f_measure: "Support measure",
  f_source: "Financing source",
  f_search: "Search names, initiator, code",
  f_any: "Any",
  f_reset: "Reset filters",
  s_projects: "project|projects",
  s_cost: "investment",
  s_jobs: "permanent jobs",
  s_delayed: "delayed",
  s_financing: "Financing by source",
  col_code: "Code",
  col_name: "Name",
  col_region: "Region",
  col_sector: "Sector",
  col_status: "Status",
  col_cost: "Cost",
  col_jobs: "Jobs",
  col_cost_moved: "Cost vs approved",
  col_slip: "Slip, days",
  col_commissioning: "Commissioning",
  no_projects: "No project matches the filters.",
  other_map: "Another region's map: read-only",
  other_map_card: "On the map of {region}: shown read-only, as the ministry sent it. Only that region's akimat changes it.",
  card_edit: "Edit",
  card_variance: "Since the approved edition",
  card_as_approved: "As approved in edition",
  var_days: "days",
  card_delete: "Delete",
  card_close: "Close",
  card_initiator: "Initiator",
  card_level: "Map level",
  card_location: "Location",
  scope_ministry: "Ministry — national map",
  scope_region: "Regional map",
  sample_badge: "sample map",
  status_file: "File",
  webgl_missing: "This computer's graphics do not support WebGL 2, so the map is a static picture. The list, filters and editor work as usual.",
  map_loading: "Drawing the map…",
  start_title: "Welcome to indmap",
  start_intro: "Keep your region's or the national industrialization map on this computer. Choose how to begin:",
  start_create: "Create a new map",
  start_create_for: "For",
  start_ministry: "the ministry (national map)",
  start_path: "File",
  browse: "Browse…",
  start_create_btn: "Create",
  start_open: "Open a map file",
  start_open_btn: "Open",
  start_recent: "Recent files",
  start_no_recent: "No recent files yet.",
  start_sample: "Explore the sample map",
  start_sample_text: "300 realistic projects across all 20 regions, kept apart from your data.",
  start_sample_btn: "Open the sample",
  menu_file: "Maps",
  err_title: "Something went wrong",
  err_invalid: "Some fields need attention.",
  err_not_found: "Not found.",
  err_conflict: "This conflicts with what the map already holds.",
  err_incompatible: "This file cannot be used by this version of indmap.",
  err_io: "The file could not be read or written. Check the path and permissions.",
  err_busy: "The map is busy with another operation (an import, a restore or another window). Wait a moment and try again; nothing was changed.",
  err_internal: "An unexpected error. Please restart the app; your saved data is safe.",
  ok: "OK",
  cancel: "Cancel",
  ed_new: "New project",
  ed_edit: "Edit project",
  ed_save: "Save",
  ed_close: "Close",
  ed_undo: "Undo",
  ed_saved: "Saved",
  ed_proposed: "proposed to the owner, who decides: this map does not own those fields",
  ed_unsaved_title: "Unsaved changes",
  ed_unsaved_text: "You have changes that are not saved. Leave without saving?",
  ed_discard: "Leave without saving",
  ed_keep: "Keep editing",
  ed_warnings: "Saved with warnings:",
  ed_problems: "Please correct:",
  sec_general: "General",
  sec_location: "Location",
  sec_finance: "Cost and financing",
  sec_schedule: "Schedule",
  sec_actions: "Action plan",
  sec_support: "Support and criteria",
  sec_local: "Local content",
  sec_monitoring: "Monitoring",
  sec_acts: "Acts and notes",
  p_cost_currency: "Original currency",
  p_cost_amount: "Amount in that currency",
  p_cost_rate: "Rate, ₸ per unit",
  p_capacity_value: "Capacity",
  p_capacity_unit: "Unit",
  p_capacity_product: "Product",
  p_lon: "Longitude",
  p_lat: "Latitude",
  p_fin_sum: "Sum of financing",
  p_fin_vs_cost: "of the cost",
  p_fin_diff: "difference",
  p_add_row: "Add row",
  p_remove_row: "Remove",
  del_title: "Delete project",
  del_text: "The project is removed from the map. Its history is kept.",
  del_reason: "Reason",
  del_confirm: "Delete",
  deleted: "Deleted",
  delete_proposed: "Deletion proposed to the owner",
  r_date: "Write the date as DD.MM.YYYY.",
  r_number: "Must be a number.",
  r_financing_sum: "The financing rows do not add up to the cost.",
} as const;

// Each screen with many strings keeps them in lang/; one dictionary holds them all.
const en = { ...baseEn, ...print.en, ...sync.en, ...geo.en, ...rules.en, ...alerts.en, ...settings.en };

export type Key = keyof typeof en;
export type Dict = Record<Key, string>;

const ru: Dict = {
  ...print.ru,
  ...alerts.ru,
  ...settings.ru,
  ...sync.ru,
  ...geo.ru,
  ...rules.ru,
  app_title: "Карта индустриализации",
  lang_name: "Русский",
  tab_map: "Карта",
  tab_table: "Список",
  new_project: "Новый проект",
  color_by: "Цвет точек",
  color_status: "по статусу",
  color_sector: "по отрасли",
  choropleth: "Заливка регионов",
  choropleth_none: "нет",
  choropleth_count: "число проектов",
  choropleth_cost: "инвестиции",
  choropleth_jobs: "постоянные рабочие места",
  legend: "Легенда",
  filters: "Фильтры",
  f_level: "Уровень карты",
  f_region: "Регион",
  f_district: "Район",
  f_sector: "Отрасль",
  f_status: "Статус",
  f_years: "Годы ввода",
  f_year_from: "с",
  f_year_to: "по",
  f_measure: "Мера поддержки",
  f_source: "Источник финансирования",
  f_search: "Поиск: название, инициатор, код",
  f_any: "Любой",
  f_reset: "Сбросить фильтры",
  s_projects: "проект|проекта|проектов",
  s_cost: "инвестиции",
  s_jobs: "постоянных рабочих мест",
  s_delayed: "с отставанием",
  s_financing: "Финансирование по источникам",
  col_code: "Код",
  col_name: "Название",
  col_region: "Регион",
  col_sector: "Отрасль",
  col_status: "Статус",
  col_cost: "Стоимость",
  col_jobs: "Раб. места",
  col_cost_moved: "Стоимость к утверждённой",
  col_slip: "Сдвиг ввода, дн.",
  col_commissioning: "Ввод",
  no_projects: "Нет проектов, подходящих под фильтры.",
  other_map: "Карта другого региона: только просмотр",
  other_map_card: "На карте региона «{region}»: показан только для просмотра, как его прислало министерство. Изменяет его только акимат этого региона.",
  card_edit: "Изменить",
  card_variance: "С утверждённой редакции",
  card_as_approved: "Как утверждено в редакции",
  var_days: "дн.",
  card_delete: "Удалить",
  card_close: "Закрыть",
  card_initiator: "Инициатор",
  card_level: "Уровень карты",
  card_location: "Расположение",
  scope_ministry: "Министерство — республиканская карта",
  scope_region: "Региональная карта",
  sample_badge: "демонстрационная карта",
  status_file: "Файл",
  webgl_missing: "Графика этого компьютера не поддерживает WebGL 2, поэтому карта показана статичной картинкой. Список, фильтры и редактор работают как обычно.",
  map_loading: "Карта рисуется…",
  start_title: "Добро пожаловать в indmap",
  start_intro: "Ведите карту индустриализации региона или республики на этом компьютере. С чего начать:",
  start_create: "Создать новую карту",
  start_create_for: "Для",
  start_ministry: "министерства (республиканская карта)",
  start_path: "Файл",
  browse: "Обзор…",
  start_create_btn: "Создать",
  start_open: "Открыть файл карты",
  start_open_btn: "Открыть",
  start_recent: "Недавние файлы",
  start_no_recent: "Недавних файлов пока нет.",
  start_sample: "Посмотреть демонстрационную карту",
  start_sample_text: "300 реалистичных проектов во всех 20 регионах, отдельно от ваших данных.",
  start_sample_btn: "Открыть демонстрацию",
  menu_file: "Карты",
  err_title: "Что-то пошло не так",
  err_invalid: "Проверьте отмеченные поля.",
  err_not_found: "Не найдено.",
  err_conflict: "Это противоречит данным, которые уже есть в карте.",
  err_incompatible: "Этот файл не подходит для данной версии indmap.",
  err_io: "Файл не удалось прочитать или записать. Проверьте путь и права доступа.",
  err_busy: "Карта занята другой операцией (импорт, восстановление или другое окно). Подождите немного и повторите; ничего не изменено.",
  err_internal: "Непредвиденная ошибка. Перезапустите приложение; сохранённые данные не пострадали.",
  ok: "ОК",
  cancel: "Отмена",
  ed_new: "Новый проект",
  ed_edit: "Изменение проекта",
  ed_save: "Сохранить",
  ed_close: "Закрыть",
  ed_undo: "Отменить",
  ed_saved: "Сохранено",
  ed_proposed: "предложено владельцу, решает он: эти поля не принадлежат этой карте",
  ed_unsaved_title: "Несохранённые изменения",
  ed_unsaved_text: "Есть несохранённые изменения. Выйти без сохранения?",
  ed_discard: "Выйти без сохранения",
  ed_keep: "Продолжить правку",
  ed_warnings: "Сохранено с предупреждениями:",
  ed_problems: "Исправьте, пожалуйста:",
  sec_general: "Общие сведения",
  sec_location: "Расположение",
  sec_finance: "Стоимость и финансирование",
  sec_schedule: "График",
  sec_actions: "План мероприятий",
  sec_support: "Поддержка и критерии",
  sec_local: "Местное содержание",
  sec_monitoring: "Мониторинг",
  sec_acts: "Акты и примечания",
  p_cost_currency: "Исходная валюта",
  p_cost_amount: "Сумма в валюте",
  p_cost_rate: "Курс, ₸ за единицу",
  p_capacity_value: "Мощность",
  p_capacity_unit: "Единица",
  p_capacity_product: "Продукция",
  p_lon: "Долгота",
  p_lat: "Широта",
  p_fin_sum: "Сумма финансирования",
  p_fin_vs_cost: "от стоимости",
  p_fin_diff: "разница",
  p_add_row: "Добавить строку",
  p_remove_row: "Удалить",
  del_title: "Удаление проекта",
  del_text: "Проект будет убран с карты. История изменений сохранится.",
  del_reason: "Причина",
  del_confirm: "Удалить",
  deleted: "Удалено",
  delete_proposed: "Удаление предложено владельцу",
  r_date: "Введите дату в виде ДД.ММ.ГГГГ.",
  r_number: "Должно быть числом.",
  r_financing_sum: "Строки финансирования не сходятся со стоимостью.",
};

const kk: Dict = {
  ...print.kk,
  ...alerts.kk,
  ...settings.kk,
  ...sync.kk,
  ...geo.kk,
  ...rules.kk,
  app_title: "Индустрияландыру картасы",
  lang_name: "Қазақша",
  tab_map: "Карта",
  tab_table: "Тізім",
  new_project: "Жаңа жоба",
  color_by: "Нүкте түсі",
  color_status: "мәртебе бойынша",
  color_sector: "сала бойынша",
  choropleth: "Өңірлерді бояу",
  choropleth_none: "жоқ",
  choropleth_count: "жобалар саны",
  choropleth_cost: "инвестициялар",
  choropleth_jobs: "тұрақты жұмыс орындары",
  legend: "Шартты белгілер",
  filters: "Сүзгілер",
  f_level: "Карта деңгейі",
  f_region: "Өңір",
  f_district: "Аудан",
  f_sector: "Сала",
  f_status: "Мәртебе",
  f_years: "Іске қосу жылдары",
  f_year_from: "бастап",
  f_year_to: "дейін",
  f_measure: "Қолдау шарасы",
  f_source: "Қаржыландыру көзі",
  f_search: "Іздеу: атауы, бастамашы, коды",
  f_any: "Кез келген",
  f_reset: "Сүзгілерді тазарту",
  s_projects: "жоба",
  s_cost: "инвестиция",
  s_jobs: "тұрақты жұмыс орны",
  s_delayed: "кешігуде",
  s_financing: "Көздер бойынша қаржыландыру",
  col_code: "Коды",
  col_name: "Атауы",
  col_region: "Өңір",
  col_sector: "Сала",
  col_status: "Мәртебе",
  col_cost: "Құны",
  col_jobs: "Жұмыс орны",
  col_cost_moved: "Құн бекітілгенге қарай",
  col_slip: "Іске қосу ығысуы, күн",
  col_commissioning: "Іске қосу",
  no_projects: "Сүзгілерге сай жоба жоқ.",
  other_map: "Басқа өңірдің картасы: тек қарау",
  other_map_card: "«{region}» картасында: министрлік жібергендей, тек қарау үшін көрсетіледі. Оны тек сол өңірдің әкімдігі өзгертеді.",
  card_edit: "Өзгерту",
  card_variance: "Бекітілген редакциядан бері",
  card_as_approved: "Бекітілгендей, редакция",
  var_days: "күн",
  card_delete: "Жою",
  card_close: "Жабу",
  card_initiator: "Бастамашы",
  card_level: "Карта деңгейі",
  card_location: "Орналасуы",
  scope_ministry: "Министрлік — республикалық карта",
  scope_region: "Өңірлік карта",
  sample_badge: "үлгі карта",
  status_file: "Файл",
  webgl_missing: "Бұл компьютердің графикасы WebGL 2 қолдамайды, сондықтан карта тұрақты сурет ретінде көрсетілген. Тізім, сүзгілер мен редактор әдеттегідей жұмыс істейді.",
  map_loading: "Карта сызылуда…",
  start_title: "indmap-қа қош келдіңіз",
  start_intro: "Өңірдің немесе республиканың индустрияландыру картасын осы компьютерде жүргізіңіз. Неден бастаймыз:",
  start_create: "Жаңа карта құру",
  start_create_for: "Кімге",
  start_ministry: "министрлікке (республикалық карта)",
  start_path: "Файл",
  browse: "Шолу…",
  start_create_btn: "Құру",
  start_open: "Карта файлын ашу",
  start_open_btn: "Ашу",
  start_recent: "Соңғы файлдар",
  start_no_recent: "Әзірге соңғы файлдар жоқ.",
  start_sample: "Үлгі картаны қарау",
  start_sample_text: "Барлық 20 өңірдегі 300 шынайы жоба, сіздің деректеріңізден бөлек сақталады.",
  start_sample_btn: "Үлгіні ашу",
  menu_file: "Карталар",
  err_title: "Бірдеңе дұрыс болмады",
  err_invalid: "Белгіленген өрістерді тексеріңіз.",
  err_not_found: "Табылмады.",
  err_conflict: "Бұл картадағы бар деректерге қайшы келеді.",
  err_incompatible: "Бұл файл indmap-тың осы нұсқасына сәйкес келмейді.",
  err_io: "Файлды оқу не жазу мүмкін болмады. Жолы мен рұқсаттарды тексеріңіз.",
  err_busy: "Карта басқа әрекетпен бос емес (импорт, қалпына келтіру немесе басқа терезе). Біраз күтіп, қайталаңыз; ештеңе өзгерген жоқ.",
  err_internal: "Күтпеген қате. Қолданбаны қайта іске қосыңыз; сақталған деректер зақымдалған жоқ.",
  ok: "Жарайды",
  cancel: "Болдырмау",
  ed_new: "Жаңа жоба",
  ed_edit: "Жобаны өзгерту",
  ed_save: "Сақтау",
  ed_close: "Жабу",
  ed_undo: "Болдырмау",
  ed_saved: "Сақталды",
  ed_proposed: "иесіне ұсынылды, шешімді ол қабылдайды: бұл өрістер осы картаға тиесілі емес",
  ed_unsaved_title: "Сақталмаған өзгерістер",
  ed_unsaved_text: "Сақталмаған өзгерістер бар. Сақтамай шығасыз ба?",
  ed_discard: "Сақтамай шығу",
  ed_keep: "Өңдеуді жалғастыру",
  ed_warnings: "Ескертулермен сақталды:",
  ed_problems: "Түзетіңіз:",
  sec_general: "Жалпы мәліметтер",
  sec_location: "Орналасуы",
  sec_finance: "Құны және қаржыландыру",
  sec_schedule: "Кесте",
  sec_actions: "Іс-шаралар жоспары",
  sec_support: "Қолдау және өлшемшарттар",
  sec_local: "Жергілікті қамту",
  sec_monitoring: "Мониторинг",
  sec_acts: "Актілер мен ескертпелер",
  p_cost_currency: "Бастапқы валюта",
  p_cost_amount: "Валютадағы сомасы",
  p_cost_rate: "Бағам, бірлігіне ₸",
  p_capacity_value: "Қуаты",
  p_capacity_unit: "Өлшем бірлігі",
  p_capacity_product: "Өнім",
  p_lon: "Бойлық",
  p_lat: "Ендік",
  p_fin_sum: "Қаржыландыру сомасы",
  p_fin_vs_cost: "құнынан",
  p_fin_diff: "айырмасы",
  p_add_row: "Жол қосу",
  p_remove_row: "Жою",
  del_title: "Жобаны жою",
  del_text: "Жоба картадан алынады. Өзгерістер тарихы сақталады.",
  del_reason: "Себебі",
  del_confirm: "Жою",
  deleted: "Жойылды",
  delete_proposed: "Жою иесіне ұсынылды",
  r_date: "Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз.",
  r_number: "Сан болуы керек.",
  r_financing_sum: "Қаржыландыру жолдары құнмен сәйкес келмейді.",
};

export const DICTS: Record<Lang, Dict> = { kk, ru, en };

let current: Lang = "ru";

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: Key): string {
  return DICTS[current][key] || en[key];
}

/**
 * The form of a counted noun that goes with `n` ("1 проект", "2 проекта", "5 проектов"). Its
 * entry holds the forms split by "|": English one|other, Russian one|few|many; Kazakh keeps the
 * singular after a numeral ("5 жоба"), so one form.
 */
export function counted(n: number, key: Key, l: Lang = current): string {
  const forms = (DICTS[l][key] || en[key]).split("|");
  if (forms.length === 1) return forms[0];
  const order = l === "ru" ? ["one", "few", "many"] : ["one", "other"];
  const i = order.indexOf(new Intl.PluralRules(l).select(n));
  return forms[i >= 0 ? i : forms.length - 1];
}

export function isLang(x: unknown): x is Lang {
  return x === "kk" || x === "ru" || x === "en";
}

/** A label from reference data ({kk, ru, en}) in the current language. */
export function pick(label: { kk: string; ru: string; en: string } | undefined | null, l: Lang = current): string {
  if (!label) return "";
  return label[l] || label.ru || label.en || label.kk;
}

// ---- formats -------------------------------------------------------------------------------

const GROUP = " ";

/** 1234.5 → "1 234,5" (kk, ru) or "1 234.5" (en): space between thousands. */
export function formatNumber(value: number, digits = 0, l: Lang = current): string {
  if (!Number.isFinite(value)) return "—";
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, frac] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
  const sign = value < 0 && Number(fixed) !== 0 ? "−" : "";
  return sign + grouped + (frac ? (l === "en" ? "." : ",") + frac : "");
}

/** Tiyn (what the API counts money in, exactly) to tenge, only to show it. */
export function tenge(tiyn: number): number;
export function tenge(tiyn: number | null): number | null;
export function tenge(tiyn: number | null): number | null {
  return tiyn === null ? null : tiyn / 100;
}

/** Money in tenge, in millions or billions: "1 234,5 млн ₸", "12,6 млрд ₸", "12.6 bn KZT". */
export function formatMoney(kzt: number | null | undefined, l: Lang = current): string {
  if (kzt === null || kzt === undefined || !Number.isFinite(kzt)) return "—";
  const units = {
    kk: { mln: "млн ₸", bn: "млрд ₸", trn: "трлн ₸" },
    ru: { mln: "млн ₸", bn: "млрд ₸", trn: "трлн ₸" },
    en: { mln: "mln KZT", bn: "bn KZT", trn: "trn KZT" },
  }[l];
  const abs = Math.abs(kzt);
  if (abs >= 1e12) return `${formatNumber(kzt / 1e12, 2, l)} ${units.trn}`;
  if (abs >= 1e9) return `${formatNumber(kzt / 1e9, 1, l)} ${units.bn}`;
  return `${formatNumber(kzt / 1e6, 1, l)} ${units.mln}`;
}

/** "2026-03-01" → "01.03.2026". Anything else is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** "01.03.2026" (or "2026-03-01") → "2026-03-01"; empty → null; anything else → undefined. */
export function parseDate(text: string): string | null | undefined {
  const s = text.trim();
  if (!s) return null;
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
    return `${m[3]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return parseDate(`${m[3]}.${m[2]}.${m[1]}`);
  return undefined;
}

/** "1 234,5" or "1234.5" → 1234.5; empty → null; not a number → undefined. */
export function parseNumber(text: string): number | null | undefined {
  const s = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!s) return null;
  if (!/^[-−]?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s.replace("−", "-"));
}
