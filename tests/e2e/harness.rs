//! Drives the real app binary: a private Xvfb display, tauri-driver (which starts
//! WebKitWebDriver), and a fantoccini WebDriver session, each test with its own database and its
//! own data folders. Everything started here runs in its own process group and is ended when the
//! `App` is dropped.
//!
//! A test sets up its `Machine` (folders, database, display), then hands the steps it takes in
//! the window to `run_app`:
//!
//! ```ignore
//! let m = Machine::new()?;
//! sample_db(&m.db, 300)?;
//! run_app("filter_region", &m, async |app| {
//!     app.choose("[data-role=f-region]", "35").await?;
//!     Ok(())
//! })
//! .await?;
//! ```
//!
//! `run_app` starts the app, runs the steps with a time limit, and always ends the session and the
//! driver, whether the steps pass, fail, panic or hang. When they do not pass it saves a
//! screenshot and the page's text under target/e2e-failures/ (named by the run's name).

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::future::Future;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::pin::pin;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::task::Poll;
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

/// One window at a time: the machine has two cores and software rendering. A `Machine` holds it
/// for its whole life, so the other tests of this binary wait even when run on several threads.
static SERIAL: Mutex<()> = Mutex::new(());

/// How long the steps of one run may take before the run is ended as hung.
const STEPS_LIMIT: Duration = Duration::from_secs(300);

/// How long saving a failed run's screenshot may take (the app may be the thing that hung).
const DIAGNOSIS_LIMIT: Duration = Duration::from_secs(30);

fn app_binary() -> PathBuf {
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

/// Everything one test owns: folders, its database's path (nothing is there until the test makes
/// it), a display, and the turn to use the machine.
pub struct Machine {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    display: u32,
    xvfb: Child,
    // Dropped last, after Xvfb is ended and the folders removed.
    _turn: MutexGuard<'static, ()>,
}

impl Machine {
    /// Waits for the other tests' machines to be gone, then makes folders and starts a display.
    pub fn new() -> Res<Machine> {
        let turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
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
        Ok(Machine { dir, db, display, xvfb, _turn: turn })
    }

    /// A machine whose map is a new, empty regional map of Karaganda region (KATO 35).
    pub fn karaganda() -> Res<Machine> {
        let m = Machine::new()?;
        let region = indmap_api::core::RegionCode::parse("35").ok_or("35 is Karaganda's KATO prefix")?;
        indmap_api::Indmap::init(&m.db, indmap_api::core::Scope::Region(region), env())?;
        Ok(m)
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        kill_group(&mut self.xvfb);
    }
}

/// The app running on a machine, and the WebDriver session that drives it (`page.rs` holds what a
/// test does with it).
pub struct App {
    client: Option<Client>,
    driver: Child,
    log: PathBuf,
    /// When the session was asked for, which starts the app.
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
    fn app_pids(&self) -> String {
        let out = Command::new("pgrep").args(["-f", "indmap-desktop"]).output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(","))
            .unwrap_or_default()
    }

    pub fn c(&self) -> &Client {
        self.client.as_ref().expect("a session")
    }

    /// What the app and its driver printed so far.
    pub fn app_output(&self) -> String {
        let out = std::fs::read_to_string(&self.log).unwrap_or_default();
        out + &std::fs::read_to_string(self.log.with_extension("err")).unwrap_or_default()
    }

    fn driver_log(&self) -> String {
        let out = std::fs::read_to_string(&self.log).unwrap_or_default();
        let err = std::fs::read_to_string(self.log.with_extension("err")).unwrap_or_default();
        let tail =
            |s: &str| s.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
        format!("tauri-driver output:\n{}\n{}", tail(&out), tail(&err))
    }

    /// Saves what the window shows and what the driver said, and returns the failure with where
    /// to find them. Gives up on the window after `DIAGNOSIS_LIMIT`: it may be what hung.
    async fn fail(&self, name: &str, failure: String) -> Box<dyn std::error::Error + Send + Sync> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        let save = async {
            if let Some(c) = &self.client {
                if let Ok(png) = c.screenshot().await {
                    let _ = std::fs::write(dir.join(format!("{name}.png")), png);
                }
                if let Ok(v) = c.execute("return document.body.innerText", vec![]).await {
                    let _ = std::fs::write(dir.join(format!("{name}.txt")), v.as_str().unwrap_or_default());
                }
            }
        };
        let saved = match tokio::time::timeout(DIAGNOSIS_LIMIT, save).await {
            Ok(()) => format!("screenshot and page text in {}", dir.display()),
            Err(_) => "the window did not answer for a screenshot".to_string(),
        };
        format!("{name}: {failure}\n({saved})\n{}", self.driver_log()).into()
    }

    /// Ends the session (the app exits) and the driver.
    async fn quit(mut self) {
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

/// Starts the app on the machine's database, takes `steps` in its window, and ends it. `name`
/// names the run in a failure and its screenshot (a test that restarts the app names each run).
pub async fn run_app(name: &str, m: &Machine, steps: impl AsyncFnOnce(&App) -> Res) -> Res {
    run_app_with(name, m, &[], steps).await
}

/// `run_app` with extra environment variables for the app (`INDMAP_NO_WEBGL`).
pub async fn run_app_with(name: &str, m: &Machine, env: &[(&str, &str)], steps: impl AsyncFnOnce(&App) -> Res) -> Res {
    // A failed start ends what it started (App's and Machine's Drop).
    let app = App::start(m, env).await?;
    let pid_hint = app.app_pids();
    // A WebDriver call can wait for ever if the app dies: the steps have a time limit. A panic in
    // them is caught here, so the window is saved and closed before the test fails with it.
    let outcome = {
        let mut steps = pin!(steps(&app));
        let caught =
            std::future::poll_fn(|cx| match std::panic::catch_unwind(AssertUnwindSafe(|| steps.as_mut().poll(cx))) {
                Ok(Poll::Pending) => Poll::Pending,
                Ok(Poll::Ready(result)) => Poll::Ready(Ok(result)),
                Err(panic) => Poll::Ready(Err(panic)),
            });
        tokio::time::timeout(STEPS_LIMIT, caught).await
    };
    let result = match outcome {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(e))) => Err(app.fail(name, e.to_string()).await),
        Ok(Err(panic)) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!("{}", app.fail(name, format!("panicked: {message}")).await);
            app.quit().await;
            std::panic::resume_unwind(panic);
        }
        Err(_) => {
            let limit = STEPS_LIMIT.as_secs();
            Err(app.fail(name, format!("timed out after {limit} s; app processes at start: {pid_hint}")).await)
        }
    };
    app.quit().await;
    result
}
