//! The web page runs in a process of its own, and that process can die (a WebKit crash): the
//! window then stays on screen, frozen, with no sign. The window is told, and loads its page
//! again. What the user was typing is kept: the editor's drafts live in the page's storage,
//! which the web process does not own, and the open map lives in this process.

/// Reloads the window's page whenever its web process ends without being asked to.
#[cfg(target_os = "linux")]
pub(crate) fn reload_a_dead_page(window: &tauri::WebviewWindow) {
    let watched = window.with_webview(|webview| {
        use webkit2gtk::WebViewExt;
        webview.inner().connect_web_process_terminated(|view, reason| {
            eprintln!("indmap: the window's page ended ({reason:?}); loading it again");
            view.reload();
        });
    });
    if let Err(e) = watched {
        eprintln!("indmap: a dead page will not be noticed: {e}");
    }
}

/// Elsewhere (WebView2, WKWebView) the system's web view reloads a crashed page itself.
#[cfg(not(target_os = "linux"))]
pub(crate) fn reload_a_dead_page(_window: &tauri::WebviewWindow) {}
