//! Compose eject: the Rust program `import-compose` prints compiles (the golden files under
//! `fixtures/compose/eject` are compiled into this test as modules) and synthesizes the same
//! container definitions as the direct import through `add_plans` of the import plan.
//!
//! When the eject changes on purpose, regenerate the golden files with
//! `ECS_DSL_BLESS=1 cargo test -p ecs-dsl-tests --test compose_eject` and review the diff.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ecs_dsl::Stack;
use ecs_dsl::compose::eject::{import_compose, plan_files};
use ecs_dsl::compose::{ImportOptions, Launch, LoadOptions, add_plans, codes};
use ecs_dsl::synth::{Format, render};
use serde_json::{Value, json};

#[allow(dead_code, reason = "`main` of the ejected program is not run here")]
#[path = "../fixtures/compose/eject/todobackend_app.rs"]
#[rustfmt::skip] // a golden output of the eject, compared byte for byte
mod todobackend_app;

#[allow(dead_code, reason = "`main` of the ejected program is not run here")]
#[path = "../fixtures/compose/eject/todobackend_ec2.rs"]
#[rustfmt::skip] // a golden output of the eject, compared byte for byte
mod todobackend_ec2;

#[allow(dead_code, reason = "`main` of the ejected program is not run here")]
#[path = "../fixtures/compose/eject/full.rs"]
#[rustfmt::skip] // a golden output of the eject, compared byte for byte
mod full;

const DB_ARN: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/compose")
        .join(name)
}

fn options() -> ImportOptions {
    ImportOptions::new().secret("db_password", DB_ARN)
}

/// Checks `generated` against the golden file `eject/<name>`, or rewrites it when blessing.
fn assert_golden(name: &str, generated: &str) {
    let path = fixture("eject").join(name);
    if std::env::var_os("ECS_DSL_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert!(
        golden == generated,
        "the eject of {name} changed; rerun with ECS_DSL_BLESS=1 and review the diff.\n--- generated ---\n{generated}"
    );
}

/// The template of `stack` as JSON.
fn template(stack: &Stack) -> Value {
    let template = stack.to_template().unwrap();
    serde_json::from_str(&render(&template, Format::Json).unwrap()).unwrap()
}

/// The stack the direct import builds for `services` of `file` (its plan, applied).
fn direct(file: &str, services: &[&str], logical_id: &str) -> Stack {
    let services: Vec<String> = services.iter().map(|s| s.to_string()).collect();
    let (app, _) =
        plan_files(&[fixture(file)], &services, &LoadOptions::new(), &options()).unwrap();
    assert_eq!(app.tasks[0].logical_id, logical_id);
    let mut stack = Stack::new();
    add_plans(&app, &mut stack);
    stack
}

#[test]
fn book_app_eject_is_the_golden_program() {
    let services = ["app".to_string()];
    let (source, diags) = import_compose(
        &fixture("todobackend/docker-compose.yml"),
        &services,
        &BTreeMap::new(),
        &options(),
    )
    .unwrap();
    assert!(
        diags
            .codes()
            .contains(&ecs_dsl::compose::codes::DEPENDENCY_OUTSIDE_TASK)
    );
    assert_golden("todobackend_app.rs", &source);
}

#[test]
fn ejected_book_app_synthesizes_the_direct_import() {
    // GIVEN the direct import of `app` and the compiled eject of the same service
    let stack = direct(
        "todobackend/docker-compose.yml",
        &["app"],
        "AppTaskDefinition",
    );
    let ejected = template(&todobackend_app::stack());

    // THEN both templates are the same
    assert_eq!(ejected, template(&stack));
    // AND the app runs on Fargate, its named volume on EFS, its output in the app's log group
    let properties = &ejected["Resources"]["AppTaskDefinition"]["Properties"];
    assert_eq!(properties["RequiresCompatibilities"], json!(["FARGATE"]));
    assert_eq!(
        properties["Volumes"][0]["EFSVolumeConfiguration"]["FilesystemId"],
        json!({"Ref": "PublicFileSystem"})
    );
    let app = &properties["ContainerDefinitions"][0];
    assert_eq!(
        app["PortMappings"],
        json!([{"ContainerPort": 8000, "HostPort": 8000}])
    );
    assert_eq!(
        app["LogConfiguration"]["Options"]["awslogs-group"],
        json!({"Ref": "LogGroup"})
    );
    assert_eq!(
        ejected["Resources"]["AppService"]["Properties"]["DesiredCount"],
        json!(1)
    );
}

#[test]
fn full_eject_is_the_golden_program() {
    let services = ["all", "sidecar", "setup"].map(String::from);
    let (source, _) = import_compose(
        &fixture("full.yml"),
        &services,
        &BTreeMap::new(),
        &options(),
    )
    .unwrap();
    assert_golden("full.rs", &source);
}

