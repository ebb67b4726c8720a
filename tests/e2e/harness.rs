//! Drives the real app binary: a private Xvfb display, tauri-driver (which starts
//! WebKitWebDriver), and a fantoccini WebDriver session, each test with its own database and its
//! own data folders. Everything started here runs in its own process group and is ended when the
//! `App` is dropped. On failure `fail` saves a screenshot and the page's text under
//! target/e2e-failures/.

#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Like `assert!`, but returns an error so the test can save a screenshot first.
macro_rules! ensure {
    ($c:expr, $($m:tt)+) => {
        if !$c {
            return Err(format!($($m)+).into());
        }
    };
    ($c:expr) => {
        if !$c {
            return Err(format!("check failed: {}", stringify!($c)).into());
        }
    };
}

/// Like `assert_eq!`, but returns an error so the test can save a screenshot first.
macro_rules! ensure_eq {
    ($a:expr, $b:expr) => {
        match (&$a, &$b) {
            (a, b) => {
                if a != b {
                    return Err(format!("{} = {:?}, expected {:?}", stringify!($a), a, b).into());
                }
            }
        }
    };
}

pub type Res<T = ()> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One window at a time: the machine has two cores and software rendering.
pub static SERIAL: Mutex<()> = Mutex::new(());

/// Holds the other tests of this binary off: each drives a whole app.
pub fn lock() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Saves the window as `dir/name.png` for a person to look at. Waits a moment first: under Xvfb
/// the painted frame lags the page.
pub async fn shot_to(app: &App, dir: &str, name: &str) -> Res {
    tokio::time::sleep(Duration::from_millis(700)).await;
    std::fs::create_dir_all(dir)?;
    std::fs::write(Path::new(dir).join(format!("{name}.png")), app.c().screenshot().await?)?;
    Ok(())
}

pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_indmap-desktop"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A display number nobody uses.
fn free_display() -> u32 {
    let start = 100 + (std::process::id() % 300);
    (start..start + 400)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .expect("a free X display")
}

