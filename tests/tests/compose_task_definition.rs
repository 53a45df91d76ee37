//! Compose import into a task definition that is then adjusted in Rust like any other: the
//! book's ApplicationTaskDefinition container from the compose `app` service.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ecs_dsl::Stack;
use ecs_dsl::compose::{ComposeFile, ImportOptions};
use ecs_dsl::ecs::{TaskDefinition, Volume};
use ecs_dsl::synth::{Format, render};
use serde_json::{Value, json};

#[test]
fn imported_app_adjusted_in_rust_is_the_book_container() {
    // GIVEN the compose `app` service imported for a load balancer (dynamic host ports)
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/compose/todobackend/docker-compose.yml");
    let file = ComposeFile::load(path, &BTreeMap::new()).unwrap();
    let (mut app, _) = file
        .container("app", &ImportOptions::new().dynamic_host_ports(true))
        .unwrap();

    // WHEN it is renamed, sized and given the book's host volume in Rust
    app.name = "todobackend".into();
    app.health_check = None;
    let container = app
        .into_container()
        .cpu_units(245)
        .memory_reservation_mib(395);
    let mut stack = Stack::new();
    TaskDefinition::new("todobackend")
        .volume(Volume::host("public", "/data/public"))
        .container(container)
        .add(&mut stack, "ApplicationTaskDefinition");

    // THEN the task definition has the book's container, with compose's literal environment
    let template: Value =
        serde_json::from_str(&render(&stack.to_template().unwrap(), Format::Json).unwrap())
            .unwrap();
    let properties = &template["Resources"]["ApplicationTaskDefinition"]["Properties"];
    assert_eq!(
        properties["Volumes"],
        json!([{"Name": "public", "Host": {"SourcePath": "/data/public"}}])
    );
    assert_eq!(
        properties["ContainerDefinitions"],
        json!([{
            "Name": "todobackend",
            "Image": "385605022855.dkr.ecr.us-east-1.amazonaws.com/docker-in-aws/todobackend:latest",
            "MemoryReservation": 395,
            "Cpu": 245,
            "MountPoints": [{"SourceVolume": "public", "ContainerPath": "/public"}],
            "Environment": [
                {"Name": "DJANGO_SETTINGS_MODULE", "Value": "todobackend.settings_release"},
                {"Name": "MYSQL_HOST", "Value": "db"},
                {"Name": "MYSQL_PASSWORD", "Value": "password"},
                {"Name": "MYSQL_USER", "Value": "todo"}
            ],
            "Command": [
                "uwsgi", "--http=0.0.0.0:8000", "--module=todobackend.wsgi", "--master", "--die-on-term",
                "--processes=4", "--threads=2", "--check-static=/public"
            ],
            "PortMappings": [{"ContainerPort": 8000, "HostPort": 0}]
        }])
    );
}
