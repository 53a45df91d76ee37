//! The examples' templates, tested through `ecs_dsl::testing` as a stack crate of a user's own
//! would test them, and checked with the shipped AWS ECS controls: every finding of the controls
//! is allowed below with its reason (or would be fixed in the example).

use ecs_dsl::cfn::ecs::service::{self, LaunchType};
use ecs_dsl::cfn::ecs::task_definition::{ContainerDefinition, PortMapping, Secret};
use ecs_dsl::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::elasticloadbalancingv2::CfnLoadBalancer;
use ecs_dsl::rules::{RuleSet, aws_ecs_controls};
use ecs_dsl::synth::Format;
use ecs_dsl::testing::TestTemplate;
use ecs_dsl_tests::oracle::example_template;

fn example(name: &str) -> TestTemplate {
    TestTemplate::from_json(&example_template(name, Format::Json))
        .unwrap_or_else(|e| panic!("example {name}: {e}"))
}

/// What the controls find in the examples and why each is accepted, per example.
fn accepted(name: &str) -> Vec<(&'static str, &'static str)> {
    let common = [
        (
            "SecurityHub-ECS.5",
            "the images write below / (nginx its cache and pid file, uwsgi and Python their caches); \
             a read-only root needs writable mounts the `ecs` builders do not offer yet",
        ),
        (
            "SecurityHub-ECS.12",
            "an example keeps the account's default for Container Insights, which is billed per \
             container; a one-line `cluster_settings` turns it on",
        ),
        (
            "AwsSolutions-ECS2",
            "the plain variables are not secrets (log level, settings module, database host, user \
             and name); the password, SECRET_KEY and API token already come through `Secrets`",
        ),
    ];
    let own: &[(&str, &str)] = match name {
        "todobackend" => &[(
            "SecurityHub-ECS.20",
            "the todobackend image switches to its `app` user itself (USER in its Dockerfile); \
             the control reads only the task definition's `User`",
        )],
        "fargate_web_app" => &[
            (
                "SecurityHub-ECS.2",
                "the tasks run in the public subnets the stack is given, without a NAT gateway: a \
                 public IP is how a task pulls its image and reads its secret",
            ),
            (
                "SecurityHub-ECS.20",
                "the public nginx image starts as root to bind port 80 and drops to `nginx` itself",
            ),
        ],
        other => panic!("no allowances written for example {other}"),
    };
    common.into_iter().chain(own.iter().copied()).collect()
}

fn controls_with_allowances(name: &str) -> RuleSet {
    accepted(name)
        .into_iter()
        .fold(aws_ecs_controls(), |set, (code, reason)| {
            set.allow(code, reason)
        })
}

#[test]
fn every_finding_of_the_aws_controls_on_the_examples_is_accepted_with_a_reason() {
    for name in ["todobackend", "fargate_web_app"] {
        let template = example(name);
        let unallowed = template.clone().with_rules(&aws_ecs_controls());
        let mut found: Vec<&str> = unallowed.findings().codes();
        found.sort_unstable();
        found.dedup();
        let mut allowed: Vec<&str> = accepted(name).iter().map(|(code, _)| *code).collect();
        allowed.sort_unstable();
        assert_eq!(
            found, allowed,
            "{name}: each code the controls find is allowed, and no allowance is stale"
        );
        for (code, reason) in accepted(name) {
            assert!(reason.len() > 40, "{name}: {code} has a written reason");
        }
        template
            .with_rules(&controls_with_allowances(name))
            .expect_no_findings();
    }
}

#[test]
fn todobackend_serves_the_app_container_through_the_load_balancer() {
    let template = example("todobackend");
    assert_eq!(template.count::<CfnService>(), 1);
    assert_eq!(template.count::<CfnLoadBalancer>(), 1);
    assert_eq!(
        template.count::<CfnTaskDefinition>(),
        2,
        "the app and the migration"
    );

    let service = &template.resources::<CfnService>()[0];
    let cluster = service.prop(CfnService::cluster).reference().unwrap();
    assert!(
        template.follow::<CfnCluster>(&cluster).is_some(),
        "runs on the stack's cluster"
    );
    let target = &service.prop(CfnService::load_balancers).items()[0];
    assert_eq!(
        target.prop(service::LoadBalancer::container_name).value(),
        Some("todobackend")
    );
    assert_eq!(
        target.prop(service::LoadBalancer::container_port).value(),
        Some(8000)
    );

    let task = service
        .prop(CfnService::task_definition)
        .reference()
        .unwrap();
    let task = template.follow::<CfnTaskDefinition>(&task).unwrap();
    let containers = task.prop(CfnTaskDefinition::container_definitions).items();
    let app = containers
        .iter()
        .find(|c| c.prop(ContainerDefinition::name).value() == Some("todobackend"))
        .expect("the service's task runs the todobackend container");
    let ports = app.prop(ContainerDefinition::port_mappings).items();
    assert_eq!(
        ports[0].prop(PortMapping::container_port).value(),
        Some(8000)
    );
    assert!(
        !template.references_to(task.logical_id()).is_empty(),
        "the service refers to its task definition"
    );
}

#[test]
fn fargate_web_app_reads_its_token_from_the_stack_secret() {
    let template = example("fargate_web_app");
    let service = &template.resources::<CfnService>()[0];
    assert!(
        service
            .prop(CfnService::launch_type)
            .equals(LaunchType::Fargate)
    );
    let task = service
        .prop(CfnService::task_definition)
        .reference()
        .unwrap();
    let task = template.follow::<CfnTaskDefinition>(&task).unwrap();
    assert_eq!(task.prop(CfnTaskDefinition::cpu).value(), Some("512"));
    assert_eq!(task.prop(CfnTaskDefinition::memory).value(), Some("1024"));
    let web = &task.prop(CfnTaskDefinition::container_definitions).items()[0];
    let secret = &web.prop(ContainerDefinition::secrets).items()[0];
    assert_eq!(secret.prop(Secret::name).value(), Some("API_TOKEN"));
    let token = secret.prop(Secret::value_from).reference().unwrap();
    assert_eq!(token.target, "WebApiToken");
}
