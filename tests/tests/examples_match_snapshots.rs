//! Each example's template matches its snapshot in `tests/snapshots/<example>.json`, byte for
//! byte, and two runs print identical bytes.
//!
//! After an intended change, regenerate with `UPDATE_SNAPSHOTS=1 ./scripts/test -p ecs-dsl-tests
//! --test examples_match_snapshots` and review the diff.

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{example_template, workspace_root};

const EXAMPLES: [&str; 2] = ["todobackend", "fargate_web_app"];

#[test]
fn examples_match_their_snapshots() {
    let mut mismatched = Vec::new();
    for name in EXAMPLES {
        let actual = example_template(name, Format::Json);
        let path = workspace_root()
            .join("tests/snapshots")
            .join(format!("{name}.json"));
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it",
                path.display()
            )
        });
        if actual != expected {
            mismatched.push(first_difference(name, &expected, &actual));
        }
    }
    assert!(
        mismatched.is_empty(),
        "snapshots differ (UPDATE_SNAPSHOTS=1 regenerates them):\n{}",
        mismatched.join("\n")
    );
}

#[test]
fn two_runs_print_identical_bytes() {
    for name in EXAMPLES {
        for format in [Format::Json, Format::Yaml] {
            assert_eq!(
                example_template(name, format),
                example_template(name, format),
                "{name}"
            );
        }
    }
}

fn first_difference(name: &str, expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    let show = |text: &str| text.lines().nth(line).unwrap_or("<end of file>").to_owned();
    format!(
        "{name}: line {}: expected `{}`, got `{}`",
        line + 1,
        show(expected),
        show(actual)
    )
}
