//! Read-only views for the window: the filtered set of projects as light rows (for the map and
//! the table), its summary, and figures per region (for the choropleth). One call gives all
//! three, so the map, the table and the summary bar always show the same set.

use crate::{Error, Indmap, Result};
use geo::{Centroid, InteriorPoint};
use indmap_core::filter::commissioning_year;
use indmap_core::reference::{MapLevel, Status};
use indmap_core::{Money, Problems, Project, ProjectFilter, RegionCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    pub cost_kzt: Option<f64>,
    pub jobs_permanent: Option<u32>,
    /// The actual commissioning date, else the planned one (`YYYY-MM-DD`).
    pub commissioning: Option<String>,
    /// Where to put the project's marker, [longitude, latitude]: the point itself, or a point
    /// inside its line or polygon.
    pub point: Option<(f64, f64)>,
    /// The GeoJSON geometry when it is a line or a polygon (points need only `point`).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub shape: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceTotal {
    pub source: String,
    pub amount_kzt: f64,
}

/// What the summary bar says about the filtered set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub count: u32,
    pub cost_kzt: f64,
    pub jobs_permanent: u32,
    /// Projects with the status "delayed / problem".
    pub delayed: u32,
    /// Financing planned by source, largest first.
    pub financing: Vec<SourceTotal>,
}

/// The figures of one region in the filtered set, for the choropleth.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionFigures {
    pub kato: String,
    pub count: u32,
    pub cost_kzt: f64,
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

/// The built-in sample map, kept apart from user data next to where the user's map would be:
/// what the window's "explore the sample map" opens. Made on first use.
pub fn open_sample(env: crate::Env) -> Result<(Indmap, crate::Opened)> {
    let user = crate::default_db_path()
        .ok_or_else(|| Error::new(crate::ErrorKind::Io, "no home folder to keep the sample map in"))?;
    let sample = user.with_file_name("sample.sqlite");
    if sample.exists() {
        return Ok((Indmap::open(&sample, env)?, crate::Opened::Sample));
    }
    let mut db = Indmap::init(&sample, indmap_core::Scope::Ministry, env)?;
    db.add_sample(crate::SAMPLE_PROJECTS, crate::SAMPLE_SEED)?;
    Ok((db, crate::Opened::Sample))
}

fn tenge(m: Money) -> f64 {
    m.minor() as f64 / 100.0
}

impl ViewFilter {
    /// The core filter plus the checks only the view does; unknown codes are refused, naming
    /// the field.
    fn parse(&self) -> Result<(ProjectFilter, impl Fn(&Project) -> bool + '_)> {
        let mut problems = Problems::new();
        let mut regions = Vec::new();
        for (i, r) in self.regions.iter().enumerate() {
            match RegionCode::parse(r) {
                Some(code) => regions.push(code),
                None => problems.error(format!("regions[{i}]"), "region.unknown", format!("{r:?} is not a region")),
            }
        }
        let level = match self.level.as_deref().filter(|l| !l.is_empty()) {
            None => None,
            Some(l) => {
                let level = MapLevel::from_code(l);
                if level.is_none() {
                    problems.error("level", "code.unknown", format!("must be one of {}", MapLevel::codes().join(", ")));
                }
                level
            }
        };
        let mut statuses = Vec::new();
        for (i, s) in self.statuses.iter().enumerate() {
            match Status::from_code(s) {
                Some(status) => statuses.push(status),
                None => problems.error(format!("statuses[{i}]"), "code.unknown", format!("{s:?} is not a status")),
            }
        }
        if let Some(m) = self.support_measure.filter(|m| !(1..=13).contains(m)) {
            problems.error("support_measure", "number.range", format!("must be 1 to 13; got {m}"));
        }
        if problems.has_errors() {
            return Err(Error::invalid(problems));
        }
        let core = ProjectFilter {
            regions,
            level,
            statuses,
            sectors: self.sectors.clone(),
            year: None,
            search: self.search.clone().filter(|s| !s.trim().is_empty()),
        };
        let district = self.district.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(str::to_lowercase);
        let extra = move |p: &Project| {
            let year = commissioning_year(p);
            let in_years = match (self.year_from, self.year_to) {
                (None, None) => true,
                (from, to) => year.is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)),
            };
            in_years
                && district.as_ref().is_none_or(|d| p.district.as_deref().is_some_and(|pd| pd.to_lowercase() == *d))
                && self.support_measure.is_none_or(|m| p.support_measures.iter().any(|s| s.measure == m))
                && self
                    .financing_source
                    .as_deref()
                    .filter(|s| !s.is_empty())
                    .is_none_or(|src| p.financing.iter().any(|f| f.source == src))
        };
        Ok((core, extra))
    }
}

fn row(p: &Project) -> ProjectRow {
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
        cost_kzt: p.cost.map(tenge),
        jobs_permanent: p.jobs_permanent,
        commissioning: p.commissioning_actual.or(p.commissioning_planned).map(|d| d.format("%Y-%m-%d").to_string()),
        point,
        shape,
    }
}

impl Indmap {
    /// The filtered set as rows, its summary and its figures per region.
    pub fn view(&self, filter: &ViewFilter) -> Result<MapView> {
        let (core, extra) = filter.parse()?;
        let projects: Vec<Project> = self.list(&core)?.into_iter().filter(|p| extra(p)).collect();
        Ok(summarise(&projects))
    }
}

fn summarise(projects: &[Project]) -> MapView {
    let mut by_source: BTreeMap<&str, Money> = BTreeMap::new();
    let mut regions: BTreeMap<&str, RegionFigures> = indmap_core::reference::REGIONS
        .iter()
        .map(|r| (r.kato, RegionFigures { kato: r.kato.into(), count: 0, cost_kzt: 0.0, jobs_permanent: 0 }))
        .collect();
    let mut cost = Money(0);
    let mut jobs = 0u32;
    for p in projects {
        cost = Money(cost.minor().saturating_add(p.cost.map_or(0, Money::minor)));
        jobs = jobs.saturating_add(p.jobs_permanent.unwrap_or(0));
        for f in &p.financing {
            let total = by_source.entry(f.source.as_str()).or_insert(Money(0));
            *total = Money(total.minor().saturating_add(f.amount.minor()));
        }
        if let Some(r) = regions.get_mut(p.region.as_str()) {
            r.count += 1;
            r.cost_kzt += p.cost.map_or(0.0, tenge);
            r.jobs_permanent = r.jobs_permanent.saturating_add(p.jobs_permanent.unwrap_or(0));
        }
    }
    let mut financing: Vec<SourceTotal> =
        by_source.into_iter().map(|(s, m)| SourceTotal { source: s.into(), amount_kzt: tenge(m) }).collect();
    financing.sort_by(|a, b| b.amount_kzt.total_cmp(&a.amount_kzt));
    MapView {
        rows: projects.iter().map(row).collect(),
        summary: Summary {
            count: projects.len() as u32,
            cost_kzt: tenge(cost),
            jobs_permanent: jobs,
            delayed: projects.iter().filter(|p| p.status == Status::Delayed).count() as u32,
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
        let cost: f64 = all.rows.iter().filter_map(|r| r.cost_kzt).sum();
        assert!((cost - all.summary.cost_kzt).abs() < 1.0);
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
    fn unknown_codes_are_refused_with_the_field() {
        let (_dir, db) = sample();
        let e = db.view(&ViewFilter { statuses: vec!["nope".into()], ..Default::default() }).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Invalid);
        assert_eq!(e.problems[0].field, "statuses[0]");
    }
}
