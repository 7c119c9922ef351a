//! Where each pane goes for a terminal size: pure arithmetic shared by drawing and by the
//! mouse handling, so a click lands on what was drawn.

use ratatui::layout::Rect;

/// Below this the app shows only a "terminal too small" notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// The user's choice, cycled by `v`; `Auto` picks from the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Auto,
    Split,
    Stacked,
    /// One pane at a time, full screen: the timeline gets every column for its titles,
    /// Enter shows the reader in its place and `q` goes back.
    Single,
}

impl Mode {
    /// The order `v` goes through, from the start-up mode: what the keymap's description,
    /// the help overlay and the README list, in this order (a test holds them to it).
    pub const CYCLE: [Mode; 4] = [Mode::Split, Mode::Stacked, Mode::Single, Mode::Auto];

    pub fn next(self) -> Mode {
        let at = Mode::CYCLE.iter().position(|m| *m == self).unwrap_or(0);
        Mode::CYCLE[(at + 1) % Mode::CYCLE.len()]
    }

    /// The short name the keymap lists ("split / stacked / one pane / auto").
    pub fn label(self) -> &'static str {
        match self {
            Mode::Auto => "auto",
            Mode::Split => "split",
            Mode::Stacked => "stacked",
            Mode::Single => "one pane",
        }
    }

    /// What the status bar says when `v` picks this mode.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Auto => "layout: automatic (split when wide, else stacked when tall)",
            Mode::Split => "layout: split, side by side",
            Mode::Stacked => "layout: stacked, timeline above the reader",
            Mode::Single => "layout: one pane at a time (Enter reads, q goes back)",
        }
    }

    /// The name stored in the reading state database.
    pub fn key(self) -> &'static str {
        match self {
            Mode::Auto => "auto",
            Mode::Split => "split",
            Mode::Stacked => "stacked",
            Mode::Single => "single",
        }
    }

    pub fn from_key(key: &str) -> Option<Mode> {
        [Mode::Auto, Mode::Split, Mode::Stacked, Mode::Single]
            .into_iter()
            .find(|m| m.key() == key)
    }
}

/// The layout and reader options a session starts with: what the user chose in an earlier
/// session (kept in the state database) wins over the config file's `[layout]`.
pub fn restored(
    config: &crate::config::Layout,
    saved: &crate::state::Settings,
) -> (LayoutState, super::WrapOptions) {
    let layout = LayoutState {
        mode: saved
            .layout
            .as_deref()
            .and_then(Mode::from_key)
            .unwrap_or(Mode::Auto),
        zen: false,
        timeline_percent: saved
            .timeline_percent
            .filter(|p| (10..=90).contains(p))
            .unwrap_or(config.timeline_percent),
        split_min_width: config.split_min_width,
    };
    let options = super::WrapOptions {
        width: config.max_width,
        justify: saved.justify.unwrap_or(config.justify),
        hyphenate: saved.hyphenate.unwrap_or(config.hyphenate),
    };
    (layout, options)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Reader,
}

/// What decides the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutState {
    pub mode: Mode,
    pub zen: bool,
    /// Share of the width (side by side) or height (stacked) for the timeline, in %.
    pub timeline_percent: u16,
    pub split_min_width: u16,
}

/// The rectangles of one frame. Panes not shown are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub strip: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The line between the timeline and the reader; dragging it resizes them.
    pub separator: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
    pub too_small: bool,
}

impl Panes {
    pub fn timeline(&self) -> Option<Rect> {
        match (self.strip, self.list) {
            (Some(s), Some(l)) => Some(s.union(l)),
            (None, l) => l,
            (s, None) => s,
        }
    }
}

/// How many rows the strip takes in a timeline pane of this height.
fn strip_height(height: u16) -> u16 {
    match height {
        0..=5 => 0,
        6..=13 => 1,
        _ => 2,
    }
}

