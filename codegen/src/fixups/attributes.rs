//! Attribute types the spec alone would get wrong: two attributes that are one value, attributes
//! that are another resource's identifier, and attribute types that stand for an AWS-specific
//! parameter type.

use super::AttributeAt;

/// Two attributes of one resource that are the same value.
#[derive(Clone, Copy, Debug)]
pub struct SameAttribute {
    /// The resource type.
    pub resource: &'static str,
    /// The attribute that takes the other's type.
    pub attribute: &'static str,
    /// The attribute whose type it takes.
    pub same_as: &'static str,
    /// Why they are one value.
    pub reason: &'static str,
    /// The documentation of both attributes.
    pub link: &'static str,
}

/// **Attributes that are the same value share one type.**
///
/// `AWS::EC2::SecurityGroup` has both `GroupId` and `Id` (the primary identifier, what `Ref`
/// returns for a group in a VPC); both are the `sg-…` ID. One type, `SecurityGroupId`, lets a
/// `Ref` go wherever `GetAtt GroupId` is expected, as CloudFormation allows.
pub const SAME_ATTRIBUTE: &[SameAttribute] = &[SameAttribute {
    resource: "AWS::EC2::SecurityGroup",
    attribute: "GroupId",
    same_as: "Id",
    reason: "both are the group's `sg-…` ID (`Ref` returns it for a group in a VPC)",
    link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html#aws-resource-ec2-securitygroup-return-values",
}];

/// An attribute that returns another resource's identifier.
#[derive(Clone, Copy, Debug)]
pub struct ForeignAttribute {
    /// The attribute.
    pub attribute: AttributeAt,
    /// The attribute or `Ref` identifier of the other resource (in the same namespace) whose type
    /// it returns.
    pub target: AttributeAt,
    /// What the value is.
    pub reason: &'static str,
    /// The documentation of the attribute.
    pub link: &'static str,
}

/// **Attributes that are another resource's identifier.**
///
/// Some attributes return the ID of a *different* resource: `GetAtt Subnet.VpcId` is a VPC ID,
/// `GetAtt VPC.DefaultSecurityGroup` a security group ID. Typed as their own attribute
/// (`SubnetVpcId`) they would be rejected where a VPC ID is expected, so they return the target's
/// type instead.
pub const FOREIGN_ATTRIBUTES: &[ForeignAttribute] = &[
    ForeignAttribute {
        attribute: AttributeAt {
            resource: "AWS::EC2::Instance",
            attribute: "VpcId",
        },
        target: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "VpcId",
        },
        reason: "the ID of the instance's VPC",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-instance.html#aws-resource-ec2-instance-return-values",
    },
    ForeignAttribute {
        attribute: AttributeAt {
            resource: "AWS::EC2::SecurityGroup",
            attribute: "VpcId",
        },
        target: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "VpcId",
        },
        reason: "the ID of the group's VPC",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html#aws-resource-ec2-securitygroup-return-values",
    },
    ForeignAttribute {
        attribute: AttributeAt {
            resource: "AWS::EC2::Subnet",
            attribute: "VpcId",
        },
        target: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "VpcId",
        },
        reason: "the ID of the subnet's VPC",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-subnet.html#aws-resource-ec2-subnet-return-values",
    },
    ForeignAttribute {
        attribute: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "DefaultNetworkAcl",
        },
        target: AttributeAt {
            resource: "AWS::EC2::NetworkAcl",
            attribute: "Id",
        },
        reason: "the ID of the VPC's default network ACL",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values",
    },
    ForeignAttribute {
        attribute: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "DefaultSecurityGroup",
        },
        target: AttributeAt {
            resource: "AWS::EC2::SecurityGroup",
            attribute: "Id",
        },
        reason: "the ID of the VPC's default security group",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html#aws-resource-ec2-vpc-return-values",
    },
];

/// An attribute type that doubles as an AWS-specific parameter type.
#[derive(Clone, Copy, Debug)]
pub struct ParameterType {
    /// The attribute or `Ref` identifier whose type implements `ParameterType`.
    pub attribute: AttributeAt,
    /// The parameter type: `AWS::EC2::VPC::Id`.
    pub parameter_type: &'static str,
    /// What CloudFormation checks for a parameter of this type.
    pub reason: &'static str,
    /// The documentation of the parameter types.
    pub link: &'static str,
}

/// The CloudFormation page listing the AWS-specific parameter types.
const PARAMETER_TYPES_LINK: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-specific-parameter-types";

/// **AWS-specific parameter types.**
///
/// CloudFormation validates parameters of these types against the account before deploying
/// (`AWS::EC2::VPC::Id` must name an existing VPC). The spec does not say which attribute an
/// AWS-specific parameter type stands for, so the table does: the attribute type of the
/// attribute or `Ref` identifier implements `ParameterType` with this name, so
/// `stack.parameter::<cfn::ec2::vpc::VpcId>(…)` declares `AWS::EC2::VPC::Id` and
/// `Parameter<Vec<SubnetId>>` declares `List<AWS::EC2::Subnet::Id>`.
pub const PARAMETER_TYPES: &[ParameterType] = &[
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::Instance",
            attribute: "InstanceId",
        },
        parameter_type: "AWS::EC2::Instance::Id",
        reason: "the value must be the ID of an EC2 instance in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::KeyPair",
            attribute: "KeyName",
        },
        parameter_type: "AWS::EC2::KeyPair::KeyName",
        reason: "the value must be the name of an EC2 key pair in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::SecurityGroup",
            attribute: "Id",
        },
        parameter_type: "AWS::EC2::SecurityGroup::Id",
        reason: "the value must be the ID of a security group in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::Subnet",
            attribute: "SubnetId",
        },
        parameter_type: "AWS::EC2::Subnet::Id",
        reason: "the value must be the ID of a subnet in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::VPC",
            attribute: "VpcId",
        },
        parameter_type: "AWS::EC2::VPC::Id",
        reason: "the value must be the ID of a VPC in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::EC2::Volume",
            attribute: "VolumeId",
        },
        parameter_type: "AWS::EC2::Volume::Id",
        reason: "the value must be the ID of an EBS volume in the account",
        link: PARAMETER_TYPES_LINK,
    },
    ParameterType {
        attribute: AttributeAt {
            resource: "AWS::Route53::HostedZone",
            attribute: "Id",
        },
        parameter_type: "AWS::Route53::HostedZone::Id",
        reason: "the value must be the ID of a Route 53 hosted zone in the account",
        link: PARAMETER_TYPES_LINK,
    },
];
