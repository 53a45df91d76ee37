//! The rules of `ecs_dsl::validate`: for every rule, a template that breaks it (asserting the
//! code, the path and the words of the message) and the correct form, which passes. Most inputs
//! are JSON templates read with `template_from_json`, so the rules are shown to work on files;
//! a few are built with the generated L1 types to show the same on a synthesized stack.

use std::time::Instant;

use ecs_dsl::Diagnostics;
use ecs_dsl::cfn::ecs::service::LoadBalancer;
use ecs_dsl::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, PortMapping,
};
use ecs_dsl::cfn::ecs::{CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::elasticloadbalancingv2::CfnTargetGroup;
use ecs_dsl::diagnostics::Severity;
use ecs_dsl::prelude::*;
use ecs_dsl::validate::{CHECKS, render_report, template_from_json, validate};
use serde_json::{Value as J, json};

// ---- helpers ---------------------------------------------------------------------------------

/// Validates a JSON template.
fn check(template: &J) -> Diagnostics {
    validate(&template_from_json(template).expect("the fixture is a template"))
}

/// The one finding with `code`; fails listing every finding otherwise.
fn one(d: &Diagnostics, code: &str) -> ecs_dsl::Diagnostic {
    let found: Vec<_> = d.iter().filter(|x| x.code == code).cloned().collect();
    assert_eq!(found.len(), 1, "expected one {code}, got:\n{d}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

/// Asserts one finding of `code` at `path` whose message and help hold `words`.
fn assert_finding(d: &Diagnostics, code: &str, path: &str, words: &[&str]) -> ecs_dsl::Diagnostic {
    let f = one(d, code);
    assert_eq!(f.path, path, "{d}");
    let text = format!("{} {}", f.message, f.help.clone().unwrap_or_default());
    for w in words {
        assert!(text.contains(w), "`{w}` missing from {code}: {text}");
    }
    assert!(
        f.help.as_deref().is_some_and(|h| !h.is_empty()),
        "{code} has no help line"
    );
    f
}

/// Asserts that no finding has `code`.
fn assert_none(d: &Diagnostics, code: &str) {
    assert!(!d.codes().contains(&code), "unexpected {code}:\n{d}");
}

/// Sets the value at a JSON pointer (creating nothing: the parent must exist).
fn set(t: &mut J, pointer: &str, value: J) {
    let (parent, key) = pointer
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("bad pointer {pointer}"));
    let slot = t
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"));
    match slot {
        J::Object(m) => {
            m.insert(key.to_owned(), value);
        }
        J::Array(items) => {
            items[key
                .parse::<usize>()
                .unwrap_or_else(|_| panic!("bad index {key}"))] = value
        }
        _ => panic!("{parent} is not a container"),
    }
}

/// Removes the value at a JSON pointer.
fn remove(t: &mut J, pointer: &str) {
    let (parent, key) = pointer
        .rsplit_once('/')
        .unwrap_or_else(|| panic!("bad pointer {pointer}"));
    let removed = t
        .pointer_mut(parent)
        .and_then(J::as_object_mut)
        .and_then(|m| m.remove(key));
    assert!(removed.is_some(), "nothing at {pointer}");
}

const WEB: &str = "/Resources/TaskDefinition/Properties/ContainerDefinitions/0";
const TASK: &str = "/Resources/TaskDefinition/Properties";
const SERVICE: &str = "/Resources/Service/Properties";
const CONTAINER_PATH: &str = "Resources.TaskDefinition.Properties.ContainerDefinitions[0]";

/// A correct EC2 service in `bridge` mode behind a target group, with a log group, a volume and
/// a sidecar: the book's shape, without its mistakes.
fn ec2_service() -> J {
    json!({
        "Parameters": {"ImageTag": {"Type": "String", "Default": "latest"}},
        "Resources": {
            "Cluster": {"Type": "AWS::ECS::Cluster"},
            "LogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "/${AWS::StackName}/ecs/web"}, "RetentionInDays": 7}},
            "TargetGroup": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": 8000, "Protocol": "HTTP", "VpcId": "vpc-1", "HealthCheckPort": "traffic-port"}},
            "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                "Family": "web",
                "Volumes": [{"Name": "public", "Host": {"SourcePath": "/data/public"}}],
                "ContainerDefinitions": [
                    {
                        "Name": "web",
                        "Image": {"Fn::Sub": "repo/web:${ImageTag}"},
                        "MemoryReservation": 395,
                        "PortMappings": [{"ContainerPort": 8000, "HostPort": 0}],
                        "MountPoints": [{"SourceVolume": "public", "ContainerPath": "/public"}],
                        "DependsOn": [{"ContainerName": "collectstatic", "Condition": "SUCCESS"}],
                        "Environment": [{"Name": "DJANGO_SETTINGS_MODULE", "Value": "settings.release"}],
                        "LogConfiguration": {"LogDriver": "awslogs", "Options": {
                            "awslogs-group": {"Fn::Sub": "/${AWS::StackName}/ecs/web"},
                            "awslogs-region": {"Ref": "AWS::Region"},
                            "awslogs-stream-prefix": "docker"
                        }}
                    },
                    {
                        "Name": "collectstatic",
                        "Image": "repo/web:latest",
                        "Essential": false,
                        "MemoryReservation": 5,
                        "MountPoints": [{"SourceVolume": "public", "ContainerPath": "/public"}]
                    }
                ]
            }},
            "Service": {"Type": "AWS::ECS::Service", "Properties": {
                "Cluster": {"Ref": "Cluster"},
                "TaskDefinition": {"Ref": "TaskDefinition"},
                "DesiredCount": 1,
                "LoadBalancers": [{"ContainerName": "web", "ContainerPort": 8000, "TargetGroupArn": {"Ref": "TargetGroup"}}]
            }}
        }
    })
}

