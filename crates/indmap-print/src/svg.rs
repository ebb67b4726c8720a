//! A small writer of SVG in page millimetres: the one drawing surface every page is made on.

use crate::fonts::{FAMILY, MM_PER_PT};
use crate::paper::Rect;
use std::fmt::Write;

/// SVG path data of runs of page points, each closed when `closed`.
fn path_data(runs: &[Vec<(f64, f64)>], closed: bool) -> String {
    let mut d = String::new();
    for run in runs.iter().filter(|r| r.len() > 1) {
        for (i, (x, y)) in run.iter().enumerate() {
            let _ = write!(d, "{}{x:.2} {y:.2}", if i == 0 { "M" } else { "L" });
        }
        if closed {
            d.push('Z');
        }
    }
    d
}

/// Escapes text for SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML; a pasted name may hold one.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// How a text is set.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub size_pt: f64,
    pub bold: bool,
    pub anchor: Anchor,
    pub color: &'static str,
}

impl TextStyle {
    pub fn new(size_pt: f64) -> Self {
        TextStyle { size_pt, bold: false, anchor: Anchor::Start, color: "#1a1a1a" }
    }

    pub fn bold(self) -> Self {
        TextStyle { bold: true, ..self }
    }

    pub fn anchor(self, anchor: Anchor) -> Self {
        TextStyle { anchor, ..self }
    }

    pub fn color(self, color: &'static str) -> Self {
        TextStyle { color, ..self }
    }

    /// The height of a line of this text, millimetres.
    pub fn line_mm(&self) -> f64 {
        self.size_pt * MM_PER_PT * 1.25
    }
}

/// The body of one page's SVG, drawn in millimetres from the top-left corner.
#[derive(Default)]
pub struct Canvas {
    body: String,
}

impl Canvas {
    pub fn new() -> Self {
        Canvas { body: String::with_capacity(64 * 1024) }
    }

    pub fn raw(&mut self, svg: &str) {
        self.body.push_str(svg);
    }

    pub fn into_body(self) -> String {
        self.body
    }

    /// Text whose baseline starts at (x, y).
    pub fn text(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        let anchor = match style.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let weight = if style.bold { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            self.body,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-family=\"{FAMILY}\" font-size=\"{:.3}\" fill=\"{}\"{weight}{anchor}>{}</text>",
            style.size_pt * MM_PER_PT,
            style.color,
            escape(text)
        );
    }

    /// Text with a white halo, so a label stays readable over lines and symbols.
    pub fn halo_text(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        let halo = style.size_pt * MM_PER_PT * 0.25;
        let weight = if style.bold { " font-weight=\"bold\"" } else { "" };
        let anchor = match style.anchor {
            Anchor::Start => "",
            Anchor::Middle => " text-anchor=\"middle\"",
            Anchor::End => " text-anchor=\"end\"",
        };
        let _ = write!(
            self.body,
            "<text x=\"{x:.2}\" y=\"{y:.2}\" font-family=\"{FAMILY}\" font-size=\"{:.3}\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"{halo:.3}\" stroke-linejoin=\"round\" paint-order=\"stroke\"{weight}{anchor}>{}</text>",
            style.size_pt * MM_PER_PT,
            style.color,
            escape(text)
        );
    }

    pub fn rect(&mut self, r: Rect, fill: &str, stroke: &str, stroke_mm: f64) {
        let _ = write!(
            self.body,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\"/>",
            r.x, r.y, r.w, r.h
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, stroke_mm: f64) {
        let _ = write!(
            self.body,
            "<line x1=\"{x1:.2}\" y1=\"{y1:.2}\" x2=\"{x2:.2}\" y2=\"{y2:.2}\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\"/>"
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, stroke: &str, stroke_mm: f64) {
        let _ = write!(
            self.body,
            "<circle cx=\"{cx:.2}\" cy=\"{cy:.2}\" r=\"{r:.2}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\"/>"
        );
    }

    /// A path from rings of page points; `evenodd` so holes stay holes.
    pub fn rings(&mut self, rings: &[Vec<(f64, f64)>], fill: &str, stroke: &str, stroke_mm: f64) {
        let d = path_data(rings, true);
        if !d.is_empty() {
            let _ = write!(
                self.body,
                "<path d=\"{d}\" fill=\"{fill}\" fill-rule=\"evenodd\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\" stroke-linejoin=\"round\"/>"
            );
        }
    }

    /// A tinted area: rings filled with `fill` at `opacity` (what lies under it shows through),
    /// outlined in full colour.
    pub fn area(&mut self, rings: &[Vec<(f64, f64)>], fill: &str, opacity: f64, stroke: &str, stroke_mm: f64) {
        let d = path_data(rings, true);
        if !d.is_empty() {
            let _ = write!(
                self.body,
                "<path d=\"{d}\" fill=\"{fill}\" fill-opacity=\"{opacity:.2}\" fill-rule=\"evenodd\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\" stroke-linejoin=\"round\"/>"
            );
        }
    }

    /// Open lines of page points, stroked with round ends and joins.
    pub fn polylines(&mut self, lines: &[Vec<(f64, f64)>], stroke: &str, stroke_mm: f64) {
        let d = path_data(lines, false);
        if !d.is_empty() {
            let _ = write!(
                self.body,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{stroke_mm:.2}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
            );
        }
    }

    /// Starts a group clipped to `r`; close it with [`Canvas::end_group`].
    pub fn begin_clip(&mut self, id: &str, r: Rect) {
        let _ = write!(
            self.body,
            "<clipPath id=\"{id}\"><rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/></clipPath><g clip-path=\"url(#{id})\">",
            r.x, r.y, r.w, r.h
        );
    }

    pub fn end_group(&mut self) {
        self.body.push_str("</g>");
    }

    /// Places an SVG document made elsewhere (a plotters chart) into `r`, scaled to fit.
    pub fn embed_svg(&mut self, svg: &str, r: Rect) {
        let Some(start) = svg.find("<svg") else { return };
        let Some(open_end) = svg[start..].find('>').map(|i| start + i + 1) else { return };
        let Some(close) = svg.rfind("</svg>") else { return };
        let open = &svg[start..open_end];
        let attr = |name: &str| -> Option<f64> {
            let key = format!(" {name}=\"");
            let from = open.find(&key)? + key.len();
            let to = open[from..].find('"')? + from;
            open[from..to].trim_end_matches("px").parse().ok()
        };
        let (Some(w), Some(h)) = (attr("width"), attr("height")) else { return };
        let scale = (r.w / w).min(r.h / h);
        let _ = write!(self.body, "<g transform=\"translate({:.3} {:.3}) scale({scale:.5})\">", r.x, r.y);
        self.body.push_str(&svg[open_end..close]);
        self.body.push_str("</g>");
    }
}
