//! Looks at the displayed article's file for the app (`Effect::CheckFile`), off the UI
//! thread: a `stat` on a network mount can hang, and the screen must not.

use std::path::PathBuf;

use crossbeam_channel::Sender;

use super::serve::{Pending, newest, serve};

use crate::app::{FileCheck, FileStamp, Msg};

pub struct CheckRequest {
    pub generation: u64,
    pub path: PathBuf,
}

/// The stamp of the file at `path` now; `None` when it is gone or no longer a file.
pub fn stamp(path: &std::path::Path) -> Option<FileStamp> {
    std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| FileStamp::of(&m))
}

/// Checks files on request; requests queued behind a slow check are merged into the newest.
pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Msg) -> M) -> Sender<CheckRequest> {
    serve(newest, move |request: CheckRequest, _: &Pending<_>| {
        let check = FileCheck {
            generation: request.generation,
            stamp: stamp(&request.path),
            at: chrono::Local::now(),
        };
        tx.send(wrap(Msg::FileChecked(check))).is_ok()
    })
}
