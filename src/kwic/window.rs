//! The context either side of a hit: N words, where a word is a run of characters between
//! spaces, except in Chinese and Japanese, written without spaces, where each character
//! counts as one (N characters of context read about as much as N words). Punctuation alone
//! (`:`, `—`) comes along without counting as a word.

use crate::index::tokenizer::is_cjk;

/// Characters one word of the window may take: a run of a script without spaces that folio
/// does not split (Thai, say) or a pasted blob is one "word", and must not make a line a page.
const MAX_CHARS_PER_WORD: usize = 24;

/// One run of text between spaces (or one CJK character).
struct Run {
    /// Its bytes in the text.
    start: usize,
    end: usize,
    chars: usize,
    /// Holds a letter or digit: counts as a word.
    word: bool,
}

/// The end of `text` holding its last `words` words, and whether text is left out before it.
/// Spaces between the words and the hit are kept; those before the first word are not.
pub fn before(text: &str, words: usize) -> (&str, bool) {
    let runs = runs(text, true);
    let (edge, cut) = take(
        runs,
        words,
        |run, keep| {
            // An overlong run keeps its last `keep` characters.
            text.get(run.start..run.end)
                .and_then(|s| s.char_indices().rev().nth(keep.saturating_sub(1)))
                .map_or(run.end, |(i, _)| run.start + i)
        },
        |run| run.start,
    );
    (
        text.get(edge.unwrap_or(text.len())..).unwrap_or_default(),
        cut,
    )
}

/// The start of `text` holding its first `words` words, and whether text is left out after
/// it.
pub fn after(text: &str, words: usize) -> (&str, bool) {
    let runs = runs(text, false);
    let (edge, cut) = take(
        runs,
        words,
        |run, keep| {
            text.get(run.start..run.end)
                .and_then(|s| s.char_indices().nth(keep))
                .map_or(run.end, |(i, _)| run.start + i)
        },
        |run| run.end,
    );
    (text.get(..edge.unwrap_or(0)).unwrap_or_default(), cut)
}

/// Takes runs, nearest the hit first, until `words` words are taken or the characters allowed
/// run out; returns the far edge of what was taken (`None`: nothing) and whether text is
/// left. `far` is a run's far edge, `partial` that of a run cut to its nearest `keep`
/// characters.
fn take(
    runs: impl Iterator<Item = Run>,
    words: usize,
    partial: impl Fn(&Run, usize) -> usize,
    far: impl Fn(&Run) -> usize,
) -> (Option<usize>, bool) {
    let max_chars = words.saturating_mul(MAX_CHARS_PER_WORD);
    let (mut edge, mut units, mut chars) = (None, 0, 0);
    for run in runs {
        if run.word && units == words {
            return (edge, true);
        }
        if chars + run.chars > max_chars {
            let keep = max_chars - chars;
            if keep > 0 {
                edge = Some(partial(&run, keep));
            }
            return (edge, true);
        }
        chars += run.chars;
        units += usize::from(run.word);
        edge = Some(far(&run));
    }
    (edge, false)
}

/// The runs of `text`, from its end backwards or from its start.
fn runs(text: &str, backwards: bool) -> impl Iterator<Item = Run> + '_ {
    let chars: Box<dyn Iterator<Item = (usize, char)>> = if backwards {
        Box::new(text.char_indices().rev())
    } else {
        Box::new(text.char_indices())
    };
    let mut chars = chars.peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let (i, c) = chars.next()?;
        let mut run = Run {
            start: i,
            end: i + c.len_utf8(),
            chars: 1,
            word: c.is_alphanumeric(),
        };
        if !is_cjk(c) {
            while let Some((i, c)) = chars.next_if(|(_, c)| !c.is_whitespace() && !is_cjk(*c)) {
                run.start = run.start.min(i);
                run.end = run.end.max(i + c.len_utf8());
                run.chars += 1;
                run.word |= c.is_alphanumeric();
            }
        }
        Some(run)
    })
}
