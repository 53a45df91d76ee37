//! The corpus of real compose files (`tests/corpus/compose`, sources and licences in its
//! `SOURCES`): every case imports to a stack that `validate`s with no error and passes cfn-lint
//! without error, and its eject (the golden programs under `fixtures/compose/corpus-eject`,
//! compiled into this test) synthesizes the same template.
//!
//! When the ejects change on purpose, regenerate them with
//! `ECS_DSL_BLESS=1 cargo test -p ecs-dsl-tests --test compose_corpus` (twice: the second run
//! compiles the new programs) and review the diff.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ecs_dsl::Stack;
use ecs_dsl::compose::eject::{import_compose_files, plan_files};
use ecs_dsl::compose::expose::Exposure;
use ecs_dsl::compose::{ImportOptions, LoadOptions, add_plans};
use ecs_dsl::synth::{Format, render};
use ecs_dsl_tests::oracle::{
    Level, MotoServer, ScratchDir, cfn_lint, oracle_python, oracles_required, workspace_root,
};
use serde_json::Value;

/// Declares each case's golden eject as a module and lists the cases.
macro_rules! corpus {
    ($($module:ident => $case:literal, $path:literal,)*) => {
        $(
            #[allow(dead_code, reason = "`main` of the ejected program is not run here")]
            #[path = $path]
            #[rustfmt::skip] // a golden output of the eject, compared byte for byte
            mod $module;
        )*
        /// Each case's folder name and its compiled eject.
        const CASES: &[(&str, fn() -> Stack)] = &[$(($case, $module::stack),)*];
    };
}

corpus! {
    compose_go_env_file => "compose-go-env-file", "../fixtures/compose/corpus-eject/compose-go-env-file.rs",
    compose_go_override => "compose-go-override", "../fixtures/compose/corpus-eject/compose-go-override.rs",
    elasticsearch_logstash_kibana => "elasticsearch-logstash-kibana", "../fixtures/compose/corpus-eject/elasticsearch-logstash-kibana.rs",
    flask_redis => "flask-redis", "../fixtures/compose/corpus-eject/flask-redis.rs",
    gitea_postgres => "gitea-postgres", "../fixtures/compose/corpus-eject/gitea-postgres.rs",
    minecraft => "minecraft", "../fixtures/compose/corpus-eject/minecraft.rs",
    nextcloud_postgres => "nextcloud-postgres", "../fixtures/compose/corpus-eject/nextcloud-postgres.rs",
    nextcloud_redis_mariadb => "nextcloud-redis-mariadb", "../fixtures/compose/corpus-eject/nextcloud-redis-mariadb.rs",
    nginx_flask_mongo => "nginx-flask-mongo", "../fixtures/compose/corpus-eject/nginx-flask-mongo.rs",
    nginx_golang_postgres => "nginx-golang-postgres", "../fixtures/compose/corpus-eject/nginx-golang-postgres.rs",
    pihole_cloudflared_doh => "pihole-cloudflared-doh", "../fixtures/compose/corpus-eject/pihole-cloudflared-doh.rs",
    plex => "plex", "../fixtures/compose/corpus-eject/plex.rs",
    portainer => "portainer", "../fixtures/compose/corpus-eject/portainer.rs",
    postgresql_pgadmin => "postgresql-pgadmin", "../fixtures/compose/corpus-eject/postgresql-pgadmin.rs",
    prometheus_grafana => "prometheus-grafana", "../fixtures/compose/corpus-eject/prometheus-grafana.rs",
    react_express_mongodb => "react-express-mongodb", "../fixtures/compose/corpus-eject/react-express-mongodb.rs",
    react_java_mysql => "react-java-mysql", "../fixtures/compose/corpus-eject/react-java-mysql.rs",
    sparkjava_mysql => "sparkjava-mysql", "../fixtures/compose/corpus-eject/sparkjava-mysql.rs",
    spring_postgres => "spring-postgres", "../fixtures/compose/corpus-eject/spring-postgres.rs",
    temporal => "temporal", "../fixtures/compose/corpus-eject/temporal.rs",
    temporal_multirole => "temporal-multirole", "../fixtures/compose/corpus-eject/temporal-multirole.rs",
    temporal_mysql_es => "temporal-mysql-es", "../fixtures/compose/corpus-eject/temporal-mysql-es.rs",
    temporal_postgres => "temporal-postgres", "../fixtures/compose/corpus-eject/temporal-postgres.rs",
    traefik_golang => "traefik-golang", "../fixtures/compose/corpus-eject/traefik-golang.rs",
    voting_app => "voting-app", "../fixtures/compose/corpus-eject/voting-app.rs",
    voting_app_images => "voting-app-images", "../fixtures/compose/corpus-eject/voting-app-images.rs",
    wasmedge_kafka_mysql => "wasmedge-kafka-mysql", "../fixtures/compose/corpus-eject/wasmedge-kafka-mysql.rs",
    wireguard => "wireguard", "../fixtures/compose/corpus-eject/wireguard.rs",
    wordpress_mysql => "wordpress-mysql", "../fixtures/compose/corpus-eject/wordpress-mysql.rs",
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/compose")
}

