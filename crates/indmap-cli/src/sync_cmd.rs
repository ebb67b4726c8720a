//! The exchange commands that do more than one call (import with its bill, restore), reading a
//! scope, and what the exchange commands print: the merge bill, conflicts, backups.

use crate::output::{emit, emit_json, print_error, table};
use indmap_api::core::Rule;
use indmap_api::core::{Problems, Scope};
use indmap_api::{
    Backup, ConflictKind, ConflictView, Env, Error, ExportReceipt, ImportReport, Indmap, Manifest, PrintLang,
    ProjectUpdate, ProposalView, Retention, SignatureNote,
};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `--for SCOPE`: `ministry` or `region:KATO`.
pub fn scope(text: &str) -> Result<Scope, Error> {
    Scope::parse(text.trim()).ok_or_else(|| {
        let mut problems = Problems::new();
        let message = format!("{text:?} is not a scope: ministry, or region: and a KATO prefix (region:35)");
        problems.error("--for", Rule::PeerUnknown, message);
        Error::invalid(problems)
    })
}

/// `import`: merges the files (with `dry_run`, previews them) and prints each report; with
/// `bill`, writes the merge bill of the one file too. A refused file is said and the others go on.
pub fn import(
    db: &Path,
    files: &[PathBuf],
    dry_run: bool,
    bill: Option<&Path>,
    lang: &str,
    json: bool,
) -> Result<(), Error> {
    let bill = match bill {
        Some(_) if files.len() > 1 => {
            let mut problems = Problems::new();
            problems.error("--bill", Rule::BillOneFile, "makes the bill of one file; import the files one by one");
            return Err(Error::invalid(problems));
        }
        Some(path) => Some((path, indmap_api::bill_format(path, "--bill")?)),
        None => None,
    };
    let lang = PrintLang::parse(lang).unwrap_or(PrintLang::Ru);
    let mut db = Indmap::open(db, Env::system())?;
    let mut refused = None;
    for (file, report) in files.iter().zip(db.import_all(files, dry_run)) {
        match report {
            Ok(report) => {
                if let Some((path, format)) = bill {
                    db.write_bill(&report, path, format, lang)?;
                }
                imported(&report, json);
            }
            // Say it and go on: one bad file must not hold up the others.
            Err(e) if files.len() > 1 => {
                eprintln!("{}: refused", file.display());
                print_error(&e);
                refused = Some(e);
            }
            Err(e) => return Err(e),
        }
    }
    match refused {
        Some(e) => Err(Error::new(e.kind, "some files were refused; the others were imported")),
        None => Ok(()),
    }
}

/// `restore NAME`.
pub fn restore(db: Indmap, name: &str) -> Result<(), Error> {
    let (_, safety) = db.restore(name)?;
    eprintln!("restored {name}; the state before it is kept as {}", safety.display());
    Ok(())
}

pub fn exported(m: &Manifest, out: &Path, json: bool) {
    if json {
        return emit_json(m);
    }
    emit(&format!(
        "exported {} projects of {} to {}\n  database {}\n  at {} by {}\n  sha256 {}",
        m.projects,
        m.scope.code(),
        out.display(),
        m.db_id,
        m.exported_at,
        m.user,
        m.sha256
    ));
}

