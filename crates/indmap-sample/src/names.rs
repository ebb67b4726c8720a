//! Word lists for the people and organisations around a project: initiators and their BINs,
//! ministries, officials who report, investors' countries, and the texts of acts.

use crate::draw::{Draw, Lang};
use chrono::{Datelike, NaiveDate};
use indmap_core::Bin;

/// A company that initiates a project: a limited liability partnership (ЖШС / ТОО) or, for large
/// ones, a joint-stock company (АҚ / АО).
pub(crate) struct Company {
    pub name: String,
    pub joint_stock: bool,
}

impl Company {
    pub(crate) fn new(name: &str, joint_stock: bool) -> Company {
        Company { name: name.to_owned(), joint_stock }
    }

    /// «Qazaq Steel» ЖШС / ТОО «Qazaq Steel».
    pub(crate) fn display(&self, lang: Lang) -> String {
        match (lang, self.joint_stock) {
            (Lang::Kk, false) => format!("«{}» ЖШС", self.name),
            (Lang::Kk, true) => format!("«{}» АҚ", self.name),
            (Lang::Ru, false) => format!("ТОО «{}»", self.name),
            (Lang::Ru, true) => format!("АО «{}»", self.name),
        }
    }
}

/// Stems of company names, Latin as many Kazakh companies now write them.
const LATIN_STEMS: &[&str] = &[
    "Qazaq",
    "Saryarka",
    "Altyn",
    "Ertis",
    "Nur",
    "Orda",
    "Steppe",
    "Turan",
    "Kazyna",
    "Aral",
    "Tengri",
    "Shygys",
    "Batys",
    "Dala",
    "Alatau",
    "Kaspi",
    "Eurasia",
    "Jibek Joly",
    "Ulytau",
    "Esil",
    "Astyk",
    "Zhetisu",
    "Baiterek",
    "Tau",
];

/// Stems in Cyrillic, many of them Kazakh words (береке: plenty, ырыс: fortune, шұғыла: radiance).
const CYRILLIC_STEMS: &[&str] = &[
    "Береке",
    "Ақжол",
    "Алтын Дән",
    "Жас Қанат",
    "Сарыарқа",
    "Ертіс",
    "Нұр",
    "Байтақ",
    "Құлагер",
    "Самал",
    "Шұғыла",
    "Ырыс",
    "Мереке",
    "Достық",
    "Атамекен",
    "Тұран",
    "Қызылжар",
    "Көкше",
    "Әлем",
    "Өркен",
    "Күншуақ",
    "Іргетас",
];

/// Words that say what a company does, after a Latin stem: "Qazaq Metal". Kept general, so
/// a company's name never contradicts the product of its project.
fn latin_words(sector: &str) -> &'static [&'static str] {
    match sector {
        "agro_food" => &["Food", "Agro", "Foods", "Agroholding"],
        "construction_materials" => &["Building Materials", "Stroy", "Construction Materials"],
        "energy" => &["Energy", "Power", "Energy Group"],
        "mining" => &["Mining", "Resources", "Mining Group"],
        "metallurgy" => &["Metal", "Metallurgy", "Metal Group"],
        "chemicals" => &["Chemical", "Chem", "Chemical Group"],
        "petrochemicals" => &["Polymer", "Petrochemical", "Polymers"],
        "oil_refining" => &["Oil", "Refining", "Petroleum"],
        "machine_building" => &["Machinery", "Engineering", "Industrial"],
        "light_industry" => &["Textile", "Textiles", "Fashion"],
        "pharmaceuticals" => &["Pharm", "Pharma", "Bio"],
        "wood_furniture" => &["Wood", "Mebel", "Furniture"],
        _ => &["Industrial", "Group", "Technologies", "Invest"],
    }
}

/// Words before a Cyrillic stem: "Агрофирма Береке". Sectors without such names use Latin ones.
fn cyrillic_words(sector: &str) -> &'static [&'static str] {
    match sector {
        "agro_food" => &["Агрофирма", "Агрокомплекс", "Агрохолдинг"],
        "construction_materials" => &["Стройматериалы", "Стройиндустрия"],
        "metallurgy" => &["Металл", "Металлург"],
        "machine_building" => &["Машзавод", "Техмаш"],
        "light_industry" => &["Текстиль", "Легпром"],
        "pharmaceuticals" => &["Фармация", "Фарм"],
        "wood_furniture" => &["Мебель", "Деревообработка"],
        "other" => &["Индустрия", "Промкомбинат"],
        _ => &[],
    }
}

/// A made-up initiator for a project of `sector`; large projects are more often joint-stock.
pub(crate) fn company(draw: &mut Draw, sector: &str, large: bool) -> Company {
    let cyrillic = cyrillic_words(sector);
    let name = if cyrillic.is_empty() || draw.chance(0.55) {
        format!("{} {}", draw.pick(LATIN_STEMS), draw.pick(latin_words(sector)))
    } else {
        format!("{} {}", draw.pick(cyrillic), draw.pick(CYRILLIC_STEMS))
    };
    let joint_stock = draw.chance(if large { 0.5 } else { 0.08 });
    Company { name, joint_stock }
}

