//! newsboat's `cache.db`: every cached item of `rss_item`, its feed's title (from `rss_feed`)
//! as the source, its HTML content as paragraphs.
//!
//! The database is opened read-only (`SQLITE_OPEN_READ_ONLY`, `query_only`): folio never
//! writes it, creates no journal beside it, and never takes more than a shared lock. All rows
//! are read in one transaction, so they are one consistent snapshot even while newsboat
//! reloads. When another program holds the database locked for writing longer than
//! [`BUSY_WAIT`], reading fails with that reason rather than waiting on.
//!
//! Items newsboat's user deleted (`deleted = 1`, kept until newsboat purges them) are reported
//! and not shown. Positions follow `rss_item.id`, the order newsboat stored them in.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, Row, TransactionBehavior};

use super::{Notes, html, item, stamp, url};
use crate::article::{Article, Meta, Problem, Published};
use crate::sanitize::{sanitize, sanitize_url};

/// How long to wait for a writer (newsboat reloading its feeds) to release the database.
/// A reload commits in well under a second; a lock held longer is newsboat stuck, or another
/// program, and the user is told rather than kept waiting.
const BUSY_WAIT: Duration = Duration::from_secs(3);

/// The columns read from `rss_item`: those every newsboat since 2.0 writes, and the optional
/// ones of later versions (read as empty where missing).
const REQUIRED: &[&str] = &["id", "title", "url", "feedurl", "pubDate", "content"];
const OPTIONAL: &[&str] = &["author", "guid", "content_mime_type", "deleted"];

/// Every item in newsboat's cache, each an article or the reason it is not one, by `id`.
pub(super) fn read(path: &Path) -> Result<Vec<Result<Article, Problem>>, Problem> {
    read_waiting(path, BUSY_WAIT)
}

/// [`read`], waiting at most `wait` for a writer's lock.
fn read_waiting(path: &Path, wait: Duration) -> Result<Vec<Result<Article, Problem>>, Problem> {
    let skip = |what: String| Problem::skipped(path, what);
    let mut db = open(path, wait).map_err(|e| {
        skip(format!(
            "newsboat's cache could not be opened read-only ({})",
            sanitize(&e.to_string())
        ))
    })?;
    let snapshot = db
        .transaction_with_behavior(TransactionBehavior::Deferred)
        .map_err(|e| skip(locked_or(&e, wait)))?;
    let columns = columns(&snapshot).map_err(|e| skip(locked_or(&e, wait)))?;
    if columns.is_empty() {
        return Err(skip(
            "the file is an SQLite database that is not newsboat's cache (it has no rss_item \
             table); folio reads newsboat's cache.db and no other database"
                .into(),
        ));
    }
    if let Some(missing) = REQUIRED
        .iter()
        .find(|c| !columns.iter().any(|have| have.eq_ignore_ascii_case(c)))
    {
        return Err(skip(format!(
            "newsboat's rss_item table has no `{missing}` column; this cache.db is from a \
             newsboat folio does not know"
        )));
    }
    let pick = |c: &str| -> String {
        if columns.iter().any(|have| have.eq_ignore_ascii_case(c)) {
            format!("i.{c}")
        } else {
            "NULL".to_owned()
        }
    };
    // In `OPTIONAL`'s order, which `Item::of` reads them in.
    let optional = OPTIONAL
        .iter()
        .map(|c| pick(c))
        .collect::<Vec<_>>()
        .join(", ");
    let feed_columns = feed_columns(&snapshot).map_err(|e| skip(locked_or(&e, wait)))?;
    let (feed_title, feed_join) = if feed_columns.iter().any(|c| c == "title") {
        ("f.title", "LEFT JOIN rss_feed f ON f.rssurl = i.feedurl")
    } else {
        ("NULL", "")
    };
    let sql = format!(
        "SELECT i.id, i.title, i.url, i.feedurl, i.pubDate, i.content, {optional}, {feed_title} \
         FROM rss_item i {feed_join} ORDER BY i.id",
    );
    let mut statement = snapshot
        .prepare(&sql)
        .map_err(|e| skip(locked_or(&e, wait)))?;
    let rows = statement
        .query_map([], |row| Ok(Item::of(row)))
        .map_err(|e| skip(locked_or(&e, wait)))?;
    let mut items = Vec::new();
    for row in rows {
        items.push(row.map_err(|e| skip(locked_or(&e, wait)))?);
    }
    drop(statement);
    // Nothing was written; ending the read transaction releases the shared lock.
    snapshot.rollback().map_err(|e| skip(locked_or(&e, wait)))?;
    if items.is_empty() {
        return Err(skip("newsboat's cache holds no items".into()));
    }
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(position, item)| article(path, position, item))
        .collect())
}

/// A connection that cannot write: opened read-only, and `query_only` on top, so a bug in a
/// statement here could not change the cache either.
fn open(path: &Path, wait: Duration) -> rusqlite::Result<Connection> {
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    db.busy_timeout(wait)?;
    db.pragma_update(None, "query_only", true)?;
    Ok(db)
}

