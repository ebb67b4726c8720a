// Made from the schema in crates/indmap-core/src/project.rs; do not edit.

export type ProjectProperties = { id: string | null, code: string | null, name_kk: string, name_ru: string, name_en: string | null, region: string, district: string | null, settlement: string | null, zone: string | null, level: string, status: string, sector: string | null, oked: string | null, initiator: string | null, initiator_bin: string | null, cost_kzt: number | null, cost_original: { currency: string, amount: number, rate: number } | null, capacity: { value: number, unit: string, product: string | null } | null, jobs_construction: number | null, jobs_permanent: number | null, start_date: string | null, commissioning_planned: string | null, commissioning_actual: string | null, design_capacity_date: string | null, criteria: Array<string>, local_content_labour_pct: number | null, local_content_goods_pct: number | null, local_content_expertise_date: string | null, local_content_expertise_ref: string | null, responsible_body: string | null, responsible_person: string | null, inclusion_act: string | null, inclusion_date: string | null, exclusion_act: string | null, exclusion_date: string | null, exclusion_reason: string | null, problems: string | null, notes: string | null, financing: Array<FinancingProperties>, milestones: Array<MilestoneProperties>, actions: Array<ActionProperties>, support_measures: Array<SupportProperties>, monitoring: Array<MonitoringProperties> };

export type FinancingProperties = { id: string | null, source: string, amount_kzt: number, year: number, status: string, note: string | null };

export type MilestoneProperties = { id: string | null, name: string, planned: string | null, actual: string | null };

export type ActionProperties = { id: string | null, title: string, responsible: string | null, due: string | null, status: string, done: string | null, note: string | null };

export type SupportProperties = { id: string | null, measure: number, year: number | null, amount_kzt: number | null, note: string | null };

export type MonitoringProperties = { id: string | null, period: string, investment_kzt: number | null, progress_pct: number | null, jobs_created: number | null, output_kzt: number | null, output_natural: number | null, exports_usd: number | null, utilisation_pct: number | null, taxes_kzt: number | null, local_content_pct: number | null, status: string | null, comment: string | null, reported_by: string | null, reported_on: string | null };

export type FieldKind = "text" | "code" | "date" | "money" | "count" | "year" | "number" | "structured";

export interface FieldInfo {
  name: string;
  entity: string;
  kind: FieldKind;
  label_kk: string;
  label_ru: string;
  label_en: string;
  /** What a new record holds in the field. */
  blank: unknown;
}

/** Each kind of record with its label: the project, and each list of its rows. */
export const ENTITIES: readonly { entity: string; label: { kk: string; ru: string; en: string } }[] = [
  { "entity": "project", "label": {"kk":"Жоба","ru":"Проект","en":"Project"} },
  { "entity": "financing", "label": {"kk":"Қаржыландыру жоспары","ru":"План финансирования","en":"Financing plan"} },
  { "entity": "milestones", "label": {"kk":"Кезеңдер","ru":"Этапы","en":"Milestones"} },
  { "entity": "actions", "label": {"kk":"Іс-шаралар","ru":"Мероприятия","en":"Action plan items"} },
  { "entity": "support_measures", "label": {"kk":"Алынған қолдау шаралары (20-бап 2-т.)","ru":"Полученные меры поддержки (ст. 20 п. 2)","en":"Support measures received (Art. 20 p.2)"} },
  { "entity": "monitoring", "label": {"kk":"Мониторинг есептері","ru":"Отчёты мониторинга","en":"Monitoring reports"} },
];

