//! The headless subcommands.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};

use super::archive::{self, Opened};
use super::print::{Record, source_width, write_problem};
use super::{EXIT_NOTHING, EXIT_OK, OutputArgs};
use crate::article::{ArticleId, Severity};
use crate::catalog::{Catalog, Entry};
use crate::export::research::{NoResearch, Research, ResearchSource};
use crate::sanitize::sanitize;
use crate::search::{self, Backend, FlagFilter, Matcher, Query, QueryError, SearchOptions, SortBy};
use crate::state::{ReadingState, StateSnapshot};
use crate::store::{read_article, read_article_at};

pub struct SearchArgs {
    pub query: String,
    pub count: bool,
    /// With `count`: count stories (each group of copies once) rather than articles.
    pub stories: bool,
    pub sort: SortBy,
    pub limit: Option<usize>,
    /// Where the reading state is, for `is:` filters.
    pub data_dir: Option<PathBuf>,
}

pub fn list(
    opened: &Opened,
    output: &OutputArgs,
    limit: Option<usize>,
    data_dir: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let timeline = opened.snapshot.timeline();
    let shown = &timeline[..limit.unwrap_or(usize::MAX).min(timeline.len())];
    let research = research(output, data_dir)?;
    print_entries(opened, shown, output, None, research.as_deref(), out)?;
    Ok(EXIT_OK)
}

pub fn search(
    opened: &Opened,
    args: &SearchArgs,
    output: &OutputArgs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let backend: &dyn Backend = opened.snapshot.as_ref();
    let query = Query::parse(&args.query).map_err(|e| search_error(&args.query, e))?;
    let flags = if query.flags().is_empty() {
        None
    } else {
        let copies = opened.snapshot.copies();
        Some(Arc::new(reading_state(
            &query,
            args.data_dir.as_deref(),
            copies,
        )?))
    };
    let options = SearchOptions {
        sort: args.sort,
        // Stories are counted from the matches themselves.
        limit: if args.count && !args.stories {
            0
        } else if args.count {
            usize::MAX
        } else {
            args.limit.unwrap_or(usize::MAX)
        },
    };
    let hits = search::search_with(backend, &query, flags, &options)?;
    if args.count && args.stories {
        let stories = super::dupes::stories(&opened.snapshot.copies(), &hits.entries);
        writeln!(out, "{stories}")?;
    } else if args.count {
        writeln!(out, "{}", hits.count)?;
    } else {
        let matcher = backend.highlights(&query);
        let research = research(output, args.data_dir.as_deref())?;
        let shown = &hits.entries;
        print_entries(
            opened,
            shown,
            output,
            Some(&matcher),
            research.as_deref(),
            out,
        )?;
    }
    Ok(if hits.count == 0 {
        EXIT_NOTHING
    } else {
        EXIT_OK
    })
}

/// The reading state that `is:unread` and `is:starred` are answered from.
pub(super) fn reading_state(
    query: &Query,
    data_dir: Option<&Path>,
    copies: Arc<crate::copies::Groups>,
) -> anyhow::Result<FlagFilter> {
    let dir = crate::state::data_dir(data_dir)?;
    let path = crate::state::default_path(&dir);
    let marks = if path.exists() {
        ReadingState::open(&path)?.snapshot()?
    } else {
        // Nothing was ever read or starred here.
        StateSnapshot::default()
    };
    Ok(flag_filter(query, &marks, copies))
}

/// What the query's `is:` and `label:` terms are answered from: the reading state's read
/// marks, stars, labels and notes, and the archive's copies. Every command that takes a query
/// builds its filter here, so a term works the same in all of them.
pub(super) fn flag_filter(
    query: &Query,
    marks: &StateSnapshot,
    copies: Arc<crate::copies::Groups>,
) -> FlagFilter {
    let mut filter = FlagFilter {
        wanted: query.flags(),
        read: marks.read.clone(),
        starred: marks.starred.clone(),
        copies,
        ..FlagFilter::default()
    };
    filter.labels_for(marks.labels.iter().map(|(h, l)| (*h, l.as_slice())));
    filter.notes_for(marks.notes.keys().copied());
    filter
}