/// A correct Fargate task definition and service.
fn fargate_service() -> J {
    json!({
        "Resources": {
            "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": "256",
                "Memory": "512",
                "ContainerDefinitions": [{"Name": "web", "Image": "nginx", "PortMappings": [{"ContainerPort": 80}]}]
            }},
            "Service": {"Type": "AWS::ECS::Service", "Properties": {
                "LaunchType": "FARGATE",
                "TaskDefinition": {"Ref": "TaskDefinition"},
                "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"]}}
            }}
        }
    })
}

/// A template with one resource.
fn single(id: &str, type_name: &str, properties: J) -> J {
    json!({"Resources": {id: {"Type": type_name, "Properties": properties}}})
}

// ---- the correct forms -----------------------------------------------------------------------

#[test]
fn correct_ec2_service_has_no_findings() {
    let d = check(&ec2_service());
    assert!(d.is_empty(), "{d}");
}

#[test]
fn correct_fargate_service_has_no_findings() {
    let d = check(&fargate_service());
    assert!(d.is_empty(), "{d}");
}

// ---- ECS001: load balancer container name ------------------------------------------------------

#[test]
fn ecs001_load_balancer_names_a_missing_container() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerName"),
        json!("app"),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "ECS001",
        "Resources.Service.Properties.LoadBalancers[0].ContainerName",
        &["`app`", "`TaskDefinition`", "`web`"],
    );
}

#[test]
fn ecs001_is_silent_when_the_container_name_is_an_intrinsic() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerName"),
        json!({"Fn::Sub": "${AWS::StackName}"}),
    );
    assert_none(&check(&t), "ECS001");
}

#[test]
fn ecs001_on_a_stack_built_with_l1_types() {
    let mut stack = Stack::new();
    let tg = stack.add(
        "TargetGroup",
        CfnTargetGroup::new()
            .port(8000)
            .health_check_port("traffic-port"),
    );
    let web = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "nginx",
        name: "web",
    })
    .memory_reservation(128)
    .port_mappings(vec![PortMapping::new().container_port(8000)]);
    let task = stack.add(
        "TaskDefinition",
        CfnTaskDefinition::new().container_definitions(vec![web]),
    );
    stack.add(
        "Service",
        CfnService::new()
            .task_definition(&task)
            .load_balancers(vec![
                LoadBalancer::new()
                    .container_name("api")
                    .container_port(8000)
                    .target_group_arn(&tg),
            ]),
    );
    let d = validate(&stack.to_template().expect("synth"));
    let f = assert_finding(
        &d,
        "ECS001",
        "Resources.Service.Properties.LoadBalancers[0].ContainerName",
        &["`api`", "`web`"],
    );
    let location = f
        .location
        .expect("a synthesized resource has a program location");
    assert!(location.file().ends_with("validate_rules.rs"), "{location}");
}

// ---- ECS002: load balancer container port ------------------------------------------------------

#[test]
fn ecs002_load_balancer_port_is_not_mapped() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerPort"),
        json!(8080),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "ECS002",
        "Resources.Service.Properties.LoadBalancers[0].ContainerPort",
        &["8080", "`web`", "`8000`"],
    );
}

#[test]
fn ecs002_accepts_the_port_written_as_a_string() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerPort"),
        json!("8000"),
    );
    assert_none(&check(&t), "ECS002");
}

// ---- ECS003: dynamic host port and health check port (cfn-lint E3049) -----------------------------

#[test]
fn ecs003_fixed_health_check_port_with_host_port_zero() {
    let mut t = ec2_service();
    set(
        &mut t,
        "/Resources/TargetGroup/Properties/HealthCheckPort",
        json!("8000"),
    );
    let d = check(&t);
    let f = assert_finding(
        &d,
        "ECS003",
        "Resources.TargetGroup.Properties.HealthCheckPort",
        &[
            "`TargetGroup`",
            "`8000`",
            "`web`",
            "`HostPort: 0`",
            "traffic-port",
        ],
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn ecs003_missing_health_check_port_with_host_port_zero_like_cfn_lint() {
    let mut t = ec2_service();
    remove(&mut t, "/Resources/TargetGroup/Properties/HealthCheckPort");
    let d = check(&t);
    assert_finding(
        &d,
        "ECS003",
        "Resources.TargetGroup.Properties.HealthCheckPort",
        &["sets no `HealthCheckPort`", "E3049"],
    );
}

#[test]
fn ecs003_implicit_dynamic_port_in_bridge_mode_with_a_fixed_health_check_port() {
    let mut t = ec2_service();
    remove(&mut t, &format!("{WEB}/PortMappings/0/HostPort"));
    set(
        &mut t,
        "/Resources/TargetGroup/Properties/HealthCheckPort",
        json!(8000),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "ECS003",
        "Resources.TargetGroup.Properties.HealthCheckPort",
        &["no `HostPort` in `bridge` mode"],
    );
}

#[test]
fn ecs003_is_silent_for_traffic_port_default_and_static_ports() {
    // `traffic-port` with HostPort 0: the base fixture.
    assert_none(&check(&ec2_service()), "ECS003");
    // An implicit dynamic port with the default health check port.
    let mut t = ec2_service();
    remove(&mut t, &format!("{WEB}/PortMappings/0/HostPort"));
    remove(&mut t, "/Resources/TargetGroup/Properties/HealthCheckPort");
    assert_none(&check(&t), "ECS003");
    // A static host port may be health-checked on any port.
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/PortMappings/0/HostPort"),
        json!(8000),
    );
    set(
        &mut t,
        "/Resources/TargetGroup/Properties/HealthCheckPort",
        json!("8000"),
    );
    assert_none(&check(&t), "ECS003");
}

// ---- ECS004: essential container -------------------------------------------------------------

#[test]
fn ecs004_no_essential_container() {
    let mut t = ec2_service();
    set(&mut t, &format!("{WEB}/Essential"), json!(false));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS004",
        "Resources.TaskDefinition.Properties.ContainerDefinitions",
        &["`web`", "`collectstatic`", "Essential"],
    );
}