/** Every field of every record, as the schema describes it. */
export const FIELDS: readonly FieldInfo[] = [
  {"blank":null,"entity":"project","kind":"text","label_en":"Code","label_kk":"Коды","label_ru":"Код","name":"code"},
  {"blank":"","entity":"project","kind":"text","label_en":"Name (kk)","label_kk":"Атауы (қаз.)","label_ru":"Наименование (каз.)","name":"name_kk"},
  {"blank":"","entity":"project","kind":"text","label_en":"Name (ru)","label_kk":"Атауы (орыс.)","label_ru":"Наименование (рус.)","name":"name_ru"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Name (en)","label_kk":"Атауы (ағыл.)","label_ru":"Наименование (англ.)","name":"name_en"},
  {"blank":"","entity":"project","kind":"code","label_en":"Region","label_kk":"Өңір","label_ru":"Регион","name":"region"},
  {"blank":null,"entity":"project","kind":"text","label_en":"District","label_kk":"Аудан","label_ru":"Район","name":"district"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Settlement","label_kk":"Елді мекен","label_ru":"Населённый пункт","name":"settlement"},
  {"blank":null,"entity":"project","kind":"text","label_en":"SEZ or industrial zone","label_kk":"АЭА немесе индустриялық аймақ","label_ru":"СЭЗ или индустриальная зона","name":"zone"},
  {"blank":"regional","entity":"project","kind":"code","label_en":"Map level","label_kk":"Карта деңгейі","label_ru":"Уровень карты","name":"level"},
  {"blank":"candidate","entity":"project","kind":"code","label_en":"Status","label_kk":"Мәртебесі","label_ru":"Статус","name":"status"},
  {"blank":null,"entity":"project","kind":"code","label_en":"Sector","label_kk":"Сала","label_ru":"Отрасль","name":"sector"},
  {"blank":null,"entity":"project","kind":"text","label_en":"OKED code","label_kk":"ЭҚЖЖ коды","label_ru":"Код ОКЭД","name":"oked"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Initiator (company)","label_kk":"Бастамашы (компания)","label_ru":"Инициатор (компания)","name":"initiator"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Initiator's BIN","label_kk":"Бастамашының БСН","label_ru":"БИН инициатора","name":"initiator_bin"},
  {"blank":null,"entity":"project","kind":"money","label_en":"Total cost","label_kk":"Жалпы құны","label_ru":"Общая стоимость","name":"cost_kzt"},
  {"blank":null,"entity":"project","kind":"structured","label_en":"Cost in the original currency","label_kk":"Бастапқы валютадағы құны","label_ru":"Стоимость в исходной валюте","name":"cost_original"},
  {"blank":null,"entity":"project","kind":"structured","label_en":"Design capacity","label_kk":"Жобалық қуаты","label_ru":"Проектная мощность","name":"capacity"},
  {"blank":null,"entity":"project","kind":"count","label_en":"Jobs during construction","label_kk":"Құрылыс кезіндегі жұмыс орны","label_ru":"Рабочие места на стройке","name":"jobs_construction"},
  {"blank":null,"entity":"project","kind":"count","label_en":"Permanent jobs","label_kk":"Тұрақты жұмыс орны","label_ru":"Постоянные рабочие места","name":"jobs_permanent"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Start","label_kk":"Басталуы","label_ru":"Начало","name":"start_date"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Commissioning, planned","label_kk":"Іске қосу, жоспар","label_ru":"Ввод, план","name":"commissioning_planned"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Commissioning, actual","label_kk":"Іске қосу, нақты","label_ru":"Ввод, факт","name":"commissioning_actual"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Design capacity reached","label_kk":"Жобалық қуатқа шығу","label_ru":"Выход на проектную мощность","name":"design_capacity_date"},
  {"blank":[],"entity":"project","kind":"structured","label_en":"Criteria (Art. 20 p.6)","label_kk":"Өлшемшарттар (20-бап 6-т.)","label_ru":"Критерии (ст. 20 п. 6)","name":"criteria"},
  {"blank":null,"entity":"project","kind":"number","label_en":"Local labour, %","label_kk":"Жергілікті кадрлар, %","label_ru":"Местные кадры, %","name":"local_content_labour_pct"},
  {"blank":null,"entity":"project","kind":"number","label_en":"Local goods, works, services, %","label_kk":"Жергілікті тауарлар, жұмыстар, қызметтер, %","label_ru":"Местные товары, работы, услуги, %","name":"local_content_goods_pct"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Local content expertise date","label_kk":"Жергілікті қамту сараптамасының күні","label_ru":"Дата экспертизы местного содержания","name":"local_content_expertise_date"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Local content expertise reference","label_kk":"Жергілікті қамту сараптамасының нөмірі","label_ru":"Номер экспертизы местного содержания","name":"local_content_expertise_ref"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Responsible body","label_kk":"Жауапты орган","label_ru":"Ответственный орган","name":"responsible_body"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Responsible person","label_kk":"Жауапты тұлға","label_ru":"Ответственное лицо","name":"responsible_person"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Inclusion act","label_kk":"Енгізу туралы акт","label_ru":"Акт о включении","name":"inclusion_act"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Inclusion date","label_kk":"Енгізу күні","label_ru":"Дата включения","name":"inclusion_date"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Exclusion act","label_kk":"Шығару туралы акт","label_ru":"Акт об исключении","name":"exclusion_act"},
  {"blank":null,"entity":"project","kind":"date","label_en":"Exclusion date","label_kk":"Шығару күні","label_ru":"Дата исключения","name":"exclusion_date"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Exclusion reason","label_kk":"Шығару себебі","label_ru":"Причина исключения","name":"exclusion_reason"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Problems","label_kk":"Проблемалар","label_ru":"Проблемы","name":"problems"},
  {"blank":null,"entity":"project","kind":"text","label_en":"Notes","label_kk":"Ескертпелер","label_ru":"Примечания","name":"notes"},
  {"blank":"","entity":"financing","kind":"code","label_en":"Source","label_kk":"Көзі","label_ru":"Источник","name":"source"},
  {"blank":0,"entity":"financing","kind":"money","label_en":"Amount","label_kk":"Сомасы","label_ru":"Сумма","name":"amount_kzt"},
  {"blank":0,"entity":"financing","kind":"year","label_en":"Year","label_kk":"Жылы","label_ru":"Год","name":"year"},
  {"blank":"planned","entity":"financing","kind":"code","label_en":"Status","label_kk":"Мәртебесі","label_ru":"Статус","name":"status"},
  {"blank":null,"entity":"financing","kind":"text","label_en":"Note","label_kk":"Ескертпе","label_ru":"Примечание","name":"note"},
  {"blank":"","entity":"milestones","kind":"text","label_en":"Milestone","label_kk":"Кезең","label_ru":"Этап","name":"name"},
  {"blank":null,"entity":"milestones","kind":"date","label_en":"Planned","label_kk":"Жоспар","label_ru":"План","name":"planned"},
  {"blank":null,"entity":"milestones","kind":"date","label_en":"Actual","label_kk":"Нақты","label_ru":"Факт","name":"actual"},
  {"blank":"","entity":"actions","kind":"text","label_en":"What","label_kk":"Не істеу керек","label_ru":"Что сделать","name":"title"},
  {"blank":null,"entity":"actions","kind":"text","label_en":"Responsible","label_kk":"Жауапты","label_ru":"Ответственный","name":"responsible"},
  {"blank":null,"entity":"actions","kind":"date","label_en":"Due","label_kk":"Мерзімі","label_ru":"Срок","name":"due"},
  {"blank":"planned","entity":"actions","kind":"code","label_en":"Status","label_kk":"Мәртебесі","label_ru":"Статус","name":"status"},
  {"blank":null,"entity":"actions","kind":"date","label_en":"Done on","label_kk":"Орындалған күні","label_ru":"Исполнено","name":"done"},
  {"blank":null,"entity":"actions","kind":"text","label_en":"Note","label_kk":"Ескертпе","label_ru":"Примечание","name":"note"},
  {"blank":0,"entity":"support_measures","kind":"count","label_en":"Measure","label_kk":"Шара","label_ru":"Мера","name":"measure"},
  {"blank":null,"entity":"support_measures","kind":"year","label_en":"Year","label_kk":"Жылы","label_ru":"Год","name":"year"},
  {"blank":null,"entity":"support_measures","kind":"money","label_en":"Amount","label_kk":"Сомасы","label_ru":"Сумма","name":"amount_kzt"},
  {"blank":null,"entity":"support_measures","kind":"text","label_en":"Note","label_kk":"Ескертпе","label_ru":"Примечание","name":"note"},
  {"blank":"","entity":"monitoring","kind":"text","label_en":"Period","label_kk":"Кезең","label_ru":"Период","name":"period"},
  {"blank":null,"entity":"monitoring","kind":"money","label_en":"Invested to date","label_kk":"Игерілгені","label_ru":"Освоено на дату","name":"investment_kzt"},
  {"blank":null,"entity":"monitoring","kind":"number","label_en":"Progress, %","label_kk":"Дайындығы, %","label_ru":"Готовность, %","name":"progress_pct"},
  {"blank":null,"entity":"monitoring","kind":"count","label_en":"Jobs created","label_kk":"Құрылған жұмыс орны","label_ru":"Создано рабочих мест","name":"jobs_created"},
  {"blank":null,"entity":"monitoring","kind":"money","label_en":"Output","label_kk":"Өнім көлемі","label_ru":"Выпуск","name":"output_kzt"},
  {"blank":null,"entity":"monitoring","kind":"number","label_en":"Output in kind","label_kk":"Заттай өнім","label_ru":"Выпуск в натуральном выражении","name":"output_natural"},
  {"blank":null,"entity":"monitoring","kind":"number","label_en":"Exports, USD","label_kk":"Экспорт, USD","label_ru":"Экспорт, USD","name":"exports_usd"},
  {"blank":null,"entity":"monitoring","kind":"number","label_en":"Utilisation, %","label_kk":"Қуат жүктемесі, %","label_ru":"Загрузка мощности, %","name":"utilisation_pct"},
  {"blank":null,"entity":"monitoring","kind":"money","label_en":"Taxes","label_kk":"Салықтар","label_ru":"Налоги","name":"taxes_kzt"},
  {"blank":null,"entity":"monitoring","kind":"number","label_en":"Local content, %","label_kk":"Жергілікті қамту, %","label_ru":"Местное содержание, %","name":"local_content_pct"},
  {"blank":null,"entity":"monitoring","kind":"code","label_en":"Status","label_kk":"Мәртебе","label_ru":"Статус","name":"status"},
  {"blank":null,"entity":"monitoring","kind":"text","label_en":"Comment","label_kk":"Түсініктеме","label_ru":"Комментарий","name":"comment"},
  {"blank":null,"entity":"monitoring","kind":"text","label_en":"Reported by","label_kk":"Кім хабарлады","label_ru":"Кто сообщил","name":"reported_by"},
  {"blank":null,"entity":"monitoring","kind":"date","label_en":"Reported on","label_kk":"Есеп күні","label_ru":"Дата отчёта","name":"reported_on"},
];