/// The parse error, quoting the part of the query it is about.
pub(super) fn search_error(text: &str, error: QueryError) -> anyhow::Error {
    let part = text.get(error.span.clone()).filter(|p| !p.is_empty());
    match part {
        Some(part) if part != text => anyhow::anyhow!(
            "cannot understand the query \"{text}\" at \"{part}\": {}",
            error.message
        ),
        _ => anyhow::anyhow!("cannot understand the query \"{text}\": {}", error.message),
    }
}

/// `matcher` adds the hits in each title (`highlights` in JSON).
/// Where `--json` finds each article's labels: the reading state, when there is one (none
/// before the reader or `folio label` first saved one), read once, so that a line costs a
/// lookup rather than a query. Plain lines need none.
fn research(
    output: &OutputArgs,
    data_dir: Option<&Path>,
) -> anyhow::Result<Option<Box<dyn ResearchSource>>> {
    if !output.json {
        return Ok(None);
    }
    let path = crate::state::default_path(&crate::state::data_dir(data_dir)?);
    if !path.exists() {
        return Ok(Some(Box::new(NoResearch)));
    }
    let state = ReadingState::open(&path)?;
    for warning in state.warnings() {
        eprintln!("folio: {}", sanitize(warning));
    }
    Ok(Some(Box::new(LabelsRead(state.labels()?))))
}

/// Every article's labels as read from the reading state, by `catalog::id_hash`.
struct LabelsRead(std::collections::HashMap<u64, Vec<String>>);

impl ResearchSource for LabelsRead {
    fn research(&self, id: &ArticleId) -> Research {
        Research {
            labels: self
                .0
                .get(&crate::catalog::id_hash(id))
                .cloned()
                .unwrap_or_default(),
            ..Research::default()
        }
    }
}

fn print_entries(
    opened: &Opened,
    entries: &[Entry],
    output: &OutputArgs,
    matcher: Option<&Matcher>,
    research: Option<&dyn ResearchSource>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let labels = |id: &ArticleId| research.map(|r| r.research(id).labels);
    let snapshot = &opened.snapshot;
    let width = source_width(snapshot.sources().iter().map(|(s, _)| s.as_str()));
    for entry in entries {
        if output.body {
            match snapshot.load(entry) {
                Ok(article) => {
                    let mut record = Record::from_article(&article);
                    record.highlights = matcher.map(|m| m.char_spans(&article.title));
                    record.group = Some(super::dupes::group_fields(snapshot.as_ref(), entry));
                    record.labels = labels(&article.id);
                    if output.json {
                        record.write_json(out)?;
                    } else {
                        record.write_line(width, out)?;
                        for paragraph in &article.paragraphs {
                            writeln!(out, "    {}", paragraph.text())?;
                        }
                    }
                }
                // The file changed or vanished since the sync: say so and go on.
                Err(problem) => eprintln!("folio: {}", sanitize(&problem.to_string())),
            }
            continue;
        }
        let Some(row) = snapshot.row(entry) else {
            continue;
        };
        // Problems and meta from one read of the stored document, for JSON only.
        let (problems, meta) = match output.json.then(|| snapshot.stored(entry.doc)).flatten() {
            Some(stored) => (stored.problems, stored.meta),
            None => Default::default(),
        };
        let mut record = Record::from_row(&row, &problems);
        record.meta = meta;
        record.highlights = matcher.map(|m| m.char_spans(&row.title));
        if output.json {
            record.group = Some(super::dupes::group_fields(snapshot.as_ref(), entry));
            record.labels = labels(&row.id);
        }
        if output.json {
            record.write_json(out)?;
        } else {
            record.write_line(width, out)?;
        }
    }
    Ok(())
}

