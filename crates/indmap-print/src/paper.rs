//! Paper sizes, orientation and margins. Pages are laid out in millimetres.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PrintPaper"))]
#[serde(try_from = "String")]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_uppercase().as_str() {
            "A4" => Some(Paper::A4),
            "A3" => Some(Paper::A3),
            _ => None,
        }
    }

    /// Width and height in portrait, millimetres (ISO 216).
    pub fn portrait_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
        }
    }
}

/// A request's `paper`, refused with a message that names the field.
impl TryFrom<String> for Paper {
    type Error = String;

    fn try_from(text: String) -> Result<Paper, String> {
        Paper::parse(&text).ok_or_else(|| format!("paper must be A4 or A3; got {text:?}"))
    }
}

/// The sheet a page is printed on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub landscape: bool,
    /// The same on all four sides: printers cannot print to the edge.
    pub margin_mm: f64,
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup { paper: Paper::A4, landscape: false, margin_mm: 10.0 }
    }
}

impl PageSetup {
    pub fn new(paper: Paper, landscape: bool) -> Self {
        PageSetup { paper, landscape, ..Default::default() }
    }

    pub fn size_mm(&self) -> (f64, f64) {
        let (w, h) = self.paper.portrait_mm();
        if self.landscape { (h, w) } else { (w, h) }
    }

    pub fn width(&self) -> f64 {
        self.size_mm().0
    }

    pub fn height(&self) -> f64 {
        self.size_mm().1
    }

    /// How much bigger than A4 the text and symbols are: A3 prints at √2 so that a sheet folded
    /// to A4 reads the same.
    pub fn text_scale(&self) -> f64 {
        match self.paper {
            Paper::A4 => 1.0,
            Paper::A3 => std::f64::consts::SQRT_2,
        }
    }

    /// The printable area: (x, y, width, height).
    pub fn body(&self) -> Rect {
        let (w, h) = self.size_mm();
        Rect::new(self.margin_mm, self.margin_mm, w - 2.0 * self.margin_mm, h - 2.0 * self.margin_mm)
    }
}

/// A rectangle on the page, millimetres from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w: w.max(0.0), h: h.max(0.0) }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }

    pub fn inset(&self, d: f64) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - 2.0 * d, self.h - 2.0 * d)
    }

    /// Splits off `h` millimetres from the top: (top, rest).
    pub fn take_top(&self, h: f64) -> (Rect, Rect) {
        let h = h.min(self.h);
        (Rect::new(self.x, self.y, self.w, h), Rect::new(self.x, self.y + h, self.w, self.h - h))
    }

    pub fn take_bottom(&self, h: f64) -> (Rect, Rect) {
        let h = h.min(self.h);
        (Rect::new(self.x, self.bottom() - h, self.w, h), Rect::new(self.x, self.y, self.w, self.h - h))
    }

    pub fn take_right(&self, w: f64) -> (Rect, Rect) {
        let w = w.min(self.w);
        (Rect::new(self.right() - w, self.y, w, self.h), Rect::new(self.x, self.y, self.w - w, self.h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn landscape_swaps_the_sides() {
        assert_eq!(PageSetup::new(Paper::A3, true).size_mm(), (420.0, 297.0));
        assert_eq!(PageSetup::new(Paper::A4, false).size_mm(), (210.0, 297.0));
        let body = PageSetup::default().body();
        assert_eq!((body.x, body.w), (10.0, 190.0));
    }
}
