//! The CloudFormation template model. It knows no AWS service: resources are a type name and a
//! property tree, which is what synth writes and what validation reads.
//!
//! It is built on the value model of [`crate::intrinsic`] (re-exported here: [`Node`],
//! [`ResourceBody`], …), which never imports this module.

mod init;
mod logical_id;
mod output;
mod parameter;
pub mod parameters_file;
mod policy;
mod resource;
pub mod text;

use std::collections::BTreeMap;

pub use crate::intrinsic::{
    ConditionName, DeletionPolicy, MappingName, Node, Props, ResourceAttributes, ResourceBody,
};
pub use init::{Init, InitCommand, InitConfig, InitFile, InitService};
pub use logical_id::LogicalId;
pub use output::Output;
pub use parameter::{
    AvailabilityZoneName, ImageId, KeyPairName, Parameter, ParameterSpec, ParameterType, Ssm,
};
pub use policy::{CreationPolicy, UpdatePolicy};
pub use resource::ResourceOptions;

/// A whole template, as synth produces it from a [`crate::Stack`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    /// `Description`.
    pub description: Option<String>,
    /// `Metadata`.
    pub metadata: BTreeMap<String, Node>,
    /// `Transform` (macro names such as `AWS::Serverless-2016-10-31`).
    pub transform: Vec<String>,
    /// `Parameters`, by name.
    pub parameters: BTreeMap<String, Node>,
    /// `Mappings`, by name.
    pub mappings: BTreeMap<String, Node>,
    /// `Conditions`, by name.
    pub conditions: BTreeMap<String, Node>,
    /// `Resources`, by logical ID.
    pub resources: BTreeMap<String, TemplateResource>,
    /// `Outputs`, by name.
    pub outputs: BTreeMap<String, Node>,
    /// Other top-level sections kept as written (`Rules`, SAM's `Globals`), by name.
    pub sections: BTreeMap<String, Node>,
}

/// The top-level sections a [`Template`] models in fields of its own; any other section is kept
/// as written in [`Template::sections`].
pub const TYPED_SECTIONS: [&str; 9] = [
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Transform",
    "Parameters",
    "Mappings",
    "Conditions",
    "Resources",
    "Outputs",
];

/// One entry of `Resources`.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateResource {
    /// `Type`.
    pub type_name: String,
    /// `Properties` (a map node; empty maps are left out of the output).
    pub properties: Node,
    /// `DependsOn`, sorted.
    pub depends_on: Vec<String>,
    /// `Condition`.
    pub condition: Option<String>,
    /// `Metadata`.
    pub metadata: Option<Node>,
    /// `CreationPolicy`.
    pub creation_policy: Option<Node>,
    /// `UpdatePolicy`.
    pub update_policy: Option<Node>,
    /// `DeletionPolicy`.
    pub deletion_policy: Option<DeletionPolicy>,
    /// `UpdateReplacePolicy`.
    pub update_replace_policy: Option<DeletionPolicy>,
    /// Warning codes silenced for this resource, with reasons.
    pub allowed_warnings: Vec<(&'static str, &'static str)>,
    /// Where the program added the resource, for diagnostics.
    pub location: Option<&'static std::panic::Location<'static>>,
}

impl TemplateResource {
    /// A property by name.
    pub fn property(&self, name: &str) -> Option<&Node> {
        self.properties.get(name)
    }
}
