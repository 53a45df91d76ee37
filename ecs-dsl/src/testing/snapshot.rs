//! Snapshot files: compare, create when missing, rewrite on request; never half-written.

use std::path::Path;

/// Set to rewrite snapshot files that differ.
pub const UPDATE_VAR: &str = "UPDATE_SNAPSHOTS";

/// Compares `actual` with the file at `path`, writing it when missing or when [`UPDATE_VAR`] is set.
pub(crate) fn compare(path: &Path, actual: &str) -> Result<(), String> {
    let update = std::env::var_os(UPDATE_VAR).is_some();
    let expected = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return write(path, actual),
        Err(e) => return Err(format!("cannot read snapshot {}: {e}", path.display())),
    };
    if expected == actual {
        return Ok(());
    }
    if update {
        return write(path, actual);
    }
    let line = first_difference(&expected, actual);
    let show = |text: &str| text.lines().nth(line).unwrap_or("<end of file>").to_owned();
    Err(format!(
        "the template differs from snapshot {} at line {}:\n  snapshot: {}\n  template: {}\n\
         if the change is intended, run with {UPDATE_VAR}=1 and review the diff",
        path.display(),
        line + 1,
        show(&expected),
        show(actual),
    ))
}

/// The 0-based index of the first line that differs.
fn first_difference(expected: &str, actual: &str) -> usize {
    expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()))
}

/// Writes through a temporary file and a rename, so a reader never sees half a snapshot.
fn write(path: &Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write snapshot {}: {e}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let temporary = path.with_extension("snapshot-tmp");
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}