/// Ends a process and everything in its process group (tauri-driver's WebKitWebDriver and the
/// app it started): TERM first, KILL after 5 s. Never waits for ever.
fn kill_group(child: &mut Child) {
    let pgid = child.id() as libc::pid_t;
    if let Ok(Some(_)) = child.try_wait() {
        // The leader is gone; its group may not be.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        return;
    }
    unsafe { libc::kill(-pgid, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
    let _ = child.kill();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && !matches!(child.try_wait(), Ok(Some(_))) {
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Everything one test owns: folders, display, driver.
pub struct Machine {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    display: u32,
    xvfb: Child,
}

impl Machine {
    pub fn new() -> Res<Machine> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("map.sqlite");
        let display = free_display();
        let xvfb = Command::new("Xvfb")
            .args([
                format!(":{display}"),
                "-screen".into(),
                "0".into(),
                "1366x768x24".into(),
                "-nolisten".into(),
                "tcp".into(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start Xvfb (install xvfb): {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while !Path::new(&format!("/tmp/.X11-unix/X{display}")).exists() {
            if Instant::now() > deadline {
                return Err(format!("Xvfb :{display} did not come up").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(Machine { dir, db, display, xvfb })
    }

    /// Starts the app on this machine's database and returns the session.
    pub async fn launch(&self) -> Res<App> {
        App::start(self, &[]).await
    }

    /// Starts the app with extra environment variables.
    pub async fn launch_with(&self, env: &[(&str, &str)]) -> Res<App> {
        App::start(self, env).await
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        kill_group(&mut self.xvfb);
    }
}

pub struct App {
    pub client: Option<Client>,
    driver: Child,
    log: PathBuf,
    pub started: Instant,
}

fn http_ok(port: u16, path: &str) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf.starts_with("HTTP/1.1 200") || buf.starts_with("HTTP/1.0 200")
}

impl App {
    async fn start(m: &Machine, extra_env: &[(&str, &str)]) -> Res<App> {
        let port = free_port();
        let native = free_port();
        let home = m.dir.path();
        let log = home.join(format!("tauri-driver-{port}.log"));
        let driver_bin = which_tauri_driver();
        let driver = Command::new(&driver_bin)
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("DISPLAY", format!(":{}", m.display))
            .env("INDMAP_DB", &m.db)
            .env("INDMAP_USER", "e2e")
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("GDK_BACKEND", "x11")
            .envs(extra_env.iter().copied())
            .stdout(std::fs::File::create(&log)?)
            .stderr(std::fs::File::create(log.with_extension("err"))?)
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {} (cargo install tauri-driver --locked): {e}", driver_bin.display()))?;
        let mut app = App { client: None, driver, log, started: Instant::now() };
        // tauri-driver does not wait for WebKitWebDriver: wait for both to answer.
        let deadline = Instant::now() + Duration::from_secs(60);
        while !(http_ok(native, "/status") && http_ok(port, "/status")) {
            if Instant::now() > deadline {
                return Err(format!("WebKitWebDriver did not answer on port {native}; {}", app.driver_log()).into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let caps = json!({"tauri:options": {"application": app_binary()}});
        let Value::Object(caps) = caps else { unreachable!() };
        app.started = Instant::now();
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("no WebDriver session: {e}; {}", app.driver_log()))?;
        app.client = Some(client);
        Ok(app)
    }

    /// The app processes running now (for messages when something hangs).
    pub fn app_pids(&self) -> String {
        let out = Command::new("pgrep").args(["-f", "indmap-desktop"]).output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(","))
            .unwrap_or_default()
    }

    pub fn c(&self) -> &Client {
        self.client.as_ref().expect("a session")
    }

    pub fn driver_log(&self) -> String {
        let out = std::fs::read_to_string(&self.log).unwrap_or_default();
        let err = std::fs::read_to_string(self.log.with_extension("err")).unwrap_or_default();
        let tail =
            |s: &str| s.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
        format!("tauri-driver output:\n{}\n{}", tail(&out), tail(&err))
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> Res<Value> {
        Ok(self.c().execute(script, vec![]).await?)
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

    /// Saves what the window shows and the driver said, then returns the error.
    pub async fn fail(
        &self,
        name: &str,
        e: Box<dyn std::error::Error + Send + Sync>,
    ) -> Box<dyn std::error::Error + Send + Sync> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        if let Some(c) = &self.client {
            if let Ok(png) = c.screenshot().await {
                let _ = std::fs::write(dir.join(format!("{name}.png")), png);
            }
            if let Ok(v) = c.execute("return document.body.innerText", vec![]).await {
                let _ = std::fs::write(dir.join(format!("{name}.txt")), v.as_str().unwrap_or_default());
            }
        }
        format!("{name}: {e}\n(screenshot and page text in {})\n{}", dir.display(), self.driver_log()).into()
    }

    /// Ends the session (the app exits) and the driver.
    pub async fn quit(mut self) {
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(15), c.close()).await;
        }
        kill_group(&mut self.driver);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        kill_group(&mut self.driver);
    }
}

fn which_tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin/tauri-driver"));
    match cargo_bin {
        Some(p) if p.exists() => p,
        _ => "tauri-driver".into(),
    }
}

/// Makes a database with the built-in sample projects.
pub fn sample_db(path: &Path, projects: usize) -> Res {
    let mut db = indmap_api::Indmap::init(path, indmap_api::core::Scope::Ministry, env())?;
    db.add_sample(projects, 1)?;
    Ok(())
}

pub fn env() -> indmap_api::Env {
    let at = chrono::DateTime::parse_from_rfc3339("2026-06-01T09:00:00Z").expect("a date").to_utc();
    indmap_api::Env::fixed("e2e", at)
}

/// Runs a test body on a fresh app, saving diagnostics when it fails.
pub async fn with_app<F>(name: &str, m: &Machine, body: impl FnOnce(App) -> F) -> Res
where
    F: std::future::Future<Output = (App, Res)>,
{
    let app = m.launch().await?;
    let pid_hint = app.app_pids();
    // A WebDriver call can wait for ever if the app dies: bound the whole body (dropping it
    // ends the driver and the app).
    let fut = body(app);
    match tokio::time::timeout(Duration::from_secs(300), fut).await {
        Ok((app, result)) => {
            let result = match result {
                Ok(()) => Ok(()),
                Err(e) => Err(app.fail(name, e).await),
            };
            app.quit().await;
            result
        }
        Err(_) => Err(format!("{name}: timed out after 300 s; app processes at start: {pid_hint}").into()),
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
