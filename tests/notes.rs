//! Notes and highlights: the state database (add, delete, undo across a reopen, the migration
//! from the schema before notes, export and import), the reader's selection by word, sentence
//! and paragraph, the note prompt, highlights drawn in the text, the notes overlay with a
//! passage that is gone, `is:noted`, and `folio notes`.

use crossterm::event::KeyCode;
use folio::app::{App, Effect, Msg, Overlay};
use folio::article::{Article, ArticleId, Paragraph};
use folio::catalog::id_hash;
use folio::state::{Note, ReadingState, StateChange, StateSnapshot, Target, default_path};
use ratatui::style::Modifier;

mod support;
use support::app::{Setup, code, key, open_with, persisted, status, typed};
use support::articles::{article, catalog, day};
use support::drive::send;

const FIRST: &str = "The council met on Monday. It voted to close the old bridge.";
const SECOND: &str = "Residents said the detour adds twenty minutes. Shops fear losses.";

fn id(n: usize) -> ArticleId {
    ArticleId(format!("https://example.org/{n}"))
}

/// Article `n` with two short paragraphs of two sentences each.
fn story(n: usize) -> Article {
    Article {
        paragraphs: vec![
            Paragraph::Text(FIRST.into()),
            Paragraph::Text(SECOND.into()),
        ],
        ..article(n, day(2022, 1, 3 + n as u32), "Alpha", "")
    }
}

fn note(n: usize, quote: &str, text: &str) -> Note {
    let body = format!("{FIRST}\n\n{SECOND}");
    let start = body.find(quote).map_or(0, |b| body[..b].chars().count());
    let passage = folio::anchor::capture(&body, start..start + quote.chars().count());
    Note {
        article: id(n).0,
        quote: quote.into(),
        note: text.into(),
        paragraph: 0,
        start: passage.start as u32,
        end: passage.end as u32,
        prefix: passage.prefix,
        suffix: passage.suffix,
        created_at: 1_700_000_000,
    }
}

fn add(state: &mut ReadingState, note: &Note) {
    state
        .apply(&StateChange::Note {
            note: Box::new(note.clone()),
            add: true,
        })
        .unwrap();
}

// --- the state database -----------------------------------------------------------------

#[test]
fn a_note_is_kept_deleted_and_undone_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    let kept = note(1, "close the old bridge", "check the date");
    {
        let mut state = ReadingState::open(&path).unwrap();
        add(&mut state, &kept);
        add(&mut state, &kept);
        add(&mut state, &note(1, "Shops fear losses.", ""));
        let snapshot = state.snapshot().unwrap();
        assert_eq!(snapshot.notes[&id_hash(&id(1))].len(), 2, "added once");
        assert_eq!(snapshot.undo.as_deref(), Some("highlight"));
        state
            .apply(&StateChange::Note {
                note: Box::new(kept.clone()),
                add: false,
            })
            .unwrap();
        assert_eq!(state.notes_of(&id(1)).unwrap().len(), 1);
    }
    let mut state = ReadingState::open(&path).unwrap();
    let undone = state.undo().unwrap().expect("the delete to undo");
    assert_eq!(undone.what, "delete note");
    assert_eq!(undone.reverted.len(), 1);
    assert_eq!(
        undone.reverted[0].target,
        Target::Note(Box::new(kept.clone()))
    );
    assert!(undone.reverted[0].on);
    let back = state.notes_of(&id(1)).unwrap();
    assert!(
        back.iter().any(|n| n == &kept),
        "every field is back: {back:?}"
    );
    let undone = state.undo().unwrap().expect("the highlight to undo");
    assert_eq!(undone.what, "highlight");
    assert!(!undone.reverted[0].on);
    assert_eq!(state.notes_of(&id(1)).unwrap(), [kept]);
}

