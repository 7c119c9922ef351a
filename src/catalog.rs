//! The seam between the article store and everything that displays articles.
//!
//! The TUI and the headless commands see an archive only through [`Catalog`]: an ordered
//! timeline of compact [`Entry`] values (cheap enough to hold a million of), with the display
//! fields of a row ([`Row`]) and the full [`Article`] fetched only for what is on screen.
//! The tantivy-backed store implements it; [`MemoryCatalog`] implements it over parsed articles
//! for tests and tiny archives. A search engine's version of an archive is a catalog too
//! (`search::Backend` extends this trait with queries).

mod sources;

use std::path::PathBuf;
use std::sync::Arc;

use crate::article::{Article, ArticleId, Problem, Published};
use crate::copies::Groups;
pub use sources::SourceNames;

/// One article on the timeline. Small and `Copy`: a million of them is ~24 MB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Opaque handle the catalog that produced this entry uses to find the article again.
    pub doc: DocRef,
    /// [`Published::sort_key`], or `i32::MIN` for undated articles (they sort last).
    pub sort_key: i32,
    /// [`id_hash`] of the article id: lets read/starred sets filter without fetching rows.
    pub id_hash: u64,
    /// Index into [`Catalog::sources`].
    pub source: u32,
}

/// Where an article is, in the words of the catalog that listed it: one number that only
/// that catalog reads back (the local index packs a segment and a document into it; a remote
/// engine would put its own document id). Everyone else only compares addresses, so one
/// `Copy` integer keeps the timeline's million entries free of allocation and lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocRef(u64);

impl DocRef {
    /// The address a catalog gives to its own `raw` number.
    pub const fn from_raw(raw: u64) -> DocRef {
        DocRef(raw)
    }

    /// The number back, for the catalog that made the address.
    pub const fn raw(self) -> u64 {
        self.0
    }
}

/// What a timeline row or a result line shows, without the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: ArticleId,
    pub path: PathBuf,
    pub url: Option<String>,
    pub title: String,
    pub lede: String,
    pub source: String,
    pub language: String,
    pub published: Option<Published>,
}

