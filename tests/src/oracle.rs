//! External oracles for the tests: cfn-lint, a moto server, and the templates the examples print.
//!
//! `./scripts/test` installs the pinned oracles into `.venv` and exports where they are:
//! `ECS_DSL_PYTHON`, `ECS_DSL_CFN_LINT`, `ECS_DSL_CFNLINT_DIR`, and `ECS_DSL_ORACLES=1`.
//! Policy: with `ECS_DSL_ORACLES=1` a missing oracle fails the test (a broken install must never
//! look green); without it, the test prints a visible `SKIPPED` line and returns.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use ecs_dsl::synth::Format;
use serde_json::Value;

/// `1` makes a missing oracle a test failure instead of a skip.
pub const ORACLES_VAR: &str = "ECS_DSL_ORACLES";
/// Path of the Python interpreter that has boto3 and moto.
pub const PYTHON_VAR: &str = "ECS_DSL_PYTHON";
/// Path of the `cfn-lint` executable.
pub const CFN_LINT_VAR: &str = "ECS_DSL_CFN_LINT";
/// Directory of the installed `cfnlint` Python package (its bundled resource schemas).
pub const CFNLINT_DIR_VAR: &str = "ECS_DSL_CFNLINT_DIR";

/// The region cfn-lint checks against; pinned so `AWS_DEFAULT_REGION` cannot change a verdict.
const LINT_REGION: &str = "us-east-1";
/// Characters of a cfn-lint message shown in a failure.
const MAX_MESSAGE_CHARS: usize = 300;
/// Upper bound for moto to answer its first request.
const MOTO_START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long moto gets to exit after SIGTERM before it is killed.
const MOTO_STOP_TIMEOUT: Duration = Duration::from_secs(5);
/// Attempts at starting moto: the free port picked can be taken before moto binds it.
const MOTO_START_ATTEMPTS: u32 = 3;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    tests_dir
        .parent()
        .expect("the tests package lives inside the workspace")
        .to_path_buf()
}

/// Whether `ECS_DSL_ORACLES=1` is set, so that a missing oracle is a failure.
pub fn oracles_required() -> bool {
    std::env::var(ORACLES_VAR).is_ok_and(|v| v == "1")
}

/// The Python interpreter with boto3 and moto, or `None` (after a skip message) when absent.
pub fn oracle_python() -> Option<PathBuf> {
    locate(PYTHON_VAR, "the oracle Python (boto3 + moto)")
}

/// The `cfn-lint` executable, or `None` (after a skip message) when absent.
pub fn oracle_cfn_lint() -> Option<PathBuf> {
    locate(CFN_LINT_VAR, "cfn-lint")
}

/// The installed `cfnlint` package directory, or `None` (after a skip message) when absent.
pub fn oracle_cfnlint_dir() -> Option<PathBuf> {
    locate(CFNLINT_DIR_VAR, "the cfnlint package directory")
}

/// Applies the fail-vs-skip policy to the path held by environment variable `var`.
fn locate(var: &str, what: &str) -> Option<PathBuf> {
    let problem = match std::env::var_os(var) {
        Some(value) if Path::new(&value).exists() => return Some(PathBuf::from(value)),
        Some(value) => format!("{var}={} does not exist", Path::new(&value).display()),
        None => format!("{var} is not set"),
    };
    if oracles_required() {
        panic!(
            "{what} is missing: {problem}. {ORACLES_VAR}=1 makes a missing oracle a failure; \
             run ./scripts/test, which installs the oracles into .venv and sets {var}"
        );
    }
    skip(&format!(
        "{what} not available ({problem}); run ./scripts/test to include this test"
    ));
    None
}

/// Prints a skip notice that stays visible when the test passes.
fn skip(reason: &str) {
    let current = std::thread::current();
    let test = current.name().unwrap_or("oracle test");
    // Straight to the stderr handle: the test harness captures `eprintln!` of passing tests.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// Severity of a cfn-lint match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// An error: CloudFormation would reject the template or the deployment would fail.
    Error,
    /// A warning: valid, but against a best practice or likely wrong.
    Warning,
    /// Informational (only reported with `-c I`).
    Informational,
}

