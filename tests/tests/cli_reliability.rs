//! The command lines with hostile input and hostile output: the tool's `validate` agrees with
//! cfn-lint on structural errors, reads YAML, refuses what is not a template, and no write error
//! panics or leaves a half-written file.

use std::path::Path;
use std::process::{Command, Stdio};

use ecs_dsl_tests::oracle::{
    Level, ScratchDir, cfn_lint, example_binary, oracles_required, workspace_root,
};
use serde_json::{Value as Json, json};

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

/// The structural cases: each template, our code, and the cfn-lint rule that reports it.
fn structural_cases() -> Vec<(&'static str, Json, &'static str, &'static str)> {
    let topic = json!({"Type": "AWS::SNS::Topic"});
    let many = |n: usize, v: Json| -> Json {
        Json::Object((0..n).map(|i| (format!("E{i}"), v.clone())).collect())
    };
    let with =
        |resources: Json| json!({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources});
    let prop =
        |v: Json| with(json!({"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": v}}}));
    let mut outputs = with(json!({"T": topic}));
    outputs["Outputs"] = many(201, json!({"Value": "x"}));
    let mut large = with(json!({"T": topic}));
    large["Metadata"] = json!({"Pad": "x".repeat(1_000_001)});
    vec![
        ("ref", prop(json!({"Ref": "Nope"})), "CFN004", "E1020"),
        (
            "getatt",
            prop(json!({"Fn::GetAtt": ["Nope", "Arn"]})),
            "CFN004",
            "E1010",
        ),
        (
            "sub",
            prop(json!({"Fn::Sub": "${Nope.Arn}"})),
            "CFN004",
            "E1019",
        ),
        (
            "cycle",
            with(
                json!({"A": {"Type": "AWS::SNS::Topic", "DependsOn": "B"}, "B": {"Type": "AWS::SNS::Topic", "DependsOn": "A"}}),
            ),
            "CFN005",
            "E3004",
        ),
        (
            "resources",
            with(many(501, topic.clone())),
            "CFN009",
            "E3010",
        ),
        ("outputs", outputs, "CFN009", "E6010"),
        (
            "dependson",
            with(json!({"T": {"Type": "AWS::SNS::Topic", "DependsOn": "Nope"}})),
            "CFN004",
            "E3005",
        ),
        (
            "condition",
            with(json!({"T": {"Type": "AWS::SNS::Topic", "Condition": "Nope"}})),
            "CFN004",
            "E3015",
        ),
        (
            "logicalid",
            with(json!({"My-Topic_1": topic})),
            "CFN001",
            "E3001",
        ),
        ("size", large, "CFN010", "E1002"),
    ]
}

#[test]
fn validate_agrees_with_cfn_lint_on_structural_errors() {
    let dir = ScratchDir::new("cli-structural");
    let cases = structural_cases();
    let files: Vec<_> = cases
        .iter()
        .map(|(name, t, ..)| dir.write(&format!("{name}.json"), &t.to_string()))
        .collect();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(|f| f.to_str().unwrap()))
        .collect();
    let (code, _, err) = ecs_dsl(&args);
    assert_eq!(code, 1, "{err}");
    let sections: Vec<&str> = err.split(&format!("{}/", dir.path().display())).collect();
    for ((name, _, ours, _), _) in cases.iter().zip(&files) {
        let section = sections
            .iter()
            .find(|s| s.starts_with(&format!("{name}.json:")))
            .unwrap_or_else(|| panic!("no report for {name}:\n{err}"));
        assert!(
            section.contains(&format!("error[{ours}]")),
            "{name}: {section}"
        );
    }
    let paths: Vec<&Path> = files.iter().map(|f| f.as_path()).collect();
    let Some(report) = cfn_lint(&paths) else {
        assert!(!oracles_required(), "cfn-lint is required");
        return;
    };
    for ((name, _, _, rule), file) in cases.iter().zip(&files) {
        let found = report.findings(file);
        assert!(
            found
                .iter()
                .any(|f| f.rule == *rule && f.level == Level::Error),
            "cfn-lint should report {rule} for {name}: {found:?}"
        );
    }
}

