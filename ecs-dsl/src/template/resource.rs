//! The setters of what every resource has besides its properties: DependsOn, Condition, policies,
//! Metadata, and raw overrides (the data itself is [`crate::intrinsic::ResourceBody`]).

use super::{ConditionName, CreationPolicy, DeletionPolicy, Init, Node, UpdatePolicy};
use crate::intrinsic::{Handle, IntoValue, Json, Resource};

/// Setters for the resource attributes, available on every resource type.
pub trait ResourceOptions: Resource + Sized {
    /// Adds `DependsOn` on a resource added earlier.
    #[must_use]
    fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.body_mut()
            .attributes
            .depends_on
            .push(other.symbol().clone());
        self
    }

    /// Sets `Condition`: the resource exists only when the condition holds.
    #[must_use]
    fn condition(mut self, condition: &ConditionName) -> Self {
        self.body_mut().attributes.condition = Some(condition.symbol().clone());
        self
    }

    /// Sets `DeletionPolicy`.
    #[must_use]
    fn deletion_policy(mut self, policy: DeletionPolicy) -> Self {
        self.body_mut().attributes.deletion_policy = Some(policy);
        self
    }

    /// Sets `UpdateReplacePolicy`.
    #[must_use]
    fn update_replace_policy(mut self, policy: DeletionPolicy) -> Self {
        self.body_mut().attributes.update_replace_policy = Some(policy);
        self
    }

    /// Sets a resource attribute as written, in place of the typed one: a `DeletionPolicy` or
    /// `UpdateReplacePolicy` chosen by an intrinsic (`Fn::If`, `Ref` of a parameter, which
    /// CloudFormation accepts with the `AWS::LanguageExtensions` transform), `Properties` as
    /// one `Fn::If` choosing whole property sets, the legacy `Version`. The intrinsics inside are
    /// checked like any other; an attribute the typed setters set too is an error at synth
    /// (`IMP119`).
    #[must_use]
    fn attribute_as_written(mut self, name: &str, value: impl IntoValue<Json>) -> Self {
        self.body_mut()
            .attributes
            .as_written
            .insert(name.to_owned(), value.into_node());
        self
    }

    /// Sets `CreationPolicy`.
    #[must_use]
    fn creation_policy(mut self, policy: CreationPolicy) -> Self {
        self.body_mut().attributes.creation_policy = Some(policy.into_node());
        self
    }

    /// Sets `UpdatePolicy`.
    #[must_use]
    fn update_policy(mut self, policy: UpdatePolicy) -> Self {
        self.body_mut().attributes.update_policy = Some(policy.into_node());
        self
    }

    /// Sets one `Metadata` key.
    #[must_use]
    fn metadata(mut self, key: &str, value: Node) -> Self {
        self.body_mut()
            .attributes
            .metadata
            .insert(key.to_owned(), value);
        self
    }

    /// Sets `Metadata.AWS::CloudFormation::Init`, read by `cfn-init` on the instance.
    #[must_use]
    fn cfn_init(self, init: Init) -> Self {
        self.metadata("AWS::CloudFormation::Init", init.into_node())
    }

    /// Silences one warning code for this resource; the reason stays in the code for reviewers.
    #[must_use]
    fn allow_warning(mut self, code: &'static str, reason: &'static str) -> Self {
        self.body_mut()
            .attributes
            .allowed_warnings
            .push((code, reason));
        self
    }

    /// Merges raw JSON over a property at synth, for what the typed setters do not cover yet.
    /// `path` is dotted below `Properties`, such as `"LoadBalancers.0.ContainerPort"` or `"NewProperty"`.
    #[must_use]
    fn override_property(mut self, path: &str, value: serde_json::Value) -> Self {
        self.body_mut()
            .overrides
            .push((path.to_owned(), Node::from_json(&value)));
        self
    }
}

impl<R: Resource> ResourceOptions for R {}