/// The compose files of a case, in `-f` order.
fn case_files(case: &str) -> Vec<PathBuf> {
    let dir = corpus_dir().join(case);
    if let Ok(list) = std::fs::read_to_string(dir.join("FILES")) {
        return list.lines().map(|name| dir.join(name)).collect();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 1, "{case}: one compose file, or a FILES list");
    files
}

/// Loads with `.env` only (not this process's environment), so results do not depend on it.
fn load_options() -> LoadOptions {
    LoadOptions::new()
}

fn template(stack: &Stack) -> Value {
    let template = stack.to_template().unwrap();
    serde_json::from_str(&render(&template, Format::Json).unwrap()).unwrap()
}

/// The stack the library builds for a case.
fn direct(case: &str) -> Stack {
    let (app, _) = plan_files(
        &case_files(case),
        &[],
        &load_options(),
        &ImportOptions::new(),
    )
    .unwrap_or_else(|e| panic!("{case}: {e}"));
    let mut stack = Stack::new();
    add_plans(&app, &mut stack);
    stack
}

#[test]
fn the_corpus_has_at_least_25_cases_each_with_its_source() {
    let sources = std::fs::read_to_string(corpus_dir().join("SOURCES")).unwrap();
    assert!(CASES.len() >= 25, "{} cases", CASES.len());
    for (case, _) in CASES {
        assert!(
            sources.lines().any(|l| l.starts_with(&format!("{case} |"))),
            "{case} has no line in SOURCES"
        );
        assert!(case_files(case).iter().all(|f| f.is_file()), "{case}");
    }
}

