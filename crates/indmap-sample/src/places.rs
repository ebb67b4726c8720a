//! Where projects go: for each of the 20 regions its economic weight, the sectors it leans to,
//! the genitive its akimat is named with, and a few towns with their districts and zones.

use crate::draw::Lang;

/// How a settlement is called in names: "Теміртау қаласында" / "в г. Темиртау".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TownKind {
    City,
    Settlement,
    Village,
}

impl TownKind {
    /// The locative phrase after the name; constant, so no Kazakh suffix harmony is needed.
    fn kk_in(self) -> &'static str {
        match self {
            TownKind::City => "қаласында",
            TownKind::Settlement => "кентінде",
            TownKind::Village => "ауылында",
        }
    }

    fn ru_abbr(self) -> &'static str {
        match self {
            TownKind::City => "г.",
            TownKind::Settlement => "п.",
            TownKind::Village => "с.",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Town {
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub kind: TownKind,
    pub lat: f64,
    pub lon: f64,
    /// Kazakh and Russian name of the district, for towns that are district centres.
    pub district: Option<(&'static str, &'static str)>,
    /// Special economic zones and industrial zones in or next to the town (Kazakh, Russian).
    pub zones: &'static [(&'static str, &'static str)],
}

const fn town(kind: TownKind, kk: &'static str, ru: &'static str, en: &'static str, lat: f64, lon: f64) -> Town {
    Town { kk, ru, en, kind, lat, lon, district: None, zones: &[] }
}

const fn city(kk: &'static str, ru: &'static str, en: &'static str, lat: f64, lon: f64) -> Town {
    town(TownKind::City, kk, ru, en, lat, lon)
}

impl Town {
    const fn district(self, kk: &'static str, ru: &'static str) -> Town {
        Town { district: Some((kk, ru)), ..self }
    }

    const fn zones(self, zones: &'static [(&'static str, &'static str)]) -> Town {
        Town { zones, ..self }
    }

    pub(crate) fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.kk, self.ru)
    }

    /// "Теміртау қаласында " (before the rest of a Kazakh name).
    pub(crate) fn kk_in(&self) -> String {
        format!("{} {} ", self.kk, self.kind.kk_in())
    }

    /// " в г. Темиртау" (after the rest of a Russian name).
    pub(crate) fn ru_in(&self) -> String {
        format!(" в {} {}", self.kind.ru_abbr(), self.ru)
    }

    pub(crate) fn district_name(&self, lang: Lang) -> Option<String> {
        self.district.map(|(kk, ru)| match lang {
            Lang::Kk => format!("{kk} ауданы"),
            // "Аягозский район", but "район Магжана Жумабаева".
            Lang::Ru if ru.ends_with("ий") => format!("{ru} район"),
            Lang::Ru => format!("район {ru}"),
        })
    }
}

pub(crate) struct RegionInfo {
    pub kato: &'static str,
    /// The Russian genitive: "Акимат Карагандинской области".
    pub ru_gen: &'static str,
    /// A rough share of the country's industrial investment, for spreading projects.
    pub weight: u32,
    /// Sector codes the region's economy leans to.
    pub strong: &'static [&'static str],
    /// The administrative centre first: most projects go there.
    pub towns: &'static [Town],
}

impl RegionInfo {
    pub(crate) fn region(&self) -> &'static indmap_core::reference::Region {
        indmap_core::reference::region(self.kato).expect("the sample regions are the 20 of the reference list")
    }

    /// "Қарағанды облысы әкімдігі" / "Акимат Карагандинской области".
    pub(crate) fn akimat(&self, lang: Lang) -> String {
        match lang {
            Lang::Kk => format!("{} әкімдігі", self.region().name_kk),
            Lang::Ru => format!("Акимат {}", self.ru_gen),
        }
    }

    /// The genitive used in acts: "Қарағанды облысы әкімдігінің" / "акимата Карагандинской области".
    pub(crate) fn akimat_of(&self, lang: Lang) -> String {
        match lang {
            Lang::Kk => format!("{} әкімдігінің", self.region().name_kk),
            Lang::Ru => format!("акимата {}", self.ru_gen),
        }
    }

    pub(crate) fn is_city(&self) -> bool {
        self.region().is_city
    }
}

use TownKind::{Settlement, Village};