/// Why reading failed, for people: a writer's lock named as such, anything else as SQLite
/// says it.
fn locked_or(error: &rusqlite::Error, wait: Duration) -> String {
    let busy = matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    );
    let read_only = error.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly);
    if read_only {
        // A hot journal: a write was cut off (newsboat killed mid-reload), and only a
        // connection that may write can roll it back. folio never writes the cache.
        return format!(
            "newsboat's cache holds an unfinished write that only a writer can undo ({}); \
             start and quit newsboat once, then read it again",
            sanitize(&error.to_string())
        );
    }
    if busy {
        format!(
            "another program (newsboat reloading?) kept newsboat's cache locked for writing \
             longer than {} seconds, so no consistent snapshot could be read; try again when \
             it has finished",
            wait.as_secs_f32()
        )
    } else {
        format!(
            "newsboat's cache could not be read ({})",
            sanitize(&error.to_string())
        )
    }
}

/// The names of `rss_item`'s columns; empty when there is no such table.
fn columns(db: &Connection) -> rusqlite::Result<Vec<String>> {
    table_columns(db, "rss_item")
}

fn feed_columns(db: &Connection) -> rusqlite::Result<Vec<String>> {
    table_columns(db, "rss_feed")
}

fn table_columns(db: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = db.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = statement.query_map([table], |row| row.get::<_, String>(0))?;
    names.collect()
}

/// One row of `rss_item` and its feed's title, as read: SQLite's columns hold whatever type
/// was written, so each is taken as text where it can be.
struct Item {
    id: i64,
    title: Option<String>,
    url: Option<String>,
    feed_url: Option<String>,
    published: Option<Published>,
    /// What `pubDate` held when it is no date.
    bad_date: Option<String>,
    content: Option<String>,
    author: Option<String>,
    guid: Option<String>,
    mime: Option<String>,
    deleted: bool,
    feed_title: Option<String>,
}

impl Item {
    fn of(row: &Row) -> Item {
        let text = |i: usize| text(row, i);
        let (published, bad_date) = match row.get_ref(4) {
            Ok(ValueRef::Integer(seconds)) => match stamp::unix_day(seconds) {
                Some(day) => (Some(Published::day(day)), None),
                None => (None, (seconds != 0).then(|| seconds.to_string())),
            },
            _ => match text(4) {
                Some(t) => match stamp::day(&t) {
                    Some(day) => (Some(Published::day(day)), None),
                    None => (None, Some(t)),
                },
                None => (None, None),
            },
        };
        Item {
            id: row.get::<_, i64>(0).unwrap_or_default(),
            title: text(1),
            url: text(2),
            feed_url: text(3),
            published,
            bad_date,
            content: text(5),
            author: text(6),
            guid: text(7),
            mime: text(8),
            deleted: matches!(row.get_ref(9), Ok(ValueRef::Integer(n)) if n != 0),
            feed_title: text(10),
        }
    }
}

/// Column `i` as text: invalid UTF-8 decoded lossily, numbers written out, blanks as none.
fn text(row: &Row, i: usize) -> Option<String> {
    let text = match row.get_ref(i).ok()? {
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            String::from_utf8_lossy(bytes).into_owned()
        }
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

fn article(path: &Path, position: usize, row: Item) -> Result<Article, Problem> {
    let url = row
        .url
        .as_deref()
        .map(|u| sanitize_url(u.trim()).into_owned());
    let label = row
        .title
        .as_deref()
        .or(url.as_deref())
        .or(row.guid.as_deref());
    let name = format!("{} (rss_item id {})", item::name(position, label), row.id);
    if row.deleted {
        return Err(item::skipped(path, &name, "was deleted in newsboat"));
    }
    let mut notes = Notes::new(path);
    let is_plain = row
        .mime
        .as_deref()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/plain"));
    let mut paragraphs = match row.content.as_deref() {
        Some(content) if is_plain => html::text_paragraphs(content),
        Some(content) => html::paragraphs(content),
        None => Vec::new(),
    };
    let title = item::titled(
        path,
        &name,
        row.title.as_deref(),
        &mut paragraphs,
        &mut notes,
    )?;
    let why_undated = row
        .bad_date
        .as_deref()
        .map(|d| format!("the pubDate \"{}\" is not a date", sanitize(d)));
    let published = item::date_or_note(row.published, why_undated, &mut notes);
    let host = |u: Option<&str>| u.and_then(url::host).map(|h| url::source_from_host(&h));
    let source = row
        .feed_title
        .as_deref()
        .map(html::collapse_whitespace)
        .filter(|t| !t.is_empty())
        .or_else(|| host(url.as_deref()))
        .or_else(|| host(row.feed_url.as_deref()))
        .map(|s| sanitize(&s).into_owned())
        .unwrap_or_default();
    let language = item::language_of(None, &title, "", &paragraphs, &mut notes);
    let meta = Meta {
        authors: item::clean_list(row.author.as_deref()),
        ..Meta::default()
    };
    // newsboat keeps no summary apart from the content: no lede.
    let fields = item::Fields {
        url,
        title,
        source,
        language,
        published,
        paragraphs,
        meta,
        ..item::Fields::default()
    };
    let mut article = item::article(path, fields, &mut notes);
    article.problems = item::named(notes.problems, &name);
    Ok(article)
}

#[cfg(test)]
#[path = "newsboat_tests.rs"]
mod tests;
