//! A project's passport on two pages: where it is, the key facts, financing by source and year
//! and the schedule; then the action plan, support measures and monitoring, plan against actual.

use crate::charts::{self, ChartSize, ScheduleRow};
use crate::context::PrintContext;
use crate::document::{Document, Page};
use crate::fonts;
use crate::format;
use crate::furniture;
use crate::map_page::{scope_name, subject};
use crate::mapframe::{self, MapContent};
use crate::paper::{PageSetup, Rect};
use crate::svg::{Anchor, Canvas, TextStyle};
use crate::symbology::{SymbolBy, Symbology};
use crate::words::Word;
use indmap_core::reference::{ActionStatus, support_measure};
use indmap_core::schema::{self, Record};
use indmap_core::{Money, Project};
use std::collections::BTreeMap;

/// How the plan moved from its baseline (`edition::variance`), one row a field, in the page's words.
fn variance_rows(ctx: &PrintContext, baseline: &Project, now: &Project) -> Vec<Vec<String>> {
    use indmap_core::schema::Kind;
    let lang = ctx.lang;
    let value = |kind: Kind, v: &serde_json::Value| match (kind, v) {
        (_, serde_json::Value::Null) => "—".to_string(),
        (Kind::Money, serde_json::Value::Number(n)) => {
            Money::from_json(n).map(|m| format::mln_number(m, lang)).unwrap_or_default()
        }
        (Kind::Date, serde_json::Value::String(d)) => {
            d.parse().map(|d| format::date(d, lang)).unwrap_or_else(|_| d.clone())
        }
        (_, serde_json::Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    };
    indmap_core::edition::variance(baseline, now)
        .into_iter()
        .map(|d| {
            let kind = d.kind;
            let label = lang.pick(&d.label);
            let label = match (&d.row, kind) {
                (Some(row), _) => format!("{row}: {label}"),
                (None, Kind::Money) => format!("{label}, {}", Word::MlnKzt.text(lang)),
                (None, _) => label,
            };
            let sign = |b: i128| if b > 0 { "+" } else { "" };
            let by = match (kind, d.by) {
                (_, None) => String::new(),
                (Kind::Money, Some(b)) => {
                    format!("{}{}", sign(b), format::mln_number(Money(i64::try_from(b).unwrap_or(i64::MAX)), lang))
                }
                (Kind::Date, Some(b)) => format!("{}{b} {}", sign(b), Word::Days.text(lang)),
                (_, Some(b)) => format!("{}{b}", sign(b)),
            };
            vec![label, value(kind, &d.baseline), value(kind, &d.now), by]
        })
        .collect()
}

/// A simple table: a bold header row, then rows of wrapped cells. Returns the height used.
fn grid(
    canvas: &mut Canvas,
    ctx: &PrintContext,
    area: Rect,
    columns: &[(String, f64, Anchor)],
    rows: &[Vec<String>],
    bold_last: bool,
) -> f64 {
    let k = ctx.k();
    let pt = 7.0 * k;
    let lh = TextStyle::new(pt).line_mm();
    let total_w: f64 = columns.iter().map(|c| c.1).sum();
    let scale = area.w / total_w;
    let mut y = area.y;
    let draw_row = |canvas: &mut Canvas, cells: &[String], bold: bool, fill: Option<&str>, y: &mut f64| {
        let wrapped: Vec<Vec<String>> =
            cells.iter().zip(columns).map(|(t, (_, w, _))| fonts::wrap(t, pt, bold, w * scale - 1.6, 2)).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f64 * lh + 1.2 * k;
        if *y + h > area.bottom() {
            return false;
        }
        if let Some(fill) = fill {
            canvas.rect(Rect::new(area.x, *y, area.w, h), fill, "none", 0.0);
        }
        let mut x = area.x;
        for (cell, (_, w, a)) in wrapped.iter().zip(columns) {
            let w = w * scale;
            let tx = if *a == Anchor::End { x + w - 0.8 } else { x + 0.8 };
            let mut ty = *y + 0.6 * k + lh * 0.8;
            for line in cell {
                let style = TextStyle::new(pt).anchor(*a);
                canvas.text(tx, ty, line, if bold { style.bold() } else { style });
                ty += lh;
            }
            x += w;
        }
        *y += h;
        canvas.line(area.x, *y, area.right(), *y, "#d0d4da", 0.1);
        true
    };
    let header: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    if header.iter().any(|h| !h.is_empty()) {
        draw_row(canvas, &header, true, Some("#e3e8ee"), &mut y);
    }
    let mut shown = 0;
    for (i, row) in rows.iter().enumerate() {
        let last = i + 1 == rows.len();
        if !draw_row(canvas, row, bold_last && last, if bold_last && last { Some("#e3e8ee") } else { None }, &mut y) {
            break;
        }
        shown += 1;
    }
    if shown < rows.len() {
        let more = format!("… +{}", rows.len() - shown);
        canvas.text(area.x, (y + lh).min(area.bottom()), &more, TextStyle::new(pt).color("#555555"));
        y += lh;
    }
    y - area.y
}

fn section(canvas: &mut Canvas, ctx: &PrintContext, x: f64, y: f64, title: &str) -> f64 {
    let style = TextStyle::new(10.0 * ctx.k()).bold().color("#1f3a5f");
    canvas.text(x, y + style.size_pt * fonts::MM_PER_PT, title, style);
    style.line_mm() + 1.0
}

/// The key facts, and the fields of the schema each shows.
struct Facts {
    rows: Vec<(String, String)>,
    shown: Vec<&'static str>,
}

impl Facts {
    fn add(&mut self, fields: &[&'static str], label: String, value: String) {
        self.shown.extend(fields);
        self.rows.push((label, value));
    }
}

/// Fields the passport shows outside its key facts: the name in the title, the problems in a
/// section of their own, the schedule, financing, actions and monitoring in their tables.
const SHOWN_ELSEWHERE: [&str; 4] = ["name_kk", "name_ru", "name_en", "problems"];

fn key_facts(ctx: &PrintContext, p: &Project) -> Vec<(String, String)> {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_string();
    let join = |parts: Vec<Option<String>>| {
        parts.into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
    };
    let mut facts = Facts { rows: Vec::new(), shown: SHOWN_ELSEWHERE.to_vec() };
    facts.add(&["code"], w(Word::Code), p.code.as_ref().map(|c| c.to_string()).unwrap_or_default());
    facts.add(
        &["region", "district", "settlement", "zone"],
        w(Word::Location),
        join(vec![Some(scope_name(ctx, Some(p.region))), p.district.clone(), p.settlement.clone(), p.zone.clone()]),
    );
    facts.add(&["level"], w(Word::Level), lang.pick(&p.level.label()));
    facts.add(&["status"], w(Word::Status), lang.pick(&p.status.label()));
    facts.add(
        &["sector", "oked"],
        w(Word::Sector),
        join(vec![Some(ctx.sector_label(p.sector.as_deref())), p.oked.clone()]),
    );
    facts.add(
        &["initiator", "initiator_bin"],
        w(Word::Initiator),
        join(vec![
            p.initiator.clone(),
            p.initiator_bin.as_ref().map(|b| format!("{} {}", w(Word::BinLabel), b.as_str())),
        ]),
    );
    facts.add(
        &["cost_kzt", "cost_original"],
        w(Word::Cost),
        p.cost.map(|c| format::money(c, lang)).unwrap_or_default(),
    );
    let capacity = p.capacity.as_ref().map(|c| {
        let value =
            format!("{} {}", format::decimal(c.value, if c.value.fract() == 0.0 { 0 } else { 1 }, lang), c.unit);
        join(vec![Some(value), c.product.clone()])
    });
    facts.add(&["capacity"], w(Word::Capacity), capacity.unwrap_or_default());
    let count = |n: Option<u32>| n.map(|j| format::integer(i64::from(j))).unwrap_or_default();
    facts.add(&["jobs_construction"], w(Word::JobsConstruction), count(p.jobs_construction));
    facts.add(&["jobs_permanent"], w(Word::JobsPermanent), count(p.jobs_permanent));
    facts.add(&["start_date"], w(Word::Start), format::opt_date(p.start_date, lang));
    facts.add(
        &["commissioning_planned"],
        w(Word::PlannedCommissioning),
        format::opt_date(p.commissioning_planned, lang),
    );
    facts.add(&["commissioning_actual"], w(Word::ActualCommissioning), format::opt_date(p.commissioning_actual, lang));
    let (labour, goods) = (p.local_content_labour_pct, p.local_content_goods_pct);
    let pct = |v: Option<f64>| v.map(|v| format::percent(v, lang)).unwrap_or_else(|| "—".into());
    let local_content = (labour.is_some() || goods.is_some()).then(|| format!("{} / {}", pct(labour), pct(goods)));
    facts.add(
        &["local_content_labour_pct", "local_content_goods_pct"],
        w(Word::LocalContent),
        local_content.unwrap_or_default(),
    );
    facts.add(
        &["criteria"],
        w(Word::Criteria),
        p.criteria.iter().map(|c| lang.pick(&c.label())).collect::<Vec<_>>().join(", "),
    );
    facts.add(&["responsible_body"], w(Word::ResponsibleBody), p.responsible_body.clone().unwrap_or_default());
    facts.add(
        &["inclusion_act", "inclusion_date"],
        w(Word::Inclusion),
        join(vec![p.inclusion_act.clone(), p.inclusion_date.map(|d| format::date(d, lang))]),
    );
    // Every other field of the schema, under its label: a new field is in the passport at once.
    let props = schema::record_json(p);
    for f in Project::FIELDS.iter().filter(|f| !facts.shown.contains(&f.name)) {
        let value = format::field_value(f.kind, props.get(f.name).unwrap_or(&serde_json::Value::Null), lang);
        facts.rows.push((lang.pick(&f.label()).to_string(), value));
    }
    facts.rows.into_iter().filter(|(_, v)| !v.is_empty()).collect()
}

/// Financing as a matrix: a row per source, a column per year, with totals.
fn financing_rows(ctx: &PrintContext, p: &Project) -> (Vec<i32>, Vec<Vec<String>>) {
    let lang = ctx.lang;
    let years: Vec<i32> =
        p.financing.iter().map(|f| f.year).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut by_source: BTreeMap<(usize, String), BTreeMap<i32, Money>> = BTreeMap::new();
    for f in &p.financing {
        let order = ctx.sources.iter().position(|s| s.code == f.source).unwrap_or(usize::MAX);
        let cell = by_source.entry((order, f.source.clone())).or_default().entry(f.year).or_default();
        *cell = Money(cell.0.saturating_add(f.amount.0));
    }
    let mut rows = Vec::new();
    for ((_, source), cells) in &by_source {
        let mut row = vec![ctx.source_label(source)];
        row.extend(years.iter().map(|y| cells.get(y).map(|m| format::mln_number(*m, lang)).unwrap_or_default()));
        row.push(format::mln_number(cells.values().copied().sum(), lang));
        rows.push(row);
    }
    let mut total = vec![Word::Total.text(lang).to_string()];
    total.extend(
        years
            .iter()
            .map(|y| format::mln_number(p.financing.iter().filter(|f| f.year == *y).map(|f| f.amount).sum(), lang)),
    );
    total.push(format::mln_number(p.financing_total(), lang));
    rows.push(total);
    (years, rows)
}

fn schedule_rows(ctx: &PrintContext, p: &Project) -> Vec<ScheduleRow> {
    let mut rows = vec![ScheduleRow {
        label: Word::WholeProject.text(ctx.lang).to_string(),
        planned: p.start_date.zip(p.commissioning_planned),
        actual: p.start_date.zip(p.commissioning_actual),
    }];
    let (mut prev_plan, mut prev_actual) = (p.start_date, p.start_date);
    for m in &p.milestones {
        rows.push(ScheduleRow {
            label: m.name.clone(),
            planned: m.planned.map(|d| (prev_plan.unwrap_or(d).min(d), d)),
            actual: m.actual.map(|d| (prev_actual.unwrap_or(d).min(d), d)),
        });
        prev_plan = m.planned.or(prev_plan);
        prev_actual = m.actual.or(prev_actual);
    }
    rows.into_iter().filter(|r| r.planned.is_some() || r.actual.is_some()).collect()
}

/// Investment plan (financing rows up to each period's year) against investment made, in mln ₸.
fn monitoring_series(p: &Project) -> (Vec<String>, Vec<f64>, Vec<f64>) {
    let mut reports: Vec<_> = p.monitoring.iter().filter(|m| m.investment.is_some()).collect();
    reports.sort_by(|a, b| a.period.cmp(&b.period));
    let periods = reports.iter().map(|m| m.period.clone()).collect();
    let plan = reports
        .iter()
        .map(|m| {
            let year: i32 = m.period.get(..4).and_then(|y| y.parse().ok()).unwrap_or(i32::MAX);
            format::mln_f64(p.financing.iter().filter(|f| f.year <= year).map(|f| f.amount).sum())
        })
        .collect();
    let actual = reports.iter().map(|m| format::mln_f64(m.investment.unwrap_or_default())).collect();
    (periods, plan, actual)
}

/// The passport of one project. It is always printed portrait.
pub fn passport_document(ctx: &PrintContext, p: &Project) -> Document {
    crate::fonts::register_with_plotters();
    let mut ctx = ctx.clone();
    ctx.setup = PageSetup { landscape: false, ..ctx.setup };
    let ctx = &ctx;
    let title = format!("{} — {}", Word::PassportTitle.text(ctx.lang), p.name(ctx.lang.code()));
    let schedule = ctx.schedule.as_ref().map_or_else(Vec::new, |lane| {
        crate::gantt_chart::gantt_canvases(ctx, std::slice::from_ref(lane), 1, ctx.trace.printed_on)
    });
    let count = 2 + schedule.len();
    let mut pages = vec![first_page(ctx, p, count), second_page(ctx, p, count)];
    pages.extend(schedule.into_iter().enumerate().map(|(i, canvas)| furniture::footed_page(ctx, canvas, 3 + i, count)));
    Document { title, subject: subject(ctx), pages }
}

fn header(canvas: &mut Canvas, ctx: &PrintContext, area: Rect, p: &Project) -> f64 {
    let k = ctx.k();
    let lang = ctx.lang;
    let kicker = TextStyle::new(8.0 * k).color("#555555");
    canvas.text(area.x, area.y + 3.0 * k, Word::PassportTitle.text(lang), kicker);
    let parts = [
        p.code.as_ref().map(|c| c.to_string()),
        Some(scope_name(ctx, Some(p.region))),
        Some(lang.pick(&p.status.label())),
    ];
    let line = parts.into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
    let used = furniture::title_block(
        canvas,
        Rect::new(area.x, area.y + 4.0 * k, area.w, area.h),
        p.name(lang.code()),
        &ctx.approved_line().into_iter().chain([line]).collect::<Vec<_>>(),
        k * 0.85,
    );
    used + 4.0 * k
}

fn first_page(ctx: &PrintContext, p: &Project, pages: usize) -> Page {
    let k = ctx.k();
    let lang = ctx.lang;
    let mut canvas = Canvas::new();
    let body = ctx.setup.body();
    let (footer_area, rest) = body.take_bottom(furniture::footer_height(k));
    let used = header(&mut canvas, ctx, rest, p);
    let (_, rest) = rest.take_top(used + 2.0 * k);

    // Location map on the left, key facts on the right.
    let map_w = rest.w * 0.42;
    let map_h = map_w * 0.9;
    let map_frame = Rect::new(rest.x, rest.y + 6.0 * k, map_w, map_h);
    section(&mut canvas, ctx, rest.x, rest.y, Word::Location.text(lang));
    let symbology = Symbology::new(SymbolBy::Status, &ctx.sectors, lang);
    let one = [p];
    let content = MapContent {
        projects: &one,
        region: Some(p.region),
        symbology: &symbology,
        lang,
        k: k * 1.6,
        max_labels: 0,
        region_names: false,
    };
    let drawn = mapframe::draw(&mut canvas, map_frame, &content, &[], "passport-map");
    // A point is ringed so it stands out; a line or an area shows itself.
    let as_point = drawn.shapes.values().any(|s| s.point);
    if let Some((lon, lat)) = mapframe::anchor(p).filter(|_| as_point) {
        let (x, y) = drawn.projection.to_page(lon, lat);
        canvas.circle(x, y, 3.0 * k, "none", "#d84315", 0.5 * k);
    }
    let (sb_w, sb_h) = furniture::scale_bar_size(k, map_frame.w);
    let sb = Rect::new(map_frame.x + 1.0, map_frame.bottom() - sb_h - 1.0, sb_w.min(map_frame.w * 0.6), sb_h);
    furniture::scale_bar(&mut canvas, ctx, sb, &drawn.projection);
    furniture::north_arrow(
        &mut canvas,
        ctx,
        Rect::new(map_frame.right() - 9.0 * k, map_frame.y + 1.5, 7.0 * k, 10.0 * k),
    );

    let facts_x = rest.x + map_w + 5.0 * k;
    let facts_w = rest.right() - facts_x;
    section(&mut canvas, ctx, facts_x, rest.y, Word::KeyFacts.text(lang));
    let facts: Vec<Vec<String>> = key_facts(ctx, p).into_iter().map(|(a, b)| vec![a, b]).collect();
    let facts_area = Rect::new(facts_x, rest.y + 6.0 * k, facts_w, rest.h * 0.55);
    let cols = [(String::new(), 0.42, Anchor::Start), (String::new(), 0.58, Anchor::Start)];
    let facts_h = grid(&mut canvas, ctx, facts_area, &cols, &facts, false);

    let mut y = rest.y + 6.0 * k + map_h.max(facts_h) + 5.0 * k;
    y += section(&mut canvas, ctx, rest.x, y, &format!("{}, {}", Word::Financing.text(lang), Word::MlnKzt.text(lang)));
    if p.financing.is_empty() {
        canvas.text(rest.x, y + 4.0, Word::NoData.text(lang), TextStyle::new(7.5 * k).color("#555555"));
        y += 8.0;
    } else {
        let (years, rows) = financing_rows(ctx, p);
        let mut cols = vec![(Word::Source.text(lang).to_string(), 40.0, Anchor::Start)];
        cols.extend(years.iter().map(|y| (y.to_string(), 12.0, Anchor::End)));
        cols.push((Word::Total.text(lang).to_string(), 14.0, Anchor::End));
        let area = Rect::new(rest.x, y, rest.w, rest.h * 0.3);
        y += grid(&mut canvas, ctx, area, &cols, &rows, true) + 5.0 * k;
    }

    let schedule = schedule_rows(ctx, p);
    let room = footer_area.y - y - 2.0;
    if !schedule.is_empty() && room > 30.0 * k {
        let h = room.min((22.0 + 8.0 * schedule.len() as f64) * k);
        let size = ChartSize { w_mm: rest.w, h_mm: h };
        let svg = charts::schedule_chart(ctx, Word::Schedule.text(lang), &schedule, size);
        canvas.embed_svg(&svg, Rect::new(rest.x, y, size.w_mm, size.h_mm));
    }
    furniture::footer(&mut canvas, ctx, footer_area, 1, pages);
    let (width_mm, height_mm) = ctx.setup.size_mm();
    Page { width_mm, height_mm, body: canvas.into_body() }
}

fn second_page(ctx: &PrintContext, p: &Project, pages: usize) -> Page {
    let k = ctx.k();
    let lang = ctx.lang;
    let mut canvas = Canvas::new();
    let body = ctx.setup.body();
    let (footer_area, rest) = body.take_bottom(furniture::footer_height(k));
    let mut y = rest.y;
    let small = TextStyle::new(7.5 * k).color("#555555");

    // The heading says at once how far the plan is: done out of all (cancelled items excluded).
    let live = p.actions.iter().filter(|a| a.status != ActionStatus::Cancelled).count();
    let done = p.actions.iter().filter(|a| a.status == ActionStatus::Done).count();
    let heading = if live > 0 {
        format!("{} — {}: {done} / {live}", Word::ActionPlan.text(lang), lang.pick(&ActionStatus::Done.label()))
    } else {
        Word::ActionPlan.text(lang).to_string()
    };
    y += section(&mut canvas, ctx, rest.x, y, &heading);
    if p.actions.is_empty() {
        canvas.text(rest.x, y + 4.0, Word::NoData.text(lang), small);
        y += 8.0;
    } else {
        let cols = [
            (Word::Action.text(lang).to_string(), 70.0, Anchor::Start),
            (Word::Responsible.text(lang).to_string(), 40.0, Anchor::Start),
            (Word::Due.text(lang).to_string(), 20.0, Anchor::End),
            (Word::Status.text(lang).to_string(), 22.0, Anchor::Start),
            (Word::Actual.text(lang).to_string(), 20.0, Anchor::End),
        ];
        let rows: Vec<Vec<String>> = p
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.title.clone(),
                    a.responsible.clone().unwrap_or_default(),
                    format::opt_date(a.due, lang),
                    lang.pick(&a.status.label()),
                    format::opt_date(a.done, lang),
                ]
            })
            .collect();
        y += grid(&mut canvas, ctx, Rect::new(rest.x, y, rest.w, rest.h * 0.35), &cols, &rows, false) + 5.0 * k;
    }

    if let Some((act, date, baseline)) = &ctx.baseline {
        let date = date.parse().map_or_else(|_| date.clone(), |d| format::date(d, lang));
        let title = format!("{} ({act}, {date})", Word::Variance.text(lang));
        y += section(&mut canvas, ctx, rest.x, y, &title);
        let rows = variance_rows(ctx, baseline, p);
        if rows.is_empty() {
            canvas.text(rest.x, y + 4.0, Word::AsApprovedAll.text(lang), small);
            y += 8.0;
        } else {
            let cols = [
                (Word::Field.text(lang).to_string(), 60.0, Anchor::Start),
                (Word::AsApprovedShort.text(lang).to_string(), 28.0, Anchor::End),
                (Word::NowValue.text(lang).to_string(), 28.0, Anchor::End),
                (Word::Difference.text(lang).to_string(), 28.0, Anchor::End),
            ];
            y += grid(&mut canvas, ctx, Rect::new(rest.x, y, rest.w, rest.h * 0.2), &cols, &rows, false) + 5.0 * k;
        }
    }

    y += section(&mut canvas, ctx, rest.x, y, Word::SupportMeasures.text(lang));
    if p.support_measures.is_empty() {
        canvas.text(rest.x, y + 4.0, Word::NoData.text(lang), small);
        y += 8.0;
    } else {
        let cols = [
            (Word::Measure.text(lang).to_string(), 110.0, Anchor::Start),
            (format!("{}, {}", Word::Amount.text(lang), Word::MlnKzt.text(lang)), 30.0, Anchor::End),
        ];
        let rows: Vec<Vec<String>> = p
            .support_measures
            .iter()
            .map(|s| {
                let name = support_measure(s.measure).map(|l| lang.pick(&l)).unwrap_or_default();
                vec![
                    format!("{}. {name}", s.measure),
                    s.amount.map(|m| format::mln_number(m, lang)).unwrap_or_default(),
                ]
            })
            .collect();
        y += grid(&mut canvas, ctx, Rect::new(rest.x, y, rest.w, rest.h * 0.25), &cols, &rows, false) + 5.0 * k;
    }

    let (periods, plan, actual) = monitoring_series(p);
    let room = footer_area.y - y - 20.0 * k;
    if !periods.is_empty() && room > 40.0 * k {
        let size = ChartSize { w_mm: rest.w, h_mm: room.min(85.0 * k) };
        let title = format!("{}, {}", Word::Monitoring.text(lang), Word::MlnKzt.text(lang));
        let svg = charts::plan_vs_actual(ctx, &title, &periods, &plan, &actual, size);
        canvas.embed_svg(&svg, Rect::new(rest.x, y, size.w_mm, size.h_mm));
        y += size.h_mm + 4.0 * k;
    } else if periods.is_empty() {
        y += section(&mut canvas, ctx, rest.x, y, Word::Monitoring.text(lang));
        canvas.text(rest.x, y + 4.0, Word::NoData.text(lang), small);
        y += 8.0;
    }

    if let Some(problems) = p.problems.as_deref().filter(|t| !t.trim().is_empty()) {
        y += section(&mut canvas, ctx, rest.x, y, Word::Problems.text(lang));
        let style = TextStyle::new(7.5 * k);
        for line in fonts::wrap(problems, style.size_pt, false, rest.w, 4) {
            if y + style.line_mm() > footer_area.y {
                break;
            }
            canvas.text(rest.x, y + style.line_mm() * 0.8, &line, style);
            y += style.line_mm();
        }
    }
    furniture::footer(&mut canvas, ctx, footer_area, 2, pages);
    let (width_mm, height_mm) = ctx.setup.size_mm();
    Page { width_mm, height_mm, body: canvas.into_body() }
}