#[test]
fn ejected_full_synthesizes_the_direct_import() {
    let stack = direct(
        "full.yml",
        &["all", "sidecar", "setup"],
        "AllTaskDefinition",
    );
    let ejected = template(&full::stack());
    assert_eq!(ejected, template(&stack));
    // AND the mapped secret is a file, written by the init container from the given ARN
    let properties = &ejected["Resources"]["AllTaskDefinition"]["Properties"];
    let init = &properties["ContainerDefinitions"][0];
    assert_eq!(init["Name"], "secrets-init");
    assert_eq!(init["Secrets"][0]["ValueFrom"], DB_ARN);
    let all = &properties["ContainerDefinitions"][1];
    assert_eq!(all["Name"], "all");
    assert!(all.get("Secrets").is_none(), "{all}");
    assert!(
        all["MountPoints"]
            .as_array()
            .unwrap()
            .contains(&json!({"SourceVolume": "compose-secrets", "ContainerPath": "/run/secrets", "ReadOnly": true})),
        "{all}"
    );
}

#[test]
fn without_services_every_service_with_an_image_is_its_own_task_definition() {
    let (source, diags) = import_compose(
        &fixture("todobackend/docker-compose.yml"),
        &[],
        &BTreeMap::new(),
        &ImportOptions::new(),
    )
    .unwrap();
    for id in [
        "AppTaskDefinition",
        "DbTaskDefinition",
        "MigrateTaskDefinition",
        "ReleaseTaskDefinition",
    ] {
        assert!(
            source.contains(&format!(".add(&mut stack, \"{id}\");")),
            "{id} missing:\n{source}"
        );
    }
    assert!(!source.contains("TestTaskDefinition"));
    assert!(
        diags
            .iter()
            .any(|d| d.path == "services.test" && d.message.contains("no `image`")),
        "{diags}"
    );
}

/// The stack of `file`'s plan under `options`, with its findings.
fn app(file: &str, services: &[&str], options: &ImportOptions) -> (Stack, Vec<&'static str>) {
    let services: Vec<String> = services.iter().map(|s| s.to_string()).collect();
    let (app, diags) =
        plan_files(&[fixture(file)], &services, &LoadOptions::new(), options).unwrap();
    let mut stack = Stack::new();
    add_plans(&app, &mut stack);
    (stack, diags.codes())
}

#[test]
fn the_book_workflow_runs_app_and_db_as_services_and_migrate_once() {
    // GIVEN the book's compose file, `migrate` named a task to run once
    let options = ImportOptions::new().run_once("migrate");
    let (stack, codes) = app("todobackend/docker-compose.yml", &[], &options);

    // THEN app and db are services of one Fargate cluster, migrate only a task definition
    let template = template(&stack);
    let resources = template["Resources"].as_object().unwrap();
    for id in [
        "AppCluster",
        "AppService",
        "DbService",
        "MigrateTaskDefinition",
        "PublicFileSystem",
    ] {
        assert!(resources.contains_key(id), "{id} missing");
    }
    assert!(!resources.contains_key("MigrateService"));
    assert!(codes.contains(&codes::ONE_OFF_TASK), "{codes:?}");
    // AND the stack validates without errors
    let findings = ecs_dsl::validate::validate(&stack.to_template().unwrap());
    assert!(!findings.has_errors(), "{findings}");
}

#[test]
fn book_app_on_ec2_is_the_golden_program_and_synthesizes_the_direct_import() {
    // GIVEN the `app` service imported onto an EC2 cluster
    let options = options().launch(Launch::Ec2);
    let services = ["app".to_string()];
    let (source, _) = import_compose(
        &fixture("todobackend/docker-compose.yml"),
        &services,
        &BTreeMap::new(),
        &options,
    )
    .unwrap();
    assert_golden("todobackend_ec2.rs", &source);
    let (stack, _) = app("todobackend/docker-compose.yml", &["app"], &options);

    // THEN the eject builds the same stack: instances, a `bridge` task with its memory, a service
    let ejected = template(&todobackend_ec2::stack());
    assert_eq!(ejected, template(&stack));
    let resources = &ejected["Resources"];
    assert_eq!(resources["AppService"]["Properties"]["LaunchType"], "EC2");
    assert_eq!(
        resources["AppTaskDefinition"]["Properties"]["Memory"],
        "512"
    );
    assert_eq!(
        resources["AppAutoscaling"]["Type"],
        "AWS::AutoScaling::AutoScalingGroup"
    );
    let findings = ecs_dsl::validate::validate(&stack.to_template().unwrap());
    assert!(!findings.has_errors(), "{findings}");
}

#[test]
fn secrets_as_env_are_environment_variables_of_the_stack_secrets() {
    // GIVEN full.yml with secrets given as environment variables
    let options = options().secrets_as_env(true);
    let (stack, codes) = app("full.yml", &["all"], &options);

    // THEN there is no init container; the secrets are env vars from the ARN or the stack
    let template = template(&stack);
    let containers =
        &template["Resources"]["AllTaskDefinition"]["Properties"]["ContainerDefinitions"];
    assert_eq!(containers.as_array().unwrap().len(), 1);
    assert_eq!(
        containers[0]["Secrets"],
        json!([
            {"Name": "db_password", "ValueFrom": DB_ARN},
            {"Name": "API_KEY", "ValueFrom": {"Ref": "ApiKeySecret"}},
            {"Name": "unmapped", "ValueFrom": {"Ref": "UnmappedSecret"}}
        ])
    );
    assert!(codes.contains(&codes::SECRET_CREATED), "{codes:?}");
}
