//! ECS wiring mistakes written through the builders, the natural way, that the compiler cannot
//! see: each is stopped before a template is written (what `cargo run --example X` runs:
//! synth, then every check), with its code, the user's own line and a `help:` line. Each bad
//! template is then read back from JSON, as `ecs-dsl validate FILE` does, and must give the same
//! finding. The mistakes the compiler stops are the trybuild cases in `tests/ui/ecs/`.

use std::ops::RangeInclusive;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::ecs::{
    Container, Ec2Cluster, Ec2ClusterHandles, Ec2Service, FargateCluster, FargateService,
    FargateSize, HealthCheck, Network, SecretValue, TargetGroup, TaskDefinition,
};
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::validate::{template_from_json, validate};
use ecs_dsl::{Diagnostic, Diagnostics};
use ecs_dsl_tests::oracle::{ScratchDir, workspace_root};

/// What `cargo run --example X` checks before it writes a template.
fn checked(stack: &Stack) -> Diagnostics {
    ecs_dsl::cli::check(stack).1
}

/// The one finding of `code`, which must be an error at a line of this file within `lines`,
/// with a help line; and, when synth itself succeeded, the same finding on the template read
/// back from JSON.
fn stopped(stack: &Stack, code: &str, lines: RangeInclusive<u32>) -> Diagnostic {
    let findings = checked(stack);
    let found: Vec<&Diagnostic> = findings.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}:\n{findings}");
    let d = found[0].clone();
    assert!(d.is_error(), "{d}");
    assert!(d.help.as_ref().is_some_and(|h| !h.is_empty()), "{d}");
    let at = d
        .location
        .expect("a finding of the builders has a location");
    assert!(at.file().ends_with("ecs_mistakes.rs"), "{d}");
    assert!(lines.contains(&at.line()), "{at} not in {lines:?}: {d}");
    if let Ok(template) = stack.to_template() {
        let json: serde_json::Value =
            serde_json::from_str(&render(&template, Format::Json).unwrap()).unwrap();
        let read = template_from_json(&json).unwrap();
        let codes = validate(&read).codes();
        assert!(
            codes.contains(&d.code),
            "{code} not found on the JSON template: {codes:?}"
        );
    }
    d
}

fn network() -> Network {
    Network::new("vpc-1", vec!["subnet-1", "subnet-2"])
}

fn ec2_cluster(stack: &mut Stack) -> Ec2ClusterHandles {
    Ec2Cluster::new(&network(), "ami-1").add(stack, "App")
}

fn fargate_size() -> FargateSize {
    FargateSize::cpu_units(256).memory_mib(512)
}

#[test]
fn memory_reservation_above_memory_limit() {
    let mut stack = Stack::new();
    let from = line!();
    TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_limit_mib(256)
                .memory_reservation_mib(512),
        )
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS013", from..=line!());
    assert!(
        d.message
            .contains("reserves 512 MiB but is limited to 256 MiB"),
        "{d}"
    );
}

#[test]
fn two_containers_with_the_same_name() {
    let mut stack = Stack::new();
    let from = line!();
    TaskDefinition::new("app")
        .container(Container::new("web", "nginx").memory_reservation_mib(128))
        .container(Container::new("web", "busybox").memory_reservation_mib(16))
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS014", from..=line!());
    assert!(d.message.contains("two containers named `web`"), "{d}");
}

#[test]
fn containers_cpu_above_task_cpu() {
    let mut stack = Stack::new();
    let from = line!();
    TaskDefinition::fargate("app", fargate_size())
        .container(Container::new("web", "nginx").cpu_units(200))
        .container(Container::new("sidecar", "busybox").cpu_units(100))
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS015", from..=line!());
    assert!(
        d.message
            .contains("300 CPU units in all, more than the task's 256"),
        "{d}"
    );
}

#[test]
fn health_check_interval_shorter_than_timeout() {
    let mut stack = Stack::new();
    let check = HealthCheck::new()
        .command(["CMD-SHELL", "curl -fs localhost"])
        .interval(5)
        .timeout(10);
    let from = line!();
    TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .health_check(check),
        )
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS016", from..=line!());
    assert!(
        d.message.contains("runs every 5 s but may take 10 s"),
        "{d}"
    );
}

#[test]
fn minimum_healthy_percent_above_maximum_percent() {
    let mut stack = Stack::new();
    let cluster = ec2_cluster(&mut stack);
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .port(80),
        )
        .add(&mut stack, "AppTask");
    let from = line!();
    Ec2Service::new(&cluster, &app)
        .maximum_percent(100)
        .minimum_healthy_percent(200)
        .add(&mut stack, "App");
    let d = stopped(&stack, "ECS017", from..=line!());
    assert!(
        d.help
            .unwrap()
            .contains(".maximum_percent(200).minimum_healthy_percent(100)")
    );
}

#[test]
fn secrets_without_execution_role() {
    let mut stack = Stack::new();
    let token = stack.add("Token", CfnSecret::new());
    let from = line!();
    TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .secret("TOKEN", SecretValue::arn(&token)),
        )
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS021", from..=line!());
    assert!(d.message.contains("passes secrets"), "{d}");
}

#[test]
fn awslogs_on_fargate_without_execution_role() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    let from = line!();
    TaskDefinition::fargate("app", fargate_size())
        .container(Container::new("web", "nginx").log_to(&logs, "web"))
        .add(&mut stack, "AppTask");
    let d = stopped(&stack, "ECS021", from..=line!());
    assert!(d.message.contains("`awslogs` on Fargate"), "{d}");
}

