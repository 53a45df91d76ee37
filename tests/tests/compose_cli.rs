//! `ecs-dsl import-compose`: the program on stdout, findings on stderr, and an exit code that
//! says whether anything was imported.

use std::process::Command;

use ecs_dsl_tests::oracle::{ScratchDir, workspace_root};

fn import_compose(args: &[&str]) -> (i32, String, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let out = Command::new(cargo)
        .args([
            "run",
            "--quiet",
            "-p",
            "ecs-dsl-cli",
            "--",
            "import-compose",
        ])
        .args(args)
        .current_dir(workspace_root())
        .env_remove("COMPOSE_PROFILES")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn override_files_and_profiles_from_the_command_line() {
    let base = "tests/fixtures/compose/multi/compose.yml";
    let over = "tests/fixtures/compose/multi/compose.override.yml";
    let (code, program, findings) = import_compose(&["-f", base, "-f", over, "--profile", "debug"]);
    assert_eq!(code, 0, "{findings}");
    assert!(
        program.contains("TaskDefinition::fargate(\"debug\""),
        "{program}"
    );
    assert!(program.contains("\"urgent\""), "{program}");
    assert!(findings.contains("CMP018"), "{findings}");
}

#[test]
fn nothing_imported_exits_1_and_unreadable_input_2() {
    let dir = ScratchDir::new("compose-cli");
    let build_only = dir.write("compose.yml", "services:\n  app: {build: .}\n");
    let (code, program, findings) = import_compose(&[build_only.to_str().unwrap()]);
    assert_eq!((code, program.as_str()), (1, ""), "{findings}");
    assert!(findings.contains("nothing to import"), "{findings}");

    let (code, program, findings) = import_compose(&["/dev/zero"]);
    assert_eq!((code, program.as_str()), (2, ""), "{findings}");
    assert!(
        findings.contains("a view of the running system"),
        "{findings}"
    );
}

#[test]
fn published_ports_get_load_balancers_and_https_takes_a_certificate() {
    let file = "tests/fixtures/compose/balanced.yml";
    // WHEN the file is imported as it is
    let (code, program, findings) = import_compose(&["-f", file]);
    // THEN HTTP goes through the ALB, TCP through the NLB, with their DNS names as outputs
    assert_eq!(code, 0, "{findings}");
    assert!(
        program.contains(".listener(Listener::http(80).forward(&web_port80_target_group))"),
        "{program}"
    );
    assert!(
        program.contains(".listener(TcpListener::new(5432, &db_port5432_target_group))"),
        "{program}"
    );
    assert!(program.contains("\"LoadBalancerDnsName\""), "{program}");
    assert!(!program.contains("CertificateArn"), "{program}");
    assert!(findings.contains("CMP033"), "{findings}");
    // AND with `--https` the HTTP listeners are HTTPS with the certificate parameter
    let (code, program, findings) = import_compose(&["-f", file, "--https"]);
    assert_eq!(code, 0, "{findings}");
    assert!(program.contains("\"CertificateArn\""), "{program}");
    assert!(
        program.contains(".listener(Listener::https(443, &certificate_arn)"),
        "{program}"
    );
}