#[test]
fn validate_reads_yaml_with_short_tags_and_json_with_a_bom() {
    let dir = ScratchDir::new("cli-yaml");
    let yaml = dir.write(
        "t.yaml",
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt A.TopicName\n",
    );
    let (code, _, err) = ecs_dsl(&["validate", yaml.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let bom = dir.write(
        "bom.json",
        "\u{feff}{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}",
    );
    let (code, _, err) = ecs_dsl(&["validate", bom.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let dangling = dir.write("d.yaml", "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nope\n");
    let (code, _, err) = ecs_dsl(&["validate", dangling.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("CFN004"), "{err}");
}

#[test]
fn unreadable_inputs_exit_2_with_the_reason() {
    let dir = ScratchDir::new("cli-inputs");
    let dup = dir.write("dup.json", "{\"Resources\": {\n\"A\": {\"Type\": \"AWS::SNS::Topic\"},\n\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}");
    let (code, _, err) = ecs_dsl(&["validate", dup.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("first at line 2"), "{err}");
    let (code, _, err) = ecs_dsl(&["validate", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than"), "{err}");

    let array = dir.write("array.json", "[1, 2]");
    let (code, _, err) = ecs_dsl(&["diff", array.to_str().unwrap(), array.to_str().unwrap()]);
    assert_eq!(code, 2, "an array is not a template: {err}");
    let empty = dir.write("empty.json", "{\"Resources\": []}");
    let good = dir.write(
        "good.json",
        "{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}",
    );
    let (code, out, err) = ecs_dsl(&["diff", good.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
}

#[test]
fn both_commands_have_a_version() {
    let (code, out, err) = ecs_dsl(&["--version"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(env!("CARGO_PKG_VERSION")), "{out}");
    let out = Command::new(example_binary("todobackend"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}

fn shell(script: &str, program: &Path) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(program)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn write_errors_never_panic() {
    let program = example_binary("todobackend");
    // A reader that stops early: quiet, and the command's own exit code.
    for command in ["synth", "list", "synth --format yaml"] {
        let script = format!("{{ \"$1\" {command}; echo \"rc=$?\" >&2; }} | head -c 1 >/dev/null");
        let (_, err) = shell(&script, &program);
        assert!(err.contains("rc=0"), "{command}: {err}");
        assert!(!err.contains("panicked"), "{command}: {err}");
    }
    let (code, err) = shell("\"$1\" synth >/dev/full", &program);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
    // `/dev/null` opened read-write, as Python's `subprocess.DEVNULL` and service managers open
    // it, is a normal place to send a template: the command succeeds.
    let (code, err) = shell("\"$1\" synth 1<>/dev/null", &program);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_failed_synth_to_a_file_leaves_the_old_file_whole() {
    let program = example_binary("todobackend");
    let dir = ScratchDir::new("cli-atomic");
    let target = dir.write("template.json", "the old template\n");
    // A file-size limit of 1 KiB makes the write fail part way.
    let script = format!(
        "ulimit -f 1; trap '' XFSZ; \"$1\" synth -o {}",
        target.display()
    );
    let (code, err) = shell(&script, &program);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("the file is unchanged"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the old template\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    let (code, err) = shell(&format!("\"$1\" synth -o {}", target.display()), &program);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("AWSTemplateFormatVersion")
    );
}

#[test]
fn parameter_files_refuse_duplicates_and_take_overrides() {
    let program = example_binary("todobackend");
    let dir = ScratchDir::new("cli-params");
    let dup = dir.write("dup.json", "{\"Parameters\": {\"ApplicationDesiredCount\": \"1\",\n \"ApplicationDesiredCount\": \"2\"}}");
    let out = Command::new(&program)
        .args(["validate", "--params", dup.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("appears twice"), "{err}");
}

/// The one structural case where we and cfn-lint 1.51 part ways on purpose: CloudFormation's
/// documented quota is 200 parameters per template, and a 201st is refused at deploy, but
/// cfn-lint's parameters schema sets no `maxProperties`, so it reports only W2001 (unused). We
/// follow CloudFormation. This test fails when cfn-lint starts reporting it, so the case can move
/// into `structural_cases` above.
#[test]
fn two_hundred_and_one_parameters_are_refused_where_cfn_lint_is_silent() {
    let dir = ScratchDir::new("cli-parameters");
    let parameters: serde_json::Map<String, Json> = (0..201)
        .map(|i| (format!("P{i}"), json!({"Type": "String"})))
        .collect();
    let template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": parameters,
        "Resources": {"T": {"Type": "AWS::SNS::Topic"}}
    });
    let file = dir.write("parameters.json", &template.to_string());
    let (code, _, err) = ecs_dsl(&["validate", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("error[CFN009]"), "{err}");
    assert!(err.contains("201 entries in Parameters"), "{err}");
    let Some(report) = cfn_lint(&[file.as_path()]) else {
        assert!(!oracles_required(), "cfn-lint is required");
        return;
    };
    let errors: Vec<_> = report
        .findings(&file)
        .iter()
        .filter(|f| f.level == Level::Error)
        .collect();
    assert!(
        errors.is_empty(),
        "cfn-lint now reports the parameter quota; move this case into structural_cases: {errors:?}"
    );
}