#[test]
fn task_needs_more_memory_than_the_instance_type() {
    let mut stack = Stack::new();
    let cluster = Ec2Cluster::new(&network(), "ami-1")
        .instance_type("t3.micro")
        .add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(4096)
                .port(80),
        )
        .add(&mut stack, "AppTask");
    let from = line!();
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
    let d = stopped(&stack, "ECS023", from..=line!());
    assert!(
        d.message.contains("needs 4096 MiB") && d.message.contains("`t3.micro` with 1024 MiB"),
        "{d}"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap_or_default()
            .contains("`t3.large` has 8192 MiB"),
        "{d}"
    );

    // The same task fits on an instance type with enough memory.
    let mut stack = Stack::new();
    let cluster = Ec2Cluster::new(&network(), "ami-1")
        .instance_type("t3.large")
        .add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(4096)
                .port(80),
        )
        .add(&mut stack, "AppTask");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
    assert!(checked(&stack).is_empty(), "{}", checked(&stack));
}

#[test]
fn min_size_above_max_size() {
    let mut stack = Stack::new();
    let from = line!();
    Ec2Cluster::new(&network(), "ami-1")
        .min_size(4)
        .max_size(1)
        .add(&mut stack, "App");
    let d = stopped(&stack, "ECS024", from..=line!());
    assert!(d.help.unwrap().contains(".min_size(1).max_size(4)"));
}

#[test]
fn load_balancer_target_names_a_missing_container() {
    let mut stack = Stack::new();
    let cluster = ec2_cluster(&mut stack);
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .port(80),
        )
        .add(&mut stack, "AppTask");
    let at = line!() + 1;
    let target = app.container("wbe").port(80);
    TargetGroup::http(&network(), target).add(&mut stack, "AppTargetGroup");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
    let d = stopped(&stack, "ECS001", at..=at);
    assert!(d.message.contains("has no container `wbe`"), "{d}");
    assert!(d.help.unwrap().contains("`web`"));
}

#[test]
fn load_balancer_target_port_not_published() {
    let mut stack = Stack::new();
    let cluster = ec2_cluster(&mut stack);
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(128)
                .port(8000),
        )
        .add(&mut stack, "AppTask");
    let at = line!() + 1;
    let target = app.container("web").port(80);
    TargetGroup::http(&network(), target).add(&mut stack, "AppTargetGroup");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
    let d = stopped(&stack, "ECS002", at..=at);
    assert!(d.help.unwrap().contains("`8000`"));
}

/// `.port()` on Fargate used to emit `HostPort: 0`; it now publishes the container port itself,
/// and a template that still has the old mapping is stopped (`ECS020`).
#[test]
fn port_on_fargate_publishes_the_container_port() {
    let mut stack = Stack::new();
    let network = network();
    let cluster = FargateCluster::new(&network).add(&mut stack, "App");
    let app = TaskDefinition::fargate("app", fargate_size())
        .container(Container::new("web", "nginx").port(8000))
        .add(&mut stack, "AppTask");
    FargateService::new(&cluster, &app).add(&mut stack, "App");
    let (template, findings) = ecs_dsl::cli::check(&stack);
    assert!(findings.is_empty(), "{findings}");
    let json: serde_json::Value =
        serde_json::from_str(&render(&template.unwrap(), Format::Json).unwrap()).unwrap();
    let mapping =
        &json["Resources"]["AppTask"]["Properties"]["ContainerDefinitions"][0]["PortMappings"][0];
    assert_eq!(
        mapping,
        &serde_json::json!({"ContainerPort": 8000, "HostPort": 8000})
    );

    let mut old = json.clone();
    old["Resources"]["AppTask"]["Properties"]["ContainerDefinitions"][0]["PortMappings"][0]["HostPort"] =
        serde_json::json!(0);
    let codes = validate(&template_from_json(&old).unwrap()).codes();
    assert_eq!(codes, ["ECS020"]);
}

/// Two builders given the same id: the duplicate is reported at the user's second call, with a
/// note at the first, not inside the library.
#[test]
fn the_same_id_twice_points_at_both_calls() {
    let mut stack = Stack::new();
    let first = line!() + 1;
    FargateCluster::new(&network()).add(&mut stack, "App");
    let second = line!() + 1;
    FargateCluster::new(&network()).add(&mut stack, "App");
    let errors = stack.to_template().unwrap_err().0;
    let d = errors.iter().find(|d| d.code == "CFN002").unwrap();
    assert_eq!(d.location.unwrap().line(), second, "{d}");
    let (_, note) = d.related.as_ref().unwrap();
    assert!(note.file().ends_with("ecs_mistakes.rs"));
    assert_eq!(note.line(), first);
}

/// The template rules read any JSON file: `ecs-dsl validate FILE` exits 1 on a hand-written
/// template with the memory mistake.
#[test]
fn the_tool_stops_the_mistake_in_a_json_file() {
    let mut stack = Stack::new();
    TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_limit_mib(256)
                .memory_reservation_mib(512),
        )
        .add(&mut stack, "AppTask");
    let text = render(&stack.to_template().unwrap(), Format::Json).unwrap();
    let dir = ScratchDir::new("ecs-mistakes-tool");
    let file = dir.write("bad.json", &text);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let out = std::process::Command::new(cargo)
        .args(["run", "--quiet", "-p", "ecs-dsl-cli", "--", "validate"])
        .arg(&file)
        .current_dir(workspace_root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[ECS013]") && err.contains("help:"),
        "{err}"
    );
}
