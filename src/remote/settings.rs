//! `--remote` takes a URL or the `remote.toml` that `folio remote config` writes, which also
//! names the shards folio publishes to.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::url::RemoteUrl;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteSettings {
    /// Where folio reads: the distributed table.
    pub url: String,
    /// Where folio publishes, one URL per shard; empty when only reading.
    #[serde(default)]
    pub shards: Vec<String>,
}

/// A remote archive as the commands use it: parsed addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub url: RemoteUrl,
    pub shards: Vec<RemoteUrl>,
}

impl RemoteSettings {
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Written by `folio remote config`: `folio --remote THIS_FILE` reads the archive,\n\
             # `folio publish PATH --remote THIS_FILE` writes it.\n",
        );
        out.push_str(&toml::to_string(self).unwrap_or_default());
        out
    }
}

/// `--remote VALUE`: a `sphinxql://` URL, or a file holding one (and its shards).
pub fn resolve(value: &str) -> anyhow::Result<Remote> {
    if value.contains("://") {
        return Ok(Remote {
            url: value.parse()?,
            shards: Vec::new(),
        });
    }
    let path = Path::new(value);
    let shown = crate::sanitize::sanitize(value).into_owned();
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "--remote {shown}: neither a sphinxql:// URL nor a readable remote.toml \
             (`folio remote config` writes one)"
        )
    })?;
    let settings: RemoteSettings =
        toml::from_str(&text).with_context(|| format!("cannot read {shown}"))?;
    let shards = settings
        .shards
        .iter()
        .map(|s| s.parse::<RemoteUrl>())
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("in {shown}"))?;
    Ok(Remote {
        url: settings
            .url
            .parse()
            .with_context(|| format!("in {shown}"))?,
        shards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_their_file() {
        let dir = tempfile::tempdir().unwrap();
        let settings = RemoteSettings {
            url: "sphinxql://127.0.0.1:9400/folio".into(),
            shards: vec![
                "sphinxql://127.0.0.1:9401/folio_shard".into(),
                "sphinxql://127.0.0.1:9402/folio_shard".into(),
            ],
        };
        let path = dir.path().join("remote.toml");
        std::fs::write(&path, settings.to_toml()).unwrap();
        let remote = resolve(path.to_str().unwrap()).unwrap();
        assert_eq!(remote.url.port, 9400);
        assert_eq!(remote.shards.len(), 2);
        assert_eq!(remote.shards[1].table, "folio_shard");
    }

    #[test]
    fn a_url_alone_names_no_shards() {
        let remote = resolve("sphinxql://h:1/t").unwrap();
        assert!(remote.shards.is_empty());
        assert!(resolve("/no/such/remote.toml").is_err());
    }
}
