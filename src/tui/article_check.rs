//! Looks at the displayed article's file for the app (`Effect::CheckFile`), off the UI
//! thread: a `stat` on a network mount can hang, and the screen must not.

use std::path::PathBuf;

use crossbeam_channel::Sender;

use super::serve::{Pending, newest, serve};

use crate::app::{ArticleProbe, FileCheck, FileStamp, Msg, fingerprint};

pub struct CheckRequest {
    pub generation: u64,
    pub path: PathBuf,
    pub probe: Option<ArticleProbe>,
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
        let stamp = stamp(&request.path);
        let check = FileCheck {
            generation: request.generation,
            same_article: same_article(request.probe.as_ref(), stamp),
            stamp,
            at: chrono::Local::now(),
        };
        tx.send(wrap(Msg::FileChecked(check))).is_ok()
    })
}

/// Whether the file changed since the baseline and the article the probe names reads the
/// same in it: read again only when the file changed.
fn same_article(probe: Option<&ArticleProbe>, now: Option<FileStamp>) -> bool {
    match (probe, now) {
        (Some(probe), Some(now)) if now != probe.baseline => probe
            .catalog
            .load(&probe.entry)
            .is_ok_and(|article| fingerprint(&article) == probe.fingerprint),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use super::*;
    use crate::article::{Article, ArticleId, Paragraph};
    use crate::catalog::{Catalog, MemoryCatalog};

    fn stamp(len: u64) -> FileStamp {
        FileStamp {
            len,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(9)),
        }
    }

    #[test]
    fn the_article_is_read_again_only_when_its_file_changed() {
        let article = Article {
            id: ArticleId("https://x.example/a".into()),
            path: "dump.jsonl".into(),
            url: Some("https://x.example/a".into()),
            title: "Tide table".into(),
            lede: String::new(),
            lede_truncated: false,
            source: "x".into(),
            language: "en".into(),
            published: None,
            paragraphs: vec![Paragraph::Text("High water at noon.".into())],
            meta: Default::default(),
            problems: Vec::new(),
        };
        let catalog: Arc<dyn Catalog> = Arc::new(MemoryCatalog::new(vec![article.clone()], vec![]));
        let entry = catalog.timeline()[0];
        let probe = |fingerprint| ArticleProbe {
            catalog: Arc::clone(&catalog),
            entry,
            baseline: stamp(10),
            fingerprint,
        };
        let same = fingerprint(&article);
        assert!(same_article(Some(&probe(same)), Some(stamp(20))));
        assert!(
            !same_article(Some(&probe(same ^ 1)), Some(stamp(20))),
            "edited"
        );
        assert!(
            !same_article(Some(&probe(same)), Some(stamp(10))),
            "unchanged"
        );
        assert!(!same_article(Some(&probe(same)), None), "gone");
        assert!(!same_article(None, Some(stamp(20))));
    }
}
