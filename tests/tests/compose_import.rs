//! Compose import: the book's workflow, the format variants, extends, anchors and interpolation.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ecs_dsl::compose::{ComposeError, ComposeFile, ImportOptions, VolumeSource, VolumeSpec, codes};
use ecs_dsl_tests::compose::container_json;
use serde_json::json;

/// A fixture of `tests/fixtures/compose`.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/compose")
        .join(name)
}

/// The (code, path) of every finding.
fn findings(diags: &ecs_dsl::Diagnostics) -> Vec<(&'static str, String)> {
    diags.iter().map(|d| (d.code, d.path.clone())).collect()
}

fn no_vars() -> BTreeMap<String, String> {
    BTreeMap::new()
}

/// The uwsgi command line of the book's ApplicationTaskDefinition container.
const BOOK_UWSGI: [&str; 8] = [
    "uwsgi",
    "--http=0.0.0.0:8000",
    "--module=todobackend.wsgi",
    "--master",
    "--die-on-term",
    "--processes=4",
    "--threads=2",
    "--check-static=/public",
];

#[test]
fn book_app_becomes_the_book_container() {
    // GIVEN the book's workflow
    let file = ComposeFile::load(fixture("todobackend/docker-compose.yml"), &no_vars()).unwrap();
    assert_eq!(
        file.service_names(),
        ["app", "db", "migrate", "release", "test"]
    );

    // WHEN `app` is imported on its own
    let (app, diags) = file.container("app", &ImportOptions::new()).unwrap();

    // THEN it is the book's container: image, uwsgi command, public mount, environment, 8000 → 0
    assert_eq!(
        container_json(&app),
        json!({
            "Name": "app",
            "Image": "385605022855.dkr.ecr.us-east-1.amazonaws.com/docker-in-aws/todobackend:latest",
            "Command": BOOK_UWSGI,
            "Environment": [
                {"Name": "DJANGO_SETTINGS_MODULE", "Value": "todobackend.settings_release"},
                {"Name": "MYSQL_HOST", "Value": "db"},
                {"Name": "MYSQL_PASSWORD", "Value": "password"},
                {"Name": "MYSQL_USER", "Value": "todo"}
            ],
            "PortMappings": [{"ContainerPort": 8000, "HostPort": 0}],
            "MountPoints": [{"SourceVolume": "public", "ContainerPath": "/public"}],
            "HealthCheck": {"Command": ["CMD-SHELL", "curl -fs localhost:8000"], "Interval": 5, "Retries": 10, "Timeout": 5}
        })
    );
    // AND the named volume is the EFS file system of that name
    assert_eq!(
        app.volumes,
        [VolumeSpec {
            name: "public".into(),
            source: VolumeSource::Efs {
                volume: "public".into()
            }
        }]
    );
    // AND the db dependency ECS cannot express, the inherited build and the short interval are reported
    assert_eq!(
        findings(&diags),
        [
            (codes::BUILD_IGNORED, "services.app.build".to_string()),
            (
                codes::DEPENDENCY_OUTSIDE_TASK,
                "services.app.depends_on.db".to_string()
            ),
            (
                codes::CLAMPED,
                "services.app.healthcheck.interval".to_string()
            ),
        ]
    );
    let db = diags
        .iter()
        .find(|d| d.code == codes::DEPENDENCY_OUTSIDE_TASK)
        .unwrap();
    assert!(db.message.contains("`db`") && db.help.is_some(), "{db}");
}

#[test]
fn book_migrate_becomes_the_migrate_container() {
    let vars = BTreeMap::from([("APP_VERSION".to_string(), "5fdbe62".to_string())]);
    let file = ComposeFile::load(fixture("todobackend/docker-compose.yml"), &vars).unwrap();
    let (migrate, diags) = file.container("migrate", &ImportOptions::new()).unwrap();
    assert_eq!(
        migrate.image,
        "385605022855.dkr.ecr.us-east-1.amazonaws.com/docker-in-aws/todobackend:5fdbe62"
    );
    assert_eq!(
        migrate.command.as_deref().unwrap(),
        ["python3", "manage.py", "migrate", "--no-input"]
    );
    assert_eq!(
        migrate.environment["DJANGO_SETTINGS_MODULE"],
        "todobackend.settings_release"
    );
    assert!(
        migrate.port_mappings.is_empty()
            && migrate.mount_points.is_empty()
            && migrate.health_check.is_none()
    );
    assert_eq!(
        diags.codes(),
        [codes::BUILD_IGNORED, codes::DEPENDENCY_OUTSIDE_TASK]
    );
}

