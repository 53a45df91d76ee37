//! `ecs-dsl new` writes a crate that a new user can take straight to CI: it builds against this
//! checkout, its own tests pass (they use `ecs_dsl::testing`), it synthesizes, its parameter
//! file validates, and cfn-lint finds nothing in its template.
//!
//! The crate builds with the workspace's lock file (so nothing new is downloaded) into the same
//! target directory as the workspace, so dependencies already compiled are not compiled again.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ecs_dsl_tests::oracle::{Level, LintReport, ScratchDir, cfn_lint, workspace_root};

/// The target directory of this test run, shared with the scaffolded crates.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.env("CARGO_TARGET_DIR", target_dir());
    command
}

/// Runs a command, failing the test with its output when it fails.
fn succeed(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed with {}:\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `ecs-dsl new ARGS…`, run from the workspace.
fn ecs_dsl_new(args: &[&str]) -> Output {
    cargo()
        .args(["run", "--quiet", "-p", "ecs-dsl-cli", "--", "new"])
        .args(args)
        .current_dir(workspace_root())
        .output()
        .expect("cargo runs")
}

/// Scaffolds `name` into `dir` with `launch` (`--fargate` or `--ec2`) against this checkout.
fn scaffold(dir: &Path, name: &str, launch: &str) -> PathBuf {
    let krate = dir.join(name);
    let ecs_dsl = workspace_root().join("ecs-dsl");
    let output = ecs_dsl_new(&[
        name,
        launch,
        "--dir",
        krate.to_str().unwrap(),
        "--path",
        ecs_dsl.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed = String::from_utf8_lossy(&output.stdout);
    for file in [
        "Cargo.toml",
        "src/main.rs",
        "src/tests.rs",
        "params/dev.json",
        ".gitignore",
        "README.md",
    ] {
        assert!(
            krate.join(file).is_file(),
            "{file} missing; the tool said:\n{listed}"
        );
    }
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        krate.join("Cargo.lock"),
    )
    .unwrap();
    krate
}

/// Builds and tests the crate, synthesizes its template, validates its parameter file, and
/// returns the template's path.
fn build_test_and_synth(krate: &Path) -> PathBuf {
    succeed(
        cargo()
            .args(["test", "--offline", "--quiet"])
            .current_dir(krate),
    );
    assert!(
        krate.join("snapshots/template.json").is_file(),
        "the crate's snapshot test wrote its first snapshot"
    );
    let template = krate.join("template.json");
    succeed(
        cargo()
            .args(["run", "--offline", "--quiet", "--", "synth", "-o"])
            .arg(&template)
            .current_dir(krate),
    );
    succeed(
        cargo()
            .args([
                "run",
                "--offline",
                "--quiet",
                "--",
                "validate",
                "--params",
                "params/dev.json",
            ])
            .current_dir(krate),
    );
    let snapshot = std::fs::read_to_string(krate.join("snapshots/template.json")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&template).unwrap(),
        snapshot,
        "synth writes what the test saw"
    );
    template
}

#[test]
fn a_scaffolded_crate_builds_tests_synthesizes_and_lints_clean() {
    let dir = ScratchDir::new("scaffold");
    let templates: Vec<PathBuf> = [("web-on-fargate", "--fargate"), ("web-on-ec2", "--ec2")]
        .iter()
        .map(|(name, launch)| build_test_and_synth(&scaffold(dir.path(), name, launch)))
        .collect();
    let files: Vec<&Path> = templates.iter().map(PathBuf::as_path).collect();
    let Some(report) = cfn_lint(&files) else {
        return;
    };
    let findings = report.at_least(Level::Informational);
    assert!(
        findings.is_empty(),
        "cfn-lint found {} problems in scaffolded templates:\n{}",
        findings.len(),
        LintReport::render(&findings)
    );
}

#[test]
fn new_refuses_an_existing_directory_and_a_bad_name() {
    let dir = ScratchDir::new("scaffold-refusals");
    let existing = dir.path().join("taken");
    std::fs::create_dir(&existing).unwrap();
    let output = ecs_dsl_new(&["taken", "--dir", existing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("already exists; choose a new directory"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(&existing).unwrap().count(),
        0,
        "nothing written into it"
    );

    let output = ecs_dsl_new(&["9lives", "--dir", dir.path().join("x").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`9lives` is not a crate name"), "{stderr}");
    assert!(!dir.path().join("x").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "only `taken`: no staging directory left behind"
    );
}
