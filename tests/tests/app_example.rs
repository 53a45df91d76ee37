//! The `todobackend_app` example through its command line: `synth -o DIR` writes the three
//! templates and the manifest in deploy order, refuses to drop an export the previous manifest
//! says is imported, the templates pass cfn-lint, and the stacks deploy in order into moto with
//! the key ARN imported where the application stack uses it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use ecs_dsl_tests::oracle::{
    Level, LintReport, MotoServer, ScratchDir, cfn_lint, example_binary, oracle_cfn_lint,
    oracle_python, workspace_root,
};
use serde_json::{Value, json};

const STACKS: [&str; 3] = ["todobackend-kms", "todobackend-ecr", "todobackend"];

/// Runs the example with `args`.
fn run_example(args: &[&str]) -> Output {
    let binary = example_binary("todobackend_app");
    Command::new(&binary)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()))
}

/// `synth -o DIR --format FORMAT`, which must succeed.
fn synth_into(dir: &Path, format: &str) {
    let output = run_example(&[
        "synth",
        "-o",
        &dir.display().to_string(),
        "--format",
        format,
    ]);
    assert!(
        output.status.success(),
        "synth failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

#[test]
fn synth_writes_a_template_per_stack_and_the_manifest_in_deploy_order() {
    let dir = ScratchDir::new("app-synth");
    synth_into(dir.path(), "json");
    let manifest = read_json(&dir.path().join("manifest.json"));
    let order: Vec<&str> = manifest["stacks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(order, STACKS, "{manifest:#}");
    assert_eq!(
        manifest["stacks"][2]["after"],
        json!(["todobackend-kms", "todobackend-ecr"])
    );
    let key = &manifest["references"][1];
    assert_eq!(key["name"], "secrets-key", "{manifest:#}");
    assert_eq!(key["stack"], "todobackend-kms");
    assert_eq!(key["value"], "KmsKey.Arn");
    assert_eq!(key["used_by"][0]["stack"], "todobackend");
    assert_eq!(key["used_by"][0]["at"].as_array().map(Vec::len), Some(2));

    let kms = read_json(&dir.path().join("todobackend-kms.json"));
    assert_eq!(
        kms["Outputs"]["ExportKmsKeyArn"],
        json!({"Value": {"Fn::GetAtt": ["KmsKey", "Arn"]}, "Export": {"Name": "secrets-key"}})
    );
    let app = read_json(&dir.path().join("todobackend.json"));
    let statement = &app["Resources"]["ApplicationTaskRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"][0];
    assert_eq!(
        statement["Resource"],
        json!({"Fn::ImportValue": "secrets-key"})
    );

    let list = run_example(&["list"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    let first_words: Vec<&str> = listed
        .lines()
        .take(3)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(first_words, STACKS, "list printed:\n{listed}");
    let validate = run_example(&["validate"]);
    assert!(
        validate.status.success(),
        "validate failed:\n{}",
        String::from_utf8_lossy(&validate.stderr)
    );
}

#[test]
fn synth_refuses_to_drop_an_export_the_previous_manifest_says_is_imported() {
    let dir = ScratchDir::new("app-embrace");
    let deployed = json!({
        "stacks": [
            {"name": "todobackend-kms", "template": "todobackend-kms.json", "after": []},
            {"name": "todobackend", "template": "todobackend.json", "after": ["todobackend-kms"]}
        ],
        "references": [{
            "kind": "export", "name": "old-secrets-key", "stack": "todobackend-kms",
            "value": "OldKey.Arn", "published_by": "ExportOldKeyArn",
            "used_by": [{"stack": "todobackend", "parameter": null,
                         "at": ["Resources.ApplicationTaskRole.Properties.Policies[0]"]}]
        }]
    });
    let manifest_text = serde_json::to_string_pretty(&deployed).unwrap();
    let manifest = dir.write("manifest.json", &manifest_text);

    let output = run_example(&["synth", "-o", &dir.path().display().to_string()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    for expected in [
        "error[APP003]: the export `old-secrets-key` (`OldKey.Arn` of stack `todobackend-kms`) is removed, but the deployed stack `todobackend` still imports it",
        "deploy in two steps",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        ["manifest.json"],
        "nothing is written when synth refuses"
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), manifest_text);
}

#[test]
fn the_example_templates_pass_cfn_lint_in_json_and_yaml() {
    if oracle_cfn_lint().is_none() {
        return;
    }
    let json_dir = ScratchDir::new("app-lint-json");
    let yaml_dir = ScratchDir::new("app-lint-yaml");
    synth_into(json_dir.path(), "json");
    synth_into(yaml_dir.path(), "yaml");
    let mut files = Vec::new();
    for stack in STACKS {
        files.push(json_dir.path().join(format!("{stack}.json")));
        files.push(yaml_dir.path().join(format!("{stack}.yaml")));
    }
    // A known error linted in the same run proves cfn-lint really checks.
    let canary = json_dir.write(
        "canary.json",
        r#"{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 8}}}}"#,
    );
    let mut linted: Vec<&Path> = files.iter().map(|f| f.as_path()).collect();
    linted.push(&canary);
    let Some(report) = cfn_lint(&linted) else {
        return;
    };
    let canary_rules: Vec<&str> = report
        .findings(&canary)
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        canary_rules,
        ["E3030"],
        "cfn-lint did not report the canary's known error"
    );
    let findings: Vec<_> = report
        .at_least(Level::Warning)
        .into_iter()
        .filter(|(file, _)| *file != canary.as_path())
        .collect();
    assert!(
        findings.is_empty(),
        "cfn-lint found {} errors or warnings in the app's templates:\n{}",
        findings.len(),
        LintReport::render(&findings)
    );
}

#[test]
fn the_stacks_deploy_in_order_on_moto_and_the_key_arn_is_imported() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = ScratchDir::new("app-deploy");
    synth_into(dir.path(), "json");
    let server = MotoServer::start(&python);
    let output = Command::new(&python)
        .arg(workspace_root().join("tests/moto/deploy_app.py"))
        .args(["--endpoint", &server.endpoint(), "--dir"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run tests/moto/deploy_app.py: {e}"));
    assert!(
        output.status.success(),
        "deploy_app.py failed ({}):\n{}\n--- moto log ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        server.log_tail(30)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("deploy_app.py prints JSON");

    assert_eq!(report["order"], json!(STACKS));
    for stack in STACKS {
        assert_eq!(
            report["stacks"][stack]["status"], "CREATE_COMPLETE",
            "{stack}"
        );
    }
    // The key the KMS stack created, as it exports it…
    let key_arn = report["stacks"]["todobackend-kms"]["outputs"]["ExportKmsKeyArn"]
        .as_str()
        .expect("the KMS stack outputs the key ARN");
    assert!(key_arn.starts_with("arn:aws:kms:us-east-1:"), "{key_arn}");
    assert_eq!(report["exports"]["secrets-key"], key_arn);
    // …is what the application stack's roles may decrypt with: the import resolved.
    let roles = &report["role_policies"]["todobackend"];
    for (role, policy) in [
        ("ApplicationTaskRole", "SecretsManagerPermissions"),
        ("ApplicationTaskExecutionRole", "ReadApplicationSecrets"),
    ] {
        let statements = roles[role][policy]["Statement"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let decrypt = statements
            .iter()
            .find(|s| s["Sid"] == "DecryptSecrets")
            .unwrap_or_else(|| panic!("{role}/{policy} has no DecryptSecrets: {roles:#}"));
        assert_eq!(decrypt["Resource"], key_arn, "{role}/{policy}");
    }
    // The repository URI, imported into the image of every container.
    let uri = report["exports"]["todobackend-ecr:TodobackendRepository:RepositoryUri"]
        .as_str()
        .expect("the ECR stack exports the repository URI");
    assert!(uri.ends_with("/docker-in-aws/todobackend"), "{uri}");
    let containers = &report["task_definitions"]["todobackend"]["containerDefinitions"];
    let images: Vec<&str> = containers
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["image"].as_str())
        .collect();
    assert_eq!(images, [format!("{uri}:5fdbe62"), format!("{uri}:5fdbe62")]);
}
