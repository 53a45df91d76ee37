//! Every deviation from the vendored specification, each a named fix-up with the reason.
//!
//! The generator reads the specification as it is; whatever it changes is listed here, so a
//! reviewer can see every place where ecs-dsl knows better than the spec (and re-check each one
//! when the pin moves). Rules that only map spec types to Rust (naming, kinds) are not fix-ups.

use crate::model::{RelationshipRef, Spec, SpecType};

/// **Relationships: `Id` means `Ref`, unresolvable ones are dropped.**
///
/// A relationship names a `propertyName` of the target resource type. When the target has a
/// `Fn::GetAtt` attribute or `Ref` identifier of that name, the property takes that attribute's
/// type. Otherwise:
///
/// - `Id` means `Ref`: the CDK importer writes `propertyName: "Id"` for relationships that
///   CloudFormation documents as "use `Ref`" (for example
///   `AWS::ElasticLoadBalancingV2::Listener.Certificate.CertificateArn` →
///   `AWS::CertificateManager::Certificate.Id`; `Ref` of a certificate is its ARN), so it maps to
///   the target's `Ref` type.
/// - Anything else is dropped. A few relationships name something the target cannot produce
///   (`AWS::AutoScaling::AutoScalingGroup.AutoScalingGroupName` →
///   `AWS::EC2::Instance.AutoScalingGroupName`, or a plain property of the target such as
///   `AWS::Cognito::UserPoolClient.UserPoolId`); typing the property by them would reject every
///   correct input, so the property stays a plain string.
pub fn resolve_relationship<T>(
    property_name: &str,
    attribute: Option<T>,
    ref_type: impl FnOnce() -> Option<T>,
) -> Option<T> {
    match attribute {
        Some(t) => Some(t),
        None if property_name == "Id" => ref_type(),
        None => None,
    }
}

/// **Relationships that are wrong or too narrow are dropped.**
///
/// A typed reference rejects every attribute type it does not list, so a relationship that is
/// wrong, or names one example of a property that takes "any ARN" or "any value", would reject
/// correct templates. Entries: (resource type, owner type or `""`, property, target
/// `AWS::X::Y.Name` or `*` for all, reason). Literal strings and `Value<String>` stay accepted.
pub const DROPPED_RELATIONSHIPS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "AWS::AutoScaling::ScalingPolicy",
        "MetricDimension",
        "Value",
        "*",
        "a metric dimension value can be any name, not only an Auto Scaling group's or ECS cluster's",
    ),
    (
        "AWS::EC2::CustomerGateway",
        "",
        "IpAddress",
        "*",
        "the customer gateway is the on-premises side; its IP is rarely an EC2 instance's",
    ),
    (
        "AWS::EC2::SecurityGroup",
        "Ingress",
        "SourceSecurityGroupName",
        "*",
        "a group name, not the group ID the relationship names",
    ),
    (
        "AWS::EC2::SecurityGroupIngress",
        "",
        "CidrIp",
        "*",
        "any CIDR block (a subnet's, a `Fn::Cidr` result), not only a VPC's",
    ),
    (
        "AWS::EC2::SecurityGroupIngress",
        "",
        "GroupName",
        "*",
        "a group name, not the group ID the relationship names",
    ),
    (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "LoadBalancerAttribute",
        "Value",
        "*",
        "a load balancer attribute value is free-form; a bucket name is one example",
    ),
    (
        "AWS::Lambda::Permission",
        "",
        "SourceArn",
        "*",
        "any ARN of an invoking resource (target groups, API Gateway, …), not only the listed ones",
    ),
    (
        "AWS::Logs::LogGroup",
        "",
        "LogGroupName",
        "*",
        "the log group's own name; the relationship to a Lambda function name is wrong",
    ),
    (
        "AWS::Route53::HealthCheck",
        "HealthCheckConfig",
        "IPAddress",
        "AWS::EC2::EIP.AllocationId",
        "an allocation ID is not an IP address",
    ),
];

