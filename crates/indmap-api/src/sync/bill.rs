//! The merge bill: what an import does (or would do), as a workbook to sign off.

use super::{ImportReport, ProjectUpdate};
use crate::{Error, ErrorKind, Result};
use indmap_print::Lang;
use indmap_print::sheets::{Sheet, sheets_xlsx};
use serde_json::Value;

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn code(p: &ProjectUpdate) -> String {
    p.code.clone().unwrap_or_else(|| p.id.to_string())
}

/// The bill as XLSX: a summary, then a sheet per kind of change, in the user's language.
pub fn xlsx(report: &ImportReport, lang: Lang) -> Result<Vec<u8>> {
    let t = |kk: &str, ru: &str, en: &str| lang.of(kk, ru, en).to_owned();
    let m = &report.manifest;
    let money = |minor: i64| format!("{}.{:02}", minor / 100, (minor % 100).abs());
    let summary = vec![
        vec![t("Файл", "Файл", "File"), report.file.clone()],
        vec![t("Жіберуші", "Отправитель", "Sender"), format!("{} ({})", m.scope, m.db_id)],
        vec![t("Экспортталды", "Экспортирован", "Exported"), format!("{} {}", m.exported_at, m.user)],
        vec![t("Тек алдын ала қарау", "Только просмотр", "Preview only"), report.dry_run.to_string()],
        vec![t("Қосылды", "Добавлено", "Added"), report.added.len().to_string()],
        vec![t("Өзгертілді", "Изменено", "Changed"), report.changed.len().to_string()],
        vec![t("Жойылды", "Удалено", "Deleted"), report.deleted.len().to_string()],
        vec![t("Қайшылықтар", "Конфликты", "Conflicts"), report.conflicts.len().to_string()],
        vec![t("Ұсыныстар", "Предложения", "Proposals"), report.proposals.to_string()],
        vec![t("Қабылданбады", "Отклонено", "Refused"), report.refused.len().to_string()],
        vec![
            t("Жобалар (бұрын → кейін)", "Проектов (до → после)", "Projects (before → after)"),
            format!("{} → {}", report.before.projects, report.after.projects),
        ],
        vec![
            t("Инвестициялар, ₸ (бұрын → кейін)", "Инвестиции, ₸ (до → после)", "Investment, KZT (before → after)"),
            format!("{} → {}", money(report.before.cost_kzt.minor()), money(report.after.cost_kzt.minor())),
        ],
        vec![
            t(
                "Тұрақты жұмыс орындары (бұрын → кейін)",
                "Постоянные рабочие места (до → после)",
                "Permanent jobs (before → after)",
            ),
            format!("{} → {}", report.before.jobs_permanent, report.after.jobs_permanent),
        ],
    ];
    let project_heads = vec![t("Код", "Код", "Code"), t("Атауы", "Наименование", "Name")];
    let listed = |list: &[ProjectUpdate]| list.iter().map(|p| vec![code(p), p.name.clone()]).collect();
    let changes = report
        .changed
        .iter()
        .flat_map(|p| {
            p.fields.iter().map(move |f| {
                vec![code(p), p.name.clone(), f.field.clone(), text(&f.old), text(&f.new), f.by_user.clone()]
            })
        })
        .collect();
    let sheets = vec![
        Sheet {
            name: t("Жиынтық", "Сводка", "Summary"), headers: vec![String::new(), String::new()], rows: summary
        },
        Sheet {
            name: t("Өзгерістер", "Изменения", "Changes"),
            headers: vec![
                t("Код", "Код", "Code"),
                t("Атауы", "Наименование", "Name"),
                t("Өріс", "Поле", "Field"),
                t("Болды", "Было", "Before"),
                t("Болады", "Стало", "After"),
                t("Кім", "Кем", "By"),
            ],
            rows: changes,
        },
        Sheet {
            name: t("Қосылды", "Добавлено", "Added"), headers: project_heads.clone(), rows: listed(&report.added)
        },
        Sheet {
            name: t("Жойылды", "Удалено", "Deleted"), headers: project_heads, rows: listed(&report.deleted)
        },
        Sheet {
            name: t("Қайшылықтар", "Конфликты", "Conflicts"),
            headers: vec![
                t("Белгі", "Идентификатор", "Id"),
                t("Атауы", "Наименование", "Name"),
                t("Мұнда", "Здесь", "Here"),
                t("Басқа", "Другое", "Other"),
            ],
            rows: report
                .conflicts
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        text(&c.mine),
                        c.theirs.iter().map(|(v, _)| text(v)).collect::<Vec<_>>().join(" | "),
                    ]
                })
                .collect(),
        },
        Sheet {
            name: t("Қабылданбады", "Отклонено", "Refused"),
            headers: vec![t("Код", "Код", "Code"), t("Себебі", "Причина", "Reason")],
            rows: report
                .refused
                .iter()
                .map(|r| vec![r.code.clone().unwrap_or_else(|| r.id.to_string()), r.reason.clone()])
                .collect(),
        },
    ];
    let title = t("Біріктіру шоты", "Ведомость слияния", "Merge bill");
    sheets_xlsx(&title, &sheets)
        .map_err(|e| Error::new(ErrorKind::Io, format!("the merge bill could not be written: {e}")))
}