pub fn show(
    target: &str,
    within: Vec<PathBuf>,
    cache: Option<PathBuf>,
    sync: archive::Sync,
    json: bool,
    width: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let path = Path::new(target);
    let article = if path.is_dir() {
        bail!(
            "{} is a folder; `folio list {}` lists its articles, `folio show FILE` shows one",
            sanitize(target),
            sanitize(target)
        );
    } else if path.exists() {
        match read_article(path) {
            Ok(article) => article,
            Err(problem) => bail!("{}", problem),
        }
    } else if let Some((file, line)) = file_and_line(target) {
        // `dump.jsonl:12`: the article on that line of a file of many.
        match read_article_at(file, line - 1) {
            Ok(article) => article,
            Err(problem) => bail!("{}", problem),
        }
    } else {
        let opened = archive::open(within, cache, sync)?;
        let Some(entry) = opened.snapshot.find(&ArticleId(target.to_string())) else {
            let roots: Vec<_> = opened
                .store
                .roots()
                .iter()
                .map(|r| sanitize(&r.to_string_lossy()).into_owned())
                .collect();
            eprintln!(
                "folio: {} is neither a file nor the id of an article in {}; \
                 `folio list --json` shows the ids",
                sanitize(target),
                roots.join(", ")
            );
            return Ok(EXIT_NOTHING);
        };
        match opened.snapshot.load(&entry) {
            Ok(article) => article,
            Err(problem) => bail!("{}", problem),
        }
    };
    let record = Record::from_article(&article);
    if json {
        record.write_json(out)?;
    } else {
        record.write_text(width.unwrap_or_else(terminal_width), out)?;
    }
    Ok(EXIT_OK)
}

/// `FILE:LINE` naming an existing file and a line from 1, as `folio check` prints them.
fn file_and_line(target: &str) -> Option<(&Path, usize)> {
    let (file, line) = target.rsplit_once(':')?;
    let line: usize = line.parse().ok().filter(|&l| l > 0)?;
    let file = Path::new(file);
    file.is_file().then_some((file, line))
}

pub(super) fn terminal_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((columns, _)) = crossterm::terminal::size()
    {
        return usize::from(columns);
    }
    80
}

pub fn check(opened: &Opened, out: &mut dyn Write) -> anyhow::Result<i32> {
    let snapshot = &opened.snapshot;
    let problems = snapshot.problems();
    for problem in problems {
        write_problem(problem, out)?;
    }
    let skipped = problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    // A skipped part of a file of many articles (a bad line) is counted apart from files.
    let skipped_parts = problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped && p.at.is_some())
        .count();
    let skipped_files = skipped - skipped_parts;
    let repaired = problems.len() - skipped;
    let articles = snapshot.timeline().len();
    let parts = match skipped_parts {
        0 => String::new(),
        n => format!("; {n} {} skipped", plural(n, "article", "articles")),
    };
    writeln!(
        out,
        "{articles} {} read; {skipped_files} {} skipped{parts}; {repaired} {} repaired",
        plural(articles, "article", "articles"),
        plural(skipped_files, "file", "files"),
        plural(repaired, "problem", "problems"),
    )?;
    Ok(if skipped > 0 { EXIT_NOTHING } else { EXIT_OK })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

pub fn generate(dir: &Path, count: usize, seed: u64, out: &mut dyn Write) -> anyhow::Result<i32> {
    let options = crate::generate::GenerateOptions {
        count,
        seed,
        ..Default::default()
    };
    let shown = sanitize(&dir.to_string_lossy()).into_owned();
    let report = crate::generate::generate(dir, &options, &mut |_| {})
        .with_context(|| format!("cannot write the archive into {shown}"))?;
    writeln!(
        out,
        "wrote {} articles ({} MB) into {shown}",
        report.files,
        report.bytes / (1024 * 1024)
    )?;
    Ok(EXIT_OK)
}
