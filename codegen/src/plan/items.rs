//! What a plan holds: the services, resource files, structs, properties, enums and attribute
//! types to generate, each already named. The emitters print these and decide nothing.

/// Everything to generate.
#[derive(Debug)]
pub struct Plan {
    /// One entry per namespace, sorted by module name.
    pub services: Vec<Service>,
}

/// One AWS namespace: a module and a Cargo feature.
#[derive(Debug)]
pub struct Service {
    /// `ECS`.
    pub namespace: String,
    /// `ecs`: module and feature name.
    pub module: String,
    /// Resource types, sorted by module name.
    pub resources: Vec<Resource>,
}

/// One resource type: one file.
#[derive(Debug)]
pub struct Resource {
    /// `AWS::ECS::TaskDefinition`.
    pub type_name: String,
    /// `task_definition`.
    pub module: String,
    /// The resource's own properties; `rust_name` is `CfnTaskDefinition`.
    pub body: Struct,
    /// Nested property types, sorted by Rust name.
    pub nested: Vec<Struct>,
    /// String enums, sorted by name.
    pub enums: Vec<Enum>,
    /// Attribute types defined in this file (string attributes and the `Ref` type), sorted.
    pub attr_types: Vec<AttrType>,
    /// `Fn::GetAtt` attributes, sorted by name.
    pub attributes: Vec<Attribute>,
    /// The attribute type `Ref` returns.
    pub ref_type: String,
    /// Marker kinds of properties that accept several resource types, sorted by name.
    pub slots: Vec<Slot>,
    /// Attribute types of other files used as kinds, sorted by alias.
    pub imports: Vec<Import>,
}

/// A resource body or a nested property type: a struct over `Props`.
#[derive(Debug)]
pub struct Struct {
    /// The spec name of a nested type (`PortMapping`), or `""` for the resource itself.
    pub owner: String,
    /// `PortMapping`, or `CfnTaskDefinition` for the resource.
    pub rust_name: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// CloudFormation reference page.
    pub url: String,
    /// Properties, sorted by CloudFormation name.
    pub props: Vec<Prop>,
}

impl Struct {
    /// The required properties, in order.
    pub fn required(&self) -> impl Iterator<Item = &Prop> {
        self.props.iter().filter(|p| p.required)
    }
}

/// One property.
#[derive(Debug)]
pub struct Prop {
    /// `ContainerPort`.
    pub cfn_name: String,
    /// `container_port` (the setter; `_property` suffix on resource-method clashes).
    pub setter: String,
    /// `container_port` (field of the `…Required` struct).
    pub field: String,
    /// `ContainerPort` (generic parameter of the `…Required` struct).
    pub param: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// Anchor on the reference page.
    pub url: String,
    /// What the setter takes.
    pub kind: Kind,
    /// Whether `new` takes it.
    pub required: bool,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
    /// What an update of this property does to the resource.
    pub replacement: Replacement,
}

/// Whether updating a property replaces the resource (`causesReplacement`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// `yes`.
    Always,
    /// `maybe`.
    Conditional,
    /// absent.
    Never,
}

/// The kind `K` of `impl IntoValue<K>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `String`, `i64`, `f64`, `bool` or `Json`.
    Scalar(&'static str),
    /// `crate::cfn::Tag`.
    Tag,
    /// `Vec<K>`.
    List(Box<Kind>),
    /// `BTreeMap<String, K>`.
    Map(Box<Kind>),
    /// A type named in the file: nested struct, enum, attribute type or import alias.
    Named(String),
    /// `AnyOf<M>`: the attributes of several resource types, `M` being the property's marker.
    AnyOf(String),
}

impl Kind {
    /// The Rust type.
    pub fn rust(&self) -> String {
        match self {
            Kind::Scalar(s) => (*s).to_owned(),
            Kind::Tag => "crate::cfn::Tag".into(),
            Kind::List(k) => format!("Vec<{}>", k.rust()),
            Kind::Map(k) => format!("BTreeMap<String, {}>", k.rust()),
            Kind::Named(n) => n.clone(),
            Kind::AnyOf(m) => format!("AnyOf<{m}>"),
        }
    }

    /// The named type inside lists and maps, if any.
    pub fn innermost_name(&self) -> Option<&str> {
        match self {
            Kind::List(k) | Kind::Map(k) => k.innermost_name(),
            Kind::Named(n) => Some(n),
            _ => None,
        }
    }
}

/// A string enum.
#[derive(Debug)]
pub struct Enum {
    /// `NetworkMode`.
    pub name: String,
    /// Where it is used, for the doc: `AWS::ECS::TaskDefinition.NetworkMode`.
    pub used_by: Vec<String>,
    /// The values, in spec order.
    pub variants: Vec<Variant>,
    /// Where the values come from: the CDK spec or cfn-lint.
    pub from_lint: bool,
}

/// One enum value.
#[derive(Debug)]
pub struct Variant {
    /// `Awsvpc`.
    pub name: String,
    /// `awsvpc`.
    pub value: String,
    /// `#[deprecated]` note.
    pub deprecated: Option<String>,
}

/// A typed string attribute (or `Ref` identifier): `pub struct ClusterArn(AttrRef);`.
#[derive(Debug)]
pub struct AttrType {
    /// `ClusterArn`.
    pub name: String,
    /// What it is, for the doc.
    pub doc: String,
    /// `AWS::EC2::VPC::Id` when it doubles as an AWS-specific parameter type.
    pub parameter_type: Option<String>,
}

/// A `Fn::GetAtt` attribute: a method on `Handle<CfnX>`.
#[derive(Debug)]
pub struct Attribute {
    /// `Endpoint.Address`.
    pub cfn_name: String,
    /// `attr_endpoint_address`.
    pub method: String,
    /// Summary of the spec documentation.
    pub doc: String,
    /// What the method returns.
    pub returns: AttrReturn,
}

/// The return type of an attribute method.
#[derive(Debug)]
pub enum AttrReturn {
    /// A string attribute type of this file.
    Typed(String),
    /// `Value<K>` for a non-string attribute.
    Value(Kind),
}

/// The marker `M` of a property of kind `AnyOf<M>`, which accepts several resources' attributes.
#[derive(Debug)]
pub struct Slot {
    /// `TargetArnRef`.
    pub name: String,
    /// `AWS::Events::Rule.Target.Arn`.
    pub used_by: String,
    /// The attribute types accepted.
    pub targets: Vec<AttrTypeId>,
}

/// An attribute type of another file, imported under `alias`.
#[derive(Debug)]
pub struct Import {
    /// The type.
    pub target: AttrTypeId,
    /// The name used in this file.
    pub alias: String,
}

/// Where an attribute type is defined.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AttrTypeId {
    /// `iam`.
    pub service: String,
    /// `role`.
    pub module: String,
    /// `RoleArn`.
    pub name: String,
}

impl AttrTypeId {
    /// The path of the type as seen from a file of `from_service`.
    pub fn path(&self, from_service: &str) -> String {
        if self.service == from_service {
            format!("super::{}::{}", self.module, self.name)
        } else {
            format!(
                "crate::cfn::{}::{}::{}",
                self.service, self.module, self.name
            )
        }
    }
}
