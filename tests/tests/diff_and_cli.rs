//! `diff` marks the changes CloudFormation would make, replacements included, and the stack
//! program's command line keeps its documented exit codes.

use std::process::Command;

use ecs_dsl::cfn::ecs::{CfnService, CfnTaskDefinition};
use ecs_dsl::cfn::replacement::Replacement;
use ecs_dsl::diff::{Change, diff_templates, path_text};
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl_tests::oracle::{ScratchDir, example_binary, workspace_root};
use serde_json::Value as Json;

fn template(family: &str, desired_count: i64) -> Json {
    let mut stack = Stack::new();
    let td = stack.add("AppTaskDefinition", CfnTaskDefinition::new().family(family));
    stack.add(
        "AppService",
        CfnService::new()
            .task_definition(&td)
            .desired_count(desired_count),
    );
    serde_json::from_str(&render(&stack.to_template().unwrap(), Format::Json).unwrap()).unwrap()
}

#[test]
fn a_family_change_replaces_and_a_desired_count_change_updates_in_place() {
    let changes = diff_templates(&template("todobackend", 1), &template("todobackend-v2", 2));
    let property = |id: &str| {
        changes.iter().find_map(|c| match c {
            Change::Property {
                id: i,
                path,
                replacement,
                ..
            } if i == id => Some((path_text(path), *replacement)),
            _ => None,
        })
    };
    assert_eq!(
        property("AppTaskDefinition"),
        Some(("Family".to_owned(), Some(Replacement::Always)))
    );
    assert_eq!(
        property("AppService"),
        Some(("DesiredCount".to_owned(), Some(Replacement::Never)))
    );
    let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "~ AppService.Properties.DesiredCount [update in place]",
            "~ AppTaskDefinition.Properties.Family [replacement]"
        ]
    );
}

#[test]
fn added_removed_and_retyped_resources() {
    let old: Json = serde_json::json!({"Resources": {"A": {"Type": "AWS::Logs::LogGroup"}, "B": {"Type": "AWS::Logs::LogGroup"}}});
    let new: Json = serde_json::json!({"Resources": {"B": {"Type": "AWS::SNS::Topic"}, "C": {"Type": "AWS::SQS::Queue"}}});
    let lines: Vec<String> = diff_templates(&old, &new)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "- A (AWS::Logs::LogGroup)",
            "~ B: type AWS::Logs::LogGroup → AWS::SNS::Topic [replacement]",
            "+ C (AWS::SQS::Queue)"
        ]
    );
}

/// Runs the todobackend example with arguments; returns (exit code, stdout, stderr).
fn todobackend(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(example_binary("todobackend"))
        .args(args)
        .current_dir(workspace_root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_command_line_keeps_its_exit_codes() {
    let snapshot = workspace_root().join("tests/snapshots/todobackend.json");
    let (code, out, _) = todobackend(&["diff", snapshot.to_str().unwrap()]);
    assert_eq!((code, out.trim()), (0, "no changes"));

    let dir = ScratchDir::new("cli-diff");
    let mut old: Json = serde_json::from_str(&std::fs::read_to_string(&snapshot).unwrap()).unwrap();
    old["Resources"]["ApplicationTaskDefinition"]["Properties"]["Family"] =
        "todobackend-old".into();
    let old_path = dir.write("old.json", &old.to_string());
    let (code, out, _) = todobackend(&["diff", old_path.to_str().unwrap()]);
    assert_eq!(
        (code, out.trim()),
        (
            1,
            "~ ApplicationTaskDefinition.Properties.Family [replacement]"
        )
    );

    let (code, out, _) = todobackend(&["list"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().any(|l| l
            .split_whitespace()
            .eq(["ApplicationService", "AWS::ECS::Service"])),
        "{out}"
    );

    let (code, _, err) = todobackend(&["validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 errors, 0 warnings"), "{err}");

    let params = dir.write("dev.json", r#"{"Parameters": {"ApplicationDesiredCount": "1", "ApplicationImageId": "ami-02b68b7d", "ApplicationImageTag": "5fdbe62", "ApplicationSubnets": "subnet-a5d3ecee,subnet-324e246f", "VpcId": "vpc-f8233a80"}}"#);
    let (code, _, err) = todobackend(&["validate", "--params", params.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bad = dir.write(
        "bad.json",
        r#"{"Parameters": {"ApplicationDesiredCount": "one"}}"#,
    );
    let (code, _, err) = todobackend(&["validate", "--params", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("PAR003") && err.contains("PAR002"), "{err}");

    let (code, _, _) = todobackend(&["no-such-command"]);
    assert_eq!(code, 2);
    let (code, _, _) = todobackend(&["diff", "/nonexistent/template.json"]);
    assert_eq!(code, 2);
}

#[test]
fn diff_prints_json_with_the_replaced_resources() {
    let snapshot = workspace_root().join("tests/snapshots/todobackend.json");
    let dir = ScratchDir::new("cli-diff-json");
    let mut old: Json = serde_json::from_str(&std::fs::read_to_string(&snapshot).unwrap()).unwrap();
    let td = &mut old["Resources"]["ApplicationTaskDefinition"]["Properties"];
    td["ContainerDefinitions"][0]["Image"] = "registry.example/todobackend:old".into();
    let old_path = dir.write("old.json", &old.to_string());
    let (code, out, err) = todobackend(&["diff", old_path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let json: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "changes": [{
                "action": "modify",
                "logicalId": "ApplicationTaskDefinition",
                "type": "AWS::ECS::TaskDefinition",
                "property": "ContainerDefinitions[0].Image",
                "replacement": "always"
            }],
            "replacedResources": ["ApplicationTaskDefinition"]
        })
    );
}
