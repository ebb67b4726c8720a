//! How projects are drawn: a point as a coloured circle, a line (pipeline, road) as a coloured
//! stroke, a site as a tinted area with a coloured outline; coloured by status or by sector. And
//! the legend entries that explain the colours and show the kinds of symbol drawn.

use crate::lang::Lang;
use crate::words::Word;
use indmap_core::reference::ReferenceItem;
use indmap_core::{Project, Status};

/// What the colour of a symbol tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PrintBy"))]
#[serde(rename_all = "lowercase")]
#[serde(try_from = "String")]
pub enum SymbolBy {
    #[default]
    Status,
    Sector,
}

impl SymbolBy {
    pub fn parse(text: &str) -> Option<SymbolBy> {
        match text.trim() {
            "status" => Some(SymbolBy::Status),
            "sector" => Some(SymbolBy::Sector),
            _ => None,
        }
    }
}

/// A request's `by`, refused with a message that names the field.
impl TryFrom<String> for SymbolBy {
    type Error = String;

    fn try_from(text: String) -> Result<SymbolBy, String> {
        SymbolBy::parse(&text).ok_or_else(|| format!("by must be status or sector; got {text:?}"))
    }
}

/// Status colours follow the lifecycle: greys and blues before inclusion, orange while building,
/// greens once working, red for trouble.
pub fn status_colour(s: Status) -> &'static str {
    match s {
        Status::Candidate => "#9e9e9e",
        Status::Submitted => "#90caf9",
        Status::UnderReview => "#42a5f5",
        Status::Included => "#1565c0",
        Status::Design => "#8e24aa",
        Status::Construction => "#fb8c00",
        Status::Commissioned => "#43a047",
        Status::AtDesignCapacity => "#1b5e20",
        Status::Promising => "#fdd835",
        Status::Delayed => "#e53935",
        Status::Suspended => "#795548",
        Status::Excluded => "#424242",
        Status::Rejected => "#000000",
    }
}

/// A qualitative palette (ColorBrewer Paired and Dark2): neighbouring sectors differ clearly.
const SECTOR_PALETTE: [&str; 14] = [
    "#33a02c", "#b15928", "#ff7f00", "#6a3d9a", "#e31a1c", "#1f78b4", "#a6cee3", "#cab2d6", "#1b9e77", "#fb9a99",
    "#e7298a", "#b2df8a", "#666666", "#fdbf6f",
];

/// The opacity of a site's tint: the map under it stays readable.
pub const AREA_OPACITY: f64 = 0.4;
/// The width of a project's line at A4, millimetres.
pub const LINE_MM: f64 = 0.6;

/// What a project is drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Point,
    Line,
    Area,
}

/// Which kinds of symbol a colour class is drawn with on a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shapes {
    pub point: bool,
    pub line: bool,
    pub area: bool,
}

impl Shapes {
    pub const POINT: Shapes = Shapes { point: true, line: false, area: false };

    pub fn add(&mut self, shape: Shape) {
        match shape {
            Shape::Point => self.point = true,
            Shape::Line => self.line = true,
            Shape::Area => self.area = true,
        }
    }

    /// The kinds present, in the order the legend shows them.
    pub fn list(self) -> Vec<Shape> {
        [(self.point, Shape::Point), (self.line, Shape::Line), (self.area, Shape::Area)]
            .into_iter()
            .filter_map(|(on, s)| on.then_some(s))
            .collect()
    }
}

/// One colour class of the map: what it means, its colour, how many projects it holds, and the
/// kinds of symbol it is drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub class: usize,
    pub label: String,
    pub colour: &'static str,
    pub count: usize,
    pub shapes: Shapes,
}

/// Sorts projects into colour classes. Holds the sector list, since sectors are editable.
pub struct Symbology {
    by: SymbolBy,
    sectors: Vec<ReferenceItem>,
    lang: Lang,
}

impl Symbology {
    pub fn new(by: SymbolBy, sectors: &[ReferenceItem], lang: Lang) -> Self {
        Symbology { by, sectors: sectors.to_vec(), lang }
    }

