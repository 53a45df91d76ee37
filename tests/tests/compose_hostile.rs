//! Hostile compose input ends in a clear error, quickly and in bounded memory: devices, the
//! kernel's `/proc` files, huge files, alias bombs, names that would inject code into the
//! eject; and import time grows linearly with the number of services.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ecs_dsl::compose::eject::import_compose;
use ecs_dsl::compose::{ComposeError, ComposeFile, ImportOptions, LoadOptions};
use ecs_dsl_tests::oracle::ScratchDir;

/// Every hostile input must be refused within this.
const LIMIT: Duration = Duration::from_secs(1);

/// Held while timing, so that timed tests do not share the CPU with each other.
static TIMING: Mutex<()> = Mutex::new(());

/// Runs `f`, alone among the timed tests, and returns its result and duration.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let _alone = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Loads `text` from a scratch file and returns the error, timed.
fn refused(text: &str) -> String {
    let dir = ScratchDir::new("compose-hostile");
    let path = dir.write("compose.yml", text);
    load_error(&path)
}

/// Loads the file at `path` and returns the error, timed.
fn load_error(path: &Path) -> String {
    let (result, took) = timed(|| ComposeFile::load(path, &BTreeMap::new()));
    assert!(took < LIMIT, "took {took:?}");
    result.unwrap_err().to_string()
}

#[test]
fn a_device_as_the_compose_file_is_refused() {
    let err = load_error(Path::new("/dev/zero"));
    assert!(err.contains("a view of the running system"), "{err}");
}

#[test]
fn proc_files_are_refused_as_compose_env_file_and_extends_file() {
    // GIVEN `/proc/self/environ`, which claims to be a regular file of size 0
    let err = load_error(Path::new("/proc/self/environ"));
    assert!(err.contains("is under `/proc`"), "{err}");

    // AND as an `env_file`: the importer's environment must not reach the eject
    let err = {
        let text = "services:\n  a:\n    image: a\n    env_file: /proc/self/environ\n";
        let file = ComposeFile::from_str(text, ".", &BTreeMap::new()).unwrap();
        file.container("a", &ImportOptions::new())
            .unwrap_err()
            .to_string()
    };
    assert!(err.contains("is under `/proc`"), "{err}");

    // AND as an `extends.file`
    let err = refused(
        "services:\n  a:\n    extends: {file: /proc/self/environ, service: x}\n    image: a\n",
    );
    assert!(err.contains("is under `/proc`"), "{err}");

    // AND as `--env-file`
    let dir = ScratchDir::new("compose-hostile");
    let path = dir.write("compose.yml", "services: {a: {image: a}}\n");
    let err = ComposeFile::load_files(&[path], &LoadOptions::new().env_file("/proc/self/environ"))
        .unwrap_err();
    assert!(err.to_string().contains("is under `/proc`"), "{err}");
}

