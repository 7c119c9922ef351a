//! Any bytes through the article parser: it must not panic, and whatever it returns must be
//! sanitised. The sanitiser's own promises (idempotent, no controls) are checked on the way.
#![no_main]

use std::path::Path;

use folio::article::Paragraph;
use folio::parse::parse_article;
use folio::sanitize::{sanitize, sanitize_block, sanitize_url};
use libfuzzer_sys::fuzz_target;

fn check_clean(s: &str) {
    assert!(
        !s.chars().any(char::is_control),
        "control character in {s:?}"
    );
    assert_eq!(sanitize(s), s, "not sanitised: {s:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let line = sanitize(&text);
    check_clean(&line);
    let block = sanitize_block(&text);
    assert_eq!(sanitize_block(&block), block);
    let url = sanitize_url(&text);
    check_clean(&url);
    assert_eq!(sanitize_url(&url), url);

    if let Ok(a) = parse_article(Path::new("fuzz.txt"), data) {
        for s in [a.id.as_str(), &a.title, &a.lede, &a.source, &a.language] {
            check_clean(s);
        }
        a.url.as_deref().map(check_clean);
        for p in &a.paragraphs {
            check_clean(p.text());
            assert!(!p.text().trim().is_empty(), "empty paragraph");
            if let Paragraph::Heading(h) = p {
                assert!(h.chars().count() <= 200, "heading too long: {h:?}");
            }
        }
    }
});
