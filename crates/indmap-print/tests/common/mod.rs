//! Reading printouts back as users' tools do: poppler's pdfinfo, pdftotext and pdftoppm.

#![allow(dead_code)]

use chrono::NaiveDate;
use indmap_core::{Project, Scope};
use indmap_print::{Lang, PageSetup, PrintContext, Trace};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn trace() -> Trace {
    Trace {
        database_id: "0193a5b2-0000-7000-8000-000000000001".into(),
        content_hash: "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
    }
}

pub fn ctx(lang: Lang, setup: PageSetup) -> PrintContext {
    PrintContext::new(lang, setup, trace())
}

/// Sample projects with codes, as a database would give them.
pub fn sample(count: usize) -> Vec<Project> {
    let mut projects = indmap_sample::generate(count, 1, Scope::Ministry);
    for (i, p) in projects.iter_mut().enumerate() {
        p.code = indmap_core::ProjectCode::parse(&format!("RK-{:04}", i + 1));
    }
    projects
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (poppler-utils): {e}"));
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// (pages, width pt, height pt) as pdfinfo reports them.
pub fn pdfinfo(pdf: &Path) -> (usize, f64, f64) {
    let text = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let field =
        |name: &str| text.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no {name} in {text}"));
    let pages = field("Pages:").split_whitespace().nth(1).unwrap().parse().unwrap();
    let size: Vec<f64> = field("Page size:").split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pages, size[0], size[1])
}

/// The text of a PDF (or of one page), as pdftotext extracts it, with every run of white space
/// (line breaks of wrapped text, no-break spaces in numbers) as one space.
pub fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut args = vec![];
    let p = page.map(|p| p.to_string());
    if let Some(p) = &p {
        args.extend(["-f", p, "-l", p]);
    }
    args.extend([pdf.to_str().unwrap(), "-"]);
    run("pdftotext", &args).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page of the PDF as PNG at `dpi`, by pdftoppm.
pub fn pdftoppm(pdf: &Path, page: usize, dpi: u32) -> Vec<u8> {
    let dir = pdf.parent().unwrap();
    let prefix = dir.join(format!("{}-p{page}", pdf.file_stem().unwrap().to_string_lossy()));
    let (p, r) = (page.to_string(), dpi.to_string());
    run(
        "pdftoppm",
        &["-png", "-r", &r, "-f", &p, "-l", &p, "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    std::fs::read(prefix.with_extension("png")).unwrap()
}

/// Grey levels of a PNG averaged over blocks of `block` pixels: small shifts of anti-aliasing
/// and text rasterisation do not matter, a missing legend or map does.
fn downscaled(png: &[u8], block: u32) -> (u32, u32, Vec<f64>) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("a PNG");
    let (w, h) = (pixmap.width() / block, pixmap.height() / block);
    let mut out = vec![0.0; (w * h) as usize];
    for y in 0..h * block {
        for x in 0..w * block {
            let c = pixmap.pixel(x, y).unwrap().demultiply();
            let grey = 0.299 * f64::from(c.red()) + 0.587 * f64::from(c.green()) + 0.114 * f64::from(c.blue());
            // Transparent pixels are white paper.
            let a = f64::from(c.alpha()) / 255.0;
            out[((y / block) * w + x / block) as usize] += (grey * a + 255.0 * (1.0 - a)) / f64::from(block * block);
        }
    }
    (w, h, out)
}

/// The mean absolute difference of two images, downscaled, from 0 (same) to 1 (inverse).
pub fn difference(a: &[u8], b: &[u8]) -> f64 {
    let (wa, ha, da) = downscaled(a, 4);
    let (wb, hb, db) = downscaled(b, 4);
    assert!(wa.abs_diff(wb) <= 1 && ha.abs_diff(hb) <= 1, "sizes differ: {wa}×{ha} against {wb}×{hb}");
    let (w, h) = (wa.min(wb), ha.min(hb));
    let mut sum = 0.0;
    for y in 0..h {
        for x in 0..w {
            sum += (da[(y * wa + x) as usize] - db[(y * wb + x) as usize]).abs();
        }
    }
    sum / f64::from(w * h) / 255.0
}

/// Compares `png` with the committed reference `name`; `INDMAP_BLESS=1` writes it instead.
pub fn assert_matches_reference(name: &str, png: &[u8], tolerance: f64) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference").join(name);
    if std::env::var("INDMAP_BLESS").is_ok_and(|v| v == "1") || !path.exists() && std::env::var("CI").is_err() {
        std::fs::write(&path, png).unwrap();
        eprintln!("wrote reference {}", path.display());
        return;
    }
    let reference =
        std::fs::read(&path).unwrap_or_else(|_| panic!("no reference {}; run with INDMAP_BLESS=1", path.display()));
    let diff = difference(&reference, png);
    if diff > tolerance {
        let actual = std::env::temp_dir().join(format!("actual-{name}"));
        std::fs::write(&actual, png).unwrap();
        panic!(
            "{name} differs from its reference by {diff:.4} (tolerance {tolerance}); the new image is {}",
            actual.display()
        );
    }
}
