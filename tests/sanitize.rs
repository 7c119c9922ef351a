//! Hostile strings from scraped articles: after sanitising, nothing in them can drive a
//! terminal, hide text or reorder it.

use std::borrow::Cow;
use std::time::Instant;

use folio::sanitize::{MAX_EXTEND_RUN, sanitize, sanitize_block, sanitize_url};

mod support;
use support::hostile::hides_or_reorders;

fn assert_safe(name: &str, out: &str) {
    for c in out.chars() {
        assert!(
            !c.is_control() && !hides_or_reorders(c),
            "{name}: {c:?} survived in {out:?}"
        );
    }
}

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        (
            "OSC 52 clipboard write",
            "a\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}b".into(),
        ),
        (
            "OSC 8 hyperlink",
            "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\".into(),
        ),
        ("OSC 0 title", "\u{1b}]0;owned\u{7}".into()),
        ("CSI clear screen", "\u{1b}[2J\u{1b}[H".into()),
        ("CSI colour", "\u{1b}[31;1mred\u{1b}[0m".into()),
        ("DCS", "\u{1b}P1$r0m\u{1b}\\".into()),
        (
            "SOS PM APC",
            "\u{1b}Xs\u{1b}\\\u{1b}^p\u{1b}\\\u{1b}_a\u{1b}\\".into(),
        ),
        (
            "unterminated OSC",
            "before\u{1b}]0;never ends, and text after".into(),
        ),
        ("8-bit CSI and OSC", "\u{9b}2J\u{9d}0;t\u{9c}".into()),
        (
            "all C1",
            (0x80u32..=0x9F).filter_map(char::from_u32).collect(),
        ),
        (
            "all C0 and DEL",
            (0u32..=0x1F)
                .chain([0x7F])
                .filter_map(char::from_u32)
                .collect(),
        ),
        (
            "NUL BEL BS DEL VT FF",
            "n\0b\u{7}s\u{8}d\u{7f}v\u{b}f\u{c}".into(),
        ),
        ("bidi override", "evil\u{202E}txt.exe".into()),
        (
            "bidi isolates",
            "\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{200E}\u{200F}\u{61C}".into(),
        ),
        ("zero width", "pa\u{200B}y\u{2060}pal\u{FEFF}\u{AD}".into()),
        ("tags", "flag\u{E0067}\u{E0062}\u{E007F}".into()),
        (
            "line ends",
            "one\r\ntwo\rthree\nfour\u{2028}five\u{2029}".into(),
        ),
        ("zalgo", format!("e{}", "\u{301}".repeat(10_000))),
    ]
}

#[test]
fn hostile_strings_come_out_inert() {
    for (name, s) in hostile() {
        let line = sanitize(&s);
        assert_safe(name, &line);
        let block = sanitize_block(&s);
        assert_safe(name, &block.replace('\n', ""));
        assert_eq!(sanitize(&line), line, "{name}: not idempotent");
        assert_eq!(
            sanitize_block(&block),
            block,
            "{name}: block not idempotent"
        );
        let url = sanitize_url(&s);
        assert_safe(name, &url);
        assert!(!url.contains(char::is_whitespace), "{name}: {url}");
        assert_eq!(sanitize_url(&url), url, "{name}: url not idempotent");
    }
}

#[test]
fn escape_sequences_are_shown_literally_and_swallow_nothing() {
    assert_eq!(
        sanitize("a\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}b"),
        "a␛]52;c;ZWNobyBwd25lZA==␇b"
    );
    assert_eq!(
        sanitize("before\u{1b}]0;never ends, and text after"),
        "before␛]0;never ends, and text after"
    );
    assert_eq!(sanitize("\u{9b}2J"), "␛[2J");
    assert_eq!(sanitize("n\0b\u{7}s\u{8}d\u{7f}"), "n␀b␇s␈d␡");
}

#[test]
fn a_terminal_parser_sees_only_printable_text() {
    #[derive(Default)]
    struct Recorder {
        printed: usize,
        actions: Vec<String>,
    }
    impl vte::Perform for Recorder {
        fn print(&mut self, _: char) {
            self.printed += 1;
        }
        fn execute(&mut self, byte: u8) {
            self.actions.push(format!("execute {byte:#x}"));
        }
        fn hook(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
            self.actions.push(format!("DCS {action}"));
        }
        fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
            self.actions.push(format!("OSC {params:?}"));
        }
        fn csi_dispatch(&mut self, _: &vte::Params, _: &[u8], _: bool, action: char) {
            self.actions.push(format!("CSI {action}"));
        }
        fn esc_dispatch(&mut self, _: &[u8], _: bool, byte: u8) {
            self.actions.push(format!("ESC {byte:#x}"));
        }
    }
    for (name, s) in hostile() {
        let mut parser = vte::Parser::new();
        let mut rec = Recorder::default();
        parser.advance(&mut rec, sanitize(&s).as_bytes());
        assert_eq!(rec.actions, Vec::<String>::new(), "{name}");
        assert!(rec.printed > 0, "{name}: nothing left to read");
    }
}

#[test]
fn legitimate_text_is_untouched() {
    for s in [
        "Poutine et Erdogan discutent des propositions russes",
        "Переговоры в Женеве",
        "Η Αθήνα και η Άγκυρα",
        "北京举行会谈。日本の首相",
        "مرحبا بالعالم",
        "שלום עולם",
        "👨‍👩‍👧‍👦 🇫🇷 👍🏽 ❤️",
        "Ti\u{1EBF}ng Vi\u{1EC7}t và cà phê",
        "नमस्ते दुनिया",
    ] {
        assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
    }
}

#[test]
fn ten_thousand_combining_marks_are_cut_quickly() {
    let s = format!("Ze{}ro", "\u{301}".repeat(10_000));
    let start = Instant::now();
    let out = sanitize(&s);
    assert!(
        start.elapsed().as_millis() < 500,
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(out.chars().count(), "Zero".len() + MAX_EXTEND_RUN);
    assert!(out.starts_with("Ze\u{301}") && out.ends_with("\u{301}ro"));
}

#[test]
fn tabs_expand_and_line_ends_become_spaces() {
    assert_eq!(sanitize("a\tb"), "a   b");
    assert_eq!(sanitize("one\r\ntwo\rthree\nfour"), "one two three four");
    assert_eq!(
        sanitize_block("one\r\ntwo\rthree\u{2028}four"),
        "one\ntwo\nthree\nfour"
    );
}
