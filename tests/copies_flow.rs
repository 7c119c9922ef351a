//! Copies in the TUI, driven through `App::update` and drawn on the test backend: a story
//! published three times is one row marked "+2", `+` lists its copies under it, `C` shows
//! every copy on its own row, the reader names the other outlets, `D` shows what a copy
//! changed against the earliest.

use folio::app::{App, Overlay};
use folio::article::{Article, Paragraph};

mod support;
use support::app::{key, open, reading, selected_title, titles};
use support::articles::{article, catalog, day};
use support::drive::send;
use support::screen::render;

/// A body of made-up words, distinct for each `seed`, in six paragraphs.
fn body(seed: usize) -> Vec<Paragraph> {
    (0..6)
        .map(|p| {
            let words: Vec<String> = (0..40).map(|w| format!("s{seed}p{p}w{w}")).collect();
            Paragraph::Text(format!("{}.", words.join(" ")))
        })
        .collect()
}

fn story(n: usize, date: u32, source: &str, paragraphs: Vec<Paragraph>) -> Article {
    Article {
        paragraphs,
        ..article(n, day(2022, 1, date), source, "")
    }
}

/// Article 1 (Alpha, the 2nd), its copies 2 (Beta, the 3rd: a word changed) and 3 (Gamma,
/// the 4th: a paragraph dropped), and article 4 (Delta, the 3rd), another story.
fn archive() -> App {
    let original = body(1);
    let mut edited = original.clone();
    edited[2] = Paragraph::Text(edited[2].text().replace("s1p2w7", "changed"));
    let trimmed: Vec<Paragraph> = original.iter().take(5).cloned().collect();
    let articles = vec![
        story(1, 2, "Alpha", original),
        story(2, 3, "Beta", edited),
        story(3, 4, "Gamma", trimmed),
        story(4, 3, "Delta", body(4)),
    ];
    open(catalog(articles, Vec::new()), 100, 24)
}

#[test]
fn a_story_published_three_times_is_one_row_marked_with_its_copies() {
    let app = archive();
    assert_eq!(titles(&app), ["Article 4", "Article 1"]);
    let screen = render(&app, false);
    let row = screen
        .lines()
        .find(|l| l.contains("Article 1"))
        .expect("the story's row");
    assert!(row.contains("+2"), "{screen}");
    assert!(screen.contains("2 stories"), "{screen}");
}

#[test]
fn the_expand_key_lists_the_copies_under_the_row_earliest_first_and_folds_them_again() {
    let mut app = archive();
    send(&mut app, key('j'));
    send(&mut app, key('+'));
    assert_eq!(
        titles(&app),
        ["Article 4", "Article 1", "Article 2", "Article 3"]
    );
    assert_eq!(selected_title(&app), "Article 1");
    let screen = render(&app, false);
    // No day header between the story and its copies, though they are of other days.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("+2 Article 1"))
        .expect("row");
    assert!(
        lines[at + 1].contains('↳') && lines[at + 1].contains("Article 2"),
        "{screen}"
    );
    assert!(
        lines[at + 2].contains('↳') && lines[at + 2].contains("Article 3"),
        "{screen}"
    );
    // From a copy's row, the key folds the group and goes back to its row.
    send(&mut app, key('j'));
    send(&mut app, key('+'));
    assert_eq!(titles(&app), ["Article 4", "Article 1"]);
    assert_eq!(selected_title(&app), "Article 1");
}

#[test]
fn the_copies_toggle_shows_each_copy_on_its_row_and_says_it_is_one() {
    let mut app = archive();
    send(&mut app, key('C'));
    assert_eq!(
        titles(&app),
        ["Article 3", "Article 2", "Article 4", "Article 1"]
    );
    let screen = render(&app, false);
    let row = screen
        .lines()
        .find(|l| l.contains("Article 2"))
        .expect("row");
    assert!(row.contains("copy"), "{screen}");
    assert!(!screen.contains("+2"), "{screen}");
    send(&mut app, key('C'));
    assert_eq!(titles(&app), ["Article 4", "Article 1"]);
}

#[test]
fn the_reader_says_who_else_published_the_story() {
    let mut app = archive();
    send(&mut app, key('j'));
    send(
        &mut app,
        support::app::code(crossterm::event::KeyCode::Enter),
    );
    assert_eq!(reading(&app), "Article 1");
    let screen = render(&app, false);
    assert!(
        screen.contains("also published by Beta, Gamma · this is the earliest"),
        "{screen}"
    );
}

#[test]
fn the_diff_key_shows_what_a_copy_changed_against_the_earliest() {
    let mut app = archive();
    send(&mut app, key('C'));
    // Article 2, the copy with one word changed.
    send(&mut app, key('g'));
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 2");
    send(&mut app, key('D'));
    let Overlay::Diff { view, .. } = &app.overlay else {
        panic!("no diff shown: {:?}", app.overlay);
    };
    // The word changed, and the title's number ("Article 1" -> "Article 2").
    assert_eq!((view.added, view.removed), (2, 2));
    let screen = render(&app, false);
    assert!(screen.contains("What the copy changed"), "{screen}");
    assert!(
        screen.contains("+2 words") && screen.contains("−2 words"),
        "{screen}"
    );
    assert!(screen.contains("changed"), "{screen}");
    // The marks are the theme's: the added word underlined and bold, the removed crossed.
    let marked = render(&app, true);
    assert!(marked.contains("[changed]"), "{marked}");
    send(&mut app, key('x'));
    assert_eq!(app.overlay, Overlay::None);
    // An article without copies says so.
    send(&mut app, key('j'));
    send(&mut app, key('D'));
    assert_eq!(app.overlay, Overlay::None);
    assert!(support::app::status(&app).contains("no copies"));
}
