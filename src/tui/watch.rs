//! Following the opened folders while the reader is open.
//!
//! A `notify` watcher (inotify on Linux, FSEvents or kqueue elsewhere) names the paths that
//! change below the roots; where it cannot run (no events on a network mount, the inotify
//! watch limit reached) a polling watcher walks the folders every [`POLL_EVERY`] instead,
//! and the status bar says which is in use. A burst of changes is gathered until the folders
//! are quiet for [`QUIET`] (at most [`GATHER_AT_MOST`]), then handed to a worker that runs
//! the store's `sync_paths`: the UI thread never waits for it, and the new snapshots reach
//! the app as the start-up sync's do. Bursts queued behind a running sync are merged into
//! one.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::serve::{Fold, Pending, serve};
use crate::app::Msg;
use crate::sanitize::sanitize;
use crate::store::{PathChanges, Store, StoreError};

/// A burst is over when nothing changed for this long...
const QUIET: Duration = Duration::from_millis(250);
/// ... or when it has been gathered this long: a steady stream still shows every second.
const GATHER_AT_MOST: Duration = Duration::from_secs(1);
/// Between two walks of a polling watcher.
pub const POLL_EVERY: Duration = Duration::from_secs(1);
/// Paths remembered as created files (see `Gather::created`); the set starts over beyond.
const CREATED_REMEMBERED: usize = 100_000;

type Events = Receiver<notify::Result<Event>>;

/// Starts following the store's roots. `FOLIO_WATCH=poll` forces the polling watcher.
pub fn spawn<M: Send + 'static>(store: Arc<Store>, tx: Sender<M>, wrap: fn(Msg) -> M) {
    let syncs = spawn_syncs(Arc::clone(&store), tx.clone(), wrap);
    std::thread::spawn(move || {
        let (events_tx, events) = crossbeam_channel::unbounded();
        let forced = std::env::var("FOLIO_WATCH").is_ok_and(|v| v == "poll");
        let Some((watcher, how)) = start(store.roots(), &events_tx, forced) else {
            let _ = tx.send(wrap(Msg::Watching("not watching the folders".into())));
            return;
        };
        if tx.send(wrap(Msg::Watching(how))).is_err() {
            return;
        }
        let mut watcher = watcher;
        let mut gather = Gather::default();
        while let Some(changes) = gather.next_burst(&events) {
            if gather.limit_reached && !forced {
                // New folders can no longer be watched: polling sees them all.
                gather.limit_reached = false;
                drop(watcher);
                let why = " (the watch limit was reached)";
                let Some((polling, how)) = polling(store.roots(), &events_tx, why) else {
                    let _ = tx.send(wrap(Msg::Watching("not watching the folders".into())));
                    return;
                };
                watcher = polling;
                let _ = tx.send(wrap(Msg::Watching(how)));
            }
            if syncs.send(changes).is_err() {
                break;
            }
        }
        drop(watcher);
    });
}

/// The watcher, and how it watches in words. Events first, polling when they fail.
fn start(
    roots: &[PathBuf],
    events: &Sender<notify::Result<Event>>,
    poll_only: bool,
) -> Option<(Box<dyn Watcher + Send>, String)> {
    if poll_only {
        return polling(roots, events, "");
    }
    let sender = events.clone();
    let handler = move |event| {
        let _ = sender.send(event);
    };
    let mut why = "";
    if let Ok(mut watcher) = RecommendedWatcher::new(handler, notify::Config::default()) {
        match watch_all(&mut watcher, roots) {
            Ok(()) => return Some((Box::new(watcher), "watching".into())),
            Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => {
                why = " (the watch limit was reached)";
            }
            Err(_) => {}
        }
    }
    polling(roots, events, why)
}

/// A watcher that walks the folders every [`POLL_EVERY`]; `why` ends its description.
fn polling(
    roots: &[PathBuf],
    events: &Sender<notify::Result<Event>>,
    why: &str,
) -> Option<(Box<dyn Watcher + Send>, String)> {
    let events = events.clone();
    let handler = move |event| {
        let _ = events.send(event);
    };
    let config = notify::Config::default().with_poll_interval(POLL_EVERY);
    let mut watcher = PollWatcher::new(handler, config).ok()?;
    watch_all(&mut watcher, roots).ok()?;
    let how = format!("polling every {} s{why}", POLL_EVERY.as_secs());
    Some((Box::new(watcher), how))
}

fn watch_all(watcher: &mut dyn Watcher, roots: &[PathBuf]) -> notify::Result<()> {
    roots
        .iter()
        .try_for_each(|root| watcher.watch(root, RecursiveMode::Recursive))
}

/// Runs `sync_paths` for each burst, forwarding progress and each committed snapshot.
fn spawn_syncs<M: Send + 'static>(
    store: Arc<Store>,
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) -> Sender<PathChanges> {
    serve(
        |older: PathChanges, newer| Fold::Into(older.merge(newer)),
        move |changes: PathChanges, _: &Pending<_>| {
            let result = store.sync_paths(&changes, &mut |p| {
                let _ = tx.send(wrap(Msg::Progress(p.clone())));
                if p.committed {
                    let _ = tx.send(wrap(Msg::Snapshot(store.snapshot())));
                }
            });
            let result = result.map(|_| ()).map_err(|e| match e {
            // Said first and short: the status bar has room for little more.
            StoreError::Root { path, .. } => {
                let name = path.file_name().unwrap_or(path.as_os_str());
                let name = sanitize(&name.to_string_lossy()).into_owned();
                format!("The folder {name} is gone; showing what was indexed before.")
            }
            e => format!(
                "Indexing the files that just changed failed ({e}); showing what was indexed before."
            ),
        });
            tx.send(wrap(Msg::SyncFinished(result))).is_ok()
        },
    )
}

