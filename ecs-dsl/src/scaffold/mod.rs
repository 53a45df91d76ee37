//! `ecs-dsl new NAME`: a ready stack crate of the user's own — `Cargo.toml` depending on
//! ecs-dsl with the features the stack uses, the stack in `src/main.rs` (the same command line
//! as the examples), its tests in `src/tests.rs`, a parameter file, `.gitignore` and a README.

mod files;
mod name;

use std::path::{Path, PathBuf};

pub use files::files;
pub use name::check_name;

/// What the stack runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Launch {
    /// AWS Fargate: no instances to manage.
    #[default]
    Fargate,
    /// An Auto Scaling group of ECS-optimized EC2 instances.
    Ec2,
}

/// Where the new crate gets ecs-dsl from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A checkout on disk: the directory holding ecs-dsl's `Cargo.toml`.
    Path(PathBuf),
    /// A git repository, optionally at a branch, tag or commit (`rev`).
    Git {
        /// The repository URL.
        url: String,
        /// A commit, tag or branch.
        rev: Option<String>,
    },
}

impl Source {
    /// The ecs-dsl the running tool was built from.
    pub fn this_checkout() -> Source {
        Source::Path(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
    }

    /// The inside of the dependency's braces, such as `path = "../ecs-dsl"`.
    fn manifest_entry(&self) -> String {
        match self {
            Source::Path(path) => format!("path = {}", toml_string(&path.display().to_string())),
            Source::Git { url, rev: None } => format!("git = {}", toml_string(url)),
            Source::Git {
                url,
                rev: Some(rev),
            } => {
                format!("git = {}, rev = {}", toml_string(url), toml_string(rev))
            }
        }
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes the crate `name` into a new directory `dir` and returns the files written. Refuses a
/// `dir` that exists; on any failure nothing is left behind (the crate is written to a sibling
/// directory first and renamed into place).
pub fn write_crate(
    dir: &Path,
    name: &str,
    launch: Launch,
    source: &Source,
) -> Result<Vec<PathBuf>, String> {
    check_name(name)?;
    if dir.exists() {
        return Err(format!(
            "{} already exists; choose a new directory",
            dir.display()
        ));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.ecs-dsl-new-{}", std::process::id()));
    let result = write_files(&staging, name, launch, source).and_then(|written| {
        std::fs::rename(&staging, dir)
            .map_err(|e| format!("cannot move the crate to {}: {e}", dir.display()))?;
        Ok(written.into_iter().map(|f| dir.join(f)).collect())
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_files(
    root: &Path,
    name: &str,
    launch: Launch,
    source: &Source,
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for (relative, contents) in files(name, launch, source) {
        let path = root.join(&relative);
        let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        std::fs::write(&path, contents).map_err(fail)?;
        written.push(PathBuf::from(relative));
    }
    Ok(written)
}
