//! Performing `Effect::Export`: the articles written to the named file on a thread of their
//! own, the app told how it went with `Msg::Exported`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Weak};

use crossbeam_channel::Sender;

use crate::app::{ExportDone, ExportFailure, ExportRequest, Exported, Msg};
use crate::export::collect::export;
use crate::export::file::{FileError, write_file};
use crate::export::{Exporter, Format, ResearchSource, fields};
use crate::sanitize::sanitize;
use crate::state::ReadingState;

pub fn spawn<M: Send + 'static>(
    request: ExportRequest,
    research: Weak<Mutex<ReadingState>>,
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) {
    std::thread::spawn(move || {
        let exported = run(request, &research);
        let _ = tx.send(wrap(Msg::Exported(Box::new(exported))));
    });
}

/// Writes the export as the key asked: the format's default columns, the files read for the
/// citation formats (their authors).
pub fn run(request: ExportRequest, research: &dyn ResearchSource) -> Exported {
    let typed = request.path.display().to_string();
    let path = absolute(&expand_home(&request.path, std::env::var_os("HOME")));
    let format = request.format;
    let columns = if format.has_columns() {
        fields::default_fields(format == Format::Markdown)
    } else {
        Vec::new()
    };
    let mut exporter = Exporter::new(format, columns);
    let written = write_file(&path, request.replace, |out| {
        export(
            request.catalog.as_ref(),
            &request.entries,
            !format.has_columns(),
            research,
            &mut exporter,
            out,
        )
    });
    let result = match written {
        Ok(written) => Ok(ExportDone {
            path: sanitize(&path.display().to_string()).into_owned(),
            count: written.count,
            partial: written.problems.len(),
        }),
        Err(FileError::Exists(_)) => Err(ExportFailure::Exists),
        Err(e) => Err(ExportFailure::Failed(sanitize(&e.to_string()).into_owned())),
    };
    Exported { typed, result }
}

/// `~/x.csv` in the home folder, as a shell would read it.
fn expand_home(path: &Path, home: Option<std::ffi::OsString>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// The path from the root, so that the status line says where the file went.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_folder() {
        let home = Some(std::ffi::OsString::from("/home/ada"));
        assert_eq!(
            expand_home(Path::new("~/out.csv"), home.clone()),
            PathBuf::from("/home/ada/out.csv")
        );
        assert_eq!(
            expand_home(Path::new("out~.csv"), home),
            PathBuf::from("out~.csv")
        );
        assert_eq!(expand_home(Path::new("~/x"), None), PathBuf::from("~/x"));
    }
}
