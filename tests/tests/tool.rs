//! The standalone `ecs-dsl` tool checks and compares template files written by any means.

use std::process::Command;

use ecs_dsl_tests::oracle::{ScratchDir, workspace_root};

fn ecs_dsl(args: &[&str]) -> (i32, String, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "-p", "ecs-dsl-cli", "--"])
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

/// A hand-written template with a deprecated runtime and a secret in plain text.
const HAND_WRITTEN: &str = r#"{
  "Resources": {
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
      "Runtime": "python3.6", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
      "Code": {"ZipFile": "def handler(e, c): pass"},
      "Environment": {"Variables": {"API_TOKEN": "hunter2"}}
    }}
  }
}"#;

#[test]
fn validate_reads_any_json_template() {
    let dir = ScratchDir::new("tool-validate");
    let file = dir.write("handwritten.json", HAND_WRITTEN);
    let (code, _, err) = ecs_dsl(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error[LIF001]") && err.contains("Resources.Fn.Properties.Runtime"),
        "{err}"
    );
    assert!(err.contains("warning[SEC001]"), "{err}");

    let snapshot = workspace_root().join("tests/snapshots/todobackend.json");
    let (code, _, err) = ecs_dsl(&["validate", snapshot.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");

    let broken = dir.write("broken.json", "{\"Resources\": ");
    let (code, _, err) = ecs_dsl(&["validate", broken.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn diff_compares_two_files() {
    let dir = ScratchDir::new("tool-diff");
    let old = dir.write("old.json", HAND_WRITTEN);
    let new = dir.write(
        "new.json",
        &HAND_WRITTEN
            .replace("python3.6", "python3.12")
            .replace("index.handler", "main.handler"),
    );
    let (code, out, _) = ecs_dsl(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "~ Fn.Properties.Handler [update in place]",
            "~ Fn.Properties.Runtime [update in place]"
        ]
    );
}
