//! Reference data: the fixed lists the law defines (regions, support measures, criteria, the
//! status lifecycle) and the starting content of the lists users may edit (sectors, financing
//! sources). Every item has a stable code, which is what records and files carry, and a label in
//! Kazakh, Russian and English.

use serde::{Deserialize, Serialize};

/// A label in the three languages of the interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Label {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Label {
    pub fn new(kk: &str, ru: &str, en: &str) -> Self {
        Label { kk: kk.into(), ru: ru.into(), en: en.into() }
    }

    /// The label in every language: kk, ru, en.
    pub fn all(&self) -> [&str; 3] {
        [&self.kk, &self.ru, &self.en]
    }
}

/// An item of a reference list: its code and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferenceItem {
    pub code: String,
    pub label: Label,
}

/// One of the 20 regions (17 oblasts and 3 cities) after the reform of 8 June 2022.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// The KATO prefix, which is also ISO 3166-2 KZ-NN.
    pub kato: &'static str,
    pub name_kk: &'static str,
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub centre_name: &'static str,
    /// (latitude, longitude) of the administrative centre.
    pub centre: (f64, f64),
    /// Cities of republican significance and the capital, as opposed to oblasts.
    pub is_city: bool,
}

impl Region {
    pub fn label(&self) -> Label {
        Label::new(self.name_kk, self.name_ru, self.name_en)
    }
}

macro_rules! region {
    ($kato:literal, $kk:literal, $ru:literal, $en:literal, $centre:literal, $lat:literal, $lon:literal, $city:literal) => {
        Region {
            kato: $kato,
            name_kk: $kk,
            name_ru: $ru,
            name_en: $en,
            centre_name: $centre,
            centre: ($lat, $lon),
            is_city: $city,
        }
    };
}

/// The 20 regions in KATO order.
pub const REGIONS: [Region; 20] = [
    region!("10", "Абай облысы", "область Абай", "Abai Region", "Semey", 50.417, 80.232, false),
    region!("11", "Ақмола облысы", "Акмолинская область", "Akmola Region", "Kokshetau", 53.285, 69.382, false),
    region!("15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region", "Aktobe", 50.280, 57.213, false),
    region!("19", "Алматы облысы", "Алматинская область", "Almaty Region", "Konaev", 43.844, 77.040, false),
    region!("23", "Атырау облысы", "Атырауская область", "Atyrau Region", "Atyrau", 47.105, 51.925, false),
    region!(
        "27",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan Region",
        "Oral",
        51.222,
        51.373,
        false
    ),
    region!("31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region", "Taraz", 42.902, 71.377, false),
    region!("33", "Жетісу облысы", "область Жетісу", "Zhetisu Region", "Taldykorgan", 45.016, 78.379, false),
    region!("35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region", "Karaganda", 49.816, 73.103, false),
    region!("39", "Қостанай облысы", "Костанайская область", "Kostanay Region", "Kostanay", 53.215, 63.633, false),
    region!("43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region", "Kyzylorda", 44.843, 65.504, false),
    region!("47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region", "Aktau", 43.652, 51.158, false),
    region!("55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region", "Pavlodar", 52.284, 76.965, false),
    region!(
        "59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
        "Petropavl",
        54.867,
        69.134,
        false
    ),
    region!("61", "Түркістан облысы", "Туркестанская область", "Turkistan Region", "Turkistan", 43.299, 68.263, false),
    region!("62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region", "Zhezkazgan", 47.801, 67.706, false),
    region!(
        "63",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan Region",
        "Oskemen",
        49.957,
        82.612,
        false
    ),
    region!("71", "Астана қаласы", "г. Астана", "Astana", "Astana", 51.166, 71.458, true),
    region!("75", "Алматы қаласы", "г. Алматы", "Almaty", "Almaty", 43.238, 76.889, true),
    region!("79", "Шымкент қаласы", "г. Шымкент", "Shymkent", "Shymkent", 42.335, 69.603, true),
];

/// The region with this KATO prefix, if there is one.
pub fn region(kato: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.kato == kato)
}

/// A closed list of codes, as fields of records hold them (see `schema::Coded`).
pub trait CodeList: Copy + Sized + 'static {
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
    fn codes() -> Vec<&'static str>;
    fn all() -> &'static [Self];
    fn label(self) -> Label;

    /// The code a person wrote by its label in any language (`Строительство`), case aside.
    fn code_named(text: &str) -> Option<&'static str> {
        let text = text.trim().to_lowercase();
        Self::all().iter().find(|c| c.label().all().iter().any(|l| l.to_lowercase() == text)).map(|c| c.code())
    }
}