/// The schema of folio before notes (version 4), written by hand as that build wrote it.
const SCHEMA_4: &str = "
    CREATE TABLE article (
        id TEXT PRIMARY KEY NOT NULL, id_hash INTEGER NOT NULL, read_at INTEGER,
        starred_at INTEGER, line INTEGER, width INTEGER, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE search_history (query TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);
    CREATE INDEX search_history_seq ON search_history (seq);
    CREATE TABLE setting (
        name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE label (
        id_hash INTEGER NOT NULL, name TEXT NOT NULL, article_id TEXT NOT NULL,
        added_at INTEGER NOT NULL, PRIMARY KEY (id_hash, name)
    ) WITHOUT ROWID;
    CREATE TABLE undo_step (step INTEGER PRIMARY KEY, what TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE TABLE undo_entry (
        step INTEGER NOT NULL, target TEXT NOT NULL, id_hash INTEGER NOT NULL,
        name TEXT NOT NULL, article_id TEXT, before
    );
    CREATE INDEX undo_entry_step ON undo_entry (step);
    CREATE TABLE saved_search (
        name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE, query TEXT NOT NULL,
        saved_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    PRAGMA user_version = 4;";

#[test]
fn the_migration_from_the_schema_before_notes_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch(SCHEMA_4).unwrap();
        for n in 0..100 {
            let key = id(n);
            old.execute(
                "INSERT INTO article VALUES (?1, ?2, ?3, NULL, ?4, 80, 1700000000)",
                rusqlite::params![
                    key.as_str(),
                    id_hash(&key) as i64,
                    (n % 2 == 0).then_some(1_700_000_000_i64),
                    n as i64
                ],
            )
            .unwrap();
            old.execute(
                "INSERT INTO label VALUES (?1, 'kept', ?2, 1700000000)",
                rusqlite::params![id_hash(&key) as i64, key.as_str()],
            )
            .unwrap();
        }
        old.execute_batch(
            "INSERT INTO saved_search VALUES ('grain', 'grain -otan', 1700000000);
             INSERT INTO undo_step VALUES (1, '+kept', 1700000000);
             INSERT INTO undo_entry VALUES (1, 'label', 5, 'kept', 'x', NULL);",
        )
        .unwrap();
    }
    let copy = dir.path().join("old-copy.db");
    std::fs::copy(&path, &copy).unwrap();

    let mut state = ReadingState::open(&path).unwrap();
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());
    let snapshot = state.snapshot().unwrap();
    assert_eq!(snapshot.read.len(), 50);
    assert_eq!(snapshot.labels.len(), 100);
    assert_eq!(snapshot.searches.len(), 1);
    assert_eq!(snapshot.undo.as_deref(), Some("+kept"));
    assert!(snapshot.notes.is_empty());
    let dump = |conn: &rusqlite::Connection, sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let old = rusqlite::Connection::open(&copy).unwrap();
    let migrated = rusqlite::Connection::open(&path).unwrap();
    for table in [
        "article",
        "label",
        "saved_search",
        "undo_step",
        "undo_entry",
    ] {
        let sql = format!("SELECT * FROM {table} ORDER BY 1, 2");
        assert_eq!(dump(&old, &sql), dump(&migrated, &sql), "{table}");
    }
    add(
        &mut state,
        &note(3, "Shops fear losses.", "and the market?"),
    );
    assert_eq!(state.notes_of(&id(3)).unwrap().len(), 1);
}

#[test]
fn export_and_import_merge_notes_and_report_a_different_note_on_one_passage() {
    let mut alice = ReadingState::open_in_memory().unwrap();
    let mut bob = ReadingState::open_in_memory().unwrap();
    add(
        &mut alice,
        &note(1, "close the old bridge", "check the date"),
    );
    add(&mut alice, &note(2, "Shops fear losses.", ""));
    add(
        &mut bob,
        &note(1, "close the old bridge", "ask the council"),
    );
    let mut exported = Vec::new();
    folio::state::export(&alice, &mut exported).unwrap();
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(
        text.contains("\"quote\":\"close the old bridge\""),
        "{text}"
    );

    let report = folio::state::import(&mut bob, &mut exported.as_slice()).unwrap();
    assert_eq!(report.notes_added, 2);
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert!(
        report.conflicts[0].contains("kept both"),
        "{:?}",
        report.conflicts
    );
    let notes: Vec<String> = bob.notes().unwrap().into_iter().map(|n| n.note).collect();
    assert_eq!(notes, ["ask the council", "check the date", ""]);
    // Importing again adds nothing: the same note is one note.
    let again = folio::state::import(&mut bob, &mut exported.as_slice()).unwrap();
    assert_eq!(again.notes_added, 0);
    assert_eq!(bob.notes().unwrap().len(), 3);
}

// --- the reader -------------------------------------------------------------------------

fn reading(state: StateSnapshot) -> App {
    let articles = vec![story(1), story(2)];
    let setup = Setup {
        state,
        ..Setup::default()
    };
    let mut app = open_with(catalog(articles, vec![]), setup, 100, 24);
    send(&mut app, code(KeyCode::Enter));
    assert!(app.reader.article().is_some(), "an article is open");
    app
}

/// The selected text.
fn selected(app: &App) -> String {
    let sel = app.visual.expect("selecting");
    let body = format!("{FIRST}\n\n{SECOND}");
    body.chars()
        .skip(sel.start)
        .take(sel.end - sel.start)
        .collect()
}

#[test]
fn the_selection_grows_and_shrinks_by_word_sentence_and_paragraph() {
    let mut app = reading(StateSnapshot::default());
    send(&mut app, key('V'));
    assert_eq!(selected(&app), "The", "the first word on screen");
    assert!(status(&app).contains("Selecting"), "{}", status(&app));
    send(&mut app, key('w'));
    assert_eq!(selected(&app), "The council");
    send(&mut app, key('b'));
    send(&mut app, key('b'));
    assert_eq!(selected(&app), "The", "never less than a word");
    send(&mut app, key(')'));
    assert_eq!(selected(&app), "The council met on Monday.");
    send(&mut app, key(')'));
    assert_eq!(selected(&app), FIRST);
    send(&mut app, key('('));
    assert_eq!(selected(&app), "The council met on Monday.");
    send(&mut app, key('}'));
    assert_eq!(selected(&app), FIRST);
    send(&mut app, key('}'));
    assert_eq!(selected(&app), format!("{FIRST}\n\n{SECOND}"));
    send(&mut app, key('{'));
    assert_eq!(selected(&app), FIRST);
    send(&mut app, key('j'));
    assert_eq!(selected(&app), "It voted to close the old bridge.");
    send(&mut app, key('j'));
    assert_eq!(
        selected(&app),
        "Residents said the detour adds twenty minutes."
    );
    send(&mut app, key('k'));
    assert_eq!(selected(&app), "It voted to close the old bridge.");
    // Keys of the reader do not apply while selecting: s does not star.
    let fx = send(&mut app, key('s'));
    assert!(persisted(&fx).is_empty());
    send(&mut app, code(KeyCode::Esc));
    assert!(app.visual.is_none());
    assert!(
        app.reader.article().is_some(),
        "Esc left the selection, not the reader"
    );
}

#[test]
fn a_highlight_and_a_note_are_persisted_drawn_listed_deleted_and_undone() {
    let mut app = reading(StateSnapshot::default());
    send(&mut app, key('V'));
    send(&mut app, key(')'));
    let fx = send(&mut app, key('m'));
    let changes = persisted(&fx);
    let [StateChange::Note { note, add: true }] = changes.as_slice() else {
        panic!("{changes:?}")
    };
    assert_eq!(note.quote, "The council met on Monday.");
    assert!(note.is_highlight());
    assert_eq!((note.start, note.end, note.paragraph), (0, 26, 0));
    assert_eq!(
        note.suffix, " It voted to close the old bridg",
        "32 chars of context"
    );
    assert!(app.visual.is_none());
    assert!(status(&app).contains("Highlighted"), "{}", status(&app));

    // A note on the second paragraph's first sentence, through the prompt.
    send(&mut app, key('V'));
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(
        selected(&app),
        "Residents said the detour adds twenty minutes."
    );
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::NotePrompt(String::new()));
    typed(&mut app, "ask the council");
    let fx = send(&mut app, code(KeyCode::Enter));
    let changes = persisted(&fx);
    let [StateChange::Note { note, add: true }] = changes.as_slice() else {
        panic!("{changes:?}")
    };
    assert_eq!(note.note, "ask the council");
    assert_eq!(note.paragraph, 1);
    assert_eq!(app.marks.notes[&id_hash(&id(2))].len(), 2);

    // Both are drawn in the text: the highlight in italics, the note underlined too (the
    // lede is in italics and the URL underlined anyway).
    let buffer = draw(&app);
    assert_eq!(
        marked(&buffer, Modifier::ITALIC),
        "Theledeofarticle2.ThecouncilmetonMonday.Residentssaidthedetouraddstwentyminutes."
    );
    assert_eq!(
        marked(&buffer, Modifier::UNDERLINED),
        "https://example.org/2Residentssaidthedetouraddstwentyminutes."
    );

    // H lists them; d deletes the selected one, which U brings back.
    send(&mut app, key('H'));
    assert_eq!(app.overlay, Overlay::Notes { selected: 0 });
    send(&mut app, key('j'));
    let fx = send(&mut app, key('d'));
    let changes = persisted(&fx);
    let [StateChange::Note { note, add: false }] = changes.as_slice() else {
        panic!("{changes:?}")
    };
    assert_eq!(note.note, "ask the council");
    let deleted = (**note).clone();
    assert_eq!(app.marks.notes[&id_hash(&id(2))].len(), 1);
    send(&mut app, code(KeyCode::Esc));
    // The runtime's undo answers with what it put back.
    let fx = send(&mut app, key('U'));
    assert!(fx.iter().any(|e| matches!(e, Effect::Undo)));
    let undone = folio::state::Undone {
        what: "delete note".into(),
        articles: 1,
        reverted: vec![folio::state::Reverted {
            id_hash: id_hash(&id(2)),
            target: Target::Note(Box::new(deleted)),
            on: true,
        }],
    };
    send(&mut app, Msg::Undone(Ok(Some(undone))));
    assert_eq!(app.marks.notes[&id_hash(&id(2))].len(), 2);
    assert!(
        status(&app).contains("Undid delete note"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_note_survives_rewrapping_and_is_drawn_at_any_width() {
    let mut state = StateSnapshot::default();
    let kept = note(2, "close the old bridge", "");
    state.notes.insert(id_hash(&id(2)), vec![kept]);
    let mut app = reading(state);
    for width in [100, 60, 44] {
        send(&mut app, Msg::Resize { width, height: 24 });
        assert_eq!(
            marked(&draw(&app), Modifier::ITALIC),
            "Theledeofarticle2.closetheoldbridge",
            "at {width} columns"
        );
    }
}

#[test]
fn a_note_is_found_again_after_the_article_was_edited() {
    let mut state = StateSnapshot::default();
    let moved = note(2, "close the old bridge", "");
    let edited = note(
        2,
        "Residents said the detour adds twenty minutes.",
        "source?",
    );
    state
        .notes
        .insert(id_hash(&id(2)), vec![moved.clone(), edited.clone()]);
    // The file now starts with an update, and the second paragraph's sentence was corrected.
    let changed = Article {
        paragraphs: vec![
            Paragraph::Text("Update: the vote is contested.".into()),
            Paragraph::Text(FIRST.into()),
            Paragraph::Text(SECOND.replace("twenty", "thirty")),
        ],
        ..story(2)
    };
    let setup = Setup {
        state,
        ..Setup::default()
    };
    let mut app = open_with(catalog(vec![changed], vec![]), setup, 100, 24);
    send(&mut app, code(KeyCode::Enter));
    let found: Vec<&str> = app
        .reader_notes()
        .iter()
        .map(|(_, f)| match f {
            folio::anchor::Found::Exact(_) => "exact",
            folio::anchor::Found::Moved(_) => "moved",
            folio::anchor::Found::Edited(_) => "edited",
            folio::anchor::Found::Gone => "gone",
        })
        .collect();
    assert_eq!(found, ["moved", "edited"]);
    assert_eq!(
        marked(&draw(&app), Modifier::UNDERLINED),
        "https://example.org/2Residentssaidthedetouraddsthirtyminutes.",
        "the corrected sentence carries the note"
    );
    assert!(
        marked(&draw(&app), Modifier::ITALIC).contains("closetheoldbridge"),
        "the highlight moved with its words"
    );
}

#[test]
fn the_notes_overlay_shows_a_passage_that_is_gone() {
    let mut state = StateSnapshot::default();
    let kept = note(2, "close the old bridge", "check the date");
    let gone = Note {
        quote: "The mayor resigned in protest.".into(),
        note: "was this retracted?".into(),
        prefix: "nothing like this".into(),
        suffix: "is in the text".into(),
        start: 200,
        end: 230,
        ..kept.clone()
    };
    state.notes.insert(id_hash(&id(2)), vec![kept, gone]);
    let mut app = reading(state);
    send(&mut app, key('H'));
    let screen = support::screen::render(&app, false);
    insta::assert_snapshot!("notes_overlay_with_a_gone_passage", screen);
    // Enter on the gone one says so rather than jumping nowhere.
    send(&mut app, key('j'));
    send(&mut app, code(KeyCode::Enter));
    assert!(status(&app).contains("gone"), "{}", status(&app));
}

/// The symbols of the cells drawn with `modifier`, blanks left out, row by row.
fn marked(buffer: &ratatui::buffer::Buffer, modifier: Modifier) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.modifier.contains(modifier) && cell.symbol().trim() != "" {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

fn draw(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(
        app.size.width,
        app.size.height,
    ))
    .unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

// --- the command line -------------------------------------------------------------------

#[test]
fn folio_notes_prints_imported_notes_and_is_noted_finds_their_articles() {
    let archive = support::cli::archive();
    let url = "https://wire.example/20230314/vienna-talks.html";
    let body = "Delegations arrived early.\n\nProgress on the corridor\n\nBoth sides agreed on inspections.";
    let quote = "Both sides agreed";
    let start = body.find(quote).unwrap();
    let passage = folio::anchor::capture(body, start..start + quote.len());
    let record = serde_json::json!({
        "id": url,
        "notes": [
            {"quote": quote, "note": "who \u{1b}[31mverifies?", "paragraph": 2,
             "start": passage.start, "end": passage.end,
             "prefix": passage.prefix, "suffix": passage.suffix, "created_at": 1700000000},
            {"quote": "a sentence since removed", "note": "", "start": 3, "end": 27}
        ]
    });
    let file = archive.cache.path().join("notes.jsonl");
    std::fs::write(&file, format!("{record}\n")).unwrap();
    let said = support::cli::stdout(
        support::cli::folio(archive.cache.path())
            .args(["state", "import"])
            .arg(&file),
    );
    assert!(said.contains("2 notes added"), "{said}");

    let json = support::cli::stdout(&mut archive.folio(&["notes", "", "--json"]));
    let notes = support::cli::json_lines(&json);
    assert_eq!(notes.len(), 2, "{json}");
    let kept = notes
        .iter()
        .find(|n| n["quote"] == quote)
        .expect("the note");
    assert_eq!(kept["url"], url);
    assert_eq!(kept["title"], "Talks resume in Vienna over grain corridor");
    assert_eq!(kept["date"], "2023-03-14");
    assert_eq!(
        kept["note"], "who ␛[31mverifies?",
        "no escape reaches the output"
    );
    assert_eq!(kept["paragraph"], 2);
    assert_eq!(kept["anchored"], true);
    let gone = notes
        .iter()
        .find(|n| n["quote"] != quote)
        .expect("the other");
    assert_eq!(gone["anchored"], false, "the removed sentence");
    assert_eq!(gone["found"], "gone");

    let text = support::cli::stdout(&mut archive.folio(&["notes"]));
    assert!(
        text.contains("2023-03-14  Talks resume in Vienna"),
        "{text}"
    );
    assert!(text.contains("“Both sides agreed”  who"), "{text}");
    assert!(text.contains("(highlight)  [passage gone]"), "{text}");

    // A query narrows the notes to the articles it finds.
    let none = archive.folio(&["notes", "lisbon"]).assert().code(1);
    assert!(none.get_output().stdout.is_empty());

    let found = support::cli::stdout(&mut archive.folio(&["search", "is:noted", "--json"]));
    let rows = support::cli::json_lines(&found);
    assert_eq!(rows.len(), 1, "{found}");
    assert_eq!(rows[0]["url"], url);
    let others = support::cli::stdout(&mut archive.folio(&["search", "--json", "--", "-is:noted"]));
    assert_eq!(support::cli::json_lines(&others).len(), 2, "{others}");

    // `is:noted` means the same in every command that takes a query.
    let said = support::cli::stdout(&mut archive.folio(&["label", "+checked", "is:noted"]));
    assert!(said.contains("changed 1 of 1 matching article"), "{said}");
    let labelled = support::cli::stdout(&mut archive.folio(&["search", "label:checked", "--json"]));
    let rows = support::cli::json_lines(&labelled);
    assert_eq!(rows.len(), 1, "{labelled}");
    assert_eq!(rows[0]["url"], url);
}

#[test]
fn hostile_note_text_never_reaches_the_terminal_as_a_control_sequence() {
    let mut state = StateSnapshot::default();
    let hostile = Note {
        quote: "close the old\u{1b}]52;c;cGF5bG9hZA==\u{7} bridge".into(),
        note: "\u{1b}[2J\u{202e}evil\u{9b}31m".into(),
        ..note(2, "close the old bridge", "")
    };
    state.notes.insert(id_hash(&id(2)), vec![hostile]);
    let mut app = reading(state);
    send(&mut app, key('H'));
    let buffer = draw(&app);
    for cell in buffer.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{:?} reached the screen",
            cell.symbol()
        );
    }
    let screen = support::screen::render(&app, false);
    assert!(screen.contains("evil"), "{screen}");
}

#[test]
fn enter_in_the_notes_overlay_scrolls_the_reader_to_the_passage() {
    let long = support::articles::long(2, day(2022, 1, 5), "Alpha");
    let text = folio::anchor::text_of(&long.paragraphs);
    let quote = "Paragraph 35 of article 2.";
    let start = text[..text.find(quote).unwrap()].chars().count();
    let passage = folio::anchor::capture(&text, start..start + quote.len());
    let far = Note {
        quote: quote.into(),
        note: "far down".into(),
        paragraph: 35,
        start: passage.start as u32,
        end: passage.end as u32,
        prefix: passage.prefix,
        suffix: passage.suffix,
        ..note(2, "x", "")
    };
    let mut state = StateSnapshot::default();
    state.notes.insert(id_hash(&id(2)), vec![far]);
    let setup = Setup {
        state,
        ..Setup::default()
    };
    let mut app = open_with(catalog(vec![long], vec![]), setup, 100, 24);
    send(&mut app, code(KeyCode::Enter));
    let shown = |app: &App| -> String {
        let lines = app.reader.visible().iter();
        lines.map(|l| l.text.clone()).collect::<Vec<_>>().join(" ")
    };
    assert!(!shown(&app).contains(quote));
    send(&mut app, key('H'));
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert!(shown(&app).contains("Paragraph 35"), "{}", shown(&app));
    assert!(
        marked(&draw(&app), Modifier::UNDERLINED).contains("Paragraph35ofarticle2."),
        "the passage is drawn as noted"
    );
}
