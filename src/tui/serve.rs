//! The one pattern of every worker thread: requests are served one at a time on a thread of
//! their own, and those that queue up behind a slow one are folded together before the next
//! is served, so a worker never works for a user who has moved on.

use std::collections::VecDeque;

use crossbeam_channel::{Receiver, Sender};

/// What a request waiting behind another makes of the two.
pub enum Fold<R> {
    /// One request does for both (the newer replaces the older, or they are merged).
    Into(R),
    /// Both are still wanted, older first.
    Apart(R, R),
}

/// Tells a request being served whether another has arrived behind it, so that long work
/// (a search's full count, a phrase check over many files) can stop early for a user who has
/// typed on. Cheap to ask and to clone; it can be handed to other threads.
pub struct Pending<R>(Receiver<R>);

// By hand: deriving would ask for `R: Clone`, and only the receiver is cloned.
impl<R> Clone for Pending<R> {
    fn clone(&self) -> Self {
        Pending(self.0.clone())
    }
}

impl<R> Pending<R> {
    /// A newer request is waiting.
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Serves requests on a thread of its own, one at a time. Whenever one is done, the requests
/// that arrived meanwhile are folded into the queue by `fold`, newest last. `handle` gets each
/// request and a [`Pending`] to ask whether newer ones are waiting. Stops when `handle`
/// returns false (whoever it answers is gone) or every sender is dropped.
pub fn serve<R: Send + 'static>(
    fold: fn(R, R) -> Fold<R>,
    mut handle: impl FnMut(R, &Pending<R>) -> bool + Send + 'static,
) -> Sender<R> {
    let (req_tx, req_rx): (Sender<R>, Receiver<R>) = crossbeam_channel::unbounded();
    let pending = Pending(req_rx.clone());
    std::thread::spawn(move || {
        let mut queue = VecDeque::new();
        loop {
            if queue.is_empty() {
                match req_rx.recv() {
                    Ok(request) => queue.push_back(request),
                    Err(_) => break,
                }
            }
            for newer in req_rx.try_iter() {
                push_folded(&mut queue, newer, fold);
            }
            let Some(request) = queue.pop_front() else {
                continue;
            };
            if !handle(request, &pending) {
                break;
            }
        }
    });
    req_tx
}

/// Adds `newer` at the back, folding it into the requests before it for as long as they
/// fold into one: a newer query drops every older request, however many are queued.
fn push_folded<R>(queue: &mut VecDeque<R>, mut newer: R, fold: fn(R, R) -> Fold<R>) {
    while let Some(older) = queue.pop_back() {
        match fold(older, newer) {
            Fold::Into(one) => newer = one,
            Fold::Apart(older, kept) => {
                queue.push_back(older);
                newer = kept;
                break;
            }
        }
    }
    queue.push_back(newer);
}

/// The `fold` of workers whose older requests no longer matter: the user moved on.
pub fn newest<R>(_older: R, newer: R) -> Fold<R> {
    Fold::Into(newer)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn union(mut older: Vec<u32>, newer: Vec<u32>) -> Fold<Vec<u32>> {
        older.extend(newer);
        Fold::Into(older)
    }

    /// Requests `(query, page)`: pages of one query are all wanted, a newer query drops them.
    fn by_query(older: (u32, u32), newer: (u32, u32)) -> Fold<(u32, u32)> {
        if older.0 == newer.0 {
            Fold::Apart(older, newer)
        } else {
            Fold::Into(newer)
        }
    }

    /// Serves with `fold`, holding the first request until `queued` more are sent, and
    /// returns what was served, in order.
    fn served<R: Send + std::fmt::Debug + 'static>(
        fold: fn(R, R) -> Fold<R>,
        first: R,
        queued: Vec<R>,
    ) -> Vec<R> {
        let (release_tx, release_rx) = crossbeam_channel::unbounded::<()>();
        let (started_tx, started_rx) = crossbeam_channel::unbounded::<()>();
        let (done_tx, done_rx) = crossbeam_channel::unbounded();
        let requests = serve(fold, move |request: R, _: &Pending<R>| {
            let _ = started_tx.send(());
            let _ = release_rx.recv();
            done_tx.send(request).is_ok()
        });
        let wait = Duration::from_secs(5);
        requests.send(first).expect("the worker is running");
        started_rx
            .recv_timeout(wait)
            .expect("the first request is served");
        for request in queued {
            requests.send(request).expect("the worker is running");
        }
        let mut out = Vec::new();
        loop {
            release_tx.send(()).expect("the worker waits");
            match done_rx.recv_timeout(wait) {
                Ok(request) => out.push(request),
                Err(e) => panic!("a request was not served: {e}"),
            }
            // Served requests are announced: wait for the next to start, or for none.
            if started_rx.recv_timeout(Duration::from_millis(200)).is_err() {
                return out;
            }
        }
    }

    #[test]
    fn requests_queued_behind_a_slow_one_are_merged() {
        let out = served(union, vec![0], vec![vec![1], vec![2], vec![3]]);
        assert_eq!(out, vec![vec![0], vec![1, 2, 3]]);
    }

    #[test]
    fn the_newest_request_wins() {
        assert_eq!(served(newest, 0, vec![1, 2, 3]), vec![0, 3]);
    }

    #[test]
    fn requests_kept_apart_are_all_served_until_a_newer_one_drops_them() {
        let out = served(by_query, (1, 0), vec![(1, 1), (1, 2)]);
        assert_eq!(out, vec![(1, 0), (1, 1), (1, 2)]);
        let out = served(by_query, (1, 0), vec![(1, 1), (1, 2), (2, 0), (2, 1)]);
        assert_eq!(out, vec![(1, 0), (2, 0), (2, 1)]);
    }
}
