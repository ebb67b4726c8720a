//! A realistic sample industrialization map, fully determined by a seed: for demos, tests and
//! benchmarks.
//!
//! Projects are spread over the regions a database keeps, weighted by economic size, with names in
//! Kazakh and Russian built from what each sector makes and where, financing plans, schedules,
//! action plans, support measures and quarterly monitoring as of a fixed day ([`reference_date`]),
//! never the clock. The published projects of the domain notes open their regions' share. Every
//! project passes `indmap_core::validate::check` without errors; about one in ten carries the
//! warning that its financing does not add up to its cost, as real maps do.
//!
//! Initiators' names and BINs (with valid check digits) are made up, except those published.

mod actions;
mod draw;
mod examples;
mod finance;
mod location;
mod monitoring;
mod names;
mod places;
mod products;
mod schedule;

use chrono::NaiveDate;
use draw::{Draw, Lang};
use examples::Example;
use indmap_core::{Capacity, Criterion, MapLevel, Money, Project, RegionCode, Scope, Status};
use location::Shape;
use names::Company;
use places::{REGIONS, RegionInfo, Town};
use products::{MW, Names, Object, Sector, Verb, Works};
use schedule::{Timeline, add_days, is_on_map, today, ymd};

/// The UUID v7 time of project 0: 2025-01-01T00:00Z. Project `i` gets this plus `i` ms, so ids
/// sort in generation order.
const BASE_MILLIS: u64 = 1_735_689_600_000;

/// Share of projects, outside the published ones, that are large enough for the republican map.
const REPUBLICAN_SHARE: f64 = 0.065;

/// The day the sample's statuses and monitoring are as of: 2026-10-01.
pub fn reference_date() -> NaiveDate {
    today()
}

/// `count` projects spread over the regions `scope` covers (all 20 for Scope::Ministry; only that
/// region for Scope::Region), fully determined by `seed`.
///
/// Project `i` depends only on `seed`, `i` and `scope`, so a larger `count` extends a smaller one.
/// With `Scope::Ministry` the first 20 projects go one to each region, so any `count` of 20 or
/// more touches every region.
pub fn generate(count: usize, seed: u64, scope: Scope) -> Vec<Project> {
    let head = head(scope);
    (0..count)
        .map(|i| {
            let mut draw = Draw::new(seed, i as u64, BASE_MILLIS + i as u64);
            let core = match head.get(i) {
                Some(&(info, Some(example))) => Core::published(&mut draw, info, example),
                Some(&(info, None)) => Core::random(&mut draw, info),
                None => {
                    let info = random_region(&mut draw, scope);
                    Core::random(&mut draw, info)
                }
            };
            build(&mut draw, core)
        })
        .collect()
}

/// The places of the first projects: one per region in KATO order, each opening with its first
/// published project, then the remaining published projects.
fn head(scope: Scope) -> Vec<(&'static RegionInfo, Option<&'static Example>)> {
    fn in_region(kato: &'static str) -> impl Iterator<Item = &'static Example> {
        examples::EXAMPLES.iter().filter(move |e| e.region == kato)
    }
    match scope {
        Scope::Ministry => {
            let mut head: Vec<_> = REGIONS.iter().map(|r| (r, in_region(r.kato).next())).collect();
            head.extend(REGIONS.iter().flat_map(|r| in_region(r.kato).skip(1).map(move |e| (r, Some(e)))));
            head
        }
        Scope::Region(code) => {
            let info = places::region_info(code.as_str());
            in_region(info.kato).map(|e| (info, Some(e))).collect()
        }
    }
}

fn random_region(draw: &mut Draw, scope: Scope) -> &'static RegionInfo {
    match scope {
        Scope::Ministry => &REGIONS[draw.weighted_index(REGIONS.iter().map(|r| r.weight))],
        Scope::Region(code) => places::region_info(code.as_str()),
    }
}

/// The choices a project's other fields follow from.
struct Core {
    info: &'static RegionInfo,
    lang: Lang,
    level: MapLevel,
    sector: &'static str,
    oked: &'static str,
    names: Names,
    with_en: bool,
    company: Company,
    cost: Money,
    capacity: Option<Capacity>,
    jobs_permanent: u32,
    labour: f64,
    town: Option<&'static Town>,
    shape: Shape,
    timeline: Timeline,
}

