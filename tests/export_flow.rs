//! The export key (`E`) and the pipe key (`|`) in the app: the prompt and what Enter asks
//! of the runtime, the runtime's own work done as it does it (`folio::tui::export::run`,
//! `folio::tui::pipe::run`), the answers on screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, ExportFailure, Exported, Msg, Overlay};
use folio::config::Config;
use folio::export::{Format, NoResearch};

mod support;
use support::app::{Setup, code, key, open, open_with, status};
use support::articles::{article, catalog, day};
use support::drive::send;
use support::screen::render;

fn articles() -> Vec<folio::article::Article> {
    (0..6)
        .map(|n| {
            article(
                n,
                day(2022, 1, 10 + n as u32),
                if n % 2 == 0 { "Wire" } else { "Post" },
                "Grain.",
            )
        })
        .collect()
}

fn app() -> App {
    open(catalog(articles(), Vec::new()), 100, 30)
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, key(c));
    }
}

fn prompt_text(app: &App) -> String {
    match &app.overlay {
        Overlay::Export(prompt) => prompt.text.clone(),
        other => panic!("no export prompt: {other:?}"),
    }
}

/// Types `name` in the export prompt and presses Enter; the request the app made.
fn export_as(app: &mut App, name: &str) -> Option<folio::app::ExportRequest> {
    send(app, key('E'));
    send(app, ctrl('u'));
    type_text(app, name);
    send(app, code(KeyCode::Enter))
        .into_iter()
        .find_map(|e| match e {
            Effect::Export(request) => Some(*request),
            _ => None,
        })
}

#[test]
fn the_export_key_offers_a_dated_csv_name_and_esc_cancels() {
    let mut app = app();
    send(&mut app, key('E'));
    let name = prompt_text(&app);
    let stamp = name
        .strip_prefix("folio-export-")
        .and_then(|s| s.strip_suffix(".csv"))
        .unwrap_or_else(|| panic!("{name}"));
    assert!(
        stamp.len() == 13 && stamp.chars().filter(|c| c.is_ascii_digit()).count() == 12,
        "{name}"
    );
    assert!(render(&app, false).contains(&format!("Export all 6 articles to: {name}█")));
    send(&mut app, code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn enter_exports_what_the_list_shows_in_the_format_the_name_says() {
    let mut app = app();
    // One source only: the list shows three articles.
    send(&mut app, key('f'));
    send(&mut app, key('j'));
    send(&mut app, code(KeyCode::Enter));
    let request = export_as(&mut app, "out/refs.RIS").expect("an export");
    assert_eq!(request.format, Format::Ris);
    assert_eq!(request.entries.len(), 3);
    assert!(!request.replace);
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        status(&app).contains("exporting 3 articles shown to out/refs.RIS"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_name_without_a_known_extension_is_said_and_the_prompt_stays() {
    let mut app = app();
    assert!(export_as(&mut app, "notes.txt").is_none());
    assert_eq!(prompt_text(&app), "notes.txt");
    let said = status(&app);
    assert!(
        said.contains("Cannot tell the format from \"notes.txt\"") && said.contains(".ris"),
        "{said}"
    );
}

#[test]
fn the_file_is_written_and_its_count_and_path_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("all.csv");
    let mut app = app();
    let request = export_as(&mut app, path.to_str().unwrap()).expect("an export");
    let exported = folio::tui::export::run(request, &NoResearch);
    send(&mut app, Msg::Exported(Box::new(exported)));
    assert_eq!(
        status(&app),
        format!("Exported 6 articles to {}", path.display())
    );
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Article 5",
            "Article 4",
            "Article 3",
            "Article 2",
            "Article 1",
            "Article 0"
        ]
    );
}

#[test]
fn a_file_that_exists_is_replaced_only_on_a_second_enter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.md");
    std::fs::write(&path, "my notes").unwrap();
    let mut app = app();
    let request = export_as(&mut app, path.to_str().unwrap()).expect("an export");
    let exported = folio::tui::export::run(request, &NoResearch);
    assert_eq!(exported.result, Err(ExportFailure::Exists));
    send(&mut app, Msg::Exported(Box::new(exported)));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes");
    assert!(
        status(&app).contains("already exists: Enter replaces it"),
        "{}",
        status(&app)
    );
    assert!(render(&app, false).contains("(exists: Enter replaces it)"));
    let again = send(&mut app, code(KeyCode::Enter))
        .into_iter()
        .find_map(|e| match e {
            Effect::Export(r) => Some(*r),
            _ => None,
        })
        .expect("a second export");
    assert!(again.replace);
    let exported = folio::tui::export::run(again, &NoResearch);
    assert!(exported.result.is_ok(), "{exported:?}");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("| Date | Source | Title |")
    );
}

