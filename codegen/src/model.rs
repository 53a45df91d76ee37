//! The input model: the parts of `@aws-cdk/aws-service-spec` that the generator reads, and the
//! supplementary facts vendored from cfn-lint. Nothing here knows about Rust output.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// The npm package the specification comes from.
pub const SPEC_PACKAGE: &str = "@aws-cdk/aws-service-spec";
/// The pinned version of [`SPEC_PACKAGE`].
pub const SPEC_VERSION: &str = "0.1.216";
/// The pinned cfn-lint version the supplementary enums come from.
pub const CFN_LINT_VERSION: &str = "1.51.0";
/// File name of the vendored subset of the specification, inside `codegen/spec/`.
pub const SUBSET_FILE: &str = "aws-service-spec-0.1.216.resources.json.gz";
/// File name of the vendored cfn-lint supplement, inside `codegen/spec/`.
pub const SUPPLEMENT_FILE: &str = "cfn-lint-1.51.0.supplement.json.gz";

/// The vendored subset: every resource entity of the specification and the type definitions
/// they use, reduced to the fields the generator reads.
#[derive(Debug, Deserialize, Serialize)]
pub struct Subset {
    /// Resource entities, sorted by CloudFormation type name.
    pub resources: Vec<ResourceSpec>,
    /// Type definitions (nested property types) used by those resources, sorted by `$id`.
    #[serde(rename = "typeDefinitions")]
    pub type_definitions: Vec<TypeDefinition>,
}

/// One resource type of the specification.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceSpec {
    /// Database id; type definitions of this resource are linked to it.
    #[serde(rename = "$id")]
    pub id: String,
    /// `AWS::ECS::TaskDefinition`.
    pub cloud_formation_type: String,
    /// `TaskDefinition`.
    pub name: String,
    /// Markdown documentation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub documentation: String,
    /// Properties by name.
    #[serde(default)]
    pub properties: BTreeMap<String, PropertySpec>,
    /// `Fn::GetAtt` attributes by name (dotted names for nested ones).
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeSpec>,
    /// The properties or attributes that identify a resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_identifier: Option<Vec<String>>,
    /// What `Ref` returns, when it differs from the primary identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cfn_ref_identifier: Option<Vec<String>>,
}

/// A nested property type.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct TypeDefinition {
    /// Database id, referred to by `{"type":"ref","reference":{"$ref":…}}`.
    #[serde(rename = "$id")]
    pub id: String,
    /// `PortMapping`.
    pub name: String,
    /// Markdown documentation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub documentation: String,
    /// Properties by name.
    #[serde(default)]
    pub properties: BTreeMap<String, PropertySpec>,
}

/// One property of a resource or type definition.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertySpec {
    /// The value type.
    #[serde(rename = "type")]
    pub ty: SpecType,
    /// Whether CloudFormation rejects the resource without it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Markdown documentation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub documentation: String,
    /// Resource attributes (or `Ref` identifiers) whose values the property takes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationship_refs: Vec<RelationshipRef>,
    /// `yes` (always), `maybe` (conditionally) or absent (never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causes_replacement: Option<String>,
    /// `WARN` when the property is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
}

/// A `Fn::GetAtt` attribute.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct AttributeSpec {
    /// The value type.
    #[serde(rename = "type")]
    pub ty: SpecType,
    /// Markdown documentation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub documentation: String,
}

/// The target of a relationship: `propertyName` of a resource of `cloudFormationType`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
pub struct RelationshipRef {
    /// `AWS::IAM::Role`.
    pub cloud_formation_type: String,
    /// `Arn`: an attribute, the `Ref` identifier, or `Id` for `Ref`.
    pub property_name: String,
}