impl Core {
    fn random(draw: &mut Draw, info: &'static RegionInfo) -> Core {
        let lang = if draw.chance(0.4) { Lang::Kk } else { Lang::Ru };
        let republican = draw.chance(REPUBLICAN_SHARE);
        let sector = pick_sector(draw, info, republican);
        let product = draw.pick(sector.products);
        let (cost, size) = finance::cost(draw, republican, sector.heavy);

        let bn = cost.0 as f64 / 1e11;
        let value = products::round_capacity(bn * draw.range(product.per_bn.0..product.per_bn.1));
        // A power plant of less than 1 MW is not on a map; small costs buy the smallest one.
        let value = if product.unit == MW { value.max(1.0) } else { value };
        let capacity = Capacity { value, unit: product.unit.to_owned(), product: Some(product.ru.to_owned()) };

        let (plant, verb) = match product.object {
            Object::Made(plants) => (
                *draw.pick(plants),
                *draw.weighted(&[(Verb::Build, 55), (Verb::Launch, 20), (Verb::Expand, 15), (Verb::Modernise, 10)]),
            ),
            Object::Facility(..) => {
                (Works::Plant, *draw.weighted(&[(Verb::Build, 75), (Verb::Expand, 15), (Verb::Modernise, 10)]))
            }
        };
        // Most projects are in or next to a town, the centre first; some in the open (mines, farms).
        let town = (info.is_city() || draw.chance(0.85)).then(|| {
            let weights = info.towns.iter().enumerate().map(|(i, _)| if i == 0 { 4 } else { 1 });
            &info.towns[draw.weighted_index(weights)]
        });
        let named_town = town.filter(|_| draw.chance(0.6));
        let names = products::project_names(product, plant, verb, named_town, (product.unit == MW).then_some(value));

        let linear = matches!(sector.code, "oil_refining" | "petrochemicals" | "energy" | "mining" | "other");
        let shape = if draw.chance(if linear { 0.10 } else { 0.01 }) {
            Shape::Line
        } else if draw.chance(0.02) {
            Shape::Site
        } else {
            Shape::Point
        };

        Core {
            info,
            lang,
            level: if republican { MapLevel::Republican } else { MapLevel::Regional },
            sector: sector.code,
            oked: product.oked,
            names,
            with_en: draw.chance(0.3),
            company: names::company(draw, sector.code, bn >= 20.0),
            cost,
            capacity: Some(capacity),
            jobs_permanent: jobs_permanent(draw, bn, sector.labour),
            labour: sector.labour,
            town,
            shape,
            timeline: Timeline::random(draw, size),
        }
    }

    fn published(draw: &mut Draw, info: &'static RegionInfo, e: &Example) -> Core {
        let lang = if draw.chance(0.4) { Lang::Kk } else { Lang::Ru };
        let date = |(y, m, d): (i32, u32, u32)| ymd(y, m, d);
        let mut timeline = Timeline::shaped(draw, date(e.start), date(e.planned), e.status);
        if let Some(actual) = e.actual {
            timeline.commissioned(draw, date(actual));
        }
        let cost = Money::from_mln(e.cost_mln);
        let bn = cost.0 as f64 / 1e11;
        let sector = products::sector(e.sector);
        let company = match e.company {
            Some((name, joint_stock)) => Company::new(name, joint_stock),
            None => names::company(draw, e.sector, bn >= 20.0),
        };
        Core {
            info,
            lang,
            level: e.level,
            sector: e.sector,
            oked: e.oked,
            names: Names { kk: e.kk.to_owned(), ru: e.ru.to_owned(), en: e.en.to_owned() },
            with_en: true,
            company,
            cost,
            capacity: e.capacity.map(|(value, unit, product)| Capacity {
                value,
                unit: unit.into(),
                product: Some(product.into()),
            }),
            jobs_permanent: e.jobs.unwrap_or_else(|| jobs_permanent(draw, bn, sector.labour)),
            labour: sector.labour,
            town: Some(places::town_named(info, e.town)),
            shape: Shape::Point,
            timeline,
        }
    }
}

/// A sector weighted by how common it is on the map at this level, favouring the region's own
/// industries; no mines inside cities.
fn pick_sector(draw: &mut Draw, info: &RegionInfo, republican: bool) -> &'static Sector {
    let weights = products::SECTORS.iter().map(|s| {
        let base = if republican { s.republican_weight } else { s.weight };
        let boost = if info.strong.contains(&s.code) { 3 } else { 1 };
        if info.is_city() && s.code == "mining" { 0 } else { base * boost }
    });
    &products::SECTORS[draw.weighted_index(weights)]
}

