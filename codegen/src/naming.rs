//! Every naming rule of the generated code, in one place.
//!
//! Case conversion is heck's; the only changes before it are the acronym fixes of
//! [`fix_acronyms`]. Names that clash with Rust keywords get a trailing underscore.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2024 (raw identifiers are avoided on purpose: `type_`
/// reads better than `r#type` in user code).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Methods every generated resource already has (from `Resource`, `ResourceOptions` and the
/// constructor). A property setter with one of these names would shadow the trait method, so
/// it gets the suffix `_property` instead (`condition` → `condition_property`).
const RESOURCE_METHODS: &[&str] = &[
    "allow_warning",
    "body",
    "body_mut",
    "cfn_init",
    "condition",
    "creation_policy",
    "deletion_policy",
    "depends_on",
    "metadata",
    "new",
    "override_property",
    "update_policy",
    "update_replace_policy",
];

/// Names a generated type may not take: what every generated file imports or uses unqualified,
/// and the public types of ecs-dsl's core API (`intrinsic`, `template`, the prelude). A type of
/// the same name anywhere in the crate graph makes rustc print full paths for both in
/// diagnostics (`ecs_dsl::Parameter<T>` instead of `Parameter<T>`), and glob imports clash.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AcceptedBy",
    "AnyOf",
    "AttrRef",
    "Attribute",
    "AvailabilityZoneName",
    "BTreeMap",
    "Box",
    "Cond",
    "ConditionName",
    "CreationPolicy",
    "Default",
    "DeletionPolicy",
    "Diagnostic",
    "Diagnostics",
    "DynamicReference",
    "Fn",
    "GeneratedKind",
    "Handle",
    "HasProps",
    "ImageId",
    "Init",
    "InitCommand",
    "InitConfig",
    "InitFile",
    "InitService",
    "Intrinsic",
    "IntoValue",
    "Json",
    "KeyPairName",
    "LogicalId",
    "MappingName",
    "Node",
    "Option",
    "Output",
    "Parameter",
    "ParameterSpec",
    "ParameterType",
    "Props",
    "Pseudo",
    "Resource",
    "ResourceAttributes",
    "ResourceBody",
    "ResourceOptions",
    "Result",
    "Self",
    "Severity",
    "Ssm",
    "Stack",
    "StackParameters",
    "String",
    "StringBacked",
    "Sub",
    "SubArgument",
    "SubPart",
    "SubVariable",
    "SynthError",
    "Tag",
    "Template",
    "TextKind",
    "Typed",
    "UpdatePolicy",
    "Value",
    "Vec",
];

/// Variant names that get the suffix `Value`: the escape variant `Other`, the keyword `Self`, and
/// the types most diagnostics show (`String` → `StringValue`: variants share the type namespace,
/// and a variant named `String` anywhere makes rustc print `std::string::String` in every error).
const RESERVED_VARIANT_NAMES: &[&str] = &[
    "Box", "Json", "Node", "Option", "Other", "Result", "Self", "String", "Value", "Vec",
];

/// Rewrites mixed-case acronyms that heck would split in the middle, before case conversion.
///
/// - Plural acronyms: an upper-case run of two or more letters followed by `s` and then the end
///   or another word (`NotificationARNs`, `AZs`, `VPCs`) becomes `Arns`, `Azs`, `Vpcs`; heck alone
///   gives `notification_ar_ns` (the same problem CDK's `propertyNameFromCloudFormation` fixes).
/// - Known mixed-case tokens: `IPv4`/`IPv6` → `Ipv4`/`Ipv6`, `MiB`/`GiB`/`KiB`/`TiB` → `Mib`…,
///   `vCPU`/`VCpu` → `Vcpu`, `FSx` → `Fsx`, `OAuth` → `Oauth`, `OTel` → `Otel` (heck gives
///   `i_pv6`, `memory_mi_b`, `v_cpu`, `f_sx`, `o_auth`).
pub fn fix_acronyms(name: &str) -> String {
    let mut s = name.to_owned();
    const TOKENS: [(&str, &str); 12] = [
        ("IPv4", "Ipv4"),
        ("IPv6", "Ipv6"),
        ("MiB", "Mib"),
        ("GiB", "Gib"),
        ("KiB", "Kib"),
        ("TiB", "Tib"),
        ("vCPU", "Vcpu"),
        ("VCpu", "Vcpu"),
        ("vCpu", "Vcpu"),
        ("FSx", "Fsx"),
        ("OAuth", "Oauth"),
        ("OTel", "Otel"),
    ];
    for (from, to) in TOKENS {
        s = s.replace(from, to);
    }
    plural_acronyms(&s)
}

