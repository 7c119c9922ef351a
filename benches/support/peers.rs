//! The peers folio is compared with in the same run (ripgrep, fzf, newsboat), run as whole
//! processes: wall time and the peak resident memory of that one process.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One run of a program.
pub struct Timed {
    pub wall: Duration,
    /// Peak resident set of the process, in kB (`ru_maxrss` from `wait4`).
    pub max_rss: u64,
    pub stdout: String,
}

/// Whether `program` runs; if not, says how to install it, and the bench goes on without it.
pub fn installed(program: &str, package: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        eprintln!(
            "{program} is not installed, so it is left out of the comparison: \
             `apt-get install -y {package}` adds it"
        );
    }
    found
}

/// Runs `cmd` to the end, timing it. Exit status 1 is "nothing found" for rg and fzf: a
/// result, not a failure.
pub fn timed(cmd: &mut Command) -> Result<Timed, String> {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let mut stdout = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout)
            .map_err(|e| format!("cannot read what {cmd:?} printed: {e}"))?;
    }
    // wait4 rather than `Child::wait`, for the rusage of this child alone.
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own unreaped child; `status` and `usage` are valid to write into.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if waited != pid {
        return Err(format!(
            "cannot wait for {cmd:?}: {}",
            std::io::Error::last_os_error()
        ));
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("{cmd:?} failed (wait status {status})"));
    }
    Ok(Timed {
        wall,
        max_rss: u64::try_from(usage.ru_maxrss).unwrap_or(0),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
    })
}

/// The run with the median wall time of `runs`, after one untimed run that warms the page
/// cache.
pub fn median(runs: usize, mut f: impl FnMut() -> Result<Timed, String>) -> Result<Timed, String> {
    f()?;
    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        all.push(f()?);
    }
    all.sort_by_key(|t| t.wall);
    let middle = all.len() / 2;
    all.into_iter()
        .nth(middle)
        .ok_or_else(|| "no run was timed".to_string())
}

pub fn rg(flag: &str, word: &str, archive: &Path) -> Result<Timed, String> {
    timed(
        Command::new("rg")
            .args(["-i", flag, word])
            .arg(archive)
            .env_remove("RIPGREP_CONFIG_PATH"),
    )
}

/// `fzf --filter WORD` over `titles`, one title a line, read from a file so fzf is timed
/// alone.
pub fn fzf(word: &str, titles: &Path) -> Result<Timed, String> {
    let input = std::fs::File::open(titles)
        .map_err(|e| format!("cannot read {}: {e}", titles.display()))?;
    timed(Command::new("fzf").args(["--filter", word]).stdin(input))
}

/// newsboat with its urls file, cache and an empty config in `dir`, and its home there too, so
/// nothing of the user's newsboat is read or written.
pub fn newsboat(dir: &Path, urls: &Path, action: &[&str]) -> Result<Timed, String> {
    let config = dir.join("config");
    if !config.exists() {
        std::fs::write(&config, b"")
            .map_err(|e| format!("cannot write {}: {e}", config.display()))?;
    }
    timed(
        Command::new("newsboat")
            .arg("-u")
            .arg(urls)
            .arg("-c")
            .arg(dir.join("cache.db"))
            .arg("-C")
            .arg(&config)
            .args(action)
            .env("HOME", dir)
            .stdin(Stdio::null()),
    )
}
