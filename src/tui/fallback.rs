//! Minimal terminal, input and signal plumbing, with the API the dedicated modules
//! (`tui::terminal`, `tui::input`, `tui::signals`) will provide: the event loop imports these
//! until those land, and switching is a one-line change of its `use`.

pub mod terminal {
    use std::io::{self, Stdout};
    use std::sync::Once;

    use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use crossterm::terminal::{
        EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
    };
    use crossterm::{cursor, execute};
    use ratatui::Terminal;
    use ratatui::backend::CrosstermBackend;

    pub type Backend = CrosstermBackend<Stdout>;

    /// The terminal in raw mode on the alternate screen; restored when dropped.
    pub struct Tui {
        pub terminal: Terminal<Backend>,
    }

    impl Drop for Tui {
        fn drop(&mut self) {
            restore();
        }
    }

    fn restore() {
        let _ = disable_raw_mode();
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
    }

    fn setup() -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            io::stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        )
    }

    pub fn enter() -> io::Result<Tui> {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            // A panic message printed on the alternate screen in raw mode would be lost.
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        setup()?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        repaint_all(&mut terminal)?;
        Ok(Tui { terminal })
    }

    /// Ctrl-Z: give the shell its terminal back, stop, and take it again on `fg`.
    pub fn suspend(tui: &mut Tui) -> io::Result<()> {
        restore();
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        setup()?;
        repaint_all(&mut tui.terminal)
    }

    /// Forgets what was drawn so the next frame paints every cell. (`Terminal::clear` would
    /// ask the terminal for the cursor position, an answer the blocked input thread eats.)
    fn repaint_all(terminal: &mut Terminal<Backend>) -> io::Result<()> {
        let size = terminal.size()?;
        terminal.resize(ratatui::layout::Rect::from((
            ratatui::layout::Position::ORIGIN,
            size,
        )))
    }
}

pub mod input {
    use crossbeam_channel::Sender;
    use crossterm::event::Event;

    /// Forwards terminal events until the channel closes or the terminal goes away.
    pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Event) -> M) {
        std::thread::spawn(move || {
            while let Ok(event) = crossterm::event::read() {
                if tx.send(wrap(event)).is_err() {
                    break;
                }
            }
        });
    }
}

pub mod signals {
    use crossbeam_channel::Sender;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Signal {
        Terminate,
        Hangup,
        Interrupt,
    }

    /// Forwards SIGTERM, SIGHUP and SIGINT so the loop can save and restore the terminal.
    pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Signal) -> M) {
        let Ok(mut signals) = Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
            return;
        };
        std::thread::spawn(move || {
            for number in signals.forever() {
                let signal = match number {
                    SIGTERM => Signal::Terminate,
                    SIGHUP => Signal::Hangup,
                    _ => Signal::Interrupt,
                };
                if tx.send(wrap(signal)).is_err() {
                    break;
                }
            }
        });
    }
}