/// A value type of the specification.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum SpecType {
    /// A string, possibly restricted to a list of values.
    String {
        /// The values CloudFormation accepts.
        #[serde(
            rename = "allowedValues",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        allowed_values: Option<Vec<serde_json::Value>>,
    },
    /// An integer, possibly restricted to a list of values.
    Integer {
        /// The values CloudFormation accepts.
        #[serde(
            rename = "allowedValues",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        allowed_values: Option<Vec<serde_json::Value>>,
    },
    /// A floating-point number.
    Number,
    /// A boolean.
    Boolean,
    /// Free-form JSON.
    Json,
    /// An ISO 8601 timestamp.
    DateTime,
    /// A standard `{Key, Value}` tag.
    Tag,
    /// A list.
    Array {
        /// The item type.
        element: Box<SpecType>,
    },
    /// A map with string keys.
    Map {
        /// The value type.
        element: Box<SpecType>,
    },
    /// A nested property type.
    Ref {
        /// `{"$ref": "<$id>"}`.
        reference: Reference,
    },
    /// One of several types.
    Union {
        /// The alternatives.
        types: Vec<SpecType>,
    },
}

/// A reference to a type definition.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Reference {
    /// The `$id` of the type definition.
    #[serde(rename = "$ref")]
    pub id: String,
}

/// Facts taken from cfn-lint's bundled data, for what the CDK specification lacks.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Supplement {
    /// String enums by resource type, then by owner (`""` for the resource itself, else the CDK
    /// type-definition name), then by property name. Only properties whose CDK type has no
    /// `allowedValues` are listed.
    pub enums: BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<String>>>>,
    /// `AdditionalSpecs/LmbdRuntimeLifecycle.json`: Lambda runtime → lifecycle dates.
    pub lambda_runtime_lifecycle: BTreeMap<String, RuntimeLifecycle>,
}

/// The lifecycle of one Lambda runtime.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct RuntimeLifecycle {
    /// The date AWS deprecated the runtime (`YYYY-MM-DD`).
    pub deprecated: String,
    /// The runtime to move to.
    #[serde(default)]
    pub successor: Option<String>,
}

/// Everything the generator reads: the subset and the supplement.
#[derive(Debug)]
pub struct Spec {
    /// Resource types, sorted by CloudFormation type name.
    pub resources: Vec<ResourceSpec>,
    /// Type definitions by `$id`.
    pub types: BTreeMap<String, TypeDefinition>,
    /// cfn-lint facts.
    pub supplement: Supplement,
}

impl Spec {
    /// Reads the vendored files from `spec_dir` (normally `codegen/spec`).
    pub fn load(spec_dir: &Path) -> Result<Spec> {
        let subset: Subset = read_gz_json(&spec_dir.join(SUBSET_FILE))?;
        let supplement: Supplement = read_gz_json(&spec_dir.join(SUPPLEMENT_FILE))?;
        Ok(Spec::new(subset, supplement))
    }

    /// The spec of a subset and a supplement.
    pub fn new(subset: Subset, supplement: Supplement) -> Spec {
        let types = subset
            .type_definitions
            .into_iter()
            .map(|t| (t.id.clone(), t))
            .collect();
        let mut resources = subset.resources;
        resources.sort_by(|a, b| a.cloud_formation_type.cmp(&b.cloud_formation_type));
        Spec {
            resources,
            types,
            supplement,
        }
    }

    /// The type definition with this `$id`.
    pub fn type_def(&self, id: &str) -> Result<&TypeDefinition> {
        match self.types.get(id) {
            Some(t) => Ok(t),
            None => bail!(
                "type definition `{id}` is referenced but missing from the vendored subset; re-run `vendor`"
            ),
        }
    }

    /// The resource with this CloudFormation type name.
    pub fn resource(&self, type_name: &str) -> Option<&ResourceSpec> {
        self.resources
            .iter()
            .find(|r| r.cloud_formation_type == type_name)
    }
}

/// Reads a gzipped JSON file.
pub fn read_gz_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .with_context(|| format!("`{}` is not gzipped UTF-8 text", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("`{}` does not have the expected JSON shape", path.display()))
}

impl ResourceSpec {
    /// The namespace: `ECS` for `AWS::ECS::TaskDefinition`.
    pub fn namespace(&self) -> &str {
        self.cloud_formation_type
            .split("::")
            .nth(1)
            .unwrap_or_default()
    }
}
