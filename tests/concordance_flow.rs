//! The concordance view and the strip's share and pin, driven through `App::update` over an
//! archive on disk with the real engine: `w` lists every hit of the search, `S` orders the
//! lines, Enter reads the article at the hit, Esc comes back; `%` and `p` change the strip.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Focus, Msg};
use folio::article::{Article, Paragraph};

mod support;
use support::app::{code, key, open, reading, status, titles};
use support::archive::{self, Archive};
use support::articles::day;
use support::drive::send;
use support::screen::render;
use support::search::{search, send_searching, type_searching};

/// Article `n` of day 2022-01-(20 - n): forty paragraphs, the needle in some of them, far
/// down in article 1; article 5 is in Chinese, article 6 in Japanese.
fn article(n: usize) -> Article {
    let paragraph = |p: usize| {
        let mut text = format!("Paragraph {p} of article {n} says little. ").repeat(4);
        match (n, p) {
            (1, 3) => text.push_str("A sharp needle lies here."),
            (1, 35) => text.push_str("The last needle in the haystack. Another needle follows."),
            (2, 0) => text.push_str("A blunt needle and a golden thread."),
            (3, 7) => text.push_str("Needles everywhere, and a needle of pine."),
            _ => {}
        }
        Paragraph::Text(text.trim_end().to_string())
    };
    let base = support::articles::article(n, day(2022, 1, 20 - n as u32), "Wire", "");
    match n {
        5 => Article {
            title: "海峡大桥建设进展顺利".into(),
            language: "zh".into(),
            paragraphs: vec![Paragraph::Text(
                "海峡大桥的主塔已经完工。工程师说，海峡大桥将在明年通车。".into(),
            )],
            ..base
        },
        6 => Article {
            title: "ケッセル海峡大橋を支える".into(),
            language: "ja".into(),
            paragraphs: vec![Paragraph::Text(
                "水原製鋼のケーブルが、ケッセル海峡大橋を支えている。".into(),
            )],
            ..base
        },
        _ => Article {
            paragraphs: (0..40).map(paragraph).collect(),
            ..base
        },
    }
}

