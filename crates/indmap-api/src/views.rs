//! Read-only views for the window: the filtered set of projects as light rows (for the map and
//! the table), its summary, and figures per region (for the choropleth). One call gives all
//! three, so the map, the table and the summary bar always show the same set.

use crate::{Error, Indmap, Result};
use geo::{Centroid, InteriorPoint};
use indmap_core::Rule;
use indmap_core::reference::{MapLevel, Status};
use indmap_core::{Money, Problems, Project, ProjectFilter, RegionCode, Scope};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What the window filters by. Codes arrive as text and are checked here; empty lists and
/// `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewFilter {
    /// KATO prefixes.
    pub regions: Vec<String>,
    /// Exact district name, any case.
    pub district: Option<String>,
    pub level: Option<String>,
    pub statuses: Vec<String>,
    pub sectors: Vec<String>,
    /// Commissioning year range (actual date if there is one, else planned), both ends included.
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// 1 to 13 (Art. 20 p.2).
    pub support_measure: Option<u8>,
    /// A financing-source code the project has at least one row of.
    pub financing_source: Option<String>,
    /// Words that must all appear in a name, the initiator, its BIN or the code.
    pub search: Option<String>,
}

/// A project as the map and the table show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProjectRow {
    pub id: String,
    pub code: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub region: String,
    pub district: Option<String>,
    pub level: String,
    pub status: String,
    pub sector: Option<String>,
    pub initiator: Option<String>,
    /// In tiyn (minor units), exact: the window turns it into tenge only to show it.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub cost_kzt: Option<Money>,
    pub jobs_permanent: Option<u32>,
    /// The actual commissioning date, else the planned one (`YYYY-MM-DD`).
    pub commissioning: Option<String>,
    /// Where to put the project's marker, [longitude, latitude]: the point itself, or a point
    /// inside its line or polygon.
    pub point: Option<(f64, f64)>,
    /// The GeoJSON geometry when it is a line or a polygon (points need only `point`).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub shape: Option<serde_json::Value>,
    /// On another region's map: shown here read-only, as the ministry's file gave it.
    pub other_map: bool,
    /// How far the plan has moved from its baseline, the latest approved edition of its map
    /// (`None`: no edition has it): cost in tiyn, and the planned commissioning in days (later
    /// is positive; `None` also when a side has no date).
    pub baseline: Option<RowVariance>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowVariance {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub cost_kzt: Option<Money>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub commissioning_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceTotal {
    pub source: String,
    /// In tiyn (minor units), exact: the window turns it into tenge only to show it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount_kzt: Money,
}

/// What the summary bar says about the filtered set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub count: u32,
    /// In tiyn (minor units), exact: the window turns it into tenge only to show it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost_kzt: Money,
    pub jobs_permanent: u32,
    /// Projects with the status "delayed / problem".
    pub delayed: u32,
    /// What is late, slipped or does not add up in the set (`Indmap::alerts` lists them).
    pub alerts: u32,
    /// Financing planned by source, largest first.
    pub financing: Vec<SourceTotal>,
}

/// The figures of one region in the filtered set, for the choropleth.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionFigures {
    pub kato: String,
    pub count: u32,
    /// In tiyn (minor units), exact: the window turns it into tenge only to show it.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cost_kzt: Money,
    pub jobs_permanent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapView {
    pub rows: Vec<ProjectRow>,
    pub summary: Summary,
    /// Every one of the 20 regions, in KATO order, zero where the set has no project.
    pub regions: Vec<RegionFigures>,
}

impl ViewFilter {
    /// The filter the window means, as the one filter the command line and the printouts use.
    /// Codes are checked here; a bad one is refused naming its field. Empty text means "any".
    pub fn project_filter(&self) -> Result<ProjectFilter> {
        let mut problems = Problems::new();
        let mut regions = Vec::new();
        for (i, r) in self.regions.iter().enumerate() {
            match RegionCode::parse(r) {
                Some(code) => regions.push(code),
                None => problems.error(
                    format!("regions[{i}]"),
                    Rule::RegionUnknown,
                    format!("{r:?} is not the KATO prefix of one of the 20 regions (see `indmap regions`)"),
                ),
            }
        }
        let level = given(&self.level).and_then(|l| {
            let level = MapLevel::from_code(&l);
            if level.is_none() {
                problems.error("level", Rule::CodeUnknown, format!("must be one of {}", MapLevel::codes().join(", ")));
            }
            level
        });
        let mut statuses = Vec::new();
        for (i, s) in self.statuses.iter().enumerate() {
            match Status::from_code(s) {
                Some(status) => statuses.push(status),
                None => problems.error(
                    format!("statuses[{i}]"),
                    Rule::CodeUnknown,
                    format!("{s:?} is not a status; one of {}", Status::codes().join(", ")),
                ),
            }
        }
        let filter = ProjectFilter {
            regions,
            district: given(&self.district),
            level,
            statuses,
            sectors: self.sectors.clone(),
            year_from: self.year_from,
            year_to: self.year_to,
            support_measure: self.support_measure,
            financing_source: given(&self.financing_source),
            search: given(&self.search),
        };
        problems.extend(filter.problems());
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        Ok(filter)
    }
}

