//! The input thread: terminal events into the event loop's channel.
//!
//! When the terminal goes away the loop must hear of it, or folio would outlive its terminal.
//! crossterm 0.29 does not help there: once the terminal is gone its `event::read` spins at
//! 100% CPU inside and never returns (crossterm issue #793). So a second thread watches the
//! terminal for hang-up without reading from it (it never takes a key), and on hang-up, like
//! any read error, folio raises SIGHUP on itself: what the kernel sends when a terminal
//! closes, which the [`signals`](super::signals) thread turns into a quit that saves first.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crossbeam_channel::Sender;
use crossterm::event::{self, Event};

/// How often the hang-up watch looks; a dead terminal is noticed within this.
const HANGUP_POLL: Duration = Duration::from_millis(500);

/// Forwards every terminal event, wrapped, until the receiver is dropped (noticed at the next
/// event) or the terminal is gone (SIGHUP raised, see the module comment).
pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Event) -> M) -> JoinHandle<()> {
    if let Some(tty) = Tty::open() {
        thread::spawn(move || {
            if watch_hangup(tty.fd(), HANGUP_POLL) {
                hang_up();
            }
            drop(tty);
        });
    }
    thread::spawn(move || forward(event::read, &tx, wrap, |_| hang_up()))
}

fn hang_up() {
    // Failing to raise a signal to oneself is not something folio can act on.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGHUP);
}

/// Reads until the receiver is gone or reading fails; after a failure `lost` is called once
/// and reading stops, so a dead terminal never turns into a busy loop here.
fn forward<M>(
    mut read: impl FnMut() -> io::Result<Event>,
    tx: &Sender<M>,
    wrap: fn(Event) -> M,
    lost: impl FnOnce(io::Error),
) {
    loop {
        match read() {
            Ok(event) => {
                if tx.send(wrap(event)).is_err() {
                    return;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                lost(e);
                return;
            }
        }
    }
}

/// The terminal crossterm reads: standard input when it is one, else `/dev/tty`.
enum Tty {
    Stdin,
    Device(File),
}

impl Tty {
    fn open() -> Option<Tty> {
        // SAFETY: isatty only inspects the descriptor number; fd 0 need not even be open.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Some(Tty::Stdin);
        }
        File::open("/dev/tty").ok().map(Tty::Device)
    }

    fn fd(&self) -> RawFd {
        match self {
            Tty::Stdin => libc::STDIN_FILENO,
            Tty::Device(file) => file.as_raw_fd(),
        }
    }
}

/// Blocks until `fd` reports hang-up or error (true), or polling itself fails (false).
/// Asks for no events, so the terminal's input is left to crossterm; hang-up and errors are
/// reported regardless. Polls with a timeout rather than forever, because a hang-up wakes only
/// the tty's readers, which this watch, asking for nothing, may not count among.
fn watch_hangup(fd: RawFd, every: Duration) -> bool {
    let timeout = i32::try_from(every.as_millis()).unwrap_or(i32::MAX);
    loop {
        let mut poll = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, and its count is 1.
        let ready = unsafe { libc::poll(&mut poll, 1, timeout) };
        if ready < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossbeam_channel::{RecvTimeoutError, unbounded};
    use crossterm::event::{KeyCode, KeyEvent};
    use portable_pty::{PtySize, native_pty_system};
    use std::cell::Cell;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::from(KeyCode::Char(c)))
    }

    #[test]
    fn stops_at_the_first_event_after_the_event_loop_is_gone() {
        let (tx, rx) = unbounded::<Event>();
        let mut rx = Some(rx);
        let reads = Cell::new(0);
        let read = || {
            reads.set(reads.get() + 1);
            if reads.get() == 3 {
                rx = None;
            }
            Ok(key('j'))
        };
        forward(read, &tx, |e| e, |e| panic!("not a lost terminal: {e}"));
        assert_eq!(reads.get(), 3);
    }

    #[test]
    fn a_read_error_reports_the_lost_terminal_once_and_stops_reading() {
        let (tx, rx) = unbounded();
        let mut script = vec![
            Err(io::Error::other("EIO")),
            Err(io::ErrorKind::Interrupted.into()),
            Ok(key('k')),
        ];
        let reads = Cell::new(0);
        let lost = Cell::new(0);
        forward(
            || {
                reads.set(reads.get() + 1);
                script.pop().unwrap_or_else(|| Ok(key('x')))
            },
            &tx,
            |e| e,
            |_| lost.set(lost.get() + 1),
        );
        assert_eq!((reads.get(), lost.get()), (3, 1));
        assert_eq!(rx.try_iter().collect::<Vec<_>>(), [key('k')]);
    }

    #[test]
    fn the_watch_notices_a_terminal_closing_and_not_before() {
        let pair = native_pty_system()
            .openpty(PtySize::default())
            .expect("a pseudo-terminal for the test");
        let name = pair.master.tty_name().expect("the pty's device name");
        let tty = File::options().read(true).write(true).open(name).unwrap();
        let fd = tty.as_raw_fd();
        let (tx, rx) = unbounded();
        let watch = thread::spawn(move || {
            let _ = tx.send(watch_hangup(fd, Duration::from_millis(20)));
            drop(tty);
        });
        assert_eq!(
            rx.recv_timeout(Duration::from_millis(300)),
            Err(RecvTimeoutError::Timeout),
            "reported a live terminal as gone"
        );
        drop(pair);
        assert_eq!(rx.recv_timeout(Duration::from_secs(3)), Ok(true));
        watch.join().unwrap();
    }
}
