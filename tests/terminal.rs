//! Terminal plumbing that can be checked without a terminal: restoring when nothing was
//! entered, and the signal thread. (Entering and leaving a real terminal is covered by the
//! end-to-end tests on a pseudo-terminal.) Tests that would end or disturb the process run in
//! a re-executed copy of this binary, selected by `CHILD`.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crossbeam_channel::unbounded;
use folio::tui::{signals, terminal};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::low_level::raise;

const CHILD: &str = "FOLIO_TERMINAL_TEST_CHILD";

fn is_child(name: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|v| v == name)
}

fn run_child(name: &str) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .output()
        .unwrap()
}

#[test]
fn restore_child() {
    if !is_child("restore_child") {
        return;
    }
    for _ in 0..3 {
        terminal::restore().unwrap();
    }
    println!("restored three times");
}

#[test]
fn restoring_a_terminal_never_entered_is_harmless_and_silent() {
    let output = run_child("restore_child");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("restored three times"), "{stdout}");
    assert!(
        !output.stdout.contains(&0x1b),
        "escape sequences written: {stdout:?}"
    );
}

#[test]
fn the_signal_thread_forwards_a_hangup_and_stops_when_the_loop_is_gone() {
    let (tx, rx) = unbounded();
    let thread = signals::spawn(tx, |signal| signal);
    raise(SIGHUP).unwrap();
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(2)),
        Ok(signals::Signal::Hangup)
    );

    drop(rx);
    raise(SIGHUP).unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while !thread.is_finished() {
        assert!(Instant::now() < deadline, "the signal thread did not stop");
        std::thread::sleep(Duration::from_millis(10));
    }
    thread.join().unwrap();
}

#[test]
fn stuck_loop_child() {
    if !is_child("stuck_loop_child") {
        return;
    }
    let (tx, rx) = unbounded();
    let _thread = signals::spawn(tx, |signal| signal);
    raise(SIGTERM).unwrap();
    // The loop hears the first request but never acts on it.
    let first = rx.recv_timeout(Duration::from_secs(2));
    assert_eq!(first, Ok(signals::Signal::Terminate));
    raise(SIGTERM).unwrap();
    std::thread::sleep(Duration::from_secs(5));
    println!("still running");
}

#[test]
fn a_second_sigterm_ends_a_loop_that_does_not_stop() {
    let started = Instant::now();
    let output = run_child("stuck_loop_child");
    assert_eq!(output.status.code(), Some(128 + SIGTERM), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("still running"));
    assert!(started.elapsed() < Duration::from_secs(4));
}
