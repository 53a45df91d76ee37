//! What every resource is: a type name, properties, resource attributes (DependsOn, Condition,
//! policies, Metadata) and raw overrides. Plain data, so the `Resource` trait can hand it out;
//! the typed setters are `template::ResourceOptions`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{Node, Props, Symbol};

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
    /// Attributes kept as written, by name (`DeletionPolicy` as an `Fn::If`, `Properties` as an
    /// intrinsic, the legacy `Version`): written out as given, in place of a typed attribute.
    pub as_written: BTreeMap<String, Node>,
}

/// What CloudFormation does with a resource's physical object on deletion or replacement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeletionPolicy {
    /// Delete it (the default for most types).
    Delete,
    /// Keep it, outside the stack.
    Retain,
    /// Keep it unless the stack is rolled back during creation.
    RetainExceptOnCreate,
    /// Take a snapshot, then delete it (RDS, EBS, ElastiCache, …).
    Snapshot,
}

impl DeletionPolicy {
    /// The name in the template.
    pub fn as_str(self) -> &'static str {
        match self {
            DeletionPolicy::Delete => "Delete",
            DeletionPolicy::Retain => "Retain",
            DeletionPolicy::RetainExceptOnCreate => "RetainExceptOnCreate",
            DeletionPolicy::Snapshot => "Snapshot",
        }
    }
}
