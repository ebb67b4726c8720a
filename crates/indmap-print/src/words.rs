//! The word catalogue: every word a printout prints of its own (legend, scale, page numbers,
//! the merge bill's headings...), in kk, ru and en. Reference data (statuses, sectors, regions)
//! and the schema's fields carry their own labels in indmap-core.

use crate::lang::Lang;

macro_rules! words {
    ($($key:ident => $kk:literal, $ru:literal, $en:literal;)+) => {
        /// A word or phrase printed on a page.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Word { $($key),+ }

        impl Word {
            pub const ALL: &'static [Word] = &[$(Word::$key),+];

            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Word::$key => lang.of($kk, $ru, $en)),+ }
            }
        }
    };
}

words! {
    MapTitle => "Индустрияландыру картасы", "Карта индустриализации", "Industrialization map";
    AtlasTitle => "Индустрияландыру картасының атласы", "Атлас карты индустриализации", "Industrialization map atlas";
    PassportTitle => "Жоба паспорты", "Паспорт проекта", "Project passport";
    Kazakhstan => "Қазақстан Республикасы", "Республика Казахстан", "Republic of Kazakhstan";
    AllLevels => "республикалық және өңірлік карталар", "республиканская и региональные карты", "republican and regional maps";
    Level => "Карта деңгейі", "Уровень карты", "Map level";
    Filters => "Сүзгілер", "Фильтры", "Filters";
    NoFilters => "сүзгісіз", "без фильтров", "no filters";
    AsOf => "жағдай бойынша", "по состоянию на", "as of";
    AsApproved => "Бекітілген редакция", "Утверждённая редакция", "As approved";
    ActOf => "ж.", "от", "of";
    Variance => "Бекітілген жоспардан ауытқу", "Отклонение от утверждённого плана", "Variance from the approved plan";
    AsApprovedShort => "Бекітілгені", "Утверждено", "Approved";
    NowValue => "Қазір", "Сейчас", "Now";
    Difference => "Айырма", "Разница", "Difference";
    Days => "күн", "дн.", "days";
    AsApprovedAll => "Жоспар бекітілгендей", "План соответствует утверждённому", "The plan is as approved";
    Legend => "Шартты белгілер", "Условные обозначения", "Legend";
    ByStatus => "Мәртебесі бойынша", "По статусу", "By status";
    BySector => "Салалар бойынша", "По отраслям", "By sector";
    NoSector => "Сала көрсетілмеген", "Отрасль не указана", "Sector not given";
    Projects => "Жобалар", "Проекты", "Projects";
    ProjectsCount => "жоба", "проектов", "projects";
    NoProjects => "Таңдалған сүзгілер бойынша жобалар жоқ", "Нет проектов по выбранным фильтрам", "No projects match the filters";
    Scale => "Масштаб", "Масштаб", "Scale";
    ScaleNote => "масштаб ендікте дұрыс", "масштаб верен на широте", "scale true at latitude";
    Projection => "Тең аралықты цилиндрлік проекция", "Равнопромежуточная цилиндрическая проекция", "Equidistant cylindrical projection";
    Km => "км", "км", "km";
    North => "С", "С", "N";
    Page => "Бет", "Страница", "Page";
    Of => "/", "из", "of";
    Printed => "Басылған күні", "Дата печати", "Printed";
    Database => "Дерекқор", "База данных", "Database";
    ContentHash => "Мазмұн хэші", "Хэш содержимого", "Content hash";
    LabelsOmitted => "жазулар орын жетпегендіктен көрсетілмеген", "подписей не показано из-за нехватки места", "labels omitted for lack of space";
    Code => "Коды", "Код", "Code";
    Name => "Атауы", "Наименование", "Name";
    Initiator => "Бастамашы", "Инициатор", "Initiator";
    Cost => "Құны", "Стоимость", "Cost";
    Jobs => "Жұмыс орындары", "Рабочие места", "Jobs";
    JobsShort => "Жұм. орын", "Раб. места", "Jobs";
    Year => "Жылы", "Год", "Year";
    Commissioning => "Іске қосу", "Ввод", "Commissioning";
    Status => "Мәртебесі", "Статус", "Status";
    Total => "Барлығы", "Итого", "Total";
    Continued => "жалғасы", "продолжение", "continued";
    Overview => "Жалпы шолу", "Общий обзор", "Overview";
    Region => "Өңір", "Регион", "Region";
    Sector => "Сала", "Отрасль", "Sector";
    Location => "Орналасқан жері", "Местоположение", "Location";
    KeyFacts => "Негізгі мәліметтер", "Основные сведения", "Key facts";
    BinLabel => "БСН", "БИН", "BIN";
    Capacity => "Қуаты", "Мощность", "Capacity";
    JobsConstruction => "Құрылыс кезіндегі жұмыс орындары", "Рабочие места при строительстве", "Jobs during construction";
    JobsPermanent => "Тұрақты жұмыс орындары", "Постоянные рабочие места", "Permanent jobs";
    Start => "Басталуы", "Начало", "Start";
    PlannedCommissioning => "Жоспарлы іске қосу", "Плановый ввод", "Planned commissioning";
    ActualCommissioning => "Нақты іске қосу", "Фактический ввод", "Actual commissioning";
    LocalContent => "Жергілікті қамту (еңбек / тауарлар)", "Местное содержание (труд / товары)", "Local content (labour / goods)";
    Criteria => "Критерийлер", "Критерии", "Criteria";
    ResponsibleBody => "Жауапты орган", "Ответственный орган", "Responsible body";
    Inclusion => "Картаға енгізу", "Включение в карту", "Inclusion";
    Financing => "Қаржыландыру", "Финансирование", "Financing";
    Source => "Көзі", "Источник", "Source";
    Schedule => "Іске асыру кестесі", "График реализации", "Implementation schedule";
    Planned => "Жоспар", "План", "Planned";
    Actual => "Нақты", "Факт", "Actual";
    ActionPlan => "Іс-шаралар жоспары", "План мероприятий", "Action plan";
    Action => "Іс-шара", "Мероприятие", "Action";
    Responsible => "Жауапты", "Ответственный", "Responsible";
    Due => "Мерзімі", "Срок", "Due";
    SupportMeasures => "Мемлекеттік қолдау шаралары", "Меры государственной поддержки", "State support measures";
    Measure => "Шара", "Мера", "Measure";
    Amount => "Сомасы", "Сумма", "Amount";
    Note => "Ескертпе", "Примечание", "Note";
    Monitoring => "Мониторинг: жоспар және нақты", "Мониторинг: план и факт", "Monitoring: plan and actual";
    Period => "Кезең", "Период", "Period";
    InvestmentPlan => "Инвестициялар, жоспар (жинақталған)", "Инвестиции, план (нарастающим итогом)", "Investment, plan (cumulative)";
    InvestmentActual => "Инвестициялар, нақты (жинақталған)", "Инвестиции, факт (нарастающим итогом)", "Investment, actual (cumulative)";
    Problems => "Мәселелер", "Проблемы", "Problems";
    NoData => "деректер жоқ", "нет данных", "no data";
    MlnKzt => "млн ₸", "млн ₸", "mln KZT";
    BnKzt => "млрд ₸", "млрд ₸", "bn KZT";
    FinancingBySource => "Қаржыландыру көздері бойынша", "Финансирование по источникам", "Financing by source";
    FinancingByYear => "Қаржыландыру жылдар бойынша", "Финансирование по годам", "Financing by year";
    ProjectsByStatus => "Жобалар мәртебесі бойынша", "Проекты по статусам", "Projects by status";
    ProjectsBySector => "Жобалар салалар бойынша", "Проекты по отраслям", "Projects by sector";
    ProjectsByRegion => "Жобалар өңірлер бойынша", "Проекты по регионам", "Projects by region";
    InvestmentByRegion => "Инвестициялар өңірлер бойынша", "Инвестиции по регионам", "Investment by region";
    JobsByRegion => "Жұмыс орындары өңірлер бойынша", "Рабочие места по регионам", "Jobs by region";
    Summary => "Жиынтық", "Сводка", "Summary";
    Search => "Іздеу", "Поиск", "Search";
    WholeProject => "Жоба толығымен", "Проект в целом", "Whole project";
    AllProjects => "барлық жобалар", "все проекты", "all projects";
    TotalCost => "Жалпы құны", "Общая стоимость", "Total cost";
    Date => "Күні", "Дата", "Date";
    NameAndSignature => "(аты-жөні, қолы)", "(Ф. И. О., подпись)", "(name, signature)";
    WithoutLocation => "орны көрсетілмеген (картада жоқ)", "без местоположения (не на карте)", "without a location (not on the map)";
    District => "Аудан", "Район", "District";
    SupportMeasure => "Қолдау шарасы", "Мера поддержки", "Support measure";
    FinancingSource => "Қаржыландыру көзі", "Источник финансирования", "Financing source";
    // The schedule chart.
    GanttTitle => "Жобалар кестесі: жоспар мен нақты", "График проектов: план и факт", "Project schedule: planned and actual";
    GanttCut => "Алғашқы жобалар ғана көрсетілген; сүзгілерді тарылтыңыз", "Показаны только первые проекты; сузьте фильтры", "Only the first projects are shown; narrow the filters";
    Milestone => "Кезең", "Этап", "Milestone";
    Overdue => "Мерзімі өтті", "Просрочено", "Overdue";
    Today => "Бүгін", "Сегодня", "Today";
    // The dashboard.
    DashboardTitle => "Жоспар мен нақты: жиынтық көрсеткіштер", "План и факт: сводные показатели", "Plan and actual: the summary";
    InvestmentWord => "Инвестициялар", "Инвестиции", "Investment";
    Output => "Өнім көлемі", "Выпуск", "Output";
    CommissioningDue => "Іске қосу мерзімі жеткен", "Срок ввода наступил", "Commissioning due";
    Commissioned => "Іске қосылған", "Введено", "Commissioned";
    OnTime => "Мерзімінде", "В срок", "On time";
    // The alert list.
    AlertsTitle => "Ескертулер тізімі: не кешікті, не сәйкес келмейді", "Перечень сигналов: что просрочено и что не сходится", "Alert list: what is late and what does not add up";
    ReportsDue => "Есептерінің мерзімі жеткен кезең", "Период, отчёты за который должны быть сданы", "Period whose reports are due";
    AlertsCount => "Ескертулер", "Сигналов", "Alerts";
    About => "Неге қатысты", "Что именно", "About";
    DaysLate => "Кешігу, күн", "Дней", "Days";
    // The merge bill of an import.
    BillTitle => "Біріктіру тізімдемесі", "Ведомость слияния", "Merge bill";
    BillSubtitle => "импорт нәтижесі, қол қоюға", "результат импорта, на подпись", "what the import does, for sign-off";
    File => "Файл", "Файл", "File";
    ExportingDatabase => "Жіберуші дерекқор", "База данных отправителя", "Exporting database";
    DatabaseId => "Дерекқор белгісі", "Идентификатор базы", "Database id";
    Exported => "Экспортталды", "Экспортирован", "Exported";
    ProjectsInFile => "Файлдағы жобалар", "Проектов в файле", "Projects in the file";
    Signature => "Қолтаңба кілті", "Ключ подписи", "Signing key";
    KeyPinned => "осы дерекқордың бекітілген кілті", "закреплённый ключ этой базы данных", "the pinned key of that database";
    KeyToConfirm => "өзін министрлік деп атайтын жаңа дерекқор: файл кілт расталғанша импортталмайды, саусақ ізін министрлікпен телефон арқылы салыстырыңыз", "новая база данных, которая называет себя министерством: файл не импортируется, пока ключ не подтверждён; сверьте отпечаток с министерством по телефону", "a new database that says it is the ministry: the file is not imported until its key is confirmed; compare the fingerprint with the ministry by phone";
    KeyFirstSeen => "осы дерекқордан алғашқы қол қойылған файл: кілт енді бекітілді, саусақ ізін жіберушімен телефон арқылы растаңыз", "первый подписанный файл этой базы данных: ключ теперь закреплён, подтвердите отпечаток у отправителя по телефону", "the first signed file of that database: its key is pinned now; confirm the fingerprint with the sender by phone";
    Unsigned => "ҚОЛ ҚОЙЫЛМАҒАН (indmap-тың ескі нұсқасы): бұрынғыдай қабылданды, кілт бекітілмеді", "НЕ ПОДПИСАН (старая версия indmap): принят как прежде, ключ не закреплён", "UNSIGNED (an older indmap): taken as before, no key pinned";
    ImportState => "Күйі", "Состояние", "State";
    AlreadyImported => "Бұл файл бұрын импортталған, ештеңе өзгермейді:", "Этот файл уже импортирован, ничего не меняется:", "This file was imported already, nothing changes:";
    Preview => "Алдын ала қарау: дерекқор әлі өзгертілмеген", "Предварительный просмотр: база данных ещё не изменена", "Preview: the database is not changed yet";
    Imported => "Импортталды", "Импортировано", "Imported";
    Backup => "Сақтық көшірме", "Резервная копия", "Backup";
    OtherRegionsProjects => "Басқа өңірлердің жобалары", "Проекты других регионов", "Projects of other regions";
    KeptReadOnly => "(тек оқу үшін сақталды)", "(сохранены только для чтения)", "(kept read-only)";
    ProjectsBeforeAfter => "Жобалар: бұрын → кейін", "Проектов: до → после", "Projects: before → after";
    InvestmentBeforeAfter => "Инвестициялар: бұрын → кейін", "Инвестиции: до → после", "Investment: before → after";
    JobsBeforeAfter => "Тұрақты жұмыс орындары: бұрын → кейін", "Постоянные рабочие места: до → после", "Permanent jobs: before → after";
    NoneListed => "жоқ", "нет", "none";
    By => "Кім", "Кем", "By";
    Changes => "Өзгерістер", "Изменения", "Changes";
    Field => "Өріс", "Поле", "Field";
    Before => "Болды", "Было", "Before";
    After => "Болады", "Стало", "After";
    Conflicts => "Қайшылықтар", "Конфликты", "Conflicts";
    Id => "Белгі", "Идентификатор", "Id";
    Here => "Мұнда", "Здесь", "Here";
    Other => "Басқа", "Другое", "Other";
    Proposals => "Ұсыныстар", "Предложения", "Proposals";
    ProposalsArrived => "Келген ұсыныстарды «indmap proposals» тізімінен қарап, қабылдаңыз немесе қабылдамаңыз", "Поступившие предложения смотрите в «indmap proposals» и примите или отклоните их", "See the proposals that arrived with `indmap proposals`; accept or reject them";
    Refused => "Қабылданбады", "Отклонено", "Refused";
    Reason => "Себебі", "Причина", "Reason";
    Added => "Қосылды", "Добавлено", "Added";
    Changed => "Өзгертілді", "Изменено", "Changed";
    Deleted => "Жойылды", "Удалено", "Deleted";
    PreparedBy => "Дайындаған", "Подготовил", "Prepared by";
    ApprovedBy => "Бекіткен", "Утвердил", "Approved by";
    Ministry => "Министрлік", "Министерство", "Ministry";
    Points => "нүкте", "точек", "points";
    EffectTitle => "Мемлекеттік қолдау шараларының тиімділігі туралы ақпарат", "Информация об эффективности мер государственной поддержки", "Information on the effectiveness of state support";
    SupportAndResults => "қолдау және нәтижелер", "поддержка и результаты", "support and results";
    PerSupportAndIndex => "қолдауға шаққандағы нәтижелер және индекс", "результаты на единицу поддержки и индекс", "results per support and the index";
    SupportRegisterTitle => "Іске асырылған мемлекеттік қолдау шаралары туралы ақпарат", "Информация о реализованных мерах государственной поддержки", "Information on the state support measures implemented";
    SupportTotals => "Шаралар, өңірлер және жылдар бойынша жиынтық", "Итоги по мерам, регионам и годам", "Totals by measure, region and year";
    MonitoringReportTitle => "Индустрияландыру картасының мониторингі туралы есеп", "Отчёт о мониторинге карты индустриализации", "Monitoring report of the industrialization map";
    Reported => "Есеп тапсырылды", "Отчёт сдан", "Reported";
    NotReported => "есеп тапсырылмады", "отчёт не сдан", "not reported";
    NotReportedCount => "Есеп тапсырмағандар", "Не сдали отчёт", "Not reported";
    SlipDays => "Ығысу, күн", "Сдвиг, дн.", "Slip, days";
    InvestedToDate => "Игерілгені", "Освоено", "Invested to date";
    ProgressPct => "Дайындығы, %", "Готовность, %", "Progress, %";
    ProblemsAndAlerts => "Мәселелер мен ескертулер", "Проблемы и сигналы", "Problems and alerts";
    InvestmentBySector => "Инвестициялар салалар бойынша", "Инвестиции по отраслям", "Investment by sector";
    CommissioningByYear => "Іске қосу жылдар бойынша", "Ввод по годам", "Commissioning by year";
    FinancingBySourceStatus => "Қаржыландыру көздер мен мәртебелер бойынша", "Финансирование по источникам и статусам", "Financing by source and status";
    SupportShort => "Қолдау", "Поддержка", "Support";
    SupportGiven => "Көрсетілген қолдау", "Оказанная поддержка", "Support given";
    SupportOfYear => "Қолдау көрсетілген жыл", "Год оказания поддержки", "Support given in";
    AllYears => "барлық жылдар", "все годы", "all years";
    MeasuresReceived => "Алынған шаралар", "Получено мер", "Measures received";
    Unpriced => "сомасы көрсетілмеген", "без суммы", "without an amount";
    Taxes => "Салықтар", "Налоги", "Taxes";
    Exports => "Экспорт", "Экспорт", "Exports";
    ThousandUsd => "мың USD", "тыс. USD", "thousand USD";
    EffectIndex => "Тиімділік индексі", "Индекс эффективности", "Effectiveness index";
    Methodology => "Әдістеме", "Методика", "Methodology";
    EqualWeights => "бекітілген әдістеме енгізілмеген: салмақтар тең", "утверждённая методика не задана: веса равны", "no approved methodology set: equal weights";
    Weights => "Көрсеткіштердің салмақтары", "Веса показателей", "Weights of the indicators";
    EffectNote => "Нәтижелер — жобалардың соңғы есептері бойынша игерілгені мен жұмыс орындары, барлық есептер бойынша өнім, салықтар мен экспорт. Бірнеше шара алған жоба әр шараның жолында толық нәтижесімен көрсетіледі, «Барлығы» әр жобаны бір рет есептейді. Индекс 1 — таңдалған жобалардың орташа тиімділігі.", "Результаты — освоение и рабочие места по последним отчётам проектов, выпуск, налоги и экспорт по всем отчётам. Проект с несколькими мерами входит в строку каждой меры со всеми результатами; «Итого» учитывает каждый проект один раз. Индекс 1 — средняя эффективность выбранных проектов.", "Results are the investment and jobs of each project's latest report, and output, taxes and exports over all its reports. A project with several measures counts in each measure's row with all its results; the total counts every project once. An index of 1 is the average effectiveness of the projects selected.";
    NoSupport => "Таңдалған жобалар қолдау алмаған", "Выбранные проекты не получали поддержки", "The projects selected received no support";
    // `{}` is a year: open-ended year ranges of a filter.
    FromYear => "{} жылдан бастап", "с {}", "from {}";
    ToYear => "{} жылға дейін", "по {}", "to {}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_exists_in_all_three_languages() {
        for word in Word::ALL {
            for lang in Lang::ALL {
                assert!(!word.text(lang).trim().is_empty(), "{word:?} has no {lang:?} text");
            }
            // A Kazakh or Russian text identical to the English one is a forgotten translation,
            // except for abbreviations and symbols.
            let en = word.text(Lang::En);
            if en.chars().count() > 3 {
                assert_ne!(word.text(Lang::Ru), en, "{word:?} is not translated to Russian");
                assert_ne!(word.text(Lang::Kk), en, "{word:?} is not translated to Kazakh");
            }
        }
    }
}
