//! Where the map's project labels go, without overlap: greedy, most important first. Each label tries a few
//! positions around its symbol; the first that stays inside the frame and touches no symbol,
//! label or map furniture is taken, and a label with no free position is dropped (and counted).

use crate::paper::Rect;

/// A grid of occupied rectangles, so a check looks only at its neighbourhood: a map of 10,000
/// symbols stays fast.
pub struct Occupied {
    cell: f64,
    origin: (f64, f64),
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Rect>>,
}

impl Occupied {
    pub fn new(bounds: Rect, cell_mm: f64) -> Self {
        let cols = ((bounds.w / cell_mm).ceil() as usize).max(1);
        let rows = ((bounds.h / cell_mm).ceil() as usize).max(1);
        Occupied { cell: cell_mm, origin: (bounds.x, bounds.y), cols, rows, cells: vec![Vec::new(); cols * rows] }
    }

    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let clamp_col = |x: f64| (((x - self.origin.0) / self.cell).floor().max(0.0) as usize).min(self.cols - 1);
        let clamp_row = |y: f64| (((y - self.origin.1) / self.cell).floor().max(0.0) as usize).min(self.rows - 1);
        (clamp_col(r.x), clamp_col(r.right()), clamp_row(r.y), clamp_row(r.bottom()))
    }

    pub fn add(&mut self, r: Rect) {
        let (c0, c1, r0, r1) = self.span(&r);
        for row in r0..=r1 {
            for col in c0..=c1 {
                self.cells[row * self.cols + col].push(r);
            }
        }
    }

    pub fn is_free(&self, r: &Rect) -> bool {
        let (c0, c1, r0, r1) = self.span(r);
        (r0..=r1).all(|row| (c0..=c1).all(|col| self.cells[row * self.cols + col].iter().all(|o| !o.intersects(r))))
    }
}

/// Where a label's text goes relative to its symbol.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Where the text starts (left end of its baseline).
    pub x: f64,
    pub baseline: f64,
    pub bounds: Rect,
}

/// Tries the classic positions (right, left, above, below, then the diagonals) around a symbol of
/// radius `r` at (x, y) for a text `w` × `h` millimetres.
pub fn place(occupied: &mut Occupied, frame: &Rect, (x, y): (f64, f64), r: f64, w: f64, h: f64) -> Option<Placed> {
    let gap = r + 0.6;
    // (left, top) of the label box; the baseline sits at 78 % of the box height.
    let candidates = [
        (x + gap, y - h / 2.0),
        (x - gap - w, y - h / 2.0),
        (x - w / 2.0, y - gap - h),
        (x - w / 2.0, y + gap),
        (x + gap * 0.7, y - gap * 0.7 - h),
        (x + gap * 0.7, y + gap * 0.7),
        (x - gap * 0.7 - w, y - gap * 0.7 - h),
        (x - gap * 0.7 - w, y + gap * 0.7),
    ];
    for (left, top) in candidates {
        let bounds = Rect::new(left, top, w, h);
        if frame.contains(&bounds) && occupied.is_free(&bounds) {
            occupied.add(bounds);
            return Some(Placed { x: left, baseline: top + h * 0.78, bounds });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap_and_the_crowded_ones_are_dropped() {
        let frame = Rect::new(0.0, 0.0, 100.0, 100.0);
        let mut occupied = Occupied::new(frame, 10.0);
        let mut placed = Vec::new();
        // 50 symbols on top of each other: at most 8 labels fit around them.
        for _ in 0..50 {
            if let Some(p) = place(&mut occupied, &frame, (50.0, 50.0), 1.0, 20.0, 3.0) {
                placed.push(p.bounds);
            }
        }
        assert!(!placed.is_empty() && placed.len() <= 8);
        for (i, a) in placed.iter().enumerate() {
            assert!(frame.contains(a));
            for b in &placed[i + 1..] {
                assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
            }
        }
    }
}
