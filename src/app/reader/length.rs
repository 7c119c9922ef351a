//! How long an article is to read. Words are counted between spaces, but Chinese and Japanese
//! put none between words: there each character is counted, and read at the speed measured
//! for characters.

use crate::article::Article;

/// Reading speeds for silent reading by adults, from the International Reading Speed Texts
/// (Trauzettel-Klosinski & Dietz, "Standardized Assessment of Reading Performance: The New
/// International Reading Speed Texts IReST", IOVS 53(9), 2012): English 228 ± 30 words per
/// minute (rounded to 230), Chinese 255 ± 29 and Japanese 357 ± 56 characters per minute.
const WORDS_PER_MINUTE: usize = 230;
const CHINESE_CHARS_PER_MINUTE: usize = 255;
const JAPANESE_CHARS_PER_MINUTE: usize = 357;

/// The words and the characters of scripts without spaces in some text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Length {
    /// Runs of other text between spaces.
    pub words: usize,
    /// Han ideographs, kana and CJK letters, each counted.
    pub characters: usize,
}

impl Length {
    pub fn of_article(article: &Article) -> Length {
        let mut length = Length::of(&article.title);
        length.add(&article.lede);
        for p in &article.paragraphs {
            length.add(p.text());
        }
        length
    }

    pub fn of(text: &str) -> Length {
        let mut length = Length::default();
        length.add(text);
        length
    }

    fn add(&mut self, text: &str) {
        for token in text.split_whitespace() {
            let characters = token.chars().filter(|&c| written_without_spaces(c)).count();
            self.characters += characters;
            // "iPhone发布" is a word and two characters; a dash or "。" alone is neither.
            if token
                .chars()
                .any(|c| !written_without_spaces(c) && c.is_alphanumeric())
            {
                self.words += 1;
            }
        }
    }

    /// "1,204 characters" when most of the text is counted in characters, else "312 words".
    pub fn describe(self) -> String {
        if self.characters > self.words {
            format!("{} characters", self.characters)
        } else {
            format!("{} words", self.words)
        }
    }

    /// Whole minutes to read, at least one. The characters are read at Japanese speed in
    /// Japanese articles and at Chinese speed otherwise (kanji-only text is most often Chinese).
    pub fn minutes(self, language: &str) -> usize {
        let per_minute = if language == "ja" {
            JAPANESE_CHARS_PER_MINUTE
        } else {
            CHINESE_CHARS_PER_MINUTE
        };
        // In seconds, so a mixed text does not round each part up on its own.
        let seconds = self.words * 60 / WORDS_PER_MINUTE + self.characters * 60 / per_minute;
        seconds.div_ceil(60).max(1)
    }
}

/// Han ideographs (with the extensions and compatibility blocks), hiragana, katakana and
/// CJK punctuation's letters: the characters of scripts written without spaces between words.
/// Korean is written with spaces, so Hangul counts in words.
fn written_without_spaces(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3005..=0x3007 // 々 〆 〇
            | 0x3041..=0x3096 // hiragana
            | 0x309D..=0x309F
            | 0x30A1..=0x30FA // katakana
            | 0x30FC..=0x30FF
            | 0x31F0..=0x31FF // katakana phonetic extensions
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK unified ideographs
            | 0xF900..=0xFAFF // compatibility ideographs
            | 0xFF66..=0xFF9D // halfwidth katakana
            | 0x20000..=0x3134F // extensions B to G
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_japanese_count_characters() {
        let zh = Length::of("国务院总理李强主持召开国务院常务会议。");
        assert_eq!(zh.characters, 18);
        assert_eq!(zh.words, 0);
        assert_eq!(zh.describe(), "18 characters");
        let ja = Length::of("東京都は、明日の天気を発表しました。");
        assert_eq!(ja.characters, 16);
        assert_eq!(ja.describe(), "16 characters");
    }

    #[test]
    fn spaced_scripts_count_words_and_mixed_tokens_count_both() {
        assert_eq!(Length::of("Poutine et Erdogan — à Sotchi").words, 5);
        assert_eq!(Length::of("서울 시장 선거").words, 3);
        assert_eq!(
            Length::of("iPhone发布 会"),
            Length {
                words: 1,
                characters: 3
            }
        );
    }

    #[test]
    fn reading_time_uses_the_speed_of_the_script() {
        let words = Length {
            words: 460,
            characters: 0,
        };
        assert_eq!(words.minutes("en"), 2);
        let characters = Length {
            words: 0,
            characters: 714,
        };
        assert_eq!(characters.minutes("zh"), 3);
        // Japanese is read faster per character: the same count takes less time.
        assert_eq!(characters.minutes("ja"), 2);
        assert_eq!(Length::default().minutes("en"), 1);
    }
}
