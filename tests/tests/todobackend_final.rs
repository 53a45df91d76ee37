//! `cargo run --example todobackend_final`, the book's final stack: it holds the book's 53
//! logical IDs or the substitutes its doc comment documents, passes `validate` and cfn-lint
//! (JSON and YAML, no error, no warning), deploys on moto to CREATE_COMPLETE, and stays at most
//! 60 % of the book's YAML. The IDs and numbers are written here, not read from the book's files.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{
    Level, LintReport, MotoServer, ScratchDir, cfn_lint, example_binary, example_template,
    oracle_cfn_lint, oracle_python, workspace_root,
};
use serde_json::Value;

const EXAMPLE: &str = "todobackend_final";

/// The book's logical IDs the example keeps, with their type.
const KEPT: [(&str, &str); 39] = [
    (
        "ApplicationServiceAutoscalingScaleInPolicy",
        "AWS::ApplicationAutoScaling::ScalingPolicy",
    ),
    (
        "ApplicationServiceAutoscalingScaleOutPolicy",
        "AWS::ApplicationAutoScaling::ScalingPolicy",
    ),
    ("ApplicationServiceAutoscalingRole", "AWS::IAM::Role"),
    (
        "ApplicationServiceAutoscalingTarget",
        "AWS::ApplicationAutoScaling::ScalableTarget",
    ),
    ("ApplicationServiceLowCpuAlarm", "AWS::CloudWatch::Alarm"),
    ("ApplicationServiceHighCpuAlarm", "AWS::CloudWatch::Alarm"),
    ("LifecycleHook", "AWS::AutoScaling::LifecycleHook"),
    ("LifecycleHookRole", "AWS::IAM::Role"),
    ("LifecycleHookTopic", "AWS::SNS::Topic"),
    ("LifecycleHookSubscription", "AWS::SNS::Subscription"),
    ("LifecycleHookPermission", "AWS::Lambda::Permission"),
    ("LifecycleFunctionRole", "AWS::IAM::Role"),
    ("LifecycleHookFunction", "AWS::Lambda::Function"),
    ("LifecycleHookFunctionLogGroup", "AWS::Logs::LogGroup"),
    ("MigrateTask", "Custom::EcsTask"),
    ("MigrateTaskDefinition", "AWS::ECS::TaskDefinition"),
    ("EcsTaskRunner", "AWS::Lambda::Function"),
    ("EcsTaskRunnerRole", "AWS::IAM::Role"),
    ("EcsTaskRunnerLogGroup", "AWS::Logs::LogGroup"),
    ("ApplicationService", "AWS::ECS::Service"),
    ("ApplicationTaskRole", "AWS::IAM::Role"),
    ("ApplicationTaskDefinition", "AWS::ECS::TaskDefinition"),
    ("ApplicationLogGroup", "AWS::Logs::LogGroup"),
    (
        "ApplicationServiceTargetGroup",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
    ),
    (
        "ApplicationLoadBalancerHttpListener",
        "AWS::ElasticLoadBalancingV2::Listener",
    ),
    (
        "ApplicationLoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    ),
    (
        "ApplicationLoadBalancerSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationLoadBalancerToApplicationIngress",
        "AWS::EC2::SecurityGroupIngress",
    ),
    (
        "ApplicationLoadBalancerToApplicationEgress",
        "AWS::EC2::SecurityGroupEgress",
    ),
    ("ApplicationDatabase", "AWS::RDS::DBInstance"),
    ("ApplicationDatabaseSubnetGroup", "AWS::RDS::DBSubnetGroup"),
    (
        "ApplicationDatabaseSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationToApplicationDatabaseIngress",
        "AWS::EC2::SecurityGroupIngress",
    ),
    (
        "ApplicationToApplicationDatabaseEgress",
        "AWS::EC2::SecurityGroupEgress",
    ),
    (
        "ApplicationAutoscalingSecurityGroup",
        "AWS::EC2::SecurityGroup",
    ),
    (
        "ApplicationAutoscalingInstanceProfile",
        "AWS::IAM::InstanceProfile",
    ),
    ("ApplicationAutoscalingInstanceRole", "AWS::IAM::Role"),
    ("ApplicationCluster", "AWS::ECS::Cluster"),
    (
        "ApplicationAutoscaling",
        "AWS::AutoScaling::AutoScalingGroup",
    ),
];

/// The book's logical IDs replaced, each named in the example's doc comment.
const SUBSTITUTED: [&str; 14] = [
    "EcsCapacityFunction",
    "EcsCapacityRole",
    "EcsCapacityLogGroup",
    "EcsCapacityEvents",
    "EcsCapacityPermission",
    "ContainerCapacityAlarm",
    "IdleHostCapacityAlarm",
    "ApplicationAutoscalingScaleOutPolicy",
    "ApplicationAutoscalingScaleInPolicy",
    "Secrets",
    "SecretsManager",
    "SecretsManagerRole",
    "SecretsManagerLogGroup",
    "ApplicationAutoscalingLaunchConfiguration",
];

/// What the example has instead, each named in its doc comment.
const SUBSTITUTES: [(&str, &str); 6] = [
    (
        "ApplicationAutoscalingLaunchTemplate",
        "AWS::EC2::LaunchTemplate",
    ),
    ("ApplicationCapacityProvider", "AWS::ECS::CapacityProvider"),
    (
        "ApplicationClusterCapacityProviderAssociations",
        "AWS::ECS::ClusterCapacityProviderAssociations",
    ),
    ("ApplicationDatabaseSecret", "AWS::SecretsManager::Secret"),
    ("ApplicationSecretKey", "AWS::SecretsManager::Secret"),
    ("ApplicationTaskExecutionRole", "AWS::IAM::Role"),
];

/// The resource types moto 5.2 accepts without creating them (it lists no physical resource
/// for them): the test fails when this changes, so the list stays true.
const MOTO_SKIPS: [&str; 9] = [
    "AWS::ApplicationAutoScaling::ScalableTarget",
    "AWS::ApplicationAutoScaling::ScalingPolicy",
    "AWS::AutoScaling::LifecycleHook",
    "AWS::CloudWatch::Alarm",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::SNS::Subscription",
    "AWS::SecretsManager::Secret",
];

/// The book's `stack.yml` has 932 non-blank lines without its inline Lambda code.
const BOOK_LINES: usize = 932;

fn template() -> Value {
    serde_json::from_str(&example_template(EXAMPLE, Format::Json)).expect("the example prints JSON")
}

#[test]
fn holds_the_books_logical_ids_or_their_documented_substitutes() {
    assert_eq!(
        KEPT.len() + SUBSTITUTED.len(),
        53,
        "the book's stack has 53 resources"
    );
    let t = template();
    let resources = t["Resources"].as_object().unwrap();
    for (id, kind) in KEPT.iter().chain(&SUBSTITUTES) {
        assert_eq!(
            resources.get(*id).map(|r| &r["Type"]),
            Some(&Value::from(*kind)),
            "{id}"
        );
    }
    for id in SUBSTITUTED {
        assert!(!resources.contains_key(id), "{id} is substituted");
    }
    assert_eq!(
        resources.len(),
        KEPT.len() + SUBSTITUTES.len(),
        "unexpected resources: {:?}",
        resources.keys().collect::<Vec<_>>()
    );
    let source =
        std::fs::read_to_string(workspace_root().join("examples/todobackend_final.rs")).unwrap();
    for id in SUBSTITUTED
        .iter()
        .chain(SUBSTITUTES.iter().map(|(id, _)| id))
    {
        assert!(
            source.contains(&format!("`{id}`")),
            "{id} is not documented in the example"
        );
    }
}

#[test]
fn the_book_additions_are_there() {
    let t = template();
    let r = &t["Resources"];
    let group = &r["ApplicationAutoscaling"];
    let rolling = &group["UpdatePolicy"]["AutoScalingRollingUpdate"];
    assert_eq!(rolling["WaitOnResourceSignals"], true);
    assert_eq!(rolling["MinInstancesInService"], 1);
    assert_eq!(
        group["Properties"]["NewInstancesProtectedFromScaleIn"],
        true
    );
    let provider = &r["ApplicationCapacityProvider"]["Properties"]["AutoScalingGroupProvider"];
    assert_eq!(provider["ManagedScaling"]["Status"], "ENABLED");
    assert_eq!(provider["ManagedTerminationProtection"], "ENABLED");
    assert_eq!(provider["ManagedDraining"], "ENABLED");
    assert!(
        r["ApplicationService"]["Properties"]
            .get("DesiredCount")
            .is_none()
    );
    assert_eq!(
        r["LifecycleHook"]["Properties"]["LifecycleTransition"],
        "autoscaling:EC2_INSTANCE_TERMINATING"
    );
    assert_eq!(
        r["ApplicationServiceHighCpuAlarm"]["Properties"]["Threshold"],
        40.0
    );
    assert_eq!(
        r["ApplicationServiceLowCpuAlarm"]["Properties"]["Threshold"],
        20.0
    );
}

/// Non-blank lines of the example, at most 60 % of the book's (the example inlines no Lambda
/// code: the draining function's source is a file of the library).
#[test]
fn is_at_most_sixty_percent_of_the_books_yaml() {
    let source =
        std::fs::read_to_string(workspace_root().join("examples/todobackend_final.rs")).unwrap();
    let lines = source.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(
        lines * 100 <= BOOK_LINES * 60,
        "{lines} non-blank lines, over 60 % of {BOOK_LINES}"
    );
}

#[test]
fn passes_validate_and_cfn_lint_in_json_and_yaml() {
    let status = Command::new(example_binary(EXAMPLE))
        .arg("validate")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "`{EXAMPLE} validate` failed");
    if oracle_cfn_lint().is_none() {
        return;
    }
    let dir = ScratchDir::new("todobackend-final-lint");
    let json = dir.write("final.json", &example_template(EXAMPLE, Format::Json));
    let yaml = dir.write("final.yaml", &example_template(EXAMPLE, Format::Yaml));
    let Some(report) = cfn_lint(&[&json, &yaml]) else {
        return;
    };
    let found = report.at_least(Level::Warning);
    assert!(found.is_empty(), "{}", LintReport::render(&found));
}

#[test]
fn deploys_to_moto() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = ScratchDir::new("todobackend-final-moto");
    let template_text = example_template(EXAMPLE, Format::Json);
    let template = dir.write("final.json", &template_text);
    let server = MotoServer::start(&python);
    let output = Command::new(&python)
        .arg(workspace_root().join("tests/moto/deploy.py"))
        .args(["--endpoint", &server.endpoint(), "--template"])
        .arg(&template)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "deploy.py failed ({}):\n{}\n--- moto's log ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        server.log_tail(30)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["stack_status"], "CREATE_COMPLETE");
    assert_eq!(report["task_definition"]["family"], "todobackend");

    let t: Value = serde_json::from_str(&template_text).unwrap();
    let declared: BTreeSet<String> = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r["Type"].as_str().unwrap().to_owned())
        .collect();
    let created: BTreeSet<String> = report["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap().to_owned())
        .collect();
    let skipped: Vec<&String> = declared.difference(&created).collect();
    assert_eq!(skipped, MOTO_SKIPS, "the resource types moto skips changed");
}
