//! The bug zoo: every problem `cfn-lint` 1.51 finds in the book's chapter-8 template, plus the
//! duplicate logical IDs of the book's final template, each made again the way an ecs-dsl user
//! would make it, and shown caught.
//!
//! | book's mistake | cfn-lint | where ecs-dsl catches it |
//! | --- | --- | --- |
//! | Lambda `Runtime: python3.6` | E2533 | compile time: `Runtime::Python3_6` is `#[deprecated]` (a warning; an error with `-D warnings`, case `tests/ui/zoo/lambda-runtime-python36.rs`); validate `LIF001` (error) |
//! | `HostPort: 0` behind a target group without `HealthCheckPort: traffic-port` | E3049 | `ecs::Ec2Service` always sets `traffic-port`; with L1 types, validate `ECS003` (error) |
//! | RDS MySQL `EngineVersion: 5.7` | E3691 | validate `RDS002` (error), naming a full 5.7 and the newest version |
//! | `DBInstanceClass: db.t2.micro` | E3062 | validate `RDS003` (error), suggesting `db.t3.micro` |
//! | database password passed as a `NoEcho` parameter | W1011 | `rds::DatabaseInstance` generates the password in Secrets Manager (there is no password input); with L1 types, validate `SEC002` (warning) |
//! | `AWS::AutoScaling::LaunchConfiguration` | W3697 | `ecs::Ec2Cluster` uses a launch template; with L1 types, validate `LIF003` (warning) |
//! | AMI parameter of type `String` | W2506 | validate `TPL001` (warning); `Parameter<ImageId>` is the typed form |
//! | the same logical ID twice (final template) | — (YAML keeps the last) | synth error `CFN002` naming both places |
//!
//! Beyond cfn-lint, the book also writes `SECRET_KEY` into the template in plain text:
//! validate `SEC001` (warning).

use ecs_dsl::Diagnostics;
use ecs_dsl::cfn::autoscaling::CfnLaunchConfiguration;
use ecs_dsl::cfn::autoscaling::launch_configuration::CfnLaunchConfigurationRequired;
use ecs_dsl::cfn::ecs::service::LoadBalancer;
use ecs_dsl::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, PortMapping,
};
use ecs_dsl::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::elasticloadbalancingv2::CfnTargetGroup;
use ecs_dsl::cfn::lambda::CfnFunction;
use ecs_dsl::cfn::lambda::function::{CfnFunctionRequired, Code, Runtime};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::rds::CfnDbInstance;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Ec2Cluster, Ec2Service, Listener, Network, TargetGroup,
    TaskDefinition,
};
use ecs_dsl::prelude::*;
use ecs_dsl::rds::{DatabaseInstance, Engine};
use ecs_dsl::validate::validate;

/// Synthesizes a stack and validates it, as `cargo run -- validate` does.
fn findings(stack: &Stack) -> Diagnostics {
    validate(
        &stack
            .to_template()
            .unwrap_or_else(|e| panic!("synth failed:\n{e}")),
    )
}

/// The one finding with `code`, which must be at `path`.
fn caught(d: &Diagnostics, code: &str, path: &str) -> ecs_dsl::Diagnostic {
    let found: Vec<_> = d.iter().filter(|f| f.code == code).cloned().collect();
    assert_eq!(found.len(), 1, "expected one {code}:\n{d}");
    let f = found.into_iter().next().unwrap_or_else(|| unreachable!());
    assert_eq!(f.path, path, "{d}");
    f
}

fn assert_mentions(f: &ecs_dsl::Diagnostic, words: &[&str]) {
    let text = format!("{} {}", f.message, f.help.clone().unwrap_or_default());
    for w in words {
        assert!(text.contains(w), "`{w}` missing: {text}");
    }
}

#[test]
fn e2533_python36_runtime() {
    let mut stack = Stack::new();
    #[allow(
        deprecated,
        reason = "the user ignored the compiler's deprecation warning; validate still stops them"
    )]
    let runtime = Runtime::Python3_6;
    stack.add(
        "EcsTaskRunner",
        CfnFunction::new(CfnFunctionRequired {
            code: Code::new().zip_file("def handler(event, context): pass"),
            role: "arn:aws:iam::123456789012:role/ecs-task-runner",
        })
        .handler("index.handler")
        .runtime(runtime),
    );
    let d = findings(&stack);
    let f = caught(&d, "LIF001", "Resources.EcsTaskRunner.Properties.Runtime");
    assert!(f.is_error());
    assert_mentions(&f, &["`python3.6`", "2022-07-18", "`python3.14`"]);
}

