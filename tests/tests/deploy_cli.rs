//! The stack program's deploy commands against a local moto server, through the very command a
//! user runs, `cargo run --example todobackend --features deploy -- …`: create, an update of the
//! image tag whose change set replaces the task definition and modifies the service, an update
//! without changes, `diff --stack`, `outputs`, a failed creation rolled back with its reason, and
//! `destroy`.
#![cfg(feature = "deploy")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ecs_dsl_tests::oracle::{MotoServer, ScratchDir, oracle_python, workspace_root};

/// The exit codes `deploy` documents.
const DONE: i32 = 0;
const FAILED: i32 = 1;
const USAGE: i32 = 2;
const NO_CHANGES: i32 = 3;

struct Moto {
    python: PathBuf,
    server: MotoServer,
    dir: ScratchDir,
    template: PathBuf,
}

impl Moto {
    fn start(tag: &str) -> Option<Moto> {
        let python = oracle_python()?;
        let dir = ScratchDir::new(tag);
        let server = MotoServer::start(&python);
        let mut moto = Moto {
            python,
            server,
            template: dir.path().join("todobackend.json"),
            dir,
        };
        let (code, template, err) = moto.program(&["synth"]);
        assert_eq!(code, DONE, "synth:\n{err}");
        moto.template = moto.dir.write("todobackend.json", &template);
        Some(moto)
    }

