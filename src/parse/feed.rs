//! RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.x files: one article per item, read by
//! `feed-rs`.
//!
//! An item's text is its content, else its summary; when both are there the summary is the
//! lede. HTML in either is turned into paragraphs and headings (`parse/html.rs`), never shown
//! as markup. The feed's title is every item's source, its language their language unless an
//! item says otherwise. A DTD is refused before feed-rs sees the file (`parse/xml.rs`), so
//! entity bombs and external entities cannot work; feed-rs itself expands no entity but the
//! five XML predefines and character references.

use std::path::Path;
use std::sync::{Arc, Mutex};

use feed_rs::model::{Entry, Feed, Link, Text};
use feed_rs::parser::{Builder, ParseFeedError, Parser};

use super::{Notes, html, item, salvage, stamp, url, within_limit};
use crate::article::{Article, Meta, Paragraph, Problem, Published};
use crate::sanitize::{sanitize, sanitize_url};

/// Dates the feed writes that folio could not read, quoted in the problem of an item left
/// undated (feed-rs hands an unreadable date over as none, without saying which item's).
const QUOTED_DATES: usize = 3;

/// The items of a feed, each an article or the reason it is not one, in the file's order.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Result<Article, Problem>>, Problem> {
    let skip = |what: String| Problem::skipped(path, what);
    within_limit(path, bytes, "the feed", "one file")?;
    super::xml::refuse_dtd(bytes).map_err(skip)?;
    let unread_dates = Arc::new(Mutex::new(Vec::<String>::new()));
    let (feed, broken) = match parser(&unread_dates).parse(bytes) {
        Ok(feed) => (feed, None),
        Err(error) => {
            // The items before the damage are read rather than lost with the file.
            let salvage = matches!(error, ParseFeedError::XmlReader(_))
                .then(|| salvage::complete_items(bytes))
                .flatten()
                .ok_or_else(|| skip(unreadable(&error)))?;
            if let Ok(mut unread) = unread_dates.lock() {
                unread.clear();
            }
            let feed = parser(&unread_dates)
                .parse(salvage.bytes.as_slice())
                .map_err(|_| skip(unreadable(&error)))?;
            (feed, Some(salvage))
        }
    };
    if feed.entries.is_empty() {
        return Err(skip("the feed holds no items".to_owned()));
    }
    let unread_dates = unread_dates.lock().map(|d| d.clone()).unwrap_or_default();
    let channel = Channel::of(&feed, &unread_dates);
    let mut items: Vec<Result<Article, Problem>> = feed
        .entries
        .iter()
        .enumerate()
        .map(|(position, entry)| article(path, &channel, position, entry))
        .collect();
    json_feed_images(bytes, &mut items);
    if let Some(salvage) = broken {
        // At the position of the first item lost, so `folio check` lists it with the rest.
        items.push(Err(skip(format!(
            "the feed breaks off after item {} ({}); anything after it could not be read",
            salvage.items,
            sanitize(&salvage.error)
        ))));
    }
    Ok(items)
}

/// A feed-rs parser that reads dates as [`stamp`] does and notes those it cannot read. A new
/// one for every parse: feed-rs keeps state from a parse that failed, and asserts on it when
/// the parser is used again.
fn parser(unread_dates: &Arc<Mutex<Vec<String>>>) -> Parser {
    let unread_dates = Arc::clone(unread_dates);
    Builder::new()
        .sanitize_content(false)
        .timestamp_parser(move |text| {
            let day = stamp::day(text);
            if day.is_none()
                && let Ok(mut unread) = unread_dates.lock()
            {
                unread.push(text.trim().to_owned());
            }
            // Midnight of the day as written: only the day is used (see `stamp`).
            day.and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc())
        })
        .build()
}

