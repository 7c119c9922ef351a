//! Archives on disk: seed-format files written in a temporary folder, indexed by the real
//! store in a temporary cache, and what a query finds in them.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Datelike;
use folio::article::{Article, Paragraph, Precision};
use folio::catalog::Catalog;
use folio::search::{SearchOptions, SortBy, search};
use folio::store::{Store, StoreOptions, SyncReport};

/// One file in the seed format: the header (`YYYY-MM` and the URL), the title, the lede with
/// its trailer (`... DD.MM.YYYY, Source`), the body.
pub fn seed_text(month: &str, url: &str, title: &str, lede: &str, body: &str) -> String {
    format!(" date {month} {url}\n\n{title}\n\n{lede}\n\n{body}\n")
}

/// A folder for an archive and another for its index, both removed with it.
pub struct Folder {
    pub dir: tempfile::TempDir,
    pub cache: tempfile::TempDir,
}

impl Folder {
    pub fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().expect("a temp dir"),
            cache: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Writes `text` at `name`, making the folders it names.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("the folder is made");
        }
        fs::write(&path, text).expect("the file is written");
        path
    }

    /// Copies the files of `tests/fixtures/formats` named into the folder `under`.
    pub fn write_fixtures(&self, under: &str, names: &[&str]) {
        let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
        for name in names {
            let text = fs::read_to_string(formats.join(name)).expect("a fixture");
            self.write(&format!("{under}/{name}"), &text);
        }
    }

    /// Writes one file in the seed format (see [`seed_text`]).
    pub fn write_seed(
        &self,
        name: &str,
        month: &str,
        url: &str,
        title: &str,
        lede: &str,
        body: &str,
    ) -> PathBuf {
        self.write(name, &seed_text(month, url, title, lede, body))
    }

    /// Writes an article titled `title`, of day `day` of January 2022, at `name`; its URL is
    /// made from the name.
    pub fn article(&self, name: &str, day: u32, title: &str) -> PathBuf {
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let url = format!("https://news.example/202201{day:02}/{slug}.html");
        self.article_at(name, &url, day, title)
    }

    /// As [`Folder::article`], at this URL.
    pub fn article_at(&self, name: &str, url: &str, day: u32, title: &str) -> PathBuf {
        let lede = format!("A lede about {title}... {day:02}.01.2022, Example News");
        let body =
            format!("The body of the article about {title}. It goes on.Second paragraph here.");
        self.write_seed(name, "2022-01", url, title, &lede, &body)
    }

    /// Writes `article` as the seed file that parses back into it (see [`write_article`]).
    pub fn write_article(&self, article: &Article) -> PathBuf {
        write_article(self.root(), article)
    }

    pub fn options(&self) -> StoreOptions {
        StoreOptions {
            cache_dir: self.cache.path().to_path_buf(),
        }
    }

    /// The store over the folder, not synced yet.
    pub fn open(&self) -> Store {
        self.open_in(self.cache.path())
    }

    /// The store over the folder with its index in `cache`, not synced yet.
    pub fn open_in(&self, cache: &Path) -> Store {
        let options = StoreOptions {
            cache_dir: cache.to_path_buf(),
        };
        Store::open(&[self.root().to_path_buf()], &options)
            .unwrap_or_else(|e| panic!("{}: {e}", self.root().display()))
    }

    /// The store over the folder, synced by a full walk.
    pub fn synced(&self) -> Store {
        self.sync().0
    }

    /// The store over the folder and what its full walk did.
    pub fn sync(&self) -> (Store, SyncReport) {
        let store = self.open();
        let report = store.sync(&mut |_| {}).expect("the archive indexes");
        (store, report)
    }
}

/// Writes `article` in `dir` as the seed file that parses back into it, named after the last
/// part of its URL; panics if the parser reads it otherwise, so that a test on disk tests
/// the article it describes.
pub fn write_article(dir: &Path, article: &Article) -> PathBuf {
    let name = article
        .url
        .as_deref()
        .and_then(|u| u.rsplit('/').next())
        .expect("an article written to disk has a URL");
    let path = dir.join(format!("{name}.txt"));
    fs::write(&path, seed_file(article)).expect("the file is written");
    let bytes = fs::read(&path).expect("the file is read back");
    let parsed = folio::parse::parse_article(&path, &bytes)
        .unwrap_or_else(|p| panic!("{}: {}", path.display(), p.what));
    same_article(&parsed, article, &path);
    path
}