#[test]
fn a_directory_is_not_a_compose_file() {
    let dir = ScratchDir::new("compose-hostile");
    let err = load_error(dir.path());
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn huge_files_are_refused_before_reading() {
    // GIVEN a 5 MiB compose file and a 2 MiB env file
    let big = format!("services: {{a: {{image: a}}}}\n#{}\n", "x".repeat(5 << 20));
    let err = refused(&big);
    assert!(err.contains("larger than 4096 KiB"), "{err}");

    let dir = ScratchDir::new("compose-hostile");
    dir.write("big.env", &format!("A={}\n", "x".repeat(2 << 20)));
    let path = dir.write(
        "compose.yml",
        "services:\n  a: {image: a, env_file: big.env}\n",
    );
    let file = ComposeFile::load(&path, &BTreeMap::new()).unwrap();
    let err = file.container("a", &ImportOptions::new()).unwrap_err();
    assert!(err.to_string().contains("larger than 1024 KiB"), "{err}");
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("services: {a: {image: x, command: *a11}}\n");
    let err = refused(&text);
    assert!(err.contains("malformed YAML"), "{err}");
}

#[test]
fn names_that_could_inject_code_are_refused() {
    for (text, shown) in [
        (
            "services:\n  \"a\\n}\\nfn main() {}\": {image: x}\n",
            r#""a\n}\nfn main() {}""#,
        ),
        ("services:\n  \"a\\\"b\": {image: x}\n", r#""a\"b""#),
        (
            "services: {a: {image: x}}\nvolumes:\n  \"v\\u2028x\": {}\n",
            r#""v\u{2028}x""#,
        ),
    ] {
        let err = refused(text);
        assert!(
            err.contains(&format!("{shown} is not a valid name")),
            "{err}"
        );
    }
}

#[test]
fn hostile_values_stay_inside_literals_and_comments_of_the_eject() {
    // GIVEN values and keys with newlines, quotes and a bidi override
    let dir = ScratchDir::new("compose-hostile");
    let path = dir.write(
        "compose.yml",
        "services:\n  a:\n    image: \"x\\\"); evil(); (\\\"\"\n    environment:\n      \"K\\n}\\nfn evil() {}\": \"v\\u202e\"\n    bogus\u{2028}key: 1\n    \"unknown\\nkey\": 2\n",
    );
    // WHEN ejected
    let (source, _) = import_compose(&path, &[], &BTreeMap::new(), &ImportOptions::new()).unwrap();
    // THEN no line of the program starts outside a comment or the builder chain
    for line in source.lines() {
        let t = line.trim_start();
        assert!(
            !t.starts_with("fn evil") && !t.starts_with("evil("),
            "injected line: {line}\n{source}"
        );
        assert!(
            !line.contains('\u{202e}') && !line.contains('\u{2028}'),
            "{line}"
        );
    }
    assert!(source.contains(r#""K\n}\nfn evil() {}""#), "{source}");
}

#[test]
fn nothing_to_import_is_an_error() {
    let dir = ScratchDir::new("compose-hostile");
    for (text, why) in [
        (
            "services:\n  app: {build: .}\n",
            "no service has an `image`",
        ),
        ("services: {}\n", "the files have no service"),
        (
            "services:\n  a: {image: a, profiles: [dev]}\n",
            "the files have no service",
        ),
    ] {
        let path = dir.write("compose.yml", text);
        let err = import_compose(&path, &[], &BTreeMap::new(), &ImportOptions::new()).unwrap_err();
        assert!(
            matches!(&err, ComposeError::Invalid { message, .. } if message.contains(why)),
            "{err}"
        );
    }
}

#[test]
fn import_time_grows_linearly_4000_services_in_a_second() {
    // GIVEN 1,000 and 4,000 services, each with ports, environment and a health check
    let file = |n: usize| {
        let mut text = String::from(
            "x-base: &base\n  image: example/app:1\n  environment: {A: '1', B: '2'}\nservices:\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "  s{i}:\n    <<: *base\n    ports: [\"{}:80\"]\n    healthcheck: {{test: [CMD, 'true']}}\n",
                10_000 + i
            ));
        }
        text
    };
    let dir = ScratchDir::new("compose-linear");
    let mut times = Vec::new();
    for n in [1_000, 4_000] {
        let path = dir.write(&format!("compose-{n}.yml"), &file(n));
        // The best of three runs, to leave out other processes' noise.
        let best = (0..3)
            .map(|_| {
                let (result, took) =
                    timed(|| import_compose(&path, &[], &BTreeMap::new(), &ImportOptions::new()));
                let (source, _) = result.unwrap();
                assert!(source.contains(&format!("S{}TaskDefinition", n - 1)));
                took
            })
            .min()
            .unwrap();
        eprintln!("{n} services: {best:?}");
        times.push(best);
    }
    // THEN 4× the services take at most ~6× the time (quadratic growth would be 16×), and an
    // optimized build imports 4,000 services in at most a second (`--release`; a debug build
    // of the importer is several times slower)
    if !cfg!(debug_assertions) {
        assert!(times[1] <= LIMIT, "4,000 services took {:?}", times[1]);
    }
    assert!(
        times[1] <= times[0] * 6,
        "not linear: 1,000 in {:?}, 4,000 in {:?}",
        times[0],
        times[1]
    );
}