#[test]
fn ecs004_essential_defaults_to_true_and_an_intrinsic_is_not_judged() {
    assert_none(&check(&ec2_service()), "ECS004");
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/Essential"),
        json!({"Fn::If": ["IsProd", true, false]}),
    );
    assert_none(&check(&t), "ECS004");
}

// ---- ECS005: memory of EC2 containers ----------------------------------------------------------

#[test]
fn ecs005_ec2_container_without_memory() {
    let mut t = ec2_service();
    remove(&mut t, &format!("{WEB}/MemoryReservation"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS005",
        CONTAINER_PATH,
        &["`web`", "`Memory`", "`MemoryReservation`"],
    );
}

#[test]
fn ecs005_task_level_memory_or_fargate_is_enough() {
    let mut t = ec2_service();
    remove(&mut t, &format!("{WEB}/MemoryReservation"));
    set(&mut t, &format!("{TASK}/Memory"), json!("1024"));
    assert_none(&check(&t), "ECS005");
    // The Fargate fixture's container sets no memory either.
    assert_none(&check(&fargate_service()), "ECS005");
}

// ---- ECS006: Fargate network mode ------------------------------------------------------------

#[test]
fn ecs006_fargate_task_in_bridge_mode() {
    let mut t = fargate_service();
    set(&mut t, &format!("{TASK}/NetworkMode"), json!("bridge"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS006",
        "Resources.TaskDefinition.Properties.NetworkMode",
        &["`bridge`", "`awsvpc`"],
    );
}

#[test]
fn ecs006_fargate_task_without_network_mode() {
    let mut t = fargate_service();
    remove(&mut t, &format!("{TASK}/NetworkMode"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS006",
        "Resources.TaskDefinition.Properties.NetworkMode",
        &["sets no `NetworkMode`", "`awsvpc`"],
    );
}

#[test]
fn ecs006_awsvpc_passes() {
    assert_none(&check(&fargate_service()), "ECS006");
}

// ---- ECS007: Fargate CPU and memory (cfn-lint E3047) ------------------------------------------------

#[test]
fn ecs007_memory_that_does_not_fit_the_cpu() {
    let mut t = fargate_service();
    set(&mut t, &format!("{TASK}/Memory"), json!(4096));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS007",
        "Resources.TaskDefinition.Properties.Memory",
        &["`4096`", "`Cpu` 256", "`512`, `1024` or `2048`"],
    );
}

#[test]
fn ecs007_cpu_that_fargate_does_not_offer() {
    let mut t = fargate_service();
    set(&mut t, &format!("{TASK}/Cpu"), json!("300"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS007",
        "Resources.TaskDefinition.Properties.Cpu",
        &["`300`", "`256`", "`16384`"],
    );
}

#[test]
fn ecs007_missing_memory() {
    let mut t = fargate_service();
    remove(&mut t, &format!("{TASK}/Memory"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS007",
        "Resources.TaskDefinition.Properties.Memory",
        &["sets no task-level `Memory`"],
    );
}

#[test]
fn ecs007_ranges_and_unit_strings_pass() {
    for (cpu, memory) in [
        (json!("1 vCPU"), json!("2GB")),
        (json!(4096), json!(30720)),
        (json!("8192"), json!("61440")),
        (json!(".25 vCPU"), json!("0.5 GB")),
    ] {
        let mut t = fargate_service();
        set(&mut t, &format!("{TASK}/Cpu"), cpu.clone());
        set(&mut t, &format!("{TASK}/Memory"), memory.clone());
        let d = check(&t);
        assert!(d.is_empty(), "{cpu} / {memory}: {d}");
    }
    // 8192 CPU goes in 4 GB steps: 18432 is not one.
    let mut t = fargate_service();
    set(&mut t, &format!("{TASK}/Cpu"), json!(8192));
    set(&mut t, &format!("{TASK}/Memory"), json!(18432));
    assert_finding(
        &check(&t),
        "ECS007",
        "Resources.TaskDefinition.Properties.Memory",
        &["16384 to 61440 in steps of 4096"],
    );
}

// ---- ECS008: mount points ----------------------------------------------------------------------

#[test]
fn ecs008_mount_point_names_an_undeclared_volume() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/MountPoints/0/SourceVolume"),
        json!("static"),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "ECS008",
        &format!("{CONTAINER_PATH}.MountPoints[0].SourceVolume"),
        &["`static`", "`web`", "`public`"],
    );
}

#[test]
fn ecs008_declared_volumes_pass() {
    assert_none(&check(&ec2_service()), "ECS008");
}

// ---- ECS009: container DependsOn -----------------------------------------------------------------

#[test]
fn ecs009_depends_on_a_container_of_another_task() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/DependsOn/0/ContainerName"),
        json!("migrate"),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "ECS009",
        &format!("{CONTAINER_PATH}.DependsOn[0].ContainerName"),
        &["`web`", "`migrate`", "`collectstatic`"],
    );
}

#[test]
fn ecs009_depends_on_a_sibling_passes() {
    assert_none(&check(&ec2_service()), "ECS009");
}

