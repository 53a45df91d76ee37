//! Which resources' attributes a property accepts: the spec's relationships, resolved, minus the
//! wrong or too narrow ones, plus the missing ones.

use super::{AttributeAt, PropertyAt};
use crate::model::RelationshipRef;

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

/// A relationship of the spec that the generator ignores.
#[derive(Clone, Copy, Debug)]
pub struct DroppedRelationship {
    /// The property whose relationships are dropped.
    pub at: PropertyAt,
    /// Which of its relationships.
    pub targets: DroppedTargets,
    /// Why the relationship is wrong or too narrow.
    pub reason: &'static str,
    /// The documentation of the property.
    pub link: &'static str,
}

/// The relationships a [`DroppedRelationship`] drops.
#[derive(Clone, Copy, Debug)]
pub enum DroppedTargets {
    /// Every relationship of the property.
    All,
    /// The one to this target, `AWS::X::Y.Name`.
    Only(&'static str),
}

/// **Relationships that are wrong or too narrow are dropped.**
///
/// A typed reference rejects every attribute type it does not list, so a relationship that is
/// wrong, or names one example of a property that takes "any ARN" or "any value", would reject
/// correct templates. Literal strings and `Value<String>` stay accepted.
pub const DROPPED_RELATIONSHIPS: &[DroppedRelationship] = &[
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::AutoScaling::ScalingPolicy",
            owner: "MetricDimension",
            property: "Value",
        },
        targets: DroppedTargets::All,
        reason: "a metric dimension value can be any name, not only an Auto Scaling group's or ECS cluster's",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-autoscaling-scalingpolicy-metricdimension.html#cfn-autoscaling-scalingpolicy-metricdimension-value",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::EC2::CustomerGateway",
            owner: "",
            property: "IpAddress",
        },
        targets: DroppedTargets::All,
        reason: "the customer gateway is the on-premises side; its IP is rarely an EC2 instance's",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-customergateway.html#cfn-ec2-customergateway-ipaddress",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::EC2::SecurityGroup",
            owner: "Ingress",
            property: "SourceSecurityGroupName",
        },
        targets: DroppedTargets::All,
        reason: "a group name, not the group ID the relationship names",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-securitygroup-ingress.html#cfn-ec2-securitygroup-ingress-sourcesecuritygroupname",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::EC2::SecurityGroupIngress",
            owner: "",
            property: "CidrIp",
        },
        targets: DroppedTargets::All,
        reason: "any CIDR block (a subnet's, a `Fn::Cidr` result), not only a VPC's",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html#cfn-ec2-securitygroupingress-cidrip",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::EC2::SecurityGroupIngress",
            owner: "",
            property: "GroupName",
        },
        targets: DroppedTargets::All,
        reason: "a group name, not the group ID the relationship names",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroupingress.html#cfn-ec2-securitygroupingress-groupname",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::ElasticLoadBalancingV2::LoadBalancer",
            owner: "LoadBalancerAttribute",
            property: "Value",
        },
        targets: DroppedTargets::All,
        reason: "a load balancer attribute value is free-form; a bucket name is one example",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html#cfn-elasticloadbalancingv2-loadbalancer-loadbalancerattribute-value",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::Lambda::Permission",
            owner: "",
            property: "SourceArn",
        },
        targets: DroppedTargets::All,
        reason: "any ARN of an invoking resource (target groups, API Gateway, …), not only the listed ones",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html#cfn-lambda-permission-sourcearn",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::Logs::LogGroup",
            owner: "",
            property: "LogGroupName",
        },
        targets: DroppedTargets::All,
        reason: "the log group's own name; the relationship to a Lambda function name is wrong",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html#cfn-logs-loggroup-loggroupname",
    },
    DroppedRelationship {
        at: PropertyAt {
            resource: "AWS::Route53::HealthCheck",
            owner: "HealthCheckConfig",
            property: "IPAddress",
        },
        targets: DroppedTargets::Only("AWS::EC2::EIP.AllocationId"),
        reason: "an allocation ID is not an IP address",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-healthcheck-healthcheckconfig.html#cfn-route53-healthcheck-healthcheckconfig-ipaddress",
    },
];

/// A relationship the spec misses.
#[derive(Clone, Copy, Debug)]
pub struct AddedRelationship {
    /// The property that also accepts `target`.
    pub at: PropertyAt,
    /// The attribute it also accepts.
    pub target: AttributeAt,
    /// Why the property accepts it.
    pub reason: &'static str,
    /// The documentation of the property.
    pub link: &'static str,
}

/// **Relationships the spec misses.**
///
/// Properties that take a name *or* an ARN where the spec lists only one, so the other (equally
/// valid) attribute would be rejected.
pub const ADDED_RELATIONSHIPS: &[AddedRelationship] = &[
    AddedRelationship {
        at: PropertyAt {
            resource: "AWS::ECS::Service",
            owner: "",
            property: "Cluster",
        },
        target: AttributeAt {
            resource: "AWS::ECS::Cluster",
            attribute: "Arn",
        },
        reason: "ECS takes the cluster's name (`Ref`) or its ARN",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-service.html#cfn-ecs-service-cluster",
    },
    AddedRelationship {
        at: PropertyAt {
            resource: "AWS::EC2::Instance",
            owner: "LaunchTemplateSpecification",
            property: "Version",
        },
        target: AttributeAt {
            resource: "AWS::EC2::LaunchTemplate",
            attribute: "DefaultVersionNumber",
        },
        reason: "the default version is as valid as the latest",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-instance-launchtemplatespecification.html#cfn-ec2-instance-launchtemplatespecification-version",
    },
    AddedRelationship {
        at: PropertyAt {
            resource: "AWS::Lambda::Alias",
            owner: "",
            property: "FunctionName",
        },
        target: AttributeAt {
            resource: "AWS::Lambda::Function",
            attribute: "Arn",
        },
        reason: "Lambda takes the function's name (`Ref`) or its ARN",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-alias.html#cfn-lambda-alias-functionname",
    },
    AddedRelationship {
        at: PropertyAt {
            resource: "AWS::Lambda::EventInvokeConfig",
            owner: "",
            property: "FunctionName",
        },
        target: AttributeAt {
            resource: "AWS::Lambda::Function",
            attribute: "Arn",
        },
        reason: "Lambda takes the function's name (`Ref`) or its ARN",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventinvokeconfig.html#cfn-lambda-eventinvokeconfig-functionname",
    },
];

/// The relationships of a property after [`DROPPED_RELATIONSHIPS`] and [`ADDED_RELATIONSHIPS`],
/// as (target type, property name).
pub fn relationships(
    type_name: &str,
    owner: &str,
    property: &str,
    spec: &[RelationshipRef],
) -> Vec<(String, String)> {
    let dropped = |target: &str| {
        DROPPED_RELATIONSHIPS.iter().any(|d| {
            d.at.is(type_name, owner, property)
                && match d.targets {
                    DroppedTargets::All => true,
                    DroppedTargets::Only(t) => t == target,
                }
        })
    };
    let mut out: Vec<(String, String)> = spec
        .iter()
        .filter(|r| !dropped(&format!("{}.{}", r.cloud_formation_type, r.property_name)))
        .map(|r| (r.cloud_formation_type.clone(), r.property_name.clone()))
        .collect();
    for added in ADDED_RELATIONSHIPS {
        if added.at.is(type_name, owner, property) {
            out.push((
                added.target.resource.to_owned(),
                added.target.attribute.to_owned(),
            ));
        }
    }
    out
}
