//! Diagnostics: every problem found offline, with a stable code, the place and a fix.
//!
//! One policy for every check (synth, rules, compose import): collect all findings, report them
//! together, rustc style.

use std::fmt;
use std::panic::Location;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks synth unless the user overrides.
    Error,
    /// Printed; does not block.
    Warning,
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable code, such as `ECS001`.
    pub code: &'static str,
    /// The template path of the bad value, such as
    /// `Resources.ApplicationService.Properties.LoadBalancers[0].ContainerPort`.
    pub path: String,
    /// What is wrong, naming the thing in backticks.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Where in the program the resource was added, when known.
    pub location: Option<&'static Location<'static>>,
    /// A second place involved (the first definition of a duplicate, for example).
    pub related: Option<(String, &'static Location<'static>)>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            message: message.into(),
            help: None,
            location: None,
            related: None,
        }
    }

    /// A warning.
    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// The `help:` line: the finding's own, else its code's in the [catalog](crate::catalog).
    pub fn help_line(&self) -> Option<&str> {
        self.help
            .as_deref()
            .or_else(|| crate::catalog::lookup(self.code).map(|entry| entry.help))
    }

    /// Adds the `help:` line.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the program location.
    #[must_use]
    pub fn at(mut self, location: Option<&'static Location<'static>>) -> Self {
        self.location = location;
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn related(
        mut self,
        what: impl Into<String>,
        location: &'static Location<'static>,
    ) -> Self {
        self.related = Some((what.into(), location));
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{level}[{}]: {}", self.code, self.message)?;
        write!(f, "  --> {}", self.path)?;
        if let Some(loc) = self.location {
            write!(f, " ({loc})")?;
        }
        if let Some((what, loc)) = &self.related {
            write!(f, "\n  note: {what} at {loc}")?;
        }
        if let Some(help) = self.help_line() {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// A set of findings, errors first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No findings.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds a finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds all findings of another set.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// The findings, in a stable order: errors first, then by path and code.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (a.severity, &a.path, a.code).cmp(&(b.severity, &b.path, b.code)));
        self
    }

    /// The findings, in their order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// Every finding.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// The codes of all findings, in order (handy in tests).
    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|d| d.code).collect()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}\n")?;
        }
        write!(
            f,
            "{}, {}",
            counted(self.error_count(), "error"),
            counted(self.warning_count(), "warning")
        )
    }
}

/// `1 error`, `2 errors`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The error of synth: the template could not be written because of these findings.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthError(pub Diagnostics);

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the template has errors:\n\n{}", self.0)
    }
}

impl std::error::Error for SynthError {}
