//! `label:` as a word start while typing: in the search line, `label:sec` at the end (no
//! space after it) finds the articles labelled `security` and `sector`, as the word being
//! typed finds every word it starts; a finished query (`folio search label:sec`) means the
//! label `sec` only.

use std::collections::HashMap;

use folio::app::App;
use folio::article::Article;
use folio::catalog::id_hash;
use folio::state::StateSnapshot;

mod support;

use support::app::{Setup, key, open_with, titles, typed};
use support::archive::{self, Archive};
use support::articles::day;
use support::drive::send;
use support::search::answer;

/// Six articles; `Article 0` labelled security, `Article 2` sector, `Article 4` sec.
fn app() -> (App, Archive) {
    let articles: Vec<Article> = (0..6)
        .map(|n| support::articles::article(n, day(2022, 1, 28 - n as u32), "Wire", "Text."))
        .collect();
    let archive = archive::of(&articles);
    let catalog = archive.catalog();
    let mut labels = HashMap::new();
    for row in catalog.timeline().iter().filter_map(|e| catalog.row(e)) {
        let label = match row.title.as_str() {
            "Article 0" => "security",
            "Article 2" => "sector",
            "Article 4" => "sec",
            _ => continue,
        };
        labels.insert(id_hash(&row.id), vec![label.to_string()]);
    }
    let state = StateSnapshot {
        labels,
        ..StateSnapshot::default()
    };
    let setup = Setup {
        state,
        ..Setup::default()
    };
    (open_with(catalog, setup, 100, 20), archive)
}

/// Types `text` on the search line and gives the app the engine's answer.
fn type_and_answer(app: &mut App, archive: &Archive, text: &str) {
    let requests = support::app::searches(typed(app, text));
    answer(app, &archive.store, requests.last().expect("a search"));
}

#[test]
fn a_label_being_typed_finds_every_label_it_starts() {
    let (mut app, archive) = app();
    send(&mut app, key('/'));
    type_and_answer(&mut app, &archive, "LABEL:Sec");
    assert_eq!(titles(&app), ["Article 0", "Article 2", "Article 4"]);
    type_and_answer(&mut app, &archive, "u");
    assert_eq!(titles(&app), ["Article 0"]);
    // A space ends the label: `sec` alone, exactly.
    for _ in 0.."u".len() {
        send(
            &mut app,
            support::app::code(crossterm::event::KeyCode::Backspace),
        );
    }
    type_and_answer(&mut app, &archive, " ");
    assert_eq!(titles(&app), ["Article 4"]);
}

#[test]
fn an_excluded_label_is_whole_while_typing() {
    let (mut app, archive) = app();
    send(&mut app, key('/'));
    type_and_answer(&mut app, &archive, "-label:sec");
    assert_eq!(
        titles(&app),
        [
            "Article 0",
            "Article 1",
            "Article 2",
            "Article 3",
            "Article 5"
        ]
    );
}

#[test]
fn a_finished_query_on_the_command_line_means_the_whole_label() {
    let archive = support::cli::archive();
    support::cli::stdout(&mut archive.folio(&["label", "+security", "grain"]));
    let count = |query: &str| {
        let out = archive
            .folio(&["search", "--count", query])
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(count("label:sec"), "0\n");
    assert_eq!(count("label:security"), "2\n");
}
