//! What every resource has besides its properties: DependsOn, Condition, policies, Metadata,
//! and raw overrides.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{ConditionName, CreationPolicy, DeletionPolicy, Init, Node, Props, UpdatePolicy};
use crate::intrinsic::{Handle, Resource, Symbol};

/// The properties and resource attributes of one resource, before it is added to a stack.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceBody {
    /// The CloudFormation type name (differs from `Resource::TYPE` only for custom resources).
    pub type_name: Cow<'static, str>,
    /// The properties set through typed setters.
    pub props: Props,
    /// DependsOn, Condition, policies and Metadata.
    pub attributes: ResourceAttributes,
    /// Raw JSON merged over the properties at synth, in the order given.
    pub overrides: Vec<(String, Node)>,
}

impl ResourceBody {
    /// An empty body for a resource of the given type.
    pub fn new(type_name: impl Into<Cow<'static, str>>) -> Self {
        ResourceBody {
            type_name: type_name.into(),
            props: Props::new(),
            attributes: ResourceAttributes::default(),
            overrides: Vec::new(),
        }
    }
}

/// The resource attributes of CloudFormation (not to be confused with `Fn::GetAtt` attributes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceAttributes {
    /// `DependsOn`.
    pub depends_on: Vec<Symbol>,
    /// `Condition`.
    pub condition: Option<Symbol>,
    /// `DeletionPolicy`.
    pub deletion_policy: Option<DeletionPolicy>,
    /// `UpdateReplacePolicy`.
    pub update_replace_policy: Option<DeletionPolicy>,
    /// `CreationPolicy`.
    pub creation_policy: Option<Node>,
    /// `UpdatePolicy`.
    pub update_policy: Option<Node>,
    /// `Metadata`, by key.
    pub metadata: BTreeMap<String, Node>,
    /// Warning codes silenced for this resource, each with the reason.
    pub allowed_warnings: Vec<(&'static str, &'static str)>,
}

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