#[test]
fn e2533_python36_is_a_deprecation_at_compile_time() {
    trybuild::TestCases::new().compile_fail("ui/zoo/*.rs");
}

/// The book's service: a container on a dynamic host port behind a target group.
fn dynamic_port_service(target_group: CfnTargetGroup) -> Stack {
    let mut stack = Stack::new();
    let cluster = stack.add("ApplicationCluster", CfnCluster::new());
    let target_group = stack.add(
        "ApplicationServiceTargetGroup",
        target_group.port(8000).vpc_id("vpc-1"),
    );
    let todobackend = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "docker-in-aws/todobackend",
        name: "todobackend",
    })
    .memory_reservation(395)
    .port_mappings(vec![PortMapping::new().container_port(8000).host_port(0)]);
    let task = stack.add(
        "ApplicationTaskDefinition",
        CfnTaskDefinition::new().container_definitions(vec![todobackend]),
    );
    stack.add(
        "ApplicationService",
        CfnService::new()
            .cluster(&cluster)
            .task_definition(&task)
            .load_balancers(vec![
                LoadBalancer::new()
                    .container_name("todobackend")
                    .container_port(8000)
                    .target_group_arn(&target_group),
            ]),
    );
    stack
}

#[test]
fn e3049_dynamic_host_port_without_traffic_port_health_check() {
    let d = findings(&dynamic_port_service(CfnTargetGroup::new()));
    let f = caught(
        &d,
        "ECS003",
        "Resources.ApplicationServiceTargetGroup.Properties.HealthCheckPort",
    );
    assert!(f.is_error());
    assert_mentions(
        &f,
        &[
            "`ApplicationServiceTargetGroup`",
            "`todobackend`",
            "traffic-port",
        ],
    );

    // The fix, and what the L2 service does on its own.
    assert!(
        findings(&dynamic_port_service(
            CfnTargetGroup::new().health_check_port("traffic-port")
        ))
        .is_empty()
    );
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1", "subnet-2"]);
    let cluster = Ec2Cluster::new(&network, "ami-1").add(&mut stack, "Application");
    let task = TaskDefinition::new("todobackend")
        .container(
            Container::new("todobackend", "docker-in-aws/todobackend")
                .memory_reservation_mib(395)
                .port(8000),
        )
        .add(&mut stack, "ApplicationTaskDefinition");
    let group = TargetGroup::http(&network, task.container("todobackend").port(8000))
        .add(&mut stack, "ApplicationServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::http(80).forward(&group))
        .add(&mut stack, "Application");
    Ec2Service::new(&cluster, &task)
        .load_balancer(&alb, &group)
        .add(&mut stack, "Application");
    let d = findings(&stack);
    assert!(!d.codes().contains(&"ECS003"), "{d}");
}

/// The book's database, written with the high-level builder.
fn database(version: &str, class: &str) -> Diagnostics {
    let mut stack = Stack::new();
    DatabaseInstance::new(
        Engine::mysql(version),
        "vpc-1",
        vec!["subnet-1", "subnet-2"],
    )
    .instance_class(class)
    .add(&mut stack, "Application");
    findings(&stack)
}

#[test]
fn e3691_mysql_57_engine_version() {
    let d = database("5.7", "db.t3.micro");
    let f = caught(
        &d,
        "RDS002",
        "Resources.ApplicationDatabase.Properties.EngineVersion",
    );
    assert!(f.is_error());
    assert_mentions(&f, &["`5.7`", "`mysql`", "`5.7.44"]);
    assert!(database("8.4.7", "db.t3.micro").is_empty());
}

#[test]
fn e3062_db_t2_micro_instance_class() {
    let d = database("5.7.44-rds.20260212", "db.t2.micro");
    let f = caught(
        &d,
        "RDS003",
        "Resources.ApplicationDatabase.Properties.DBInstanceClass",
    );
    assert!(f.is_error());
    assert_mentions(&f, &["`db.t2.micro`", "`db.t3.micro`"]);
}

#[test]
fn w1011_database_password_parameter() {
    let mut stack = Stack::new();
    let password = stack.parameter::<String>(
        "DatabasePassword",
        ParameterSpec::new()
            .description("Database password")
            .no_echo(),
    );
    stack.add(
        "ApplicationDatabase",
        CfnDbInstance::new()
            .engine("mysql")
            .engine_version("8.4.7")
            .db_instance_class("db.t3.micro")
            .allocated_storage("20")
            .master_username("todobackend")
            .master_user_password(&password),
    );
    let d = findings(&stack);
    let f = caught(
        &d,
        "SEC002",
        "Resources.ApplicationDatabase.Properties.MasterUserPassword",
    );
    assert_mentions(
        &f,
        &[
            "`DatabasePassword`",
            "ManageMasterUserPassword",
            "{{resolve:secretsmanager:",
        ],
    );
}

#[test]
fn w3697_launch_configuration() {
    let mut stack = Stack::new();
    stack.add(
        "ApplicationAutoscalingLaunchConfiguration",
        CfnLaunchConfiguration::new(CfnLaunchConfigurationRequired {
            image_id: "ami-0123456789abcdef0",
            instance_type: "t3.micro",
        }),
    );
    let d = findings(&stack);
    let f = caught(
        &d,
        "LIF003",
        "Resources.ApplicationAutoscalingLaunchConfiguration.Type",
    );
    assert_mentions(
        &f,
        &[
            "maintenance mode since 2024-10-01",
            "`AWS::EC2::LaunchTemplate`",
        ],
    );
}

/// An EC2 cluster started from the AMI in `ami`.
fn cluster_with_ami<T: ecs_dsl::template::ParameterType>() -> Diagnostics
where
    for<'a> &'a Parameter<T>: IntoValue<String>,
{
    let mut stack = Stack::new();
    let ami = stack.parameter::<T>(
        "ApplicationImageId",
        ParameterSpec::new().description("ECS Amazon Machine Image (AMI) ID"),
    );
    let network = Network::new("vpc-1", vec!["subnet-1", "subnet-2"]);
    Ec2Cluster::new(&network, &ami).add(&mut stack, "Application");
    findings(&stack)
}

#[test]
fn w2506_ami_parameter_typed_string() {
    let d = cluster_with_ami::<String>();
    let f = caught(
        &d,
        "TPL001",
        "Resources.ApplicationAutoscalingLaunchTemplate.Properties.LaunchTemplateData.ImageId",
    );
    assert_mentions(
        &f,
        &["`ApplicationImageId`", "`String`", "Parameter<ImageId>"],
    );
    assert!(!cluster_with_ami::<ImageId>().codes().contains(&"TPL001"));
}

#[test]
fn duplicate_logical_ids_name_both_places() {
    let mut stack = Stack::new();
    let first_line = line!() + 1;
    stack.add(
        "ApplicationLogGroup",
        CfnLogGroup::new().retention_in_days(7),
    );
    let second_line = line!() + 1;
    stack.add(
        "ApplicationLogGroup",
        CfnLogGroup::new().retention_in_days(30),
    );
    let e = stack
        .to_template()
        .expect_err("a duplicate logical ID is a synth error");
    let f = caught(&e.0, "CFN002", "Resources.ApplicationLogGroup");
    assert_mentions(&f, &["`ApplicationLogGroup`", "defined twice"]);
    assert_eq!(
        f.location.map(|l| (l.file(), l.line())),
        Some((file!(), second_line))
    );
    let (note, first) = f.related.expect("the first definition is named");
    assert!(note.contains("first defined"), "{note}");
    assert_eq!((first.file(), first.line()), (file!(), first_line));
}

#[test]
fn beyond_cfn_lint_plain_text_secret_key() {
    let mut stack = Stack::new();
    let todobackend = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "docker-in-aws/todobackend",
        name: "todobackend",
    })
    .memory_reservation(395)
    .environment(vec![
        KeyValuePair::new()
            .name("SECRET_KEY")
            .value("some-random-secret-should-be-here"),
    ]);
    stack.add(
        "ApplicationTaskDefinition",
        CfnTaskDefinition::new().container_definitions(vec![todobackend]),
    );
    let d = findings(&stack);
    let f = caught(
        &d,
        "SEC001",
        "Resources.ApplicationTaskDefinition.Properties.ContainerDefinitions[0].Environment[0].Value",
    );
    assert_mentions(&f, &["`SECRET_KEY`", "`Secrets`"]);
}