// ---- ECS010: awslogs log group ---------------------------------------------------------------

const AWSLOGS_GROUP: &str = "/Resources/TaskDefinition/Properties/ContainerDefinitions/0/LogConfiguration/Options/awslogs-group";

#[test]
fn ecs010_literal_log_group_not_in_the_stack() {
    let mut t = ec2_service();
    set(&mut t, AWSLOGS_GROUP, json!("/other/group"));
    let d = check(&t);
    let f = assert_finding(
        &d,
        "ECS010",
        &format!("{CONTAINER_PATH}.LogConfiguration.Options.awslogs-group"),
        &["`/other/group`", "`web`", "Fn::ImportValue"],
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn ecs010_sub_that_differs_from_every_log_group_name() {
    let mut t = ec2_service();
    set(
        &mut t,
        AWSLOGS_GROUP,
        json!({"Fn::Sub": "/${AWS::StackName}/ecs/api"}),
    );
    assert_finding(
        &check(&t),
        "ECS010",
        &format!("{CONTAINER_PATH}.LogConfiguration.Options.awslogs-group"),
        &["`/${AWS::StackName}/ecs/api`"],
    );
}

#[test]
fn ecs010_matching_import_ref_create_group_and_parameters_pass() {
    let variants = [
        // A `Ref` to the log group (its name).
        json!({"Ref": "LogGroup"}),
        // Imported from another stack.
        json!({"Fn::ImportValue": "shared-log-group"}),
        // A parameter: unknown until deployment, never judged.
        json!({"Ref": "ImageTag"}),
    ];
    for group in variants {
        let mut t = ec2_service();
        set(&mut t, AWSLOGS_GROUP, group.clone());
        assert_none(&check(&t), "ECS010");
    }
    // A literal equal to a literal `LogGroupName`.
    let mut t = ec2_service();
    set(
        &mut t,
        "/Resources/LogGroup/Properties/LogGroupName",
        json!("/apps/web"),
    );
    set(&mut t, AWSLOGS_GROUP, json!("/apps/web"));
    assert_none(&check(&t), "ECS010");
    // The driver creates the group.
    let mut t = ec2_service();
    set(&mut t, AWSLOGS_GROUP, json!("/other/group"));
    set(
        &mut t,
        &format!("{WEB}/LogConfiguration/Options/awslogs-create-group"),
        json!("true"),
    );
    assert_none(&check(&t), "ECS010");
}

// ---- ECS011 and ECS012: service role --------------------------------------------------------------

#[test]
fn ecs011_service_role_without_load_balancers() {
    let mut t = ec2_service();
    remove(&mut t, &format!("{SERVICE}/LoadBalancers"));
    set(&mut t, &format!("{SERVICE}/Role"), json!("ecsServiceRole"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS011",
        "Resources.Service.Properties.Role",
        &["`Service`", "no load balancers", "remove `Role`"],
    );
}

#[test]
fn ecs012_service_role_with_awsvpc() {
    let mut t = fargate_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers"),
        json!([{"ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": "arn:aws:elasticloadbalancing:tg"}]),
    );
    set(&mut t, &format!("{SERVICE}/Role"), json!("ecsServiceRole"));
    let d = check(&t);
    assert_finding(
        &d,
        "ECS012",
        "Resources.Service.Properties.Role",
        &["`awsvpc`", "`TaskDefinition`", "AWSServiceRoleForECS"],
    );
    assert_none(&d, "ECS011");
}

#[test]
fn ecs011_a_role_that_may_be_absent_is_not_judged() {
    let mut t = ec2_service();
    remove(&mut t, &format!("{SERVICE}/LoadBalancers"));
    set(
        &mut t,
        &format!("{SERVICE}/Role"),
        json!({"Fn::If": ["UseRole", "ecsServiceRole", {"Ref": "AWS::NoValue"}]}),
    );
    assert_none(&check(&t), "ECS011");
}

#[test]
fn ecs011_ecs012_role_with_load_balancers_in_bridge_mode_passes() {
    let mut t = ec2_service();
    set(&mut t, &format!("{SERVICE}/Role"), json!("ecsServiceRole"));
    let d = check(&t);
    assert!(d.is_empty(), "{d}");
}

// ---- SEC001: secrets in plain text ------------------------------------------------------------

#[test]
fn sec001_literal_secret_in_container_environment() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/Environment"),
        json!([{"Name": "SECRET_KEY", "Value": "some-random-secret"}]),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "SEC001",
        &format!("{CONTAINER_PATH}.Environment[0].Value"),
        &["`SECRET_KEY`", "`Secrets`", "{{resolve:"],
    );
}

#[test]
fn sec001_literal_secret_in_lambda_environment() {
    let t = single(
        "Fn",
        "AWS::Lambda::Function",
        json!({"Runtime": "python3.13", "Environment": {"Variables": {"apiToken": "abc123"}}}),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "SEC001",
        "Resources.Fn.Properties.Environment.Variables.apiToken",
        &["`apiToken`", "{{resolve:"],
    );
}

#[test]
fn sec001_settings_dynamic_references_and_other_words_pass() {
    let env = json!([
        {"Name": "KEYBOARD_LAYOUT", "Value": "us"},
        {"Name": "SECRET_KEY", "Value": "{{resolve:secretsmanager:app:SecretString:key}}"},
        {"Name": "TOKEN_TTL", "Value": "3600"},
        {"Name": "API_KEY", "Value": ""}
    ]);
    let mut t = ec2_service();
    set(&mut t, &format!("{WEB}/Environment"), env);
    let d = check(&t);
    assert!(d.is_empty(), "{d}");
}

