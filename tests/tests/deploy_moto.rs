//! The todobackend template deploys into moto (a local CloudFormation) and yields the book's
//! task definition. moto proves the template deploys and its references resolve; the values
//! checked here are the ones moto keeps (see tests/moto/deploy.py for how the stack is driven).

use std::process::{Command, Stdio};

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{
    MotoServer, ScratchDir, example_template, oracle_python, workspace_root,
};
use serde_json::Value;

#[test]
fn todobackend_deploys_to_moto_with_the_books_task_definition() {
    let Some(python) = oracle_python() else {
        return;
    };
    let dir = ScratchDir::new("deploy-moto");
    let template = dir.write(
        "todobackend.json",
        &example_template("todobackend", Format::Json),
    );
    let server = MotoServer::start(&python);

    let output = Command::new(&python)
        .arg(workspace_root().join("tests/moto/deploy.py"))
        .args(["--endpoint", &server.endpoint(), "--template"])
        .arg(&template)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run tests/moto/deploy.py with {}: {e}",
                python.display()
            )
        });
    assert!(
        output.status.success(),
        "deploy.py failed ({}):\n{}\n--- last lines of the moto server's log ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        server.log_tail(30)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "deploy.py printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });

    assert_eq!(
        report["stack_status"], "CREATE_COMPLETE",
        "stack resources: {}",
        report["resources"]
    );
    assert_books_task_definition(&report["task_definition"]);
}

/// The task definition of chapter 8: family, volume and the two containers' settings.
fn assert_books_task_definition(td: &Value) {
    assert_eq!(td["family"], "todobackend", "{td:#}");
    assert_eq!(td["revision"], 1, "{td:#}");

    let public = find_by_name(td, "volumes", "public");
    assert_eq!(
        public["host"]["sourcePath"], "/data/public",
        "volume public: {public:#}"
    );

    let app = find_by_name(td, "containerDefinitions", "todobackend");
    assert_eq!(app["cpu"], 245, "container todobackend: {app:#}");
    assert_eq!(
        app["memoryReservation"], 395,
        "container todobackend: {app:#}"
    );
    let ports = app["portMappings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let http = ports.iter().find(|p| p["containerPort"] == 8000);
    let http =
        http.unwrap_or_else(|| panic!("container todobackend maps no containerPort 8000: {app:#}"));
    assert_eq!(
        http["hostPort"], 0,
        "container todobackend, port 8000: {http:#}"
    );
    assert_eq!(
        app["logConfiguration"]["logDriver"], "awslogs",
        "container todobackend: {app:#}"
    );

    let collectstatic = find_by_name(td, "containerDefinitions", "collectstatic");
    assert_eq!(
        collectstatic["essential"], false,
        "container collectstatic: {collectstatic:#}"
    );
}

/// The element of array `list` in `td` whose `name` is `name`; fails listing the names present.
fn find_by_name<'a>(td: &'a Value, list: &str, name: &str) -> &'a Value {
    let items = td[list].as_array().map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .find(|item| item["name"] == name)
        .unwrap_or_else(|| {
            let names: Vec<&Value> = items.iter().map(|item| &item["name"]).collect();
            panic!("task definition has no {list} entry named {name:?} (names: {names:?}):\n{td:#}")
        })
}