/// Why feed-rs could not read the file, for people.
fn unreadable(error: &ParseFeedError) -> String {
    match error {
        ParseFeedError::ParseError(_) => {
            format!(
                "the file is not an RSS, Atom or JSON feed folio can read ({})",
                sanitize(&error.to_string())
            )
        }
        ParseFeedError::JsonUnsupportedVersion(v) => format!(
            "the JSON Feed's version \"{}\" is not one folio reads (it reads JSON Feed 1.x)",
            sanitize(v)
        ),
        _ => {
            format!(
                "the feed is malformed or cut short ({}); none of its items could be read",
                sanitize(&error.to_string())
            )
        }
    }
}

/// What the feed says for all its items.
struct Channel {
    /// The feed's title, else its site's host: every item's source.
    source: Option<String>,
    language: Option<String>,
    authors: Vec<String>,
    /// Quoted in the problem of an undated item.
    unread_dates: String,
}

impl Channel {
    fn of(feed: &Feed, unread_dates: &[String]) -> Channel {
        let title = feed.title.as_ref().map(text).filter(|t| !t.is_empty());
        let host = page_link(&feed.links).and_then(|l| url::host(l.trim()));
        let source =
            title.or_else(|| host.map(|h| sanitize(&url::source_from_host(&h)).into_owned()));
        let quoted: Vec<String> = unread_dates
            .iter()
            .take(QUOTED_DATES)
            .map(|d| format!("\"{}\"", sanitize(d)))
            .collect();
        Channel {
            source,
            language: feed.language.clone(),
            authors: people(&feed.authors),
            unread_dates: quoted.join(", "),
        }
    }
}

fn article(
    path: &Path,
    channel: &Channel,
    position: usize,
    entry: &Entry,
) -> Result<Article, Problem> {
    let own_title = entry.title.as_ref().map(text);
    let url = page_link(&entry.links)
        .or_else(|| {
            Some(entry.id.as_str())
                .filter(|id| id.starts_with("http://") || id.starts_with("https://"))
        })
        .map(|u| sanitize_url(u.trim()).into_owned())
        .filter(|u| !u.is_empty());
    let label = own_title
        .as_deref()
        .filter(|t| !t.is_empty())
        .or(url.as_deref());
    let name = item::name(position, label);
    let mut notes = Notes::new(path);

    let content = entry
        .content
        .as_ref()
        .map(content_paragraphs)
        .unwrap_or_default();
    let summary = entry.summary.as_ref();
    let (mut paragraphs, lede, lede_truncated) = if content.is_empty() {
        (
            summary.map(text_paragraphs).unwrap_or_default(),
            String::new(),
            false,
        )
    } else {
        let (lede, cut) =
            summary.map_or((String::new(), false), |s| item::lede(&text(s), &content));
        (content, lede, cut)
    };
    let title = item::titled(
        path,
        &name,
        own_title.as_deref(),
        &mut paragraphs,
        &mut notes,
    )?;

    let published = entry
        .published
        .or(entry.updated)
        .map(|t| Published::day(t.date_naive()));
    let why_undated = (!channel.unread_dates.is_empty()).then(|| {
        format!(
            "no date folio can read (the feed's unreadable dates include {})",
            channel.unread_dates
        )
    });
    let published = item::date_or_note(published, why_undated, &mut notes);
    let code = entry.language.as_deref().or(channel.language.as_deref());
    let language = item::language_of(code, &title, &lede, &paragraphs, &mut notes);
    let source = channel.source.clone().unwrap_or_else(|| {
        url.as_deref()
            .and_then(url::host)
            .map(|h| sanitize(&url::source_from_host(&h)).into_owned())
            .unwrap_or_default()
    });
    let mut authors = people(&entry.authors);
    if authors.is_empty() {
        authors = channel.authors.clone();
    }
    let categories = item::clean_list(
        entry
            .categories
            .iter()
            .map(|c| c.label.as_deref().unwrap_or(&c.term)),
    );
    let meta = Meta {
        authors,
        categories,
        tags: Vec::new(),
        image_url: image(entry),
    };

    let fields = item::Fields {
        url,
        title,
        lede,
        lede_truncated,
        source,
        language,
        published,
        paragraphs,
        meta,
    };
    let mut article = item::article(path, fields, &mut notes);
    article.problems = item::named(notes.problems, &name);
    Ok(article)
}