    /// A parameter file in the book's dev.json form fitting moto's default VPC.
    fn parameters(&self, file: &str, overrides: &[&str]) -> PathBuf {
        let mut command = Command::new(&self.python);
        command
            .arg(workspace_root().join("tests/moto/parameters.py"))
            .args(["--endpoint", &self.server.endpoint(), "--template"])
            .arg(&self.template);
        for o in overrides {
            command.args(["--set", o]);
        }
        let output = command.stdin(Stdio::null()).output().unwrap();
        assert!(
            output.status.success(),
            "parameters.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.dir
            .write(file, &String::from_utf8(output.stdout).unwrap())
    }

    /// Runs `cargo run --example todobackend --features deploy -- ARGS` against moto, with only
    /// the AWS environment a user would set for it; (exit code, stdout, stderr).
    fn program(&self, args: &[&str]) -> (i32, String, String) {
        let none = self.dir.path().join("no-such-aws-file");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let mut command = Command::new(cargo);
        // Cargo gives a test the environment of its package (CARGO_PKG_NAME, CARGO_MANIFEST_DIR,
        // OUT_DIR, …). `ring`'s build script reruns when those change, so with them this cargo
        // would rebuild the TLS stack and the SDK, and leave them stale for the next build.
        for (key, _) in std::env::vars_os() {
            if key.to_str().is_some_and(is_package_variable) {
                command.env_remove(key);
            }
        }
        let output = command
            .args(["run", "--quiet", "--example", "todobackend"])
            .args(["--features", "deploy", "--"])
            .args(args)
            .current_dir(workspace_root())
            .env("AWS_ENDPOINT_URL", self.server.endpoint())
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_CONFIG_FILE", &none)
            .env("AWS_SHARED_CREDENTIALS_FILE", &none)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let code = output.status.code().unwrap_or(-1);
        (code, text(&output.stdout), text(&output.stderr))
    }

    fn deploy(&self, parameters: &Path) -> (i32, String, String) {
        let file = parameters.to_str().unwrap();
        let args = [
            "deploy",
            "--stack-name",
            "todobackend",
            "--parameters",
            file,
            "--yes",
        ];
        self.program(&args)
    }

    fn log(&self) -> String {
        self.server.log_tail(20)
    }
}

#[test]
fn create_update_no_change_and_destroy() {
    let Some(moto) = Moto::start("deploy-cli") else {
        return;
    };
    let dev = moto.parameters("dev.json", &[]);

    let (code, out, err) = moto.deploy(&dev);
    assert_eq!(code, DONE, "create:\n{out}\n{err}\n{}", moto.log());
    assert!(out.contains("(CREATE)"), "{out}");
    assert!(
        out.contains("+ ApplicationTaskDefinition (AWS::ECS::TaskDefinition)"),
        "{out}"
    );
    assert!(out.contains("CREATE_COMPLETE"), "{out}");
    assert!(
        out.contains("ApplicationService: rollout"),
        "the ECS view shows the service:\n{out}"
    );

    let v2 = moto.parameters("dev-v2.json", &["ApplicationImageTag=6a0b1c2"]);
    let (code, out, err) = moto.deploy(&v2);
    assert_eq!(code, DONE, "update:\n{out}\n{err}\n{}", moto.log());
    assert!(out.contains("(UPDATE)"), "{out}");
    assert!(
        out.contains("~ ApplicationTaskDefinition (AWS::ECS::TaskDefinition) [replacement]"),
        "{out}"
    );
    assert!(
        out.contains("ContainerDefinitions[0].Image [replacement]"),
        "{out}"
    );
    assert!(
        out.contains("~ ApplicationService (AWS::ECS::Service) [update in place]"),
        "{out}"
    );
    assert!(
        out.contains(
            "TaskDefinition [update in place] (refers to replaced ApplicationTaskDefinition)"
        ),
        "{out}"
    );
    assert!(out.contains("UPDATE_COMPLETE"), "{out}");

    let (code, out, err) = moto.deploy(&v2);
    assert_eq!(code, NO_CHANGES, "no-change update:\n{out}\n{err}");
    assert!(out.contains("no changes"), "{out}");

    // The same values in the CLI's list form, as YAML, through the reader every command uses:
    // each parameter keeps its deployed value, the image tag is given again with `--param`.
    let keep = moto.dir.write("keep.yaml", &use_previous_values_yaml(&v2));
    let (code, out, err) = moto.program(&[
        "deploy",
        "--stack-name",
        "todobackend",
        "--parameters",
        keep.to_str().unwrap(),
        "--param",
        "ApplicationImageTag=6a0b1c2",
        "--yes",
    ]);
    assert_eq!(code, NO_CHANGES, "UsePreviousValue:\n{out}\n{err}");

    // A parameter file the reader refuses stops `deploy` before it reaches AWS.
    let twice = moto.dir.write(
        "twice.json",
        "{\"Parameters\": {\"ApplicationImageTag\": \"a\",\n \"ApplicationImageTag\": \"b\"}}",
    );
    let (code, out, err) = moto.deploy(&twice);
    assert_eq!(code, USAGE, "duplicate key:\n{out}\n{err}");
    assert!(
        err.contains("twice.json") && err.contains("`ApplicationImageTag` appears twice"),
        "{err}"
    );

    let (code, out, err) = moto.program(&["diff", "--stack", "todobackend"]);
    assert_eq!((code, out.trim()), (0, "no changes"), "{err}");

    let (code, out, err) =
        moto.program(&["outputs", "--stack-name", "todobackend", "--format", "json"]);
    assert_eq!(code, DONE, "{err}");
    let outputs: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(outputs.is_object(), "{out}");

    let (code, _, err) = moto.program(&["destroy", "--stack-name", "todobackend"]);
    assert_eq!(
        code, USAGE,
        "destroy without --yes and without a terminal refuses"
    );
    assert!(err.contains("pass --yes"), "{err}");

    let (code, out, err) = moto.program(&["destroy", "--stack-name", "todobackend", "--yes"]);
    assert_eq!(code, DONE, "destroy:\n{out}\n{err}\n{}", moto.log());
    assert!(out.contains("DELETE_COMPLETE"), "{out}");
    let (code, _, err) = moto.program(&["outputs", "--stack-name", "todobackend"]);
    assert_eq!(code, USAGE, "the stack is gone: {err}");
}

#[test]
fn a_failed_creation_is_rolled_back_with_its_reason() {
    let Some(moto) = Moto::start("deploy-cli-fail") else {
        return;
    };
    let bad = moto.parameters(
        "bad.json",
        &["ApplicationSubnets=subnet-0000dead,subnet-0000beef"],
    );
    let (code, out, err) = moto.deploy(&bad);
    assert_eq!(code, FAILED, "{out}\n{err}");
    assert!(out.contains("ROLLBACK_COMPLETE"), "{out}");
    assert!(
        err.contains("subnet"),
        "the reason names the bad subnet:\n{err}"
    );
    let (code, _, err) = moto.program(&["outputs", "--stack-name", "todobackend"]);
    assert_eq!(code, USAGE, "nothing is left of the stack: {err}");
}

/// Whether cargo sets `key` for the package whose test or build script it runs.
fn is_package_variable(key: &str) -> bool {
    let prefixes = ["CARGO_PKG_", "CARGO_MANIFEST_", "CARGO_BIN_EXE_"];
    let names = [
        "OUT_DIR",
        "CARGO_CRATE_NAME",
        "CARGO_BIN_NAME",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
        "CARGO_RUSTC_CURRENT_DIR",
    ];
    prefixes.iter().any(|p| key.starts_with(p)) || names.contains(&key)
}

/// The CLI's parameter list, in YAML, keeping the deployed value of every parameter of `file`
/// (a `{"Parameters": {…}}` file).
fn use_previous_values_yaml(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let names = parsed["Parameters"].as_object().unwrap().keys();
    names
        .map(|name| format!("- ParameterKey: {name}\n  UsePreviousValue: true\n"))
        .collect()
}
