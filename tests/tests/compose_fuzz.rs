//! The compose loader never panics: mutated fixtures (fixed seed, fixed case count) go through
//! loading and the import of every service, and each must end in a value or an error.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use ecs_dsl::compose::{ComposeFile, ImportOptions};
use ecs_dsl_tests::compose::container_json;

/// Mutants per fixture; with eight fixtures this runs in a few seconds in a debug build.
const CASES_PER_FIXTURE: usize = 400;

/// Fragments that tend to break YAML, interpolation or the compose forms.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "<<: [*a, *b]",
    "&b {x: 1}",
    "${",
    "$",
    "$$",
    "${X?boom}",
    "${X:-${Y:-z}}",
    "${X:?}",
    "\n",
    "\n  ",
    "\n    - ",
    "  ",
    "\t",
    "'",
    "\"",
    "!!str ",
    "!!int ",
    "!custom ",
    "~",
    "null",
    "true",
    "yes",
    "0755",
    "99999999999999999999",
    "-1",
    "1e400",
    ".inf",
    "65536",
    "0-70000",
    "1-3:4-5",
    "/udp",
    "[::1]:",
    "extends: a",
    "extends: {service: app, file: nope.yml}",
    "service: release",
    "---",
    "...",
    "# c",
    "é",
    "\u{feff}",
    "? ",
    "|",
    ">",
    "ports: ",
    "volumes: ",
    "environment: ",
    "healthcheck: ",
    "depends_on: ",
    "condition: service_healthy",
    "test: ",
    "/",
    "./",
    "../",
    "=",
    "size=",
    "1m30s",
    "512m",
];

/// A deterministic xorshift generator, so every run tests the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to four random edits of `text`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(6) {
            0 => {
                let end = (at + 1 + rng.below(12)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                chars.splice(at..at, token.chars());
            }
            3 => {
                let mut lines: Vec<String> = chars
                    .iter()
                    .collect::<String>()
                    .lines()
                    .map(str::to_string)
                    .collect();
                if !lines.is_empty() {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    if rng.below(2) == 0 {
                        lines.swap(a, b)
                    } else {
                        lines.insert(b, lines[a].clone())
                    }
                }
                chars = lines.join("\n").chars().collect();
            }
            4 => {
                if at < chars.len() {
                    chars[at] = char::from(b' ' + (rng.below(95) as u8));
                }
            }
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

/// Loads `text` and imports every service alone and all together, rendering every result;
/// whether the file loaded.
fn exercise(text: &str, dir: &Path, vars: &BTreeMap<String, String>) -> bool {
    let options =
        ImportOptions::new().secret("db_password", "arn:aws:secretsmanager:us-east-1:1:secret:x");
    let file = match ComposeFile::from_str(text, dir, vars) {
        Ok(file) => file,
        Err(err) => return err.to_string().is_empty(),
    };
    let names = file.service_names();
    let mut rendered = file.diagnostics().to_string().len();
    for name in &names {
        match file.container(name, &options) {
            Ok((c, diags)) => {
                rendered += container_json(&c).to_string().len() + diags.to_string().len()
            }
            Err(err) => rendered += err.to_string().len(),
        }
    }
    if let Ok((cs, _)) = file.containers(&names, &options.clone().dynamic_host_ports(true)) {
        rendered += cs.len();
    }
    rendered > 0 || names.is_empty()
}

#[test]
fn mutated_compose_files_never_panic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/compose");
    let fixtures = [
        "todobackend/docker-compose.yml",
        "full.yml",
        "anchors.yml",
        "unknown-keys.yml",
        "variants/v3.yml",
        "interpolation/docker-compose.yml",
        "extends-other/docker-compose.yml",
        "extends-other/common/base.yml",
    ];
    let vars = BTreeMap::from([("X".to_string(), "1".to_string())]);
    let mut rng = Rng(0x5eed_c0de_d00d_f00d);
    let mut failures = Vec::new();
    let mut loaded = 0usize;
    let mut total = 0usize;
    for name in fixtures {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let dir = path.parent().unwrap();
        for _ in 0..CASES_PER_FIXTURE {
            let mutant = mutate(&text, &mut rng);
            total += 1;
            match catch_unwind(AssertUnwindSafe(|| exercise(&mutant, dir, &vars))) {
                Ok(true) => loaded += 1,
                Ok(false) => {}
                Err(_) => failures.push(mutant),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} inputs panicked; the first:\n{}",
        failures.len(),
        failures[0]
    );
    assert_eq!(total, fixtures.len() * CASES_PER_FIXTURE);
    // Enough mutants still load for the import itself to be exercised, not only the parser.
    assert!(
        loaded * 5 > total,
        "only {loaded} of {total} mutants loaded"
    );
    eprintln!("{loaded} of {total} mutants loaded");
}

#[test]
fn hostile_inputs_end_in_errors() {
    // GIVEN an alias bomb, nesting deeper than the parser allows, a 200-long extends chain and
    // control characters
    let laughs = {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text + "services: {a: {image: x, command: *a11}}\n"
    };
    let deep = format!("services: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let chain: String = (0..200)
        .map(|i| format!("  s{i}: {{extends: s{}}}\n", i + 1))
        .collect();
    let cases = [
        laughs,
        deep,
        format!("services:\n{chain}  s200: {{image: x}}\n"),
        "\u{0}\u{1}: [".to_string(),
    ];
    for text in cases {
        // WHEN loaded THEN each is an error, not a panic, a hang or a stack overflow
        let result = catch_unwind(AssertUnwindSafe(|| {
            ComposeFile::from_str(&text, ".", &BTreeMap::new()).err()
        }));
        let error = result.unwrap_or_else(|_| panic!("panicked on {text:.80}"));
        assert!(error.is_some(), "expected an error for {text:.80}");
    }
}
