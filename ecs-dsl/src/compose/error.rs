//! `ComposeError`: why a compose file could not be imported at all.
//!
//! Anything that still lets an import go ahead is a `Diagnostic` instead; these errors stop it.

use std::fmt;
use std::path::PathBuf;

/// A compose file that cannot be imported, with the place and a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ComposeError {
    /// A file could not be read.
    Io {
        /// The file.
        file: PathBuf,
        /// What the operating system said.
        message: String,
    },
    /// The YAML itself is malformed.
    Yaml {
        /// The file.
        file: PathBuf,
        /// 1-based line of the problem.
        line: u64,
        /// 1-based column of the problem.
        column: u64,
        /// What the YAML parser said.
        message: String,
    },
    /// `${VAR?message}` or `${VAR:?message}` met a variable that is not set (or empty).
    MissingVariable {
        /// The file.
        file: PathBuf,
        /// The place of the value, such as `services.app.image`.
        path: String,
        /// The variable.
        variable: String,
        /// The message written in the compose file.
        message: String,
    },
    /// A value is not what the compose format allows there.
    Invalid {
        /// The file.
        file: PathBuf,
        /// The place of the value, such as `services.app.ports[0]`.
        path: String,
        /// What is wrong and what to write instead.
        message: String,
    },
    /// The service asked for is not in the file.
    UnknownService {
        /// The name asked for.
        name: String,
        /// Every service the file has, sorted.
        available: Vec<String>,
    },
}

impl ComposeError {
    /// An `Invalid` error at `path` of `file`.
    pub(crate) fn invalid(
        file: &std::path::Path,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ComposeError::Invalid {
            file: file.to_path_buf(),
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for ComposeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ComposeError::Io { file, message } => {
                write!(f, "{}: cannot read the file: {message}", file.display())
            }
            ComposeError::Yaml {
                file,
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "{}:{line}:{column}: malformed YAML: {message}",
                    file.display()
                )
            }
            ComposeError::MissingVariable {
                file,
                path,
                variable,
                message,
            } => write!(
                f,
                "{}: `{path}`: required variable `{variable}` is not set: {message}\n  help: set `{variable}` in the variables you pass or in `.env` next to the file",
                file.display()
            ),
            ComposeError::Invalid {
                file,
                path,
                message,
            } => write!(f, "{}: `{path}`: {message}", file.display()),
            ComposeError::UnknownService { name, available } => {
                let list = available
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                write!(
                    f,
                    "no service named `{name}` in the compose file\n  help: the services are {list}"
                )
            }
        }
    }
}

impl std::error::Error for ComposeError {}
