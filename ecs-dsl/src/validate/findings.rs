//! `Findings`: what the rules report, before suppressed warnings are dropped.

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::index::Res;

/// The findings of a validation run.
pub(super) struct Findings {
    kept: Diagnostics,
}

impl Findings {
    /// No findings yet.
    pub(super) fn new() -> Self {
        Findings {
            kept: Diagnostics::new(),
        }
    }

    /// Reports a finding about a resource: takes the resource's program location, and drops the
    /// finding when it is a warning the resource allows.
    pub(super) fn add(&mut self, resource: Res<'_>, d: Diagnostic) {
        let allowed = resource
            .resource
            .allowed_warnings
            .iter()
            .any(|(code, _)| *code == d.code);
        if allowed && !d.is_error() {
            return;
        }
        self.kept.push(d.at(resource.resource.location));
    }

    /// Every kept finding, errors first, then by path and code.
    pub(super) fn into_diagnostics(self) -> Diagnostics {
        self.kept.sorted()
    }
}
