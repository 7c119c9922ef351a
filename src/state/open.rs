//! Opening the database, and what to do when it cannot be opened as it should.
//!
//! Every failure ends in a usable [`Opened`]: the worst case is a session kept in memory, with a
//! warning saying so. Only files SQLite reports as damaged are moved aside; a busy, locked or
//! unwritable file is never touched.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Access, Timing, schema};

pub struct Opened {
    pub conn: Connection,
    pub access: Access,
    pub warnings: Vec<String>,
}

enum Failure {
    /// SQLite says the file is not a database or is damaged.
    Corrupt(String),
    /// Anything else: permissions, full disk, another process holding a lock too long.
    Other(String),
    /// Written by a newer folio, whose schema this build must not touch.
    Newer(i64),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Failure::Corrupt(e.to_string())
            }
            _ => Failure::Other(e.to_string()),
        }
    }
}

/// Fails only when not even an in-memory database can be made.
pub fn open(path: &Path, timing: &Timing) -> rusqlite::Result<Opened> {
    let shown = path.display();
    let mut warnings = Vec::new();
    let mut moved = false;
    loop {
        let failure = match open_writable(path, timing) {
            Ok(conn) => {
                return Ok(Opened {
                    conn,
                    access: Access::Write,
                    warnings,
                });
            }
            Err(failure) => failure,
        };
        match failure {
            Failure::Corrupt(reason) if !moved => match move_aside(path) {
                Ok(aside) => {
                    moved = true;
                    warnings.push(format!(
                        "Started a fresh reading state: {shown} was damaged ({reason}); the \
                         earlier marks are in {}.",
                        aside.display()
                    ));
                }
                Err(e) => {
                    warnings.push(format!(
                        "Marks are kept for this session only: move or delete the damaged \
                         {shown} ({reason}; moving it failed: {e})."
                    ));
                    return in_memory(warnings);
                }
            },
            Failure::Corrupt(reason) => {
                warnings.push(format!(
                    "Marks are kept for this session only: no fresh reading state could be made \
                     at {shown} ({reason})."
                ));
                return in_memory(warnings);
            }
            Failure::Newer(version) => {
                let note = format!(
                    "{shown} is from a newer version of folio (schema {version}, this one \
                     knows {}) and is left untouched",
                    schema::VERSION
                );
                return read_only(path, timing, note, warnings);
            }
            Failure::Other(reason) => {
                let note = format!("{shown} cannot be written ({reason})");
                return read_only(path, timing, note, warnings);
            }
        }
    }
}

fn open_writable(path: &Path, timing: &Timing) -> Result<Connection, Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| {
            Failure::Other(format!(
                "cannot create the folder {}: {e}",
                parent.display()
            ))
        })?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(timing.busy_timeout)?;
    let version = schema::user_version(&conn)?;
    if version > schema::VERSION {
        return Err(Failure::Newer(version));
    }
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(Failure::Other("the file is write-protected".into()));
    }
    // WAL lets a second instance read while this one writes, and makes each commit one append.
    // synchronous=FULL syncs the WAL on every commit: NORMAL would already survive a killed
    // process (the kernel keeps what was written), but could lose the last actions on power
    // loss. Actions are human-paced, so the extra fsync per action is not felt.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // A bulk action over 100k articles touches tens of MB of pages in one transaction: with
    // SQLite's default 2 MB cache it would spill them to disk mid-way. Only what is used is
    // allocated.
    conn.pragma_update(None, "cache_size", -65536)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if check != "ok" {
        return Err(Failure::Corrupt(check));
    }
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// Shows what the file holds without ever writing to it; changes stay in memory.
fn read_only(
    path: &Path,
    timing: &Timing,
    note: String,
    mut warnings: Vec<String>,
) -> rusqlite::Result<Opened> {
    let opened = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|conn| {
        conn.busy_timeout(timing.busy_timeout)?;
        schema::check_readable(&conn)?;
        Ok(conn)
    });
    match opened {
        Ok(conn) => {
            warnings.push(format!(
                "Changes made now are not saved, marks are shown: {note}."
            ));
            Ok(Opened {
                conn,
                access: Access::ReadOnly,
                warnings,
            })
        }
        Err(e) => {
            warnings.push(format!(
                "Marks are kept for this session only: {note}, nor read ({e})."
            ));
            in_memory(warnings)
        }
    }
}

fn in_memory(warnings: Vec<String>) -> rusqlite::Result<Opened> {
    Ok(Opened {
        conn: memory_connection()?,
        access: Access::Write,
        warnings,
    })
}

pub fn memory_connection() -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// Renames the damaged file (and its journal files, so they are never replayed into the fresh
/// database) to `<name>.corrupt-<UTC timestamp>`.
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut target = with_suffix(path, &format!(".corrupt-{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = with_suffix(path, &format!(".corrupt-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &target)?;
    for side in ["-wal", "-journal"] {
        let from = with_suffix(path, side);
        if from.exists() {
            fs::rename(&from, with_suffix(&target, side))?;
        }
    }
    match fs::remove_file(with_suffix(path, "-shm")) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    Ok(target)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}
