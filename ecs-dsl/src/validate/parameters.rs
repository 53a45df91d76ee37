//! Template rules on parameters: an AMI ID should come in through a parameter type that
//! CloudFormation checks.

use crate::template::Node;

use super::Check;
use super::findings::Findings;
use super::helpers::{at_path, ref_name};
use super::index::Index;

/// `TPL001` (cfn-lint W2506).
pub(super) const AMI_PARAMETER_TYPE: Check = Check::warning(
    "TPL001",
    "a parameter used as an `ImageId` has type `AWS::EC2::Image::Id` or an SSM parameter type of it",
);

/// The parameter types that hold a checked AMI ID.
const AMI_TYPES: [&str; 2] = [
    "AWS::EC2::Image::Id",
    "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
];

/// Properties that take an AMI ID, by resource type (cfn-lint W2506's list).
const IMAGE_ID_PROPERTIES: [(&str, &str); 7] = [
    ("AWS::AutoScaling::LaunchConfiguration", "ImageId"),
    ("AWS::Batch::ComputeEnvironment", "ComputeResources.ImageId"),
    ("AWS::Cloud9::EnvironmentEC2", "ImageId"),
    ("AWS::EC2::Instance", "ImageId"),
    ("AWS::EC2::LaunchTemplate", "LaunchTemplateData.ImageId"),
    (
        "AWS::EC2::SpotFleet",
        "SpotFleetRequestConfigData.LaunchSpecifications.*.ImageId",
    ),
    ("AWS::ImageBuilder::Image", "ImageId"),
];

/// Runs the parameter rules.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for (type_name, property) in IMAGE_ID_PROPERTIES {
        let segments: Vec<&str> = property.split('.').collect();
        for r in ix.of_type(type_name) {
            at_path(
                &r.resource.properties,
                &format!("Resources.{}.Properties", r.id),
                &segments,
                &mut |path, value| {
                    let Some(name) = ref_name(value) else { return };
                    let Some(declared) = ix
                        .parameter(name)
                        .and_then(|p| p.get("Type"))
                        .and_then(Node::as_str)
                    else {
                        return;
                    };
                    if AMI_TYPES.contains(&declared) {
                        return;
                    }
                    out.add(
                    r,
                    AMI_PARAMETER_TYPE.finding(
                        path,
                        format!("`ImageId` of `{}` takes parameter `{name}`, which has type `{declared}`", r.id),
                        format!(
                            "declare `{name}` as `Parameter<ImageId>` (`AWS::EC2::Image::Id`), or as `Parameter<Ssm<ImageId>>` with the default \
                             `/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`, so CloudFormation checks the AMI exists"
                        ),
                    ),
                );
                },
            );
        }
    }
}
