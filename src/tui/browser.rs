//! Opening a link in the user's browser. `$BROWSER` comes first, read as `xdg-open` and
//! `git web--browse` read it: a colon-separated list of commands tried in turn, where `%s`
//! stands for the URL (else the URL is added as the last argument). Without it, or when none
//! of its commands can be started, the desktop's own opener (the `open` crate: `xdg-open`,
//! `gio`...) is asked.
//!
//! A browser runs without a shell (the URL is one argument, never re-parsed), in a process
//! group of its own (a Ctrl-C meant for folio does not reach it) and with stdin, stdout and
//! stderr on /dev/null: nothing it prints can land in the middle of folio's screen.

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;
use std::process::{Command, ExitStatus, Stdio};

/// Starts a browser on `url`, given the value of `$BROWSER`. `Err` is a short reason for the
/// status bar. `exited` is called, from another thread, with the status of a `$BROWSER`
/// command that ended in failure (a browser still running is not waited for by anyone else).
pub fn open(
    url: &str,
    browser_var: Option<&OsStr>,
    exited: impl FnOnce(String, ExitStatus) + Send + 'static,
) -> Result<(), String> {
    let mut tried = Vec::new();
    for argv in commands(browser_var, url) {
        let Some((program, args)) = argv.split_first() else {
            continue;
        };
        let started = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        match started {
            Ok(mut child) => {
                let name = program.clone();
                // Reaps the child whenever it ends, so no zombie is left behind.
                std::thread::spawn(move || {
                    if let Ok(status) = child.wait()
                        && !status.success()
                    {
                        exited(name, status);
                    }
                });
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tried.push(format!("{program} not found"));
            }
            Err(e) => tried.push(format!("{program}: {e}")),
        }
    }
    match open::that_detached(url) {
        Ok(()) => Ok(()),
        Err(e) if tried.is_empty() => Err(shorten(&e.to_string())),
        Err(_) => Err(shorten(&format!(
            "$BROWSER: {}; no desktop opener either",
            tried.join(", ")
        ))),
    }
}

/// The commands `$BROWSER` names, each as its program and arguments, with the URL in place.
/// Words are split on whitespace, as `xdg-open` splits them; no shell quoting applies.
pub fn commands(browser_var: Option<&OsStr>, url: &str) -> Vec<Vec<String>> {
    let Some(var) = browser_var.and_then(OsStr::to_str) else {
        return Vec::new();
    };
    var.split(':')
        .filter_map(|command| {
            let words: Vec<&str> = command.split_whitespace().collect();
            if words.is_empty() {
                return None;
            }
            let placed = words.iter().any(|w| w.contains("%s"));
            let mut argv: Vec<String> = words.iter().map(|w| w.replace("%s", url)).collect();
            if !placed {
                argv.push(url.to_string());
            }
            Some(argv)
        })
        .collect()
}

/// A reason short enough to leave room for the hint before it in the status bar.
fn shorten(reason: &str) -> String {
    const MAX_CHARS: usize = 60;
    let one_line = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/a?b=1&c=2";

    #[test]
    fn browser_commands_are_read_as_xdg_open_reads_them() {
        let var = OsStr::new("firefox --new-tab:chromium %s --incognito::  w3m  ");
        assert_eq!(
            commands(Some(var), URL),
            [
                vec!["firefox", "--new-tab", URL],
                vec!["chromium", URL, "--incognito"],
                vec!["w3m", URL],
            ]
        );
        assert!(commands(None, URL).is_empty());
        assert!(commands(Some(OsStr::new("")), URL).is_empty());
    }

    /// The first command that can be started gets the URL as one argument, untouched by any
    /// shell; one that does not exist is skipped.
    #[test]
    fn the_first_browser_that_starts_gets_the_url() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("opened");
        let script = dir.path().join("browser");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho noise; echo noise >&2; printf '%s\\n' \"$@\" > '{}'\n",
                out.display()
            ),
        )
        .expect("the script is written");
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("the script is executable");
        let var = format!("/nonexistent/browser:{} --flag %s", script.display());
        let url = "https://example.org/$(touch pwned);x";
        open(url, Some(OsStr::new(&var)), |_, _| {}).expect("the script starts");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut seen = String::new();
        while std::time::Instant::now() < deadline {
            seen = std::fs::read_to_string(&out).unwrap_or_default();
            if seen.ends_with('\n') {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(seen, format!("--flag\n{url}\n"));
    }

    #[test]
    fn reasons_are_cut_to_one_short_line() {
        let long = "launcher\n\"xdg-open\" failed ".repeat(10);
        let short = shorten(&long);
        assert!(
            short.chars().count() <= 61 && !short.contains('\n'),
            "{short}"
        );
    }
}
