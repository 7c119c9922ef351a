//! Reader and layout choices made in the app (justification, hyphenation, the layout, the
//! split), kept across sessions in the `setting` table: one row per setting, written as its
//! own transaction like a read mark.

use rusqlite::{Connection, Transaction, params};

/// One choice, as the app makes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    Justify(bool),
    Hyphenate(bool),
    /// The layout `v` chose, by its stored name (`app::Mode::key`).
    Layout(String),
    /// The timeline's share of the width (side by side) or height (stacked), in %.
    TimelinePercent(u16),
}

impl Setting {
    fn name(&self) -> &'static str {
        match self {
            Setting::Justify(_) => "justify",
            Setting::Hyphenate(_) => "hyphenate",
            Setting::Layout(_) => "layout",
            Setting::TimelinePercent(_) => "timeline_percent",
        }
    }

    fn value(&self) -> String {
        match self {
            Setting::Justify(on) | Setting::Hyphenate(on) => on.to_string(),
            Setting::Layout(name) => name.clone(),
            Setting::TimelinePercent(p) => p.to_string(),
        }
    }

    /// Whether `self` makes `other` pointless to write.
    pub(super) fn replaces(&self, other: &Setting) -> bool {
        self.name() == other.name()
    }
}

/// The choices saved so far; `None` for one never made (the config file's value holds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub justify: Option<bool>,
    pub hyphenate: Option<bool>,
    pub layout: Option<String>,
    pub timeline_percent: Option<u16>,
}

impl Settings {
    /// Takes one stored row; a value this build cannot read is ignored, never an error.
    fn set(&mut self, name: &str, value: &str) {
        match name {
            "justify" => self.justify = value.parse().ok(),
            "hyphenate" => self.hyphenate = value.parse().ok(),
            "layout" => self.layout = Some(value.to_string()),
            "timeline_percent" => self.timeline_percent = value.parse().ok(),
            _ => {}
        }
    }

    pub fn apply(&mut self, setting: &Setting) {
        self.set(setting.name(), &setting.value());
    }
}

pub fn write(tx: &Transaction<'_>, setting: &Setting, now: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO setting (name, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET value = ?2, updated_at = ?3",
        params![setting.name(), setting.value(), now],
    )?;
    Ok(())
}

/// The saved settings. A database opened read-only before its migration ran has no table
/// yet: that reads as nothing saved.
pub fn read(conn: &Connection) -> rusqlite::Result<Settings> {
    let mut settings = Settings::default();
    let Ok(mut stmt) = conn.prepare("SELECT name, value FROM setting") else {
        return Ok(settings);
    };
    let rows = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))?;
    for row in rows {
        let (name, value): (String, String) = row?;
        settings.set(&name, &value);
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_values_are_ignored() {
        let mut settings = Settings::default();
        settings.set("justify", "maybe");
        settings.set("timeline_percent", "-3");
        settings.set("colour", "red");
        assert_eq!(settings, Settings::default());
        settings.apply(&Setting::TimelinePercent(55));
        settings.apply(&Setting::Justify(true));
        assert_eq!(settings.timeline_percent, Some(55));
        assert_eq!(settings.justify, Some(true));
    }
}