#[test]
fn an_unwritable_place_is_said_in_words() {
    let mut app = app();
    send(
        &mut app,
        Msg::Exported(Box::new(Exported {
            typed: "x.csv".into(),
            result: Err(ExportFailure::Failed(
                "cannot write /nope/x.csv: the folder does not exist".into(),
            )),
        })),
    );
    assert_eq!(
        status(&app),
        "Nothing exported: cannot write /nope/x.csv: the folder does not exist."
    );
    assert_eq!(app.overlay, Overlay::None);
}

fn with_pipe(command: &[&str]) -> App {
    let mut config = Config::defaults(true);
    let words: Vec<String> = command.iter().map(|w| format!("{w:?}")).collect();
    config
        .apply_user(&format!("[pipe]\ncommand = [{}]\n", words.join(", ")), true)
        .expect("a valid [pipe]");
    let setup = Setup {
        config,
        ..Setup::default()
    };
    open_with(catalog(articles(), Vec::new()), setup, 100, 30)
}

fn pipe(app: &mut App) -> folio::app::PipeRequest {
    send(app, key('|'))
        .into_iter()
        .find_map(|e| match e {
            Effect::Pipe(r) => Some(*r),
            _ => None,
        })
        .expect("a pipe request")
}

#[test]
fn the_pipe_runs_the_command_on_the_article_and_shows_what_it_printed() {
    // $1 is the title as one argument; the article's text comes on standard input.
    let mut app = with_pipe(&[
        "sh",
        "-c",
        "echo \"got: $1\"; head -n 1; exit 4",
        "sh",
        "{title} {date}",
    ]);
    send(&mut app, key('j'));
    let request = pipe(&mut app);
    assert_eq!(status(&app), "running sh on \"Article 4\"…");
    let output = folio::tui::pipe::run(&request);
    send(&mut app, Msg::Piped(Box::new(output)));
    let Overlay::Output(pane) = &app.overlay else {
        panic!("no output pane: {:?}", app.overlay);
    };
    assert_eq!(pane.title, "sh: exited with status 4");
    assert_eq!(pane.lines, ["got: Article 4 2022-01-14", "Article 4"]);
    let screen = render(&app, false);
    assert!(
        screen.contains("sh: exited with status 4 (j/k scroll, Esc closes)"),
        "{screen}"
    );
    send(&mut app, code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn a_quiet_command_is_a_status_line_and_none_set_says_how_to_set_one() {
    let mut app = with_pipe(&["true", "{url}"]);
    let request = pipe(&mut app);
    send(
        &mut app,
        Msg::Piped(Box::new(folio::tui::pipe::run(&request))),
    );
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(status(&app), "true ran on \"Article 5\"");

    let mut app = self::app();
    assert!(
        send(&mut app, key('|'))
            .iter()
            .all(|e| !matches!(e, Effect::Pipe(_)))
    );
    assert!(
        status(&app).contains("No pipe command set: add [pipe] command"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_pipe_with_an_unknown_placeholder_is_refused_at_load() {
    let err = Config::defaults(true)
        .apply_user("[pipe]\ncommand = [\"echo\", \"{author}\"]\n", true)
        .unwrap_err();
    assert!(err.contains("{author}"), "{err}");
}

#[test]
fn the_prompt_and_the_output_pane_on_screen() {
    let mut app = open(catalog(articles(), Vec::new()), 80, 20);
    send(&mut app, key('E'));
    send(&mut app, ctrl('u'));
    type_text(&mut app, "~/exports/grain.bib");
    insta::assert_snapshot!("export_prompt", render(&app, false));
    send(&mut app, code(KeyCode::Esc));
    send(
        &mut app,
        Msg::Piped(Box::new(folio::app::PipeOutput {
            program: "wc".into(),
            runs: vec![folio::app::PipeRun {
                title: "Article 5".into(),
                ok: false,
                outcome: "exited with status 1".into(),
                output: "wc: invalid option -- 'z'\nTry 'wc --help' for more information.\n".into(),
            }],
        })),
    );
    insta::assert_snapshot!("pipe_output", render(&app, false));
}

#[test]
fn the_name_prompt_takes_every_printable_key_and_backspace() {
    let mut app = app();
    send(&mut app, key('E'));
    send(&mut app, ctrl('u'));
    // Keys the keymap binds elsewhere (q quits, E exports, | pipes, / searches) are typed.
    type_text(&mut app, "q/E|?~ é東.csv");
    assert_eq!(prompt_text(&app), "q/E|?~ é東.csv");
    send(&mut app, code(KeyCode::Backspace));
    assert_eq!(prompt_text(&app), "q/E|?~ é東.cs");
    assert!(!app.quitting);
}

#[test]
fn the_help_lists_both_keys() {
    let mut app = open(catalog(articles(), Vec::new()), 100, 90);
    send(&mut app, key('?'));
    let screen = render(&app, false);
    for line in [
        "E ",
        "export the results to a file",
        "| ",
        "pipe the article to a command",
    ] {
        assert!(screen.contains(line), "{line:?} in\n{screen}");
    }
}

#[test]
fn nothing_is_exported_while_the_count_is_pending_or_from_an_empty_list() {
    let mut app = app();
    send(&mut app, key('/'));
    type_text(&mut app, "grain");
    send(&mut app, code(KeyCode::Enter));
    // The search worker has not answered: the results are not all known.
    send(&mut app, key('E'));
    assert_eq!(app.overlay, Overlay::None);
    assert!(status(&app).contains("still counting"), "{}", status(&app));

    let mut empty = open(catalog(Vec::new(), Vec::new()), 100, 30);
    send(&mut empty, key('E'));
    assert_eq!(empty.overlay, Overlay::None);
    assert_eq!(status(&empty), "Nothing to export: the list is empty.");
}

/// Several articles (the marked rows, once there are marks): one section per run, and the
/// pane's title counts the failures.
#[test]
fn runs_on_several_articles_are_shown_one_after_the_other() {
    let mut app = app();
    let run = |title: &str, ok: bool, outcome: &str, output: &str| folio::app::PipeRun {
        title: title.into(),
        ok,
        outcome: outcome.into(),
        output: output.into(),
    };
    send(
        &mut app,
        Msg::Piped(Box::new(folio::app::PipeOutput {
            program: "tool".into(),
            runs: vec![
                run("Article 5", true, "done", "saved\n"),
                run("Article 4", false, "exited with status 2", ""),
            ],
        })),
    );
    let Overlay::Output(pane) = &app.overlay else {
        panic!("no output pane: {:?}", app.overlay);
    };
    assert_eq!(pane.title, "tool: 1 of 2 runs failed");
    assert_eq!(
        pane.lines,
        [
            "── Article 5 (done)",
            "saved",
            "",
            "── Article 4 (exited with status 2)",
            "(no output)"
        ]
    );
}

/// The titles of a request's entries, in its order.
fn titles_of(app: &App, entries: &[folio::catalog::Entry]) -> Vec<String> {
    entries
        .iter()
        .filter_map(|e| app.catalog().row(e))
        .map(|r| r.title)
        .collect()
}

#[test]
fn export_acts_on_the_marked_rows_when_rows_are_marked() {
    let mut app = app();
    // Mark the newest row and the third (x moves down).
    send(&mut app, key('x'));
    send(&mut app, key('j'));
    send(&mut app, key('x'));
    send(&mut app, key('E'));
    let screen = render(&app, false);
    assert!(screen.contains("Export 2 marked articles to: "), "{screen}");
    send(&mut app, code(KeyCode::Esc));
    let request = export_as(&mut app, "marked.csv").expect("an export");
    assert_eq!(
        titles_of(&app, &request.entries),
        ["Article 5", "Article 3"]
    );
    assert!(
        status(&app).contains("exporting 2 marked articles to marked.csv"),
        "{}",
        status(&app)
    );
    // Unmarked again: the whole list.
    send(&mut app, ctrl('x'));
    let request = export_as(&mut app, "all.csv").expect("an export");
    assert_eq!(request.entries.len(), 6);
}

#[test]
fn the_pipe_runs_on_the_marked_rows_when_rows_are_marked() {
    let mut app = with_pipe(&["true", "{url}"]);
    send(&mut app, key('x'));
    send(&mut app, key('x'));
    let request = pipe(&mut app);
    assert_eq!(
        titles_of(&app, &request.entries),
        ["Article 5", "Article 4"]
    );
    assert_eq!(status(&app), "running true on 2 marked articles…");
    send(&mut app, ctrl('x'));
    let request = pipe(&mut app);
    assert_eq!(request.entries.len(), 1);
}