    pub fn by(&self) -> SymbolBy {
        self.by
    }

    /// The class index of a project; indices are in legend order.
    pub fn class_of(&self, p: &Project) -> usize {
        match self.by {
            SymbolBy::Status => Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0),
            SymbolBy::Sector => {
                let known = p.sector.as_ref().and_then(|code| self.sectors.iter().position(|s| &s.code == code));
                known.unwrap_or(self.sectors.len())
            }
        }
    }

    pub fn colour(&self, class: usize) -> &'static str {
        match self.by {
            SymbolBy::Status => status_colour(Status::ALL[class.min(Status::ALL.len() - 1)]),
            SymbolBy::Sector if class == self.sectors.len() => "#bdbdbd",
            SymbolBy::Sector => SECTOR_PALETTE[class % SECTOR_PALETTE.len()],
        }
    }

    fn class_label(&self, class: usize) -> String {
        match self.by {
            SymbolBy::Status => self.lang.pick(&Status::ALL[class.min(Status::ALL.len() - 1)].label()),
            SymbolBy::Sector => match self.sectors.get(class) {
                Some(item) => self.lang.pick(&item.label),
                None => Word::NoSector.text(self.lang).to_string(),
            },
        }
    }

    /// The legend: every class that holds a project, with its count, in a fixed order.
    pub fn legend<'a>(&self, projects: impl IntoIterator<Item = &'a Project>) -> Vec<Category> {
        let classes = match self.by {
            SymbolBy::Status => Status::ALL.len(),
            SymbolBy::Sector => self.sectors.len() + 1,
        };
        let mut counts = vec![0usize; classes];
        for p in projects {
            counts[self.class_of(p).min(classes - 1)] += 1;
        }
        counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(class, n)| Category {
                class,
                label: self.class_label(class),
                colour: self.colour(class),
                count: *n,
                shapes: Shapes::POINT,
            })
            .collect()
    }

    pub fn title(&self) -> &'static str {
        match self.by {
            SymbolBy::Status => Word::ByStatus.text(self.lang),
            SymbolBy::Sector => Word::BySector.text(self.lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indmap_core::{Project, RegionCode};
    use uuid::Uuid;

    fn project(status: Status, sector: Option<&str>) -> Project {
        let mut p = Project::new(Uuid::nil(), "a".into(), "a".into(), RegionCode::parse("35").unwrap());
        p.status = status;
        p.sector = sector.map(Into::into);
        p
    }

    #[test]
    fn the_legend_counts_every_project_once_with_the_colour_it_is_drawn_in() {
        let sectors = indmap_core::reference::default_sectors();
        let projects = [
            project(Status::Construction, Some("energy")),
            project(Status::Construction, Some("mining")),
            project(Status::Delayed, Some("no-such-sector")),
            project(Status::Commissioned, None),
        ];
        let by_status = Symbology::new(SymbolBy::Status, &sectors, Lang::Ru);
        let legend = by_status.legend(&projects);
        assert_eq!(legend.iter().map(|c| c.count).sum::<usize>(), projects.len());
        assert_eq!(
            legend[0],
            Category {
                class: Status::ALL.iter().position(|s| *s == Status::Construction).unwrap(),
                label: "Строительство".into(),
                colour: status_colour(Status::Construction),
                count: 2,
                shapes: Shapes::POINT,
            }
        );
        for p in &projects {
            let colour = by_status.colour(by_status.class_of(p));
            assert!(legend.iter().any(|c| c.colour == colour), "{colour} is drawn but not in the legend");
        }
        let by_sector = Symbology::new(SymbolBy::Sector, &sectors, Lang::Kk);
        let legend = by_sector.legend(&projects);
        assert_eq!(legend.len(), 3);
        assert_eq!(legend.last().unwrap().label, "Сала көрсетілмеген");
        assert_eq!(legend.last().unwrap().count, 2, "unknown and missing sectors share one class");
    }
}
