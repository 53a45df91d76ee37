//! The shipped set of AWS ECS controls: each control fires on a stack that breaks it, none fires
//! on a stack that keeps them all, and every finding names its control's reference.

use ecs_dsl::cfn::ecs::cluster::ClusterSettings;
use ecs_dsl::cfn::ecs::service::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, LaunchType, NetworkConfiguration,
};
use ecs_dsl::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, LogConfiguration,
    LogConfigurationRequired, NetworkMode, PidMode, RequiresCompatibilities,
};
use ecs_dsl::cfn::ecs::task_set::{self, CfnTaskSetRequired};
use ecs_dsl::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition, CfnTaskSet};
use ecs_dsl::prelude::*;
use ecs_dsl::rules::aws_ecs_controls;
use ecs_dsl::testing::TestTemplate;

fn container() -> ContainerDefinition {
    ContainerDefinition::new(ContainerDefinitionRequired {
        name: "app",
        image: "example/app",
    })
    .memory_reservation(128)
}

/// A stack that breaks every control once.
fn insecure() -> Stack {
    let mut stack = Stack::new();
    stack.rule(aws_ecs_controls());
    let cluster = stack.add("Cluster", CfnCluster::new());
    let task = stack.add(
        "Task",
        CfnTaskDefinition::new()
            .network_mode(NetworkMode::Host)
            .pid_mode(PidMode::Host)
            .container_definitions(vec![container().privileged(true).user("root").environment(
                vec![KeyValuePair::new().name("AWS_SECRET_ACCESS_KEY").value("x")],
            )]),
    );
    let service = stack.add(
        "Service",
        CfnService::new()
            .cluster(&cluster)
            .task_definition(&task)
            .launch_type(LaunchType::Fargate)
            .platform_version("1.3.0")
            .network_configuration(
                NetworkConfiguration::new().awsvpc_configuration(
                    AwsVpcConfiguration::new()
                        .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Enabled),
                ),
            ),
    );
    stack.add(
        "TaskSet",
        CfnTaskSet::new(CfnTaskSetRequired {
            cluster: "web",
            service: "web",
            task_definition: "web:1",
        })
        .network_configuration(
            task_set::NetworkConfiguration::new().aws_vpc_configuration(
                task_set::AwsVpcConfiguration::new(task_set::AwsVpcConfigurationRequired {
                    subnets: vec!["subnet-1"],
                })
                .assign_public_ip(task_set::AwsVpcConfigurationAssignPublicIp::Enabled),
            ),
        ),
    );
    let _ = service;
    stack
}

/// A stack that keeps every control.
fn hardened() -> Stack {
    let mut stack = Stack::new();
    stack.rule(aws_ecs_controls());
    let cluster = stack.add(
        "Cluster",
        CfnCluster::new().cluster_settings(vec![
            ClusterSettings::new()
                .name("containerInsights")
                .value("enabled"),
        ]),
    );
    let task = stack.add(
        "Task",
        CfnTaskDefinition::new()
            .network_mode(NetworkMode::Awsvpc)
            .requires_compatibilities(vec![RequiresCompatibilities::Fargate])
            .cpu("256")
            .memory("512")
            .execution_role_arn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
            .container_definitions(vec![
                container()
                    .user("1000")
                    .readonly_root_filesystem(true)
                    .log_configuration(LogConfiguration::new(LogConfigurationRequired {
                        log_driver: "awslogs",
                    })),
            ]),
    );
    stack.add(
        "Service",
        CfnService::new()
            .cluster(&cluster)
            .task_definition(&task)
            .launch_type(LaunchType::Fargate)
            .network_configuration(
                NetworkConfiguration::new().awsvpc_configuration(
                    AwsVpcConfiguration::new()
                        .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Disabled),
                ),
            ),
    );
    stack
}

#[test]
fn every_control_fires_on_a_stack_that_breaks_it() {
    let template = TestTemplate::from_stack(&insecure());
    let expected = [
        (
            "SecurityHub-ECS.2",
            "Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp",
        ),
        ("SecurityHub-ECS.3", "Resources.Task.Properties.PidMode"),
        (
            "SecurityHub-ECS.4",
            "Resources.Task.Properties.ContainerDefinitions[0].Privileged",
        ),
        (
            "SecurityHub-ECS.5",
            "Resources.Task.Properties.ContainerDefinitions[0].ReadonlyRootFilesystem",
        ),
        (
            "SecurityHub-ECS.8",
            "Resources.Task.Properties.ContainerDefinitions[0].Environment[0]",
        ),
        (
            "SecurityHub-ECS.9",
            "Resources.Task.Properties.ContainerDefinitions[0].LogConfiguration",
        ),
        (
            "SecurityHub-ECS.10",
            "Resources.Service.Properties.PlatformVersion",
        ),
        (
            "SecurityHub-ECS.12",
            "Resources.Cluster.Properties.ClusterSettings",
        ),
        (
            "SecurityHub-ECS.16",
            "Resources.TaskSet.Properties.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp",
        ),
        (
            "SecurityHub-ECS.17",
            "Resources.Task.Properties.NetworkMode",
        ),
        (
            "SecurityHub-ECS.20",
            "Resources.Task.Properties.ContainerDefinitions[0].User",
        ),
        (
            "AwsSolutions-ECS2",
            "Resources.Task.Properties.ContainerDefinitions[0].Environment",
        ),
    ];
    for (code, path) in expected {
        let finding = template.expect_finding(code);
        assert_eq!(finding.path, path, "{code}");
        let help = finding.help.as_deref().unwrap_or_default();
        assert!(
            help.contains("(control: ") && help.contains("https://"),
            "{code} names its reference: {help}"
        );
    }
    assert_eq!(
        aws_ecs_controls().codes().len(),
        expected.len(),
        "one case per control"
    );
}

#[test]
fn no_control_fires_on_a_stack_that_keeps_them() {
    TestTemplate::from_stack(&hardened()).expect_no_findings();
}

#[test]
fn every_control_has_a_summary_and_a_reference() {
    for rule in aws_ecs_controls().rules() {
        assert!(!rule.summary().is_empty(), "{}", rule.code());
        let reference = rule.reference().unwrap_or_default();
        assert!(
            reference.starts_with("https://") || reference.starts_with("cdk-nag "),
            "{reference}"
        );
        if rule.code().starts_with("SecurityHub-") {
            let anchor = rule.code().trim_start_matches("SecurityHub-ECS.");
            assert!(
                reference.contains(&format!("ecs-controls.html#ecs-{anchor}")),
                "{reference}"
            );
        } else {
            assert!(reference.contains(rule.code()), "{reference}");
        }
    }
}