#[test]
fn sec001_is_dropped_when_the_resource_allows_it_but_errors_are_not() {
    let env = KeyValuePair::new()
        .name("SECRET_KEY")
        .value("test-only-secret");
    let quiet = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "nginx",
        name: "web",
    })
    .memory(128)
    .environment(vec![env.clone()]);
    let loud = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "nginx",
        name: "web",
    })
    .memory(128)
    .essential(false)
    .environment(vec![env]);
    let mut stack = Stack::new();
    stack.add(
        "Quiet",
        CfnTaskDefinition::new()
            .container_definitions(vec![quiet])
            .allow_warning("SEC001", "a throwaway test key"),
    );
    stack.add(
        "Loud",
        CfnTaskDefinition::new()
            .container_definitions(vec![loud])
            .allow_warning("SEC001", "a throwaway test key")
            .allow_warning("ECS004", "errors cannot be allowed"),
    );
    let d = validate(&stack.to_template().expect("synth"));
    assert_none(&d, "SEC001");
    assert_finding(
        &d,
        "ECS004",
        "Resources.Loud.Properties.ContainerDefinitions",
        &["`web`"],
    );

    let mut unsuppressed = Stack::new();
    let env = KeyValuePair::new()
        .name("SECRET_KEY")
        .value("test-only-secret");
    unsuppressed.add(
        "Quiet",
        CfnTaskDefinition::new().container_definitions(vec![
            ContainerDefinition::new(ContainerDefinitionRequired {
                image: "nginx",
                name: "web",
            })
            .memory(128)
            .environment(vec![env]),
        ]),
    );
    let d = validate(&unsuppressed.to_template().expect("synth"));
    assert_finding(
        &d,
        "SEC001",
        "Resources.Quiet.Properties.ContainerDefinitions[0].Environment[0].Value",
        &["`SECRET_KEY`"],
    );
}

// ---- SEC002: secrets through parameters (cfn-lint W1011) ---------------------------------------------

fn database(password: J) -> J {
    json!({
        "Parameters": {"DatabasePassword": {"Type": "String", "NoEcho": "true"}, "UseSecret": {"Type": "String"}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "UseSecret"}, "yes"]}},
        "Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {
            "Engine": "mysql", "EngineVersion": "8.4.7", "DBInstanceClass": "db.t3.micro", "MasterUsername": "app", "MasterUserPassword": password
        }}}
    })
}

#[test]
fn sec002_master_user_password_from_a_parameter() {
    let d = check(&database(json!({"Ref": "DatabasePassword"})));
    assert_finding(
        &d,
        "SEC002",
        "Resources.Db.Properties.MasterUserPassword",
        &[
            "`MasterUserPassword`",
            "`DatabasePassword`",
            "ManageMasterUserPassword",
        ],
    );
}

#[test]
fn sec002_parameter_behind_fn_if() {
    let d = check(&database(
        json!({"Fn::If": ["IsProd", "{{resolve:secretsmanager:db}}", {"Ref": "DatabasePassword"}]}),
    ));
    assert_finding(
        &d,
        "SEC002",
        "Resources.Db.Properties.MasterUserPassword",
        &["`DatabasePassword`"],
    );
}

#[test]
fn sec002_no_echo_parameter_in_container_environment() {
    let mut t = ec2_service();
    set(
        &mut t,
        "/Parameters/DbPass",
        json!({"Type": "String", "NoEcho": true}),
    );
    set(
        &mut t,
        &format!("{WEB}/Environment"),
        json!([{"Name": "MYSQL_PWD_FILE", "Value": {"Ref": "DbPass"}}]),
    );
    let d = check(&t);
    assert_finding(
        &d,
        "SEC002",
        &format!("{CONTAINER_PATH}.Environment[0].Value"),
        &["`MYSQL_PWD_FILE`", "`DbPass`", "`Secrets`"],
    );
}

#[test]
fn sec002_dynamic_references_and_ordinary_parameters_pass() {
    assert_none(
        &check(&database(json!(
            "{{resolve:secretsmanager:db:SecretString:password}}"
        ))),
        "SEC002",
    );
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/Environment"),
        json!([{"Name": "IMAGE_TAG", "Value": {"Ref": "ImageTag"}}]),
    );
    assert!(check(&t).is_empty());
}

// ---- SEC003: IAM star statements ----------------------------------------------------------------

fn role_with(statement: J) -> J {
    single(
        "Role",
        "AWS::IAM::Role",
        json!({
            "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17", "Statement": [statement]}}]
        }),
    )
}

#[test]
fn sec003_allow_star_on_star_in_a_role_policy() {
    let d = check(&role_with(
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
    ));
    assert_finding(
        &d,
        "SEC003",
        "Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0]",
        &["`Role`", "every action"],
    );
}

