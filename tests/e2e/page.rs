//! What a test does in the window, through WebDriver: run JavaScript and wait for it, find, click,
//! type and choose the way a user does, read text, check that text can be read, and save
//! screenshots for a person to look at.

use crate::harness::{App, Res};
use fantoccini::Locator;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

impl App {
    /// Saves the window as `dir/name.png` for a person to look at. Waits a moment first: under
    /// Xvfb the painted frame lags the page.
    pub async fn shot_to(&self, dir: &str, name: &str) -> Res {
        tokio::time::sleep(Duration::from_millis(700)).await;
        std::fs::create_dir_all(dir)?;
        std::fs::write(Path::new(dir).join(format!("{name}.png")), self.c().screenshot().await?)?;
        Ok(())
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> Res<Value> {
        Ok(self.c().execute(script, vec![]).await?)
    }

    /// Waits for the window to be ready for work: its "New project" button is there.
    pub async fn wait_window(&self) -> Res {
        self.wait_js("the window to be ready", "return document.querySelector('[data-role=new-project]') !== null", 60)
            .await?;
        Ok(())
    }

    /// Waits until `script` returns something truthy; returns it.
    pub async fn wait_js(&self, what: &str, script: &str, secs: u64) -> Res<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.js(script).await.unwrap_or(Value::Null);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out after {secs} s waiting for {what}").into());
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn css(&self, selector: &str) -> Res<fantoccini::elements::Element> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.c().find(Locator::Css(selector)).await {
                Ok(e) => return Ok(e),
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(150)).await,
                Err(e) => return Err(format!("no element {selector}: {e}").into()),
            }
        }
    }

    /// Types into an input (after clearing it) and fires the input event the way a user does.
    pub async fn type_into(&self, selector: &str, text: &str) -> Res {
        let e = self.css(selector).await?;
        let sel = serde_json::to_string(selector)?;
        self.js(&format!("document.querySelector({sel}).scrollIntoView({{block: 'center'}})")).await?;
        e.clear().await?;
        if text.is_empty() {
            self.js(&format!(
                "const e = document.querySelector({sel}); e.value = ''; e.dispatchEvent(new Event('input', {{bubbles: true}})); e.dispatchEvent(new Event('change', {{bubbles: true}}));"
            ))
            .await?;
        } else {
            e.send_keys(text).await?;
        }
        Ok(())
    }

    /// The element's text content (what the user reads; WebDriver's own text is empty for
    /// cells scrolled out of view).
    pub async fn text(&self, selector: &str) -> Res<String> {
        self.css(selector).await?;
        let sel = serde_json::to_string(selector)?;
        let v = self.js(&format!("return document.querySelector({sel}).textContent")).await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    pub async fn click(&self, selector: &str) -> Res {
        let e = self.css(selector).await?;
        let sel = serde_json::to_string(selector)?;
        self.js(&format!("document.querySelector({sel}).scrollIntoView({{block: 'center'}})")).await?;
        if let Err(err) = e.click().await {
            // WebKitWebDriver refuses some clicks (table rows under a sticky header): click as
            // the page would, and say so in the output.
            eprintln!("webdriver click on {selector} failed ({err}); clicking through the page");
            self.js(&format!("document.querySelector({sel}).click()")).await?;
        }
        Ok(())
    }

    /// Chooses an option of a <select> by its value.
    pub async fn choose(&self, selector: &str, value: &str) -> Res {
        let sel = serde_json::to_string(selector)?;
        let val = serde_json::to_string(value)?;
        self.js(&format!(
            "const s = document.querySelector({sel}); s.value = {val}; s.dispatchEvent(new Event('change', {{bubbles: true}})); return s.value;"
        ))
        .await?;
        Ok(())
    }

    /// What a person could not read inside `selector`: each element showing text that is not
    /// shown on screen, or whose colour stands against what is painted behind it below WCAG's
    /// 4.5:1 (3:1 for large text). A selector that finds the element is not enough: the
    /// Exchange menu was once found and clicked while its items were white on white.
    pub async fn unreadable(&self, selector: &str) -> Res<Vec<String>> {
        let sel = serde_json::to_string(selector)?;
        let v = self.js(&format!("{READABILITY}\nreturn unreadable({sel});")).await?;
        Ok(v.as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap_or_default().to_owned()).collect())
            .unwrap_or_default())
    }

    /// Fails unless everything inside `selector` can be read (see `unreadable`).
    pub async fn ensure_readable(&self, what: &str, selector: &str) -> Res {
        let bad = self.unreadable(selector).await?;
        ensure!(bad.is_empty(), "{what} cannot be read: {}", bad.join("; "));
        Ok(())
    }

    /// The number of rows in the project table.
    pub async fn table_rows(&self) -> Res<u64> {
        Ok(self.js("return document.querySelectorAll('[data-role=rows] tr').length").await?.as_u64().unwrap_or(0))
    }

    /// Waits for the map to have painted the projects and returns (points in the data, points
    /// painted).
    pub async fn map_points(&self) -> Res<(u64, u64)> {
        let v = self
            .wait_js(
                "the map to paint its projects",
                "const m = document.querySelector('[data-role=map]'); return document.body.dataset.mapReady && m.dataset.rendered !== undefined ? [Number(m.dataset.points), Number(m.dataset.rendered)] : null",
                90,
            )
            .await?;
        Ok((v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0)))
    }
}

/// The page side of `App::unreadable`: colours are composed from the element up to the first
/// opaque background (the page is white), opacity of ancestors fades the text.
const READABILITY: &str = r#"
function rgba(c) {
  const m = /rgba?\(([^)]*)\)/.exec(c || "");
  if (!m) return [0, 0, 0, 0];
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
}
function over(top, bottom, alpha) {
  return [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha)).concat([1]);
}
function luminance(c) {
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}
function behind(el) {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let bg = [255, 255, 255, 1];
  for (const l of layers.reverse()) bg = over(l, bg, l[3]);
  return bg;
}
function unreadable(selector) {
  const root = document.querySelector(selector);
  if (!root) return ["nothing matches " + selector];
  const bad = [];
  for (const el of [root, ...root.querySelectorAll("*")]) {
    // An option is drawn by its select (closed, it has no box of its own).
    if (el.tagName === "OPTION") continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
    const text = (el.tagName === "SELECT" ? el.selectedOptions[0]?.textContent ?? "" : own).trim();
    if (!text) continue;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (s.display === "none" || el.closest("[hidden]")) continue;
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    if (s.visibility !== "visible" || !onScreen) { bad.push(`"${text}" is not shown`); continue; }
    let fade = 1;
    for (let e = el; e; e = e.parentElement) fade *= Number(getComputedStyle(e).opacity);
    const bg = behind(el);
    const fg = rgba(s.color);
    const ink = over(fg, bg, fg[3] * fade);
    const [a, b] = [luminance(ink), luminance(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`"${text}" at ${ratio.toFixed(2)}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")}))`);
  }
  return bad;
}
"#;