#[test]
fn dependency_in_the_same_task_definition_becomes_depends_on() {
    let file = ComposeFile::load(fixture("todobackend/docker-compose.yml"), &no_vars()).unwrap();
    let (containers, diags) = file
        .containers(&["app", "db"], &ImportOptions::new())
        .unwrap();
    assert_eq!(
        container_json(&containers[0])["DependsOn"],
        json!([{"ContainerName": "db", "Condition": "HEALTHY"}])
    );
    // `$$` in the compose file is a literal `$` for the shell
    assert_eq!(
        container_json(&containers[1])["HealthCheck"]["Command"],
        json!(["CMD-SHELL", "mysqlshow -u $MYSQL_USER -p$MYSQL_PASSWORD"])
    );
    assert!(
        !diags.codes().contains(&codes::DEPENDENCY_OUTSIDE_TASK),
        "{diags}"
    );
}

#[test]
fn format_2_3_and_spec_give_the_same_container() {
    let expected = json!({
        "Name": "web",
        "Image": "nginx:1.25",
        "Memory": 512,
        "MemoryReservation": 256,
        "Cpu": 512,
        "Environment": [{"Name": "MODE", "Value": "prod"}],
        "PortMappings": [{"ContainerPort": 80, "HostPort": 8080}],
        "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "/web"}}
    });
    for variant in ["variants/v2.yml", "variants/v3.yml", "variants/spec.yml"] {
        let file = ComposeFile::load(fixture(variant), &no_vars()).unwrap();
        let (web, _) = file.container("web", &ImportOptions::new()).unwrap();
        assert_eq!(container_json(&web), expected, "{variant}");
    }
    let v3 = ComposeFile::load(fixture("variants/v3.yml"), &no_vars()).unwrap();
    assert_eq!(v3.replicas("web").unwrap(), Some(3));
    let (_, diags) = v3.container("web", &ImportOptions::new()).unwrap();
    assert_eq!(
        findings(&diags),
        [(codes::REPLICAS, "services.web.deploy.replicas".to_string())]
    );
}

#[test]
fn dynamic_host_ports_replace_fixed_ones_when_asked() {
    let file = ComposeFile::load(fixture("variants/v2.yml"), &no_vars()).unwrap();
    let (web, _) = file
        .container("web", &ImportOptions::new().dynamic_host_ports(true))
        .unwrap();
    assert_eq!(
        container_json(&web)["PortMappings"],
        json!([{"ContainerPort": 80, "HostPort": 0}])
    );
}

#[test]
fn extends_from_another_file_keeps_its_relative_env_file() {
    let file = ComposeFile::load(fixture("extends-other/docker-compose.yml"), &no_vars()).unwrap();
    let (worker, diags) = file.container("worker", &ImportOptions::new()).unwrap();
    assert_eq!(
        container_json(&worker),
        json!({
            "Name": "worker",
            "Image": "python:3.12-slim",
            "Command": ["celery", "worker"],
            "WorkingDirectory": "/srv",
            "User": "1000",
            "Environment": [
                {"Name": "LOG_LEVEL", "Value": "info"},
                {"Name": "PYTHONUNBUFFERED", "Value": "1"},
                {"Name": "QUEUE", "Value": "default"}
            ]
        })
    );
    assert!(diags.is_empty(), "{diags}");
}

#[test]
fn anchors_and_merge_keys_keep_inherited_fields() {
    let file = ComposeFile::load(fixture("anchors.yml"), &no_vars()).unwrap();
    let (api, _) = file.container("api", &ImportOptions::new()).unwrap();
    assert_eq!(
        container_json(&api),
        json!({
            "Name": "api",
            "Image": "registry.example/app:1.0",
            "Command": ["serve"],
            "WorkingDirectory": "/app",
            "Environment": [{"Name": "LANG", "Value": "C.UTF-8"}, {"Name": "TZ", "Value": "UTC"}],
            "DockerLabels": {"team": "web"},
            "Memory": 128,
            "Cpu": 256
        })
    );
    let (cron, _) = file.container("cron", &ImportOptions::new()).unwrap();
    assert_eq!(cron.image, "registry.example/app:1.0");
    assert_eq!(cron.working_directory.as_deref(), Some("/app"));
    let env: Vec<(&str, &str)> = cron
        .environment
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        env,
        [("JOB", "nightly"), ("LANG", "C.UTF-8"), ("TZ", "UTC")]
    );
}

