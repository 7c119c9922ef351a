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

/// Runs a child test on a pseudo-terminal and returns everything it wrote to it.
fn run_child_on_pty(name: &str) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            ..PtySize::default()
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", name, "--nocapture", "--test-threads=1"]);
    cmd.env(CHILD, name);
    cmd.env("RUST_BACKTRACE", "0");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let output = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        // Ends with an error (EIO) once the child has closed the terminal.
        let _ = std::io::Read::read_to_end(&mut reader, &mut bytes);
        bytes
    });
    child.wait().unwrap();
    drop(pair.master);
    String::from_utf8_lossy(&output.join().unwrap()).into_owned()
}

/// Whether the terminal is back in cooked mode: lines edited and echoed by the terminal.
fn cooked() -> bool {
    // SAFETY: a zeroed termios is a valid out-parameter for tcgetattr.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: fd 0 is the test's pseudo-terminal; tcgetattr only fills `termios`.
    let ok = unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut termios) } == 0;
    ok && termios.c_lflag & libc::ICANON != 0 && termios.c_lflag & libc::ECHO != 0
}

const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

fn draw(tui: &mut terminal::Tui, text: &str) {
    tui.terminal
        .draw(|frame| frame.render_widget(ratatui::widgets::Paragraph::new(text), frame.area()))
        .unwrap();
}

#[test]
fn panic_child() {
    if !is_child("panic_child") {
        return;
    }
    let outcome = std::panic::catch_unwind(|| {
        let mut tui = terminal::enter().unwrap();
        draw(&mut tui, "folio screen");
        assert!(!cooked(), "raw mode was not entered");
        std::mem::forget(tui); // only the panic hook may restore here
        panic!("boom in the child");
    });
    assert!(outcome.is_err());
    println!("after panic: cooked={}", cooked());
}

#[test]
fn a_panic_restores_the_terminal_before_printing_the_report() {
    let output = run_child_on_pty("panic_child");
    let entered = output.find(ENTER_ALT).expect("alternate screen entered");
    let left = output.rfind(LEAVE_ALT).expect("alternate screen left");
    let report = output.find("boom in the child").expect("panic report");
    assert!(entered < left && left < report, "{output:?}");
    assert!(output[entered..report].contains(SHOW_CURSOR), "{output:?}");
    assert!(output.contains("after panic: cooked=true"), "{output:?}");
}

#[test]
fn drop_and_suspend_child() {
    if !is_child("drop_and_suspend_child") {
        return;
    }
    let mut tui = terminal::enter().unwrap();
    draw(&mut tui, "before-suspend");
    // Started by the test as a session leader, the process group is orphaned: the kernel
    // ignores the stop, so this exercises giving back and re-entering without hanging.
    terminal::suspend(&mut tui).unwrap();
    let raw_again = !cooked();
    draw(&mut tui, "after-resume");
    drop(tui);
    println!("resumed raw={raw_again} dropped cooked={}", cooked());
}

#[test]
fn dropping_the_tui_restores_and_suspend_re_enters() {
    let output = run_child_on_pty("drop_and_suspend_child");
    assert_eq!(output.matches(ENTER_ALT).count(), 2, "{output:?}");
    assert_eq!(output.matches(LEAVE_ALT).count(), 2, "{output:?}");
    // After resuming, the whole screen is cleared and painted again.
    let resumed = output.rfind(ENTER_ALT).unwrap_or(0);
    let repaint = &output[resumed..];
    assert!(
        repaint.contains("\x1b[2J") && repaint.contains("after-resume"),
        "{output:?}"
    );
    assert!(
        output.contains("resumed raw=true dropped cooked=true"),
        "{output:?}"
    );
}
