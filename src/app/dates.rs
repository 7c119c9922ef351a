//! Dates as the timeline and the reader show them: groups recovered from `Entry::sort_key`
//! (no row fetched), and labels in the given language (chrono's locale data), English where
//! it has none.
//! The chrome passes the user's language for dates (`config::locale`), never an article's, so
//! a mixed archive reads in one language.

use chrono::{Datelike, Locale, NaiveDate};

use crate::article::{Precision, Published};

/// The header an entry sits under on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Undated,
    Month { year: i32, month: u32 },
    Day(NaiveDate),
}

pub fn group_of(sort_key: i32) -> Group {
    match Published::from_sort_key(sort_key) {
        None => Group::Undated,
        Some(p) if p.precision == Precision::Month => Group::Month {
            year: p.date.year(),
            month: p.date.month(),
        },
        Some(p) => Group::Day(p.date),
    }
}

/// (year, month) of an entry, for month jumps; `None` when undated.
pub fn month_of(sort_key: i32) -> Option<(i32, u32)> {
    Published::from_sort_key(sort_key).map(|p| (p.date.year(), p.date.month()))
}

/// The smallest sort key of a day, and of the month-precision entries of its month.
pub fn day_key(date: NaiveDate) -> i32 {
    Published::day(date).sort_key()
}

pub fn month_key(year: i32, month: u32) -> Option<i32> {
    Published::month(year, month).map(|p| p.sort_key())
}

/// The chrono locale whose names and order a language's dates take: the language with its
/// main country (`fr` -> `fr_FR`), English where chrono knows none.
fn locale(language: &str) -> Locale {
    let country = match language {
        "en" => "GB".to_string(),
        "el" => "GR".into(),
        "ja" => "JP".into(),
        "zh" => "CN".into(),
        "ko" => "KR".into(),
        "uk" => "UA".into(),
        "sv" => "SE".into(),
        "da" => "DK".into(),
        "cs" => "CZ".into(),
        "he" => "IL".into(),
        "ar" => "EG".into(),
        "nb" | "no" => "NO".into(),
        "fa" => "IR".into(),
        "vi" => "VN".into(),
        "et" => "EE".into(),
        "ca" => "ES".into(),
        "sl" => "SI".into(),
        "km" => "KH".into(),
        "hi" | "bn" | "ta" | "te" | "mr" | "gu" | "pa" | "ml" | "kn" => "IN".into(),
        "ms" => "MY".into(),
        "sr" => "RS".into(),
        "be" => "BY".into(),
        "ka" => "GE".into(),
        "hy" => "AM".into(),
        "kk" => "KZ".into(),
        "ur" => "PK".into(),
        "sq" => "AL".into(),
        "ga" => "IE".into(),
        "tl" | "fil" => "PH".into(),
        "af" => "ZA".into(),
        other => other.to_ascii_uppercase(),
    };
    Locale::try_from(format!("{language}_{country}").as_str()).unwrap_or(Locale::en_GB)
}

/// How a language writes a day and a month (chrono's strftime; `%A` and `%B` come in the
/// locale's own words).
fn patterns(language: &str) -> (&'static str, &'static str) {
    match language {
        "de" => ("%A, %-d. %B %Y", "%B %Y"),
        "es" | "pt" | "gl" => ("%A, %-d de %B de %Y", "%B de %Y"),
        "ja" | "zh" => ("%Y年%-m月%-d日 %A", "%Y年%-m月"),
        "ko" => ("%Y년 %-m월 %-d일 %A", "%Y년 %-m월"),
        "hu" => ("%Y. %B %-d., %A", "%Y. %B"),
        _ => ("%A %-d %B %Y", "%B %Y"),
    }
}

/// "Sunday 2 January 2022", "dimanche 2 janvier 2022", "Sonntag, 2. Januar 2022",
/// "domingo, 2 de enero de 2022", "2022年1月2日 日曜日".
pub fn long_day(date: NaiveDate, language: &str) -> String {
    let (day, _) = patterns(language);
    date.format_localized(day, locale(language)).to_string()
}

/// "January 2022", "janvier 2022", "enero de 2022".
pub fn long_month(year: i32, m: u32, language: &str) -> String {
    let (_, pattern) = patterns(language);
    let locale = locale(language);
    let m = m.clamp(1, 12);
    // A month named alone takes its standalone form where the language has one (Russian
    // "Январь 2022", not the "января" of "2 января 2022").
    let standalone = pure_rust_locales::locale_match!(locale => LC_TIME::ALT_MON)
        .and_then(|names| names.get(m as usize - 1).copied());
    let pattern = match standalone {
        Some(name) => pattern.replace("%B", name),
        None => pattern.to_string(),
    };
    NaiveDate::from_ymd_opt(year, m, 1)
        .map(|first| first.format_localized(&pattern, locale).to_string())
        .unwrap_or_else(|| format!("{year}-{m:02}"))
}