/// **Relationships the spec misses.**
///
/// Properties that take a name *or* an ARN where the spec lists only one, so the other (equally
/// valid) attribute would be rejected. Entries: (resource type, owner type or `""`, property,
/// target `AWS::X::Y.Attribute`, reason).
pub const ADDED_RELATIONSHIPS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "AWS::ECS::Service",
        "",
        "Cluster",
        "AWS::ECS::Cluster.Arn",
        "ECS takes the cluster's name (`Ref`) or its ARN",
    ),
    (
        "AWS::EC2::Instance",
        "LaunchTemplateSpecification",
        "Version",
        "AWS::EC2::LaunchTemplate.DefaultVersionNumber",
        "the default version is as valid as the latest",
    ),
    (
        "AWS::Lambda::Alias",
        "",
        "FunctionName",
        "AWS::Lambda::Function.Arn",
        "Lambda takes the function's name (`Ref`) or its ARN",
    ),
    (
        "AWS::Lambda::EventInvokeConfig",
        "",
        "FunctionName",
        "AWS::Lambda::Function.Arn",
        "Lambda takes the function's name (`Ref`) or its ARN",
    ),
];

/// The relationships of a property after [`DROPPED_RELATIONSHIPS`] and [`ADDED_RELATIONSHIPS`],
/// as (target type, property name).
pub fn relationships(
    type_name: &str,
    owner: &str,
    property: &str,
    spec: &[RelationshipRef],
) -> Vec<(String, String)> {
    let here = |t: &str, o: &str, p: &str| t == type_name && o == owner && p == property;
    let dropped = |target: &str| {
        DROPPED_RELATIONSHIPS
            .iter()
            .any(|(t, o, p, d, _)| here(t, o, p) && (*d == "*" || *d == target))
    };
    let mut out: Vec<(String, String)> = spec
        .iter()
        .filter(|r| !dropped(&format!("{}.{}", r.cloud_formation_type, r.property_name)))
        .map(|r| (r.cloud_formation_type.clone(), r.property_name.clone()))
        .collect();
    for (t, o, p, target, _) in ADDED_RELATIONSHIPS {
        if here(t, o, p)
            && let Some((ty, name)) = target.rsplit_once('.')
        {
            out.push((ty.to_owned(), name.to_owned()));
        }
    }
    out
}

/// **Attributes that are the same value share one type.**
///
/// `AWS::EC2::SecurityGroup` has both `GroupId` and `Id` (the primary identifier, what `Ref`
/// returns for a group in a VPC); both are the `sg-…` ID. One type, `SecurityGroupId`, lets a
/// `Ref` go wherever `GetAtt GroupId` is expected, as CloudFormation allows. Entries:
/// (resource type, attribute whose type is reused, attribute that reuses it).
pub const SAME_ATTRIBUTE: &[(&str, &str, &str)] = &[("AWS::EC2::SecurityGroup", "Id", "GroupId")];

/// **Attributes that are another resource's identifier.**
///
/// Some attributes return the ID of a *different* resource: `GetAtt Subnet.VpcId` is a VPC ID,
/// `GetAtt VPC.DefaultSecurityGroup` a security group ID. Typed as their own attribute
/// (`SubnetVpcId`) they would be rejected where a VPC ID is expected, so they return the target's
/// type instead. Entries: (resource type, attribute, target type, target attribute or `Ref`
/// identifier, reason); the target must be in the same namespace.
pub const FOREIGN_ATTRIBUTES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "AWS::EC2::Instance",
        "VpcId",
        "AWS::EC2::VPC",
        "VpcId",
        "the ID of the instance's VPC",
    ),
    (
        "AWS::EC2::SecurityGroup",
        "VpcId",
        "AWS::EC2::VPC",
        "VpcId",
        "the ID of the group's VPC",
    ),
    (
        "AWS::EC2::Subnet",
        "VpcId",
        "AWS::EC2::VPC",
        "VpcId",
        "the ID of the subnet's VPC",
    ),
    (
        "AWS::EC2::VPC",
        "DefaultNetworkAcl",
        "AWS::EC2::NetworkAcl",
        "Id",
        "the ID of the VPC's default network ACL",
    ),
    (
        "AWS::EC2::VPC",
        "DefaultSecurityGroup",
        "AWS::EC2::SecurityGroup",
        "Id",
        "the ID of the VPC's default security group",
    ),
];