/// What a reader of the seed format sees of `article`: its day in the header and the lede's
/// trailer (a month alone in the header), each paragraph and heading on a line of its own.
fn seed_file(article: &Article) -> String {
    let published = article
        .published
        .expect("a seed file states a date: give the article one");
    let month = format!("{:04}-{:02}", published.date.year(), published.date.month());
    let dots = if article.lede_truncated { "..." } else { "" };
    let lede = match published.precision {
        Precision::Day => format!(
            "{}{dots} {}, {}",
            article.lede,
            published.date.format("%d.%m.%Y"),
            article.source
        ),
        // Without a trailer the source is the URL's host's.
        Precision::Month => format!("{}{dots}", article.lede),
    };
    let body: Vec<&str> = article.paragraphs.iter().map(Paragraph::text).collect();
    let url = article.url.as_deref().unwrap_or_default();
    seed_text(&month, url, &article.title, &lede, &body.join("\n"))
}

/// The file at `path` parses back into `wanted` in all a test reads of it.
fn same_article(parsed: &Article, wanted: &Article, path: &Path) {
    let what = |field: &str| format!("{} parses back with another {field}", path.display());
    assert_eq!(parsed.id, wanted.id, "{}", what("id"));
    assert_eq!(parsed.title, wanted.title, "{}", what("title"));
    assert_eq!(parsed.source, wanted.source, "{}", what("source"));
    assert_eq!(parsed.published, wanted.published, "{}", what("date"));
    assert_eq!(parsed.paragraphs, wanted.paragraphs, "{}", what("body"));
}

/// An archive on disk, indexed.
pub struct Archive {
    pub cache: tempfile::TempDir,
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl Archive {
    /// The store's current version, as the app is given it.
    pub fn catalog(&self) -> Arc<dyn Catalog> {
        self.store.current()
    }

    /// Indexes what changed in the folder since the last sync.
    pub fn resync(&self) {
        self.store.sync(&mut |_| {}).expect("the archive indexes");
    }
}

/// The folder's archive, indexed by a full walk.
/// The titles on the catalog's timeline, in its order.
pub fn titles(catalog: &dyn Catalog) -> Vec<String> {
    catalog
        .timeline()
        .iter()
        .filter_map(|e| catalog.row(e))
        .map(|r| r.title)
        .collect()
}

pub fn index(folder: Folder) -> Archive {
    let store = folder.synced();
    Archive {
        cache: folder.cache,
        dir: folder.dir,
        store,
    }
}

/// The archive `write` fills, indexed.
pub fn open(write: impl FnOnce(&Path)) -> Archive {
    let folder = Folder::new();
    write(folder.root());
    index(folder)
}

/// These articles written to disk (see [`write_article`]), indexed.
pub fn of(articles: &[Article]) -> Archive {
    let folder = Folder::new();
    for article in articles {
        folder.write_article(article);
    }
    index(folder)
}

/// Writes one article in the seed format; `day` is its day in January 2023.
pub fn article(dir: &Path, name: &str, day: u32, title: &str, body: &str) {
    let url = format!("https://news.example/{name}");
    let lede = format!(
        "A short lede about {name} 0{}.01.2023, Example News",
        day.min(9)
    );
    let text = seed_text("2023-01", &url, title, &lede, body);
    fs::write(dir.join(format!("{name}.txt")), text).expect("the article is written");
}

/// The URLs' last parts of what `query` finds, newest first, and the count.
pub fn found(archive: &Archive, query: &str) -> (Vec<String>, usize) {
    found_by(archive, query, SortBy::Date)
}

/// The URLs' last parts of what `query` finds in `sort` order, and the count.
pub fn found_by(archive: &Archive, query: &str, sort: SortBy) -> (Vec<String>, usize) {
    let snapshot = archive.store.current();
    let options = SearchOptions { sort, limit: 1000 };
    let hits = search(&snapshot, query, &options).unwrap_or_else(|e| panic!("{query}: {e}"));
    let names = hits
        .entries
        .iter()
        .filter_map(|e| snapshot.row(e))
        .filter_map(|r| r.url?.rsplit('/').next().map(str::to_string))
        .collect();
    (names, hits.count)
}

/// `query` finds exactly these articles (by URL name, newest first), and counts them.
pub fn assert_finds(archive: &Archive, query: &str, names: &[&str]) {
    let (found_names, count) = found(archive, query);
    assert_eq!(found_names, names, "{query}");
    assert_eq!(count, names.len(), "{query}: the count");
}