pub fn long_published(p: Published, language: &str) -> String {
    match p.precision {
        Precision::Day => long_day(p.date, language),
        Precision::Month => long_month(p.date.year(), p.date.month(), language),
    }
}

/// The label of a timeline header.
pub fn group_label(group: Group, language: &str) -> String {
    match group {
        Group::Undated => match language {
            "fr" => "Sans date".into(),
            "de" => "Ohne Datum".into(),
            "es" => "Sin fecha".into(),
            _ => "Undated".into(),
        },
        Group::Month { year, month } => long_month(year, month, language),
        Group::Day(date) => long_day(date, language),
    }
}

/// A span of the timeline in sort-key space, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub lower: i32,
    pub upper: i32,
}

/// A date typed at the jump prompt: "2022", "2022-01" or "2022-01-15" (also with `/` or `.`).
/// A month or year includes its month-precision articles.
pub fn parse_jump(text: &str) -> Option<Period> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1..=9999).contains(y));
    let last_day = |y: i32, m: u32| {
        let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(next.0, next.1, 1).and_then(|d| d.pred_opt())
    };
    match parts.as_slice() {
        [y] => {
            let y = year(y)?;
            Some(Period {
                lower: month_key(y, 1)?,
                upper: day_key(NaiveDate::from_ymd_opt(y, 12, 31)?),
            })
        }
        [y, m] => {
            let (y, m) = (year(y)?, num(m)?);
            Some(Period {
                lower: month_key(y, m)?,
                upper: day_key(last_day(y, m)?),
            })
        }
        [y, m, d] => {
            let key = day_key(NaiveDate::from_ymd_opt(year(y)?, num(m)?, num(d)?)?);
            Some(Period {
                lower: key,
                upper: key,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn groups_come_back_from_sort_keys() {
        let day = Published::day(date(2022, 1, 2));
        assert_eq!(group_of(day.sort_key()), Group::Day(date(2022, 1, 2)));
        let month = Published::month(2022, 1).unwrap();
        assert_eq!(
            group_of(month.sort_key()),
            Group::Month {
                year: 2022,
                month: 1
            }
        );
        assert_eq!(group_of(i32::MIN), Group::Undated);
    }

    #[test]
    fn labels_in_the_article_language() {
        let d = date(2022, 1, 2);
        assert_eq!(long_day(d, "en"), "Sunday 2 January 2022");
        assert_eq!(long_day(d, "und"), "Sunday 2 January 2022");
        assert_eq!(long_day(d, "fr"), "dimanche 2 janvier 2022");
        assert_eq!(long_day(d, "de"), "Sonntag, 2. Januar 2022");
        assert_eq!(long_day(d, "es"), "domingo, 2 de enero de 2022");
        assert_eq!(long_month(2022, 8, "fr"), "août 2022");
        assert_eq!(long_month(2022, 1, "es"), "enero de 2022");
    }

    /// Any language chrono knows gets its own names, not only the four above.
    #[test]
    fn every_locale_has_its_names() {
        let d = date(2022, 1, 2);
        assert_eq!(long_day(d, "it"), "domenica 2 gennaio 2022");
        assert_eq!(long_day(d, "nl"), "zondag 2 januari 2022");
        assert_eq!(long_day(d, "ja"), "2022年1月2日 日曜日");
        assert!(!long_month(2022, 1, "pl").is_empty());
        assert_eq!(long_day(d, "ru"), "Воскресенье 2 января 2022");
        assert_eq!(long_month(2022, 1, "ru"), "Январь 2022");
    }

    #[test]
    fn jump_prompt_accepts_years_months_and_days() {
        let jan = parse_jump("2022-01").unwrap();
        assert_eq!(jan.lower, month_key(2022, 1).unwrap());
        assert_eq!(jan.upper, day_key(date(2022, 1, 31)));
        let day = day_key(date(2022, 1, 15));
        assert_eq!(parse_jump(" 2022-01-15 ").map(|p| p.upper), Some(day));
        assert_eq!(parse_jump("2022/1/15").map(|p| p.lower), Some(day));
        assert_eq!(
            parse_jump("2021").map(|p| p.upper),
            Some(day_key(date(2021, 12, 31)))
        );
        assert_eq!(parse_jump("2022-13"), None);
        assert_eq!(parse_jump("2022-02-30"), None);
        assert_eq!(parse_jump("yesterday"), None);
    }
}