/// One cfn-lint match.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Severity.
    pub level: Level,
    /// Rule id, e.g. `E3030`.
    pub rule: String,
    /// cfn-lint's message.
    pub message: String,
    /// Location in the template, e.g. `Resources/Logs/Properties/RetentionInDays`.
    pub path: String,
    /// Line of the start of the location (1-based), when cfn-lint gives one.
    pub line: Option<u64>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self
            .line
            .map(|l| format!(" (line {l})"))
            .unwrap_or_default();
        // Enum findings list every allowed value (hundreds for instance classes): keep the head.
        let message = match self.message.char_indices().nth(MAX_MESSAGE_CHARS) {
            Some((cut, _)) => format!("{}…", &self.message[..cut]),
            None => self.message.clone(),
        };
        write!(
            f,
            "{:?} {} at {}{line}: {message}",
            self.level, self.rule, self.path
        )
    }
}

/// The findings of one cfn-lint run, per linted file (every file has an entry, maybe empty).
#[derive(Debug, Default)]
pub struct LintReport {
    /// Findings per file, in the order cfn-lint reported them.
    pub files: BTreeMap<PathBuf, Vec<Finding>>,
}

impl LintReport {
    /// The findings for `file` (as passed to [`cfn_lint`]).
    pub fn findings(&self, file: &Path) -> &[Finding] {
        self.files.get(file).map(Vec::as_slice).unwrap_or_else(|| {
            panic!("{} was not linted in this run", file.display());
        })
    }

    /// Every finding of `level` or worse, with its file.
    pub fn at_least(&self, level: Level) -> Vec<(&Path, &Finding)> {
        let all = self
            .files
            .iter()
            .flat_map(|(file, fs)| fs.iter().map(move |f| (file.as_path(), f)));
        all.filter(|(_, f)| f.level <= level).collect()
    }

    /// One line per finding, `FILE: LEVEL RULE at PATH: MESSAGE`, for assertion messages.
    pub fn render(findings: &[(&Path, &Finding)]) -> String {
        findings
            .iter()
            .map(|(file, f)| format!("  {}: {f}\n", file.display()))
            .collect()
    }
}

/// Lints every file in one cfn-lint run (start-up dominates its cost), or `None` after a skip
/// message when cfn-lint is not installed. Fails the test when cfn-lint itself fails.
pub fn cfn_lint(files: &[&Path]) -> Option<LintReport> {
    let exe = oracle_cfn_lint()?;
    let mut command = Command::new(&exe);
    command
        .args(["--format", "json", "--regions", LINT_REGION, "--"])
        .args(files);
    let output = run(&mut command);
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "cfn-lint was killed by a signal:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    // Exit code bitmask: 2 errors, 4 warnings, 8 informational; anything else is cfn-lint failing.
    if code & !0b1110 != 0 {
        panic!(
            "cfn-lint failed (exit {code}) on {files:?}:\n{}{}",
            String::from_utf8_lossy(&output.stderr),
            String::from_utf8_lossy(&output.stdout)
        );
    }
    let report = parse_lint_output(files, &output.stdout);
    check_exit_code(code, &report);
    Some(report)
}

/// Builds the report from cfn-lint's `--format json` output.
fn parse_lint_output(files: &[&Path], stdout: &[u8]) -> LintReport {
    let matches: Vec<Value> = serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "cfn-lint printed no JSON array ({e}):\n{}",
            String::from_utf8_lossy(stdout)
        )
    });
    let mut report = LintReport::default();
    for file in files {
        report.files.insert(file.to_path_buf(), Vec::new());
    }
    for m in &matches {
        let filename = str_at(m, "/Filename");
        let Some(findings) = report.files.get_mut(Path::new(filename)) else {
            panic!(
                "cfn-lint reported {filename:?}, which is not one of the linted files {files:?}"
            );
        };
        findings.push(parse_finding(m));
    }
    report
}

