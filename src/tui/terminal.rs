//! Entering folio's full-screen mode and giving the terminal back on every way out: normal
//! quit and errors (`Drop`), panics (the hook), signals and suspend (`restore` is callable
//! from anywhere, any number of times).

use std::io::{self, Stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};
use ratatui::Terminal;

/// Graphemes of ambiguous width are drawn so they cannot shift a row: see `cluster_safe`.
pub type Backend = super::cluster_safe::ClusterSafe<ratatui::backend::CrosstermBackend<Stdout>>;

pub struct Tui {
    pub terminal: Terminal<Backend>,
}

/// Whether the terminal is in folio's mode. One flag for the whole process, because the
/// terminal is one per process too; it makes `restore` idempotent and free when nothing was
/// entered, whichever path (hook, signal, drop) gets there first.
static ENTERED: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// Raw mode, alternate screen, mouse capture, bracketed paste, hidden cursor.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    let terminal = Terminal::new(Backend::new(ratatui::backend::CrosstermBackend::new(
        io::stdout(),
    )))?;
    let mut tui = Tui { terminal };
    set_up()?;
    repaint_all(&mut tui.terminal)?;
    Ok(tui)
}

fn set_up() -> io::Result<()> {
    // Marked first, so a failure half-way is still undone.
    ENTERED.store(true, Ordering::SeqCst);
    let result = terminal::enable_raw_mode().and_then(|()| {
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            event::EnableMouseCapture,
            event::EnableBracketedPaste,
            cursor::Hide
        )
    });
    if let Err(e) = result {
        let _ = restore();
        return Err(e);
    }
    Ok(())
}

/// Gives the terminal back as it was. Does nothing (and writes nothing) when folio's mode is
/// not on, so every exit path may call it.
pub fn restore() -> io::Result<()> {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    // Every step runs even when an earlier one fails: half a restoration is the worst outcome.
    let screen = execute!(
        io::stdout(),
        event::DisableBracketedPaste,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let raw = terminal::disable_raw_mode();
    screen.and(raw)
}

/// Ctrl-Z: gives the terminal back and stops the process as the shell expects; after `fg`
/// re-enters and makes the next draw repaint everything (the shell drew over the screen).
pub fn suspend(tui: &mut Tui) -> io::Result<()> {
    restore()?;
    // Raw mode turned off the terminal's own Ctrl-Z handling, so stop the way it would have.
    // In an orphaned process group the kernel ignores this and we simply carry on.
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    set_up()?;
    repaint_all(&mut tui.terminal)
}

/// Clears the screen and forgets what was drawn, so the next draw paints every cell.
/// `Terminal::clear` would do that too, but it first asks the terminal for the cursor position,
/// and that answer cannot arrive while the input thread is blocked reading events (crossterm
/// serialises the two): a 2 s stall, then an error.
fn repaint_all(terminal: &mut Terminal<Backend>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::from((
        ratatui::layout::Position::ORIGIN,
        size,
    )))
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Restores first, so the report is printed on the normal screen where it can be read. This
/// applies to a panic on any thread: a panic is a bug, and a readable report beats a screen
/// that keeps running on a terminal in an unknown state.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}
