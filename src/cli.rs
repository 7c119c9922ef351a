//! The command line: `folio [PATH...]` opens the reader; the subcommands answer headlessly,
//! in plain text or JSON lines, for people, scripts and benchmarks.

mod archive;
mod commands;
mod counts;
mod dupes;
mod export;
mod kwic;
mod label;
mod notes;
mod print;
mod progress_line;
mod remote;
mod saved;
mod searches;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::sanitize::sanitize_block;
use crate::search::SortBy;

/// Everything went as asked.
pub const EXIT_OK: i32 = 0;
/// Nothing to show, or files that could not be read: no search match, no article with that
/// id, or `check` found a file that is not an article.
pub const EXIT_NOTHING: i32 = 1;
/// The command could not run: bad arguments, a missing folder, an unusable index.
pub const EXIT_ERROR: i32 = 2;

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  nothing found: no match for the search, no article with that id, or `check` found files
     that could not be read as articles
  2  error: bad arguments, a folder that does not exist, an index that cannot be written

Without PATH, folio uses the bundled demo archive (seeds/).";

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "A keyboard-driven reader for archives of news articles",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Folders of article files to open in the reader.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Where to keep the search index (default: the user's cache folder).
    #[arg(long, global = true, env = "FOLIO_CACHE_DIR", value_name = "DIR")]
    cache_dir: Option<PathBuf>,

    /// Where to keep reading state: read marks, stars, positions (default: the user's data folder).
    #[arg(long, global = true, env = "FOLIO_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// A config file for keys, theme and layout (default: folio/config.toml in the user's
    /// config folder; see assets/keymap.toml and assets/theme.toml for what it may hold).
    #[arg(long, global = true, env = "FOLIO_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,

    /// Read (and with `publish`, write) a shared archive in Manticore or sphinxsearch instead
    /// of local folders: a sphinxql://host:port/table URL, or the remote.toml that
    /// `folio remote config` writes.
    #[arg(long, global = true, env = "FOLIO_REMOTE", value_name = "URL|FILE")]
    remote: Option<String>,

    /// With --remote: how long one request to the engine may take before it fails.
    #[arg(long, global = true, value_name = "SECONDS")]
    timeout: Option<f64>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The timeline: every article, newest first, one a line (date, source, title).
    List {
        #[command(flatten)]
        archive: ArchiveArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Print at most N articles.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// One article as readable, wrapped text.
    Show {
        /// An article id (its URL, as `list --json` prints it), the path of an article file
        /// (its first article), or FILE:LINE for the article on that line of a JSON Lines file.
        #[arg(value_name = "ID|FILE[:LINE]")]
        target: String,
        /// Look the id up in these folders (default: the bundled archive).
        #[arg(long = "in", value_name = "PATH")]
        within: Vec<PathBuf>,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Wrap at this many columns (default: the terminal's width, or 80).
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
        /// Answer from the index as it is, without looking for changed files.
        #[arg(long, conflicts_with = "sync")]
        no_sync: bool,
        /// `full`: look at every file, including those rewritten in place (which a plain
        /// command does not see: it lists only the folders whose time changed).
        #[arg(long, value_enum, value_name = "HOW")]
        sync: Option<SyncHow>,
    },
    /// Articles matching QUERY, newest first. Words are ANDed, case and accents ignored, the
    /// last word may be the start of a word; also "exact phrase", -word or NOT word, a AND b,
    /// a OR b, title:, source:, lang:fr, date:2022-01 or date:2022-01-10..2022-02-15,
    /// is:unread, is:starred.
    Search {
        /// What to look for, e.g. 'erdogan "garanties de sécurité" -otan date:2022'.
        query: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Print only the number of matching articles.
        #[arg(long)]
        count: bool,
        /// With --count: count stories, each group of copies once, rather than articles.
        #[arg(long, requires = "count")]
        stories: bool,
        /// Order of the results.
        #[arg(long, value_enum, default_value_t = Sort::Date)]
        sort: Sort,
        /// Print at most N articles.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Every hit of QUERY in context, one line per hit (not per article): date, source, the
    /// words before, the hit, the words after. The same query language as `search`; a phrase
    /// is one hit.
    Kwic {
        /// What to look for, e.g. '"garanties de sécurité"' or 'erdo'.
        query: String,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// Words of context either side of the hit (Chinese and Japanese: characters).
        #[arg(long, value_name = "N", default_value_t = crate::kwic::DEFAULT_WINDOW,
              value_parser = clap::value_parser!(u16).range(1..=crate::kwic::MAX_WINDOW as i64)
                  .map(usize::from))]
        window: usize,
        /// Order of the lines: by date (newest first), or by the words after or before the hit.
        #[arg(long, value_enum, default_value_t = KwicSort::Date)]
        sort: KwicSort,
        /// One JSON object per line.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV (RFC 4180) with a header row.
        #[arg(long)]
        csv: bool,
    },
    /// Per period, how many articles each QUERY matches, the archive's total and the share.
    /// Several queries side by side; trailing words that name existing folders are the
    /// archive (or name the queries with --query and give the folders alone).
    Counts {
        /// Queries, then the folders of the archive (default: the bundled archive).
        #[arg(value_name = "QUERY|PATH", required_unless_present = "query")]
        words: Vec<String>,
        /// A query (repeatable); with it, every other word is a folder.
        #[arg(long, short = 'q', value_name = "QUERY")]
        query: Vec<String>,
        /// The period of a row. By day and by week, articles known only to their month get a
        /// row of their own for the month.
        #[arg(long, value_enum, default_value_t = CountsBy::Month)]
        by: CountsBy,
        /// One JSON object per period.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV (RFC 4180) with a header row.
        #[arg(long)]
        csv: bool,
        /// Answer from the index as it is, without looking for new, changed or deleted files.
        #[arg(long, conflicts_with = "sync")]
        no_sync: bool,
        /// `full`: look at every file, including those rewritten in place.
        #[arg(long, value_enum, value_name = "HOW")]
        sync: Option<SyncHow>,
    },
    /// Every file that could not be read cleanly, one a line, and a summary.
    Check {
        #[command(flatten)]
        archive: ArchiveArgs,
    },
    /// Add (+name) and remove (-name) labels on every article QUERY finds, e.g.
    /// `folio label +security -to-check 'otan date:2022' ~/news`; prints how many changed.
    /// One action: undo in the reader (U) reverts it.
    Label {
        /// +LABEL and -LABEL words, then the query (quoted; '' is every article), then the
        /// archive's folders (default: the bundled archive).
        #[arg(
            value_name = "+LABEL -LABEL QUERY PATH",
            required = true,
            allow_hyphen_values = true
        )]
        words: Vec<String>,
        /// The query, when it starts with - (then every word is a label or a folder).
        #[arg(long, value_name = "QUERY")]
        query: Option<String>,
        /// List the articles that would change (date, title, URL) and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Answer from the index as it is, without looking for changed files.
        #[arg(long, conflicts_with = "sync")]
        no_sync: bool,
        /// `full`: look at every file, including those rewritten in place.
        #[arg(long, value_enum, value_name = "HOW")]
        sync: Option<SyncHow>,
    },
    /// Every saved search (config.toml's [[search]] and those saved in the reader) with how
    /// many articles it finds and how many are unread; `folio searches delete NAME` deletes
    /// one saved in the reader.
    #[command(args_conflicts_with_subcommands = true)]
    Searches {
        #[command(subcommand)]
        action: Option<SearchesAction>,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// One JSON object a line: name, query, origin (config or saved), count, unread.
        #[arg(long)]
        json: bool,
    },
    /// Notes and highlights made in the reader (V), one a line: date, title, quote, note;
    /// only those of the articles QUERY finds when one is given. A passage the article no
    /// longer holds is printed as gone.
    Notes {
        /// Which articles' notes, e.g. 'label:security date:2022' ('' or nothing: all; a
        /// folder given alone is the archive).
        query: Option<String>,
        #[command(flatten)]
        archive: ArchiveArgs,
        /// One JSON object per note: url, title, date, quote, note, paragraph, start, end,
        /// anchored (whether the passage was found in the text as it is now), found.
        #[arg(long)]
        json: bool,
    },
    /// Reading state as data: export it as JSON lines, or merge such a file in.
    State {
        #[command(subcommand)]
        action: StateAction,
    },
    /// Write the articles matching QUERY ('' for all), or a reproducible sample of them, for a
    /// spreadsheet (csv), a script (jsonl), notes (markdown) or a reference manager (ris,
    /// bibtex, csl-json), newest first.
    Export(export::ExportArgs),
    /// The stories published more than once (wire copies, republications, near-duplicates):
    /// each group's earliest article, then its copies; a summary at the end.
    Dupes {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// One JSON object per group: `group` (the earliest's id) and `articles`, earliest
        /// first, as `folio list --json` prints them.
        #[arg(long)]
        json: bool,
    },
    /// Send every article of an archive to a shared archive (--remote): only what changed
    /// since the last run, deleting what disappeared; a killed run resumes.
    Publish {
        #[command(flatten)]
        archive: ArchiveArgs,
        /// A shard to publish to (repeat for each, in order); default: those remote.toml lists.
        #[arg(long = "shard", value_name = "URL")]
        shards: Vec<String>,
        /// Where to keep what was sent (default: in the cache folder, one per remote archive).
        #[arg(long, value_name = "FILE")]
        ledger: Option<PathBuf>,
    },
    /// Set up a shared archive: `folio remote config` writes the searchd configuration.
    Remote {
        #[command(subcommand)]
        command: RemoteCommand,
    },
    /// Write a synthetic archive of N articles in the seed format (for benchmarks).
    Generate {
        /// The folder to write into (created if needed).
        dir: PathBuf,
        /// How many articles.
        #[arg(long, value_name = "N")]
        count: usize,
        /// The same seed writes the same archive.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum SearchesAction {
    /// Delete a search saved in the reader (those of config.toml are deleted there).
    Delete {
        /// The search's name, with or without its @.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
enum StateAction {
    /// Every article with any state (read, starred, position, labels, notes), one JSON object a
    /// line, to stdout: `folio state export > state.jsonl`.
    Export,
    /// Merge an export into this reading state by article id: labels and notes are joined, read and
    /// starred kept if either side has them, the newer position wins; conflicts are
    /// reported and nothing is removed.
    Import {
        /// A file written by `folio state export`.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum RemoteCommand {
    /// Write searchd configs for N shard processes and the distributed table in front of
    /// them (SphinxQL on PORT; shard i on PORT+i, its agent port PORT+N+i), and remote.toml.
    Config {
        /// How many shards (searchd processes holding the articles).
        #[arg(long, default_value_t = 2, value_name = "N")]
        shards: usize,
        /// The front's SphinxQL port; the shards take the ports after it.
        #[arg(long, default_value_t = 9306, value_name = "P")]
        port: u16,
        /// The folder for the configs, data and logs (created if needed).
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        /// The distributed table's name (the shards' tables are NAME_shard).
        #[arg(long, default_value = "folio", value_name = "NAME")]
        table: String,
        /// The address to listen on and reach the shards at.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        host: String,
    },
}

#[derive(Debug, Args)]
struct ArchiveArgs {
    /// Folders of article files (default: the bundled archive).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Answer from the index as it is, without looking for new, changed or deleted files
    /// (fast; the index must exist).
    #[arg(long, conflicts_with = "sync")]
    no_sync: bool,
    /// `full`: look at every file, including those rewritten in place (which a plain
    /// command does not see: it lists only the folders whose time changed).
    #[arg(long, value_enum, value_name = "HOW")]
    sync: Option<SyncHow>,
}

/// The only value of `--sync`; a plain command's sync needs no flag.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum SyncHow {
    Full,
}

/// How a command brings the index up to date, from `--no-sync` and `--sync`.
fn sync_mode(no_sync: bool, sync: Option<SyncHow>) -> archive::Sync {
    match (no_sync, sync) {
        (true, _) => archive::Sync::None,
        (false, Some(SyncHow::Full)) => archive::Sync::Full,
        (false, None) => archive::Sync::ChangedFolders,
    }
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// One JSON object per line.
    #[arg(long)]
    json: bool,
    /// Include the paragraphs (in JSON: a `paragraphs` list).
    #[arg(long)]
    body: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KwicSort {
    Date,
    After,
    Before,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CountsBy {
    Day,
    Week,
    Month,
    Year,
}

impl From<KwicSort> for crate::kwic::Order {
    fn from(sort: KwicSort) -> Self {
        match sort {
            KwicSort::Date => crate::kwic::Order::Date,
            KwicSort::After => crate::kwic::Order::After,
            KwicSort::Before => crate::kwic::Order::Before,
        }
    }
}

impl From<CountsBy> for crate::counts::By {
    fn from(by: CountsBy) -> Self {
        match by {
            CountsBy::Day => crate::counts::By::Day,
            CountsBy::Week => crate::counts::By::Week,
            CountsBy::Month => crate::counts::By::Month,
            CountsBy::Year => crate::counts::By::Year,
        }
    }
}

fn format(json: bool, csv: bool) -> kwic::Format {
    match (json, csv) {
        (true, _) => kwic::Format::Json,
        (_, true) => kwic::Format::Csv,
        _ => kwic::Format::Text,
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Sort {
    Date,
    Relevance,
}

impl From<Sort> for SortBy {
    fn from(sort: Sort) -> SortBy {
        match sort {
            Sort::Date => SortBy::Date,
            Sort::Relevance => SortBy::Relevance,
        }
    }
}

/// Runs folio with the process's arguments and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            // Some errors are reports of several lines (a config file's fault with its line
            // and a caret under the column): their line ends are kept.
            eprintln!("folio: {}", sanitize_block(&format!("{e:#}")));
            EXIT_ERROR
        }
    }
}

fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<i32> {
    let cache = cli.cache_dir;
    if let Some(remote) = cli.remote.as_deref() {
        let timeout = remote::timeout(cli.timeout);
        return run_remote(
            cli.command,
            remote,
            timeout,
            cache,
            cli.data_dir,
            cli.config,
            out,
        );
    }
    match cli.command {
        None => archive::open_reader(cli.paths, cache, cli.data_dir, cli.config),
        Some(Command::List {
            archive,
            output,
            limit,
        }) => commands::list(
            &archive.open(cache)?,
            &output,
            limit,
            cli.data_dir.as_deref(),
            out,
        ),
        Some(Command::Show {
            target,
            within,
            json,
            width,
            no_sync,
            sync,
        }) => {
            let sync = sync_mode(no_sync, sync);
            commands::show(&target, within, cache, sync, json, width, out)
        }
        Some(Command::Search {
            query,
            archive,
            output,
            count,
            stories,
            sort,
            limit,
        }) => {
            let options = commands::SearchArgs {
                query: saved::expand(query, cli.config.as_deref(), cli.data_dir.as_deref())?,
                count,
                stories,
                sort: sort.into(),
                limit,
                data_dir: cli.data_dir,
            };
            commands::search(&archive.open(cache)?, &options, &output, out)
        }
        Some(Command::Kwic {
            query,
            archive,
            window,
            sort,
            json,
            csv,
        }) => {
            let args = kwic::KwicArgs {
                query: saved::expand(query, cli.config.as_deref(), cli.data_dir.as_deref())?,
                window,
                order: sort.into(),
                format: format(json, csv),
                data_dir: cli.data_dir,
            };
            kwic::kwic(&archive.open(cache)?, &args, out)
        }
        Some(Command::Counts {
            words,
            query,
            by,
            json,
            csv,
            no_sync,
            sync,
        }) => {
            let (queries, paths) = counts::split_arguments(words, query);
            let queries = queries
                .into_iter()
                .map(|q| saved::expand(q, cli.config.as_deref(), cli.data_dir.as_deref()))
                .collect::<anyhow::Result<_>>()?;
            let archive = ArchiveArgs {
                paths,
                no_sync,
                sync,
            };
            let args = counts::CountsArgs {
                queries,
                by: by.into(),
                format: format(json, csv),
                data_dir: cli.data_dir,
            };
            counts::counts(&archive.open(cache)?, &args, out)
        }
        Some(Command::Check { archive }) => commands::check(&archive.open(cache)?, out),
        Some(Command::Label {
            mut words,
            query,
            dry_run,
            no_sync,
            sync,
        }) => {
            // Flags after a -label word may have been read as words.
            let dry_run = take_flag(&mut words, "--dry-run") || dry_run;
            let no_sync = take_flag(&mut words, "--no-sync") || no_sync;
            let args = label::LabelArgs {
                words,
                query,
                dry_run,
                data_dir: cli.data_dir,
                cache,
                sync: sync_mode(no_sync, sync),
                config: cli.config,
            };
            label::label(args, out)
        }
        Some(Command::Searches {
            action: Some(SearchesAction::Delete { name }),
            ..
        }) => searches::delete(&name, cli.data_dir.as_deref(), cli.config.as_deref(), out),
        Some(Command::Searches {
            action: None,
            archive,
            json,
        }) => searches::list(
            &archive.open(cache)?,
            json,
            cli.data_dir.as_deref(),
            cli.config.as_deref(),
            out,
        ),
        Some(Command::Notes {
            mut query,
            mut archive,
            json,
        }) => {
            // `folio notes ~/news`: a folder alone is the archive, not a query.
            if let Some(folder) = query.take_if(|q| Path::new(q.as_str()).is_dir()) {
                archive.paths.insert(0, PathBuf::from(folder));
            }
            let args = notes::NotesArgs {
                query: saved::expand(
                    query.unwrap_or_default(),
                    cli.config.as_deref(),
                    cli.data_dir.as_deref(),
                )?,
                json,
                data_dir: cli.data_dir,
            };
            notes::notes(&archive.open(cache)?, &args, out)
        }
        Some(Command::State { action }) => match action {
            StateAction::Export => label::export(cli.data_dir.as_deref(), out),
            StateAction::Import { file } => label::import(&file, cli.data_dir.as_deref(), out),
        },
        Some(Command::Export(mut args)) => {
            args.query = saved::expand(args.query, cli.config.as_deref(), cli.data_dir.as_deref())?;
            export::run(args, cache, cli.data_dir, out)
        }
        Some(Command::Dupes { archive, json }) => dupes::dupes(&archive.open(cache)?, json, out),
        Some(Command::Generate { dir, count, seed }) => commands::generate(&dir, count, seed, out),
        Some(Command::Remote { command }) => remote_command(command, out),
        Some(Command::Publish { .. }) => anyhow::bail!(
            "publish needs --remote: a sphinxql://host:port/table URL or the remote.toml that \
             `folio remote config` writes"
        ),
    }
}

fn remote_command(command: RemoteCommand, out: &mut dyn Write) -> anyhow::Result<i32> {
    match command {
        RemoteCommand::Config {
            shards,
            port,
            dir,
            table,
            host,
        } => {
            let layout = crate::remote::config::Layout {
                shards,
                port,
                table,
                host,
                dir,
            };
            remote::config(&layout, out)
        }
    }
}

/// The commands with `--remote`: the engine answers instead of the local index.
fn run_remote(
    command: Option<Command>,
    url: &str,
    timeout: std::time::Duration,
    cache: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    config: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    match command {
        None => archive::open_remote_reader(url, timeout, data_dir, config),
        Some(Command::List { output, limit, .. }) => {
            let (_, remote) = remote::open(url, timeout)?;
            remote::list(&remote, &output, limit, out)
        }
        Some(Command::Search {
            query,
            output,
            count,
            sort,
            limit,
            ..
        }) => {
            let (_, remote) = remote::open(url, timeout)?;
            let options = commands::SearchArgs {
                query: saved::expand(query, config.as_deref(), data_dir.as_deref())?,
                count,
                sort: sort.into(),
                limit,
                data_dir,
                stories: false,
            };
            remote::search(&remote, &options, &output, out)
        }
        Some(Command::Show {
            target,
            json,
            width,
            ..
        }) => {
            let (_, remote) = remote::open(url, timeout)?;
            let width = width.unwrap_or_else(commands::terminal_width);
            remote::show(&remote, &target, json, width, out)
        }
        Some(Command::Publish {
            archive,
            shards,
            ledger,
        }) => {
            let opened = archive.open(cache.clone())?;
            remote::publish_archive(&opened, url, &shards, ledger, cache, timeout, out)
        }
        Some(Command::Remote { command }) => remote_command(command, out),
        Some(Command::Check { .. } | Command::Generate { .. }) => {
            anyhow::bail!("check and generate work on local folders; run them without --remote")
        }
        Some(Command::Kwic {
            query,
            archive,
            window,
            sort,
            json,
            csv,
        }) => {
            remote::no_folders(&archive.paths)?;
            let (_, remote) = remote::open(url, timeout)?;
            let args = kwic::KwicArgs {
                query: saved::expand(query, config.as_deref(), data_dir.as_deref())?,
                window,
                order: sort.into(),
                format: format(json, csv),
                data_dir,
            };
            kwic::kwic_in(&remote, &args, out)
        }
        Some(Command::Counts {
            words,
            query,
            by,
            json,
            csv,
            ..
        }) => {
            // No folders with --remote: every word is a query (or --query names them all).
            let queries = match query.is_empty() {
                true => words,
                false => {
                    remote::no_folders(&words)?;
                    query
                }
            };
            let (_, remote) = remote::open(url, timeout)?;
            let args = counts::CountsArgs {
                queries: queries
                    .into_iter()
                    .map(|q| saved::expand(q, config.as_deref(), data_dir.as_deref()))
                    .collect::<anyhow::Result<_>>()?,
                by: by.into(),
                format: format(json, csv),
                data_dir,
            };
            remote::counts(&remote, &args, out)
        }
        Some(Command::Export(args)) => export::run_remote(args, url, timeout, data_dir, out),
        Some(
            Command::Label { .. }
            | Command::State { .. }
            | Command::Dupes { .. }
            | Command::Notes { .. }
            | Command::Searches { .. },
        ) => {
            anyhow::bail!(
                "label, state, dupes, notes and searches work on a local archive; run them \
                 without --remote (see the README's \"Shared archives\" for why)"
            )
        }
    }
}

impl ArchiveArgs {
    fn open(self, cache: Option<PathBuf>) -> anyhow::Result<archive::Opened> {
        archive::open(self.paths, cache, sync_mode(self.no_sync, self.sync))
    }
}

/// Removes `flag` from `words`; whether it was there.
fn take_flag(words: &mut Vec<String>, flag: &str) -> bool {
    let before = words.len();
    words.retain(|w| w != flag);
    words.len() != before
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