#[test]
fn interpolation_forms_with_dotenv() {
    let file = ComposeFile::load(fixture("interpolation/docker-compose.yml"), &no_vars()).unwrap();
    let (app, diags) = file.container("app", &ImportOptions::new()).unwrap();
    assert_eq!(app.image, "registry.example/app:1.2.3");
    let env: Vec<(&str, &str)> = app
        .environment
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        env,
        [
            ("ALT", "tagged"),
            ("DEFAULT_EMPTY_COLON", "colon-default"),
            ("DEFAULT_EMPTY_DASH", ""),
            ("DEFAULT_UNSET", "fallback"),
            ("ESCAPED", "$HOME and ${TAG}"),
            ("FROM_HOST", "from-dotenv"),
            ("NESTED", "1.2.3-nested"),
            ("PLAIN", "1.2.3"),
            ("REQUIRED", "1.2.3"),
        ]
    );
    let check = app.health_check.unwrap();
    assert_eq!(
        (check.command.as_slice(), check.retries),
        (
            ["CMD-SHELL".to_string(), "test -n \"$READY\"".to_string()].as_slice(),
            Some(4)
        )
    );
    assert!(diags.is_empty() && file.diagnostics().is_empty(), "{diags}");
}

#[test]
fn caller_variables_win_over_dotenv() {
    let vars = BTreeMap::from([
        ("TAG".to_string(), "9".to_string()),
        ("RETRIES".to_string(), "7".to_string()),
    ]);
    let file = ComposeFile::load(fixture("interpolation/docker-compose.yml"), &vars).unwrap();
    let (app, _) = file.container("app", &ImportOptions::new()).unwrap();
    assert_eq!(
        (app.image.as_str(), app.health_check.unwrap().retries),
        ("registry.example/app:9", Some(7))
    );
}

#[test]
fn unset_variable_is_empty_with_a_warning() {
    let file =
        ComposeFile::from_str("services:\n  a:\n    image: x:${NOPE}\n", ".", &no_vars()).unwrap();
    assert_eq!(
        file.container("a", &ImportOptions::new()).unwrap().0.image,
        "x:"
    );
    assert_eq!(
        findings(file.diagnostics()),
        [(codes::UNSET_VARIABLE, "services.a.image".to_string())]
    );
}

#[test]
fn required_variable_unset_is_an_error_with_its_message() {
    for text in [
        "services:\n  a:\n    image: ${REG?set REG to your registry}/a\n",
        "services:\n  a:\n    image: ${REG:?set REG to your registry}/a\n",
    ] {
        let err = ComposeFile::from_str(text, ".", &no_vars()).unwrap_err();
        let ComposeError::MissingVariable {
            variable,
            message,
            path,
            ..
        } = &err
        else {
            panic!("{err}")
        };
        assert_eq!(
            (variable.as_str(), message.as_str(), path.as_str()),
            ("REG", "set REG to your registry", "services.a.image")
        );
        assert!(
            err.to_string().contains("set REG to your registry"),
            "{err}"
        );
    }
    // `:?` also refuses an empty value, `?` does not
    let empty = BTreeMap::from([("REG".to_string(), String::new())]);
    assert!(
        ComposeFile::from_str("services:\n  a:\n    image: ${REG:?no}x\n", ".", &empty).is_err()
    );
    assert!(ComposeFile::from_str("services:\n  a:\n    image: ${REG?no}x\n", ".", &empty).is_ok());
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let err = ComposeFile::load(fixture("malformed.yml"), &no_vars()).unwrap_err();
    let ComposeError::Yaml {
        line, column, file, ..
    } = &err
    else {
        panic!("{err}")
    };
    // The flow sequence opened on line 4 runs into the mapping on line 5.
    assert_eq!((*line, *column), (5, 12), "{err}");
    assert!(file.ends_with("malformed.yml"));
    assert!(
        err.to_string()
            .contains("malformed.yml:5:12: malformed YAML"),
        "{err}"
    );
}

