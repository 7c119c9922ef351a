//! One SphinxQL connection, through the `mysql` crate's plain text protocol.
//!
//! What searchd 2.2 needs from a MySQL client (and what Manticore accepts as well):
//! - no `SELECT @@max_allowed_packet` after the handshake: searchd does not know the variable
//!   and the crate then refuses the connection, so the packet size is given
//!   ([`mysql::OptsBuilder::max_allowed_packet`]);
//! - no probe for a local socket (`prefer_socket(false)`: that asks `SELECT @@socket`);
//! - no prepared statements (searchd has none): every query is a text query, which is why
//!   every value is escaped by [`super::escape`];
//! - no pool: a pool resets connections with a command searchd does not have; a failed
//!   connection is dropped and the next request connects again.
//!
//! Every request has a read and write timeout, so a slow or stopped engine becomes an error
//! after [`Client::timeout`], never a wait without end.

use std::sync::Mutex;
use std::time::Duration;

use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Row};

use super::url::RemoteUrl;

/// The largest packet folio sends or takes: a publish batch, a long article.
const MAX_PACKET: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone, thiserror::Error)]
pub enum RemoteError {
    #[error(
        "cannot reach the remote archive at {url}: {reason}. Check that searchd (or Manticore) \
         runs there and that the port is right."
    )]
    Unreachable { url: String, reason: String },
    #[error("the remote archive at {url} refused a request: {reason}")]
    Refused { url: String, reason: String },
}

/// Rows as text, the way the text protocol sends them.
pub type Rows = Vec<Vec<Option<String>>>;

pub struct Client {
    url: RemoteUrl,
    /// How long connecting may take.
    timeout: Duration,
    /// How long one request may take.
    io_timeout: Duration,
    conn: Mutex<Option<Conn>>,
}

impl Client {
    /// Connects at once, so that an address nobody answers at is reported when the archive
    /// is opened, naming it.
    pub fn connect(url: &RemoteUrl, timeout: Duration) -> Result<Client, RemoteError> {
        Client::connect_for_writes(url, timeout, timeout)
    }

    /// [`Client::connect`], with requests allowed `io_timeout` (a batch the engine indexes,
    /// or the memory chunk it saves meanwhile, takes longer than a search) while an address
    /// that does not answer is still reported after `timeout`.
    pub fn connect_for_writes(
        url: &RemoteUrl,
        timeout: Duration,
        io_timeout: Duration,
    ) -> Result<Client, RemoteError> {
        let client = Client {
            url: url.clone(),
            timeout,
            io_timeout,
            conn: Mutex::new(None),
        };
        let conn = client.open()?;
        if let Ok(mut slot) = client.conn.lock() {
            *slot = Some(conn);
        }
        Ok(client)
    }

    pub fn url(&self) -> &RemoteUrl {
        &self.url
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    fn open(&self) -> Result<Conn, RemoteError> {
        let opts = OptsBuilder::new()
            .ip_or_hostname(Some(self.url.host.clone()))
            .tcp_port(self.url.port)
            .prefer_socket(false)
            .max_allowed_packet(Some(MAX_PACKET))
            .stmt_cache_size(Some(0))
            .tcp_connect_timeout(Some(self.timeout))
            .read_timeout(Some(self.io_timeout))
            .write_timeout(Some(self.io_timeout));
        Conn::new(opts).map_err(|e| RemoteError::Unreachable {
            url: self.url.to_string(),
            reason: e.to_string(),
        })
    }

    /// Runs `sql` and returns its rows.
    pub fn query(&self, sql: &str) -> Result<Rows, RemoteError> {
        Ok(self.batch(&[sql])?.pop().unwrap_or_default())
    }

    /// Runs each statement in turn on one connection, held for all of them (`SHOW META`
    /// describes the query before it on the same connection). A connection that failed is
    /// dropped and the next request connects again; a query the engine refused leaves it
    /// open.
    pub fn batch(&self, statements: &[&str]) -> Result<Vec<Rows>, RemoteError> {
        let mut slot = self.conn.lock().map_err(|_| RemoteError::Refused {
            url: self.url.to_string(),
            reason: "a previous request panicked".into(),
        })?;
        let mut conn = match slot.take() {
            Some(conn) => conn,
            None => self.open()?,
        };
        let mut out = Vec::with_capacity(statements.len());
        for sql in statements {
            match conn.query::<Row, _>(sql) {
                Ok(rows) => out.push(rows.into_iter().map(texts).collect()),
                Err(mysql::Error::MySqlError(e)) => {
                    *slot = Some(conn);
                    return Err(RemoteError::Refused {
                        url: self.url.to_string(),
                        reason: crate::sanitize::sanitize(&e.message).into_owned(),
                    });
                }
                Err(e) => {
                    return Err(RemoteError::Unreachable {
                        url: self.url.to_string(),
                        reason: crate::sanitize::sanitize(&e.to_string()).into_owned(),
                    });
                }
            }
        }
        *slot = Some(conn);
        Ok(out)
    }

    /// Runs `sql`, then `SHOW META` on the same connection: the count of every match and a
    /// shard's warning when one did not answer.
    pub fn query_with_meta(&self, sql: &str) -> Result<(Rows, Vec<(String, String)>), RemoteError> {
        let mut results = self.batch(&[sql, "SHOW META"])?.into_iter();
        let rows = results.next().unwrap_or_default();
        let meta = results
            .next()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|row| {
                let mut row = row.into_iter();
                Some((row.next()??, row.next()?.unwrap_or_default()))
            })
            .collect();
        Ok((rows, meta))
    }
}

fn texts(row: Row) -> Vec<Option<String>> {
    row.unwrap()
        .into_iter()
        .map(|value| match value {
            mysql::Value::NULL => None,
            mysql::Value::Bytes(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            other => Some(other.as_sql(true).trim_matches('\'').to_string()),
        })
        .collect()
}