/// Declares a closed list of codes as an enum with its labels, its parser and its listing.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal : $kk:literal, $ru:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code that records and files carry.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn label(self) -> Label {
                match self { $($name::$variant => Label::new($kk, $ru, $en)),+ }
            }

            /// The codes, in order, for messages that list what is allowed.
            pub fn codes() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.code()).collect()
            }
        }

        impl CodeList for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
            fn codes() -> Vec<&'static str> {
                $name::codes()
            }
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn label(self) -> Label {
                $name::label(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_list! {
    /// Which industrialization map a project belongs to (Art. 4 p.6 and Art. 8 p.2).
    #[derive(Default)]
    MapLevel {
        Republican = "republican": "Республикалық", "Республиканская", "Republican";
        /// What a new project is on, until told otherwise.
        #[default]
        Regional = "regional": "Өңірлік", "Региональная", "Regional";
    }
}

code_list! {
    /// The status lifecycle: candidate → submitted → under review → included → design →
    /// construction → commissioned → at design capacity, with side states.
    #[derive(Default)]
    Status {
        #[default]
        Candidate = "candidate": "Үміткер", "Кандидат", "Candidate";
        Submitted = "submitted": "Өтінім берілген", "Заявка подана", "Submitted";
        UnderReview = "under_review": "Қаралуда", "На рассмотрении", "Under review";
        Included = "included": "Картаға енгізілген", "Включён в карту", "Included";
        Design = "design": "Жобалау", "Проектирование", "Design";
        Construction = "construction": "Құрылыс", "Строительство", "Construction";
        Commissioned = "commissioned": "Пайдалануға берілген", "Введён в эксплуатацию", "Commissioned";
        AtDesignCapacity = "at_design_capacity": "Жобалық қуатқа шыққан", "Выведен на проектную мощность", "At design capacity";
        Promising = "promising": "Перспективалық", "Перспективный", "Promising";
        Delayed = "delayed": "Кешігуде (проблемалық)", "Проблемный (отставание)", "Delayed / problem";
        Suspended = "suspended": "Тоқтатылған", "Приостановлен", "Suspended";
        Excluded = "excluded": "Картадан шығарылған", "Исключён из карты", "Excluded";
        Rejected = "rejected": "Қабылданбаған", "Отклонён", "Rejected";
    }
}

impl Status {
    /// Statuses that need a commissioning date that has happened.
    pub fn is_commissioned(self) -> bool {
        matches!(self, Status::Commissioned | Status::AtDesignCapacity)
    }
}

code_list! {
    /// The criteria on which support is decided (Art. 20 p.6).
    Criterion {
        Innovativeness = "innovativeness": "Инновациялық", "Инновационность", "Innovativeness";
        Competitiveness = "competitiveness": "Бәсекеге қабілеттілік", "Конкурентоспособность", "Competitiveness";
        Scale = "scale": "Ауқымдылық", "Масштабность", "Scale";
    }
}

code_list! {
    /// Where a financing row stands.
    #[derive(Default)]
    FinancingStatus {
        #[default]
        Planned = "planned": "Жоспарланған", "Планируется", "Planned";
        Committed = "committed": "Расталған", "Подтверждено", "Committed";
        Disbursed = "disbursed": "Игерілген", "Освоено", "Disbursed";
    }
}

code_list! {
    /// Where an action-plan item stands.
    #[derive(Default)]
    ActionStatus {
        #[default]
        Planned = "planned": "Жоспарланған", "Запланировано", "Planned";
        InProgress = "in_progress": "Орындалуда", "В работе", "In progress";
        Done = "done": "Орындалды", "Выполнено", "Done";
        Cancelled = "cancelled": "Күші жойылды", "Отменено", "Cancelled";
    }
}

/// The 13 state support measures of Art. 20 p.2, numbered as in the law.
pub const SUPPORT_MEASURES: [(&str, &str, &str); 13] = [
    (
        "қаржыландыру, қоса қаржыландыру, лизинг",
        "финансирование, софинансирование, лизинг",
        "financing, co-financing and leasing",
    ),
    ("қарыздар бойынша кепілдік", "гарантии и поручительства по займам", "guarantees on loans"),
    (
        "қаржы институттары арқылы кредиттеу",
        "кредитование через финансовые институты",
        "lending through financial institutions",
    ),
    (
        "сыйақы ставкаларын субсидиялау",
        "субсидирование ставок вознаграждения",
        "subsidised interest on loans and bond coupons",
    ),
    ("жарғылық капиталға инвестициялар", "инвестиции в уставный капитал", "equity investment"),
    ("кепілдік берілген тапсырыс", "гарантированный заказ", "guaranteed order"),
    ("инновациялық гранттар", "инновационные гранты", "innovation grants"),
    ("білікті кадр ресурстары", "обеспечение квалифицированными кадрами", "qualified personnel"),
    (
        "инженерлік-коммуникациялық инфрақұрылым",
        "инженерно-коммуникационная инфраструктура",
        "engineering and communication infrastructure",
    ),
    (
        "жер учаскелері мен жер қойнауын пайдалану құқықтары",
        "земельные участки и право недропользования",
        "land plots and subsoil use rights",
    ),
    ("ішкі нарықта қолдау", "поддержка на внутреннем рынке", "domestic market support"),
    ("инвестициялар тарту", "привлечение инвестиций", "investment attraction"),
    ("экспортты дамыту және жылжыту", "развитие и продвижение экспорта", "export development and promotion"),
];

/// The label of support measure `number` (1 to 13).
pub fn support_measure(number: u8) -> Option<Label> {
    let (kk, ru, en) = SUPPORT_MEASURES.get(usize::from(number).checked_sub(1)?)?;
    Some(Label::new(kk, ru, en))
}

fn items(rows: &[(&str, &str, &str, &str)]) -> Vec<ReferenceItem> {
    rows.iter()
        .map(|(code, kk, ru, en)| ReferenceItem { code: (*code).into(), label: Label::new(kk, ru, en) })
        .collect()
}

/// The sectors used in ministry reporting: the starting content of the editable sector list.
pub fn default_sectors() -> Vec<ReferenceItem> {
    items(&[
        (
            "agro_food",
            "Агроөнеркәсіптік кешен және тамақ өнеркәсібі",
            "АПК и пищевая промышленность",
            "Agro-industrial and food",
        ),
        ("construction_materials", "Құрылыс материалдары", "Строительные материалы", "Construction materials"),
        ("energy", "Энергетика", "Энергетика", "Energy"),
        ("mining", "Тау-кен өндірісі", "Горнодобывающая промышленность", "Mining"),
        ("metallurgy", "Металлургия", "Металлургия", "Metallurgy"),
        ("chemicals", "Химия өнеркәсібі", "Химическая промышленность", "Chemicals"),
        ("petrochemicals", "Мұнай-химия", "Нефтехимия", "Petrochemicals"),
        ("oil_refining", "Мұнай өңдеу", "Нефтепереработка", "Oil refining"),
        ("machine_building", "Машина жасау", "Машиностроение", "Machine building"),
        ("light_industry", "Жеңіл өнеркәсіп", "Лёгкая промышленность", "Light industry"),
        ("pharmaceuticals", "Фармацевтика", "Фармацевтика", "Pharmaceuticals"),
        (
            "wood_furniture",
            "Ағаш өңдеу және жиһаз өндірісі",
            "Деревообработка и мебельное производство",
            "Wood processing and furniture",
        ),
        ("other", "Басқа салалар", "Прочие отрасли", "Other"),
    ])
}

/// Financing sources seen in practice: the starting content of the editable source list.
pub fn default_financing_sources() -> Vec<ReferenceItem> {
    items(&[
        ("own_funds", "Меншікті қаражат", "Собственные средства", "Own funds"),
        (
            "bank_loans",
            "Екінші деңгейдегі банктердің қарыздары",
            "Займы банков второго уровня",
            "Second-tier bank loans",
        ),
        ("dbk", "Қазақстанның Даму Банкі", "Банк Развития Казахстана", "Development Bank of Kazakhstan"),
        ("idf", "Өнеркәсіпті дамыту қоры", "Фонд развития промышленности", "Industrial Development Fund"),
        (
            "damu",
            "«Даму» кәсіпкерлікті дамыту қоры",
            "Фонд развития предпринимательства «Даму»",
            "Damu Entrepreneurship Development Fund",
        ),
        (
            "baiterek",
            "«Бәйтерек» холдингінің бағдарламалары",
            "Программы холдинга «Байтерек»",
            "Baiterek holding programmes",
        ),
        (
            "agrarian_credit",
            "Аграрлық несие корпорациясы",
            "Аграрная кредитная корпорация",
            "Agrarian Credit Corporation",
        ),
        ("fdi", "Тікелей шетелдік инвестициялар", "Прямые иностранные инвестиции", "Foreign direct investment"),
        (
            "ifi",
            "Халықаралық қаржы институттары (ЕҚДБ, АДБ, ЕДБ, ИДБ)",
            "Международные финансовые институты (ЕБРР, АБР, ЕАБР, ИБР)",
            "International financial institutions (EBRD, ADB, EDB, IsDB)",
        ),
        ("samruk_kazyna", "«Самұрық-Қазына» қоры", "Фонд «Самрук-Казына»", "Samruk-Kazyna"),
        ("republican_budget", "Республикалық бюджет", "Республиканский бюджет", "Republican budget"),
        ("local_budget", "Жергілікті бюджет", "Местный бюджет", "Local budget"),
        ("national_fund", "Ұлттық қор", "Национальный фонд", "National Fund"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_regions_with_unique_kato_codes() {
        let mut codes: Vec<_> = REGIONS.iter().map(|r| r.kato).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 20);
        assert_eq!(region("35").unwrap().name_en, "Karaganda Region");
        assert!(region("36").is_none());
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(*s));
        }
        assert_eq!(Status::ALL.len(), 13);
        assert_eq!(support_measure(13).unwrap().en, "export development and promotion");
        assert!(support_measure(0).is_none() && support_measure(14).is_none());
    }
}
