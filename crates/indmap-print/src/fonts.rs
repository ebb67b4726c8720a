//! The bundled font (DejaVu Sans, regular and bold: every Kazakh and Russian letter) and text
//! measurement. Nothing reads the system's fonts, so a page looks the same on every machine.

use ab_glyph::{Font as _, FontRef};
use std::sync::{Arc, OnceLock};

pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
pub const FAMILY: &str = "DejaVu Sans";

/// Millimetres per typographic point.
pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// The font database usvg lays text out with: the bundled faces, also under the generic
/// `sans-serif` that plotters writes.
pub fn database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR.to_vec());
        db.load_font_data(BOLD.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Makes plotters lay chart text out with the bundled font (it has no system font to fall on).
pub fn register_with_plotters() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        use plotters::style::FontStyle;
        // The bytes are valid TrueType (checked by the tests), so registration cannot fail.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, BOLD);
    });
}

struct Metrics {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| Metrics {
        regular: FontRef::try_from_slice(REGULAR).expect("the bundled regular font is valid"),
        bold: FontRef::try_from_slice(BOLD).expect("the bundled bold font is valid"),
    })
}

/// The width in millimetres of `text` set at `size_pt`. Kerning is ignored: it only ever makes
/// text narrower, so a measured text always fits.
pub fn width_mm(text: &str, size_pt: f64, bold: bool) -> f64 {
    let m = metrics();
    let font = if bold { &m.bold } else { &m.regular };
    let em = f64::from(font.units_per_em().unwrap_or(2048.0));
    let units: f64 = text.chars().map(|c| f64::from(font.h_advance_unscaled(font.glyph_id(c)))).sum();
    units / em * size_pt * MM_PER_PT
}

/// `text` cut to fit `max_mm`, ending with "…" when it was cut.
pub fn fit(text: &str, size_pt: f64, bold: bool, max_mm: f64) -> String {
    if width_mm(text, size_pt, bold) <= max_mm {
        return text.to_string();
    }
    let ellipsis = width_mm("…", size_pt, bold);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = width_mm(c.encode_utf8(&mut [0; 4]), size_pt, bold);
        if used + w + ellipsis > max_mm {
            break;
        }
        used += w;
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` broken into at most `max_lines` lines of at most `max_mm`, at spaces where it can; the
/// last line ends with "…" when the text did not fit.
pub fn wrap(text: &str, size_pt: f64, bold: bool, max_mm: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        let candidate = if current.is_empty() { words[i].to_string() } else { format!("{current} {}", words[i]) };
        if width_mm(&candidate, size_pt, bold) <= max_mm {
            current = candidate;
            i += 1;
            continue;
        }
        if current.is_empty() {
            // One word wider than the line: cut it.
            current = fit(words[i], size_pt, bold, max_mm);
            i += 1;
        }
        lines.push(std::mem::take(&mut current));
        if lines.len() == max_lines {
            break;
        }
    }
    if !current.is_empty() && lines.len() < max_lines {
        lines.push(current);
    }
    if i < words.len() || lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let rest = words[i..].join(" ");
            *last = fit(&format!("{last} {rest}"), size_pt, bold, max_mm);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kazakh_letter_has_a_glyph() {
        let m = metrics();
        for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ₸«»№".chars() {
            assert_ne!(m.regular.glyph_id(c).0, 0, "{c} is missing from the regular face");
            assert_ne!(m.bold.glyph_id(c).0, 0, "{c} is missing from the bold face");
        }
    }

    #[test]
    fn long_text_is_cut_and_wrapped_to_fit() {
        let long = "Өте ұзын атау ".repeat(20);
        let cut = fit(&long, 8.0, false, 50.0);
        assert!(cut.ends_with('…') && width_mm(&cut, 8.0, false) <= 50.0);
        let lines = wrap(&long, 8.0, false, 50.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width_mm(l, 8.0, false) <= 50.0));
        assert!(lines[1].ends_with('…'));
        assert_eq!(wrap("short", 8.0, false, 50.0, 2), vec!["short".to_string()]);
    }
}
