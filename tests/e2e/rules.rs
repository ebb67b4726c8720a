//! End-to-end: the API's problems are shown next to their fields in the window's language, by
//! their rule code (ui/src/rules.ts), not in the API's English.

use crate::harness::*;

/// Where the screenshots go, for a person to look at.
const SHOTS: &str = "/tmp/rules-helper";

/// A Kazakh window's editor of a new project, its names typed.
async fn new_project_in_kazakh(app: &App) -> Res {
    app.wait_window().await?;
    app.choose("[data-role=lang]", "kk").await?;
    app.wait_js("Kazakh labels", "return document.documentElement.lang === 'kk'", 15).await?;
    app.click("[data-role=new-project]").await?;
    app.type_into("[data-path=name_kk]", "Ферроқорытпа зауыты").await?;
    app.type_into("[data-path=name_ru]", "Ферросплавный завод").await
}

/// In a Kazakh window a BIN of 11 digits, then a commissioning before the start, are refused
/// with Kazakh sentences by the fields.
#[tokio::test]
async fn problems_are_shown_in_kazakh_by_their_fields() -> Res {
    let m = Machine::karaganda()?;
    run_app("rules_kazakh", &m, async |app| {
        new_project_in_kazakh(app).await?;
        app.type_into("[data-path=initiator_bin]", "12345678901").await?;
        app.type_into("[data-path='geometry.lon']", "73,1").await?;
        app.type_into("[data-path='geometry.lat']", "49,8").await?;
        app.click("[data-role=editor-save]").await?;
        let bin = app.text("[data-field=initiator_bin] .field-problem").await?;
        ensure_eq!(bin, "БСН тура 12 цифрдан тұрады");

        app.type_into("[data-path=initiator_bin]", "").await?;
        app.type_into("[data-path=start_date]", "01.06.2026").await?;
        app.type_into("[data-path=commissioning_planned]", "01.01.2026").await?;
        app.click("[data-role=editor-save]").await?;
        let early = app.text("[data-field=commissioning_planned] .field-problem").await?;
        ensure_eq!(early, "Жобаның басталу күнінен бұрын болмайды");
        app.shot_to(SHOTS, "kazakh-problems").await?;
        Ok(())
    })
    .await
}

/// Every rule is checked as the user leaves a field, before any Save, all at once: a BIN of 11
/// digits and a commissioning before the start are refused by their fields, and a point in
/// Almaty on Karaganda's map is a warning beside the location, in Kazakh; the editor stays
/// open and nothing is written.
#[tokio::test]
async fn every_problem_shows_by_its_field_as_the_user_leaves_it() -> Res {
    let m = Machine::karaganda()?;
    let before = indmap_api::Indmap::open(&m.db, env())?.content_hash()?;
    run_app("rules_on_leaving", &m, async |app| {
        new_project_in_kazakh(app).await?;
        app.type_into("[data-path=initiator_bin]", "12345678901").await?;
        app.type_into("[data-path=start_date]", "01.06.2026").await?;
        app.type_into("[data-path=commissioning_planned]", "01.01.2026").await?;
        app.type_into("[data-path='geometry.lon']", "76,9").await?;
        app.type_into("[data-path='geometry.lat']", "43,25").await?;
        // Leaving the last box: no Save pressed.
        app.js("document.activeElement.blur(); return true").await?;
        let shown = |field: &str| {
            format!("return document.querySelector(\"[data-field='{field}'] .field-problem.checked\")?.textContent ?? ''")
        };
        app.wait_js(
            "the problems by their fields",
            "return document.querySelectorAll('.field-problem.checked').length >= 3",
            20,
        )
        .await?;
        ensure_eq!(app.js(&shown("initiator_bin")).await?, serde_json::json!("БСН тура 12 цифрдан тұрады"));
        ensure_eq!(app.js(&shown("commissioning_planned")).await?, serde_json::json!("Жобаның басталу күнінен бұрын болмайды"));
        let place = app.js("return [...document.querySelectorAll('.field-problem.checked.warning')].map((p) => p.textContent).join(' | ')").await?;
        let place = place.as_str().unwrap_or_default().to_owned();
        ensure!(!place.is_empty(), "no warning beside the location");
        app.ensure_readable("the problems by the fields", ".field-problem.checked").await?;
        ensure_eq!(app.js("return !!document.querySelector('[data-role=editor]')").await?, serde_json::json!(true));
        app.shot_to(SHOTS, "kazakh-on-leaving").await?;
        Ok(())
    })
    .await?;
    ensure_eq!(indmap_api::Indmap::open(&m.db, env())?.content_hash()?, before);
    Ok(())
}
