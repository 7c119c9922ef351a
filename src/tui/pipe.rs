//! Performing `Effect::Pipe`: the user's command run once per article, without a shell, in a
//! process group of its own (a Ctrl-C meant for folio does not reach it, and a timeout stops
//! all it started), the article's text on its standard input, its output and errors read
//! through one pipe (interleaved as a terminal would show them), bounded, and cleaned.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;

use crate::app::{Msg, PipeOutput, PipeRequest, PipeRun};
use crate::article::Article;
use crate::catalog::Row;
use crate::config::pipe::Values;
use crate::sanitize::sanitize_block;

/// Output kept of one run: a screenful many times over; the rest is read and dropped.
const OUTPUT_MAX: usize = 64 * 1024;
/// How often a running command is looked at.
const POLL: Duration = Duration::from_millis(20);
/// How long output is still read once the command exited: a program it started in the
/// background (a browser) may hold the pipe open for hours.
const DRAIN: Duration = Duration::from_millis(300);

pub fn spawn<M: Send + 'static>(request: PipeRequest, tx: Sender<M>, wrap: fn(Msg) -> M) {
    std::thread::spawn(move || {
        let output = run(&request);
        let _ = tx.send(wrap(Msg::Piped(Box::new(output))));
    });
}

pub fn run(request: &PipeRequest) -> PipeOutput {
    let timeout = Duration::from_secs(request.pipe.timeout_seconds);
    let runs = request
        .entries
        .iter()
        .filter_map(|entry| {
            let row = request.catalog.row(entry)?;
            let article = request.catalog.load(entry).ok();
            let argv = request.pipe.argv(&values(&row));
            Some(run_one(
                &argv,
                &text(&row, article.as_ref()),
                timeout,
                &row.title,
            ))
        })
        .collect();
    PipeOutput {
        program: request.pipe.program().to_string(),
        runs,
    }
}

fn values(row: &Row) -> Values {
    Values {
        url: row.url.clone().unwrap_or_default(),
        title: row.title.clone(),
        date: row.published.map(|p| p.to_string()).unwrap_or_default(),
        path: row.path.display().to_string(),
        source: row.source.clone(),
        id: row.id.to_string(),
    }
}

/// The article as plain text for the command's standard input: title, source and date, URL,
/// lede, body.
fn text(row: &Row, article: Option<&Article>) -> String {
    let mut out = format!("{}\n{}", row.title, row.source);
    if let Some(p) = row.published {
        out.push_str(&format!(" · {p}"));
    }
    out.push('\n');
    if let Some(url) = &row.url {
        out.push_str(url);
        out.push('\n');
    }
    if !row.lede.is_empty() {
        out.push_str(&format!("\n{}\n", row.lede));
    }
    for paragraph in article.map(|a| a.paragraphs.as_slice()).unwrap_or_default() {
        out.push_str(&format!("\n{}\n", paragraph.text()));
    }
    out
}

fn run_one(argv: &[String], input: &str, timeout: Duration, title: &str) -> PipeRun {
    let (ok, outcome, output) = match execute(argv, input, timeout) {
        Ok((ended, output)) => {
            let (ok, outcome) = describe(ended, timeout);
            (ok, outcome, output)
        }
        Err(e) => {
            let program = argv.first().map_or("", String::as_str);
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "{program} not found: is it installed and on PATH? ([pipe] command in config.toml)"
                ),
                std::io::ErrorKind::PermissionDenied => {
                    format!("{program} cannot be run: permission denied")
                }
                _ => format!("{program} could not start: {e}"),
            };
            (false, "did not start".to_string(), why)
        }
    };
    PipeRun {
        title: title.to_string(),
        ok,
        outcome,
        output,
    }
}

/// How a run ended: its exit status, or `None` when it was stopped at the timeout.
fn describe(ended: Option<ExitStatus>, timeout: Duration) -> (bool, String) {
    match ended {
        None => (
            false,
            format!(
                "stopped after {} s (pipe.timeout_seconds)",
                timeout.as_secs()
            ),
        ),
        Some(status) if status.success() => (true, "done".into()),
        Some(status) => match (status.code(), status.signal()) {
            (Some(code), _) => (false, format!("exited with status {code}")),
            (None, Some(signal)) => (false, format!("stopped by signal {signal}")),
            _ => (false, "failed".into()),
        },
    }
}

