//! `Control`: one rule of the shipped set, a code, a summary, a reference and a check function.

use crate::rules::{Report, Rule};
use crate::template::Template;

/// A control of AWS Security Hub or cdk-nag, checked on the template.
#[derive(Clone, Copy)]
pub(super) struct Control {
    pub(super) code: &'static str,
    pub(super) summary: &'static str,
    pub(super) reference: &'static str,
    pub(super) check: fn(&Template, &mut Report<'_>),
}

impl Rule for Control {
    fn code(&self) -> &'static str {
        self.code
    }
    fn summary(&self) -> &'static str {
        self.summary
    }
    fn reference(&self) -> Option<&'static str> {
        Some(self.reference)
    }
    fn check(&self, template: &Template, report: &mut Report<'_>) {
        (self.check)(template, report)
    }
}
