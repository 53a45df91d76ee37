//! Compose import: every service key the import maps, in its less common forms, shown whole.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ecs_dsl::compose::{ComposeFile, ImportOptions, VolumeSource, VolumeSpec, codes};
use ecs_dsl_tests::compose::container_json;
use serde_json::json;

const DB_ARN: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db";

fn load_full() -> ComposeFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/compose/full.yml");
    ComposeFile::load(path, &BTreeMap::new()).unwrap()
}

#[test]
fn every_mapped_key_reaches_the_container_definition() {
    // GIVEN a service using every mapped key, imported with the two services it waits on
    let file = load_full();
    let options = ImportOptions::new().secret("db_password", DB_ARN);

    // WHEN the three go into one task definition
    let (containers, diags) = file
        .containers(&["all", "sidecar", "setup"], &options)
        .unwrap();

    // THEN `all` has every key in ECS form
    assert_eq!(
        container_json(&containers[0]),
        json!({
            "Name": "all",
            "Image": "example/all:2",
            "EntryPoint": ["/docker-entrypoint.sh", "--verbose"],
            "Command": ["serve", "--port", "9000"],
            // `environment` wins over `env_file`; the optional missing env file is skipped
            "Environment": [{"Name": "A", "Value": "1"}, {"Name": "B", "Value": "2"}, {"Name": "C", "Value": "3"}],
            "PortMappings": [
                {"ContainerPort": 9000, "HostPort": 0},
                {"ContainerPort": 9001, "HostPort": 0},
                {"ContainerPort": 7000, "HostPort": 7000, "Protocol": "udp"},
                {"ContainerPort": 7001, "HostPort": 7001, "Protocol": "udp"},
                {"ContainerPort": 7002, "HostPort": 7002, "Protocol": "udp"},
                {"ContainerPort": 9443, "HostPort": 443, "Name": "https", "AppProtocol": "http2"}
            ],
            "MountPoints": [
                {"SourceVolume": "data", "ContainerPath": "/var/lib/data"},
                {"SourceVolume": "shared", "ContainerPath": "/shared", "ReadOnly": true},
                {"SourceVolume": "outside", "ContainerPath": "/outside", "ReadOnly": true},
                {"SourceVolume": "host-var-run-docker-sock", "ContainerPath": "/var/run/docker.sock"},
                {"SourceVolume": "anonymous-scratch", "ContainerPath": "/scratch"}
            ],
            "DependsOn": [
                {"ContainerName": "setup", "Condition": "SUCCESS"},
                {"ContainerName": "sidecar", "Condition": "HEALTHY"}
            ],
            // 1m30s; 1s, 20 and 10m are moved into the ranges ECS accepts
            "HealthCheck": {
                "Command": ["CMD", "curl", "-f", "http://localhost:9000/health"],
                "Interval": 90, "Timeout": 2, "Retries": 10, "StartPeriod": 300
            },
            "WorkingDirectory": "/srv",
            "User": "1000:1000",
            "Ulimits": [
                {"Name": "nofile", "SoftLimit": 1024, "HardLimit": 4096},
                {"Name": "nproc", "SoftLimit": 512, "HardLimit": 512}
            ],
            "Memory": 1024,
            "MemoryReservation": 300,
            "Cpu": 1536,
            "DockerLabels": {"com.example.team": "web", "com.example.empty": ""},
            "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": "/all", "awslogs-stream-prefix": "all"}},
            "StopTimeout": 60,
            "ReadonlyRootFilesystem": true,
            "Privileged": false,
            "ExtraHosts": [
                {"Hostname": "somehost", "IpAddress": "10.0.0.1"},
                {"Hostname": "otherhost", "IpAddress": "10.0.0.2"}
            ],
            "Hostname": "all-host",
            "LinuxParameters": {
                "Capabilities": {"Add": ["NET_ADMIN", "SYS_TIME"], "Drop": ["ALL"]},
                "InitProcessEnabled": true,
                "Tmpfs": [
                    {"ContainerPath": "/cache", "Size": 32},
                    {"ContainerPath": "/run", "Size": 16, "MountOptions": ["noexec"]}
                ]
            },
            "Secrets": [{"Name": "db_password", "ValueFrom": DB_ARN}]
        })
    );
    // AND the task volumes the mounts need
    let efs = |name: &str| VolumeSpec {
        name: name.into(),
        source: VolumeSource::Efs {
            volume: name.into(),
        },
    };
    assert_eq!(
        containers[0].volumes,
        [
            efs("data"),
            efs("shared"),
            efs("outside"),
            VolumeSpec {
                name: "host-var-run-docker-sock".into(),
                source: VolumeSource::Host {
                    source_path: "/var/run/docker.sock".into()
                }
            },
            VolumeSpec {
                name: "anonymous-scratch".into(),
                source: VolumeSource::Task
            },
        ]
    );
    // AND the container others wait on to complete is not essential
    assert_eq!(
        containers.iter().map(|c| c.essential).collect::<Vec<_>>(),
        [true, true, false]
    );
    // AND everything left out or changed is reported where it is
    let found: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, d.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (codes::NO_COUNTERPART, "services.all.cpu_shares"),
            (codes::DEPENDENCY_OUTSIDE_TASK, "services.all.depends_on.db"),
            (codes::NO_COUNTERPART, "services.all.env_file[1]"),
            (codes::CLAMPED, "services.all.healthcheck.retries"),
            (codes::CLAMPED, "services.all.healthcheck.start_period"),
            (codes::CLAMPED, "services.all.healthcheck.timeout"),
            (codes::PORT_PRIVATE, "services.all.ports[1]"),
            (codes::UNSUPPORTED_VALUE, "services.all.ports[4]"),
            (codes::SECRET_UNMAPPED, "services.all.secrets[1]"),
            (codes::SECRET_UNMAPPED, "services.all.secrets[2]"),
            (codes::UNSUPPORTED_VALUE, "services.all.ulimits.bogus"),
            (codes::RELATIVE_BIND, "services.all.volumes[4]"),
            (codes::VOLUME_OPTIONS_IGNORED, "volumes.outside"),
            (codes::VOLUME_OPTIONS_IGNORED, "volumes.shared"),
        ]
    );
}

