//! Loading compose files as compose-go does: `-f` files merged in order, profiles, `.env` and
//! `--env-file` interpolation, env-file quoting, health-check defaults, loopback ports, and the
//! keys ECS has a place for (sysctls, shm_size, security_opt, tty, stdin_open, init, platform,
//! network_mode).

use std::collections::BTreeMap;
use std::path::PathBuf;

use ecs_dsl::compose::{ComposeFile, ImportOptions, LoadOptions, codes};

fn multi(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/compose/multi")
        .join(name)
}

fn both_files() -> [PathBuf; 2] {
    [multi("compose.yml"), multi("compose.override.yml")]
}

#[test]
fn override_files_merge_in_order_and_dotenv_interpolates() {
    // GIVEN a base file and an override, with `.env` next to them
    let file = ComposeFile::load_files(&both_files(), &LoadOptions::new()).unwrap();

    // THEN the override's service joins, the profile-gated one stays out
    assert_eq!(file.service_names(), ["extra", "web", "worker"]);
    let (web, _) = file.container("web", &ImportOptions::new()).unwrap();
    // AND `.env` fills `${TAG}`, even inside another `.env` value
    assert_eq!(web.image, "example/web:from-dotenv");
    let (extra, _) = file.container("extra", &ImportOptions::new()).unwrap();
    assert_eq!(extra.image, "example/extra:from-dotenv-extra");
    // AND mappings merge key by key, ports append
    assert_eq!(web.environment["MODE"], "override");
    assert_eq!(web.environment["KEEP"], "yes");
    let ports: Vec<(u16, u16)> = web
        .port_mappings
        .iter()
        .map(|p| (p.container_port, p.host_port))
        .collect();
    assert_eq!(ports, [(80, 8080), (9090, 0)]);
    // AND the later file's command replaces the earlier one
    let (worker, _) = file.container("worker", &ImportOptions::new()).unwrap();
    assert_eq!(worker.command.unwrap(), ["work", "--queue", "urgent"]);
}

#[test]
fn env_file_flag_replaces_dotenv_and_the_process_environment_wins() {
    let options = LoadOptions::new().env_file(multi("ci.env"));
    let file = ComposeFile::load_files(&both_files(), &options).unwrap();
    let (web, _) = file.container("web", &ImportOptions::new()).unwrap();
    assert_eq!(web.image, "example/web:from-ci");

    let vars = BTreeMap::from([("TAG".to_string(), "from-shell".to_string())]);
    let file = ComposeFile::load_files(&both_files(), &options.vars(vars)).unwrap();
    let (web, _) = file.container("web", &ImportOptions::new()).unwrap();
    assert_eq!(web.image, "example/web:from-shell");
}

#[test]
fn env_file_values_follow_compose_quoting() {
    let file = ComposeFile::load_files(&both_files(), &LoadOptions::new()).unwrap();
    let (web, _) = file.container("web", &ImportOptions::new()).unwrap();
    // Single-quoted: literal. Double-quoted and plain: interpolated. Double quotes span lines.
    assert_eq!(web.environment["LITERAL"], "${TAG} costs $$5");
    assert_eq!(web.environment["QUOTED"], "tag from-dotenv");
    assert_eq!(web.environment["PLAIN"], "from-dotenv");
    assert_eq!(web.environment["PEM"], "line1\nline2");
}

#[test]
fn profiles_gate_services_until_activated() {
    // GIVEN the files without a profile THEN `debug` is reported, not imported
    let file = ComposeFile::load_files(&both_files(), &LoadOptions::new()).unwrap();
    assert!(file.service("debug").is_err());
    let reported: Vec<_> = file
        .diagnostics()
        .iter()
        .filter(|d| d.code == codes::PROFILE_INACTIVE)
        .map(|d| (d.path.clone(), d.help.clone()))
        .collect();
    assert_eq!(
        reported,
        [(
            "services.debug".to_string(),
            Some("pass `--profile debug` to import it".to_string())
        )]
    );
    // WHEN the profile is active, by option or by COMPOSE_PROFILES, THEN it is imported
    let file =
        ComposeFile::load_files(&both_files(), &LoadOptions::new().profile("debug")).unwrap();
    assert!(file.service("debug").is_ok());
    let vars = BTreeMap::from([("COMPOSE_PROFILES".to_string(), "x, debug".to_string())]);
    let file = ComposeFile::load_files(&both_files(), &LoadOptions::new().vars(vars)).unwrap();
    assert!(file.service("debug").is_ok());
}

#[test]
fn depending_on_a_service_of_an_inactive_profile_names_the_profile() {
    let text =
        "services:\n  app: {image: a, depends_on: [db]}\n  db: {image: d, profiles: [data]}\n";
    let err = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "./<inline compose file>: `services.app.depends_on.db`: `db` is in profiles `data` none of which is active; pass `--profile data`"
    );
}