/// A BIN of a resident legal entity: YYMM of registration, 4 (resident legal entity), 0 (head
/// office), a 5-digit serial and the check digit.
pub(crate) fn bin(draw: &mut Draw) -> Bin {
    loop {
        let year = draw.range(1995..=2024) % 100;
        let month = draw.range(1..=12);
        let serial = draw.range(0..100_000);
        // About 1 in 11 serials has no valid check digit; draw another, as the registry would.
        if let Some(bin) = Bin::with_check_digit(&format!("{year:02}{month:02}40{serial:05}")) {
            return bin;
        }
    }
}

/// The ministry or holding that owns a republican project.
pub(crate) fn republican_owner(draw: &mut Draw, sector: &str, lang: Lang) -> &'static str {
    let (kk, ru) = if draw.chance(0.2) {
        *draw.pick(&[
            ("«Самұрық-Қазына» АҚ", "АО «Самрук-Казына»"),
            ("«\"Бәйтерек\" ұлттық басқарушы холдингі» АҚ", "АО «НУХ «Байтерек»»"),
        ])
    } else {
        match sector {
            "energy" | "oil_refining" | "petrochemicals" => ("ҚР Энергетика министрлігі", "Министерство энергетики РК"),
            "agro_food" => ("ҚР Ауыл шаруашылығы министрлігі", "Министерство сельского хозяйства РК"),
            _ => ("ҚР Өнеркәсіп және құрылыс министрлігі", "Министерство промышленности и строительства РК"),
        }
    };
    lang.pick(kk, ru)
}

const SURNAMES: &[&str] = &[
    "Ахметов",
    "Сейітқалиева",
    "Жұмабаев",
    "Нұрланова",
    "Төлеуов",
    "Омарова",
    "Исабеков",
    "Қасымова",
    "Сәрсенбаев",
    "Әлімжанова",
    "Байжанов",
    "Ким",
    "Петренко",
    "Ғабдуллин",
    "Оспанова",
    "Мұқанов",
    "Тұрсынова",
    "Есенов",
    "Құдайбергенова",
    "Смағұлов",
    "Иванова",
    "Шәріпов",
    "Әбдірахманова",
    "Бекова",
];

const INITIALS: &[&str] =
    &["А.", "Б.", "Д.", "Е.", "Ж.", "Қ.", "М.", "Н.", "С.", "Т.", "Ә.", "Ұ.", "Ғ.", "Р.", "Г.", "Ө."];

/// "Жұмабаев Н.С.": an official or an initiator's employee who filled in a report.
pub(crate) fn person(draw: &mut Draw) -> String {
    format!("{} {}{}", draw.pick(SURNAMES), draw.pick(INITIALS), draw.pick(INITIALS))
}

/// Countries of foreign direct investment (Kazakh, Russian).
const COUNTRIES: &[(&str, &str)] = &[
    ("Қытай", "Китай"),
    ("Ресей", "Россия"),
    ("Түркия", "Турция"),
    ("Германия", "Германия"),
    ("Біріккен Араб Әмірліктері", "ОАЭ"),
    ("Корея Республикасы", "Республика Корея"),
    ("Италия", "Италия"),
    ("Нидерланды", "Нидерланды"),
    ("Өзбекстан", "Узбекистан"),
    ("Франция", "Франция"),
];

/// "Инвестор: Китай" / "Инвестор елі: Қытай".
pub(crate) fn investor_country(draw: &mut Draw, lang: Lang) -> String {
    let (kk, ru) = *draw.pick(COUNTRIES);
    match lang {
        Lang::Kk => format!("Инвестор елі: {kk}"),
        Lang::Ru => format!("Страна инвестора: {ru}"),
    }
}

/// International financial institutions: the note on an `ifi` financing row.
pub(crate) fn ifi(draw: &mut Draw, lang: Lang) -> &'static str {
    let (kk, ru) = *draw.pick(&[("ЕҚДБ", "ЕБРР"), ("АДБ", "АБР"), ("ЕДБ", "ЕАБР"), ("ИДБ", "ИБР")]);
    lang.pick(kk, ru)
}

/// The Kazakh month in the form acts are dated with: "2024 жылғы 12 наурыздағы".
const KK_MONTHS: [&str; 12] = [
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
];

/// An act's title: "Қарағанды облысы әкімдігінің 2024 жылғы 12 наурыздағы № 45 қаулысы" /
/// "Постановление акимата Карагандинской области от 12.03.2024 № 45". `issuer` is in the
/// genitive ("акимата …", "Правительства Республики Казахстан").
pub(crate) fn act(lang: Lang, issuer: &str, date: NaiveDate, number: u32) -> String {
    match lang {
        Lang::Kk => format!(
            "{issuer} {} жылғы {} {} № {number} қаулысы",
            date.year(),
            date.day(),
            KK_MONTHS[date.month0() as usize]
        ),
        Lang::Ru => format!("Постановление {issuer} от {} № {number}", date.format("%d.%m.%Y")),
    }
}

/// The Government, as the issuer of acts on the republican map.
pub(crate) fn government_of(lang: Lang) -> &'static str {
    lang.pick("Қазақстан Республикасы Үкіметінің", "Правительства Республики Казахстан")
}
