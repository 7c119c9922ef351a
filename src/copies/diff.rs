//! What a copy changed against the earliest article of its group, word by word.

use similar::{ChangeTag, TextDiff};

/// A run of text of the copy's diff against the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Same(String),
    /// In the copy, not in the original.
    Added(String),
    /// In the original, not in the copy.
    Removed(String),
}

/// The word-level diff turning `original` into `copy`, adjacent runs of one kind merged.
pub fn word_diff(original: &str, copy: &str) -> Vec<Change> {
    let diff = TextDiff::configure()
        // Bounded: a pathological pair of long texts gives a coarser diff, never a stall.
        .timeout(std::time::Duration::from_millis(200))
        .diff_unicode_words(original, copy);
    let mut out: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let same_kind = match (out.last_mut(), change.tag()) {
            (Some(Change::Same(s)), ChangeTag::Equal)
            | (Some(Change::Added(s)), ChangeTag::Insert)
            | (Some(Change::Removed(s)), ChangeTag::Delete) => {
                s.push_str(text);
                true
            }
            _ => false,
        };
        if !same_kind {
            out.push(match change.tag() {
                ChangeTag::Equal => Change::Same(text.to_string()),
                ChangeTag::Insert => Change::Added(text.to_string()),
                ChangeTag::Delete => Change::Removed(text.to_string()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_words_are_marked_and_the_rest_kept() {
        let changes = word_diff(
            "The minister said on Monday.",
            "The minister said on Tuesday.",
        );
        assert_eq!(
            changes,
            vec![
                Change::Same("The minister said on ".into()),
                Change::Removed("Monday".into()),
                Change::Added("Tuesday".into()),
                Change::Same(".".into()),
            ]
        );
        assert_eq!(word_diff("same", "same"), vec![Change::Same("same".into())]);
    }
}