/// One element of cfn-lint's JSON output.
fn parse_finding(m: &Value) -> Finding {
    let level = match str_at(m, "/Level") {
        "Error" => Level::Error,
        "Warning" => Level::Warning,
        "Informational" => Level::Informational,
        other => panic!("cfn-lint reported an unknown level {other:?} in {m}"),
    };
    let segments = m.pointer("/Location/Path").and_then(Value::as_array);
    let path = segments.into_iter().flatten().map(|s| match s {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    Finding {
        level,
        rule: str_at(m, "/Rule/Id").to_string(),
        message: str_at(m, "/Message").to_string(),
        path: path.collect::<Vec<_>>().join("/"),
        line: m
            .pointer("/Location/Start/LineNumber")
            .and_then(Value::as_u64),
    }
}

/// The string at JSON `pointer` in a cfn-lint match; its absence means the output format changed.
fn str_at<'a>(m: &'a Value, pointer: &str) -> &'a str {
    m.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| {
            panic!("cfn-lint match without a string at {pointer} (output format changed?): {m}")
        })
}

/// Cross-checks the exit bitmask against the parsed findings, so a parsing slip cannot hide one.
fn check_exit_code(code: i32, report: &LintReport) {
    for (bit, level) in [
        (2, Level::Error),
        (4, Level::Warning),
        (8, Level::Informational),
    ] {
        let reported = report.files.values().flatten().any(|f| f.level == level);
        assert_eq!(
            code & bit != 0,
            reported,
            "cfn-lint's exit code {code} disagrees with its JSON output about {level:?} findings"
        );
    }
}

