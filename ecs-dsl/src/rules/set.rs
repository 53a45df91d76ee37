//! `RuleSet`: the rules registered on a stack (or run on a template file), with the allowances
//! and enforcement decided where they are registered.

use std::fmt;
use std::sync::Arc;

use super::report::Report;
use super::rule::Rule;
use crate::diagnostics::Diagnostics;
use crate::template::Template;

/// A warning of a rule set silenced where the set is registered, with the reason for reviewers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowance {
    /// The rule code.
    pub code: &'static str,
    /// The one resource it is allowed for; `None` for the whole template.
    pub resource: Option<String>,
    /// Why the finding is accepted.
    pub reason: &'static str,
}

/// Rules to run, in the order added, with allowances and enforced codes.
#[derive(Clone, Default)]
pub struct RuleSet {
    rules: Vec<Arc<dyn Rule>>,
    enforced: Vec<&'static str>,
    allowances: Vec<Allowance>,
}

impl fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.codes())
            .field("enforced", &self.enforced)
            .field("allowances", &self.allowances)
            .finish()
    }
}

impl<R: Rule> From<R> for RuleSet {
    fn from(rule: R) -> RuleSet {
        RuleSet::new().rule(rule)
    }
}

impl RuleSet {
    /// No rules.
    pub fn new() -> Self {
        RuleSet::default()
    }

    /// Adds a rule.
    #[must_use]
    pub fn rule(mut self, rule: impl Rule) -> Self {
        self.rules.push(Arc::new(rule));
        self
    }

    /// Adds every rule, allowance and enforced code of another set.
    #[must_use]
    pub fn extend(mut self, other: RuleSet) -> Self {
        self.rules.extend(other.rules);
        self.enforced.extend(other.enforced);
        self.allowances.extend(other.allowances);
        self
    }

    /// Marks a rule enforced: no `allow_warning` or allowance silences its findings.
    #[must_use]
    pub fn enforce(mut self, code: &'static str) -> Self {
        self.enforced.push(code);
        self
    }

    /// Accepts a rule's warnings on every resource, with the reason. Ignored for an enforced rule.
    #[must_use]
    pub fn allow(mut self, code: &'static str, reason: &'static str) -> Self {
        self.allowances.push(Allowance {
            code,
            resource: None,
            reason,
        });
        self
    }

    /// Accepts a rule's warnings on one resource, with the reason. Ignored for an enforced rule.
    #[must_use]
    pub fn allow_on(mut self, code: &'static str, logical_id: &str, reason: &'static str) -> Self {
        self.allowances.push(Allowance {
            code,
            resource: Some(logical_id.to_owned()),
            reason,
        });
        self
    }

    /// The codes of the rules, in the order added.
    pub fn codes(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.code()).collect()
    }

    /// Every rule: code, summary and reference.
    pub fn rules(&self) -> impl Iterator<Item = &dyn Rule> {
        self.rules.iter().map(|r| &**r)
    }

    /// The allowances, in the order given.
    pub fn allowances(&self) -> &[Allowance] {
        &self.allowances
    }

    /// Whether there is no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Runs every rule on a template: findings errors first, then by path and code.
    pub fn check(&self, template: &Template) -> Diagnostics {
        let mut out = Diagnostics::new();
        for rule in &self.rules {
            let mut report = Report {
                code: rule.code(),
                severity: rule.severity(),
                enforced: rule.enforced() || self.enforced.contains(&rule.code()),
                reference: rule.reference(),
                template,
                allowances: &self.allowances,
                out: &mut out,
            };
            rule.check(template, &mut report);
        }
        out.sorted()
    }

    /// The errors among the findings: what blocks synth. Nothing to run without rules.
    pub(crate) fn errors(&self, template: &Template) -> Diagnostics {
        let mut errors = Diagnostics::new();
        if !self.is_empty() {
            self.check(template)
                .into_iter()
                .filter(|d| d.is_error())
                .for_each(|d| errors.push(d));
        }
        errors
    }
}
