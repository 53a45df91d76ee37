//! The shipped rule set: the ECS controls of AWS Security Hub (codes `SecurityHub-ECS.n`) and of
//! cdk-nag's AwsSolutions pack (codes `AwsSolutions-ECSn`) that judge what a template says. A
//! control that both define is one rule under the Security Hub code, with both references.
//!
//! Every rule is a warning: a team turns one into a gate with [`super::RuleSet::enforce`].

/// The reference of a Security Hub ECS control, by its anchor (`ecs-12`).
macro_rules! security_hub {
    ($anchor:literal) => {
        concat!(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#",
            $anchor
        )
    };
}

/// The reference of a cdk-nag AwsSolutions rule, by its ID (`AwsSolutions-ECS4`).
macro_rules! cdk_nag {
    ($rule:literal) => {
        concat!(
            "cdk-nag ",
            $rule,
            " (https://github.com/cdklabs/cdk-nag/blob/main/RULES.md#awssolutions)"
        )
    };
}

mod cluster;
mod containers;
mod control;
mod network;

use super::RuleSet;
use control::Control;

/// Every control of the set, in code order.
const CONTROLS: [Control; 12] = [
    network::SERVICE_PUBLIC_IP,
    containers::HOST_PID_MODE,
    containers::PRIVILEGED,
    containers::WRITABLE_ROOT_FILESYSTEM,
    containers::CREDENTIALS_IN_ENVIRONMENT,
    containers::NO_LOG_CONFIGURATION,
    network::FARGATE_PLATFORM_VERSION,
    cluster::CONTAINER_INSIGHTS,
    network::TASK_SET_PUBLIC_IP,
    network::HOST_NETWORK_MODE,
    containers::ROOT_USER,
    containers::PLAIN_ENVIRONMENT,
];

/// The ECS controls of AWS Security Hub and cdk-nag AwsSolutions, as warnings, each with its
/// reference. Register with `stack.rule(aws_ecs_controls())`, or run on a template file with
/// [`RuleSet::check`].
pub fn aws_ecs_controls() -> RuleSet {
    CONTROLS
        .into_iter()
        .fold(RuleSet::new(), |set, control| set.rule(control))
}
