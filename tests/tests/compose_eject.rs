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
use ecs_dsl::compose::{ComposeFile, ImportOptions, LoadOptions, add_plans};
use ecs_dsl::synth::{Format, render};
use serde_json::Value;

#[allow(dead_code, reason = "`main` of the ejected program is not run here")]
#[path = "../fixtures/compose/eject/todobackend_app.rs"]
#[rustfmt::skip] // a golden output of the eject, compared byte for byte
mod todobackend_app;

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
fn direct(file: &str, services: &[&str], logical_id: &str) -> (Stack, Vec<Value>) {
    let services: Vec<String> = services.iter().map(|s| s.to_string()).collect();
    let (plans, _) =
        plan_files(&[fixture(file)], &services, &LoadOptions::new(), &options()).unwrap();
    assert_eq!(plans[0].logical_id, logical_id);
    let expected = plans[0]
        .containers
        .iter()
        .map(|s| s.to_cfn_json())
        .collect();
    let mut stack = Stack::new();
    add_plans(&plans, &mut stack);
    (stack, expected)
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
    let (stack, expected) = direct(
        "todobackend/docker-compose.yml",
        &["app"],
        "AppTaskDefinition",
    );
    let ejected = template(&todobackend_app::stack());

    // THEN both templates are the same
    assert_eq!(ejected, template(&stack));
    // AND their container is the one `ContainerSpec::to_cfn_json` describes, volume included
    let properties = &ejected["Resources"]["AppTaskDefinition"]["Properties"];
    assert_eq!(properties["ContainerDefinitions"], Value::Array(expected));
    assert_eq!(
        properties["Volumes"],
        serde_json::json!([{"Name": "public"}])
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
    let (stack, expected) = direct(
        "full.yml",
        &["all", "sidecar", "setup"],
        "AllTaskDefinition",
    );
    let ejected = template(&full::stack());
    assert_eq!(ejected, template(&stack));
    let properties = &ejected["Resources"]["AllTaskDefinition"]["Properties"];
    assert_eq!(properties["ContainerDefinitions"], Value::Array(expected));
    let compose = ComposeFile::load(fixture("full.yml"), &BTreeMap::new()).unwrap();
    let (specs, _) = compose.containers(&["all"], &options()).unwrap();
    let volumes: Vec<Value> = specs[0].volumes.iter().map(|v| v.to_cfn_json()).collect();
    assert_eq!(properties["Volumes"], Value::Array(volumes));
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