fn plural_acronyms(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let next = chars.get(i + run).copied();
        let after = chars.get(i + run + 1).copied();
        if run >= 2 && next == Some('s') && after.is_none_or(|c| !c.is_ascii_lowercase()) {
            out.push(chars[i]);
            out.extend(chars[i + 1..i + run].iter().map(char::to_ascii_lowercase));
            i += run;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `snake_case` of a CloudFormation name, with acronym fixes and keyword escape.
pub fn snake(name: &str) -> String {
    escape_keyword(fix_acronyms(name).to_snake_case())
}

/// `UpperCamelCase` of a CloudFormation name, with acronym fixes (`DBInstance` → `DbInstance`).
pub fn pascal(name: &str) -> String {
    fix_acronyms(name).to_upper_camel_case()
}

/// Appends `_` to a Rust keyword (`type` → `type_`).
pub fn escape_keyword(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        ident + "_"
    } else {
        ident
    }
}

/// The module and Cargo feature of a namespace: lower case, nothing else (`ElasticLoadBalancingV2`
/// → `elasticloadbalancingv2`), as the namespace appears in CloudFormation documentation URLs.
pub fn service_module(namespace: &str) -> String {
    namespace.to_ascii_lowercase()
}

/// The file (module) of a resource type: `TaskDefinition` → `task_definition`.
pub fn resource_module(resource: &str) -> String {
    snake(resource)
}

/// The L1 struct of a resource type: `Cfn` + UpperCamelCase (`DBInstance` → `CfnDbInstance`).
pub fn resource_struct(resource: &str) -> String {
    format!("Cfn{}", pascal(resource))
}

/// The struct of required properties taken by `new`: `<Struct>Required`.
pub fn required_struct(struct_name: &str) -> String {
    format!("{struct_name}Required")
}

/// A nested property type: UpperCamelCase of its spec name (`EFSVolumeConfiguration` →
/// `EfsVolumeConfiguration`); a name taken by [`RESERVED_TYPE_NAMES`] gets the suffix `Property`
/// (CDK's suffix for every property type).
pub fn property_type(spec_name: &str) -> String {
    let name = pascal(spec_name);
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name + "Property"
    } else {
        name
    }
}

/// The setter of a property: `snake_case`; on a resource, names of `RESOURCE_METHODS` get
/// the suffix `_property`.
pub fn setter(property: &str, on_resource: bool) -> String {
    let name = snake(property);
    if on_resource && RESOURCE_METHODS.contains(&name.as_str()) {
        format!("{}_property", name.trim_end_matches('_'))
    } else {
        name
    }
}

/// The field of a property in a `…Required` struct (same as the setter, without the resource
/// method rule).
pub fn required_field(property: &str) -> String {
    snake(property)
}

/// The generic parameter of a property in a `…Required` struct: UpperCamelCase.
pub fn required_param(property: &str) -> String {
    pascal(property)
}

/// The method returning a `Fn::GetAtt` attribute on `Handle<CfnX>`. Exactly `attr_` + heck
/// `snake_case` of the attribute name with every `.` replaced by `_` (`Endpoint.Address` →
/// `attr_endpoint_address`). No acronym fix: the `sub!` macro computes the same name from the
/// attribute text through the same function.
pub fn attr_method(attribute: &str) -> String {
    format!("attr_{}", ecs_dsl_names::attribute_method_suffix(attribute))
}

/// The method of a dotted attribute whose [`attr_method`] is an undotted attribute's:
/// [`attr_method`] + `_nested`.
pub fn nested_attr_method(attribute: &str) -> String {
    attr_method(attribute) + "_nested"
}

/// The type of a string attribute: resource name + attribute name (dots dropped), without
/// repeating the resource name or its trailing words: `Cluster`+`Arn` → `ClusterArn`,
/// `TaskDefinition`+`TaskDefinitionArn` → `TaskDefinitionArn`, `SecurityGroup`+`GroupId` →
/// `SecurityGroupId`, `DBInstance`+`Endpoint.Address` → `DbInstanceEndpointAddress`. A result
/// in [`RESERVED_TYPE_NAMES`] gets the suffix `Attribute` (`Parameter`+`Type` →
/// `ParameterTypeAttribute`, not the core trait `ParameterType`).
pub fn attr_type(resource: &str, attribute: &str) -> String {
    let name = join_without_overlap(&pascal(resource), &pascal(&attribute.replace('.', "_")));
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name + "Attribute"
    } else {
        name
    }
}

