//! The signal thread: SIGTERM, SIGHUP and SIGINT become messages, so the event loop saves and
//! gives the terminal back before exiting, instead of dying with the terminal in raw mode.
//!
//! A second SIGTERM or SIGINT while the loop is still running means the user has lost
//! patience: the terminal is restored and the process exits at once (every change was already
//! saved when it was made). SIGHUP is exempt, since a closing terminal may deliver it twice
//! (the kernel, then folio's own hang-up watch).

use std::thread::{self, JoinHandle};

use crossbeam_channel::Sender;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::terminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Terminate,
    Hangup,
    Interrupt,
}

impl Signal {
    fn from_raw(raw: i32) -> Option<Signal> {
        match raw {
            SIGTERM => Some(Signal::Terminate),
            SIGHUP => Some(Signal::Hangup),
            SIGINT => Some(Signal::Interrupt),
            _ => None,
        }
    }
}

/// The handlers are installed before this returns, so a signal raised right after is caught.
/// The thread ends when a signal finds the receiver gone. If the handlers cannot be installed
/// (the system is out of file descriptors), the signals keep their default action: the
/// process ends without restoring the terminal, but loses no saved state.
pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Signal) -> M) -> JoinHandle<()> {
    let signals = Signals::new([SIGTERM, SIGHUP, SIGINT]);
    thread::spawn(move || {
        let Ok(mut signals) = signals else {
            return;
        };
        let mut asked_to_stop = false;
        for raw in signals.forever() {
            let Some(signal) = Signal::from_raw(raw) else {
                continue;
            };
            if tx.send(wrap(signal)).is_err() {
                return;
            }
            if signal == Signal::Hangup {
                continue;
            }
            if asked_to_stop {
                let _ = terminal::restore();
                std::process::exit(128 + raw);
            }
            asked_to_stop = true;
        }
    })
}