#[test]
fn sec003_managed_policy_with_star_lists() {
    let t = single(
        "Admin",
        "AWS::IAM::ManagedPolicy",
        json!({"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["*"]}}}),
    );
    assert_finding(
        &check(&t),
        "SEC003",
        "Resources.Admin.Properties.PolicyDocument.Statement",
        &["`Admin`"],
    );
}

#[test]
fn sec003_scoped_statements_and_deny_pass() {
    assert_none(
        &check(&role_with(
            json!({"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": "*"}),
        )),
        "SEC003",
    );
    assert_none(
        &check(&role_with(
            json!({"Effect": "Deny", "Action": "*", "Resource": "*"}),
        )),
        "SEC003",
    );
}

// ---- LIF001 and LIF002: Lambda runtimes ----------------------------------------------------------

fn function(runtime: &str) -> J {
    single(
        "Runner",
        "AWS::Lambda::Function",
        json!({"Runtime": runtime, "Handler": "index.handler"}),
    )
}

#[test]
fn lif001_python36_cannot_be_deployed() {
    let d = check(&function("python3.6"));
    let f = assert_finding(
        &d,
        "LIF001",
        "Resources.Runner.Properties.Runtime",
        &[
            "`python3.6`",
            "2022-07-18",
            "`python3.14`",
            "as of 2026-11-26",
        ],
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn lif002_deprecated_runtime_still_creatable_warns() {
    // As of the table's date (2026-11-26), dotnet8 is deprecated; creation is blocked from 2026-12-10.
    let d = check(&function("dotnet8"));
    let f = assert_finding(
        &d,
        "LIF002",
        "Resources.Runner.Properties.Runtime",
        &["`dotnet8`", "2026-12-10", "`dotnet9`"],
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn lif001_lif002_current_runtime_passes() {
    let d = check(&function("python3.13"));
    assert!(d.is_empty(), "{d}");
}

// ---- LIF003–LIF005: resource types of retiring services ------------------------------------------

#[test]
fn lif003_launch_configuration_is_in_maintenance() {
    let d = check(&single(
        "Lc",
        "AWS::AutoScaling::LaunchConfiguration",
        json!({"ImageId": "ami-1", "InstanceType": "t3.micro"}),
    ));
    assert_finding(
        &d,
        "LIF003",
        "Resources.Lc.Type",
        &[
            "`AWS::AutoScaling::LaunchConfiguration`",
            "2024-10-01",
            "`AWS::EC2::LaunchTemplate`",
        ],
    );
}

#[test]
fn lif004_sunsetting_service() {
    let d = check(&single("Mesh", "AWS::AppMesh::Mesh", json!({})));
    assert_finding(
        &d,
        "LIF004",
        "Resources.Mesh.Type",
        &["`AWS::AppMesh::Mesh`", "2026-09-30"],
    );
}

#[test]
fn lif005_shut_down_service() {
    let d = check(&single("Ops", "AWS::OpsWorks::Stack", json!({})));
    let f = assert_finding(
        &d,
        "LIF005",
        "Resources.Ops.Type",
        &["`AWS::OpsWorks::Stack`", "shut down"],
    );
    assert_eq!(f.severity, Severity::Error);
}

#[test]
fn lif003_launch_template_passes() {
    let d = check(&single(
        "Lt",
        "AWS::EC2::LaunchTemplate",
        json!({"LaunchTemplateData": {"ImageId": "ami-1"}}),
    ));
    assert!(d.is_empty(), "{d}");
}

// ---- RDS001–RDS003: engines, versions, classes ---------------------------------------------------

fn db(engine: &str, version: J, class: &str) -> J {
    single(
        "Db",
        "AWS::RDS::DBInstance",
        json!({"Engine": engine, "EngineVersion": version, "DBInstanceClass": class}),
    )
}

#[test]
fn rds001_unknown_engine() {
    let d = check(&db("mysq", json!("8.4.7"), "db.t3.micro"));
    assert_finding(
        &d,
        "RDS001",
        "Resources.Db.Properties.Engine",
        &["`mysq`", "`mysql`"],
    );
}

#[test]
fn rds002_mysql_57_is_not_a_full_version() {
    // The book's `EngineVersion: 5.7`, a YAML number.
    let d = check(&db("MySQL", json!(5.7), "db.t3.micro"));
    let f = assert_finding(
        &d,
        "RDS002",
        "Resources.Db.Properties.EngineVersion",
        &["`5.7`", "`mysql`", "newest 5.7 version"],
    );
    assert!(
        f.help.unwrap_or_default().contains("`5.7.44"),
        "suggests a full 5.7 version"
    );
}

#[test]
fn rds003_db_t2_micro_is_not_offered() {
    let d = check(&db("mysql", json!("5.7.44"), "db.t2.micro"));
    assert_finding(
        &d,
        "RDS003",
        "Resources.Db.Properties.DBInstanceClass",
        &["`db.t2.micro`", "mysql 5.7", "`db.t3.micro`"],
    );
}

#[test]
fn rds004_deprecated_version_warns() {
    let d = check(&db("postgres", json!("16.4"), "db.m5.large"));
    let f = assert_finding(
        &d,
        "RDS004",
        "Resources.Db.Properties.EngineVersion",
        &["`16.4`", "deprecated", "newest 16 version"],
    );
    assert_eq!(f.severity, Severity::Warning);
}

#[test]
fn rds_offered_engine_version_and_class_pass_in_any_case() {
    for (engine, version, class) in [
        ("MySQL", "8.4.7", "db.t3.micro"),
        ("postgres", "17.6", "db.t4g.micro"),
        ("mariadb", "10.11.10", "db.m5.large"),
    ] {
        let d = check(&db(engine, json!(version), class));
        assert!(d.is_empty(), "{engine} {version} {class}: {d}");
    }
    // Engines outside the vendored subset are not judged beyond their name.
    assert!(
        check(&db(
            "oracle-ee",
            json!("19.0.0.0.ru-2024-01.rur-2024-01.r1"),
            "db.x9.huge"
        ))
        .is_empty()
    );
}

// ---- TPL001: AMI parameters (cfn-lint W2506) ---------------------------------------------------------

fn launch_template(parameter_type: &str) -> J {
    json!({
        "Parameters": {"AmiId": {"Type": parameter_type}},
        "Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": {"Ref": "AmiId"}, "InstanceType": "t3.micro"}}}}
    })
}

#[test]
fn tpl001_ami_parameter_typed_string() {
    let d = check(&launch_template("String"));
    assert_finding(
        &d,
        "TPL001",
        "Resources.Lt.Properties.LaunchTemplateData.ImageId",
        &["`AmiId`", "`String`", "AWS::EC2::Image::Id"],
    );
}

#[test]
fn tpl001_image_id_and_ssm_types_pass() {
    assert!(check(&launch_template("AWS::EC2::Image::Id")).is_empty());
    assert!(
        check(&launch_template(
            "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
        ))
        .is_empty()
    );
}

// ---- the catalog, the report, the order ------------------------------------------------------------

#[test]
fn every_rule_has_a_unique_code_and_a_summary() {
    let mut codes: Vec<&str> = CHECKS.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    let before = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), before, "duplicate codes");
    assert!(
        CHECKS
            .iter()
            .all(|r| r.code.len() == 6 && !r.summary.is_empty())
    );
}

