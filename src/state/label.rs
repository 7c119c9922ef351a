//! Labels: the names a user gives articles (`security`, `frame:economy`, `to-check`).
//!
//! Labels are case-folded (stored lowercase), so `Security` and `security` are one label and
//! `label:SECURITY` finds it: a coding scheme where case made two labels would be a trap.
//! A label is one word as the query language reads it, so `label:NAME` can always find it:
//! no whitespace, control characters, quotes, parentheses or commas, not starting with `+`
//! or `-` (those add and remove in the label prompt and `folio label`), at most
//! [`LABEL_MAX_CHARS`] characters. `:` `/` `.` `_` and `-` inside are fine.

use std::fmt;

/// Longer labels are refused: a label is a tag, not a note.
pub const LABEL_MAX_CHARS: usize = 64;

/// A valid, case-folded label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{shown}\" is not a label: {reason}")]
pub struct LabelError {
    /// The text, made safe to print and cut short.
    pub shown: String,
    pub reason: &'static str,
}

impl Label {
    pub fn parse(text: &str) -> Result<Label, LabelError> {
        let refuse = |reason| LabelError {
            shown: shown(text),
            reason,
        };
        if text.is_empty() {
            return Err(refuse("a label needs at least one character"));
        }
        if text.chars().count() > LABEL_MAX_CHARS {
            return Err(refuse("a label has at most 64 characters"));
        }
        if text.chars().any(|c| c.is_whitespace()) {
            return Err(refuse(
                "a label is one word; join words with - or _, as in to-check",
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(refuse("a label cannot hold control characters"));
        }
        if text.chars().any(|c| matches!(c, '"' | '(' | ')' | ',')) {
            return Err(refuse(
                "a label cannot hold quotes, parentheses or commas (the search language reads them)",
            ));
        }
        if text.starts_with(['+', '-']) {
            return Err(refuse(
                "a label cannot start with + or - (they add and remove labels)",
            ));
        }
        Ok(Label(text.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What `+a -b c` asks for: labels to add (`+a`, or a bare `c`) and to remove (`-b`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelEdit {
    pub add: Vec<Label>,
    pub remove: Vec<Label>,
}

impl LabelEdit {
    /// Reads whitespace-separated `+name`, `-name` or `name` words. A label both added and
    /// removed is refused, since the order would be a guess.
    pub fn parse(text: &str) -> Result<LabelEdit, LabelError> {
        let mut edit = LabelEdit::default();
        for word in text.split_whitespace() {
            let (list, name) = match word.strip_prefix('-') {
                Some(name) => (&mut edit.remove, name),
                None => (&mut edit.add, word.strip_prefix('+').unwrap_or(word)),
            };
            let label = Label::parse(name)?;
            if !list.contains(&label) {
                list.push(label);
            }
        }
        if let Some(both) = edit.add.iter().find(|l| edit.remove.contains(l)) {
            return Err(LabelError {
                shown: both.to_string(),
                reason: "it is both added and removed; keep one of +name and -name",
            });
        }
        Ok(edit)
    }

    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }

    /// `+a -b`, as the user would type it.
    pub fn describe(&self) -> String {
        let added = self.add.iter().map(|l| format!("+{l}"));
        let removed = self.remove.iter().map(|l| format!("-{l}"));
        added.chain(removed).collect::<Vec<_>>().join(" ")
    }
}

fn shown(text: &str) -> String {
    let safe = crate::sanitize::sanitize(text);
    match safe.char_indices().nth(LABEL_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &safe[..cut]),
        None => safe.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_case_folded_and_may_hold_a_colon() {
        assert_eq!(
            Label::parse("Frame:Economy").unwrap().as_str(),
            "frame:economy"
        );
        assert_eq!(Label::parse("to-check").unwrap().as_str(), "to-check");
    }

    #[test]
    fn bad_labels_say_why() {
        for bad in [
            "",
            "two words",
            "a\u{7}b",
            "\"q\"",
            "-x",
            "+x",
            "a,b",
            &"x".repeat(65),
        ] {
            assert!(Label::parse(bad).is_err(), "{bad:?} accepted");
        }
        let e = Label::parse("two words").unwrap_err();
        assert!(e.to_string().contains("one word"), "{e}");
    }

    #[test]
    fn an_edit_reads_plus_minus_and_bare_names() {
        let edit = LabelEdit::parse("+security  -to-check frame:economy Security").unwrap();
        let names = |v: &[Label]| v.iter().map(Label::to_string).collect::<Vec<_>>();
        assert_eq!(names(&edit.add), ["security", "frame:economy"]);
        assert_eq!(names(&edit.remove), ["to-check"]);
        assert_eq!(edit.describe(), "+security +frame:economy -to-check");
        assert!(LabelEdit::parse("+a -A").is_err());
        assert!(LabelEdit::parse("+").is_err());
    }
}