#[test]
fn string_commands_split_like_a_shell() {
    let (sidecar, _) = load_full()
        .container("sidecar", &ImportOptions::new())
        .unwrap();
    assert_eq!(
        sidecar.command.unwrap(),
        ["sh", "-c", "echo ready > /tmp/ready"]
    );
}

#[test]
fn mapped_secret_with_a_target_is_named_after_it() {
    let options = ImportOptions::new().secret(
        "api_key",
        "arn:aws:ssm:us-east-1:123456789012:parameter/api",
    );
    let (all, diags) = load_full().container("all", &options).unwrap();
    assert_eq!(
        container_json(&all)["Secrets"],
        json!([{"Name": "API_KEY", "ValueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/api"}])
    );
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.code == codes::SECRET_UNMAPPED)
            .count(),
        2
    );
}

#[test]
fn healthcheck_test_forms() {
    let text = r#"
services:
  string: {image: x, healthcheck: {test: "curl -f localhost || exit 1"}}
  cmd: {image: x, healthcheck: {test: [CMD, curl, -f, localhost]}}
  shell: {image: x, healthcheck: {test: [CMD-SHELL, "curl -f localhost"]}}
  none: {image: x, healthcheck: {test: [NONE]}}
  disabled: {image: x, healthcheck: {test: [CMD, x], disable: true}}
"#;
    let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
    let command = |name: &str| {
        file.container(name, &ImportOptions::new())
            .unwrap()
            .0
            .health_check
            .map(|h| h.command)
    };
    assert_eq!(
        command("string").unwrap(),
        ["CMD-SHELL", "curl -f localhost || exit 1"]
    );
    assert_eq!(command("cmd").unwrap(), ["CMD", "curl", "-f", "localhost"]);
    assert_eq!(
        command("shell").unwrap(),
        ["CMD-SHELL", "curl -f localhost"]
    );
    assert_eq!((command("none"), command("disabled")), (None, None));
}

#[test]
fn environment_list_without_value_comes_from_the_variables() {
    let text = "services:\n  a:\n    image: x\n    environment: [GIVEN, MISSING, SET=1]\n";
    let vars = BTreeMap::from([("GIVEN".to_string(), "from-vars".to_string())]);
    let (a, diags) = ComposeFile::from_str(text, ".", &vars)
        .unwrap()
        .container("a", &ImportOptions::new())
        .unwrap();
    let env: Vec<(&str, &str)> = a
        .environment
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(env, [("GIVEN", "from-vars"), ("SET", "1")]);
    assert_eq!(
        diags
            .iter()
            .map(|d| (d.code, d.path.as_str()))
            .collect::<Vec<_>>(),
        [(codes::ENV_FROM_HOST, "services.a.environment.MISSING")]
    );
}

#[test]
fn port_short_forms() {
    let text = r#"
services:
  a:
    image: x
    ports: ["80", 81, "8082:82", "0.0.0.0::83", "[::1]:8084:84", "9000-9001:90-91", "8095-8099:95"]
"#;
    let (a, _) = ComposeFile::from_str(text, ".", &BTreeMap::new())
        .unwrap()
        .container("a", &ImportOptions::new())
        .unwrap();
    let ports: Vec<(u16, u16)> = a
        .port_mappings
        .iter()
        .map(|p| (p.container_port, p.host_port))
        .collect();
    assert_eq!(
        ports,
        [
            (80, 0),
            (81, 0),
            (82, 8082),
            (83, 0),
            (84, 0),
            (90, 9000),
            (91, 9001),
            (95, 0)
        ]
    );
}

#[test]
fn depends_on_list_form_waits_for_start() {
    let text = "services:\n  web: {image: x, depends_on: [cache]}\n  cache: {image: redis:7}\n";
    let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
    let (containers, diags) = file
        .containers(&["web", "cache"], &ImportOptions::new())
        .unwrap();
    assert_eq!(
        container_json(&containers[0])["DependsOn"],
        json!([{"ContainerName": "cache", "Condition": "START"}])
    );
    assert!(
        containers.iter().all(|c| c.essential) && diags.is_empty(),
        "{diags}"
    );
}
