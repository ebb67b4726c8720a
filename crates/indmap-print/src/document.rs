//! Pages and documents, and their output as PDF, PNG and SVG. Every page is first an SVG in
//! millimetres; usvg lays its text out with the bundled font, svg2pdf writes the PDF (vector, the
//! font embedded as a subset so text can be searched and copied) and resvg the PNG.

use crate::fonts::{self, FAMILY};
use pdf_writer::{Content, Finish, Name, Pdf, Rect as PdfRect, Ref, TextStr};
use std::collections::HashMap;

/// Millimetres per CSS pixel: usvg reads `mm` lengths at 96 px per inch.
const MM_PER_PX: f64 = 25.4 / 96.0;

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("a page could not be read back as SVG: {0}")]
    Svg(String),
    #[error("a page could not be written as PDF: {0}")]
    Pdf(String),
    #[error("a page could not be drawn as PNG: {0}")]
    Png(String),
    #[error("the document has no page")]
    Empty,
}

/// One printed page.
#[derive(Debug, Clone)]
pub struct Page {
    pub width_mm: f64,
    pub height_mm: f64,
    /// SVG elements in millimetres from the top-left corner.
    pub body: String,
}

impl Page {
    /// The page as a standalone SVG file, sized in millimetres.
    pub fn to_svg(&self) -> String {
        let (w, h) = (self.width_mm, self.height_mm);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\" font-family=\"{FAMILY}\">\
             <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>{}</svg>",
            self.body
        )
    }

    fn tree(&self) -> Result<usvg::Tree, RenderError> {
        let options =
            usvg::Options { font_family: FAMILY.to_string(), fontdb: fonts::database(), ..usvg::Options::default() };
        usvg::Tree::from_str(&self.to_svg(), &options).map_err(|e| RenderError::Svg(e.to_string()))
    }

    /// The page as a PNG at `dpi` dots per inch.
    pub fn to_png(&self, dpi: f64) -> Result<Vec<u8>, RenderError> {
        let tree = self.tree()?;
        let scale = (dpi / 25.4 * MM_PER_PX) as f32;
        let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| RenderError::Png("empty page".into()))?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| RenderError::Png(format!("cannot make a {}×{} image", size.width(), size.height())))?;
        resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        pixmap.encode_png().map_err(|e| RenderError::Png(e.to_string()))
    }
}

/// A printout: pages and what the PDF's properties say about it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub title: String,
    /// Shown as the PDF's subject: where the data came from (database id, content hash).
    pub subject: String,
    pub pages: Vec<Page>,
}

impl Document {
    pub fn first_page(&self) -> Result<&Page, RenderError> {
        self.pages.first().ok_or(RenderError::Empty)
    }

    /// Every page as a PNG at `dpi`, in order.
    pub fn to_pngs(&self, dpi: f64) -> Result<Vec<Vec<u8>>, RenderError> {
        on_two_cores(&self.pages, |p| p.to_png(dpi))
    }

    /// Only page `n` (from 1), or `None` when there is no such page.
    pub fn only_page(&self, n: usize) -> Option<Document> {
        let page = self.pages.get(n.checked_sub(1)?)?.clone();
        Some(Document { title: self.title.clone(), subject: self.subject.clone(), pages: vec![page] })
    }

    /// All pages as one vector PDF. Pages are parsed two at a time (the machines have 2 cores).
    ///
    /// Each page carries its own subsets of the two fonts (about 12 KB each): svg2pdf 0.13
    /// subsets and writes the fonts of every `to_chunk` call separately, and its font state is
    /// private, so pages cannot share one. On the 91-page atlas of the sample that is about a
    /// third of the file. Sharing needs a writer that keeps fonts per document (krilla).
    pub fn to_pdf(&self) -> Result<Vec<u8>, RenderError> {
        if self.pages.is_empty() {
            return Err(RenderError::Empty);
        }
        let chunks = convert_pages(&self.pages)?;

        let mut alloc = Ref::new(1);
        let catalog_id = alloc.bump();
        let tree_id = alloc.bump();
        let info_id = alloc.bump();
        let mut pdf = Pdf::new();
        let mut page_ids = Vec::new();
        let svg_name = Name(b"S1");
        for (page, (chunk, svg_ref)) in self.pages.iter().zip(chunks) {
            let mut map = HashMap::new();
            let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
            let svg_id = map[&svg_ref];
            let page_id = alloc.bump();
            let content_id = alloc.bump();
            let (w, h) = (pt(page.width_mm), pt(page.height_mm));
            let mut p = pdf.page(page_id);
            p.media_box(PdfRect::new(0.0, 0.0, w, h));
            p.parent(tree_id);
            p.contents(content_id);
            p.resources().x_objects().pair(svg_name, svg_id);
            p.finish();
            let mut content = Content::new();
            // The SVG's XObject is one point square: stretch it to the page.
            content.save_state().transform([w, 0.0, 0.0, h, 0.0, 0.0]).x_object(svg_name).restore_state();
            pdf.stream(content_id, &content.finish());
            pdf.extend(&chunk);
            page_ids.push(page_id);
        }
        pdf.catalog(catalog_id).pages(tree_id);
        pdf.pages(tree_id).count(page_ids.len() as i32).kids(page_ids);
        pdf.document_info(info_id)
            .title(TextStr(&self.title))
            .subject(TextStr(&self.subject))
            .creator(TextStr("indmap"))
            .producer(TextStr("indmap (svg2pdf)"));
        Ok(pdf.finish())
    }
}

fn pt(mm: f64) -> f32 {
    (mm / 25.4 * 72.0) as f32
}

fn convert_page(page: &Page) -> Result<(pdf_writer::Chunk, Ref), RenderError> {
    let tree = page.tree()?;
    svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default()).map_err(|e| RenderError::Pdf(e.to_string()))
}

fn convert_pages(pages: &[Page]) -> Result<Vec<(pdf_writer::Chunk, Ref)>, RenderError> {
    on_two_cores(pages, convert_page)
}

/// `f` of every page, in order, the pages shared between two threads (the machines have 2 cores).
fn on_two_cores<T: Send>(
    pages: &[Page],
    f: impl Fn(&Page) -> Result<T, RenderError> + Sync,
) -> Result<Vec<T>, RenderError> {
    if pages.len() < 4 {
        return pages.iter().map(&f).collect();
    }
    let half = pages.len() / 2;
    let (first, second) = pages.split_at(half);
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(&f).collect::<Result<Vec<_>, _>>());
        let mine = first.iter().map(&f).collect::<Result<Vec<_>, _>>();
        (mine, other.join().unwrap_or_else(|_| Err(RenderError::Pdf("a worker thread stopped".into()))))
    });
    let mut all = a?;
    all.extend(b?);
    Ok(all)
}
