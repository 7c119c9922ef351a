//! Writing an export to a file, the one part of `export` that touches the disk: into a
//! temporary file beside it, renamed into place once whole, so that a failed export never
//! leaves half a file, nor clobbers the file it was to replace.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {reason}", path.display())]
    Unwritable { path: PathBuf, reason: String },
}

/// Calls `write` with a buffered file and puts the file at `path` once `write` succeeded.
/// Without `replace`, an existing file at `path` is an error and is left alone.
pub fn write_file<T>(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, FileError> {
    let unwritable = |e: io::Error| FileError::Unwritable {
        path: path.to_path_buf(),
        reason: reason(&e),
    };
    if path.is_dir() {
        return Err(FileError::Unwritable {
            path: path.to_path_buf(),
            reason: "it is a folder; name a file in it".into(),
        });
    }
    if !replace && fs::symlink_metadata(path).is_ok() {
        return Err(FileError::Exists(path.to_path_buf()));
    }
    let name = path
        .file_name()
        .ok_or_else(|| FileError::Unwritable {
            path: path.to_path_buf(),
            reason: "it names a folder, not a file".into(),
        })?
        .to_string_lossy();
    let part = path.with_file_name(format!(".{name}.folio-part"));
    let result = (|| {
        let file = fs::File::create(&part)?;
        let mut out = BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&part, path)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&part);
    }
    result.map_err(unwritable)
}

/// The reason in words, with what to do for the common ones.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "the folder does not exist".into(),
        io::ErrorKind::PermissionDenied => {
            "permission denied; choose a folder you can write".into()
        }
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, false, |out| out.write_all(b"a,b\r\n")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a,b\r\n");
        assert!(matches!(
            write_file(&path, false, |out| out.write_all(b"new")),
            Err(FileError::Exists(_))
        ));
        let failed = write_file(&path, true, |out| {
            out.write_all(b"half")?;
            Err::<(), _>(io::Error::other("the disk is full"))
        });
        assert!(failed.unwrap_err().to_string().contains("the disk is full"));
        assert_eq!(fs::read(&path).unwrap(), b"a,b\r\n", "the old file is kept");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no part file left"
        );
        let err = write_file(dir.path(), true, |out| out.write_all(b"x")).unwrap_err();
        assert!(err.to_string().contains("it is a folder"), "{err}");
        let missing = dir.path().join("no/such/folder/out.csv");
        let err = write_file(&missing, false, |out| out.write_all(b"x")).unwrap_err();
        assert!(
            err.to_string().contains("the folder does not exist"),
            "{err}"
        );
    }
}
