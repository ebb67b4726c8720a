//! End-to-end: the API's problems are shown next to their fields in the window's language, by
//! their rule code (ui/src/rules.ts), not in the API's English.

use crate::harness::*;

/// Where the screenshots go, for a person to look at.
const SHOTS: &str = "/tmp/rules-helper";

/// In a Kazakh window a BIN of 11 digits, then a commissioning before the start, are refused
/// with Kazakh sentences by the fields.
#[tokio::test]
async fn problems_are_shown_in_kazakh_by_their_fields() -> Res {
    let m = Machine::karaganda()?;
    run_app("rules_kazakh", &m, async |app| {
        app.wait_window().await?;
        app.choose("[data-role=lang]", "kk").await?;
        app.wait_js("Kazakh labels", "return document.documentElement.lang === 'kk'", 15).await?;
        app.click("[data-role=new-project]").await?;
        app.type_into("[data-path=name_kk]", "Ферроқорытпа зауыты").await?;
        app.type_into("[data-path=name_ru]", "Ферросплавный завод").await?;
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
