//! `folio remote config`: the searchd configuration for a shared archive, written so that a
//! test, CI and an operator start the same thing.
//!
//! Layout, for `--shards N --port P --table T`:
//! - shard `i` (1..=N) is its own searchd process with one real-time table `T_shard`,
//!   answering SphinxQL on port `P+i` (folio publishes there) and the engine's agent protocol
//!   on port `P+N+i` (the front asks it there);
//! - the front is one more searchd with the distributed table `T`, answering SphinxQL on port
//!   `P`: folio reads there. It holds no data; it sends each query to every shard and merges.
//!
//! Every table uses the same schema ([`FIELDS`], [`ATTRIBUTES`]). Text is folded by folio
//! before it is sent (see [`super::document`]), so the engine's own tokenizer only splits on
//! spaces: every character a folded word can hold is a word character here, and `_` too,
//! which folio's tokenizer never keeps, so folio's markers can never collide with a word.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::url::RemoteUrl;

/// The full-text fields, in the order [`super::document`] sends them.
pub const FIELDS: &[&str] = &[
    "title", "lede", "body", "source", "sgroup", "lang", "author", "tag",
];

/// The attributes: (name, kind in the engine's config).
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("sort_key", "rt_attr_bigint"),
    ("day", "rt_attr_bigint"),
    ("idhash", "rt_attr_bigint"),
    ("lede_cut", "rt_attr_uint"),
    ("article_id", "rt_attr_string"),
    ("path_s", "rt_attr_string"),
    ("url_s", "rt_attr_string"),
    ("title_s", "rt_attr_string"),
    ("lede_s", "rt_attr_string"),
    ("source_s", "rt_attr_string"),
    ("language_s", "rt_attr_string"),
    ("paragraphs_s", "rt_attr_string"),
    ("problems_s", "rt_attr_string"),
    // Authors, categories, tags and image as JSON (`article::Meta`), empty when none.
    ("meta_s", "rt_attr_string"),
];

/// Every character but space is a word character: folio has already split the text. The
/// engine caps its ranges at U+2FFFF (CJK extension B and beyond fit).
const CHARSET_TABLE: &str = "0..9, a..z, _, A..Z->a..z, U+80..U+2FFFF";

#[derive(Debug, Clone)]
pub struct Layout {
    pub shards: usize,
    pub port: u16,
    pub table: String,
    /// The address every process listens on and the front reaches its shards at.
    pub host: String,
    pub dir: PathBuf,
}

/// What `folio remote config` wrote.
#[derive(Debug, Clone)]
pub struct Written {
    /// One config per process: the front first, then the shards.
    pub configs: Vec<PathBuf>,
    /// Where folio reads.
    pub front: RemoteUrl,
    /// Where folio publishes, in shard order.
    pub shards: Vec<RemoteUrl>,
    /// `remote.toml`, naming both, for `--remote FILE`.
    pub settings: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Layout(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Layout {
    pub fn shard_table(&self) -> String {
        format!("{}_shard", self.table)
    }

    fn check(&self) -> Result<(), ConfigError> {
        if self.shards == 0 || self.shards > 256 {
            return Err(ConfigError::Layout(
                "--shards is a number from 1 to 256".into(),
            ));
        }
        if !super::url::is_name(&self.table) || self.table.len() > 48 {
            return Err(ConfigError::Layout(
                "--table is a name of letters, digits and _, not starting with a digit".into(),
            ));
        }
        let last = u32::from(self.port) + 2 * self.shards as u32;
        if self.port < 1024 || last > 65535 {
            return Err(ConfigError::Layout(format!(
                "--port {} with {} shards needs ports {}..={}, which must lie within 1024..=65535",
                self.port, self.shards, self.port, last
            )));
        }
        Ok(())
    }

    /// The SphinxQL port of shard `i` (from 1).
    pub fn shard_port(&self, i: usize) -> u16 {
        self.port + i as u16
    }

    /// The agent-protocol port of shard `i` (from 1).
    pub fn agent_port(&self, i: usize) -> u16 {
        self.port + (self.shards + i) as u16
    }

    /// The text of shard `i`'s config.
    pub fn shard_config(&self, i: usize) -> String {
        let dir = self.dir.join(format!("shard-{i}"));
        let table = self.shard_table();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# folio shard {i} of {}: written by `folio remote config`.",
            self.shards
        );
        let _ = writeln!(out, "index {table}\n{{\n  type = rt");
        let _ = writeln!(out, "  path = {}", dir.join("data").join(&table).display());
        for field in FIELDS {
            let _ = writeln!(out, "  rt_field = {field}");
        }
        for (name, kind) in ATTRIBUTES {
            let _ = writeln!(out, "  {kind} = {name}");
        }
        let _ = writeln!(out, "  charset_table = {CHARSET_TABLE}");
        let _ = writeln!(out, "  dict = keywords\n  min_prefix_len = 1");
        // The memory chunk that new articles go to before the shard saves it as a disk chunk.
        // Larger means fewer disk chunks for a query to ask, but its segments are merged
        // again and again as it grows: at 1024M the shards spent 2.1 ms of CPU an article
        // publishing 100,000, at 256M 1.07 ms (an earlier run, batches of 200 to one shard at a
        // time).
        let _ = writeln!(out, "  rt_mem_limit = 256M\n}}\n");
        let _ = writeln!(out, "searchd\n{{");
        let _ = writeln!(
            out,
            "  listen = {}:{}:mysql41",
            self.host,
            self.shard_port(i)
        );
        let _ = writeln!(out, "  listen = {}:{}", self.host, self.agent_port(i));
        self.common(&mut out, &dir);
        let _ = writeln!(out, "  binlog_path = {}", dir.join("binlog").display());
        let _ = writeln!(out, "}}");
        out
    }

    /// The text of the front's config.
    pub fn front_config(&self) -> String {
        let dir = self.dir.join("front");
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# folio front: the distributed table over {} shards, written by `folio remote config`.",
            self.shards
        );
        let _ = writeln!(out, "index {}\n{{\n  type = distributed", self.table);
        for i in 1..=self.shards {
            let _ = writeln!(
                out,
                "  agent = {}:{}:{}",
                self.host,
                self.agent_port(i),
                self.shard_table()
            );
        }
        // A shard that does not answer in time is left out and named in a warning, which
        // folio shows; the timeouts stay below folio's own per-request timeout.
        let _ = writeln!(out, "  agent_connect_timeout = 500");
        let _ = writeln!(out, "  agent_query_timeout = 4000\n}}\n");
        let _ = writeln!(out, "searchd\n{{");
        let _ = writeln!(out, "  listen = {}:{}:mysql41", self.host, self.port);
        self.common(&mut out, &dir);
        let _ = writeln!(out, "  binlog_path =");
        let _ = writeln!(out, "}}");
        out
    }

