//! `kill -9` during an incremental update never loses a file nor counts one twice: the next
//! plain command repairs the index. The folder record (`folders.bin`) is written only after
//! the index has committed, so a killed update leaves the old record, whose folder times no
//! longer match: the next command lists those folders again and indexes what is missing.

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use support::archive::Folder;
use support::cli::{archive, stdout};

/// Writes `count` articles about grain named `NAME-N.txt` into `folder` of the archive.
fn write_burst(archive: &Folder, folder: &str, name: &str, count: usize) {
    for n in 0..count {
        archive.write_seed(
            &format!("{folder}/{name}-{n}.txt"),
            "2023-06",
            &format!("https://burst.example/20230601/{name}-{n}.html"),
            &format!("Grain burst {name} number {n}"),
            "A lede... 01.06.2023, Burst Wire",
            "A body about the grain harvest.",
        );
    }
}

/// What a plain `folio search --count grain` answers (with `flags`).
fn count(archive: &Folder, flags: &[&str]) -> usize {
    let mut args = vec!["search", "--count"];
    args.extend(flags);
    args.push("grain");
    let text = stdout(&mut archive.folio(&args));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("a count, not {text:?}"))
}

/// Starts a plain `folio search --count grain` and kills it with SIGKILL after `delay`;
/// returns whether it was still running then.
fn kill_after(archive: &Folder, delay: Duration) -> bool {
    let program = assert_cmd::cargo::cargo_bin("folio");
    let mut child = std::process::Command::new(program)
        .env("FOLIO_CACHE_DIR", archive.cache.path())
        .env("FOLIO_DATA_DIR", archive.cache.path().join("data"))
        .env_remove("HOME")
        .args(["search", "--count", "grain"])
        .arg(archive.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    // SIGKILL: `Child::kill` sends it on Unix.
    let _ = child.kill();
    child.wait().unwrap();
    running
}

#[test]
fn kill_9_during_an_incremental_update_loses_nothing_and_counts_nothing_twice() {
    let archive = archive();
    // `archive()` writes two articles that mention grain.
    let mut expected = 2;
    write_burst(&archive, "wire", "base", 20);
    expected += 20;
    assert_eq!(count(&archive, &[]), expected);

    // How long an uninterrupted update of one burst takes, to kill the others inside theirs.
    let started = Instant::now();
    write_burst(&archive, "wire", "timed", 300);
    expected += 300;
    assert_eq!(count(&archive, &[]), expected);
    let whole = started.elapsed();

    let mut killed_running = 0;
    for (i, tenths) in [1u32, 3, 5, 7, 9, 2, 6, 8].into_iter().enumerate() {
        // Into a known folder (the plain command lists it alone) or a new one (it walks).
        let folder = if i % 2 == 0 {
            "wire".to_string()
        } else {
            format!("new/{i}")
        };
        write_burst(&archive, &folder, &format!("kill{i}"), 300);
        expected += 300;
        killed_running += usize::from(kill_after(&archive, whole * tenths / 10));
        // The next plain command sees every file once.
        assert_eq!(count(&archive, &[]), expected, "after kill {i}");
        assert_eq!(count(&archive, &["--no-sync"]), expected, "after kill {i}");
    }
    eprintln!("{killed_running} of 8 kills landed while the command ran (update: {whole:?})");
    assert!(killed_running > 0, "every kill came after the update ended");
    assert_eq!(count(&archive, &["--sync", "full"]), expected);
    // Every article listed once: no path indexed twice.
    let listed = stdout(&mut archive.folio(&["list", "--no-sync"]));
    let mut lines: Vec<&str> = listed.lines().collect();
    let all = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), all, "a line listed twice");
    // The one article of `archive()` that does not mention grain, and the rest.
    assert_eq!(all, expected + 1);
}
