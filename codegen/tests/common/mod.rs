//! What the tests of this package share: the cfn-lint oracle.

use std::io::Write;
use std::path::PathBuf;

/// The cfn-lint package directory of the test oracle (`$ECS_DSL_CFNLINT_DIR`, which
/// `scripts/test` sets from the project venv), or `None` after printing why `what` is skipped.
/// With `ECS_DSL_ORACLES=1` a missing oracle fails the test instead.
pub fn cfnlint_dir(what: &str) -> Option<PathBuf> {
    let oracles = std::env::var("ECS_DSL_ORACLES").is_ok_and(|v| v == "1");
    let dir = std::env::var_os("ECS_DSL_CFNLINT_DIR").map(PathBuf::from);
    match dir {
        Some(d) if d.join("data/schemas/providers/us_east_1.py").is_file() => Some(d),
        other => {
            let why = match other {
                Some(d) => format!(
                    "ECS_DSL_CFNLINT_DIR={} holds no cfn-lint schemas",
                    d.display()
                ),
                None => "ECS_DSL_CFNLINT_DIR is not set".to_owned(),
            };
            assert!(
                !oracles,
                "ECS_DSL_ORACLES=1 but {why}; run ./scripts/test, which installs cfn-lint into .venv"
            );
            // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {what}: {why} (run ./scripts/test to include it)"
            );
            None
        }
    }
}