/// **AWS-specific parameter types.**
///
/// CloudFormation validates parameters of these types against the account before deploying
/// (`AWS::EC2::VPC::Id` must name an existing VPC). The spec does not say which attribute an
/// AWS-specific parameter type stands for, so the table does: the attribute type of
/// (resource type, attribute or `Ref` identifier) implements `ParameterType` with this name, so
/// `stack.parameter::<cfn::ec2::vpc::VpcId>(…)` declares `AWS::EC2::VPC::Id` and
/// `Parameter<Vec<SubnetId>>` declares `List<AWS::EC2::Subnet::Id>`.
pub const PARAMETER_TYPES: &[(&str, &str, &str)] = &[
    ("AWS::EC2::Instance", "InstanceId", "AWS::EC2::Instance::Id"),
    ("AWS::EC2::KeyPair", "KeyName", "AWS::EC2::KeyPair::KeyName"),
    (
        "AWS::EC2::SecurityGroup",
        "Id",
        "AWS::EC2::SecurityGroup::Id",
    ),
    ("AWS::EC2::Subnet", "SubnetId", "AWS::EC2::Subnet::Id"),
    ("AWS::EC2::VPC", "VpcId", "AWS::EC2::VPC::Id"),
    ("AWS::EC2::Volume", "VolumeId", "AWS::EC2::Volume::Id"),
    (
        "AWS::Route53::HostedZone",
        "Id",
        "AWS::Route53::HostedZone::Id",
    ),
];

/// **Reasons for deprecated properties.**
///
/// The spec marks a deprecated property with `deprecated: "WARN"` and no reason; a
/// `#[deprecated]` note should say what to do instead. Properties not listed get
/// [`DEFAULT_DEPRECATION_NOTE`]. Entries: (resource type, owner type or `""`, property, note).
pub const DEPRECATION_NOTES: &[(&str, &str, &str, &str)] = &[
    (
        "AWS::AutoScaling::AutoScalingGroup",
        "",
        "NotificationConfiguration",
        "superseded by `NotificationConfigurations` (a list); set that instead",
    ),
    (
        "AWS::EC2::EIPAssociation",
        "",
        "EIP",
        "EC2-Classic only; use `AllocationId` for an Elastic IP in a VPC",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "",
        "InferenceAccelerators",
        "Amazon Elastic Inference is no longer available to new customers; do not set it",
    ),
    (
        "AWS::Events::EventBusPolicy",
        "",
        "Action",
        "superseded by `Statement`; put the action in the policy statement",
    ),
    (
        "AWS::Events::EventBusPolicy",
        "",
        "Condition",
        "superseded by `Statement`; put the condition in the policy statement",
    ),
    (
        "AWS::Events::EventBusPolicy",
        "",
        "Principal",
        "superseded by `Statement`; put the principal in the policy statement",
    ),
];

/// The note of a deprecated property without an entry in [`DEPRECATION_NOTES`].
pub const DEFAULT_DEPRECATION_NOTE: &str =
    "deprecated in the CloudFormation resource specification; AWS may ignore or reject it";

/// The `#[deprecated]` note of a property the spec marks deprecated.
pub fn deprecation_note(type_name: &str, owner: &str, property: &str) -> String {
    DEPRECATION_NOTES
        .iter()
        .find(|(t, o, p, _)| *t == type_name && *o == owner && *p == property)
        .map_or(DEFAULT_DEPRECATION_NOTE, |(.., note)| *note)
        .to_owned()
}

/// **Deprecated Lambda runtimes.**
///
/// The spec lists no runtimes at all; the enum comes from cfn-lint (see [`LINT_ENUM_MAX_VALUES`]), and
/// cfn-lint's `LmbdRuntimeLifecycle.json` dates each runtime's deprecation. A runtime deprecated
/// on or before [`LAMBDA_DEPRECATION_CUTOFF`] gets `#[deprecated]` naming its successor. The
/// cut-off is pinned (not today's date) so generation stays deterministic; move it with the pins.
/// Entries: (resource type, owner type or `""`, property) of runtime enums.
pub const LAMBDA_RUNTIME_PROPERTIES: &[(&str, &str, &str)] = &[
    ("AWS::Lambda::Function", "", "Runtime"),
    ("AWS::Lambda::LayerVersion", "", "CompatibleRuntimes"),
];