#[test]
fn findings_are_reported_together_errors_first_then_by_path() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{WEB}/Environment"),
        json!([{"Name": "SECRET_KEY", "Value": "plain"}]),
    );
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerName"),
        json!("app"),
    );
    set(
        &mut t,
        &format!("{WEB}/MountPoints/0/SourceVolume"),
        json!("static"),
    );
    let d = check(&t);
    assert_eq!(d.codes(), ["ECS001", "ECS008", "SEC001"], "{d}");
    assert_eq!(d, check(&t), "validation is deterministic");
}

#[test]
fn report_is_rustc_style_with_counts() {
    let mut t = ec2_service();
    set(
        &mut t,
        &format!("{SERVICE}/LoadBalancers/0/ContainerName"),
        json!("app"),
    );
    set(
        &mut t,
        &format!("{WEB}/Environment"),
        json!([{"Name": "SECRET_KEY", "Value": "plain"}]),
    );
    let report = render_report(&check(&t));
    let expected = "\
error[ECS001]: a load balancer of service `Service` names container `app`, which task definition `TaskDefinition` does not define
  --> Resources.Service.Properties.LoadBalancers[0].ContainerName
  help: use `web` or `collectstatic`, or add a container named `app` to `TaskDefinition`

warning[SEC001]: environment variable `SECRET_KEY` of `TaskDefinition` holds a secret in plain text
  --> Resources.TaskDefinition.Properties.ContainerDefinitions[0].Environment[0].Value
  help: pass it in the container's `Secrets` (`ValueFrom` an SSM parameter or a Secrets Manager secret ARN), or write a dynamic reference such as `{{resolve:secretsmanager:NAME}}`

1 error, 1 warning
";
    assert_eq!(report, expected);
    assert_eq!(render_report(&Diagnostics::new()), "0 errors, 0 warnings\n");
}

// ---- the JSON reader -----------------------------------------------------------------------------

#[test]
fn reader_round_trips_through_synth() {
    let t = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "round trip",
        "Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
        "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]}
        },
        "Mappings": {"Sizes": {"dev": {"Count": 1}}},
        "Resources": {
            "Db": {"Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot", "Properties": {"Engine": "mysql"}},
            "Fn": {"Type": "AWS::Lambda::Function", "DependsOn": ["Db"], "Condition": "IsProd", "Properties": {
                "Description": {"Fn::Sub": "${AWS::StackName} ${Db.Endpoint.Address} ${!Literal} ${x}"},
                "FunctionName": {"Fn::Sub": ["${x}-fn", {"x": {"Fn::Select": [0, {"Fn::Split": ["-", {"Ref": "AWS::StackName"}]}]}}]},
                "Handler": {"Fn::Join": ["", ["index", ".handler"]]},
                "MemorySize": {"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Count"]},
                "Role": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Db", "Endpoint.Port"]}, {"Fn::ImportValue": "role"}]},
                "Code": {"ZipFile": {"Fn::Base64": "print(1)"}},
                "Tags": [{"Key": "azs", "Value": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}],
                "VpcConfig": {"SubnetIds": {"Fn::Cidr": ["10.0.0.0/16", 2, 8]}}
            }}
        },
        "Outputs": {"Port": {"Value": {"Fn::GetAtt": "Db.Endpoint.Port"}, "Export": {"Name": "db-port"}}}
    });
    let template = template_from_json(&t).expect("a template");
    let written = ecs_dsl::synth::render(&template, ecs_dsl::synth::Format::Json).expect("render");
    let mut expected = t.clone();
    // The long form of `Fn::GetAtt` is what synth writes.
    set(
        &mut expected,
        "/Outputs/Port/Value/Fn::GetAtt",
        json!(["Db", "Endpoint.Port"]),
    );
    assert_eq!(serde_json::from_str::<J>(&written).expect("JSON"), expected);
}

