//! Reading the files a compose file names (itself, `env_file`, `.env`, `extends.file`): regular
//! files only, never devices, pipes or the kernel's `/proc` and `/sys` views, and never more
//! than a size cap. A compose file is untrusted input: `env_file: /proc/self/environ` would copy
//! the importer's own environment into the eject, and `/dev/zero` would never end.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::error::ComposeError;

/// The largest compose file read: the largest real files (self-hosted suites with dozens of
/// services) are under 100 KiB, so 4 MiB leaves room and still bounds memory.
pub(crate) const MAX_COMPOSE_BYTES: u64 = 4 << 20;

/// The largest env file read (`.env`, `env_file`).
pub(crate) const MAX_ENV_BYTES: u64 = 1 << 20;

/// Directories whose files are views of the running system, not data: refused by prefix after
/// symbolic links are resolved (their files claim to be regular and of size 0).
const SYSTEM_DIRS: &[&str] = &["/proc", "/sys", "/dev"];

/// The text of the regular file at `path`, at most `cap` bytes; `Ok(None)` when it does not
/// exist.
pub(crate) fn read_text(path: &Path, cap: u64) -> Result<Option<String>, ComposeError> {
    let io = |message: String| ComposeError::Io {
        file: path.to_path_buf(),
        message,
    };
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e.to_string())),
    };
    if let Some(dir) = system_dir(&real) {
        return Err(io(format!(
            "`{}` is under `{dir}`, a view of the running system, not a file to import; name a file of the project",
            real.display()
        )));
    }
    let meta = std::fs::metadata(&real).map_err(|e| io(e.to_string()))?;
    if !meta.is_file() {
        return Err(io(
            "not a regular file (a directory, device, pipe or socket); name a file of the project"
                .to_string(),
        ));
    }
    if meta.len() > cap {
        return Err(too_big(path, cap));
    }
    let file = std::fs::File::open(&real).map_err(|e| io(e.to_string()))?;
    let mut bytes = Vec::new();
    // The cap again while reading: the file may grow between the check and the read.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(too_big(path, cap));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| io("the file is not UTF-8 text".to_string()))
}

/// Like `read_text`, with a missing file an error.
pub(crate) fn read_required(path: &Path, cap: u64) -> Result<String, ComposeError> {
    read_text(path, cap)?.ok_or_else(|| ComposeError::Io {
        file: path.to_path_buf(),
        message: "no such file".to_string(),
    })
}

/// The system directory `real` is in, if any.
fn system_dir(real: &Path) -> Option<&'static str> {
    SYSTEM_DIRS
        .iter()
        .copied()
        .find(|dir| real.starts_with(PathBuf::from(dir)))
}

/// The error for a file over the cap.
fn too_big(path: &Path, cap: u64) -> ComposeError {
    ComposeError::Io {
        file: path.to_path_buf(),
        message: format!(
            "the file is larger than {} KiB, more than any compose or env file needs; it is not read",
            cap >> 10
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_views_are_refused_by_resolved_path() {
        assert_eq!(system_dir(Path::new("/proc/123/environ")), Some("/proc"));
        assert_eq!(system_dir(Path::new("/dev/zero")), Some("/dev"));
        assert_eq!(system_dir(Path::new("/devices/x")), None);
        assert_eq!(system_dir(Path::new("/srv/app/.env")), None);
    }
}