/// Runs `argv` with `input` on its standard input; its status (`None` at the timeout) and
/// what it printed, cleaned.
fn execute(
    argv: &[String],
    input: &str,
    timeout: Duration,
) -> std::io::Result<(Option<ExitStatus>, String)> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no program"))?;
    let (mut reader, writer) = std::io::pipe()?;
    let mut child = {
        // The command holds the pipe's writing end: dropped once the child has it, so the
        // reader sees the end when the child (and what it started) closes it.
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(writer.try_clone()?)
            .stderr(writer)
            .process_group(0);
        command.spawn()?
    };
    if let Some(mut stdin) = child.stdin.take() {
        let input = input.to_string();
        // A command that does not read its input closes it: the write fails, and that is fine.
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
    }
    let kept = Arc::new(Mutex::new(Vec::new()));
    let (done_tx, done_rx) = crossbeam_channel::bounded::<()>(1);
    {
        let kept = Arc::clone(&kept);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut kept = kept.lock().unwrap_or_else(|p| p.into_inner());
                let room = OUTPUT_MAX.saturating_sub(kept.len());
                kept.extend_from_slice(&chunk[..n.min(room)]);
            }
            let _ = done_tx.send(());
        });
    }
    let started = Instant::now();
    let ended = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if started.elapsed() >= timeout {
            // The whole group: what the command started goes with it.
            // SAFETY: killpg only sends a signal; the id is the child's own group.
            unsafe {
                libc::killpg(child.id() as libc::pid_t, libc::SIGKILL);
            }
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(POLL);
    };
    let _ = done_rx.recv_timeout(DRAIN);
    let bytes = kept.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let mut output = sanitize_block(&String::from_utf8_lossy(&bytes)).into_owned();
    if bytes.len() >= OUTPUT_MAX {
        output.push_str(&format!("\n… (output cut at {} KiB)", OUTPUT_MAX / 1024));
    }
    Ok((ended, output))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn arguments_reach_the_command_untouched_and_output_is_cleaned() {
        let title = "a $(echo pwned) \"b\"";
        let run = run_one(
            &argv(&["printf", "%s|\\033[31m|%s", title, "x"]),
            "",
            Duration::from_secs(10),
            "T",
        );
        assert!(run.ok, "{run:?}");
        assert!(run.output.starts_with("a $(echo pwned) \"b\"|"), "{run:?}");
        assert!(!run.output.contains('\u{1b}'), "{run:?}");
    }

    #[test]
    fn the_article_is_on_standard_input_and_errors_are_shown() {
        let run = run_one(
            &argv(&["sh", "-c", "cat; echo oops >&2; exit 3"]),
            "the text\n",
            Duration::from_secs(10),
            "T",
        );
        assert!(!run.ok);
        assert_eq!(run.outcome, "exited with status 3");
        assert_eq!(run.output, "the text\noops\n");
    }

    #[test]
    fn a_missing_program_and_a_slow_one_are_said_in_words() {
        let run = run_one(
            &argv(&["/no/such/program"]),
            "",
            Duration::from_secs(5),
            "T",
        );
        assert!(!run.ok && run.output.contains("not found"), "{run:?}");
        let run = run_one(&argv(&["sleep", "30"]), "", Duration::from_secs(1), "T");
        assert!(
            !run.ok && run.outcome.starts_with("stopped after 1 s"),
            "{run:?}"
        );
    }

    #[test]
    fn output_is_bounded() {
        let run = run_one(
            &argv(&["sh", "-c", "yes folio | head -c 1000000"]),
            "",
            Duration::from_secs(20),
            "T",
        );
        assert!(run.ok, "{run:?}");
        assert!(run.output.len() < OUTPUT_MAX + 100, "{}", run.output.len());
        assert!(run.output.ends_with("(output cut at 64 KiB)"));
    }
}