#[test]
fn reader_turns_sub_placeholders_into_references() {
    use ecs_dsl::intrinsic::{Intrinsic, Pseudo, SubPart};
    let t = template_from_json(&single("Fn", "AWS::Lambda::Function", json!({"Description": {"Fn::Sub": "a ${Db.Endpoint.Address} ${AWS::Region} ${Param} ${!Kept}"}})))
        .expect("a template");
    let node = t.resources["Fn"]
        .property("Description")
        .and_then(|n| n.as_intrinsic())
        .cloned();
    let Some(Intrinsic::Sub(sub)) = node else {
        panic!("not a Sub: {node:?}")
    };
    let kinds: Vec<String> = sub
        .parts
        .iter()
        .map(|p| match p {
            SubPart::Text(t) => format!("text {t}"),
            SubPart::GetAtt(s, a) => format!("getatt {}.{a}", s.name),
            SubPart::Pseudo(p) => format!("pseudo {}", p.name()),
            SubPart::Ref(s) => format!("ref {}", s.name),
            SubPart::Var(v) => format!("var {v}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "text a ",
            "getatt Db.Endpoint.Address",
            "text  ",
            "pseudo AWS::Region",
            "text  ",
            "ref Param",
            "text  ${Kept}"
        ]
    );
    assert_eq!(Pseudo::from_name("AWS::Region"), Some(Pseudo::Region));
}

#[test]
fn reader_errors_name_the_place_and_the_fix() {
    let cases = [
        (json!([]), "TPL010", "<template>"),
        (json!({"Parameters": {}}), "TPL010", "Resources"),
        (
            json!({"Resources": {"A": {"Properties": {}}}}),
            "TPL010",
            "Resources.A.Type",
        ),
        (
            json!({"Resources": {"A": {"Type": "T", "DeletionPolicy": "Keep"}}}),
            "TPL010",
            "Resources.A.DeletionPolicy",
        ),
        (
            single("A", "T", json!({"P": {"Fn::Join": [{"Ref": "X"}, ["a"]]}})),
            "TPL011",
            "Resources.A.Properties.P.Fn::Join",
        ),
        (
            single("A", "T", json!({"P": {"Fn::Sub": "${Unclosed"}})),
            "TPL011",
            "Resources.A.Properties.P.Fn::Sub",
        ),
        (
            single("A", "T", json!({"P": {"Ref": "AWS::Nope"}})),
            "TPL011",
            "Resources.A.Properties.P.Ref",
        ),
        (
            single("A", "T", json!({"P": {"Fn::Transform": {"Name": "M"}}})),
            "TPL012",
            "Resources.A.Properties.P.Fn::Transform",
        ),
        (json!({"Rules": {}, "Resources": {}}), "TPL012", "Rules"),
    ];
    for (input, code, path) in cases {
        let e = template_from_json(&input).expect_err("invalid input");
        assert_eq!((e.code, e.path.as_str()), (code, path), "{input}: {e}");
        assert!(e.help.is_some(), "{code} at {path} has no help");
    }
}

#[test]
fn condition_key_is_a_plain_key_outside_conditions() {
    // An IAM statement's `Condition` with one key stays a map.
    let statement = json!({"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}});
    let d = check(&role_with(statement));
    assert_finding(
        &d,
        "SEC003",
        "Resources.Role.Properties.Policies[0].PolicyDocument.Statement[0]",
        &["`Role`"],
    );
}

// ---- performance -------------------------------------------------------------------------------------

#[test]
fn five_hundred_resources_validate_in_milliseconds() {
    let mut resources = serde_json::Map::new();
    let base = ec2_service();
    for i in 0..125 {
        for id in ["LogGroup", "TargetGroup", "TaskDefinition", "Service"] {
            let mut r = base["Resources"][id].clone();
            let text = r
                .to_string()
                .replace("\"LogGroup\"", &format!("\"LogGroup{i}\""))
                .replace("\"TargetGroup\"", &format!("\"TargetGroup{i}\""))
                .replace("\"TaskDefinition\"", &format!("\"TaskDefinition{i}\""));
            r = serde_json::from_str(&text).expect("JSON");
            resources.insert(format!("{id}{i}"), r);
        }
    }
    // Each task breaks one rule, so every resource is really looked at.
    let mut resources = J::Object(resources);
    for i in 0..125 {
        set(
            &mut resources,
            &format!("/TaskDefinition{i}/Properties/ContainerDefinitions/0/Environment"),
            json!([{"Name": "SECRET_KEY", "Value": "plain"}]),
        );
    }
    let t = template_from_json(&json!({"Parameters": base["Parameters"], "Resources": resources}))
        .expect("a template");
    assert_eq!(t.resources.len(), 500);
    let start = Instant::now();
    let d = validate(&t);
    let took = start.elapsed();
    assert_eq!(d.codes().len(), 125, "{}", d.codes().join(" "));
    assert!(d.codes().iter().all(|c| *c == "SEC001"));
    // About 20 ms in a debug build; a quadratic scan would take seconds.
    assert!(took.as_millis() < 250, "validate took {took:?}");
}

#[test]
fn rules_agree_on_a_stack_and_on_its_json() {
    let mut stack = Stack::new();
    let tg = stack.add(
        "TargetGroup",
        CfnTargetGroup::new().port(8000).health_check_port("8000"),
    );
    let web = ContainerDefinition::new(ContainerDefinitionRequired {
        image: "nginx",
        name: "web",
    })
    .essential(false)
    .environment(vec![
        KeyValuePair::new().name("DB_PASSWORD").value("hunter2"),
    ])
    .port_mappings(vec![PortMapping::new().container_port(8000).host_port(0)]);
    let task = stack.add(
        "TaskDefinition",
        CfnTaskDefinition::new().container_definitions(vec![web]),
    );
    stack.add(
        "Service",
        CfnService::new()
            .task_definition(&task)
            .load_balancers(vec![
                LoadBalancer::new()
                    .container_name("web")
                    .container_port(8000)
                    .target_group_arn(&tg),
            ]),
    );
    let template = stack.to_template().expect("synth");
    let from_stack = validate(&template);
    let text = ecs_dsl::synth::render(&template, ecs_dsl::synth::Format::Json).expect("render");
    let from_file = check(&serde_json::from_str(&text).expect("JSON"));
    let places = |d: &Diagnostics| {
        d.iter()
            .map(|f| (f.code, f.path.clone(), f.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(places(&from_stack), places(&from_file));
    assert_eq!(
        from_stack.codes(),
        ["ECS003", "ECS004", "ECS005", "SEC001"],
        "{from_stack}"
    );
    assert!(
        from_file.iter().all(|f| f.location.is_none()),
        "a file has no program locations"
    );
}
