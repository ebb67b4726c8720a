//! Published projects of the regions' industrialization maps: region, sector, cost, jobs and,
//! where published, initiator, capacity and commissioning year are facts; dates, statuses and
//! everything else about them are the sample's invention.

use indmap_core::{MapLevel, Status};

pub(crate) struct Example {
    pub region: &'static str,
    /// The Kazakh name of a town of the region in `places`.
    pub town: &'static str,
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    pub sector: &'static str,
    pub oked: &'static str,
    /// The initiator and whether it is a joint-stock company, where published.
    pub company: Option<(&'static str, bool)>,
    pub cost_mln: i64,
    pub jobs: Option<u32>,
    /// Value, unit, product.
    pub capacity: Option<(f64, &'static str, &'static str)>,
    pub level: MapLevel,
    pub status: Status,
    pub start: (i32, u32, u32),
    pub planned: (i32, u32, u32),
    pub actual: Option<(i32, u32, u32)>,
}

const fn example(
    region: &'static str,
    town: &'static str,
    names: [&'static str; 3],
    sector: &'static str,
    oked: &'static str,
) -> Example {
    let [kk, ru, en] = names;
    Example {
        region,
        town,
        kk,
        ru,
        en,
        sector,
        oked,
        company: None,
        cost_mln: 0,
        jobs: None,
        capacity: None,
        level: MapLevel::Regional,
        status: Status::Construction,
        start: (2024, 1, 1),
        planned: (2026, 12, 31),
        actual: None,
    }
}

/// In KATO order of their regions; a region's examples open its part of the sample.
pub(crate) const EXAMPLES: &[Example] = &[
    Example {
        cost_mln: 396_000,
        jobs: Some(700),
        company: Some(("KAZ Minerals Aktogay", false)),
        level: MapLevel::Republican,
        status: Status::Construction,
        start: (2023, 7, 1),
        planned: (2027, 6, 30),
        ..example(
            "10",
            "Ақтоғай",
            [
                "Ақтоғай кен байыту комбинатында кенді қайта өңдеу қуаттарын кеңейту",
                "Расширение мощностей по переработке руды Актогайского ГОКа",
                "Expansion of Aktogay GOK processing",
            ],
            "metallurgy",
            "24.44",
        )
    },
    Example {
        cost_mln: 27_000,
        jobs: Some(523),
        status: Status::Commissioned,
        start: (2023, 4, 1),
        planned: (2025, 9, 30),
        actual: Some((2025, 11, 10)),
        ..example(
            "11",
            "Көкшетау",
            ["Құс фабрикасын салу", "Строительство птицефабрики", "Poultry farm"],
            "agro_food",
            "01.47",
        )
    },
    Example {
        cost_mln: 35_000,
        jobs: Some(400),
        status: Status::Construction,
        start: (2024, 4, 1),
        planned: (2027, 3, 31),
        ..example(
            "35",
            "Қарағанды",
            [
                "«Сарыарқа» ферроқорытпа зауытын салу",
                "Строительство ферросплавного завода «Сарыарка»",
                "Saryarka ferroalloy plant",
            ],
            "metallurgy",
            "24.10",
        )
    },
    Example {
        cost_mln: 12_600,
        jobs: Some(450),
        status: Status::Construction,
        start: (2024, 9, 1),
        planned: (2026, 12, 31),
        ..example(
            "39",
            "Қостанай",
            [
                "Ауыл шаруашылығы техникасын локализациялау орталығын құру",
                "Создание центра локализации сельскохозяйственной техники",
                "Agricultural machinery localisation centre",
            ],
            "machine_building",
            "28.30",
        )
    },
    Example {
        cost_mln: 160_500,
        jobs: Some(550),
        company: Some(("Kamlit.KZ", false)),
        level: MapLevel::Republican,
        status: Status::Design,
        start: (2025, 10, 1),
        planned: (2028, 9, 30),
        ..example(
            "39",
            "Қостанай",
            [
                "Жүк автомобильдерінің жетекші көпірлерін өндіру зауытын салу",
                "Строительство завода по производству ведущих мостов грузовых автомобилей",
                "Truck drive axle plant (Kamlit.KZ)",
            ],
            "machine_building",
            "29.32",
        )
    },
    Example {
        cost_mln: 6_700,
        company: Some(("Orda Glass", false)),
        capacity: Some((5.0, "млн м² в год", "энергосберегающее стекло")),
        status: Status::Delayed,
        start: (2022, 6, 1),
        planned: (2025, 12, 31),
        ..example(
            "43",
            "Қызылорда",
            [
                "Энергия үнемдейтін шыны өндіру зауытын салу",
                "Строительство завода по производству энергосберегающего стекла",
                "Energy-saving glass plant (Orda Glass)",
            ],
            "construction_materials",
            "23.11",
        )
    },
    Example {
        cost_mln: 10_000,
        jobs: Some(300),
        status: Status::Commissioned,
        start: (2023, 3, 1),
        planned: (2025, 6, 30),
        actual: Some((2025, 9, 15)),
        ..example(
            "59",
            "Петропавл",
            [
                "Петропавл қаласында трансформаторлар өндірісін ұйымдастыру",
                "Организация производства трансформаторов в г. Петропавловск",
                "Transformer production in Petropavl",
            ],
            "machine_building",
            "27.11",
        )
    },
    Example {
        cost_mln: 500,
        jobs: Some(1_100),
        company: Some(("Turkestan Textile", false)),
        status: Status::AtDesignCapacity,
        start: (2021, 3, 1),
        planned: (2022, 3, 31),
        actual: Some((2022, 5, 20)),
        ..example(
            "61",
            "Түркістан",
            [
                "Тоқыма иірімжібі өндірісін ұйымдастыру",
                "Организация производства текстильной пряжи",
                "Textile yarn production (Turkestan Textile LLP)",
            ],
            "light_industry",
            "13.10",
        )
    },
    Example {
        cost_mln: 145_000,
        jobs: Some(381),
        company: Some(("Жайремский ГОК", true)),
        level: MapLevel::Republican,
        status: Status::AtDesignCapacity,
        start: (2019, 4, 15),
        planned: (2021, 6, 30),
        actual: Some((2021, 12, 20)),
        ..example(
            "62",
            "Жәйрем",
            [
                "Жәйрем кен байыту комбинатын жаңғырту және байыту фабрикасын салу",
                "Модернизация Жайремского ГОКа и строительство обогатительной фабрики",
                "Modernisation of Zhairem GOK and a concentrator",
            ],
            "mining",
            "07.29",
        )
    },
    Example {
        cost_mln: 23_400,
        jobs: Some(145),
        status: Status::AtDesignCapacity,
        start: (2022, 5, 1),
        planned: (2024, 6, 30),
        actual: Some((2024, 9, 20)),
        ..example(
            "79",
            "Шымкент",
            [
                "Алюминий банкалар өндіру зауытын салу",
                "Строительство завода по производству алюминиевых банок",
                "Aluminium can plant",
            ],
            "metallurgy",
            "25.92",
        )
    },
];
