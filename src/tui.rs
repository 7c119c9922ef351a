//! The runtime around the pure app: terminal setup and restoration, the input and signal
//! threads, the workers, and the event loop that drains messages, updates, runs effects and
//! draws.

mod article_check;
mod browser;
pub mod cluster_safe;
mod concordance;
pub mod event_loop;
pub mod export;
pub mod input;
mod perform;
pub mod pipe;
pub mod saved_counts;
pub mod search_worker;
mod serve;
pub mod signals;
pub mod terminal;
mod watch;
mod workers;

use std::path::PathBuf;

use crate::store::StoreOptions;

/// What `folio [PATH...]` needs to open the reader.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    /// Archive folders.
    pub roots: Vec<PathBuf>,
    pub store: StoreOptions,
    /// Where the reading state database lives.
    pub data_dir: PathBuf,
    /// A config file given on the command line (else the XDG one, if any).
    pub config: Option<PathBuf>,
}

/// Opens the archive and runs the reader until the user quits.
pub fn run(options: TuiOptions) -> anyhow::Result<()> {
    event_loop::run(options)
}

/// What `folio --remote URL` needs to open the reader on a shared archive.
pub struct RemoteTuiOptions {
    /// Opened already, so that an address nobody answers at fails before the terminal is
    /// taken over.
    pub archive: std::sync::Arc<crate::remote::RemoteArchive>,
    pub data_dir: PathBuf,
    pub config: Option<PathBuf>,
}

/// Runs the reader on a shared archive until the user quits.
pub fn run_remote(options: RemoteTuiOptions) -> anyhow::Result<()> {
    event_loop::run_remote(options)
}
