//! A project written as a Feature and read back is the same project, whatever its content.

use chrono::NaiveDate;
use indmap_core::feature::{project_from_feature, project_to_feature};
use indmap_core::ident::uuid_v7;
use indmap_core::reference::{ActionStatus, Criterion, FinancingStatus, MapLevel, REGIONS, Status};
use indmap_core::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use uuid::Uuid;

/// Ids for rows a file leaves without one; a round trip must never need them.
struct NoNewIds;
impl IdSource for NoNewIds {
    fn new_id(&mut self) -> Uuid {
        panic!("a complete Feature must not need new ids")
    }
}

fn text() -> impl Strategy<Value = String> {
    // Kazakh and Russian letters, Latin, digits, quotes and markup-like characters.
    "[әғқңөұүһіӘҒҚҢӨҰҮҺІа-яА-Яa-zA-Z0-9«»\"'<>&()./ -]{1,40}"
        .prop_map(|s| s.trim().to_owned())
        .prop_filter("names are not blank", |s| !s.is_empty())
}

fn id() -> impl Strategy<Value = Uuid> {
    (0u64..1 << 47, any::<[u8; 10]>()).prop_map(|(ms, r)| uuid_v7(ms, r))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..15_000).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

fn money() -> impl Strategy<Value = Money> {
    (0i64..1_000_000_000_000_000).prop_map(Money)
}

fn pct() -> impl Strategy<Value = f64> {
    prop_oneof![(0u32..=100).prop_map(f64::from), 0.0f64..100.0]
}

fn project() -> impl Strategy<Value = Project> {
    let head = (
        id(),
        option::of((0u32..9999).prop_map(|n| ProjectCode::new("35", n))),
        text(),
        text(),
        option::of(text()),
        0usize..20,
        (-0.2f64..0.2, -0.2f64..0.2),
        prop::sample::select(MapLevel::ALL),
        prop::sample::select(Status::ALL),
        option::of(text()),
        option::of(money()),
        option::of(0u32..100_000),
    );
    let dates = (option::of(date()), option::of(date()), option::of(date()), option::of(date()));
    let rows = (
        vec(
            (id(), text(), money(), 1990i32..=2100, prop::sample::select(FinancingStatus::ALL), option::of(text())),
            0..4,
        ),
        vec((id(), text(), option::of(date()), option::of(date())), 0..3),
        vec(
            (
                id(),
                text(),
                option::of(text()),
                option::of(date()),
                prop::sample::select(ActionStatus::ALL),
                option::of(date()),
            ),
            0..3,
        ),
        vec((id(), 1u8..=13, option::of(1990i32..=2100), option::of(money())), 0..3),
        vec((id(), 2000u32..2100, 1u8..=4, option::of(money()), option::of(pct()), option::of(0u32..5000)), 0..3),
        prop::sample::subsequence(Criterion::ALL.to_vec(), 0..=3),
        (option::of(pct()), option::of(pct())),
    );
    (head, dates, rows).prop_map(|(h, d, r)| {
        let (id, code, kk, ru, en, region_index, (dx, dy), level, status, sector, cost, jobs) = h;
        let region = &REGIONS[region_index];
        let mut p = Project::new(id, kk, ru, RegionCode::parse(region.kato).unwrap());
        p.code = code;
        p.name_en = en;
        p.location =
            Some(geo::Geometry::Point(geo::Point::new(region.centre.1 + dx * 0.01, region.centre.0 + dy * 0.01)));
        p.level = level;
        p.status = status;
        p.sector = sector;
        p.cost = cost;
        p.jobs_permanent = jobs;
        (p.start_date, p.commissioning_planned, p.commissioning_actual, p.inclusion_date) = d;
        p.financing =
            r.0.into_iter()
                .map(|(id, source, amount, year, status, note)| FinancingRow { id, source, amount, year, status, note })
                .collect();
        p.milestones =
            r.1.into_iter().map(|(id, name, planned, actual)| Milestone { id, name, planned, actual }).collect();
        p.actions =
            r.2.into_iter()
                .map(|(id, title, responsible, due, status, done)| ActionItem {
                    id,
                    title,
                    responsible,
                    due,
                    status,
                    done,
                    note: None,
                })
                .collect();
        p.support_measures =
            r.3.into_iter()
                .map(|(id, measure, year, amount)| SupportReceived { id, measure, year, amount, note: None })
                .collect();
        p.monitoring =
            r.4.into_iter()
                .map(|(id, year, quarter, investment, progress_pct, jobs_created)| MonitoringReport {
                    id,
                    period: format!("{year}-Q{quarter}"),
                    investment,
                    progress_pct,
                    jobs_created,
                    output: None,
                    output_natural: Some(1.5),
                    exports_usd: None,
                    utilisation_pct: None,
                    taxes: None,
                    local_content_pct: None,
                    status: Some(Status::Construction),
                    comment: Some("Кейінге қалдырылды".into()),
                    reported_by: None,
                    reported_on: None,
                })
                .collect();
        p.criteria = r.5;
        (p.local_content_labour_pct, p.local_content_goods_pct) = r.6;
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn feature_round_trip_keeps_every_field(p in project()) {
        let feature = project_to_feature(&p);
        // Through text too, as a file carries it.
        let text = serde_json::to_string(&feature).unwrap();
        let parsed = indmap_core::feature::parse_features(&text).unwrap();
        let (back, problems) = project_from_feature(&parsed[0], &mut NoNewIds);
        prop_assert!(!problems.has_errors(), "{:?}", problems);
        prop_assert_eq!(back.unwrap(), p);
    }
}

#[test]
fn kazakh_letters_survive() {
    let mut p = Project::new(
        Uuid::nil(),
        "Әуе Ғарыш Қоңыр Өнер Ұлы Үміт Һ Ірі".into(),
        "Проект".into(),
        RegionCode::parse("62").unwrap(),
    );
    p.name_en = Some("<img src=x onerror=alert(1)>".into());
    let text = serde_json::to_string(&project_to_feature(&p)).unwrap();
    assert!(text.contains("Әуе Ғарыш Қоңыр Өнер Ұлы Үміт Һ Ірі"));
    let parsed = indmap_core::feature::parse_features(&text).unwrap();
    let (back, _) = project_from_feature(&parsed[0], &mut NoNewIds);
    assert_eq!(back.unwrap(), p);
}