/// See [`LAMBDA_RUNTIME_PROPERTIES`].
pub const LAMBDA_DEPRECATION_CUTOFF: &str = "2026-11-01";

/// The `#[deprecated]` note of an enum value, if it is deprecated.
pub fn deprecated_value(
    spec: &Spec,
    type_name: &str,
    owner: &str,
    property: &str,
    value: &str,
) -> Option<String> {
    if !LAMBDA_RUNTIME_PROPERTIES
        .iter()
        .any(|(t, o, p)| *t == type_name && *o == owner && *p == property)
    {
        return None;
    }
    let life = spec.supplement.lambda_runtime_lifecycle.get(value)?;
    (life.deprecated.as_str() <= LAMBDA_DEPRECATION_CUTOFF).then(|| match &life.successor {
        Some(next) => format!(
            "AWS Lambda deprecated the `{value}` runtime on {}; use `{next}`",
            life.deprecated
        ),
        None => format!(
            "AWS Lambda deprecated the `{value}` runtime on {}",
            life.deprecated
        ),
    })
}

/// **String enums taken from cfn-lint.**
///
/// Where the CDK spec has no `allowedValues` for a string property, the registry schema bundled
/// in cfn-lint often has an `enum` (ECS `NetworkMode`, Application Auto Scaling
/// `ScalableDimension`, CloudWatch `ComparisonOperator`, …). The vendored supplement carries
/// them and the generator turns them into enums like the spec's own, except lists longer than
/// [`LINT_ENUM_MAX_VALUES`] (region-specific catalogues such as instance types, which change
/// monthly and are better left as plain strings).
pub const LINT_ENUM_MAX_VALUES: usize = 80;

/// Whether a cfn-lint enum becomes a Rust enum ([`LINT_ENUM_MAX_VALUES`]).
pub fn adopt_lint_enum(values: &[String]) -> bool {
    values.len() <= LINT_ENUM_MAX_VALUES
}

/// **Union types.**
///
/// The spec types a few properties as a union. A union containing `json` (policy documents:
/// `string | json`) or several object types becomes `json`; a scalar next to `string`
/// (`integer | string`) becomes `string`, which CloudFormation accepts for every scalar; `T | T[]`
/// becomes `T[]`; any other mix (`boolean | CorsConfiguration`) becomes `json`.
pub fn union_kind(types: &[SpecType]) -> Option<SpecType> {
    let is = |f: fn(&SpecType) -> bool| types.iter().any(f);
    let json = SpecType::Json;
    if is(|t| matches!(t, SpecType::Json))
        || types
            .iter()
            .filter(|t| matches!(t, SpecType::Ref { .. }))
            .count()
            > 1
    {
        return Some(json);
    }
    let scalar = |t: &SpecType| {
        matches!(
            t,
            SpecType::String { .. }
                | SpecType::Integer { .. }
                | SpecType::Number
                | SpecType::Boolean
                | SpecType::DateTime
        )
    };
    if types.iter().all(scalar) {
        return Some(SpecType::String {
            allowed_values: None,
        });
    }
    if let [single, SpecType::Array { element }] | [SpecType::Array { element }, single] = types
        && same_shape(single, element)
    {
        return Some(SpecType::Array {
            element: element.clone(),
        });
    }
    // Any other mix (a scalar or a structure: `Boolean | CorsConfiguration` of the SAM
    // resources) has no single Rust kind; free-form JSON holds every alternative.
    Some(json)
}

fn same_shape(a: &SpecType, b: &SpecType) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