/// The template that example `name` prints with `synth --format json|yaml`.
pub fn example_template(name: &str, format: Format) -> String {
    let format_arg = match format {
        Format::Json => "json",
        Format::Yaml => "yaml",
    };
    let binary = example_binary(name);
    let output = run(Command::new(&binary).args(["synth", "--format", format_arg]));
    if !output.status.success() {
        panic!(
            "example {name} (`{} synth --format {format_arg}`) failed with {}:\n{}",
            binary.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| panic!("example {name} printed non-UTF-8: {e}"))
}

/// The executable of example `name`, as built by `cargo test --workspace`.
///
/// The examples are built once per test process with the very command `./scripts/test` runs
/// (`cargo test --workspace`, here with `--no-run`): any other selection unifies features
/// differently and would compile ecs-dsl a second time. Inside that run everything is already
/// fresh, so this costs well under a second; after a narrower `cargo test -p …` it builds the
/// rest of the workspace's tests once. Cargo reports the paths, so `CARGO_TARGET_DIR` is followed
/// and a stale binary from an earlier build is never run.
pub fn example_binary(name: &str) -> PathBuf {
    static EXAMPLES: OnceLock<BTreeMap<String, PathBuf>> = OnceLock::new();
    let examples = EXAMPLES.get_or_init(build_examples);
    examples.get(name).cloned().unwrap_or_else(|| {
        let known: Vec<&String> = examples.keys().collect();
        panic!("no example named {name:?} in the workspace (examples: {known:?})")
    })
}

/// Builds the workspace's tests and examples; returns every example's executable by name.
fn build_examples() -> BTreeMap<String, PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let mut command = Command::new(cargo);
    command
        .args(["test", "--workspace", "--no-run", "--quiet"])
        .arg("--message-format=json-render-diagnostics")
        .current_dir(workspace_root());
    let output = run(&mut command);
    if !output.status.success() {
        panic!(
            "building the examples ({command:?}) failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    examples_in(&output.stdout)
}

/// Example name → executable, from cargo's JSON build messages.
fn examples_in(messages: &[u8]) -> BTreeMap<String, PathBuf> {
    let messages = messages
        .split(|&b| b == b'\n')
        .filter_map(|l| serde_json::from_slice::<Value>(l).ok());
    let is_example = |m: &Value| {
        m["reason"] == "compiler-artifact"
            && m["target"]["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "example"))
    };
    let executable = |m: Value| {
        let name = m["target"]["name"].as_str()?.to_string();
        Some((name, PathBuf::from(m["executable"].as_str()?)))
    };
    messages.filter(is_example).filter_map(executable).collect()
}

/// Runs `command` to completion, failing the test with the command line when it cannot start.
fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// A fresh directory under the system temp dir, removed with everything in it on drop.
#[derive(Debug)]
pub struct ScratchDir(PathBuf);

impl ScratchDir {
    /// Creates `<tmp>/ecs-dsl-<tag>-<pid>-<unique>`.
    pub fn new(tag: &str) -> ScratchDir {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let unique = format!(
            "{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(format!("ecs-dsl-{tag}-{unique}"));
        std::fs::create_dir(&path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        ScratchDir(path)
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `contents` to `name` inside the directory and returns the file's path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        path
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A moto server on a free loopback port, stopped (SIGTERM, then kill) when dropped.
pub struct MotoServer {
    child: Child,
    port: u16,
    log: PathBuf,
    // Holds the log file; fields drop after `Drop::drop` has stopped the server.
    _dir: ScratchDir,
}

impl MotoServer {
    /// Starts `python -m moto.server` and waits (at most 20 s per attempt) until it answers.
    pub fn start(python: &Path) -> MotoServer {
        let mut failures = Vec::new();
        for _ in 0..MOTO_START_ATTEMPTS {
            let mut server = MotoServer::spawn(python);
            match server.wait_until_ready() {
                Ok(()) => return server,
                // Dropping `server` stops the failed attempt.
                Err(failure) => failures.push(failure),
            }
        }
        panic!(
            "moto did not start in {MOTO_START_ATTEMPTS} attempts:\n{}",
            failures.join("\n")
        );
    }

    /// Launches the server process on a port that was free a moment ago.
    fn spawn(python: &Path) -> MotoServer {
        let port = free_port();
        let dir = ScratchDir::new("moto");
        let log = dir.path().join("moto.log");
        let file =
            File::create(&log).unwrap_or_else(|e| panic!("cannot create {}: {e}", log.display()));
        let file_too = file
            .try_clone()
            .unwrap_or_else(|e| panic!("cannot share {}: {e}", log.display()));
        let child = Command::new(python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(file_too)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {} -m moto.server: {e}", python.display()));
        MotoServer {
            child,
            port,
            log,
            _dir: dir,
        }
    }

    /// Polls `GET /moto-api/data.json` until it answers 200, the server exits, or time runs out.
    fn wait_until_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + MOTO_START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "moto exited ({status}) before answering:\n{}",
                    self.log_tail(20)
                ));
            }
            if answers_ok(self.port) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let secs = MOTO_START_TIMEOUT.as_secs();
                return Err(format!(
                    "moto gave no answer on port {} in {secs} s:\n{}",
                    self.port,
                    self.log_tail(20)
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The server's URL, `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The last `lines` lines of the server's output, for failure messages.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read(&self.log)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM first so moto shuts down cleanly; std can only send SIGKILL.
        let pid = self.child.id().to_string();
        let mut term = Command::new("kill");
        term.args(["-TERM", &pid])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if term.status().is_ok_and(|s| s.success()) {
            let deadline = Instant::now() + MOTO_STOP_TIMEOUT;
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port that nothing listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:0: {e}"));
    listener
        .local_addr()
        .unwrap_or_else(|e| panic!("no local address: {e}"))
        .port()
}

/// Whether moto on `port` answers `GET /moto-api/data.json` with status 200.
fn answers_ok(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_secs(1)) else {
        return false;
    };
    let request = b"GET /moto-api/data.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .is_err()
        || stream.write_all(request).is_err()
    {
        return false;
    }
    let mut status_line = String::new();
    let read = BufReader::new(stream).read_line(&mut status_line);
    read.is_ok() && status_line.split_whitespace().nth(1) == Some("200")
}
