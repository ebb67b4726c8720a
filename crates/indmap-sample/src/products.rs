//! What projects make: per sector, products with their OKED code, the kind of plant that makes
//! them and a plausible capacity; and the project names built from them in three languages.

use crate::places::Town;

/// The kind of plant a product is made in, with the forms names need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Works {
    Plant,
    Factory,
    Complex,
    Workshop,
}

impl Works {
    /// The Kazakh accusative of the possessive form: "цемент өндіру зауытын салу".
    fn kk_acc(self) -> &'static str {
        match self {
            Works::Plant => "зауытын",
            Works::Factory => "фабрикасын",
            Works::Complex => "кешенін",
            Works::Workshop => "цехын",
        }
    }

    /// The Russian genitive: "Строительство завода по производству цемента".
    fn ru_gen(self) -> &'static str {
        match self {
            Works::Plant => "завода",
            Works::Factory => "фабрики",
            Works::Complex => "комплекса",
            Works::Workshop => "цеха",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Works::Plant => "plant",
            Works::Factory => "factory",
            Works::Complex => "complex",
            Works::Workshop => "workshop",
        }
    }
}

/// How a project's object is named: a plant making a product, or a facility with a name of its
/// own (a poultry farm, a solar power plant).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Object {
    Made(&'static [Works]),
    /// Kazakh accusative, Russian genitive, English.
    Facility(&'static str, &'static str, &'static str),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Product {
    /// Kazakh, as it stands before "өндіру" (accusative where Kazakh wants it).
    pub kk_obj: &'static str,
    /// Kazakh nominative, as it stands before "өндірісін".
    pub kk: &'static str,
    /// Russian genitive, after "по производству".
    pub ru_gen: &'static str,
    /// Russian nominative, for the capacity's product.
    pub ru: &'static str,
    pub en: &'static str,
    pub oked: &'static str,
    pub object: Object,
    pub unit: &'static str,
    /// Capacity per 1 bn KZT of cost (low, high): capacity grows with the money spent.
    pub per_bn: (f64, f64),
}

/// The unit of power plants, whose capacity goes into the name.
pub(crate) const MW: &str = "МВт";

/// A product made in a plant; `names` are Kazakh, Russian genitive, Russian, English.
const fn made(
    names: (&'static str, &'static str, &'static str, &'static str),
    oked: &'static str,
    plants: &'static [Works],
    unit: &'static str,
    per_bn: (f64, f64),
) -> Product {
    let (kk, ru_gen, ru, en) = names;
    Product { kk_obj: kk, kk, ru_gen, ru, en, oked, object: Object::Made(plants), unit, per_bn }
}

const fn facility(
    names: (&'static str, &'static str, &'static str),
    ru: &'static str,
    oked: &'static str,
    unit: &'static str,
    per_bn: (f64, f64),
) -> Product {
    let (kk_acc, ru_gen, en) = names;
    Product {
        kk_obj: "",
        kk: "",
        ru_gen: "",
        ru,
        en: "",
        oked,
        object: Object::Facility(kk_acc, ru_gen, en),
        unit,
        per_bn,
    }
}

impl Product {
    /// The Kazakh object in the accusative where a plural wants it: "сүт өнімдерін өндіру".
    const fn obj(self, kk_obj: &'static str) -> Product {
        Product { kk_obj, ..self }
    }
}

use Works::{Complex as K, Factory as F, Plant as P, Workshop as W};

const T_YR: &str = "тонн в год";
const KT_YR: &str = "тыс. тонн в год";
const UNITS_YR: &str = "единиц в год";
const KPCS_YR: &str = "тыс. штук в год";

const AGRO: &[Product] = &[
    made(
        ("сүт өнімдері", "молочной продукции", "молочная продукция", "dairy products"),
        "10.51",
        &[P, W],
        T_YR,
        (3000.0, 8000.0),
    )
    .obj("сүт өнімдерін"),
    made(
        ("ет өнімдері", "мясной продукции", "мясная продукция", "meat processing"),
        "10.11",
        &[K, P],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("ет өнімдерін"),
    made(("ұн", "муки", "мука", "flour"), "10.61", &[P, K], T_YR, (10000.0, 30000.0)),
    made(
        ("өсімдік майы", "растительного масла", "растительное масло", "vegetable oil"),
        "10.41",
        &[P],
        T_YR,
        (5000.0, 15000.0),
    )
    .obj("өсімдік майын"),
    made(("қант", "сахара", "сахар", "sugar"), "10.81", &[P], T_YR, (5000.0, 12000.0)),
    made(
        ("макарон өнімдері", "макаронных изделий", "макаронные изделия", "pasta"),
        "10.73",
        &[F, W],
        T_YR,
        (3000.0, 8000.0),
    )
    .obj("макарон өнімдерін"),
    made(("құрама жем", "комбикормов", "комбикорма", "compound feed"), "10.91", &[P], T_YR, (20000.0, 50000.0)),
    made(
        ("жеміс-көкөніс консервілері", "плодоовощных консервов", "плодоовощные консервы", "canned vegetable"),
        "10.39",
        &[P, W],
        T_YR,
        (2000.0, 6000.0),
    )
    .obj("жеміс-көкөніс консервілерін"),
    made(("шырын", "соков", "соки", "juice"), "10.32", &[P, W], T_YR, (4000.0, 9000.0)),
    facility(("құс фабрикасын", "птицефабрики", "poultry farm"), "мясо птицы", "01.47", T_YR, (300.0, 1000.0)),
    facility(
        ("жылыжай кешенін", "тепличного комплекса", "greenhouse complex"),
        "овощи закрытого грунта",
        "01.13",
        T_YR,
        (300.0, 800.0),
    ),
    facility(("сүт-тауар фермасын", "молочно-товарной фермы", "dairy farm"), "молоко", "01.41", T_YR, (1000.0, 3000.0)),
    facility(
        ("бордақылау алаңын", "откормочной площадки", "cattle feedlot"),
        "крупный рогатый скот",
        "01.42",
        "голов единовременно",
        (1000.0, 3000.0),
    ),
];

const CONSTRUCTION: &[Product] = &[
    made(("цемент", "цемента", "цемент", "cement"), "23.51", &[P], T_YR, (10000.0, 20000.0)),
    made(("кірпіш", "кирпича", "кирпич", "brick"), "23.32", &[P], "млн штук в год", (2.0, 6.0)),
    made(
        ("газбетон блоктары", "газобетонных блоков", "газобетонные блоки", "aerated concrete"),
        "23.61",
        &[P],
        "тыс. м³ в год",
        (20.0, 50.0),
    )
    .obj("газбетон блоктарын"),
    made(
        ("энергия үнемдейтін шыны", "энергосберегающего стекла", "энергосберегающее стекло", "energy-saving glass"),
        "23.11",
        &[P],
        "тыс. м² в год",
        (400.0, 800.0),
    ),
    made(
        ("темірбетон бұйымдары", "железобетонных изделий", "железобетонные изделия", "precast concrete"),
        "23.61",
        &[P],
        "тыс. м³ в год",
        (10.0, 30.0),
    )
    .obj("темірбетон бұйымдарын"),
    made(
        ("керамикалық плитка", "керамической плитки", "керамическая плитка", "ceramic tile"),
        "23.31",
        &[P],
        "млн м² в год",
        (0.3, 1.0),
    ),
    made(
        ("құрғақ құрылыс қоспалары", "сухих строительных смесей", "сухие строительные смеси", "dry mortar"),
        "23.64",
        &[P],
        T_YR,
        (10000.0, 30000.0),
    )
    .obj("құрғақ құрылыс қоспаларын"),
    made(
        ("минералды мақта", "минеральной ваты", "минеральная вата", "mineral wool"),
        "23.99",
        &[P],
        T_YR,
        (3000.0, 8000.0),
    ),
    made(("әк", "извести", "известь", "lime"), "23.52", &[P], T_YR, (10000.0, 30000.0)),
];

const ENERGY: &[Product] = &[
    facility(
        ("күн электр станциясын", "солнечной электростанции", "solar power plant"),
        "электроэнергия",
        "35.11",
        MW,
        (1.5, 2.5),
    ),
    facility(
        ("жел электр станциясын", "ветровой электростанции", "wind farm"),
        "электроэнергия",
        "35.11",
        MW,
        (1.5, 2.2),
    ),
    facility(
        ("шағын су электр станциясын", "малой гидроэлектростанции", "small hydropower plant"),
        "электроэнергия",
        "35.11",
        MW,
        (0.8, 1.5),
    ),
    facility(
        ("газ-поршеньді электр станциясын", "газопоршневой электростанции", "gas engine power plant"),
        "электроэнергия",
        "35.11",
        MW,
        (2.0, 4.0),
    ),
    facility(
        ("жылу электр орталығын", "теплоэлектроцентрали", "combined heat and power plant"),
        "электро- и теплоэнергия",
        "35.11",
        MW,
        (0.5, 1.2),
    ),
];

const MINING: &[Product] = &[
    facility(
        ("кен байыту фабрикасын", "обогатительной фабрики", "ore concentrator"),
        "руда",
        "07.29",
        "тыс. тонн руды в год",
        (20.0, 60.0),
    ),
    facility(
        ("көмір разрезін", "угольного разреза", "open-pit coal mine"),
        "уголь",
        "05.10",
        "млн тонн в год",
        (0.02, 0.06),
    ),
    facility(
        ("алтын өндіру кешенін", "золотодобывающего комплекса", "gold mining complex"),
        "золото",
        "07.29",
        "кг в год",
        (10.0, 40.0),
    ),
    made(
        ("темір кенді концентрат", "железорудного концентрата", "железорудный концентрат", "iron ore concentrate"),
        "07.10",
        &[F, K],
        T_YR,
        (20000.0, 50000.0),
    ),
    made(("қиыршық тас", "щебня", "щебень", "crushed stone"), "08.12", &[P], "тыс. м³ в год", (20.0, 60.0)),
    made(
        ("мыс концентраты", "медного концентрата", "медный концентрат", "copper concentrate"),
        "07.29",
        &[F],
        KT_YR,
        (5.0, 15.0),
    )
    .obj("мыс концентратын"),
];

const METALLURGY: &[Product] = &[
    made(("ферроқорытпа", "ферросплавов", "ферросплавы", "ferroalloy"), "24.10", &[P], T_YR, (1000.0, 3000.0)),
    made(("болат", "стали", "сталь", "steel"), "24.10", &[P], T_YR, (2000.0, 5000.0)),
    made(
        ("металл прокаты", "металлопроката", "металлопрокат", "rolled steel"),
        "24.10",
        &[P, W],
        T_YR,
        (3000.0, 8000.0),
    )
    .obj("металл прокатын"),
    made(("болат құбырлар", "стальных труб", "стальные трубы", "steel pipe"), "24.20", &[P], T_YR, (2000.0, 6000.0))
        .obj("болат құбырларды"),
    made(
        ("алюминий профилі", "алюминиевого профиля", "алюминиевый профиль", "aluminium profile"),
        "24.42",
        &[P, W],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("алюминий профилін"),
    made(("мыс катанкасы", "медной катанки", "медная катанка", "copper rod"), "24.44", &[P], T_YR, (2000.0, 5000.0))
        .obj("мыс катанкасын"),
    made(
        ("металл конструкциялары", "металлоконструкций", "металлоконструкции", "steel structures"),
        "25.11",
        &[P, W],
        T_YR,
        (3000.0, 8000.0),
    )
    .obj("металл конструкцияларын"),
    made(
        ("шойын құймалары", "чугунного литья", "чугунное литьё", "iron casting"),
        "24.51",
        &[W, P],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("шойын құймаларын"),
];

const CHEMICALS: &[Product] = &[
    made(
        ("минералды тыңайтқыштар", "минеральных удобрений", "минеральные удобрения", "fertiliser"),
        "20.15",
        &[P, K],
        T_YR,
        (5000.0, 15000.0),
    )
    .obj("минералды тыңайтқыштарды"),
    made(
        ("күкірт қышқылы", "серной кислоты", "серная кислота", "sulphuric acid"),
        "20.13",
        &[P],
        T_YR,
        (10000.0, 25000.0),
    )
    .obj("күкірт қышқылын"),
    made(
        ("каустикалық сода", "каустической соды", "каустическая сода", "caustic soda"),
        "20.13",
        &[P],
        T_YR,
        (3000.0, 8000.0),
    ),
    made(
        ("лак-бояу өнімдері", "лакокрасочной продукции", "лакокрасочная продукция", "paint"),
        "20.30",
        &[P, W],
        T_YR,
        (2000.0, 6000.0),
    )
    .obj("лак-бояу өнімдерін"),
    made(
        ("тұрмыстық химия тауарлары", "товаров бытовой химии", "бытовая химия", "household chemicals"),
        "20.41",
        &[P, W],
        T_YR,
        (2000.0, 6000.0),
    )
    .obj("тұрмыстық химия тауарларын"),
];

const PETROCHEMICALS: &[Product] = &[
    made(("полипропилен", "полипропилена", "полипропилен", "polypropylene"), "20.16", &[P, K], T_YR, (300.0, 800.0)),
    made(("полиэтилен", "полиэтилена", "полиэтилен", "polyethylene"), "20.16", &[P, K], T_YR, (300.0, 800.0)),
    made(
        ("полимер құбырлар", "полимерных труб", "полимерные трубы", "plastic pipe"),
        "22.21",
        &[P, W],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("полимер құбырларды"),
    made(
        ("полимер қаптама", "полимерной упаковки", "полимерная упаковка", "plastic packaging"),
        "22.22",
        &[P, W],
        T_YR,
        (1000.0, 3000.0),
    ),
    made(("бутадиен", "бутадиена", "бутадиен", "butadiene"), "20.14", &[P, K], T_YR, (200.0, 600.0)),
];

const OIL_REFINING: &[Product] = &[
    made(("битум", "битума", "битум", "bitumen"), "19.20", &[P], T_YR, (3000.0, 8000.0)),
    made(("мотор майлары", "моторных масел", "моторные масла", "lubricant"), "19.20", &[P], T_YR, (2000.0, 5000.0))
        .obj("мотор майларын"),
    facility(
        ("мұнай өңдеу зауытын", "нефтеперерабатывающего завода", "oil refinery"),
        "нефть (переработка)",
        "19.20",
        KT_YR,
        (5.0, 15.0),
    ),
    facility(
        ("газ өңдеу зауытын", "газоперерабатывающего завода", "gas processing plant"),
        "газ (переработка)",
        "19.20",
        "млн м³ в год",
        (5.0, 15.0),
    ),
];

const MACHINE_BUILDING: &[Product] = &[
    made(
        (
            "ауыл шаруашылығы техникасы",
            "сельскохозяйственной техники",
            "сельскохозяйственная техника",
            "farm machinery",
        ),
        "28.30",
        &[P],
        UNITS_YR,
        (50.0, 200.0),
    )
    .obj("ауыл шаруашылығы техникасын"),
    made(("автобустар", "автобусов", "автобусы", "bus"), "29.10", &[P], UNITS_YR, (20.0, 60.0)).obj("автобустарды"),
    made(
        ("жүк автомобильдері", "грузовых автомобилей", "грузовые автомобили", "truck"),
        "29.10",
        &[P],
        UNITS_YR,
        (30.0, 80.0),
    )
    .obj("жүк автомобильдерін"),
    made(
        ("автокомпоненттер", "автокомпонентов", "автокомпоненты", "auto component"),
        "29.32",
        &[P, W],
        KPCS_YR,
        (20.0, 60.0),
    )
    .obj("автокомпоненттерді"),
    made(
        ("трансформаторлар", "трансформаторов", "трансформаторы", "transformer"),
        "27.11",
        &[P],
        UNITS_YR,
        (300.0, 800.0),
    )
    .obj("трансформаторларды"),
    made(
        ("кабель өнімдері", "кабельной продукции", "кабельная продукция", "cable"),
        "27.32",
        &[P],
        "тыс. км в год",
        (1.0, 3.0),
    )
    .obj("кабель өнімдерін"),
    made(
        ("жүк вагондары", "грузовых вагонов", "грузовые вагоны", "freight wagon"),
        "30.20",
        &[P],
        UNITS_YR,
        (20.0, 40.0),
    )
    .obj("жүк вагондарын"),
    made(
        ("сорғы жабдықтары", "насосного оборудования", "насосное оборудование", "pump"),
        "28.13",
        &[P, W],
        UNITS_YR,
        (200.0, 600.0),
    )
    .obj("сорғы жабдықтарын"),
    made(
        ("тұрмыстық техника", "бытовой техники", "бытовая техника", "household appliance"),
        "27.51",
        &[P],
        KPCS_YR,
        (20.0, 60.0),
    ),
];

const LIGHT_INDUSTRY: &[Product] = &[
    made(
        ("мақта иірімжібі", "хлопчатобумажной пряжи", "хлопчатобумажная пряжа", "cotton yarn"),
        "13.10",
        &[F],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("мақта иірімжібін"),
    made(("мата", "тканей", "ткани", "fabric"), "13.20", &[F], "млн м в год", (2.0, 6.0)),
    made(
        ("тігін бұйымдары", "швейных изделий", "швейные изделия", "garment"),
        "14.13",
        &[F, W],
        KPCS_YR,
        (200.0, 600.0),
    )
    .obj("тігін бұйымдарын"),
    made(("арнайы киім", "спецодежды", "спецодежда", "workwear"), "14.12", &[F, W], KPCS_YR, (200.0, 600.0)),
    made(("былғары", "кожи", "кожа", "leather"), "15.11", &[P], "тыс. м² в год", (300.0, 800.0)),
    made(("аяқ киім", "обуви", "обувь", "footwear"), "15.20", &[F], "тыс. пар в год", (200.0, 500.0)),
    made(
        ("тоқыма емес материалдар", "нетканых материалов", "нетканые материалы", "nonwoven fabric"),
        "13.95",
        &[F, P],
        T_YR,
        (1000.0, 3000.0),
    )
    .obj("тоқыма емес материалдарды"),
];

const PHARMA: &[Product] = &[
    made(
        ("дәрілік заттар", "лекарственных средств", "лекарственные средства", "medicine"),
        "21.20",
        &[P],
        "млн упаковок в год",
        (5.0, 15.0),
    )
    .obj("дәрілік заттарды"),
    made(
        ("инфузиялық ерітінділер", "инфузионных растворов", "инфузионные растворы", "infusion solution"),
        "21.20",
        &[P, W],
        "млн флаконов в год",
        (5.0, 15.0),
    )
    .obj("инфузиялық ерітінділерді"),
    made(
        ("медициналық бұйымдар", "медицинских изделий", "медицинские изделия", "medical device"),
        "32.50",
        &[P, W],
        "млн штук в год",
        (10.0, 30.0),
    )
    .obj("медициналық бұйымдарды"),
    made(
        ("бір реттік шприцтер", "одноразовых шприцев", "одноразовые шприцы", "syringe"),
        "32.50",
        &[P],
        "млн штук в год",
        (20.0, 60.0),
    )
    .obj("бір реттік шприцтерді"),
    made(("вакциналар", "вакцин", "вакцины", "vaccine"), "21.20", &[P], "млн доз в год", (2.0, 8.0))
        .obj("вакциналарды"),
];

const WOOD: &[Product] = &[
    made(("жиһаз", "мебели", "мебель", "furniture"), "31.01", &[F, W], KPCS_YR, (5.0, 15.0)),
    made(
        ("ағаш-жоңқа плиталары", "древесно-стружечных плит", "ДСП", "particle board"),
        "16.21",
        &[P],
        "тыс. м³ в год",
        (20.0, 50.0),
    )
    .obj("ағаш-жоңқа плиталарын"),
    made(
        ("ағаш үйлер", "деревянных домов", "деревянные дома", "timber house"),
        "16.23",
        &[P, W],
        UNITS_YR,
        (50.0, 150.0),
    )
    .obj("ағаш үйлерді"),
    made(
        ("ағаш пеллеттер", "древесных пеллет", "древесные пеллеты", "wood pellet"),
        "16.29",
        &[P, W],
        T_YR,
        (5000.0, 15000.0),
    )
    .obj("ағаш пеллеттерді"),
];

const OTHER: &[Product] = &[
    facility(
        ("көлік-логистикалық орталығын", "транспортно-логистического центра", "logistics centre"),
        "грузы",
        "52.10",
        KT_YR,
        (50.0, 150.0),
    ),
    facility(
        ("қалдықтарды қайта өңдеу зауытын", "мусороперерабатывающего завода", "waste recycling plant"),
        "твёрдые бытовые отходы",
        "38.32",
        KT_YR,
        (20.0, 60.0),
    ),
    made(
        ("гофрокартон", "гофрокартона", "гофрокартон", "corrugated board"),
        "17.21",
        &[P, F],
        "млн м² в год",
        (5.0, 15.0),
    ),
    made(
        ("қағаз қаптама", "бумажной упаковки", "бумажная упаковка", "paper packaging"),
        "17.21",
        &[P, F],
        T_YR,
        (2000.0, 6000.0),
    ),
    made(
        ("автомобиль шиналары", "автомобильных шин", "автомобильные шины", "tyre"),
        "22.11",
        &[P],
        KPCS_YR,
        (20.0, 60.0),
    )
    .obj("автомобиль шиналарын"),
    facility(
        ("туристік кешенін", "туристического комплекса", "tourist complex"),
        "размещение туристов",
        "55.10",
        "мест",
        (50.0, 150.0),
    ),
];

/// A sector of the reference list with what its projects make.
pub(crate) struct Sector {
    pub code: &'static str,
    /// How common the sector's projects are on regional maps.
    pub weight: u32,
    /// How common they are among large, republican projects.
    pub republican_weight: u32,
    /// Capital-heavy sectors run to larger costs.
    pub heavy: bool,
    /// Jobs per unit of cost, relative to the average.
    pub labour: f64,
    pub products: &'static [Product],
}

pub(crate) const SECTORS: &[Sector] = &[
    Sector { code: "agro_food", weight: 24, republican_weight: 1, heavy: false, labour: 1.2, products: AGRO },
    Sector {
        code: "construction_materials",
        weight: 14,
        republican_weight: 1,
        heavy: false,
        labour: 0.8,
        products: CONSTRUCTION,
    },
    Sector { code: "energy", weight: 7, republican_weight: 3, heavy: true, labour: 0.3, products: ENERGY },
    Sector { code: "mining", weight: 5, republican_weight: 5, heavy: true, labour: 0.8, products: MINING },
    Sector { code: "metallurgy", weight: 6, republican_weight: 6, heavy: true, labour: 1.0, products: METALLURGY },
    Sector { code: "chemicals", weight: 4, republican_weight: 3, heavy: true, labour: 0.6, products: CHEMICALS },
    Sector {
        code: "petrochemicals",
        weight: 2,
        republican_weight: 4,
        heavy: true,
        labour: 0.4,
        products: PETROCHEMICALS,
    },
    Sector { code: "oil_refining", weight: 2, republican_weight: 3, heavy: true, labour: 0.4, products: OIL_REFINING },
    Sector {
        code: "machine_building",
        weight: 10,
        republican_weight: 2,
        heavy: false,
        labour: 1.3,
        products: MACHINE_BUILDING,
    },
    Sector {
        code: "light_industry",
        weight: 7,
        republican_weight: 0,
        heavy: false,
        labour: 3.0,
        products: LIGHT_INDUSTRY,
    },
    Sector { code: "pharmaceuticals", weight: 4, republican_weight: 0, heavy: false, labour: 1.0, products: PHARMA },
    Sector { code: "wood_furniture", weight: 6, republican_weight: 0, heavy: false, labour: 1.5, products: WOOD },
    Sector { code: "other", weight: 9, republican_weight: 1, heavy: false, labour: 0.8, products: OTHER },
];

pub(crate) fn sector(code: &str) -> &'static Sector {
    SECTORS.iter().find(|s| s.code == code).expect("a sector of the sample catalogue")
}

/// What the project does with its object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    Build,
    Expand,
    Modernise,
    /// "Организация производства …": only for products, not facilities.
    Launch,
}

impl Verb {
    fn kk(self) -> &'static str {
        match self {
            Verb::Build | Verb::Launch => "салу",
            Verb::Expand => "кеңейту",
            Verb::Modernise => "жаңғырту",
        }
    }

    fn ru(self) -> &'static str {
        match self {
            Verb::Build | Verb::Launch => "Строительство",
            Verb::Expand => "Расширение",
            Verb::Modernise => "Модернизация",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Verb::Build | Verb::Launch => "Construction",
            Verb::Expand => "Expansion",
            Verb::Modernise => "Modernisation",
        }
    }
}

pub(crate) struct Names {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

/// The project's names, e.g. "Теміртау қаласында болат өндіру зауытын салу" /
/// "Строительство завода по производству стали в г. Темиртау" /
/// "Construction of a steel plant in Temirtau". A power plant's capacity (MW) goes into its name.
pub(crate) fn project_names(
    product: &Product,
    plant: Works,
    verb: Verb,
    town: Option<&Town>,
    mw: Option<f64>,
) -> Names {
    let (kk_in, ru_in, en_in) = match town {
        Some(t) => (t.kk_in(), t.ru_in(), format!(" in {}", t.en)),
        None => (String::new(), String::new(), String::new()),
    };
    let mw = mw.map(format_mw);
    let (kk, ru, en) = match product.object {
        Object::Made(_) if verb == Verb::Launch => (
            format!("{kk_in}{} өндірісін ұйымдастыру", product.kk),
            format!("Организация производства {}{ru_in}", product.ru_gen),
            format!("Launch of {} production{en_in}", product.en),
        ),
        Object::Made(_) => (
            format!("{kk_in}{} өндіру {} {}", product.kk_obj, plant.kk_acc(), verb.kk()),
            format!("{} {} по производству {}{ru_in}", verb.ru(), plant.ru_gen(), product.ru_gen),
            format!("{} of {}{en_in}", verb.en(), with_article(&format!("{} {}", product.en, plant.en()))),
        ),
        Object::Facility(kk_acc, ru_gen, en) => {
            let kk_mw = mw.as_ref().map(|m| format!("қуаты {m} МВт ")).unwrap_or_default();
            let ru_mw = mw.as_ref().map(|m| format!(" мощностью {m} МВт")).unwrap_or_default();
            let en_mw = mw.as_ref().map(|m| format!("{} MW ", m.replace(',', "."))).unwrap_or_default();
            (
                format!("{kk_in}{kk_mw}{kk_acc} {}", verb.kk()),
                format!("{} {ru_gen}{ru_mw}{ru_in}", verb.ru()),
                format!("{} of {}{en_in}", verb.en(), with_article(&format!("{en_mw}{en}"))),
            )
        }
    };
    Names { kk: capitalise(&kk), ru, en }
}

/// "50" or "2,5": the decimal comma of Kazakh and Russian documents.
fn format_mw(mw: f64) -> String {
    if mw >= 10.0 || mw.fract() == 0.0 { format!("{mw:.0}") } else { format!("{mw:.1}").replace('.', ",") }
}

fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `value` rounded to 2 significant digits (3 from 100 up), as capacities are written.
pub(crate) fn round_capacity(value: f64) -> f64 {
    if value <= 0.0 {
        return 0.0;
    }
    let digits = if value >= 100.0 { 3 } else { 2 };
    let exponent = value.log10().floor() as i32 + 1 - digits;
    // Dividing by a power of ten, rather than multiplying by 0.01, keeps 0.35 from printing as
    // 0.35000000000000003.
    if exponent >= 0 {
        let scale = 10f64.powi(exponent);
        (value / scale).round() * scale
    } else {
        let scale = 10f64.powi(-exponent);
        (value * scale).round() / scale
    }
}
