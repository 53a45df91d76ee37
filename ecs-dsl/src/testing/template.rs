//! `TestTemplate`: a synthesized template with its findings, for a user's own tests.

use std::ops::Deref;

use super::snapshot;
use crate::diagnostics::{Diagnostic, Diagnostics, SynthError};
use crate::rules::RuleSet;
use crate::stack::Stack;
use crate::synth::{self, Format};
use crate::template::Template;

/// A template under test: the [`Template`] (typed lookups such as
/// `template.resources::<CfnService>()` are methods of it) and every finding of the built-in
/// checks and the registered rules.
#[derive(Clone, Debug)]
pub struct TestTemplate {
    template: Template,
    findings: Diagnostics,
}

impl Deref for TestTemplate {
    type Target = Template;
    fn deref(&self) -> &Template {
        &self.template
    }
}

impl TestTemplate {
    /// Synthesizes a stack and runs every check, as `synth` and `validate` do.
    ///
    /// # Panics
    /// When synth fails, with every error; use [`TestTemplate::try_from_stack`] to test the
    /// errors themselves.
    #[track_caller]
    pub fn from_stack(stack: &Stack) -> TestTemplate {
        TestTemplate::try_from_stack(stack).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Synthesizes a stack and runs every check; the error holds the findings that stopped synth.
    pub fn try_from_stack(stack: &Stack) -> Result<TestTemplate, SynthError> {
        let template = stack.to_template()?;
        let findings = stack.findings(&template);
        Ok(TestTemplate { template, findings })
    }

    /// Reads a template file's JSON text and runs the built-in checks on it; the error holds
    /// the one finding that makes the text unreadable as a template.
    pub fn from_json(text: &str) -> Result<TestTemplate, SynthError> {
        let unreadable = |d: Diagnostic| {
            let mut one = Diagnostics::new();
            one.push(d);
            SynthError(one)
        };
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            unreadable(
                Diagnostic::error("TPL010", "<template>", format!("not JSON: {e}"))
                    .help("pass the text of a CloudFormation template in JSON"),
            )
        })?;
        let template = crate::validate::template_from_json(&json).map_err(unreadable)?;
        let findings = crate::validate::validate(&template);
        Ok(TestTemplate { template, findings })
    }

    /// Also runs a rule set (the rules a stack registers are already run by
    /// [`TestTemplate::from_stack`]; this is for templates read from files).
    #[must_use]
    pub fn with_rules(mut self, rules: &RuleSet) -> TestTemplate {
        self.findings.extend(rules.check(&self.template));
        self.findings = self.findings.sorted();
        self
    }

    /// The template.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// Every finding, errors first, then by path and code.
    pub fn findings(&self) -> &Diagnostics {
        &self.findings
    }

    /// The first finding with this code.
    ///
    /// # Panics
    /// When there is none, listing the findings there are.
    #[track_caller]
    pub fn expect_finding(&self, code: &str) -> &Diagnostic {
        self.findings
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("expected a finding `{code}`, found: {}", self.listing()))
    }

    /// Asserts no finding has this code.
    ///
    /// # Panics
    /// When one does, showing it.
    #[track_caller]
    pub fn expect_no_finding(&self, code: &str) {
        if let Some(d) = self.findings.iter().find(|d| d.code == code) {
            panic!("expected no finding `{code}`, found:\n{d}");
        }
    }

    /// Asserts there is no finding at all.
    ///
    /// # Panics
    /// When there is one, listing them all.
    #[track_caller]
    pub fn expect_no_findings(&self) {
        assert!(
            self.findings.is_empty(),
            "expected no findings, found:\n{}",
            self.findings
        );
    }

    /// The template as JSON, exactly as `synth` writes it: the same stack gives the same bytes
    /// on every run and every machine (no timestamps, hashes or program paths in it).
    pub fn snapshot(&self) -> String {
        synth::render(&self.template, Format::Json).unwrap_or_else(|e| e.to_string())
    }

    /// Compares [`TestTemplate::snapshot`] with the file at `path`. A missing file is written
    /// (review and commit it); with `UPDATE_SNAPSHOTS=1` a differing file is rewritten.
    ///
    /// # Panics
    /// When the file differs, naming the first differing line and how to accept the change.
    #[track_caller]
    pub fn assert_snapshot(&self, path: impl AsRef<std::path::Path>) {
        if let Err(why) = snapshot::compare(path.as_ref(), &self.snapshot()) {
            panic!("{why}");
        }
    }

    fn listing(&self) -> String {
        if self.findings.is_empty() {
            "no findings".to_owned()
        } else {
            format!("{:?}", self.findings.codes())
        }
    }
}
