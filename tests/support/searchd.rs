//! Real `searchd` processes (sphinxsearch 2.2.11 or Manticore) on loopback ports found free
//! at run time, configured by folio's own `remote config`: two shards and the distributed
//! table in front of them. Killed when dropped.
//!
//! Where `searchd` cannot start, [`Cluster::start`] says why and returns `None`, so a test
//! can skip, unless `FOLIO_REQUIRE_SEARCHD` is set (CI sets it): then it panics.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use folio::remote::RemoteUrl;
use folio::remote::client::Client;
use folio::remote::config::{Layout, Written};

pub struct Cluster {
    pub dir: tempfile::TempDir,
    /// The front first, then the shards, as `remote config` lists them.
    children: Vec<Option<Child>>,
    pub written: Written,
}

/// Whether a test must fail rather than skip without `searchd`.
fn required() -> bool {
    std::env::var_os("FOLIO_REQUIRE_SEARCHD").is_some_and(|v| !v.is_empty() && v != "0")
}

fn unavailable(why: &str) -> Option<Cluster> {
    assert!(
        !required(),
        "FOLIO_REQUIRE_SEARCHD is set but searchd cannot run: {why}"
    );
    eprintln!(
        "SKIPPED: this test needs searchd (apt-get install sphinxsearch, or Manticore): {why}"
    );
    None
}

/// `count` consecutive loopback ports nobody listens on now.
fn free_ports(count: u16) -> Option<u16> {
    let seed = std::process::id() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() as u64);
    for attempt in 0..200u64 {
        let base = 20_000 + ((seed.wrapping_mul(2_654_435_761) + attempt * 7_919) % 40_000) as u16;
        let all_free = (0..count).all(|i| TcpListener::bind(("127.0.0.1", base + i)).is_ok());
        if all_free {
            return Some(base);
        }
    }
    None
}

impl Cluster {
    /// Two shards and a front, started and answering.
    pub fn start() -> Option<Cluster> {
        Cluster::start_with(2)
    }

    pub fn start_with(shards: usize) -> Option<Cluster> {
        if Command::new("searchd")
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_err()
        {
            return unavailable("there is no searchd on the PATH");
        }
        let mut last_log = String::new();
        for _ in 0..5 {
            let Some(port) = free_ports(2 * shards as u16 + 1) else {
                return unavailable("no free loopback ports");
            };
            let dir = tempfile::tempdir().expect("a temp dir");
            let layout = Layout {
                shards,
                port,
                table: "folio".into(),
                host: "127.0.0.1".into(),
                dir: dir.path().to_path_buf(),
            };
            let written = layout.write().expect("the configs are written");
            // Shards first: the front asks them.
            let mut shard_children: Vec<Option<Child>> = written.configs[1..]
                .iter()
                .map(|c| Some(spawn(c)))
                .collect();
            let mut children = vec![Some(spawn(&written.configs[0]))];
            children.append(&mut shard_children);
            let mut cluster = Cluster {
                dir,
                children,
                written,
            };
            if cluster.wait_until_answering() {
                return Some(cluster);
            }
            // A port was taken meanwhile, or searchd failed: other ports.
            last_log = std::fs::read_to_string(cluster.dir.path().join("front/searchd.log"))
                .unwrap_or_default();
            cluster.kill_all();
        }
        unavailable(&format!("searchd did not start; its log:\n{last_log}"))
    }

    fn wait_until_answering(&self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut urls = vec![self.written.front.clone()];
        urls.extend(self.written.shards.iter().cloned());
        for url in urls {
            loop {
                let answered = Client::connect(&url, Duration::from_secs(2))
                    .and_then(|c| c.query(&format!("DESCRIBE {}", url.table)))
                    .is_ok();
                if answered {
                    break;
                }
                if Instant::now() > deadline {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        true
    }

    pub fn front(&self) -> &RemoteUrl {
        &self.written.front
    }

    pub fn shards(&self) -> &[RemoteUrl] {
        &self.written.shards
    }

    /// `remote.toml`, for `--remote FILE`.
    pub fn settings(&self) -> &Path {
        &self.written.settings
    }

    /// Kills shard `i` (from 0) at once, as a crash would.
    pub fn kill_shard(&mut self, i: usize) {
        if let Some(mut child) = self.children.get_mut(i + 1).and_then(Option::take) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Kills the front at once.
    pub fn kill_front(&mut self) {
        if let Some(mut child) = self.children.first_mut().and_then(Option::take) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the front again after [`Cluster::kill_front`].
    pub fn restart_front(&mut self) {
        let config = self.written.configs[0].clone();
        self.children[0] = Some(spawn(&config));
        assert!(self.wait_until_answering(), "the front answers again");
    }

    /// The front's process id, to stop and continue it.
    pub fn front_pid(&self) -> Option<u32> {
        self.children.first()?.as_ref().map(Child::id)
    }

    /// The shards' process ids, to read their CPU time.
    pub fn shard_pids(&self) -> Vec<u32> {
        self.children[1..]
            .iter()
            .filter_map(|c| c.as_ref().map(Child::id))
            .collect()
    }

    /// Empties every shard's table.
    pub fn truncate(&self) {
        for shard in self.shards() {
            let client = Client::connect(shard, Duration::from_secs(5)).expect("the shard answers");
            client
                .query(&format!("TRUNCATE RTINDEX {}", shard.table))
                .expect("the shard empties");
        }
    }

    fn kill_all(&mut self) {
        for child in self.children.iter_mut().filter_map(Option::take) {
            let mut child = child;
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn spawn(config: &Path) -> Child {
    Command::new("searchd")
        .arg("--config")
        .arg(config)
        .arg("--nodetach")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("searchd starts")
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.kill_all();
    }
}
