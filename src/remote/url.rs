//! Where a shared archive is: `sphinxql://host:port/table`, parsed once into its parts so
//! that nothing else pastes a host or a table name into a connection or a query.

use std::fmt;
use std::str::FromStr;

/// The port searchd answers SphinxQL on when a URL names none (searchd's and Manticore's
/// own default).
pub const DEFAULT_PORT: u16 = 9306;

/// The table a URL names when it names none; `folio remote config` calls it this too.
pub const DEFAULT_TABLE: &str = "folio";

/// A SphinxQL endpoint and the table (a distributed one, or one shard's) read or written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RemoteUrl {
    pub host: String,
    pub port: u16,
    /// Letters, digits and `_` only: SphinxQL has no quoting for names, so a table name is
    /// checked here and is then safe to write into a query as it is.
    pub table: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{url:?} is not a remote archive's address ({why}); write it as sphinxql://host:port/table, e.g. sphinxql://127.0.0.1:9306/folio"
)]
pub struct UrlError {
    pub url: String,
    pub why: &'static str,
}

impl FromStr for RemoteUrl {
    type Err = UrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |why| UrlError {
            url: crate::sanitize::sanitize(text).into_owned(),
            why,
        };
        let rest = text
            .strip_prefix("sphinxql://")
            .or_else(|| text.strip_prefix("manticore://"))
            .ok_or_else(|| fail("it does not start with sphinxql://"))?;
        let (authority, table) = match rest.split_once('/') {
            Some((authority, table)) => (authority, table.trim_end_matches('/')),
            None => (rest, ""),
        };
        let table = if table.is_empty() {
            DEFAULT_TABLE
        } else {
            table
        };
        if !is_name(table) {
            return Err(fail("a table name is letters, digits and _"));
        }
        let (host, port) = match authority.rsplit_once(':') {
            // An IPv6 address without a port: [::1]
            Some((host, port)) if !port.contains(']') => (
                host,
                port.parse::<u16>()
                    .map_err(|_| fail("the port is not a number from 1 to 65535"))?,
            ),
            _ => (authority, DEFAULT_PORT),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(fail("it names no host"));
        }
        if port == 0 {
            return Err(fail("the port is not a number from 1 to 65535"));
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'))
        {
            return Err(fail("the host has characters a host name cannot have"));
        }
        Ok(RemoteUrl {
            host: host.to_string(),
            port,
            table: table.to_string(),
        })
    }
}

/// A SphinxQL name: what the engine accepts unquoted.
pub fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !text.starts_with(|c: char| c.is_ascii_digit())
}

impl fmt::Display for RemoteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "sphinxql://[{}]:{}/{}", self.host, self.port, self.table)
        } else {
            write!(f, "sphinxql://{}:{}/{}", self.host, self.port, self.table)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_host_port_and_table() {
        let url: RemoteUrl = "sphinxql://127.0.0.1:9412/news".parse().unwrap();
        assert_eq!(url.host, "127.0.0.1");
        assert_eq!(url.port, 9412);
        assert_eq!(url.table, "news");
        assert_eq!(url.to_string(), "sphinxql://127.0.0.1:9412/news");
    }

    #[test]
    fn port_and_table_have_defaults() {
        let url: RemoteUrl = "sphinxql://search.example".parse().unwrap();
        assert_eq!((url.port, url.table.as_str()), (DEFAULT_PORT, "folio"));
        let v6: RemoteUrl = "sphinxql://[::1]:9306/folio".parse().unwrap();
        assert_eq!(v6.host, "::1");
    }

    #[test]
    fn a_table_name_that_would_need_quoting_is_refused() {
        for bad in [
            "sphinxql://h:1/folio;DROP",
            "sphinxql://h:1/fo lio",
            "sphinxql://h:1/a'b",
            "mysql://h:1/folio",
            "sphinxql://:1/folio",
            "sphinxql://h:99999/folio",
            "sphinxql://h;x:1/folio",
        ] {
            assert!(bad.parse::<RemoteUrl>().is_err(), "{bad} was accepted");
        }
    }
}