/// Permanent jobs grow more slowly than cost: about 50 per 1 bn KZT, 200 per 10 bn, capped at
/// 1,500; labour-intensive sectors (textiles) employ more.
fn jobs_permanent(draw: &mut Draw, bn: f64, labour: f64) -> u32 {
    (50.0 * bn.powf(0.6) * labour * draw.range(0.6..1.4)).round().clamp(10.0, 1500.0) as u32
}

/// The whole project from its core choices.
fn build(draw: &mut Draw, core: Core) -> Project {
    let Core {
        info,
        lang,
        level,
        sector,
        oked,
        names,
        with_en,
        company,
        cost,
        capacity,
        jobs_permanent,
        labour,
        town,
        shape,
        timeline: t,
    } = core;
    let region = RegionCode::parse(info.kato).expect("one of the 20 regions");
    let republican = level == MapLevel::Republican;
    let mut p = Project::new(draw.id(), names.kk, names.ru, region);
    p.name_en = with_en.then_some(names.en);
    p.district = town.and_then(|t| t.district_name(lang));
    p.settlement = town.map(|t| t.name(lang).to_owned());
    p.zone = town.filter(|t| !t.zones.is_empty() && draw.chance(0.35)).map(|t| {
        let (kk, ru) = *draw.pick(t.zones);
        lang.pick(kk, ru).to_owned()
    });
    p.location = Some(location::locate(draw, info, town, shape));
    p.level = level;
    p.status = t.status;
    p.sector = Some(sector.to_owned());
    p.oked = Some(oked.to_owned());
    p.initiator = Some(company.display(lang));
    p.initiator_bin = Some(names::bin(draw));
    p.cost = Some(cost);
    p.capacity = capacity;
    p.jobs_permanent = Some(jobs_permanent);
    // Building takes more hands than running, in labour-light sectors too.
    let jobs_construction =
        ((f64::from(jobs_permanent) * draw.range(0.8..2.5) / labour.max(1.0)).round() as u32).max(10);
    p.jobs_construction = Some(jobs_construction);

    p.start_date = Some(t.start);
    p.commissioning_planned = Some(t.planned);
    p.commissioning_actual = t.actual;
    p.design_capacity_date = t.design_capacity;
    p.criteria = criteria(draw, republican);
    p.responsible_body =
        Some(if republican { names::republican_owner(draw, sector, lang).to_owned() } else { info.akimat(lang) });

    let issuer = if republican { names::government_of(lang).to_owned() } else { info.akimat_of(lang) };
    p.inclusion_date = inclusion_date(draw, &t);
    p.inclusion_act = p.inclusion_date.map(|d| names::act(lang, &issuer, d, act_number(draw, republican)));
    if t.status == Status::Excluded {
        p.exclusion_date = t.stop;
        p.exclusion_act = t.stop.map(|d| names::act(lang, &issuer, d, act_number(draw, republican)));
        p.exclusion_reason = Some(pick_text(draw, EXCLUSION_REASONS, lang));
    }
    local_content(&mut p, draw, republican, lang);
    p.problems = match t.status {
        Status::Delayed => Some(pick_text(draw, DELAY_PROBLEMS, lang)),
        Status::Suspended => Some(pick_text(draw, SUSPENSION_PROBLEMS, lang)),
        _ => None,
    };
    p.notes = draw.chance(0.1).then(|| pick_text(draw, NOTES, lang));

    let plan = finance::Plan { cost, sector, republican, timeline: &t, invested: t.progress_now() / 100.0, lang };
    p.financing = finance::financing(draw, &plan);
    if p.financing.iter().any(|f| f.source == "fdi") && draw.chance(0.6) {
        p.cost_original = Some(finance::original_cost(draw, cost));
    }
    p.milestones = schedule::milestones(draw, &t, lang);
    p.actions = actions::actions(draw, &t, info, lang);
    p.support_measures = if is_on_map(t.status) { finance::support_measures(draw, cost, &t, lang) } else { Vec::new() };
    let subject = monitoring::Subject {
        timeline: &t,
        cost,
        capacity: p.capacity.as_ref(),
        jobs_construction,
        jobs_permanent,
        goods_pct: p.local_content_goods_pct,
        lang,
    };
    p.monitoring = monitoring::reports(draw, &subject);
    p
}

