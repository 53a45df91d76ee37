//! `ecs_dsl::testing` on a stack written here: typed lookups, typed property accessors, counts,
//! captured references, `expect_finding`, and snapshots that are stable across runs.

use ecs_dsl::cfn::ecs::service::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, LaunchType, NetworkConfiguration,
};
use ecs_dsl::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, RequiresCompatibilities,
};
use ecs_dsl::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::testing::TestTemplate;

/// A cluster, an EC2 task definition whose container sets no memory (`ECS005`), and a service.
fn stack() -> (Stack, Handle<CfnCluster>, Handle<CfnTaskDefinition>) {
    let mut stack = Stack::new();
    let cluster = stack.add("Cluster", CfnCluster::new());
    let task = stack.add(
        "Task",
        CfnTaskDefinition::new()
            .requires_compatibilities(vec![RequiresCompatibilities::Ec2])
            .container_definitions(vec![
                ContainerDefinition::new(ContainerDefinitionRequired {
                    name: "web",
                    image: "nginx",
                })
                .environment(vec![KeyValuePair::new().name("MODE").value("prod")]),
            ]),
    );
    stack.add(
        "Service",
        CfnService::new()
            .cluster(&cluster)
            .task_definition(&task)
            .desired_count(3)
            .launch_type(LaunchType::Ec2)
            .network_configuration(
                NetworkConfiguration::new().awsvpc_configuration(
                    AwsVpcConfiguration::new()
                        .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Disabled),
                ),
            ),
    );
    (stack, cluster, task)
}

#[test]
fn resources_are_found_by_their_generated_type() {
    let (stack, ..) = stack();
    let template = TestTemplate::from_stack(&stack);
    let services = template.resources::<CfnService>();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].logical_id(), "Service");
    assert_eq!(template.count::<CfnTaskDefinition>(), 1);
    assert_eq!(template.count::<CfnLogGroup>(), 0);
    assert!(
        template.resource::<CfnService>("Task").is_none(),
        "Task is not a service"
    );
}

#[test]
fn typed_accessors_read_literals_enums_and_nested_properties() {
    let (stack, ..) = stack();
    let template = TestTemplate::from_stack(&stack);
    let service = template.resource::<CfnService>("Service").unwrap();
    let count = service.prop(CfnService::desired_count);
    assert_eq!(count.value(), Some(3));
    assert_eq!(count.path(), "Resources.Service.Properties.DesiredCount");
    assert!(
        service
            .prop(CfnService::launch_type)
            .equals(LaunchType::Ec2)
    );
    assert!(
        !service
            .prop(CfnService::launch_type)
            .equals(LaunchType::Fargate)
    );
    let public_ip = service
        .prop(CfnService::network_configuration)
        .prop(NetworkConfiguration::awsvpc_configuration)
        .prop(AwsVpcConfiguration::assign_public_ip);
    assert_eq!(public_ip.text(), Some("DISABLED"));
    assert_eq!(
        public_ip.path(),
        "Resources.Service.Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp"
    );
    assert!(!service.prop(CfnService::platform_version).is_set());

    let task = template.resource::<CfnTaskDefinition>("Task").unwrap();
    let containers = task.prop(CfnTaskDefinition::container_definitions).items();
    assert_eq!(containers.len(), 1);
    assert_eq!(
        containers[0].prop(ContainerDefinition::name).value(),
        Some("web")
    );
    let variables = containers[0].prop(ContainerDefinition::environment).items();
    assert_eq!(variables[0].prop(KeyValuePair::value).value(), Some("prod"));
    assert_eq!(
        variables[0].path(),
        "Resources.Task.Properties.ContainerDefinitions[0].Environment[0]"
    );
}

#[test]
fn references_are_captured_followed_and_counted() {
    let (stack, cluster, task) = stack();
    let template = TestTemplate::from_stack(&stack);
    let service = template.resource::<CfnService>("Service").unwrap();
    let captured = service
        .prop(CfnService::task_definition)
        .reference()
        .unwrap();
    assert!(captured.refers_to(&task));
    assert!(!captured.refers_to(&cluster));
    assert_eq!(captured.attribute, None, "a Ref, not a GetAtt");
    let followed = template.follow::<CfnTaskDefinition>(&captured).unwrap();
    assert_eq!(followed.logical_id(), "Task");
    assert!(service.prop(CfnService::cluster).equals(&cluster));
    assert_eq!(
        template.references_to("Cluster"),
        ["Resources.Service.Properties.Cluster"]
    );
    assert_eq!(template.references_to("Service").len(), 0);
}

#[test]
fn expect_finding_names_the_rule_that_fired() {
    let (stack, ..) = stack();
    let template = TestTemplate::from_stack(&stack);
    let finding = template.expect_finding("ECS005");
    assert_eq!(
        finding.path,
        "Resources.Task.Properties.ContainerDefinitions[0]"
    );
    template.expect_no_finding("ECS001");
}

#[test]
#[should_panic(expected = "expected a finding `ECS001`, found: [\"ECS005\"]")]
fn expect_finding_fails_listing_the_findings_there_are() {
    let (stack, ..) = stack();
    TestTemplate::from_stack(&stack).expect_finding("ECS001");
}

#[test]
fn snapshots_are_stable_and_detect_changes() {
    let first = TestTemplate::from_stack(&stack().0).snapshot();
    let second = TestTemplate::from_stack(&stack().0).snapshot();
    assert_eq!(
        first, second,
        "two syntheses of the same stack give the same bytes"
    );

    let dir = std::env::temp_dir().join(format!("ecs-dsl-snapshot-{}", std::process::id()));
    let path = dir.join("stack.json");
    let _ = std::fs::remove_dir_all(&dir);
    let template = TestTemplate::from_stack(&stack().0);
    template.assert_snapshot(&path); // missing: written
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
    template.assert_snapshot(&path); // equal: passes

    let (mut changed, ..) = stack();
    changed.add("Logs", CfnLogGroup::new());
    let changed = TestTemplate::from_stack(&changed);
    let failure = std::panic::catch_unwind(|| changed.assert_snapshot(&path)).unwrap_err();
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(message.contains("differs from snapshot"), "{message}");
    assert!(message.contains("UPDATE_SNAPSHOTS=1"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_template_file_is_tested_like_a_stack() {
    let (stack, ..) = stack();
    let text = TestTemplate::from_stack(&stack).snapshot();
    let from_file = TestTemplate::from_json(&text).unwrap();
    let service = from_file.resource::<CfnService>("Service").unwrap();
    assert_eq!(service.prop(CfnService::desired_count).value(), Some(3));
    let captured = service
        .prop(CfnService::task_definition)
        .reference()
        .unwrap();
    assert_eq!(captured.target, "Task");
    from_file.expect_finding("ECS005");
}
