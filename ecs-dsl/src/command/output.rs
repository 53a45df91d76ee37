//! Safe output. A file is written whole or not at all (a temporary file in the same folder,
//! synced, then renamed over the target), and no write error panics: a closed pipe (`… | head`)
//! ends the output quietly, any other error is reported and the command exits with 2.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::EXIT_USAGE;

/// Standard output for one command: remembers the first failed write, so the command's exit
/// code can say so.
#[derive(Debug, Default)]
pub(crate) struct Stdout {
    failure: Option<io::Error>,
}

impl Stdout {
    /// Writes text; after a failure, writes nothing more.
    pub(crate) fn print(&mut self, text: &str) {
        if self.failure.is_some() {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            self.failure = Some(e);
        }
    }

    /// Writes a line.
    pub(crate) fn println(&mut self, line: &str) {
        self.print(&format!("{line}\n"));
    }

    /// The exit code: the command's own, unless a write failed for a reason other than a closed
    /// pipe (a reader that stopped reading wanted no more).
    pub(crate) fn finish(self, code: u8) -> u8 {
        match self.failure {
            None => code,
            Some(e) if e.kind() == ErrorKind::BrokenPipe => code,
            Some(e) => {
                eprint(&format!("error: cannot write to standard output: {e}\n"));
                EXIT_USAGE
            }
        }
    }
}

/// Writes to standard error, ignoring failure: there is nowhere left to report it.
pub(crate) fn eprint(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Writes a line to standard error.
pub(crate) fn eprintln(line: &str) {
    eprint(&format!("{line}\n"));
}

/// Replaces `path` with `contents` atomically: readers see the old file or the new one, never a
/// part. On failure the old file is untouched and the temporary file removed.
pub(crate) fn write_file_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "the path names no file"))?;
    let (temp, mut file) = create_temp(&dir, &name.to_string_lossy())?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    // The rename is durable once the folder is synced; not every platform can open one.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A new file beside the target, named so it cannot collide with another writer's.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100 {
        let temp = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(f) => return Ok((temp, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        ErrorKind::AlreadyExists,
        "no free temporary file name beside the output",
    ))
}