#[test]
fn every_case_ejects_the_golden_program_and_it_synthesizes_the_direct_import() {
    let bless = std::env::var_os("ECS_DSL_BLESS").is_some();
    let mut differences = Vec::new();
    for (case, ejected) in CASES {
        let (source, _) = import_compose_files(
            &case_files(case),
            &[],
            &load_options(),
            &ImportOptions::new(),
        )
        .unwrap_or_else(|e| panic!("{case}: {e}"));
        let golden_path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/compose/corpus-eject")
            .join(format!("{case}.rs"));
        if bless {
            std::fs::write(&golden_path, &source).unwrap();
            continue;
        }
        if std::fs::read_to_string(&golden_path).unwrap() != source {
            differences.push(format!(
                "{case}: the eject changed; rerun with ECS_DSL_BLESS=1"
            ));
            continue;
        }
        if template(&ejected()) != template(&direct(case)) {
            differences.push(format!("{case}: the eject synthesizes another template"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn every_case_validates_without_errors_and_passes_cfn_lint() {
    let scratch = ScratchDir::new("compose-corpus");
    let mut files = Vec::new();
    for (case, _) in CASES {
        let stack = direct(case);
        let built = stack
            .to_template()
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let findings = ecs_dsl::validate::validate(&built);
        assert!(!findings.has_errors(), "{case}:\n{findings}");
        let json = render(&built, Format::Json).unwrap();
        files.push(scratch.write(&format!("{case}.json"), &json));
    }
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let Some(report) = cfn_lint(&paths) else {
        assert!(
            !oracles_required(),
            "cfn-lint is required but not installed"
        );
        return;
    };
    let errors = report.at_least(Level::Error);
    assert!(
        errors.is_empty(),
        "cfn-lint errors:\n{}",
        ecs_dsl_tests::oracle::LintReport::render(&errors)
    );
}

/// Cases deployed to moto as whole apps: a web app with its database, a git server with its
/// database (both with named volumes on EFS), and a voting app of five services; each serves
/// its published HTTP ports through an Application Load Balancer. (moto 5.2.1 makes every load
/// balancer of a CloudFormation stack an application one, whatever its `Type`, and then
/// refuses a Network Load Balancer's TCP listener, so no case with one is deployed here.)
const DEPLOYED: &[&str] = &["wordpress-mysql", "gitea-postgres", "voting-app-images"];

#[test]
fn three_cases_deploy_to_moto() {
    let Some(python) = oracle_python() else {
        return;
    };
    let scratch = ScratchDir::new("compose-corpus-moto");
    let server = MotoServer::start(&python);
    for case in DEPLOYED {
        // GIVEN the imported app of a real compose file
        let (app, _) = plan_files(
            &case_files(case),
            &[],
            &load_options(),
            &ImportOptions::new(),
        )
        .unwrap();
        let mut stack = Stack::new();
        add_plans(&app, &mut stack);
        let json = render(&stack.to_template().unwrap(), Format::Json).unwrap();
        let template = scratch.write(&format!("{case}.json"), &json);
        // WHEN it is deployed
        let family = &app.tasks[0].family;
        let output = Command::new(&python)
            .arg(workspace_root().join("tests/moto/deploy.py"))
            .args(["--endpoint", &server.endpoint(), "--stack-name", case])
            .args(["--task-family", family, "--template"])
            .arg(&template)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{case}: deploy.py failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stderr),
            server.log_tail(30)
        );
        // THEN the stack is complete: the cluster, every task definition and every service, the
        // load balancer with a listener per published port,
        // and the file systems of its named volumes
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            report["stack_status"], "CREATE_COMPLETE",
            "{case}: {report}"
        );
        let created: Vec<(&str, &str)> = report["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["logical_id"].as_str().unwrap(),
                    r["type"].as_str().unwrap(),
                )
            })
            .collect();
        let mut expected: Vec<String> = vec!["AppCluster".to_string()];
        for task in &app.tasks {
            expected.push(task.logical_id.clone());
            expected.extend(task.service.iter().map(|s| s.logical_id.clone()));
        }
        for volume in &app.volumes {
            expected.push(format!("{}FileSystem", pascal(volume)));
        }
        let exposed: Vec<_> = app
            .tasks
            .iter()
            .filter_map(|t| t.service.as_ref())
            .flat_map(|s| &s.exposed)
            .collect();
        assert!(!exposed.is_empty(), "{case}: a case with a load balancer");
        expected.push("AppLoadBalancer".to_string());
        for port in exposed.iter().filter(|p| p.exposure == Exposure::Http) {
            expected.push(format!(
                "AppLoadBalancerHttp{}Listener",
                if port.listen_port == 80 {
                    String::new()
                } else {
                    port.listen_port.to_string()
                }
            ));
        }
        for id in &expected {
            assert!(
                created.iter().any(|(created, _)| created == id),
                "{case}: {id} was not created: {created:?}"
            );
        }
        let services = created
            .iter()
            .filter(|(_, kind)| *kind == "AWS::ECS::Service")
            .count();
        assert_eq!(
            services,
            app.tasks.iter().filter(|t| t.service.is_some()).count(),
            "{case}"
        );
        let containers: Vec<&str> = report["task_definition"]["containerDefinitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        let planned: Vec<&str> = app.tasks[0]
            .containers
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(containers, planned, "{case}");
    }
}

/// `my-data` → `MyData`, as the import names a volume's resources.
fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
        .collect()
}
