//! `Check`: the stable code, severity and summary of one check.

use crate::diagnostics::{Diagnostic, Severity};

/// One built-in check (not to be confused with a team's own [`crate::rules::Rule`]). Its code is
/// stable: users silence warnings and search docs by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// The stable code, such as `ECS001`.
    pub code: &'static str,
    /// Whether a finding blocks deployment (error) or is advice (warning).
    pub severity: Severity,
    /// What the check verifies, in one line.
    pub summary: &'static str,
}

impl Check {
    /// A check whose findings are errors.
    pub(super) const fn error(code: &'static str, summary: &'static str) -> Check {
        Check {
            code,
            severity: Severity::Error,
            summary,
        }
    }

    /// A check whose findings are warnings.
    pub(super) const fn warning(code: &'static str, summary: &'static str) -> Check {
        Check {
            code,
            severity: Severity::Warning,
            summary,
        }
    }

    /// A finding of this check at a template path, with the `help:` line.
    pub(super) fn finding(
        &self,
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let d = match self.severity {
            Severity::Error => Diagnostic::error(self.code, path, message),
            Severity::Warning => Diagnostic::warning(self.code, path, message),
        };
        d.help(help)
    }
}
