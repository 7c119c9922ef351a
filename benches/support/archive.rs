//! The archives every benchmark reads: which sizes to run, where the work folder is, and the
//! generated archive of each size, made once and reused by every bench and every run.
//! (`#[path]`-included by each bench, so each bench crate compiles its own copy.)

use std::path::{Path, PathBuf};

use folio::generate::{GenerateOptions, generate};

/// The sizes (article counts) named on the command line, else `default`. Cargo passes its own
/// flags (`--bench`) too; anything that is not a number is theirs.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        default.to_vec()
    } else {
        sizes
    }
}

/// `target/folio-bench/`: archives, indexes and peers' files, kept between runs.
pub fn work_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/folio-bench")
}

/// The archive of `n` articles (seed 1), generated the first time. `archive-N.complete` marks
/// a finished generation, so an interrupted one is started again rather than half-used.
pub fn archive(n: usize) -> Result<PathBuf, String> {
    let work = work_dir();
    let archive = work.join(format!("archive-{n}"));
    let done = work.join(format!("archive-{n}.complete"));
    if !done.exists() {
        eprintln!("generating {n} articles into {}", archive.display());
        // Removes a symlink itself, never what it points to.
        let _ = std::fs::remove_dir_all(&archive);
        let options = GenerateOptions {
            count: n,
            seed: 1,
            ..GenerateOptions::default()
        };
        generate(&archive, &options, &mut |_| {})
            .map_err(|e| format!("generating {}: {e}", archive.display()))?;
        std::fs::write(&done, b"").map_err(|e| format!("writing {}: {e}", done.display()))?;
    }
    Ok(archive)
}