/// A stable 64-bit hash of an article id (FNV-1a: stable across runs and versions, unlike
/// `std`'s `DefaultHasher`, because it is persisted in the index).
pub fn id_hash(id: &ArticleId) -> u64 {
    id.as_str().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Read access to one consistent version of an archive.
pub trait Catalog: Send + Sync {
    /// Every article, newest first (ties broken by id, so the order is stable).
    fn timeline(&self) -> &[Entry];
    /// Source names with article counts, one per outlet (see [`SourceNames`]), none without
    /// articles; [`Entry::source`] indexes this, and rows show these names.
    fn sources(&self) -> &[(String, usize)];
    /// Display fields of one article. Cheap: called for the visible rows of every frame
    /// that shows them (implementations cache).
    fn row(&self, entry: &Entry) -> Option<Row>;
    /// The whole article, read from its file. May take milliseconds for a large file.
    fn load(&self, entry: &Entry) -> Result<Article, Problem>;
    /// Files that were skipped or repaired, with reasons.
    fn problems(&self) -> &[Problem];
    /// The groups of copies (near-duplicate articles), by id hash; none unless the catalog
    /// finds them.
    fn copies(&self) -> Arc<Groups> {
        Groups::none()
    }
    /// The timeline entries of the group the article with this id hash is in, earliest
    /// first; empty when it has no copies. The default walks the timeline, which suits small
    /// catalogs; an index keeps the grouped articles' entries.
    fn group_entries(&self, id_hash: u64) -> Vec<Entry> {
        let copies = self.copies();
        let Some(place) = copies.place(id_hash) else {
            return Vec::new();
        };
        copies
            .members(place.group)
            .iter()
            .filter_map(|id| self.timeline().iter().find(|e| e.id_hash == *id))
            .copied()
            .collect()
    }
    /// The (first) article read from the file at `path`, if it is in the timeline: a
    /// repaired file is an article, a skipped one is not. The default asks every row, which
    /// suits small catalogs; an index answers from its path key.
    fn entry_of_file(&self, path: &std::path::Path) -> Option<Entry> {
        self.timeline()
            .iter()
            .find(|e| self.row(e).is_some_and(|r| r.path == path))
            .copied()
    }
    /// The article at `position` in the file at `path` (a file may hold many), if it is in
    /// the timeline; 0 is the file's first. The default knows no positions and answers
    /// [`Catalog::entry_of_file`]; an index answers from its path key and positions.
    fn entry_of_article(&self, path: &std::path::Path, position: u64) -> Option<Entry> {
        let _ = position;
        self.entry_of_file(path)
    }
}

/// A catalog over articles held in memory.
pub struct MemoryCatalog {
    /// Each with its source as the catalog names it.
    articles: Vec<Article>,
    timeline: Vec<Entry>,
    sources: SourceNames,
    problems: Vec<Problem>,
    copies: Arc<Groups>,
}

impl MemoryCatalog {
    pub fn new(mut articles: Vec<Article>, mut problems: Vec<Problem>) -> Self {
        let hosts: Vec<Option<String>> = articles
            .iter()
            .map(|a| a.url.as_deref().and_then(crate::parse::url_host))
            .collect();
        let sources = SourceNames::merge(
            articles
                .iter()
                .zip(&hosts)
                .map(|(a, host)| (a.source.as_str(), host.as_deref(), 1)),
        );
        let mut timeline = Vec::with_capacity(articles.len());
        for (i, (article, host)) in articles.iter_mut().zip(&hosts).enumerate() {
            let source = sources
                .index_of(&article.source, host.as_deref())
                .unwrap_or(0);
            if let Some(name) = sources.name(source) {
                article.source = name.to_string();
            }
            problems.extend(article.problems.iter().cloned());
            timeline.push(Entry {
                doc: DocRef::from_raw(i as u64),
                sort_key: article.published.map_or(i32::MIN, |p| p.sort_key()),
                id_hash: id_hash(&article.id),
                source,
            });
        }
        timeline.sort_by(|a, b| {
            let id = |e: &Entry| &articles[e.doc.raw() as usize].id;
            b.sort_key.cmp(&a.sort_key).then_with(|| id(a).cmp(id(b)))
        });
        // The same signatures and grouping as the index's, made here from the articles.
        let items: Vec<crate::copies::Item> = timeline
            .iter()
            .filter_map(|e| {
                let article = articles.get(e.doc.raw() as usize)?;
                let signature =
                    crate::copies::signature(article.paragraphs.iter().map(|p| p.text()))?;
                Some(crate::copies::Item {
                    id_hash: e.id_hash,
                    sort_key: e.sort_key,
                    signature,
                })
            })
            .collect();
        let copies = Arc::new(crate::copies::group(&items));
        MemoryCatalog {
            articles,
            timeline,
            sources,
            problems,
            copies,
        }
    }

    pub fn into_shared(self) -> Arc<dyn Catalog> {
        Arc::new(self)
    }
}

impl Catalog for MemoryCatalog {
    fn timeline(&self) -> &[Entry] {
        &self.timeline
    }

    fn sources(&self) -> &[(String, usize)] {
        self.sources.names()
    }

    fn row(&self, entry: &Entry) -> Option<Row> {
        let a = self.articles.get(entry.doc.raw() as usize)?;
        Some(Row {
            id: a.id.clone(),
            path: a.path.clone(),
            url: a.url.clone(),
            title: a.title.clone(),
            lede: a.lede.clone(),
            source: a.source.clone(),
            language: a.language.clone(),
            published: a.published,
        })
    }

    fn load(&self, entry: &Entry) -> Result<Article, Problem> {
        self.articles
            .get(entry.doc.raw() as usize)
            .cloned()
            .ok_or_else(|| Problem::skipped("?", "the article is no longer in the catalog"))
    }

    fn problems(&self) -> &[Problem] {
        &self.problems
    }

    fn copies(&self) -> Arc<Groups> {
        Arc::clone(&self.copies)
    }
}
