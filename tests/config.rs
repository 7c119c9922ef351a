//! Config files as users write them: every file in `tests/fixtures/config/valid/` loads (the
//! README's example among them), every file in `invalid/` is refused with a message that names
//! what is wrong, never a panic.

use std::path::{Path, PathBuf};

use folio::config::Config;

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
