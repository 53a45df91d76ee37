//! `Rule`: the stable code, severity and summary of one check.

use crate::diagnostics::{Diagnostic, Severity};

/// One validation rule. Its code is stable: users silence warnings and search docs by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable code, such as `ECS001`.
    pub code: &'static str,
    /// Whether a finding blocks deployment (error) or is advice (warning).
    pub severity: Severity,
    /// What the rule checks, in one line.
    pub summary: &'static str,
}

impl Rule {
    /// An error rule.
    pub(super) const fn error(code: &'static str, summary: &'static str) -> Rule {
        Rule {
            code,
            severity: Severity::Error,
            summary,
        }
    }

    /// A warning rule.
    pub(super) const fn warning(code: &'static str, summary: &'static str) -> Rule {
        Rule {
            code,
            severity: Severity::Warning,
            summary,
        }
    }

    /// A finding of this rule at a template path, with the `help:` line.
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