#[test]
fn keys_ecs_supports_reach_the_container_and_task() {
    let file = ComposeFile::load_files(&both_files(), &LoadOptions::new()).unwrap();
    let (worker, diags) = file.container("worker", &ImportOptions::new()).unwrap();
    assert_eq!(
        worker.system_controls,
        BTreeMap::from([("net.core.somaxconn".to_string(), "1024".to_string())])
    );
    assert_eq!(worker.shared_memory_size, Some(256));
    assert_eq!(worker.docker_security_options, ["no-new-privileges"]);
    assert_eq!(
        (
            worker.pseudo_terminal,
            worker.interactive,
            worker.init_process_enabled
        ),
        (Some(true), Some(true), Some(true))
    );
    assert_eq!(worker.cpu_architecture.as_deref(), Some("ARM64"));
    // AND the option ECS does not take, and the EC2-only setting, are reported with help
    let found: Vec<(&str, &str, bool)> = diags
        .iter()
        .map(|d| (d.code, d.path.as_str(), d.help.is_some()))
        .collect();
    assert_eq!(
        found,
        [
            (codes::EC2_ONLY, "services.worker.security_opt", true),
            (
                codes::UNSUPPORTED_VALUE,
                "services.worker.security_opt[1]",
                true
            ),
        ]
    );
}

#[test]
fn network_mode_goes_to_the_task_and_service_modes_are_reported() {
    let text = "services:\n  a: {image: a, network_mode: host}\n  b: {image: b, network_mode: 'service:a'}\n";
    let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
    let (a, diags) = file.container("a", &ImportOptions::new()).unwrap();
    assert_eq!(a.network_mode.as_deref(), Some("host"));
    assert_eq!(diags.codes(), [codes::EC2_ONLY]);
    let (b, diags) = file.container("b", &ImportOptions::new()).unwrap();
    assert_eq!(b.network_mode, None);
    assert_eq!(diags.codes(), [codes::NETWORKING_IGNORED]);
}

#[test]
fn health_check_gets_compose_defaults_and_the_ecs_timeout_range() {
    let text = "services:\n  a:\n    image: a\n    healthcheck: {test: [CMD, 'true']}\n  c:\n    image: c\n    healthcheck: {test: [CMD, 'true'], interval: 10s}\n  b:\n    image: b\n    healthcheck: {test: [CMD, 'true'], interval: 2m, timeout: 90s}\n";
    let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
    let (a, _) = file.container("a", &ImportOptions::new()).unwrap();
    let check = a.health_check.unwrap();
    assert_eq!(
        (
            check.interval,
            check.timeout,
            check.retries,
            check.start_period
        ),
        (Some(30), Some(30), Some(3), None)
    );
    // AND a shorter interval shortens the default timeout, as ECS wants it no longer
    let (c, _) = file.container("c", &ImportOptions::new()).unwrap();
    assert_eq!(c.health_check.unwrap().timeout, Some(10));
    // AND a shorter interval shortens the default timeout, as ECS wants it no longer
    let (c, _) = file.container("c", &ImportOptions::new()).unwrap();
    assert_eq!(c.health_check.unwrap().timeout, Some(10));
    let (b, diags) = file.container("b", &ImportOptions::new()).unwrap();
    assert_eq!(b.health_check.unwrap().timeout, Some(60));
    let d = diags.iter().next().unwrap();
    assert_eq!(
        (d.code, d.message.as_str()),
        (
            codes::CLAMPED,
            "`timeout` 90 is outside the 2–60 ECS accepts; 60 is used"
        )
    );
}

#[test]
fn only_app_protocols_ecs_accepts_are_kept() {
    let text = "services:\n  a:\n    image: a\n    ports:\n      - {target: 80, app_protocol: HTTP}\n      - {target: 81, app_protocol: wss}\n";
    let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
    let (a, diags) = file.container("a", &ImportOptions::new()).unwrap();
    let protocols: Vec<Option<&str>> = a
        .port_mappings
        .iter()
        .map(|p| p.app_protocol.as_deref())
        .collect();
    assert_eq!(protocols, [Some("http"), None]);
    let d = diags.iter().next().unwrap();
    assert_eq!(
        (d.code, d.path.as_str()),
        (codes::UNSUPPORTED_VALUE, "services.a.ports[1].app_protocol")
    );
}

#[test]
fn large_files_built_from_anchors_load() {
    // GIVEN 300 services that each merge a 20-key anchor built on another anchor (a large
    // self-hosted suite's shape): about 50,000 replayed events, more than the old budget
    let mut text = String::from("x-labels: &labels {a: 1, b: [1, 2]}\nx-common: &common\n");
    for i in 0..20 {
        text.push_str(&format!("  x-part-{i}: *labels\n"));
    }
    text.push_str("  image: example/app:1\nservices:\n");
    for i in 0..300 {
        text.push_str(&format!(
            "  s{i}:\n    <<: *common\n    environment: {{N: \"{i}\"}}\n"
        ));
    }
    // THEN it loads, every service with the merged image
    let file = ComposeFile::from_str(&text, ".", &BTreeMap::new()).unwrap();
    assert_eq!(file.service_names().len(), 300);
    let (last, _) = file.container("s299", &ImportOptions::new()).unwrap();
    assert_eq!(last.image, "example/app:1");
}
