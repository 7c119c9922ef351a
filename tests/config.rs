//! Config files as users write them: every file in `tests/fixtures/config/valid/` loads (the
//! README's example among them), every file in `invalid/` is refused with a message that names
//! what is wrong, never a panic.

use std::path::{Path, PathBuf};

use folio::config::{Action, Config, Context};
use ratatui::style::{Color, Modifier};

fn files(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the fixture folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

#[test]
fn valid_files_load() {
    for file in files("valid") {
        if let Err(e) = Config::load(Some(&file)) {
            panic!("{} should load: {e}", file.display());
        }
    }
}

#[test]
fn the_readme_example_takes_effect() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config/valid/readme_example.toml");
    let config = Config::load(Some(&file)).expect("the README's example loads");
    assert_eq!(config.layout.max_width, 72);
    assert_ne!(
        config.theme,
        Config::defaults(false).theme,
        "the heading style changed"
    );
}

#[test]
fn invalid_files_are_refused_with_a_reason() {
    for file in files("invalid") {
        match Config::load(Some(&file)) {
            Ok(_) => panic!("{} should be refused", file.display()),
            Err(e) => assert!(!e.to_string().trim().is_empty(), "{}", file.display()),
        }
    }
}

/// A typo in config.toml stops folio before the terminal is touched, with the toml crate's
/// report kept on several lines: the file, the line and column, the line with a caret under
/// the fault, and what to do about it.
#[test]
fn a_file_that_is_not_toml_is_reported_on_several_lines_with_what_to_do() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[layout]\nmax_width = 72\njustify = yes\n").expect("written");
    let output = assert_cmd::Command::cargo_bin("folio")
        .expect("the binary")
        .env("FOLIO_CACHE_DIR", dir.path().join("cache"))
        .env("FOLIO_DATA_DIR", dir.path().join("data"))
        .arg("--config")
        .arg(&config)
        .arg(dir.path())
        .output()
        .expect("folio runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.len() >= 5, "a report on several lines:\n{stderr}");
    assert!(lines[0].contains(&config.display().to_string()), "{stderr}");
    assert!(stderr.contains("line 3, column 11"), "{stderr}");
    assert!(
        lines.iter().any(|l| l.contains("3 | justify = yes")),
        "the line itself:\n{stderr}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with('|') && l.contains('^')),
        "a caret under the fault:\n{stderr}"
    );
    assert!(stderr.contains("move it aside"), "{stderr}");
}

/// A user's row without `desc` says what the default row for the action says, in the help
/// overlay and the hint bar alike (both read `Binding::desc`); a row for an action in a new
/// context borrows the description of the action's row elsewhere.
#[test]
fn rows_without_a_description_keep_the_actions_own() {
    let mut config = Config::defaults(false);
    let user = r#"
        [[keys]]
        keys = ["x"]
        action = "toggle_star"
        context = "global"

        [[keys]]
        keys = ["O"]
        action = "open_url"
        desc = "  "
        context = "reader"
    "#;
    config.apply_user(user, false).expect("the file is valid");
    let desc = |context: Context, action: Action| {
        config
            .keymap
            .bindings()
            .iter()
            .find(|b| b.context == context && b.action == action)
            .map(|b| b.desc.clone())
    };
    assert_eq!(
        desc(Context::Global, Action::ToggleStar).as_deref(),
        Some("star / unstar")
    );
    assert_eq!(
        desc(Context::Reader, Action::OpenUrl).as_deref(),
        Some("open in the browser")
    );
    for b in config.keymap.bindings() {
        assert!(
            !b.desc.trim().is_empty(),
            "{:?} has no description",
            b.action
        );
    }
}

/// A `[theme]` entry changes only what it names: recolouring the heading keeps its bold.
#[test]
fn theme_entries_keep_what_they_leave_out() {
    let mut config = Config::defaults(false);
    config
        .apply_user("[theme]\nheading = { fg = \"red\" }", false)
        .expect("the file is valid");
    let heading = config.theme.heading;
    assert_eq!(heading.fg, Some(Color::Red));
    assert!(heading.add_modifier.contains(Modifier::BOLD), "{heading:?}");
    config
        .apply_user("[theme]\nheading = { modifiers = [] }", false)
        .expect("the file is valid");
    assert_eq!(config.theme.heading.fg, Some(Color::Red));
    assert!(config.theme.heading.add_modifier.is_empty());
}