/// Text the user typed, trimmed; nothing when blank.
fn given(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

fn row(p: &Project, scope: Scope, baseline: Option<&Project>) -> ProjectRow {
    let (point, shape) = match &p.location {
        None => (None, None),
        Some(geo::Geometry::Point(pt)) => (Some((pt.x(), pt.y())), None),
        Some(g) => {
            let inside = g.interior_point().or_else(|| g.centroid());
            let shape = serde_json::to_value(geojson::Geometry::from(g)).ok();
            (inside.map(|pt| (pt.x(), pt.y())), shape)
        }
    };
    ProjectRow {
        id: p.id.to_string(),
        code: p.code.as_ref().map(|c| c.to_string()),
        name_kk: p.name_kk.clone(),
        name_ru: p.name_ru.clone(),
        name_en: p.name_en.clone(),
        region: p.region.as_str().into(),
        district: p.district.clone(),
        level: p.level.code().into(),
        status: p.status.code().into(),
        sector: p.sector.clone(),
        initiator: p.initiator.clone(),
        cost_kzt: p.cost,
        jobs_permanent: p.jobs_permanent,
        commissioning: p.commissioning_actual.or(p.commissioning_planned).map(|d| d.format("%Y-%m-%d").to_string()),
        point,
        shape,
        other_map: !scope.covers(p.region),
        baseline: baseline.map(|b| {
            // The plan's variance once for both fields.
            let drifts = indmap_core::edition::variance(b, p);
            let by = |field| indmap_core::edition::moved_in(&drifts, field);
            RowVariance {
                cost_kzt: by("cost_kzt").and_then(|t| i64::try_from(t).ok()).map(Money),
                commissioning_days: by("commissioning_planned").and_then(|d| i64::try_from(d).ok()),
            }
        }),
    }
}

impl Indmap {
    /// The filtered set as rows, its summary and its figures per region.
    pub fn view(&self, filter: &ViewFilter) -> Result<MapView> {
        let projects = self.list(&filter.project_filter()?)?;
        let baselines = self.baselines(&projects)?;
        let alerts = self.alert_count(&projects, &baselines)?;
        Ok(summarise(&projects, self.store.info().scope, &baselines, alerts))
    }
}

fn summarise(projects: &[Project], scope: Scope, baselines: &HashMap<uuid::Uuid, Project>, alerts: u32) -> MapView {
    let mut by_source: BTreeMap<&str, Money> = BTreeMap::new();
    let mut regions: BTreeMap<&str, RegionFigures> = indmap_core::reference::REGIONS
        .iter()
        .map(|r| (r.kato, RegionFigures { kato: r.kato.into(), count: 0, cost_kzt: Money::ZERO, jobs_permanent: 0 }))
        .collect();
    let mut cost = Money::ZERO;
    let mut jobs = 0u32;
    for p in projects {
        cost = cost.saturating_add(p.cost.unwrap_or_default());
        jobs = jobs.saturating_add(p.jobs_permanent.unwrap_or(0));
        for f in &p.financing {
            let total = by_source.entry(f.source.as_str()).or_default();
            *total = total.saturating_add(f.amount);
        }
        if let Some(r) = regions.get_mut(p.region.as_str()) {
            r.count += 1;
            r.cost_kzt = r.cost_kzt.saturating_add(p.cost.unwrap_or_default());
            r.jobs_permanent = r.jobs_permanent.saturating_add(p.jobs_permanent.unwrap_or(0));
        }
    }
    let mut financing: Vec<SourceTotal> =
        by_source.into_iter().map(|(s, m)| SourceTotal { source: s.into(), amount_kzt: m }).collect();
    financing.sort_by_key(|f| std::cmp::Reverse(f.amount_kzt));
    MapView {
        rows: projects.iter().map(|p| row(p, scope, baselines.get(&p.id))).collect(),
        summary: Summary {
            count: projects.len() as u32,
            cost_kzt: cost,
            jobs_permanent: jobs,
            delayed: projects.iter().filter(|p| p.status == Status::Delayed).count() as u32,
            alerts,
            financing,
        },
        regions: regions.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Env;
    use indmap_core::Scope;

    fn sample() -> (tempfile::TempDir, Indmap) {
        let dir = tempfile::tempdir().unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        let mut db = Indmap::init(&dir.path().join("t.sqlite"), Scope::Ministry, Env::fixed("test", at)).unwrap();
        db.add_sample(120, 7).unwrap();
        (dir, db)
    }

    #[test]
    fn summary_and_regions_add_up_to_the_rows() {
        let (_dir, db) = sample();
        let all = db.view(&ViewFilter::default()).unwrap();
        assert_eq!(all.rows.len(), 120);
        assert_eq!(all.summary.count, 120);
        assert_eq!(all.regions.len(), 20);
        assert_eq!(all.regions.iter().map(|r| r.count).sum::<u32>(), 120);
        let cost: Money = all.rows.iter().filter_map(|r| r.cost_kzt).sum();
        assert_eq!(cost, all.summary.cost_kzt, "money is summed exactly, to the tiyn");
        let by_region: Money = all.regions.iter().map(|r| r.cost_kzt).sum();
        assert_eq!(by_region, all.summary.cost_kzt);
        assert!(all.rows.iter().all(|r| r.point.is_some()), "the sample places every project");
    }

    #[test]
    fn a_region_filter_narrows_rows_and_figures() {
        let (_dir, db) = sample();
        let kato = db.view(&ViewFilter::default()).unwrap().rows[0].region.clone();
        let one = db.view(&ViewFilter { regions: vec![kato.clone()], ..Default::default() }).unwrap();
        assert!(!one.rows.is_empty());
        assert!(one.rows.iter().all(|r| r.region == kato));
        assert!(one.regions.iter().all(|r| r.kato == kato || r.count == 0));
    }

    #[test]
    fn year_range_source_and_measure_filters_hold() {
        let (_dir, db) = sample();
        let f = ViewFilter { year_from: Some(2025), year_to: Some(2027), ..Default::default() };
        let v = db.view(&f).unwrap();
        assert!(v.rows.iter().all(|r| r.commissioning.as_deref().is_some_and(|d| ("2025".."2028").contains(&&d[..4]))));
        let src = ViewFilter { financing_source: Some("dbk".into()), ..Default::default() };
        let v = db.view(&src).unwrap();
        assert!(v.summary.financing.iter().any(|s| s.source == "dbk") || v.rows.is_empty());
    }

    #[test]
    fn the_window_filter_becomes_the_one_project_filter() {
        let f = ViewFilter {
            regions: vec!["35".into()],
            district: Some("  Аягөз ауданы ".into()),
            level: Some("regional".into()),
            statuses: vec!["construction".into()],
            sectors: vec!["mining".into()],
            year_from: Some(2025),
            year_to: Some(2027),
            support_measure: Some(3),
            financing_source: Some("dbk".into()),
            search: Some("".into()),
        };
        let core = f.project_filter().unwrap();
        assert_eq!(
            core,
            ProjectFilter {
                regions: vec![RegionCode::parse("35").unwrap()],
                district: Some("Аягөз ауданы".into()),
                level: Some(MapLevel::Regional),
                statuses: vec![Status::Construction],
                sectors: vec!["mining".into()],
                year_from: Some(2025),
                year_to: Some(2027),
                support_measure: Some(3),
                financing_source: Some("dbk".into()),
                search: None,
            }
        );
        let blank = ViewFilter { level: Some("".into()), financing_source: Some(" ".into()), ..Default::default() };
        assert_eq!(blank.project_filter().unwrap(), ProjectFilter::default(), "blank text is no filter");
    }

    #[test]
    fn the_view_shows_exactly_what_the_project_filter_lists() {
        let (_dir, db) = sample();
        let f = ViewFilter { year_from: Some(2026), support_measure: Some(1), ..Default::default() };
        let shown: Vec<String> = db.view(&f).unwrap().rows.into_iter().map(|r| r.id).collect();
        let listed: Vec<String> =
            db.list(&f.project_filter().unwrap()).unwrap().iter().map(|p| p.id.to_string()).collect();
        assert_eq!(shown, listed);
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (ViewFilter { regions: vec!["35".into(), "99".into()], ..Default::default() }, "regions[1]"),
            (ViewFilter { level: Some("district".into()), ..Default::default() }, "level"),
            (ViewFilter { statuses: vec!["nope".into()], ..Default::default() }, "statuses[0]"),
            (ViewFilter { support_measure: Some(14), ..Default::default() }, "support_measure"),
            (ViewFilter { support_measure: Some(0), ..Default::default() }, "support_measure"),
            (ViewFilter { year_from: Some(2030), year_to: Some(2025), ..Default::default() }, "year_to"),
        ];
        for (filter, field) in cases {
            let e = filter.project_filter().unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::Invalid);
            assert_eq!(e.problems.iter().map(|p| p.field.as_str()).collect::<Vec<_>>(), [field], "{filter:?}");
        }
    }

    #[test]
    fn unknown_codes_are_refused_with_the_field() {
        let (_dir, db) = sample();
        let e = db.view(&ViewFilter { statuses: vec!["nope".into()], ..Default::default() }).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Invalid);
        assert_eq!(e.problems[0].field, "statuses[0]");
    }
}
