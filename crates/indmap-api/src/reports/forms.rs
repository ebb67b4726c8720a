//! The official report forms (`Printout::Effectiveness`, `SupportRegister`, `MonitoringReport`):
//! of the filtered projects as they stand, across the sheet, as signed pages or a workbook.

use super::{PrintRequest, PrintedSet, Printout, as_it_stands, print_error, refused};
use crate::{Indmap, Result};
use indmap_core::period::Period;
use indmap_core::{Project, Rule, alert, monitoring, report_forms};
use indmap_print::effectiveness_report::{effectiveness_document, effectiveness_xlsx};
use indmap_print::report_forms::{monitoring_report_document, monitoring_report_xlsx};
use indmap_print::report_forms::{support_register_document, support_register_xlsx};
use indmap_print::{Document, PageSetup, PrintContext};

/// A form laid out.
pub(super) enum Form {
    Pages(Document),
    Workbook(Vec<u8>),
}

/// The pages, or the workbook made by `book`.
fn laid_out<E: std::fmt::Display>(
    workbook: bool,
    book: impl FnOnce() -> std::result::Result<Vec<u8>, E>,
    pages: impl FnOnce() -> Document,
) -> Result<Form> {
    if workbook { book().map(Form::Workbook).map_err(print_error) } else { Ok(Form::Pages(pages())) }
}

impl Indmap {
    /// The form `request` asks for, as pages or (`workbook`) as a workbook; `None` when the
    /// printout is not a form.
    pub(super) fn form<F: PrintedSet>(&self, request: &PrintRequest<F>, workbook: bool) -> Result<Option<Form>> {
        let form = match &request.printout {
            Printout::Effectiveness { year } => {
                let (ctx, projects) = self.form_of(request, "the effectiveness of support")?;
                let e = self.effectiveness_of(&projects, *year)?;
                laid_out(workbook, || effectiveness_xlsx(&ctx, &e), || effectiveness_document(&ctx, &e))?
            }
            Printout::SupportRegister { year } => {
                let (ctx, projects) = self.form_of(request, "the information on support measures")?;
                let (lines, totals) = report_forms::support_register(&projects, *year);
                laid_out(
                    workbook,
                    || support_register_xlsx(&ctx, &lines, &totals, *year),
                    || support_register_document(&ctx, &lines, &totals, *year),
                )?
            }
            Printout::MonitoringReport { period } => {
                let (ctx, projects) = self.form_of(request, "the monitoring report")?;
                let cx = self.alert_context()?;
                let period = match period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                    None => cx.due_period.to_string(),
                    Some(p) => Period::parse(p).map(|p| p.to_string()).ok_or_else(|| {
                        refused(
                            "period",
                            Rule::PeriodFormat,
                            format!("{p:?} is not a period: write it as 2026-Q3, 2026-07, 2026-H2 or 2026"),
                        )
                    })?,
                };
                let due: Vec<&Project> = projects.iter().filter(|p| monitoring::is_due(p, &period)).collect();
                let baselines = self.baselines(due.iter().copied())?;
                let alerts: Vec<Vec<alert::Alert>> =
                    due.iter().map(|p| alert::of(p, baselines.get(&p.id), &cx)).collect();
                let lines: Vec<_> = due
                    .iter()
                    .zip(&alerts)
                    .map(|(p, a)| report_forms::monitoring_line(p, baselines.get(&p.id), &period, a))
                    .collect();
                laid_out(
                    workbook,
                    || monitoring_report_xlsx(&ctx, &period, &lines),
                    || monitoring_report_document(&ctx, &period, &lines),
                )?
            }
            _ => return Ok(None),
        };
        Ok(Some(form))
    }

    /// A form's projects and its print context: the map as it stands, across the sheet.
    fn form_of<F: PrintedSet>(&self, request: &PrintRequest<F>, what: &str) -> Result<(PrintContext, Vec<Project>)> {
        as_it_stands(request, what)?;
        let (filter, projects) = request.filter.select(self)?;
        // Columns of figures, signed: always across the sheet.
        let setup = PageSetup::new(request.paper, true);
        Ok((self.print_context(&projects, &filter, request.lang, setup)?, projects))
    }
}
