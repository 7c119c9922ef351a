//! Running whole programs and reading folders, shared by the benches that compare `folio`
//! processes with their peers.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs `cmd` to the end and returns what it printed. `folio search` and `rg` exit 1 for "no
/// match", which is a result, not a failure.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!("{cmd:?} failed with {}", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Every file under `dir`, sorted, so runs read them in the same order.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => files.push(entry.path()),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files
}

/// The bytes of the files under `dir` (following a symlinked `dir` itself).
pub fn folder_bytes(dir: &Path) -> u64 {
    files(dir)
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// A content word from the newest titles that `list` prints as JSON lines: long enough not to
/// be a stop word, plain ASCII so ripgrep's case folding and folio's agree.
pub fn pick_word(list: &mut Command) -> Result<String, String> {
    let out = run(list)?;
    let mut words: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["title"].as_str().map(str::to_string))
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    words.sort();
    words.dedup();
    words
        .into_iter()
        .next()
        .ok_or_else(|| "no ASCII word of six letters in the newest titles".to_string())
}
