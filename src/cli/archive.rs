//! Finding the archive a command is about and bringing its index up to date.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;

use super::progress_line::ProgressLine;
use crate::progress::{Phase, Progress};
use crate::sanitize::sanitize;
use crate::store::{Snapshot, Store, StoreError, StoreOptions};

/// An archive ready to answer: its store and the snapshot after the sync.
pub struct Opened {
    pub store: Store,
    pub snapshot: Arc<Snapshot>,
}

/// `folio [PATH...]`: the reader, on the given folders or the bundled demo archive.
pub fn open_reader(
    paths: Vec<PathBuf>,
    cache: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    config: Option<PathBuf>,
) -> anyhow::Result<i32> {
    let roots = roots_or_seeds(paths)?;
    check_roots(&roots)?;
    let store = StoreOptions::resolve(cache)?;
    let data_dir = crate::state::data_dir(data_dir.as_deref())?;
    crate::tui::run(crate::tui::TuiOptions {
        roots,
        store,
        data_dir,
        config,
    })?;
    Ok(super::EXIT_OK)
}

/// `folio --remote URL|FILE`: the reader on a shared archive. The archive is opened (and its
/// timeline read) before the terminal is taken over, so an address nobody answers at is an
/// error on the command line, naming it.
pub fn open_remote_reader(
    remote: &str,
    timeout: Duration,
    data_dir: Option<PathBuf>,
    config: Option<PathBuf>,
) -> anyhow::Result<i32> {
    let (_, archive) = super::remote::open(remote, timeout)?;
    let data_dir = crate::state::data_dir(data_dir.as_deref())?;
    crate::tui::run_remote(crate::tui::RemoteTuiOptions {
        archive: Arc::new(archive),
        data_dir,
        config,
    })?;
    Ok(super::EXIT_OK)
}

/// How a command brings the index up to date before answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    /// `--no-sync`: the index as it is.
    None,
    /// A plain command: only the folders whose modification time changed are listed.
    ChangedFolders,
    /// `--sync full`: every file is looked at.
    Full,
}

pub fn open(paths: Vec<PathBuf>, cache: Option<PathBuf>, how: Sync) -> anyhow::Result<Opened> {
    let roots = roots_or_seeds(paths)?;
    check_roots(&roots)?;
    let options = StoreOptions::resolve(cache)?;
    let store = if how == Sync::None {
        Store::open_existing(&roots, &options)?
    } else {
        let store = Store::open(&roots, &options)?;
        sync(&store, how)?;
        store
    };
    Ok(Opened {
        snapshot: store.current(),
        store,
    })
}

/// Syncs with a progress line on stderr when a person is watching it.
fn sync(store: &Store, how: Sync) -> anyhow::Result<()> {
    let mut line = ProgressLine::new();
    let mut update = |p: &Progress| {
        if p.phase != Phase::Done {
            line.draw(|| progress_text(p));
        }
    };
    let report = if how == Sync::Full {
        store.sync_full(&mut update)
    } else {
        store.sync_changed_folders(&mut update)
    };
    line.clear();
    let report = match report {
        Ok(report) => report,
        // Another folio is indexing this archive: its last commit is still a good answer.
        Err(e @ StoreError::Busy { .. }) => {
            eprintln!(
                "folio: {}; answering from the index as it is",
                sanitize(&e.to_string())
            );
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(why) = &report.rebuilt
        && (line.visible || !why.starts_with(crate::store::FIRST_INDEX))
    {
        eprintln!("folio: {}", sanitize(why));
    }
    Ok(())
}

/// What the sync's progress line says.
fn progress_text(p: &Progress) -> String {
    match (p.phase, p.to_index) {
        (Phase::Scanning, _) | (_, None) => format!("scanning: {} files", p.files_seen),
        (_, Some(total)) => format!(
            "indexing: {}/{} files, {} problems",
            p.indexed, total, p.problems
        ),
    }
}

pub fn roots_or_seeds(paths: Vec<PathBuf>) -> anyhow::Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    Ok(vec![bundled_seeds()?])
}

/// The demo archive: next to the crate when run from a checkout, else installed beside the
/// binary (`<prefix>/bin/folio` and `<prefix>/share/folio/seeds`).
pub fn bundled_seeds() -> anyhow::Result<PathBuf> {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    if checkout.is_dir() {
        return Ok(checkout);
    }
    let installed = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("share/folio/seeds")));
    match installed {
        Some(dir) if dir.is_dir() => Ok(dir),
        _ => bail!(
            "cannot find the bundled demo archive (seeds/) next to folio; \
             name a folder of articles instead, e.g. `folio list ~/archive`"
        ),
    }
}

fn check_roots(roots: &[PathBuf]) -> anyhow::Result<()> {
    for root in roots {
        if let Err(e) = std::fs::metadata(root) {
            let shown = sanitize(&root.to_string_lossy()).into_owned();
            if e.kind() == std::io::ErrorKind::NotFound {
                bail!(
                    "cannot open {shown}: there is no such folder. Check the path and try again."
                );
            }
            bail!("cannot open {shown}: {e}. Check that it exists and is readable.");
        }
    }
    Ok(())
}