/// Fails when a fix-up names a resource, owner type or property the vendored spec does not have,
/// or a dropped relationship the spec does not list: a fix-up that no longer applies must go.
pub fn check(spec: &Spec) -> anyhow::Result<()> {
    let props = |t: &str,
                 o: &str|
     -> Option<&std::collections::BTreeMap<String, crate::model::PropertySpec>> {
        let r = spec.resource(t)?;
        if o.is_empty() {
            return Some(&r.properties);
        }
        spec.types
            .values()
            .find(|d| d.name == o && type_belongs_to(spec, r, &d.id))
            .map(|d| &d.properties)
    };
    let mut places: Vec<(&str, &str, &str, &str)> = Vec::new();
    places.extend(
        DEPRECATION_NOTES
            .iter()
            .map(|(t, o, p, _)| (*t, *o, *p, "DEPRECATION_NOTES")),
    );
    places.extend(
        LAMBDA_RUNTIME_PROPERTIES
            .iter()
            .map(|(t, o, p)| (*t, *o, *p, "LAMBDA_RUNTIME_PROPERTIES")),
    );
    places.extend(
        DROPPED_RELATIONSHIPS
            .iter()
            .map(|(t, o, p, ..)| (*t, *o, *p, "DROPPED_RELATIONSHIPS")),
    );
    places.extend(
        ADDED_RELATIONSHIPS
            .iter()
            .map(|(t, o, p, ..)| (*t, *o, *p, "ADDED_RELATIONSHIPS")),
    );
    for (t, o, p, table) in places {
        if props(t, o).and_then(|ps| ps.get(p)).is_none() {
            anyhow::bail!(
                "fix-up {table}: `{t}` has no property `{p}` on `{}`; delete or update the entry",
                if o.is_empty() { t } else { o }
            );
        }
    }
    for (t, o, p, target, _) in DROPPED_RELATIONSHIPS {
        let rels = &props(t, o)
            .and_then(|ps| ps.get(*p))
            .map(|x| x.relationship_refs.clone())
            .unwrap_or_default();
        let listed = rels.iter().any(|r| {
            *target == "*" || format!("{}.{}", r.cloud_formation_type, r.property_name) == *target
        });
        if !listed {
            anyhow::bail!(
                "fix-up DROPPED_RELATIONSHIPS: `{t}` `{p}` has no relationship `{target}` any more; delete the entry"
            );
        }
    }
    for (t, attr, target, target_attr, _) in FOREIGN_ATTRIBUTES {
        let (Some(r), Some(tr)) = (spec.resource(t), spec.resource(target)) else {
            anyhow::bail!(
                "fix-up FOREIGN_ATTRIBUTES: `{t}` or `{target}` is not in the vendored spec; delete the entry"
            );
        };
        let target_has = tr.attributes.contains_key(*target_attr)
            || crate::plan::ref_identifier(tr) == Some(*target_attr);
        if !r.attributes.contains_key(*attr) || !target_has || r.namespace() != tr.namespace() {
            anyhow::bail!(
                "fix-up FOREIGN_ATTRIBUTES: `{t}.{attr}` → `{target}.{target_attr}` does not apply (missing, or another namespace)"
            );
        }
    }
    for (t, base, other) in SAME_ATTRIBUTE {
        let r = spec.resource(t);
        if r.is_none_or(|r| !r.attributes.contains_key(*base) || !r.attributes.contains_key(*other))
        {
            anyhow::bail!(
                "fix-up SAME_ATTRIBUTE: `{t}` lacks attribute `{base}` or `{other}`; delete the entry"
            );
        }
    }
    Ok(())
}

/// Whether a type definition is used by a resource (reachable from its properties).
fn type_belongs_to(spec: &Spec, r: &crate::model::ResourceSpec, id: &str) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut queue: Vec<String> = r
        .properties
        .values()
        .flat_map(|p| crate::vendor::refs(&p.ty))
        .collect();
    while let Some(next) = queue.pop() {
        if next == id {
            return true;
        }
        if seen.insert(next.clone())
            && let Some(d) = spec.types.get(&next)
        {
            queue.extend(
                d.properties
                    .values()
                    .flat_map(|p| crate::vendor::refs(&p.ty)),
            );
        }
    }
    false
}
