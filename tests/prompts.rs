//! Text prompts get every printable key, whatever the keymap binds it to: the search line and
//! the jump-to-date prompt (`d` or `:`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg, Overlay};

mod support;
use support::app::{code, key, open, selected_title, status};
use support::articles::{article, catalog, day};
use support::drive::send;

/// Every printable ASCII character (the keymap binds many of them), then some that are not.
fn printable() -> String {
    let ascii: String = (' '..='~').collect();
    ascii + "éßøœ東京ж€"
}

fn app() -> App {
    let articles = (0..6)
        .map(|n| article(n, day(2022, 1 + n as u32, 10), "Wire", "Grain."))
        .collect();
    open(catalog(articles, Vec::new()), 100, 30)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let shift = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        send(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), shift)));
    }
}

#[test]
fn every_text_prompt_receives_every_printable_key() {
    let typed = printable();
    for opener in ['/', 'd', ':'] {
        let mut app = app();
        send(&mut app, key(opener));
        type_text(&mut app, &typed);
        let got = match &app.overlay {
            Overlay::Jump(text) => text.clone(),
            Overlay::None if app.search.editing => app.search.text.clone(),
            other => panic!("{opener} opened {other:?}"),
        };
        // The jump prompt holds a line's worth; every key it got is there, in order.
        assert!(
            typed.starts_with(&got) && got.chars().count() >= 40,
            "{opener}: {got:?}"
        );
    }
}

#[test]
fn the_date_prompt_quotes_what_was_typed_and_jumps_to_a_date() {
    let mut app = app();
    send(&mut app, key('d'));
    type_text(&mut app, "March 2022");
    send(&mut app, code(KeyCode::Enter));
    let said = status(&app);
    assert!(said.contains("\"March 2022\" is not a date"), "{said}");

    send(&mut app, key(':'));
    send(&mut app, code(KeyCode::Enter));
    let said = status(&app);
    assert!(
        !said.contains("\"\""),
        "an empty prompt is not quoted: {said}"
    );
    assert!(said.contains("No date typed"), "{said}");

    send(&mut app, key('d'));
    type_text(&mut app, "2022-03");
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(selected_title(&app), "Article 2");
}