impl LayoutState {
    pub fn panes(&self, area: Rect, focus: Focus) -> Panes {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Panes {
                too_small: true,
                ..Panes::default()
            };
        }
        let bottom = area.bottom();
        let status = Rect::new(area.x, bottom - 2, area.width, 1);
        let hints = Rect::new(area.x, bottom - 1, area.width, 1);
        let body = Rect::new(area.x, area.y, area.width, area.height - 2);
        let mode = match self.mode {
            _ if self.zen => Mode::Single,
            Mode::Auto if area.width >= self.split_min_width => Mode::Split,
            Mode::Auto if area.height >= 30 => Mode::Stacked,
            Mode::Auto => Mode::Single,
            m => m,
        };
        let focus = if self.zen { Focus::Reader } else { focus };
        let pct = u32::from(self.timeline_percent.clamp(10, 90));
        let (timeline, separator, reader) = match mode {
            Mode::Split => {
                let left = (u32::from(body.width) * pct / 100) as u16;
                // Never `clamp`: the bounds cross on a narrow terminal.
                let left = left.max(20).min(body.width.saturating_sub(21));
                (
                    Some(Rect::new(body.x, body.y, left, body.height)),
                    Some(Rect::new(body.x + left, body.y, 1, body.height)),
                    Some(Rect::new(
                        body.x + left + 1,
                        body.y,
                        body.width - left - 1,
                        body.height,
                    )),
                )
            }
            Mode::Stacked => {
                let top = (u32::from(body.height) * pct / 100) as u16;
                let top = top.max(5).min(body.height.saturating_sub(6));
                (
                    Some(Rect::new(body.x, body.y, body.width, top)),
                    Some(Rect::new(body.x, body.y + top, body.width, 1)),
                    Some(Rect::new(
                        body.x,
                        body.y + top + 1,
                        body.width,
                        body.height - top - 1,
                    )),
                )
            }
            Mode::Single | Mode::Auto => match focus {
                Focus::Timeline => (Some(body), None, None),
                Focus::Reader => (None, None, Some(body)),
            },
        };
        let (strip, list) = match timeline {
            Some(t) => {
                let h = strip_height(t.height);
                (
                    (h > 0).then(|| Rect::new(t.x, t.y, t.width, h)),
                    Some(Rect::new(t.x, t.y + h, t.width, t.height - h)),
                )
            }
            None => (None, None),
        };
        Panes {
            strip,
            list,
            reader,
            separator,
            status,
            hints,
            too_small: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(mode: Mode) -> LayoutState {
        LayoutState {
            mode,
            zen: false,
            timeline_percent: 40,
            split_min_width: 100,
        }
    }

    #[test]
    fn automatic_layout_follows_the_terminal_size() {
        let wide = state(Mode::Auto).panes(Rect::new(0, 0, 120, 40), Focus::Timeline);
        assert!(wide.list.is_some() && wide.reader.is_some());
        assert!(wide.list.unwrap().x < wide.reader.unwrap().x);
        let tall = state(Mode::Auto).panes(Rect::new(0, 0, 80, 40), Focus::Timeline);
        assert!(tall.list.unwrap().y < tall.reader.unwrap().y);
        let small = state(Mode::Auto).panes(Rect::new(0, 0, 40, 12), Focus::Reader);
        assert!(small.list.is_none() && small.reader.is_some());
        let tiny = state(Mode::Auto).panes(Rect::new(0, 0, 39, 12), Focus::Reader);
        assert!(tiny.too_small);
    }

    #[test]
    fn the_cycle_visits_every_mode_once() {
        let mut mode = Mode::Auto;
        let mut seen = Vec::new();
        for _ in 0..Mode::CYCLE.len() {
            mode = mode.next();
            seen.push(mode);
        }
        assert_eq!(seen, Mode::CYCLE);
        for m in Mode::CYCLE {
            assert_eq!(Mode::from_key(m.key()), Some(m));
        }
    }

    #[test]
    fn panes_never_overlap_the_bars() {
        for (w, h) in [(40, 12), (80, 24), (100, 30), (300, 100)] {
            for mode in [Mode::Auto, Mode::Split, Mode::Stacked, Mode::Single] {
                let p = state(mode).panes(Rect::new(0, 0, w, h), Focus::Timeline);
                for pane in [p.strip, p.list, p.reader, p.separator]
                    .into_iter()
                    .flatten()
                {
                    assert!(pane.bottom() <= p.status.y, "{mode:?} {w}x{h}");
                    assert!(pane.right() <= w);
                }
            }
        }
    }
}
