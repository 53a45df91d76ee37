//! Controls on how services, task sets and tasks reach the network.

use super::control::Control;
use crate::cfn::ecs::service::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, LaunchType, NetworkConfiguration,
};
use crate::cfn::ecs::task_definition::NetworkMode;
use crate::cfn::ecs::task_set;
use crate::cfn::ecs::{CfnService, CfnTaskDefinition, CfnTaskSet};
use crate::rules::Report;
use crate::template::Template;

/// Security Hub ECS.2.
pub(super) const SERVICE_PUBLIC_IP: Control = Control {
    code: "SecurityHub-ECS.2",
    summary: "services do not assign public IP addresses to their tasks",
    reference: security_hub!("ecs-2"),
    check: service_public_ip,
};

/// Security Hub ECS.10.
pub(super) const FARGATE_PLATFORM_VERSION: Control = Control {
    code: "SecurityHub-ECS.10",
    summary: "Fargate services run on the latest platform version",
    reference: security_hub!("ecs-10"),
    check: fargate_platform_version,
};

/// Security Hub ECS.16.
pub(super) const TASK_SET_PUBLIC_IP: Control = Control {
    code: "SecurityHub-ECS.16",
    summary: "task sets do not assign public IP addresses to their tasks",
    reference: security_hub!("ecs-16"),
    check: task_set_public_ip,
};

/// Security Hub ECS.17.
pub(super) const HOST_NETWORK_MODE: Control = Control {
    code: "SecurityHub-ECS.17",
    summary: "task definitions do not use the host network mode",
    reference: security_hub!("ecs-17"),
    check: host_network_mode,
};

const PUBLIC_IP_HELP: &str = "set `AssignPublicIp: DISABLED`, run tasks in private subnets and reach them through the load balancer";

fn service_public_ip(template: &Template, report: &mut Report<'_>) {
    for service in template.resources::<CfnService>() {
        let assign = service
            .prop(CfnService::network_configuration)
            .prop(NetworkConfiguration::awsvpc_configuration)
            .prop(AwsVpcConfiguration::assign_public_ip);
        if assign.equals(AwsVpcConfigurationAssignPublicIp::Enabled) {
            report.add(
                &assign,
                "the service gives its tasks public IP addresses",
                PUBLIC_IP_HELP,
            );
        }
    }
}

fn task_set_public_ip(template: &Template, report: &mut Report<'_>) {
    for task_set in template.resources::<CfnTaskSet>() {
        let assign = task_set
            .prop(CfnTaskSet::network_configuration)
            .prop(task_set::NetworkConfiguration::aws_vpc_configuration)
            .prop(task_set::AwsVpcConfiguration::assign_public_ip);
        if assign.equals(task_set::AwsVpcConfigurationAssignPublicIp::Enabled) {
            report.add(
                &assign,
                "the task set gives its tasks public IP addresses",
                PUBLIC_IP_HELP,
            );
        }
    }
}

fn fargate_platform_version(template: &Template, report: &mut Report<'_>) {
    for service in template.resources::<CfnService>() {
        if !service
            .prop(CfnService::launch_type)
            .equals(LaunchType::Fargate)
        {
            continue;
        }
        let version = service.prop(CfnService::platform_version);
        if let Some(v) = version.value().filter(|v| *v != "LATEST") {
            report.add(
                &version,
                format!("the Fargate service is pinned to platform version `{v}`"),
                "leave `PlatformVersion` unset or set it to `LATEST`",
            );
        }
    }
}

fn host_network_mode(template: &Template, report: &mut Report<'_>) {
    for task in template.resources::<CfnTaskDefinition>() {
        let mode = task.prop(CfnTaskDefinition::network_mode);
        if mode.equals(NetworkMode::Host) {
            report.add(
                &mode,
                "the task uses the host network mode",
                "use `awsvpc` (or `bridge` on EC2) so each task has its own network stack",
            );
        }
    }
}
