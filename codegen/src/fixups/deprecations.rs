//! The `#[deprecated]` notes: of properties the spec marks deprecated, and of Lambda runtimes
//! past their deprecation date.

use super::PropertyAt;
use crate::model::Spec;

/// The note of a deprecated property.
#[derive(Clone, Copy, Debug)]
pub struct DeprecationNote {
    /// The property.
    pub at: PropertyAt,
    /// Why it is deprecated and what to do instead: the `#[deprecated]` note.
    pub reason: &'static str,
    /// The documentation of the property.
    pub link: &'static str,
}

/// **Reasons for deprecated properties.**
///
/// The spec marks a deprecated property with `deprecated: "WARN"` and no reason; a
/// `#[deprecated]` note should say what to do instead. Properties not listed get
/// [`DEFAULT_DEPRECATION_NOTE`].
pub const DEPRECATION_NOTES: &[DeprecationNote] = &[
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::AutoScaling::AutoScalingGroup",
            owner: "",
            property: "NotificationConfiguration",
        },
        reason: "superseded by `NotificationConfigurations` (a list); set that instead",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-autoscaling-autoscalinggroup.html#cfn-autoscaling-autoscalinggroup-notificationconfiguration",
    },
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::EC2::EIPAssociation",
            owner: "",
            property: "EIP",
        },
        reason: "EC2-Classic only; use `AllocationId` for an Elastic IP in a VPC",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-eipassociation.html#cfn-ec2-eipassociation-eip",
    },
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::ECS::TaskDefinition",
            owner: "",
            property: "InferenceAccelerators",
        },
        reason: "Amazon Elastic Inference is no longer available to new customers; do not set it",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecs-taskdefinition.html#cfn-ecs-taskdefinition-inferenceaccelerators",
    },
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::Events::EventBusPolicy",
            owner: "",
            property: "Action",
        },
        reason: "superseded by `Statement`; put the action in the policy statement",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbuspolicy.html#cfn-events-eventbuspolicy-action",
    },
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::Events::EventBusPolicy",
            owner: "",
            property: "Condition",
        },
        reason: "superseded by `Statement`; put the condition in the policy statement",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbuspolicy.html#cfn-events-eventbuspolicy-condition",
    },
    DeprecationNote {
        at: PropertyAt {
            resource: "AWS::Events::EventBusPolicy",
            owner: "",
            property: "Principal",
        },
        reason: "superseded by `Statement`; put the principal in the policy statement",
        link: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbuspolicy.html#cfn-events-eventbuspolicy-principal",
    },
];

/// The note of a deprecated property without an entry in [`DEPRECATION_NOTES`].
pub const DEFAULT_DEPRECATION_NOTE: &str =
    "deprecated in the CloudFormation resource specification; AWS may ignore or reject it";

/// The `#[deprecated]` note of a property the spec marks deprecated.
pub fn deprecation_note(type_name: &str, owner: &str, property: &str) -> String {
    DEPRECATION_NOTES
        .iter()
        .find(|n| n.at.is(type_name, owner, property))
        .map_or(DEFAULT_DEPRECATION_NOTE, |n| n.reason)
        .to_owned()
}

/// A property whose values are Lambda runtime identifiers.
#[derive(Clone, Copy, Debug)]
pub struct LambdaRuntimeProperty {
    /// The property.
    pub at: PropertyAt,
    /// What it holds.
    pub reason: &'static str,
    /// The documentation of the runtimes and their deprecation dates.
    pub link: &'static str,
}

/// The Lambda documentation of runtimes and their deprecation dates.
const LAMBDA_RUNTIMES_LINK: &str =
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html";

/// **Deprecated Lambda runtimes.**
///
/// The spec lists no runtimes at all; the enum comes from cfn-lint (see
/// [`LINT_ENUM_MAX_VALUES`](super::LINT_ENUM_MAX_VALUES)), and cfn-lint's
/// `LmbdRuntimeLifecycle.json` dates each runtime's deprecation. A runtime deprecated on or
/// before [`LAMBDA_DEPRECATION_CUTOFF`] gets `#[deprecated]` naming its successor. The cut-off is
/// pinned (not today's date) so generation stays deterministic; move it with the pins.
pub const LAMBDA_RUNTIME_PROPERTIES: &[LambdaRuntimeProperty] = &[
    LambdaRuntimeProperty {
        at: PropertyAt {
            resource: "AWS::Lambda::Function",
            owner: "",
            property: "Runtime",
        },
        reason: "the runtime of the function",
        link: LAMBDA_RUNTIMES_LINK,
    },
    LambdaRuntimeProperty {
        at: PropertyAt {
            resource: "AWS::Lambda::LayerVersion",
            owner: "",
            property: "CompatibleRuntimes",
        },
        reason: "the runtimes the layer works with",
        link: LAMBDA_RUNTIMES_LINK,
    },
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
        .any(|r| r.at.is(type_name, owner, property))
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
