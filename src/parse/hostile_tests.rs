//! Damaged and random input for the multi-article readers: whatever the bytes, a reader
//! answers with articles or problems, never a panic, and no control character reaches a field.

use std::path::Path;

use proptest::prelude::*;

use super::fixtures::{assert_no_controls, bytes};
use super::{feed, html, xml};

const FIXTURES: [&str; 8] = [
    "feed-rss2.xml",
    "feed-rss1.rdf",
    "feed-atom.xml",
    "feed.json",
    "hostile-feed.rss",
    "trafilatura.xml",
    "hostile-trafilatura.xml",
    "bomb-feed.rss",
];

/// A fixture cut short and with some bytes overwritten.
fn damaged(which: usize, cut: usize, flips: &[(usize, u8)]) -> Vec<u8> {
    let mut b = bytes(FIXTURES[which % FIXTURES.len()]);
    let len = b.len().max(1);
    for &(at, byte) in flips {
        if let Some(x) = b.get_mut(at % len) {
            *x = byte;
        }
    }
    b.truncate(cut % (len + 1));
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn damaged_files_give_articles_or_problems(
        which in 0usize..FIXTURES.len(),
        cut in 0usize..8000,
        flips in prop::collection::vec((0usize..8000, any::<u8>()), 0..6),
    ) {
        let b = damaged(which, cut, &flips);
        for read in [feed::read, xml::read] {
            if let Ok(items) = read(Path::new("damaged"), &b) {
                for article in items.iter().flatten() {
                    assert_no_controls(article);
                }
            }
        }
    }

    #[test]
    fn any_html_gives_clean_paragraphs(html in "(<[a-z/!?]{0,8}[^>]{0,12}>?|&#?[a-z0-9]{0,6};?|[^<&]{0,12}|\u{1b}|\u{9b})*") {
        for p in html::paragraphs(&html) {
            let text = p.text();
            prop_assert!(!text.is_empty());
            prop_assert!(!text.chars().any(char::is_control), "{:?}", text);
            prop_assert_eq!(text.trim(), text);
        }
    }
}