/// The `Ref` type of a resource whose `Ref` returns a compound identifier: `<Resource>Ref`.
pub fn compound_ref_type(resource: &str) -> String {
    format!("{}Ref", pascal(resource))
}

/// Joins two UpperCamelCase names, dropping the longest run of trailing words of `owner` that
/// `name` starts with.
pub fn join_without_overlap(owner: &str, name: &str) -> String {
    let owner_words = words(owner);
    let name_words = words(name);
    let overlap = (1..=owner_words.len().min(name_words.len()))
        .rev()
        .find(|&n| owner_words[owner_words.len() - n..] == name_words[..n])
        .unwrap_or(0);
    let mut out = owner.to_owned();
    name_words[overlap..].iter().for_each(|w| out.push_str(w));
    out
}

/// Splits UpperCamelCase into words (`DbInstanceArn` → `Db`, `Instance`, `Arn`).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        match out.last_mut() {
            Some(w) if !c.is_ascii_uppercase() => w.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// The enum of a string property, from the property and its owner alone, so that no other
/// property, type or attribute of the file can rename it (a property added to the spec never
/// renames an existing enum):
///
/// - a property of the resource itself (`owner` is `""`): the property's name
///   (`AWS::ECS::TaskDefinition.NetworkMode` → `NetworkMode`); when that is a reserved type name,
///   the resource's name joined with it;
/// - a property of a property type: the owner's name joined with the property's, without
///   repeating words (`PortMapping`+`Protocol` → `PortMappingProtocol`, `Action`+`Type` →
///   `ActionType`).
///
/// A joined name that is the owner's own name (`ListValue`+`Value`) or a reserved type name gets
/// the suffix `Enum`. Properties whose names coincide share one enum when their values are equal;
/// any other clash in a file fails the generation, and an entry of [`ENUM_NAMES`] names the enum
/// instead.
pub fn enum_type(resource: &str, owner: &str, property: &str) -> String {
    let own = pascal(property);
    let owner = if owner.is_empty() {
        if !RESERVED_TYPE_NAMES.contains(&own.as_str()) {
            return own;
        }
        pascal(resource)
    } else {
        pascal(owner)
    };
    let name = join_without_overlap(&owner, &own);
    if name == owner || RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        name + "Enum"
    } else {
        name
    }
}

/// An enum named by hand because [`enum_type`] gives the name of another type of its file.
#[derive(Clone, Copy, Debug)]
pub struct EnumName {
    /// The resource type: `AWS::RedshiftServerless::Workgroup`.
    pub resource: &'static str,
    /// The property type that has the property, or `""` for the resource itself.
    pub owner: &'static str,
    /// The property.
    pub property: &'static str,
    /// The enum's name.
    pub name: &'static str,
    /// Which type has the name [`enum_type`] gives.
    pub reason: &'static str,
}

/// **Enums named by hand.** Planning fails when an entry no longer names an enum.
pub const ENUM_NAMES: &[EnumName] = &[
    EnumName {
        resource: "AWS::RedshiftServerless::Workgroup",
        owner: "Workgroup",
        property: "Status",
        name: "WorkgroupStatusEnum",
        reason: "`WorkgroupStatus` is the attribute type of `Workgroup.Status`",
    },
    EnumName {
        resource: "AWS::Route53Resolver::ResolverEndpoint",
        owner: "",
        property: "ResolverEndpointType",
        name: "ResolverEndpointTypeEnum",
        reason: "`ResolverEndpointType` is the attribute type of the attribute of that name",
    },
];

/// The enum of a string property of the resource type `type_name` (whose short name is
/// `resource`): its [`ENUM_NAMES`] entry, else [`enum_type`].
pub fn enum_name(type_name: &str, resource: &str, owner: &str, property: &str) -> String {
    ENUM_NAMES
        .iter()
        .find(|e| e.resource == type_name && e.owner == owner && e.property == property)
        .map_or_else(
            || enum_type(resource, owner, property),
            |e| e.name.to_owned(),
        )
}

/// The marker `M` of a property of kind `AnyOf<M>` (one that may refer to several resource types):
/// owner + property + `Ref`, without overlap (`Target`+`Arn` → `TargetArnRef`).
pub fn slot_type(owner: &str, property: &str) -> String {
    format!(
        "{}Ref",
        join_without_overlap(&pascal(owner), &pascal(property))
    )
}

