//! Where the reading state lives.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::StateError;

/// Environment variable that overrides the data directory (the `--data-dir` flag wins over it).
pub const DATA_DIR_ENV: &str = "FOLIO_DATA_DIR";

/// The state database inside a data directory.
pub fn default_path(data_dir: &Path) -> PathBuf {
    data_dir.join("state.db")
}

/// The data directory: the `--data-dir` flag, else `FOLIO_DATA_DIR`, else the platform's data
/// directory (`$XDG_DATA_HOME/folio`, usually `~/.local/share/folio`).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, StateError> {
    let platform = directories::ProjectDirs::from("", "", "folio").map(|d| d.data_dir().into());
    choose(flag, std::env::var_os(DATA_DIR_ENV), platform)
}

fn choose(
    flag: Option<&Path>,
    env: Option<OsString>,
    platform: Option<PathBuf>,
) -> Result<PathBuf, StateError> {
    if let Some(flag) = flag {
        return Ok(flag.to_path_buf());
    }
    // An empty variable is treated as unset, as shells make it easy to export one by accident.
    if let Some(env) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(env));
    }
    platform.ok_or(StateError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_platform() {
        let flag = Path::new("/flag");
        let env = || Some(OsString::from("/env"));
        let platform = || Some(PathBuf::from("/xdg/folio"));
        let pick = |f, e, p| choose(f, e, p).ok();
        assert_eq!(pick(Some(flag), env(), platform()), Some(flag.into()));
        assert_eq!(pick(None, env(), platform()), Some("/env".into()));
        assert_eq!(
            pick(None, Some(OsString::new()), platform()),
            Some("/xdg/folio".into())
        );
        assert!(matches!(
            choose(None, None, None),
            Err(StateError::NoDataDir)
        ));
    }
}
