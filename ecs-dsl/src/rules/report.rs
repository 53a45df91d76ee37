//! `Report`: where a rule puts its findings. It fills in the code, severity, program location
//! and reference, and applies `allow_warning` and allowances unless the rule is enforced.

use super::set::Allowance;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::query::{Found, Prop};
use crate::template::{Template, TemplateResource};

/// A place in a template a finding is about: a resource or one of its properties.
pub trait Place {
    /// The logical ID of the resource.
    fn resource_id(&self) -> &str;
    /// The template path, such as `Resources.Web.Properties.DesiredCount`.
    fn template_path(&self) -> String;
}

impl<R> Place for Found<'_, R> {
    fn resource_id(&self) -> &str {
        self.logical_id()
    }
    fn template_path(&self) -> String {
        self.path()
    }
}

impl<K> Place for Prop<'_, K> {
    fn resource_id(&self) -> &str {
        Prop::resource_id(self)
    }
    fn template_path(&self) -> String {
        self.path().to_owned()
    }
}

/// What one rule reports while it reads a template.
pub struct Report<'a> {
    pub(super) code: &'static str,
    pub(super) severity: Severity,
    pub(super) enforced: bool,
    pub(super) reference: Option<&'static str>,
    pub(super) template: &'a Template,
    pub(super) allowances: &'a [Allowance],
    pub(super) out: &'a mut Diagnostics,
}

impl Report<'_> {
    /// Reports a finding at `place`: what is wrong (`message`) and what to do (`help`).
    pub fn add(&mut self, place: &impl Place, message: impl Into<String>, help: impl Into<String>) {
        let id = place.resource_id();
        let resource = self.template.resources.get(id);
        let mut help = help.into();
        if let Some(url) = self.reference {
            help.push_str(&format!(" (control: {url})"));
        }
        if self.is_allowed(id, resource) {
            if self.severity == Severity::Warning && !self.enforced {
                return;
            }
            help.push_str(&match self.severity {
                Severity::Error => format!(
                    "; `{}` is an error: `allow_warning` silences warnings only",
                    self.code
                ),
                Severity::Warning => format!(
                    "; `{}` is enforced: `allow_warning` does not silence it",
                    self.code
                ),
            });
        }
        let path = place.template_path();
        let finding = match self.severity {
            Severity::Error => Diagnostic::error(self.code, path, message),
            Severity::Warning => Diagnostic::warning(self.code, path, message),
        };
        self.out
            .push(finding.help(help).at(resource.and_then(|r| r.location)));
    }

    fn is_allowed(&self, id: &str, resource: Option<&TemplateResource>) -> bool {
        let by_resource = resource.is_some_and(|r| {
            r.allowed_warnings
                .iter()
                .any(|(code, _)| *code == self.code)
        });
        let by_set = self
            .allowances
            .iter()
            .any(|a| a.code == self.code && a.resource.as_deref().is_none_or(|r| r == id));
        by_resource || by_set
    }
}
