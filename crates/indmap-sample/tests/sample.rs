//! What users of the sample rely on: it is repeatable, spread over the country, placed inside the
//! right regions, valid, and realistic enough to exercise the app (warnings included).

use chrono::NaiveDate;
use geo::CoordsIter;
use indmap_core::geography::boundaries;
use indmap_core::reference::{FinancingStatus, default_financing_sources, default_sectors};
use indmap_core::validate::{Rules, check};
use indmap_core::{MapLevel, Money, Project, RegionCode, Scope, Status, is_valid_period};
use indmap_sample::{generate, reference_date};
use std::collections::HashSet;
use std::sync::OnceLock;

const SEED: u64 = 20_261_001;

/// The national sample most tests look at, generated once.
fn national() -> &'static [Project] {
    static SAMPLE: OnceLock<Vec<Project>> = OnceLock::new();
    SAMPLE.get_or_init(|| generate(2_000, SEED, Scope::Ministry))
}

fn karaganda() -> Scope {
    Scope::Region(RegionCode::parse("35").unwrap())
}

fn rules() -> Rules {
    Rules {
        sectors: default_sectors().into_iter().map(|s| s.code).collect(),
        financing_sources: default_financing_sources().into_iter().map(|s| s.code).collect(),
        republican_threshold: None,
    }
}

fn share(projects: &[Project], pred: impl Fn(&Project) -> bool) -> f64 {
    projects.iter().filter(|p| pred(p)).count() as f64 / projects.len() as f64
}

#[test]
fn same_seed_same_projects_other_seed_other_projects() {
    let a = generate(300, 42, Scope::Ministry);
    assert_eq!(a, generate(300, 42, Scope::Ministry));
    // A larger sample extends a smaller one rather than reshuffling it.
    assert_eq!(a[..50], generate(50, 42, Scope::Ministry)[..]);

    let b = generate(300, 43, Scope::Ministry);
    assert_ne!(a, b);
    let ids_a: HashSet<_> = a.iter().map(|p| p.id).collect();
    assert!(b.iter().all(|p| !ids_a.contains(&p.id)), "another seed must give other ids");
    assert!(a.iter().zip(&b).filter(|(x, y)| x.name_ru != y.name_ru).count() > 200);
}

#[test]
fn national_sample_covers_every_region_with_a_few_republican_projects() {
    let sample = national();
    assert_eq!(sample.len(), 2_000);
    let regions: HashSet<_> = sample.iter().map(|p| p.region).collect();
    assert_eq!(regions.len(), 20);
    // Even 20 projects reach every region.
    assert_eq!(generate(20, 1, Scope::Ministry).iter().map(|p| p.region).collect::<HashSet<_>>().len(), 20);

    let republican = share(sample, |p| p.level == MapLevel::Republican);
    assert!((0.05..=0.08).contains(&republican), "republican share {republican}");
    for p in sample.iter().filter(|p| p.level == MapLevel::Republican) {
        assert!(p.cost.unwrap() >= Money::from_mln(50_000), "{}", p.name_ru);
        assert!(p.local_content_expertise_date.is_some() && p.local_content_expertise_ref.is_some(), "{}", p.name_ru);
    }

    // Larger economies carry more projects than small ones.
    let count = |kato: &str| sample.iter().filter(|p| p.region.as_str() == kato).count();
    assert!(count("35") > 2 * count("62"), "Karaganda {} vs Ulytau {}", count("35"), count("62"));
}

#[test]
fn every_location_lies_in_its_region() {
    let b = boundaries();
    let mut shapes = HashSet::new();
    for p in national() {
        let location = p.location.as_ref().unwrap_or_else(|| panic!("{} has no location", p.name_ru));
        shapes.insert(std::mem::discriminant(location));
        for c in location.coords_iter() {
            let found = b.region_at(c.into()).map(|r| r.kato);
            assert_eq!(found, Some(p.region.as_str()), "{} at ({}, {})", p.name_ru, c.x, c.y);
            assert_eq!((c.x * 1e5).round() / 1e5, c.x, "coordinates are rounded to 5 decimals");
        }
    }
    assert_eq!(shapes.len(), 3, "points, lines and site polygons all occur");
}

