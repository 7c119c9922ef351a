//! The archive as RSS 2.0 feeds, one per source, for newsboat: the same articles a folio user
//! reads, given to a feed reader the way it takes them (title, link, full text, date).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use folio::article::Article;

pub struct Feeds {
    /// newsboat's urls file: one `file://` URL per feed.
    pub urls: PathBuf,
    pub feeds: usize,
}

/// Writes the feeds of `archive` into `dir` the first time (a marker file records a finished
/// run) and returns where they are.
pub fn feeds(archive: &Path, files: &[PathBuf], dir: &Path) -> Result<Feeds, String> {
    let urls = dir.join("urls");
    let done = dir.join("feeds.complete");
    if done.exists() {
        let text = std::fs::read_to_string(&urls)
            .map_err(|e| format!("cannot read {}: {e}", urls.display()))?;
        return Ok(Feeds {
            urls,
            feeds: text.lines().count(),
        });
    }
    eprintln!(
        "writing the articles of {} as RSS feeds into {}",
        archive.display(),
        dir.display()
    );
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut writers: HashMap<String, (PathBuf, BufWriter<File>)> = HashMap::new();
    for path in files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(article) = folio::parse::parse_article(path, &bytes) else {
            continue;
        };
        if !writers.contains_key(&article.source) {
            let file = dir.join(format!("feed-{}.xml", writers.len()));
            let mut out = BufWriter::new(
                File::create(&file)
                    .map_err(|e| format!("cannot create {}: {e}", file.display()))?,
            );
            channel_start(&mut out, &article.source)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            writers.insert(article.source.clone(), (file, out));
        }
        if let Some((file, out)) = writers.get_mut(&article.source) {
            item(out, &article).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
    }
    let mut list = String::new();
    for (file, mut out) in writers.into_values() {
        out.write_all(b"</channel>\n</rss>\n")
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        list.push_str(&format!("file://{}\n", file.display()));
    }
    std::fs::write(&urls, &list).map_err(|e| format!("cannot write {}: {e}", urls.display()))?;
    std::fs::write(&done, b"").map_err(|e| format!("cannot write {}: {e}", done.display()))?;
    Ok(Feeds {
        urls,
        feeds: list.lines().count(),
    })
}

fn channel_start(out: &mut impl Write, source: &str) -> std::io::Result<()> {
    let source = escape(source);
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n\
         <title>{source}</title>\n<link>https://example.invalid/</link>\n\
         <description>{source}</description>\n"
    )
}

fn item(out: &mut impl Write, article: &Article) -> std::io::Result<()> {
    let link = article
        .url
        .clone()
        .unwrap_or_else(|| format!("file://{}", article.path.display()));
    let mut text = article.lede.clone();
    for paragraph in &article.paragraphs {
        text.push_str("\n\n");
        text.push_str(paragraph.text());
    }
    write!(
        out,
        "<item>\n<title>{}</title>\n<link>{}</link>\n<guid>{}</guid>\n\
         <description>{}</description>\n",
        escape(&article.title),
        escape(&link),
        escape(&article.id.0),
        escape(&text),
    )?;
    if let Some(published) = article.published {
        let date = published.date.format("%a, %d %b %Y 00:00:00 +0000");
        writeln!(out, "<pubDate>{date}</pubDate>")?;
    }
    writeln!(out, "</item>")
}

/// Text safe inside an XML element: markup escaped, and the control characters XML 1.0 does
/// not allow at all dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
