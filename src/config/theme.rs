//! Styles of every drawn element, from `assets/theme.toml` and the user's `[theme]` table.

use ratatui::style::{Color, Modifier, Style};

macro_rules! theme {
    ($($field:ident),* $(,)?) => {
        /// One style per element; the names are the keys of `assets/theme.toml`.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Theme {
            $(pub $field: Style,)*
        }

        impl Theme {
            fn slot(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

theme!(
    day_header,
    row,
    row_read,
    selected,
    selected_inactive,
    unread_mark,
    star_mark,
    date,
    source,
    strip,
    strip_selected,
    strip_axis,
    strip_pinned,
    title,
    meta,
    url,
    lede,
    heading,
    body,
    highlight,
    noted,
    selection,
    status,
    status_warning,
    progress,
    hint_key,
    hint,
    border,
    focused_border,
    search_hit,
    search_error,
    copies,
    diff_added,
    diff_removed,
);

impl Theme {
    pub fn from_toml(text: &str, no_color: bool) -> Result<Theme, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut theme = Theme::default();
        theme.override_with(&table, no_color)?;
        Ok(theme)
    }

    pub(super) fn override_with(
        &mut self,
        table: &toml::Table,
        no_color: bool,
    ) -> Result<(), String> {
        for (name, value) in table {
            let slot = self
                .slot(name)
                .ok_or_else(|| format!("theme has no element called \"{name}\""))?;
            *slot =
                parse_style(value, *slot, no_color).map_err(|e| format!("theme.{name}: {e}"))?;
        }
        Ok(())
    }
}

/// A style over `base`, the element's default: what the table leaves out (`fg`, `bg`,
/// `modifiers`) stays as it was, so `{ fg = "red" }` recolours a bold heading without
/// dropping its bold. `modifiers = []` removes them.
fn parse_style(value: &toml::Value, base: Style, no_color: bool) -> Result<Style, String> {
    let table = value
        .as_table()
        .ok_or("expected a table like { fg = \"yellow\", modifiers = [\"bold\"] }")?;
    let mut style = base;
    for (key, v) in table {
        match key.as_str() {
            "fg" | "bg" => {
                let name = v
                    .as_str()
                    .ok_or_else(|| format!("{key} must be a string"))?;
                let color = parse_color(name)?;
                if !no_color {
                    style = if key == "fg" {
                        style.fg(color)
                    } else {
                        style.bg(color)
                    };
                }
            }
            "modifiers" => {
                let list = v.as_array().ok_or("modifiers must be a list")?;
                style.add_modifier = Modifier::empty();
                style.sub_modifier = Modifier::empty();
                for m in list {
                    let m = m.as_str().ok_or("modifiers must be strings")?;
                    style = style.add_modifier(parse_modifier(m)?);
                }
            }
            other => return Err(format!("unknown key \"{other}\" (use fg, bg, modifiers)")),
        }
    }
    Ok(style)
}

fn parse_color(name: &str) -> Result<Color, String> {
    if let Ok(index) = name.parse::<u8>() {
        return Ok(Color::Indexed(index));
    }
    // ratatui's parser knows names ("lightblue", "dark gray") and "#rrggbb".
    name.parse::<Color>()
        .map_err(|_| format!("\"{name}\" is not a colour name, #rrggbb or 0-255"))
}

fn parse_modifier(name: &str) -> Result<Modifier, String> {
    Ok(match name {
        "bold" => Modifier::BOLD,
        "dim" => Modifier::DIM,
        "italic" => Modifier::ITALIC,
        "underlined" => Modifier::UNDERLINED,
        "reversed" => Modifier::REVERSED,
        "crossed_out" => Modifier::CROSSED_OUT,
        other => return Err(format!("unknown modifier \"{other}\"")),
    })
}