#[test]
fn unknown_service_lists_the_services() {
    let file = ComposeFile::load(fixture("todobackend/docker-compose.yml"), &no_vars()).unwrap();
    let err = file.container("web", &ImportOptions::new()).unwrap_err();
    assert_eq!(
        err,
        ComposeError::UnknownService {
            name: "web".into(),
            available: ["app", "db", "migrate", "release", "test"]
                .map(String::from)
                .to_vec()
        }
    );
    assert!(
        err.to_string()
            .contains("`app`, `db`, `migrate`, `release`, `test`"),
        "{err}"
    );
}

#[test]
fn unknown_and_ignored_keys_get_coded_diagnostics() {
    let file = ComposeFile::load(fixture("unknown-keys.yml"), &no_vars()).unwrap();
    assert_eq!(
        findings(file.diagnostics()),
        [(codes::TOP_LEVEL_IGNORED, "networks".to_string())]
    );
    let (_, diags) = file.container("app", &ImportOptions::new()).unwrap();
    assert_eq!(
        findings(&diags),
        [
            (codes::BUILD_IGNORED, "services.app.build".to_string()),
            (
                codes::NO_COUNTERPART,
                "services.app.container_name".to_string()
            ),
            (
                codes::NO_COUNTERPART,
                "services.app.deploy.placement".to_string()
            ),
            (codes::REPLICAS, "services.app.deploy.replicas".to_string()),
            (codes::UNKNOWN_KEY, "services.app.enviroment".to_string()),
            (codes::NETWORKING_IGNORED, "services.app.expose".to_string()),
            (
                codes::UNKNOWN_KEY,
                "services.app.healthcheck.intervl".to_string()
            ),
            (
                codes::NETWORKING_IGNORED,
                "services.app.networks".to_string()
            ),
            (codes::NO_COUNTERPART, "services.app.restart".to_string()),
        ]
    );
    let typo = diags
        .iter()
        .find(|d| d.path == "services.app.enviroment")
        .unwrap();
    assert_eq!(typo.help.as_deref(), Some("did you mean `environment`?"));
    let interval = diags.iter().find(|d| d.path.ends_with("intervl")).unwrap();
    assert_eq!(interval.help.as_deref(), Some("did you mean `interval`?"));
}

#[test]
fn structural_errors_name_the_place() {
    let cases = [
        (
            "services:\n  a:\n    image: x\n    ports: ['80:80:80:80']\n",
            "services.a.ports[0]",
        ),
        (
            "services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
            "services.a.extends",
        ),
        (
            "services:\n  a:\n    extends: {service: nope}\n",
            "services",
        ),
        (
            "services:\n  a:\n    image: x\n    healthcheck:\n      test: [WAT, x]\n",
            "services.a.healthcheck.test",
        ),
        (
            "services:\n  a:\n    image: x\n    mem_limit: lots\n",
            "services.a.mem_limit",
        ),
        (
            "services:\n  a:\n    image: x\n    depends_on:\n      b: {condition: service_ready}\n",
            "services.a.depends_on.b.condition",
        ),
        ("services: [a]\n", "services"),
        (
            "services:\n  a:\n    image: x\n    depends_on: [nope]\n",
            "services.a.depends_on.nope",
        ),
    ];
    for (text, expected_path) in cases {
        match ComposeFile::from_str(text, ".", &no_vars()) {
            Err(ComposeError::Invalid { path, .. }) => assert_eq!(path, expected_path, "{text}"),
            other => panic!("{text}: expected an Invalid error, got {other:?}"),
        }
    }
}

#[test]
fn a_service_without_image_cannot_be_imported() {
    let file = ComposeFile::load(fixture("todobackend/docker-compose.yml"), &no_vars()).unwrap();
    let err = file.container("test", &ImportOptions::new()).unwrap_err();
    assert!(
        matches!(&err, ComposeError::Invalid { path, .. } if path == "services.test.image"),
        "{err}"
    );
    assert!(err.to_string().contains("build and push it"), "{err}");
}

#[test]
fn a_port_range_too_wide_to_expand_is_an_error() {
    let file = ComposeFile::from_str(
        "services:\n  a:\n    image: x\n    ports: ['1-65535']\n",
        ".",
        &no_vars(),
    )
    .unwrap();
    let err = file.container("a", &ImportOptions::new()).unwrap_err();
    assert!(
        matches!(&err, ComposeError::Invalid { path, .. } if path == "services.a.ports[0]"),
        "{err}"
    );
}