/// The national sample and, for each of the 20 regions, a sample of that region's own database.
fn every_scope() -> Vec<Project> {
    let mut projects = national().to_vec();
    for region in indmap_core::reference::REGIONS {
        projects.extend(generate(60, SEED, Scope::Region(RegionCode::parse(region.kato).unwrap())));
    }
    projects
}

#[test]
fn no_project_has_validation_errors() {
    let rules = rules();
    let failures: Vec<String> = every_scope()
        .iter()
        .filter_map(|p| {
            let problems = check(p, &rules);
            let errors: Vec<String> = problems.errors().map(|e| format!("{} [{}]", e, e.rule)).collect();
            (!errors.is_empty()).then(|| format!("{} ({}): {}", p.name_ru, p.region, errors.join("; ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} projects with errors, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

#[test]
fn regional_databases_get_their_own_region_placed_inside_it() {
    for p in every_scope().iter().skip(national().len()) {
        let inside = p
            .location
            .as_ref()
            .unwrap()
            .coords_iter()
            .all(|c| boundaries().region_at(c.into()).map(|r| r.kato) == Some(p.region.as_str()));
        assert!(inside, "{} ({})", p.name_ru, p.region);
    }
}

/// Sample maps are exchanged as files like any other: reading a written project back must
/// give the same project, without a problem.
#[test]
fn projects_survive_the_interchange_format() {
    struct NoNewIds;
    impl indmap_core::IdSource for NoNewIds {
        fn new_id(&mut self) -> uuid::Uuid {
            panic!("every id is in the file")
        }
    }
    for p in national() {
        let feature = indmap_core::feature::project_to_feature(p);
        let (back, problems) = indmap_core::feature::project_from_feature(&feature, &mut NoNewIds);
        assert!(
            problems.is_empty(),
            "{}: {:?}",
            p.name_ru,
            problems.0.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        assert_eq!(back.as_ref(), Some(p));
    }
}

#[test]
fn costs_and_financing() {
    let sample = national();
    let (min, max) = (Money::from_mln(100), Money::from_mln(400_000));
    for p in sample {
        let cost = p.cost.unwrap();
        assert!(min <= cost && cost <= max, "{}: {cost:?}", p.name_ru);
        assert!((1..=4).contains(&p.financing.len()), "{}", p.name_ru);
        let (start, planned) = (p.start_date.unwrap(), p.commissioning_planned.unwrap());
        for f in &p.financing {
            assert!(f.amount > Money::ZERO);
            assert!(
                (chrono::Datelike::year(&start)..=chrono::Datelike::year(&planned)).contains(&f.year),
                "{}",
                p.name_ru
            );
        }
        if let Some(original) = &p.cost_original {
            let back = (original.amount.0 as f64 * original.rate).round() as i64;
            assert!((back - cost.0).abs() <= original.rate.ceil() as i64, "{}: {original:?}", p.name_ru);
            assert_eq!((original.rate * 100.0).round() / 100.0, original.rate);
        }
    }
    let balanced = share(sample, |p| p.financing_total() == p.cost.unwrap());
    assert!((0.8..0.97).contains(&balanced), "financing adds up in {balanced} of projects");
    // A project not yet on a map has nothing committed or disbursed.
    for p in sample.iter().filter(|p| matches!(p.status, Status::Candidate | Status::Submitted | Status::Promising)) {
        assert!(p.financing.iter().all(|f| f.status == FinancingStatus::Planned), "{}", p.name_ru);
    }
}

#[test]
fn a_region_gets_only_its_own_projects_starting_with_the_published_one() {
    let projects = generate(200, SEED, karaganda());
    assert!(projects.iter().all(|p| p.region.as_str() == "35"));
    assert_eq!(projects[0].name_ru, "Строительство ферросплавного завода «Сарыарка»");
    assert_eq!(projects[0].cost, Some(Money::from_mln(35_000)));
    assert!(projects.iter().any(|p| p.sector.as_deref() == Some("metallurgy")));
}

#[test]
fn published_projects_keep_their_facts() {
    let sample = national();
    let zhairem = sample
        .iter()
        .find(|p| p.name_en.as_deref() == Some("Modernisation of Zhairem GOK and a concentrator"))
        .unwrap();
    assert_eq!(zhairem.region.as_str(), "62");
    assert_eq!(zhairem.cost, Some(Money::from_mln(145_000)));
    assert_eq!(zhairem.jobs_permanent, Some(381));
    assert_eq!(zhairem.level, MapLevel::Republican);
    assert_eq!(zhairem.commissioning_actual.map(|d| chrono::Datelike::year(&d)), Some(2021));
    let turkestan =
        sample.iter().find(|p| p.initiator.as_deref().is_some_and(|i| i.contains("Turkestan Textile"))).unwrap();
    assert_eq!((turkestan.region.as_str(), turkestan.jobs_permanent), ("61", Some(1_100)));
    assert_eq!(sample.iter().filter(|p| p.region.as_str() == "39" && p.name_en.is_some()).take(2).count(), 2);
}

#[test]
fn names_are_kazakh_and_russian() {
    let sample = national();
    let kazakh_letters = |s: &str| s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c));
    let kazakh = share(sample, |p| kazakh_letters(&p.name_kk));
    assert!(kazakh > 0.8, "Kazakh letters in {kazakh} of the Kazakh names");
    assert!(sample.iter().all(|p| !p.name_ru.is_empty() && p.name_kk != p.name_ru));
    let english = share(sample, |p| p.name_en.is_some());
    assert!((0.2..0.5).contains(&english), "English names in {english}");
    let distinct: HashSet<_> = sample.iter().map(|p| &p.name_ru).collect();
    assert!(distinct.len() > 1_000, "only {} distinct names", distinct.len());
}

#[test]
fn initiators_have_valid_bins_of_legal_entities() {
    for p in national() {
        let bin = p.initiator_bin.as_ref().unwrap();
        assert!(bin.check_digit_ok(), "{}", bin.as_str());
        assert_eq!(&bin.as_str()[4..5], "4", "a legal entity: {}", bin.as_str());
        let month: u32 = bin.as_str()[2..4].parse().unwrap();
        assert!((1..=12).contains(&month));
        assert!(p.initiator.as_deref().is_some_and(|i| i.contains('«')));
    }
}

#[test]
fn statuses_fit_the_dates() {
    let today = reference_date();
    let sample = national();
    let mut seen = HashSet::new();
    for p in sample {
        seen.insert(p.status);
        let start = p.start_date.unwrap();
        let planned = p.commissioning_planned.unwrap();
        assert!(planned > start && planned <= start + chrono::Months::new(48), "{}", p.name_ru);
        if p.status.is_commissioned() {
            let actual = p.commissioning_actual.unwrap();
            assert!(start <= actual && actual <= today, "{}", p.name_ru);
        } else {
            assert!(p.commissioning_actual.is_none(), "{}", p.name_ru);
        }
        if p.status == Status::AtDesignCapacity {
            assert!(p.design_capacity_date.unwrap() <= today);
        }
        if let (Some(a), Some(d)) = (p.commissioning_actual, p.design_capacity_date) {
            assert!(d > a, "{}", p.name_ru);
        }
        if p.status == Status::Excluded {
            assert!(
                p.exclusion_date.is_some() && p.exclusion_act.is_some() && p.exclusion_reason.is_some(),
                "{}",
                p.name_ru
            );
        }
        let included = !matches!(
            p.status,
            Status::Candidate | Status::Submitted | Status::UnderReview | Status::Promising | Status::Rejected
        );
        assert_eq!(p.inclusion_act.is_some(), included, "{} ({})", p.name_ru, p.status);
        assert_eq!(p.inclusion_date.is_some(), included);
        assert!(p.inclusion_date.is_none_or(|d| d <= today));
        assert!((2..=5).contains(&p.milestones.len()), "{}", p.name_ru);
        assert!(p.milestones.iter().filter_map(|m| m.actual).all(|d| d <= today));
        assert!((1..=4).contains(&p.actions.len()));
        for a in &p.actions {
            assert_eq!(a.done.is_some(), a.status == indmap_core::reference::ActionStatus::Done);
            assert!(a.done.is_none_or(|d| d <= today));
        }
        assert!(p.support_measures.len() <= 3 && p.support_measures.iter().all(|s| (1..=13).contains(&s.measure)));
        assert!(p.criteria.len() <= 3 && p.criteria.iter().collect::<HashSet<_>>().len() == p.criteria.len());
    }
    for s in [
        Status::Candidate,
        Status::Submitted,
        Status::Promising,
        Status::Construction,
        Status::Commissioned,
        Status::AtDesignCapacity,
        Status::Delayed,
        Status::Suspended,
        Status::Excluded,
    ] {
        assert!(seen.contains(&s), "no project is {s}");
    }
}

#[test]
fn monitoring_reports_only_grow() {
    let today = reference_date();
    let mut reported = 0;
    for p in national() {
        let cost = p.cost.unwrap();
        assert!(p.monitoring.len() <= 8, "{}", p.name_ru);
        reported += usize::from(!p.monitoring.is_empty());
        let mut last_period = String::new();
        let (mut last_investment, mut last_progress) = (Money::ZERO, 0.0);
        for m in &p.monitoring {
            assert!(is_valid_period(&m.period) && m.period.contains("-Q"), "{}", m.period);
            assert!(
                m.period > last_period && m.period.as_str() <= "2026-Q3",
                "{}: {} after {last_period}",
                p.name_ru,
                m.period
            );
            last_period = m.period.clone();

            let investment = m.investment.unwrap();
            let progress = m.progress_pct.unwrap();
            assert!(investment >= last_investment && investment <= cost, "{}: investment {investment:?}", p.name_ru);
            assert!(
                progress >= last_progress && (0.0..=100.0).contains(&progress),
                "{}: progress {progress}",
                p.name_ru
            );
            (last_investment, last_progress) = (investment, progress);

            let quarter_end = quarter_end(&m.period);
            let operating = p.commissioning_actual.is_some_and(|a| a <= quarter_end);
            assert_eq!(m.output.is_some(), operating, "{} {}: output only after commissioning", p.name_ru, m.period);
            assert!(operating || (m.exports_usd.is_none() && m.taxes.is_none()));
            let on = m.reported_on.unwrap();
            assert!(
                on > quarter_end && on <= today && (on - quarter_end).num_days() <= 31,
                "{} {}: reported {on}",
                p.name_ru,
                m.period
            );
            assert!(m.reported_by.is_some());
        }
    }
    assert!(reported > 1_000, "only {reported} projects have reports");
}

fn quarter_end(period: &str) -> NaiveDate {
    let (year, q) = period.split_once("-Q").unwrap();
    let (year, q): (i32, u32) = (year.parse().unwrap(), q.parse().unwrap());
    let next =
        if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, q * 3 + 1, 1) };
    next.unwrap().pred_opt().unwrap()
}

#[test]
fn every_record_has_its_own_id() {
    let mut ids = HashSet::new();
    for p in national() {
        assert!(p.code.is_none(), "codes are the database's to give");
        assert_eq!(p.id.get_version_num(), 7);
        let children = p
            .financing
            .iter()
            .map(|f| f.id)
            .chain(p.milestones.iter().map(|m| m.id))
            .chain(p.actions.iter().map(|a| a.id))
            .chain(p.support_measures.iter().map(|s| s.id))
            .chain(p.monitoring.iter().map(|m| m.id));
        for id in std::iter::once(p.id).chain(children) {
            assert!(ids.insert(id), "duplicate id {id}");
        }
    }
}

#[test]
fn sectors_and_oked_codes_are_consistent() {
    let sectors: HashSet<String> = default_sectors().into_iter().map(|s| s.code).collect();
    for p in national() {
        let sector = p.sector.as_deref().unwrap();
        assert!(sectors.contains(sector), "{sector}");
        let oked = p.oked.as_deref().unwrap();
        let division: u32 = oked[..2].parse().unwrap();
        let fits = match sector {
            "agro_food" => matches!(division, 1 | 10 | 11),
            "mining" => (5..=9).contains(&division),
            "energy" => division == 35,
            "oil_refining" => division == 19,
            "light_industry" => (13..=15).contains(&division),
            "other" => true,
            _ => (10..=33).contains(&division),
        };
        assert!(fits, "{sector} with OKED {oked}");
        let capacity = p.capacity.as_ref();
        assert!(capacity.is_none_or(|c| c.value > 0.0 && !c.unit.is_empty()), "{}", p.name_ru);
        let jobs = p.jobs_permanent.unwrap();
        assert!((10..=1_500).contains(&jobs), "{}: {jobs} jobs", p.name_ru);
    }
}
