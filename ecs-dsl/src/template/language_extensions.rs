//! Declaring the `AWS::LanguageExtensions` transform for a template that uses its functions
//! (`Fn::Length`, `Fn::ToJsonString`, `Fn::FindInMap` with a `DefaultValue`), as synth does:
//! CloudFormation refuses those functions without it, and a stack program that calls
//! `Func::length` has said what it needs.

use super::{Template, TemplateResource};
use crate::intrinsic::{LANGUAGE_EXTENSIONS, Node};

impl Template {
    /// Declares `AWS::LanguageExtensions` first among the transforms when a value of the template
    /// needs it and the template does not declare it yet (it must run before SAM's transform,
    /// which reads the values it computes).
    pub fn declare_language_extensions(&mut self) {
        if self.transform.iter().any(|t| t == LANGUAGE_EXTENSIONS)
            || !self.needs_language_extensions()
        {
            return;
        }
        self.transform.insert(0, LANGUAGE_EXTENSIONS.to_owned());
    }

    /// Whether a value of the template calls a function of `AWS::LanguageExtensions`.
    pub fn needs_language_extensions(&self) -> bool {
        let sections = [
            &self.metadata,
            &self.conditions,
            &self.outputs,
            &self.sections,
        ];
        sections
            .into_iter()
            .flat_map(|s| s.values())
            .chain(self.resources.values().flat_map(resource_nodes))
            .any(Node::needs_language_extensions)
    }
}

/// Every value of a resource: properties, metadata, policies and attributes kept as written.
fn resource_nodes(r: &TemplateResource) -> impl Iterator<Item = &Node> {
    [
        Some(&r.properties),
        r.metadata.as_ref(),
        r.creation_policy.as_ref(),
        r.update_policy.as_ref(),
    ]
    .into_iter()
    .flatten()
    .chain(r.as_written.values())
}