    fn common(&self, out: &mut String, dir: &Path) {
        let _ = writeln!(out, "  log = {}", dir.join("searchd.log").display());
        let _ = writeln!(out, "  pid_file = {}", dir.join("searchd.pid").display());
        let _ = writeln!(out, "  workers = threads");
        // Publishing sends batches of whole articles.
        let _ = writeln!(out, "  max_packet_size = 32M");
        let _ = writeln!(out, "  read_timeout = 30\n  client_timeout = 600");
    }

    pub fn front_url(&self) -> RemoteUrl {
        RemoteUrl {
            host: self.host.clone(),
            port: self.port,
            table: self.table.clone(),
        }
    }

    pub fn shard_urls(&self) -> Vec<RemoteUrl> {
        (1..=self.shards)
            .map(|i| RemoteUrl {
                host: self.host.clone(),
                port: self.shard_port(i),
                table: self.shard_table(),
            })
            .collect()
    }

    /// Writes the configs, the folders they name and `remote.toml`.
    pub fn write(&self) -> Result<Written, ConfigError> {
        self.check()?;
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| ConfigError::Write { path, source }
        };
        let mut configs = Vec::new();
        let front_dir = self.dir.join("front");
        std::fs::create_dir_all(&front_dir).map_err(io(&front_dir))?;
        let front = self.dir.join("front.conf");
        std::fs::write(&front, self.front_config()).map_err(io(&front))?;
        configs.push(front);
        for i in 1..=self.shards {
            let dir = self.dir.join(format!("shard-{i}"));
            for sub in ["data", "binlog"] {
                std::fs::create_dir_all(dir.join(sub)).map_err(io(&dir))?;
            }
            let path = self.dir.join(format!("shard-{i}.conf"));
            std::fs::write(&path, self.shard_config(i)).map_err(io(&path))?;
            configs.push(path);
        }
        let settings = self.dir.join("remote.toml");
        let remote = super::settings::RemoteSettings {
            url: self.front_url().to_string(),
            shards: self.shard_urls().iter().map(ToString::to_string).collect(),
        };
        std::fs::write(&settings, remote.to_toml()).map_err(io(&settings))?;
        Ok(Written {
            configs,
            front: self.front_url(),
            shards: self.shard_urls(),
            settings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            shards: 2,
            port: 9400,
            table: "folio".into(),
            host: "127.0.0.1".into(),
            dir: PathBuf::from("/srv/folio"),
        }
    }

    #[test]
    fn the_front_lists_every_shard_as_an_agent_on_its_agent_port() {
        let front = layout().front_config();
        assert!(front.contains("index folio\n{\n  type = distributed"));
        assert!(front.contains("agent = 127.0.0.1:9403:folio_shard"));
        assert!(front.contains("agent = 127.0.0.1:9404:folio_shard"));
        assert!(front.contains("listen = 127.0.0.1:9400:mysql41"));
    }

    #[test]
    fn a_shard_answers_sphinxql_and_agents_on_its_own_ports() {
        let shard = layout().shard_config(2);
        assert!(shard.contains("listen = 127.0.0.1:9402:mysql41"));
        assert!(shard.contains("listen = 127.0.0.1:9404\n"));
        assert!(shard.contains("path = /srv/folio/shard-2/data/folio_shard"));
        for field in FIELDS {
            assert!(shard.contains(&format!("rt_field = {field}\n")));
        }
    }

    #[test]
    fn a_layout_beyond_the_port_range_or_with_a_bad_name_is_refused() {
        let mut l = layout();
        l.port = 65532;
        assert!(l.check().is_err());
        let mut l = layout();
        l.table = "a-b".into();
        assert!(l.check().is_err());
        let mut l = layout();
        l.shards = 0;
        assert!(l.check().is_err());
    }
}