/// Gathers the events of one burst into the paths to sync.
#[derive(Default)]
struct Gather {
    /// Paths seen created as files: renamed away later (a temporary file of an atomic
    /// save), they were surely not folders, and their going needs no walk.
    created: HashSet<PathBuf>,
    /// The system's limit of watches was reached: folders made since are not watched.
    limit_reached: bool,
}

impl Gather {
    /// Waits for the next burst and returns it once the folders are quiet. `None` when the
    /// watcher is gone.
    fn next_burst(&mut self, events: &Events) -> Option<PathChanges> {
        let mut changes = PathChanges::default();
        while changes.is_empty() {
            self.note(events.recv().ok()?, &mut changes);
        }
        let started = Instant::now();
        loop {
            let left = GATHER_AT_MOST.saturating_sub(started.elapsed());
            match events.recv_timeout(QUIET.min(left)) {
                Ok(event) => self.note(event, &mut changes),
                Err(RecvTimeoutError::Timeout) => return Some(changes),
                Err(RecvTimeoutError::Disconnected) => return Some(changes),
            }
            if started.elapsed() >= GATHER_AT_MOST {
                return Some(changes);
            }
        }
    }

    fn note(&mut self, event: notify::Result<Event>, changes: &mut PathChanges) {
        let event = match event {
            Ok(event) => event,
            // Events were lost (a full queue, a watch that could not be added): only a walk
            // can tell what changed.
            Err(error) => {
                changes.rescan = true;
                self.limit_reached |= matches!(error.kind, notify::ErrorKind::MaxFilesWatch);
                return;
            }
        };
        if event.need_rescan() {
            changes.rescan = true;
        }
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            // Opening and reading change nothing.
            EventKind::Access(_) => return,
            EventKind::Create(notify::event::CreateKind::File) => {
                if self.created.len() >= CREATED_REMEMBERED {
                    self.created.clear();
                }
                self.created.extend(event.paths.iter().cloned());
            }
            EventKind::Remove(RemoveKind::File) => {}
            EventKind::Remove(_) => changes.maybe_folders.extend(event.paths.iter().cloned()),
            EventKind::Modify(ModifyKind::Name(RenameMode::From | RenameMode::Both)) => {
                if let Some(from) = event.paths.first()
                    && !self.created.remove(from)
                {
                    changes.maybe_folders.insert(from.clone());
                }
            }
            _ => {}
        }
        changes.paths.extend(event.paths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::CreateKind;

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<Event> {
        let mut event = Event::new(kind);
        for path in paths {
            event = event.add_path(PathBuf::from(path));
        }
        Ok(event)
    }

    #[test]
    fn a_burst_ends_when_the_folders_are_quiet() {
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut gather = Gather::default();
        for name in ["/a/1", "/a/2", "/a/1"] {
            tx.send(event(EventKind::Create(CreateKind::File), &[name]))
                .expect("open");
        }
        let started = Instant::now();
        let changes = gather.next_burst(&rx).expect("a burst");
        assert!(started.elapsed() >= QUIET);
        assert_eq!(changes.paths.len(), 2);
        assert!(!changes.rescan);
    }

    #[test]
    fn a_temporary_file_renamed_into_place_is_no_folder_but_an_unknown_name_may_be() {
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut gather = Gather::default();
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        tx.send(event(EventKind::Create(CreateKind::File), &["/a/x.tmp"]))
            .expect("open");
        tx.send(event(renamed, &["/a/x.tmp", "/a/x.txt"]))
            .expect("open");
        tx.send(event(renamed, &["/a/old", "/b/old"]))
            .expect("open");
        tx.send(event(EventKind::Access(AccessKind::Read), &["/a/y"]))
            .expect("open");
        let changes = gather.next_burst(&rx).expect("a burst");
        let names: Vec<&str> = changes.paths.iter().filter_map(|p| p.to_str()).collect();
        assert_eq!(names, ["/a/old", "/a/x.tmp", "/a/x.txt", "/b/old"]);
        let folders: Vec<&str> = changes
            .maybe_folders
            .iter()
            .filter_map(|p| p.to_str())
            .collect();
        assert_eq!(folders, ["/a/old"]);
    }

    #[test]
    fn lost_events_ask_for_a_walk() {
        let (tx, rx) = crossbeam_channel::unbounded();
        tx.send(Err(notify::Error::generic("queue overflow")))
            .expect("open");
        tx.send(event(EventKind::Create(CreateKind::File), &["/a/1"]))
            .expect("open");
        let mut gather = Gather::default();
        let changes = gather.next_burst(&rx).expect("a burst");
        assert!(changes.rescan);
        assert!(!gather.limit_reached);
        tx.send(Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch)))
            .expect("open");
        assert!(gather.next_burst(&rx).expect("a burst").rescan);
        assert!(gather.limit_reached, "the watcher then polls");
    }
}
