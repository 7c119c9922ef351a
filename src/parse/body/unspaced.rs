//! Paragraphs in scripts without capitals: Chinese, Japanese, Khmer, Burmese, Hindi, Thai.
//!
//! A glued paragraph end there is a sentence end (`。！？`, `។`, `।` with the closing quotes
//! after it, a space between Thai words) like any other: nothing marks the paragraph. So the cut is made at sentence
//! ends only, never inside a sentence, where a cue says a paragraph starts (a dateline such
//! as "新华社…电" or "本报讯", a full-width space, a bracketed credit `【…】`, a quote or a
//! paragraph-opening phrase such as "据介绍"), and otherwise where the paragraph has grown to
//! a readable length, so that none runs past [`MAX_CHARS`] when a sentence end allows it.

/// A paragraph is cut at its next sentence end once it is this long: Chinese news
/// paragraphs run to about 120 characters, Japanese ones (told by their kana) to about 80,
/// and a sentence is some 40-50 characters, so cutting at the first end past these lengths
/// gives paragraphs of about the usual size...
const FULL_CHARS: usize = 100;
const FULL_CHARS_JAPANESE: usize = 60;
/// ...or earlier, before a sentence that would take it past this.
const MAX_CHARS: usize = 300;
/// A weak cue (a quote, an opening phrase) starts a paragraph only after this much text.
const MIN_CUED_CHARS: usize = 50;

/// Starts of a sentence that begin a news paragraph: datelines and credits.
const DATELINES: [&str; 11] = [
    "新华社",
    "本报讯",
    "本报",
    "中新社",
    "中新网",
    "央视",
    "人民网",
    "（记者",
    "(记者",
    "记者",
    "【",
];

/// Phrases that open a paragraph more often than they continue one.
const OPENERS: [&str; 21] = [
    "据",
    "此外",
    "另外",
    "与此同时",
    "同时",
    "目前",
    "不过",
    "然而",
    "对此",
    "近年来",
    "“",
    "「",
    "『",
    "また、",
    "一方、",
    "さらに",
    "ただ、",
    "これに対し",
    "同社によると",
    "■",
    "◆",
];

/// Cuts `piece` at the sentence ends where a paragraph starts; returns it whole when it
/// holds no sentence end of these scripts.
pub(super) fn split_sentences(piece: &str) -> Vec<&str> {
    // Lead bytes of the sentence ends below: `।` (E0), `។` and `။` (E1), `。` (E3), `！？`
    // (EF). European text rarely has any of them, and is not scanned further.
    if !piece
        .bytes()
        .any(|b| matches!(b, 0xE0 | 0xE1 | 0xE3 | 0xEF))
    {
        return vec![piece];
    }
    let kana = piece.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}'));
    let full = if kana {
        FULL_CHARS_JAPANESE
    } else {
        FULL_CHARS
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = 0; // in the paragraph being built
    let mut ends = sentence_ends(piece).peekable();
    let mut sentence_start = 0;
    while let Some(end) = ends.next() {
        chars += piece
            .get(sentence_start..end)
            .map_or(0, |s| s.chars().count());
        let next_end = ends.peek().copied().unwrap_or(piece.len());
        let next = piece.get(end..next_end).unwrap_or_default();
        let rest = next.trim_start();
        let next_chars = rest.chars().count();
        let strong = next.starts_with('\u{3000}') || DATELINES.iter().any(|d| rest.starts_with(d));
        let weak = OPENERS.iter().any(|o| rest.starts_with(o));
        let cut = !rest.is_empty()
            && (strong
                || (weak && chars >= MIN_CUED_CHARS)
                || chars >= full
                || chars + next_chars > MAX_CHARS);
        if cut {
            pieces.extend(piece.get(start..end));
            start = end;
            chars = 0;
        }
        sentence_start = end;
    }
    pieces.extend(piece.get(start..));
    pieces
}