fn app(width: u16, height: u16) -> (App, Archive) {
    let articles: Vec<Article> = (0..7).map(article).collect();
    let archive = archive::of(&articles);
    (open(archive.catalog(), width, height), archive)
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The view's lines as `left[hit]right`.
fn lines(app: &App) -> Vec<String> {
    let view = app.kwic.open.as_ref().expect("the concordance is open");
    (0..view.len())
        .filter_map(|i| view.line(i))
        .map(|l| format!("{}[{}]{}", l.line.left, l.line.hit, l.line.right))
        .collect()
}

#[test]
fn w_lists_every_hit_of_the_search_newest_article_first() {
    let (mut app, archive) = app(120, 30);
    search(&mut app, &archive.store, "needle");
    assert_eq!(titles(&app), ["Article 1", "Article 2", "Article 3"]);
    send(&mut app, key('w'));
    let view = app.kwic.open.as_ref().expect("open");
    assert!(view.done);
    assert_eq!(view.articles, 3);
    let shown = lines(&app);
    // Article 1: 3 hits; article 2: 1; article 3: 2 (the word typed last is a start:
    // "Needles" too).
    assert_eq!(shown.len(), 6, "{shown:#?}");
    assert!(
        shown[0].contains("A sharp [needle] lies here."),
        "{shown:#?}"
    );
    assert!(shown[2].ends_with("[needle] follows."), "{shown:#?}");
    assert!(shown[4].contains("[Needles] everywhere"), "{shown:#?}");
    assert!(shown[5].contains("a [needle] of pine"), "{shown:#?}");
    let screen = render(&app, true);
    assert!(
        screen
            .lines()
            .next()
            .unwrap()
            .starts_with("6 hits of “needle” · hits by date"),
        "{screen}"
    );
    insta::assert_snapshot!("concordance_by_date", screen);
}

#[test]
fn s_orders_the_lines_by_the_word_after_then_before() {
    let (mut app, archive) = app(120, 30);
    search(&mut app, &archive.store, "needle");
    send(&mut app, key('w'));
    send(&mut app, key('S'));
    assert_eq!(status(&app), "hits by the word after");
    let after: Vec<String> = lines(&app)
        .iter()
        .map(|l| {
            l.split(']')
                .nth(1)
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        after,
        ["and", "everywhere,", "follows.", "in", "lies", "of"]
    );
    send(&mut app, key('S'));
    assert_eq!(status(&app), "hits by the word before");
    let before: Vec<String> = lines(&app)
        .iter()
        .map(|l| {
            let word = l
                .split('[')
                .next()
                .unwrap()
                .split_whitespace()
                .last()
                .unwrap_or("");
            word.trim_matches('.').to_lowercase()
        })
        .collect();
    assert_eq!(before, ["a", "another", "blunt", "last", "little", "sharp"]);
    send(&mut app, key('S'));
    assert_eq!(status(&app), "hits by date, newest first");
}

#[test]
fn enter_reads_the_article_at_the_hit_and_n_goes_on_from_it() {
    let (mut app, archive) = app(120, 30);
    search(&mut app, &archive.store, "needle");
    send(&mut app, key('w'));
    // The third line: the second needle of paragraph 35 of article 1.
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    send(&mut app, code(KeyCode::Enter));
    assert!(app.kwic.open.is_none());
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(reading(&app), "Article 1");
    let hit = app.current_hit().expect("the reader is at a hit");
    assert!(
        app.reader.scroll() > 20,
        "far down: {}",
        app.reader.scroll()
    );
    let at = app
        .reader
        .visible_numbers()
        .iter()
        .position(|&n| n == hit)
        .expect("on screen");
    let line = &app.reader.visible()[at].text;
    assert!(line.contains("needle"), "{line}");
    // `n` goes on from there: past the article's last hit, to the next article.
    for _ in 0..3 {
        if reading(&app) == "Article 2" {
            break;
        }
        send(&mut app, key('n'));
    }
    assert_eq!(reading(&app), "Article 2");
}

#[test]
fn esc_comes_back_to_the_results_as_they_were() {
    let (mut app, archive) = app(120, 30);
    search(&mut app, &archive.store, "needle");
    send(&mut app, key('j'));
    let before = app.timeline.selected_index();
    send(&mut app, key('w'));
    send(&mut app, key('G'));
    send(&mut app, code(KeyCode::Esc));
    assert!(app.kwic.open.is_none());
    assert_eq!(app.timeline.selected_index(), before);
    assert_eq!(
        titles(&app),
        ["Article 1", "Article 2", "Article 3"],
        "the search is still on"
    );
}

#[test]
fn without_a_search_w_says_how_to_get_one() {
    let (mut app, _archive) = app(120, 30);
    send(&mut app, key('w'));
    assert!(app.kwic.open.is_none());
    assert!(status(&app).contains("press /"), "{}", status(&app));
}

#[test]
fn ctrl_k_on_the_search_line_opens_the_view_of_what_is_typed() {
    let (mut app, archive) = app(120, 30);
    send(&mut app, key('/'));
    type_searching(&mut app, &archive.store, "\"golden thread\"");
    send_searching(&mut app, &archive.store, ctrl('k'));
    assert!(!app.search.editing);
    assert_eq!(
        lines(&app),
        ["…of article 2 says little. A blunt needle and a [golden thread]."]
    );
}

#[test]
fn chinese_and_japanese_hits_are_lines_too() {
    let (mut app, archive) = app(120, 30);
    search(&mut app, &archive.store, "海峡大");
    send(&mut app, key('w'));
    let shown = lines(&app);
    assert_eq!(shown.len(), 5, "{shown:#?}");
    assert!(shown.iter().all(|l| l.contains("[海峡大]")), "{shown:#?}");
    insta::assert_snapshot!("concordance_cjk", render(&app, true));
}

#[test]
fn the_strip_shows_the_searchs_share_and_a_pinned_search_beside_it() {
    let (mut app, archive) = app(160, 30);
    search(&mut app, &archive.store, "needle");
    send(&mut app, key('%'));
    assert!(app.strip.share);
    assert!(status(&app).contains("share"), "{}", status(&app));
    let screen = render(&app, false);
    insta::assert_snapshot!("strip_share", strip_rows(&screen));
    send(&mut app, key('p'));
    assert_eq!(
        app.strip.pinned.as_ref().map(|p| p.label.as_str()),
        Some("needle")
    );
    search(&mut app, &archive.store, "paragraph");
    let screen = render(&app, false);
    let strip = strip_rows(&screen);
    assert!(strip.contains("vs needle"), "{strip}");
    insta::assert_snapshot!("strip_share_pinned", strip);
    send(&mut app, key('%'));
    send(&mut app, key('p'));
    assert!(app.strip.pinned.is_none());
    assert!(status(&app).starts_with("Unpinned"), "{}", status(&app));
}

/// The strip's two rows, at the top of the timeline pane.
fn strip_rows(screen: &str) -> String {
    screen.lines().take(2).map(|l| format!("{l}\n")).collect()
}