/// The variant of an enum value: alphanumeric chunks in UpperCamelCase, an `_` kept between two
/// digits (`python3.12` → `Python3_12`), `V` before a leading digit, and the suffix `Value` for
/// a value named in `RESERVED_VARIANT_NAMES`.
pub fn enum_variant(value: &str) -> String {
    let mut out = String::new();
    for chunk in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|c| !c.is_empty())
    {
        let part = chunk.to_upper_camel_case();
        if out.ends_with(|c: char| c.is_ascii_digit())
            && part.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push('_');
        }
        out.push_str(&part);
    }
    if out.is_empty() {
        out = if value.is_empty() {
            "Empty".into()
        } else {
            "Any".into()
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if RESERVED_VARIANT_NAMES.contains(&out.as_str()) {
        out + "Value"
    } else {
        out
    }
}

/// The variant of a value whose [`enum_variant`] name is taken by an earlier value that differs
/// only in case or punctuation (`lowestPrice` after `lowest-price`, both accepted by AWS): the
/// name + `Alt`, then `Alt2`, `Alt3`….
pub fn enum_variant_alternative(name: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                format!("{name}Alt")
            } else {
                format!("{name}Alt{n}")
            }
        })
        .find(|c| !taken(c))
        .unwrap_or_default()
}

/// The alias of a type imported from another service when its own name is taken in the file:
/// service module in UpperCamelCase + type name (`Lambda` + `FunctionArn`).
pub fn import_alias(namespace: &str, name: &str) -> String {
    format!("{}{}", pascal(namespace), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_keywords() {
        assert_eq!(snake("NotificationARNs"), "notification_arns");
        assert_eq!(snake("AvailabilityZones"), "availability_zones");
        assert_eq!(snake("Ipv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(
            snake("AssignIPv6AddressOnCreation"),
            "assign_ipv6_address_on_creation"
        );
        assert_eq!(snake("MemoryMiB"), "memory_mib");
        assert_eq!(snake("MemoryGiBPerVCpu"), "memory_gib_per_vcpu");
        assert_eq!(
            snake("FSxWindowsFileServerVolumeConfiguration"),
            "fsx_windows_file_server_volume_configuration"
        );
        assert_eq!(pascal("OAuthParameters"), "OauthParameters");
        assert_eq!(snake("DBInstanceIdentifier"), "db_instance_identifier");
        assert_eq!(snake("Type"), "type_");
        assert_eq!(setter("Condition", true), "condition_property");
        assert_eq!(setter("Condition", false), "condition");
    }

    #[test]
    fn attribute_names() {
        assert_eq!(attr_method("Endpoint.Address"), "attr_endpoint_address");
        assert_eq!(attr_type("Cluster", "Arn"), "ClusterArn");
        assert_eq!(
            attr_type("TaskDefinition", "TaskDefinitionArn"),
            "TaskDefinitionArn"
        );
        assert_eq!(
            attr_type("DBInstance", "Endpoint.Address"),
            "DbInstanceEndpointAddress"
        );
        assert_eq!(attr_type("SecurityGroup", "GroupId"), "SecurityGroupId");
        assert_eq!(attr_type("VPC", "VpcId"), "VpcId");
    }

    #[test]
    fn enum_variants() {
        assert_eq!(enum_variant("awsvpc"), "Awsvpc");
        assert_eq!(enum_variant("MANAGED_INSTANCES"), "ManagedInstances");
        assert_eq!(enum_variant("python3.12"), "Python3_12");
        assert_eq!(enum_variant("nodejs4.3-edge"), "Nodejs4_3Edge");
        assert_eq!(enum_variant("1.0"), "V1_0");
        assert_eq!(enum_variant("OTHER"), "OtherValue");
        assert_eq!(enum_variant("SELF"), "SelfValue");
        assert_eq!(enum_variant("*"), "Any");
    }

    #[test]
    fn enum_names_come_from_owner_and_property_only() {
        assert_eq!(
            enum_type("TaskDefinition", "", "NetworkMode"),
            "NetworkMode"
        );
        assert_eq!(
            enum_type("TaskDefinition", "PortMapping", "Protocol"),
            "PortMappingProtocol"
        );
        assert_eq!(enum_type("Listener", "Action", "Type"), "ActionType");
        assert_eq!(enum_type("Listener", "Action", "ActionType"), "ActionType");
        assert_eq!(enum_type("Table", "ListValue", "Value"), "ListValueEnum");
        assert_eq!(enum_type("Thing", "", "Value"), "ThingValue");
    }
}