/// A JSON Feed item's `image` (else `banner_image`), which feed-rs does not keep, for the
/// items that have no other picture. Items are matched by position: feed-rs keeps every item
/// of a JSON Feed, in order.
fn json_feed_images(bytes: &[u8], items: &mut [Result<Article, Problem>]) {
    let start = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(bytes)
        .trim_ascii_start();
    if !start.starts_with(b"{") {
        return;
    }
    let Ok(feed) = serde_json::from_slice::<serde_json::Value>(start) else {
        return;
    };
    let Some(json_items) = feed.get("items").and_then(|i| i.as_array()) else {
        return;
    };
    for (article, json) in items.iter_mut().zip(json_items) {
        let image = ["image", "banner_image"]
            .iter()
            .find_map(|k| json.get(*k).and_then(|v| v.as_str()))
            .map(|u| sanitize_url(u.trim()).into_owned())
            .filter(|u| !u.is_empty());
        if let Ok(article) = article
            && article.meta.image_url.is_none()
        {
            article.meta.image_url = image;
        }
    }
}

/// A title or summary as one line of text: HTML flattened, plain text's whitespace collapsed.
fn text(t: &Text) -> String {
    if is_html(t.content_type.essence().to_string().as_str()) {
        html::inline_text(&t.content)
    } else {
        sanitize(&html::collapse_whitespace(&t.content)).into_owned()
    }
}

/// A summary as paragraphs, when it is all the text an item has.
fn text_paragraphs(t: &Text) -> Vec<Paragraph> {
    if is_html(t.content_type.essence().to_string().as_str()) {
        html::paragraphs(&t.content)
    } else {
        html::text_paragraphs(&t.content)
    }
}

fn content_paragraphs(content: &feed_rs::model::Content) -> Vec<Paragraph> {
    let Some(body) = content.body.as_deref() else {
        return Vec::new();
    };
    let kind = content.content_type.essence().to_string();
    if is_html(&kind) {
        html::paragraphs(body)
    } else if kind.starts_with("text/") {
        html::text_paragraphs(body)
    } else {
        // An image or other media as an item's content has no text to show.
        Vec::new()
    }
}

fn is_html(media_type: &str) -> bool {
    matches!(
        media_type,
        "text/html" | "application/xhtml+xml" | "text/xhtml"
    )
}

/// The page a feed or item links to: its `alternate` link (Atom), else its only link.
fn page_link(links: &[Link]) -> Option<&str> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.as_str())
}

/// Names of people; RSS writes `desk@example.org (Jane Doe)`, which feed-rs splits into the
/// address and the name still in its parentheses.
fn people(people: &[feed_rs::model::Person]) -> Vec<String> {
    item::clean_list(people.iter().filter_map(|p| {
        let name = p.name.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let name = name.map(|n| {
            n.strip_prefix('(')
                .and_then(|n| n.strip_suffix(')'))
                .unwrap_or(n)
        });
        name.or(p.email.as_deref())
    }))
}

/// The item's picture: a media thumbnail, else an image among its media.
fn image(entry: &Entry) -> Option<String> {
    let thumbnail = entry
        .media
        .iter()
        .flat_map(|m| &m.thumbnails)
        .map(|t| t.image.uri.as_str())
        .next();
    let picture = || {
        entry
            .media
            .iter()
            .flat_map(|m| &m.content)
            .filter(|c| {
                c.content_type
                    .as_ref()
                    .is_some_and(|t| t.essence().to_string().starts_with("image/"))
            })
            .find_map(|c| c.url.as_ref().map(|u| u.as_str()))
    };
    thumbnail
        .or_else(picture)
        .map(|u| sanitize_url(u.trim()).into_owned())
        .filter(|u| !u.is_empty())
}

#[cfg(test)]
#[path = "feed_tests.rs"]
mod tests;