fn value(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn updates(title: &str, list: &[ProjectUpdate]) {
    if list.is_empty() {
        return;
    }
    emit(&format!("{title} ({}):", list.len()));
    for p in list {
        emit(&format!("  {} {}", p.code.as_deref().unwrap_or("-"), p.name));
        for f in p.fields.iter().filter(|_| title != "added") {
            emit(&format!("      {}: {} → {}   ({})", f.field, value(&f.old), value(&f.new), f.by_user));
        }
    }
}

pub fn imported(r: &ImportReport, json: bool) {
    if json {
        return emit_json(r);
    }
    let m = &r.manifest;
    let verb = if r.dry_run { "would import" } else { "imported" };
    emit(&format!(
        "{} from {} (database {}, exported {} by {})",
        r.file,
        m.scope.code(),
        m.db_id,
        m.exported_at,
        m.user
    ));
    emit(&match (&r.signature.fingerprint, r.signature.first_sight) {
        (Some(f), _) if r.signature.confirm => format!(
            "signed with key {f}, new here, of a database that says it is the ministry: confirm the fingerprint with the ministry by phone, then `indmap trust {} --fingerprint '{f}'` and import the file",
            r.file
        ),
        (Some(f), false) => format!("signed by that database's pinned key {f}"),
        (Some(f), true) => format!(
            "signed with key {f}, the first from that database: it is pinned now; confirm the fingerprint with the sender by phone"
        ),
        (None, _) => "UNSIGNED (made by an older indmap): taken as before, and its database's key is not pinned".into(),
    });
    if let Some(at) = &r.already_imported {
        return emit(&format!("this file was imported already, at {at}; nothing changed"));
    }
    updates("added", &r.added);
    updates("changed", &r.changed);
    updates("deleted", &r.deleted);
    if !r.conflicts.is_empty() {
        emit(&format!(
            "conflicts ({}): settle them with `indmap resolve ID --take mine|theirs|VALUE`",
            r.conflicts.len()
        ));
        for c in &r.conflicts {
            emit(&format!("  {}  here: {}  other: {}", c.id, value(&c.mine), others(c, " | ")));
        }
    }
    for refusal in &r.refused {
        emit(&format!("refused {}: {}", refusal.code.as_deref().unwrap_or(&refusal.id.to_string()), refusal.reason));
    }
    if r.other_maps > 0 {
        emit(&format!("{} projects of other regions' maps were added or changed, read-only here", r.other_maps));
    }
    if r.proposals > 0 {
        emit(&format!("{} proposals arrived: see `indmap proposals`", r.proposals));
    }
    emit(&format!(
        "{verb}: {} added, {} changed, {} deleted, {} conflicts, {} refused\nprojects {} → {}, investment {} → {} KZT, permanent jobs {} → {}",
        r.added.len(),
        r.changed.len(),
        r.deleted.len(),
        r.conflicts.len(),
        r.refused.len(),
        r.before.projects,
        r.after.projects,
        r.before.cost_kzt.to_decimal_string(),
        r.after.cost_kzt.to_decimal_string(),
        r.before.jobs_permanent,
        r.after.jobs_permanent
    ));
    if let Some(backup) = &r.backup {
        emit(&format!("backup taken before the import: {}", backup.display()));
    }
}

pub fn trusted(file: &Path, note: &SignatureNote, json: bool) {
    if json {
        return emit_json(note);
    }
    emit(&format!(
        "trusted the key that signed {} (fingerprint {}): import the file now",
        file.display(),
        note.fingerprint.as_deref().unwrap_or("")
    ));
}

pub fn conflicts(list: &[ConflictView], json: bool) {
    if json {
        return emit_json(&list);
    }
    if list.is_empty() {
        return emit("no conflicts");
    }
    let mut t = table(&["id", "project", "here", "other"]);
    for c in list {
        t.add_row(vec![c.id.clone(), c.name.clone(), format!("{} — {}", value(&c.mine), c.mine_by), others(c, "\n")]);
    }
    emit(&t.to_string());
}

/// The other side of a conflict: the concurrent values and who wrote them, or the project that
/// holds the code.
fn others(c: &ConflictView, between: &str) -> String {
    match c.kind {
        ConflictKind::Code => c
            .theirs
            .iter()
            .map(|(holder, by)| {
                format!("held by {} {by}, registered first: --take theirs gives the next free code", value(holder))
            })
            .collect(),
        _ => c.theirs.iter().map(|(v, by)| format!("{} — {by}", value(v))).collect::<Vec<_>>().join(between),
    }
}

pub fn backups(list: &[Backup], retention: Retention, json: bool) {
    if json {
        return emit_json(&list);
    }
    for b in list {
        emit(&format!("{}\t{} bytes", b.name, b.bytes));
    }
    let total: u64 = list.iter().map(|b| b.bytes).sum();
    emit(&format!(
        "{} backups, {} MB in all; the newest {} are kept, at most {} MB (settings backups_keep, backups_max_mb)",
        list.len(),
        total.div_ceil(1 << 20),
        retention.keep,
        retention.max_mb
    ));
}

pub fn exports(list: &[ExportReceipt], json: bool) {
    if json {
        return emit_json(&list);
    }
    if list.is_empty() {
        return emit("no exchange file has been written from this database yet (indmap export)");
    }
    let mut t = table(&["when", "file", "for", "projects", "editions", "periods", "by"]);
    for e in list {
        let whole = match &e.region {
            Some(region) => format!("region {region}, whole"),
            None => "whole map".to_owned(),
        };
        t.add_row(vec![
            e.exported_at.clone(),
            e.file_name.clone(),
            e.for_scope.as_ref().map_or(whole, |scope| format!("{scope}: changes")),
            e.projects.to_string(),
            e.editions.to_string(),
            e.periods.join(", "),
            e.user.clone(),
        ]);
    }
    emit(&t.to_string());
}

pub fn proposals(list: &[ProposalView], json: bool) {
    if json {
        return emit_json(&list);
    }
    if list.is_empty() {
        return emit("no proposals");
    }
    let mut t = table(&["id", "project", "field", "now", "proposed", "by", "status"]);
    for p in list {
        let status = match (p.status.as_str(), p.ours_to_decide) {
            ("open", true) => "open: yours to decide".to_owned(),
            (status, _) => status.to_owned(),
        };
        t.add_row(vec![
            p.id.to_string(),
            format!("{} {}", p.code.as_deref().unwrap_or("-"), p.name),
            p.field.clone(),
            value(&p.current),
            value(&p.proposed),
            format!("{} ({}, {})", p.user, p.at, if p.from.is_empty() { "a database unknown here" } else { &p.from }),
            status,
        ]);
    }
    emit(&t.to_string());
}