/// The byte just past every sentence end of `piece` and the closing quotes and brackets
/// that belong to it: `。`, `！”`, `？」`.
fn sentence_ends(piece: &str) -> impl Iterator<Item = usize> + '_ {
    let mut iter = piece.char_indices().peekable();
    std::iter::from_fn(move || {
        let mut prev = ' ';
        while let Some((_, c)) = iter.next() {
            let before = std::mem::replace(&mut prev, c);
            // Thai writes no sentence punctuation: a space between Thai words ends a
            // sentence (or a clause), and is the only place a paragraph can end.
            if c == ' ' && is_thai(before) && iter.peek().is_some_and(|&(_, n)| is_thai(n)) {
                return iter.peek().map(|&(j, _)| j);
            }
            if !matches!(c, '。' | '！' | '？' | '។' | '៕' | '।' | '॥' | '။') {
                continue;
            }
            while let Some(&(_, next)) = iter.peek() {
                if !matches!(
                    next,
                    '”' | '’' | '」' | '』' | '）' | '】' | '》' | '！' | '？' | '"'
                ) {
                    break;
                }
                iter.next();
            }
            return Some(iter.peek().map_or(piece.len(), |&(j, _)| j));
        }
        None
    })
}

fn is_thai(c: char) -> bool {
    matches!(c, '\u{0e00}'..='\u{0e7f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_without_cues_stays_whole() {
        let cjk = "北京举行会谈。第二次会谈将在上海举行！双方表示满意？是的。";
        assert_eq!(split_sentences(cjk), [cjk]);
        assert_eq!(
            split_sentences("Le port a rouvert."),
            ["Le port a rouvert."]
        );
    }

    #[test]
    fn datelines_and_full_width_spaces_start_paragraphs() {
        let text = "新华社东港4月5日电（记者王立新）航线正式开通。首航船舶当天离港。\
                    新华社瓦尔蒙4月5日电 港口举行仪式。　　本报讯 市民前往参观。";
        assert_eq!(
            split_sentences(text),
            [
                "新华社东港4月5日电（记者王立新）航线正式开通。首航船舶当天离港。",
                "新华社瓦尔蒙4月5日电 港口举行仪式。",
                "　　本报讯 市民前往参观。",
            ]
        );
    }

    #[test]
    fn long_bodies_are_cut_at_sentence_ends_only() {
        let sentence = "双方将在航线开发、港口数字化和人员交流等方面开展合作，并定期举行会议。";
        let body = sentence.repeat(40);
        let pieces = split_sentences(&body);
        assert!(pieces.len() > 5, "{}", pieces.len());
        assert_eq!(pieces.concat(), body);
        for p in &pieces {
            assert!(p.chars().count() <= MAX_CHARS, "{p}");
            assert!(p.ends_with('。'), "cut inside a sentence: {p}");
        }
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let long = "这是一个很长的句子，用来让段落足够长以便切分。".repeat(12);
        let text = format!("{long}他说：“我们很高兴。”“这条航线很重要。”");
        let pieces = split_sentences(&text);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| !p.starts_with('”')), "{pieces:?}");
        assert_eq!(pieces.concat(), text);
    }

    #[test]
    fn thai_is_cut_at_the_spaces_between_its_sentences() {
        let sentence = "เรือข้ามฟากกลับมาให้บริการอีกครั้งหลังการซ่อมบำรุงสามเดือน ";
        let body = sentence.repeat(10);
        let pieces = split_sentences(&body);
        assert!(pieces.len() > 2, "{pieces:?}");
        assert_eq!(pieces.concat(), body);
        assert!(pieces.iter().all(|p| p.chars().count() <= MAX_CHARS));
        assert!(pieces.iter().all(|p| p.ends_with(' ')), "{pieces:?}");
    }

    #[test]
    fn a_sentence_longer_than_the_limit_is_not_cut() {
        let sentence = format!("{}。", "很长".repeat(200));
        assert_eq!(split_sentences(&sentence), [sentence.as_str()]);
    }
}
