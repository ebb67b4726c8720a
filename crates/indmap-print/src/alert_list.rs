//! The alert list as a printout: what is late or does not add up in the printed projects, a
//! table per kind of alert, with the period whose reports are due and a line to sign.

use crate::context::PrintContext;
use crate::document::Document;
use crate::format;
use crate::listing::{Column, Listing, Section, listing_document};
use crate::words::Word;
use indmap_core::Project;
use indmap_core::alert::{Alert, AlertKind, Figures};

/// The list of `alerts` (each with its project, in the order to print), the reports of
/// `due_period` being due.
pub fn alerts_document(ctx: &PrintContext, due_period: &str, alerts: &[(&Project, &Alert)]) -> Document {
    let lang = ctx.lang;
    let w = |word: Word| word.text(lang).to_owned();
    let projects: std::collections::BTreeSet<uuid::Uuid> = alerts.iter().map(|(p, _)| p.id).collect();
    let sections = AlertKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let rows: Vec<Vec<String>> =
                alerts.iter().filter(|(_, a)| a.kind == kind).map(|(p, a)| row(ctx, p, a)).collect();
            (!rows.is_empty()).then(|| Section {
                title: lang.pick(&kind.label()),
                columns: vec![
                    Column::text(Word::Code.text(lang), 11.0),
                    Column::text(Word::Name.text(lang), 38.0),
                    Column::text(Word::Region.text(lang), 20.0),
                    Column::text(Word::About.text(lang), 38.0),
                    Column::number(Word::DaysLate.text(lang), 9.0),
                    Column::text(Word::Responsible.text(lang), 26.0),
                ],
                rows,
                ..Section::default()
            })
        })
        .collect();
    let listing = Listing {
        title: w(Word::AlertsTitle),
        subtitles: vec![ctx.filters_as_of()],
        facts: vec![
            (w(Word::ReportsDue), due_period.to_owned()),
            (w(Word::AlertsCount), format::integer(alerts.len() as i64)),
            (w(Word::Projects), format::integer(projects.len() as i64)),
        ],
        sections,
        signatures: vec![w(Word::PreparedBy)],
        ..Listing::default()
    };
    listing_document(ctx, &listing)
}

fn row(ctx: &PrintContext, p: &Project, a: &Alert) -> Vec<String> {
    let lang = ctx.lang;
    let subject = a.subject.clone().unwrap_or_default();
    let figures = a.figures.map(|f| match f {
        Figures::Money { expected, found } => {
            format!("{} → {}", format::money(expected, lang), format::money(found, lang))
        }
        Figures::Percent { expected, found } => {
            format!("{} → {}", format::percent(expected, lang), format::percent(found, lang))
        }
    });
    let about = match figures {
        Some(f) if subject.is_empty() => f,
        Some(f) => format!("{subject}: {f}"),
        None => subject,
    };
    vec![
        p.code_or_id(),
        p.name(lang.code()).to_owned(),
        lang.pick(&p.region.region().label()),
        about,
        a.days.map(format::integer).unwrap_or_default(),
        a.responsible.clone().unwrap_or_default(),
    ]
}