/// 0 to 3 distinct criteria of Art. 20 p.6; large projects qualify by scale.
fn criteria(draw: &mut Draw, republican: bool) -> Vec<Criterion> {
    let count = *draw.weighted(&[(0usize, 25), (1, 40), (2, 25), (3, 10)]);
    let mut chosen: Vec<Criterion> =
        draw.distinct(Criterion::ALL.len(), count).into_iter().map(|i| Criterion::ALL[i]).collect();
    if republican && !chosen.contains(&Criterion::Scale) {
        chosen.push(Criterion::Scale);
    }
    chosen
}

/// The day the project was put on its map: some months before the start, or within the last year
/// for projects that have not started yet.
fn inclusion_date(draw: &mut Draw, t: &Timeline) -> Option<NaiveDate> {
    if !is_on_map(t.status) {
        return None;
    }
    Some(if t.start <= today() {
        add_days(t.start, -draw.range(30..=300)).max(ymd(2018, 6, 1))
    } else {
        draw.date(add_days(today(), -400), add_days(today(), -10))
    })
}

fn act_number(draw: &mut Draw, republican: bool) -> u32 {
    if republican { draw.range(100..=1100) } else { draw.range(10..=999) }
}

/// Labour and goods shares for most projects; republican ones also have the local-content
/// expertise their inclusion needs (Art. 1 p.2), done before they were put on the map.
fn local_content(p: &mut Project, draw: &mut Draw, republican: bool, lang: Lang) {
    if republican || draw.chance(0.8) {
        p.local_content_labour_pct = Some((draw.range(70.0..100.0) * 10.0_f64).round() / 10.0);
        p.local_content_goods_pct = Some((draw.range(5.0..80.0) * 10.0_f64).round() / 10.0);
    }
    if republican {
        let date = match p.inclusion_date {
            Some(d) => add_days(d, -draw.range(30..=180)),
            None => draw.date(add_days(today(), -365), add_days(today(), -20)),
        };
        let prefix = lang.pick("ЖҚ", "МС");
        p.local_content_expertise_ref =
            Some(format!("№ {prefix}-{}/{:04}", chrono::Datelike::year(&date), draw.range(1..=2000)));
        p.local_content_expertise_date = Some(date);
    }
}

fn pick_text(draw: &mut Draw, options: &[(&str, &str)], lang: Lang) -> String {
    let (kk, ru) = *draw.pick(options);
    lang.pick(kk, ru).to_owned()
}

const EXCLUSION_REASONS: &[(&str, &str)] = &[
    ("Бастамашы жобаны іске асырудан бас тартты", "Инициатор отказался от реализации проекта"),
    ("Жобаны қаржыландыру қамтамасыз етілмеді", "Не обеспечено финансирование проекта"),
    ("Жоба картаның өлшемшарттарына сәйкес келмейді", "Проект не соответствует критериям карты"),
    ("Жер учаскесі бойынша сот дауы шешілмеді", "Не разрешён судебный спор по земельному участку"),
];

const DELAY_PROBLEMS: &[(&str, &str)] = &[
    ("Жабдық жеткізу мерзімі бұзылды", "Нарушены сроки поставки оборудования"),
    ("Екінші деңгейдегі банктің қаржыландыруы тартылмаған", "Не привлечено финансирование БВУ"),
    ("Электр желілеріне қосылу мәселесі шешілмеген", "Не решён вопрос подключения к электросетям"),
    ("Құрылыс-монтаж жұмыстарының құны өсті", "Удорожание строительно-монтажных работ"),
    ("Мердігер жұмысты тоқтатты", "Подрядчик приостановил работы"),
];

const SUSPENSION_PROBLEMS: &[(&str, &str)] = &[
    ("Инвестор жобаны іске асыруды тоқтатты", "Инвестор приостановил реализацию проекта"),
    ("Жер учаскесі бойынша сот дауы", "Судебный спор по земельному участку"),
    ("Жобаның құнын қайта қарау", "Пересмотр стоимости проекта"),
];

const NOTES: &[(&str, &str)] = &[
    ("Жоба өңірлік инвестициялық штабта қаралды", "Проект рассмотрен на региональном инвестиционном штабе"),
    ("Бастамашы экспорттық нарықтарды қарастыруда", "Инициатор прорабатывает экспортные рынки"),
    ("Өнімді жергілікті жеткізушілерден сатып алу жоспарланған", "Планируются закупки у отечественных поставщиков"),
];