const SEZ_ASTANA: (&str, &str) = ("«Астана – жаңа қала» АЭА", "СЭЗ «Астана – новый город»");
const SEZ_ALMATY: (&str, &str) = ("«Инновациялық технологиялар паркі» АЭА", "СЭЗ «Парк инновационных технологий»");

/// The 20 regions in KATO order, as in `indmap_core::reference::REGIONS`.
pub(crate) const REGIONS: [RegionInfo; 20] = [
    RegionInfo {
        kato: "10",
        ru_gen: "области Абай",
        weight: 3,
        strong: &["metallurgy", "mining", "agro_food", "light_industry"],
        towns: &[
            city("Семей", "Семей", "Semey", 50.411, 80.227)
                .zones(&[("Семей қаласының индустриялық аймағы", "Индустриальная зона г. Семей")]),
            city("Аягөз", "Аягоз", "Ayagoz", 47.964, 80.439).district("Аягөз", "Аягозский"),
            city("Курчатов", "Курчатов", "Kurchatov", 50.756, 78.541),
            town(Village, "Үржар", "Урджар", "Urzhar", 47.093, 81.630).district("Үржар", "Урджарский"),
            town(Village, "Ақтоғай", "Актогай", "Aktogay", 46.950, 79.700).district("Ақтоғай", "Актогайский"),
        ],
    },
    RegionInfo {
        kato: "11",
        ru_gen: "Акмолинской области",
        weight: 5,
        strong: &["agro_food", "mining", "construction_materials"],
        towns: &[
            city("Көкшетау", "Кокшетау", "Kokshetau", 53.285, 69.382)
                .zones(&[("Көкшетау қаласының индустриялық аймағы", "Индустриальная зона г. Кокшетау")]),
            city("Степногор", "Степногорск", "Stepnogorsk", 52.347, 71.887),
            city("Щучинск", "Щучинск", "Shchuchinsk", 52.935, 70.190).district("Бурабай", "Бурабайский"),
            city("Ақкөл", "Акколь", "Akkol", 52.000, 70.940).district("Ақкөл", "Аккольский"),
            city("Атбасар", "Атбасар", "Atbasar", 51.810, 68.360).district("Атбасар", "Атбасарский"),
        ],
    },
    RegionInfo {
        kato: "15",
        ru_gen: "Актюбинской области",
        weight: 6,
        strong: &["metallurgy", "mining", "oil_refining", "chemicals"],
        towns: &[
            city("Ақтөбе", "Актобе", "Aktobe", 50.283, 57.167)
                .zones(&[("Ақтөбе қаласының индустриялық аймағы", "Индустриальная зона г. Актобе")]),
            city("Хромтау", "Хромтау", "Khromtau", 50.250, 58.450).district("Хромтау", "Хромтауский"),
            city("Қандыағаш", "Кандыагаш", "Kandyagash", 49.470, 57.420).district("Мұғалжар", "Мугалжарский"),
            city("Алға", "Алга", "Alga", 49.900, 57.330).district("Алға", "Алгинский"),
            city("Шалқар", "Шалкар", "Shalkar", 47.830, 59.620).district("Шалқар", "Шалкарский"),
        ],
    },
    RegionInfo {
        kato: "19",
        ru_gen: "Алматинской области",
        weight: 6,
        strong: &["agro_food", "construction_materials", "light_industry"],
        towns: &[
            city("Қонаев", "Конаев", "Konaev", 43.870, 77.070),
            city("Талғар", "Талгар", "Talgar", 43.300, 77.240).district("Талғар", "Талгарский"),
            city("Есік", "Есик", "Esik", 43.360, 77.450).district("Еңбекшіқазақ", "Енбекшиказахский"),
            city("Қаскелең", "Каскелен", "Kaskelen", 43.200, 76.620).district("Қарасай", "Карасайский"),
            town(Village, "Ұзынағаш", "Узынагаш", "Uzynagash", 43.220, 76.310).district("Жамбыл", "Жамбылский"),
        ],
    },
    RegionInfo {
        kato: "23",
        ru_gen: "Атырауской области",
        weight: 8,
        strong: &["petrochemicals", "oil_refining", "chemicals"],
        towns: &[
            city("Атырау", "Атырау", "Atyrau", 47.105, 51.925).zones(&[(
                "«Ұлттық индустриялық мұнай-химия технопаркі» АЭА",
                "СЭЗ «Национальный индустриальный нефтехимический технопарк»",
            )]),
            city("Құлсары", "Кульсары", "Kulsary", 46.950, 54.020).district("Жылыой", "Жылыойский"),
            town(Settlement, "Доссор", "Доссор", "Dossor", 47.530, 52.980).district("Мақат", "Макатский"),
            town(Village, "Махамбет", "Махамбет", "Makhambet", 47.670, 51.580).district("Махамбет", "Махамбетский"),
        ],
    },
    RegionInfo {
        kato: "27",
        ru_gen: "Западно-Казахстанской области",
        weight: 4,
        strong: &["oil_refining", "agro_food", "machine_building"],
        towns: &[
            city("Орал", "Уральск", "Oral", 51.230, 51.370)
                .zones(&[("Орал қаласының индустриялық аймағы", "Индустриальная зона г. Уральск")]),
            city("Ақсай", "Аксай", "Aksay", 51.170, 52.990).district("Бөрлі", "Бурлинский"),
            town(Village, "Шыңғырлау", "Чингирлау", "Shyngyrlau", 51.100, 54.080)
                .district("Шыңғырлау", "Чингирлауский"),
            town(Village, "Жәнібек", "Жанибек", "Zhanibek", 49.420, 46.850).district("Жәнібек", "Жанибекский"),
        ],
    },
    RegionInfo {
        kato: "31",
        ru_gen: "Жамбылской области",
        weight: 4,
        strong: &["chemicals", "agro_food", "energy"],
        towns: &[
            city("Тараз", "Тараз", "Taraz", 42.900, 71.370)
                .zones(&[("«Химиялық парк Тараз» АЭА", "СЭЗ «Химический парк Тараз»")]),
            city("Шу", "Шу", "Shu", 43.600, 73.760).district("Шу", "Шуский"),
            city("Қаратау", "Каратау", "Karatau", 43.180, 70.460).district("Талас", "Таласский"),
            city("Жаңатас", "Жанатас", "Zhanatas", 43.570, 69.750).district("Сарысу", "Сарысуский"),
            town(Village, "Қордай", "Кордай", "Korday", 43.040, 74.710).district("Қордай", "Кордайский"),
        ],
    },
    RegionInfo {
        kato: "33",
        ru_gen: "области Жетісу",
        weight: 3,
        strong: &["agro_food", "energy"],
        towns: &[
            city("Талдықорған", "Талдыкорган", "Taldykorgan", 45.017, 78.373),
            city("Текелі", "Текели", "Tekeli", 44.830, 78.820),
            city("Үштөбе", "Уштобе", "Ushtobe", 45.250, 77.980).district("Қаратал", "Каратальский"),
            city("Жаркент", "Жаркент", "Zharkent", 44.160, 80.000)
                .district("Панфилов", "Панфиловский")
                .zones(&[("«Қорғос – Шығыс қақпасы» АЭА", "СЭЗ «Хоргос – Восточные ворота»")]),
            city("Сарқан", "Саркан", "Sarkand", 45.410, 79.920).district("Сарқан", "Саркандский"),
        ],
    },
    RegionInfo {
        kato: "35",
        ru_gen: "Карагандинской области",
        weight: 10,
        strong: &["metallurgy", "mining", "machine_building", "construction_materials"],
        towns: &[
            city("Қарағанды", "Караганда", "Karaganda", 49.806, 73.085).zones(&[("«Сарыарқа» АЭА", "СЭЗ «Сарыарка»")]),
            city("Теміртау", "Темиртау", "Temirtau", 50.055, 72.960),
            city("Балқаш", "Балхаш", "Balkhash", 46.848, 74.995),
            city("Саран", "Саран", "Saran", 49.790, 72.840),
            city("Шахтинск", "Шахтинск", "Shakhtinsk", 49.710, 72.590),
            city("Қарқаралы", "Каркаралинск", "Karkaraly", 49.410, 75.470).district("Қарқаралы", "Каркаралинский"),
        ],
    },
    RegionInfo {
        kato: "39",
        ru_gen: "Костанайской области",
        weight: 6,
        strong: &["machine_building", "agro_food", "mining"],
        towns: &[
            city("Қостанай", "Костанай", "Kostanay", 53.215, 63.630)
                .zones(&[("Қостанай қаласының индустриялық аймағы", "Индустриальная зона г. Костанай")]),
            city("Рудный", "Рудный", "Rudny", 52.960, 63.120),
            city("Лисаков", "Лисаковск", "Lisakovsk", 52.540, 62.490),
            city("Арқалық", "Аркалык", "Arkalyk", 50.250, 66.920),
            city("Жітіқара", "Житикара", "Zhitikara", 52.190, 61.200).district("Жітіқара", "Житикаринский"),
        ],
    },
    RegionInfo {
        kato: "43",
        ru_gen: "Кызылординской области",
        weight: 3,
        strong: &["construction_materials", "oil_refining", "agro_food"],
        towns: &[
            city("Қызылорда", "Кызылорда", "Kyzylorda", 44.848, 65.500)
                .zones(&[("Қызылорда қаласының индустриялық аймағы", "Индустриальная зона г. Кызылорда")]),
            city("Арал", "Аральск", "Aral", 46.800, 61.670).district("Арал", "Аральский"),
            city("Қазалы", "Казалинск", "Kazaly", 45.760, 62.100).district("Қазалы", "Казалинский"),
            town(Settlement, "Шиелі", "Шиели", "Shieli", 44.170, 66.750).district("Шиелі", "Шиелийский"),
            town(Village, "Жаңақорған", "Жанакорган", "Zhanakorgan", 43.910, 67.250)
                .district("Жаңақорған", "Жанакорганский"),
        ],
    },
    RegionInfo {
        kato: "47",
        ru_gen: "Мангистауской области",
        weight: 5,
        strong: &["oil_refining", "petrochemicals", "construction_materials"],
        towns: &[
            city("Ақтау", "Актау", "Aktau", 43.650, 51.200)
                .zones(&[("«Ақтау теңіз порты» АЭА", "СЭЗ «Морпорт Актау»")]),
            city("Жаңаөзен", "Жанаозен", "Zhanaozen", 43.340, 52.860),
            city("Форт-Шевченко", "Форт-Шевченко", "Fort-Shevchenko", 44.510, 50.270)
                .district("Түпқараған", "Тупкараганский"),
            town(Village, "Бейнеу", "Бейнеу", "Beyneu", 45.320, 55.190).district("Бейнеу", "Бейнеуский"),
            town(Village, "Құрық", "Курык", "Kuryk", 43.190, 51.680).district("Қарақия", "Каракиянский"),
        ],
    },
    RegionInfo {
        kato: "55",
        ru_gen: "Павлодарской области",
        weight: 8,
        strong: &["metallurgy", "chemicals", "energy", "oil_refining"],
        towns: &[
            city("Павлодар", "Павлодар", "Pavlodar", 52.285, 76.960).zones(&[("«Павлодар» АЭА", "СЭЗ «Павлодар»")]),
            city("Екібастұз", "Экибастуз", "Ekibastuz", 51.720, 75.320),
            city("Ақсу", "Аксу", "Aksu", 52.040, 76.930),
            town(Village, "Баянауыл", "Баянаул", "Bayanaul", 50.790, 75.700).district("Баянауыл", "Баянаульский"),
        ],
    },
    RegionInfo {
        kato: "59",
        ru_gen: "Северо-Казахстанской области",
        weight: 4,
        strong: &["agro_food", "machine_building"],
        towns: &[
            city("Петропавл", "Петропавловск", "Petropavl", 54.867, 69.140)
                .zones(&[("«Qyzyljar» АЭА", "СЭЗ «Qyzyljar»")]),
            city("Булаев", "Булаево", "Bulayevo", 54.900, 70.440).district("Мағжан Жұмабаев", "Магжана Жумабаева"),
            city("Сергеевка", "Сергеевка", "Sergeyevka", 53.880, 67.410).district("Шал ақын", "Шал акына"),
            city("Мамлют", "Мамлютка", "Mamlyut", 54.940, 68.540).district("Мамлют", "Мамлютский"),
            city("Тайынша", "Тайынша", "Tayynsha", 53.850, 69.760).district("Тайынша", "Тайыншинский"),
        ],
    },
    RegionInfo {
        kato: "61",
        ru_gen: "Туркестанской области",
        weight: 5,
        strong: &["light_industry", "agro_food", "construction_materials"],
        towns: &[
            city("Түркістан", "Туркестан", "Turkistan", 43.297, 68.270)
                .zones(&[("«Turkistan» АЭА", "СЭЗ «Turkistan»")]),
            city("Кентау", "Кентау", "Kentau", 43.520, 68.510),
            city("Арыс", "Арыс", "Arys", 42.430, 68.800),
            city("Сарыағаш", "Сарыагаш", "Saryagash", 41.460, 69.170).district("Сарыағаш", "Сарыагашский"),
            city("Шардара", "Шардара", "Shardara", 41.260, 67.970).district("Шардара", "Шардаринский"),
            city("Ленгер", "Ленгер", "Lenger", 42.180, 69.880).district("Төлеби", "Толебийский"),
        ],
    },
    RegionInfo {
        kato: "62",
        ru_gen: "области Ұлытау",
        weight: 2,
        strong: &["mining", "metallurgy"],
        towns: &[
            city("Жезқазған", "Жезказган", "Zhezkazgan", 47.790, 67.710),
            city("Сәтбаев", "Сатпаев", "Satbayev", 47.900, 67.530),
            city("Қаражал", "Каражал", "Karazhal", 48.000, 70.790),
            town(Settlement, "Жәйрем", "Жайрем", "Zhairem", 48.340, 70.170),
            town(Village, "Ұлытау", "Улытау", "Ulytau", 48.650, 67.000).district("Ұлытау", "Улытауский"),
        ],
    },
    RegionInfo {
        kato: "63",
        ru_gen: "Восточно-Казахстанской области",
        weight: 8,
        strong: &["metallurgy", "mining", "machine_building", "energy"],
        towns: &[
            city("Өскемен", "Усть-Каменогорск", "Oskemen", 49.950, 82.620)
                .zones(&[("Өскемен қаласының индустриялық аймағы", "Индустриальная зона г. Усть-Каменогорск")]),
            city("Риддер", "Риддер", "Ridder", 50.340, 83.510),
            city("Алтай", "Алтай", "Altai", 49.730, 84.270),
            town(Settlement, "Глубокое", "Глубокое", "Glubokoye", 50.140, 82.310).district("Глубокое", "Глубоковский"),
            city("Шемонаиха", "Шемонаиха", "Shemonaikha", 50.630, 81.910).district("Шемонаиха", "Шемонаихинский"),
            city("Зайсан", "Зайсан", "Zaysan", 47.470, 84.870).district("Зайсан", "Зайсанский"),
        ],
    },
    RegionInfo {
        kato: "71",
        ru_gen: "города Астаны",
        weight: 8,
        strong: &["machine_building", "construction_materials", "pharmaceuticals", "wood_furniture"],
        towns: &[city("Астана", "Астана", "Astana", 51.150, 71.440).zones(&[
            SEZ_ASTANA,
            ("Астана қаласының №1 индустриялық паркі", "Индустриальный парк № 1 г. Астаны"),
            ("Астана қаласының №2 индустриялық паркі", "Индустриальный парк № 2 г. Астаны"),
        ])],
    },
    RegionInfo {
        kato: "75",
        ru_gen: "города Алматы",
        weight: 8,
        strong: &["pharmaceuticals", "light_industry", "agro_food", "wood_furniture"],
        towns: &[city("Алматы", "Алматы", "Almaty", 43.250, 76.900)
            .zones(&[SEZ_ALMATY, ("Алматы қаласының индустриялық аймағы", "Индустриальная зона г. Алматы")])],
    },
    RegionInfo {
        kato: "79",
        ru_gen: "города Шымкента",
        weight: 5,
        strong: &["light_industry", "pharmaceuticals", "oil_refining", "construction_materials"],
        towns: &[city("Шымкент", "Шымкент", "Shymkent", 42.320, 69.590).zones(&[
            ("«Оңтүстік» АЭА", "СЭЗ «Оңтүстік»"),
            ("Шымкент қаласының индустриялық аймағы", "Индустриальная зона г. Шымкент"),
        ])],
    },
];

pub(crate) fn region_info(kato: &str) -> &'static RegionInfo {
    REGIONS.iter().find(|r| r.kato == kato).expect("one of the 20 KATO prefixes")
}

/// A town of a region by its Kazakh name, for the published example projects.
pub(crate) fn town_named(info: &'static RegionInfo, kk: &str) -> &'static Town {
    info.towns.iter().find(|t| t.kk == kk).unwrap_or(&info.towns[0])
}
